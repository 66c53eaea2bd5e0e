/**
 * Who may do what in the person registry, built on the one policy layer (src/modules/identity/scope.ts):
 * city admins and auditors reach everyone, a district admin the persons of their district, a worker
 * themself; anyone else nobody. A person outside the caller's scope is 404, as if absent.
 */
import type { Queryable } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { covers, requireRole, scopeOf, type Actor, type Scope } from '../identity/index.js';
import { getPerson, type Person } from './records.js';

/** Who registers, imports and edits persons. */
export const STAFF_WRITERS = ['city_admin', 'district_admin'] as const;
/** Who searches the registry. */
export const REGISTRY_READERS = ['city_admin', 'auditor', 'district_admin'] as const;

const SCOPED_ROLES: ReadonlySet<string> = new Set(['city_admin', 'auditor', 'district_admin', 'worker']);

export function requireStaffWriter(actor: Actor): void {
  requireRole(actor, STAFF_WRITERS, 'only city and district admins register persons');
}

/** The persons an actor reaches. */
export function personScope(actor: Actor): Scope {
  return SCOPED_ROLES.has(actor.role) ? scopeOf(actor) : { kind: 'none' };
}

/** The person if the actor reaches them; else 404. */
export async function loadInScope(actor: Actor, q: Queryable, id: string): Promise<Person> {
  const p = await getPerson(q, id);
  if (!p || !covers(personScope(actor), { districtCodes: [p.districtCode], personId: p.id })) throw notFound('person', 'id');
  return p;
}

/** A district admin works in their own district only (none given: theirs). */
export function districtFor(actor: Actor, requested: string | null | undefined): string | null | undefined {
  const confined = confinedDistrict(actor);
  if (!confined) return requested;
  if (requested === undefined || requested === null) return confined.districtCode;
  if (requested !== confined.districtCode)
    throw new AppError('VALIDATION_FAILED', `a district admin registers persons of district ${confined.districtCode} only`, 'districtCode');
  return requested;
}

/** The district a caller's writes are confined to (a district admin: theirs, possibly none), or null for the city-wide admin. */
export const confinedDistrict = (actor: Actor): { districtCode: string | null } | null =>
  actor.role === 'district_admin' ? { districtCode: actor.districtCode } : null;
