/**
 * Who may do what with service ratings (好差评), on the one policy layer (identity/scope.ts): a worker rates the
 * services they received and reads their own ratings; city admins, district admins (their district's services)
 * and auditors read the counts.
 */
import { AppError } from '../../lib/errors.js';
import { scopeOf, type Actor, type Scope } from '../identity/index.js';

export const RATERS = ['worker'] as const;
export const STATS_READERS = ['city_admin', 'district_admin', 'auditor'] as const;

/** The worker who rates (403 for any other account). */
export function raterOf(actor: Actor): string {
  const scope = scopeOf(actor, RATERS, 'only the person served rates a service');
  if (scope.kind !== 'person') throw new AppError('FORBIDDEN', 'only the person served rates a service');
  return scope.personId;
}

/** The statistics' scope: the city, or one district. */
export const statsScope = (actor: Actor): Scope => scopeOf(actor, STATS_READERS, 'the rating statistics are for officers');
