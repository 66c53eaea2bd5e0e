/**
 * Who may do what in training evaluation, named on the one policy layer (identity/scope.ts): a worker rates the
 * classes they completed; city and district admins moderate comments (a district admin: their district's classes;
 * another district's rating → 404) and read the share of completers who rated; auditors read it too; a provider reads
 * its classes' ratings and replies to their published comments (another provider's → 404).
 */
import { AppError } from '../../lib/errors.js';
import { scopeOf, type Actor, type Scope } from '../identity/index.js';

export const RATERS = ['worker'] as const;
export const MODERATORS = ['city_admin', 'district_admin'] as const;
export const COVERAGE_READERS = ['city_admin', 'district_admin', 'auditor'] as const;
export const REPLIERS = ['provider'] as const;

/** The worker who rates (403 for any other account). */
export function raterOf(actor: Actor): string {
  const scope = scopeOf(actor, RATERS, 'only trainees rate classes');
  if (scope.kind !== 'person') throw new AppError('FORBIDDEN', 'only trainees rate classes');
  return scope.personId;
}

/** The ratings a moderator reaches: the city or one district (an admin without a district: none). */
export const moderatorScope = (actor: Actor): Scope => scopeOf(actor, MODERATORS, 'only city and district admins moderate comments');

/** Who reads the share of completers who rated: the city, one district. */
export const coverageScope = (actor: Actor): Scope => scopeOf(actor, COVERAGE_READERS, 'not for this role');

/** The provider whose classes' ratings these are (403 for anyone else). */
export function providerOf(actor: Actor): string {
  const scope = scopeOf(actor, REPLIERS, 'for training providers');
  if (scope.kind !== 'org') throw new AppError('FORBIDDEN', 'for training providers');
  return scope.orgId;
}
