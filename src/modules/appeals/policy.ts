/**
 * Who may do what with appeals (申诉), on the one policy layer (identity/scope.ts): a worker appeals their own
 * refusals, a provider those of its own objects (claims and check-ins of its classes); district admins handle their
 * district's appeals, city admins every one. Another scope's appeal or object answers 404.
 */
import { AppError } from '../../lib/errors.js';
import { scopeOf, type Actor, type Role, type Scope, type ScopeColumns } from '../identity/index.js';

type Roles = readonly Role[];
/** Who appeals (and reads their own appeals). */
export const APPELLANTS: Roles = ['worker', 'provider'];
/** Who takes, answers and closes an appeal, and lists the queue. */
export const HANDLERS: Roles = ['district_admin', 'city_admin'];
/** Who reads one appeal (each in its scope). */
export const READERS: Roles = [...APPELLANTS, ...HANDLERS];

/** The columns that place an appeal row (alias a). */
export const APPEAL_COLUMNS: ScopeColumns = { district: 'a.district_code', org: 'a.provider_id', person: 'a.person_id' };

/** The appellant's scope: a worker's person or a provider's organisation (403 for anyone else, or an unanchored account). */
export function appellantScope(actor: Actor): Extract<Scope, { kind: 'person' } | { kind: 'org' }> {
  const scope = scopeOf(actor, APPELLANTS, 'workers and providers appeal');
  if (scope.kind !== 'person' && scope.kind !== 'org') throw new AppError('FORBIDDEN', 'this account belongs to no person or organisation');
  return scope;
}

/** The officer's scope: the city or one district (403 otherwise). */
export function handlerScope(actor: Actor): Scope {
  const scope = scopeOf(actor, HANDLERS, 'district and city admins handle appeals');
  if (scope.kind === 'none') throw new AppError('FORBIDDEN', 'this officer has no district');
  return scope;
}

export const readerScope = (actor: Actor): Scope => scopeOf(actor, READERS, 'not for this role');

/** Where an appeal sits, for `assertInScope`. */
export const placementOf = (a: { district_code: string | null; provider_id: string | null; person_id: string }) => ({
  districtCodes: [a.district_code],
  orgIds: [a.provider_id],
  personId: a.person_id,
});
