/**
 * Who reads a lifelong record, on the one policy layer (identity/scope.ts through the persons module): the
 * worker their own; city admins and auditors anyone's; a district admin the persons of their district (another
 * district's person → 404, as if absent). Documents are issued to the worker for themself, and to officers in
 * scope. The verify page is public and shows no more than the masked name.
 */
import type { Queryable } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { requireRole, type Actor } from '../identity/index.js';
import * as persons from '../persons/index.js';

export const RECORD_OFFICERS = ['city_admin', 'district_admin', 'auditor'] as const;

/** The person whose record this is, if the actor reaches them (403 for other roles, 404 out of scope). */
export async function personForRecord(actor: Actor, q: Queryable, personId: string): Promise<persons.Person> {
  requireRole(actor, [...RECORD_OFFICERS, 'worker'], 'not for this role');
  await persons.getPersonFor(actor, q, personId);
  const p = await persons.getPerson(q, personId);
  if (!p) throw new AppError('NOT_FOUND', 'person not found', 'personId');
  return p;
}

/** The worker's own person. */
export async function ownPerson(actor: Actor, q: Queryable): Promise<persons.Person> {
  requireRole(actor, ['worker'], 'for workers');
  if (!actor.personId) throw new AppError('FORBIDDEN', 'for workers');
  return personForRecord(actor, q, actor.personId);
}
