/**
 * Who reaches what in training, named once and built on the one policy layer (identity/scope.ts): the roles
 * that read training records and their scope (a provider its own, a district admin its district, city admins
 * and auditors everything), the provider that manages its venues, courses and classes, the admins that grant
 * approvals, the worker that registers. Another scope's object answers 404, as if absent.
 */
import { AppError, notFound } from '../../lib/errors.js';
import { assertInScope, covers, scopeOf, type Actor, type Role, type Scope } from '../identity/index.js';

/** Roles that read training records (venues, courses, classes, rosters, approvals); the routes declare them (this order is the OpenAPI document's x-roles). */
export const READERS = ['city_admin', 'district_admin', 'auditor', 'provider'] as const satisfies readonly Role[];
/** Roles that grant and revoke a provider's approvals. */
export const APPROVERS = ['city_admin', 'district_admin'] as const satisfies readonly Role[];

/** Where a training record sits: its provider and its district. */
export const placed = (o: { providerId: string; districtCode: string | null }) => ({ orgIds: [o.providerId], districtCodes: [o.districtCode] });

/** The columns that place a row of venues and training_classes in a scope. */
export const SCOPE_COLUMNS = { org: 'provider_id', district: 'district_code' } as const;

/** The reader's scope: 403 for other roles, and for an admin or provider account without its district or organisation. */
export function readScope(actor: Actor): Scope {
  const s = scopeOf(actor, READERS, `role ${actor.role} may not read training records`);
  if (s.kind === 'none')
    throw new AppError('FORBIDDEN', actor.role === 'district_admin' ? 'this admin account has no district' : 'this account belongs to no provider');
  return s;
}

/** 404 (as if absent) unless the record exists and is in the reader's scope. */
export function assertReadable<T extends { providerId: string; districtCode: string | null }>(
  s: Scope,
  o: T | null | undefined,
  what: string,
  field = 'id',
): asserts o is T {
  if (!o) throw notFound(what, field);
  assertInScope(s, placed(o), what, field);
}

const PROVIDER_ONLY = 'only a provider account manages its venues, courses and classes';

/** The provider account's own organisation id (only providers manage venues, courses and classes). */
export function requireProvider(actor: Actor): string {
  const s = scopeOf(actor, ['provider'], PROVIDER_ONLY);
  if (s.kind !== 'org') throw new AppError('FORBIDDEN', PROVIDER_ONLY);
  return s.orgId;
}

/** 404 unless the record is the signed-in provider's own (another provider's reads as absent). */
export function assertOwn<T extends { providerId: string }>(providerId: string, o: T | null | undefined, what: string, field = 'id'): asserts o is T {
  assertInScope({ kind: 'org', orgId: providerId }, { orgIds: [o?.providerId] }, what, field);
}

/** The approver's scope: a city admin every provider, a district admin those of its district (403 for other roles). */
export const approverScope = (actor: Actor): Scope => scopeOf(actor, APPROVERS, 'only a city or district admin grants approvals');

/** The worker's own person id; 403 (with `message`) for any other account. */
export function requireWorker(actor: Actor, message: string): string {
  const s = scopeOf(actor, ['worker'], message);
  if (s.kind !== 'person') throw new AppError('FORBIDDEN', message);
  return s.personId;
}

/** An admission is withdrawn by its provider or its worker; anyone else finds none (404). */
export function ownsAdmission(actor: Actor, a: { providerId: string; personId: string }): boolean {
  const s = scopeOf(actor);
  // only its own organisation's or person's: a city-wide or district scope withdraws nothing
  return (s.kind === 'org' || s.kind === 'person') && covers(s, { orgIds: [a.providerId], personId: a.personId });
}

/** The signed-in worker's person id, if the caller is one (the search's subsidy estimate); null otherwise. */
export function workerOf(actor: Actor | null): string | null {
  if (!actor) return null;
  const s = scopeOf(actor);
  return s.kind === 'person' ? s.personId : null;
}
