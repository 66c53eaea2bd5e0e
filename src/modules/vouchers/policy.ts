/**
 * Who may do what with vouchers and issuances (Outline's server/policies style), built on the one policy
 * layer, src/modules/identity/scope.ts: the role lists of the routes and services, and the scope in which a
 * caller reaches an issuance or a voucher (anything outside it answers 404, as if absent).
 */
import { AppError } from '../../lib/errors.js';
import type { AuditActor } from '../audit/index.js';
import { scopeOf, type Actor, type Placement, type Scope, type Subject } from '../identity/index.js';

/** Admins: targeted issuances, revocation. */
export const ADMINS = ['city_admin', 'district_admin'] as const;
/** Who defines a custom issuance (定制发放) and uploads its list. */
export const ISSUERS = ['city_admin', 'district_admin', 'enterprise', 'provider'] as const;
/** The officers' voucher list, statistics and look-up by number. */
export const VOUCHER_OFFICERS = ['city_admin', 'district_admin', 'auditor'] as const;

const ISSUANCE_READERS: ReadonlySet<string> = new Set(['system', 'city_admin', 'auditor', 'district_admin', 'enterprise', 'provider']);
const VOUCHER_READERS: ReadonlySet<string> = new Set(['city_admin', 'auditor', 'district_admin', 'worker']);

/** The issuances an actor reaches: city admins and auditors all, a district admin its district's, an enterprise or provider its own. */
export function issuanceScope(actor: Actor | AuditActor): Scope {
  return ISSUANCE_READERS.has(actor.role) ? scopeOf(actor as Subject) : { kind: 'none' };
}

/** The vouchers an actor reads: its holder, an admin or auditor of its scope. */
export function voucherScope(actor: Actor): Scope {
  return VOUCHER_READERS.has(actor.role) ? scopeOf(actor) : { kind: 'none' };
}

/** Where a voucher sits: the district that issued it and its holder. */
export const voucherPlacement = (v: { districtCode: string | null; personId: string }): Placement => ({
  districtCodes: [v.districtCode],
  personId: v.personId,
});

/** The signed-in worker's person id; any other caller (or a worker without a person record) → 403 with `message`. */
export function workerPersonId(actor: Actor, message: string): string {
  const scope = scopeOf(actor, ['worker'], message);
  if (scope.kind !== 'person') throw new AppError('FORBIDDEN', message);
  return scope.personId;
}

/**
 * Where a caller's issuance belongs: a district admin's in their own district, an enterprise's or provider's
 * with their organisation (`enterprise`: its programme types are limited), a city admin's wherever asked.
 */
export type IssuerPlace = { kind: 'district'; districtCode: string | null } | { kind: 'org'; orgId: string | null; enterprise: boolean } | { kind: 'city' };

export function issuerPlace(actor: Actor): IssuerPlace {
  if (actor.role === 'district_admin') return { kind: 'district', districtCode: actor.districtCode };
  if (actor.role === 'enterprise' || actor.role === 'provider') return { kind: 'org', orgId: actor.orgId, enterprise: actor.role === 'enterprise' };
  return { kind: 'city' };
}
