/**
 * Who may do what in assessment, named on the one policy layer (identity/scope.ts): city and district admins
 * assign classes to assessment bodies (a district admin: their district's classes; another's → 404); an
 * assessment body's assessors record results for the classes assigned to it; a worker reads their own
 * certificates.
 */
import type { Queryable } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { scopeOf, type Actor, type Scope } from '../identity/index.js';
import * as orgs from '../orgs/index.js';

const ASSESSORS = ['assessor'] as const;
const ASSIGNERS = ['city_admin', 'district_admin'] as const;
/** Who reads assignments: the admins, auditors, the assessment body and the class's provider. */
const ASSIGNMENT_READERS = ['city_admin', 'district_admin', 'auditor', 'assessor', 'provider'] as const;
/** Who reads results: the assessment body that recorded them, the admins and auditors. */
const RESULT_READERS = ['assessor', 'city_admin', 'district_admin', 'auditor'] as const;
const HOLDERS = ['worker'] as const;

/** The caller's active assessment body (403 for any other account). */
export async function requireAssessor(actor: Actor, q: Queryable): Promise<orgs.Org> {
  const message = 'only assessment bodies record results';
  const scope = scopeOf(actor, ASSESSORS, message);
  if (scope.kind !== 'org') throw new AppError('FORBIDDEN', message);
  const org = await orgs.requireActiveOrg(q, scope.orgId);
  if (org.kind !== 'assessor') throw new AppError('FORBIDDEN', 'the account’s organisation is not an assessment body');
  return org;
}

/** The classes an assigner reaches: the city, or one district (403 for anyone else, and for an admin without a district). */
export function assignerScope(actor: Actor): Scope {
  const scope = scopeOf(actor, ASSIGNERS, 'only city and district admins assign assessment bodies');
  if (scope.kind === 'none') throw new AppError('FORBIDDEN', 'this admin account has no district');
  return scope;
}

/**
 * The assignments a reader reaches (an assignment sits in its class's district, with its assessment body and
 * the class's provider as its organisations; a body is one kind of organisation, so the two never mix).
 */
export const assignmentReaderScope = (actor: Actor): Scope => scopeOf(actor, ASSIGNMENT_READERS, 'not for this role');

/** The results a reader reaches: the city, one district (by the voucher's), or the assessment body's own. */
export const resultReaderScope = (actor: Actor): Scope => scopeOf(actor, RESULT_READERS, 'not for this role');

/** The worker whose certificates these are (403 for anyone else). */
export function holderOf(actor: Actor): string {
  const scope = scopeOf(actor, HOLDERS, 'for workers');
  if (scope.kind !== 'person') throw new AppError('FORBIDDEN', 'for workers');
  return scope.personId;
}
