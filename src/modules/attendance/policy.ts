/**
 * Who may do what in attendance, named on the one policy layer (identity/scope.ts): a trainee checks in
 * for themself, a provider imports its own online classes' records, district and city admins review flagged
 * check-ins (a district admin: their district's; another district's → 404).
 */
import { AppError } from '../../lib/errors.js';
import { scopeOf, type Actor, type Scope } from '../identity/index.js';

const TRAINEES = ['worker'] as const;
const PROVIDERS = ['provider'] as const;
const REVIEWERS = ['district_admin', 'city_admin'] as const;

/** The person who checks in: a worker's own (403 for anyone else). */
export function traineeOf(actor: Actor): string {
  const message = 'only a trainee checks in';
  const scope = scopeOf(actor, TRAINEES, message);
  if (scope.kind !== 'person') throw new AppError('FORBIDDEN', message);
  return scope.personId;
}

/** The provider importing an online class's records (403 for anyone else; training's readClass scopes the class). */
export function requireImporter(actor: Actor): void {
  const message = 'only the class’s provider imports its online records';
  if (scopeOf(actor, PROVIDERS, message).kind !== 'org') throw new AppError('FORBIDDEN', message);
}

/** The check-ins a reviewer reaches: the city (city admin) or one district (403 for anyone else). */
export function reviewScope(actor: Actor): Scope {
  const message = 'only district and city admins review check-ins';
  const scope = scopeOf(actor, REVIEWERS, message);
  if (scope.kind === 'none') throw new AppError('FORBIDDEN', message);
  return scope;
}

/** Where a check-in sits, for the review scope. */
export const placementOfCheckIn = (r: { district_code: string }) => ({ districtCodes: [r.district_code] });

/**
 * Which part of a class sheet the reader sees: a worker only their own line (`personId`), every other reader
 * the whole sheet of a class that training lets them read; an account anchored nowhere (none) reaches no
 * class (`personId` null: 404).
 */
export function sheetLineOf(actor: Actor): { own: true; personId: string | null } | { own: false } {
  const scope: Scope = scopeOf(actor);
  if (scope.kind === 'person') return { own: true, personId: scope.personId };
  if (scope.kind === 'none') return { own: true, personId: null };
  return { own: false };
}
