/**
 * Who may do what in rehabilitation, on the one policy layer (identity/scope.ts). A case sits in its
 * recognition's district, with its employer and (once placed) its hospital as its organisations and the
 * injured worker as its person: a district officer reaches the district's, an employer its employees', a
 * hospital the cases placed at it, a worker their own; the committee, city admins and auditors every case.
 * Out of scope reads as absent (404).
 */
import { AppError } from '../../lib/errors.js';
import { assertInScope, scopeOf, type Actor, type Role, type Scope, type ScopeColumns } from '../identity/index.js';

type Roles = readonly Role[];
/** Who reads recognitions and cases. */
export const CASE_READERS: Roles = ['worker', 'enterprise', 'district_admin', 'city_admin', 'committee', 'hospital', 'auditor'];
export const RECOGNITION_READERS: Roles = ['worker', 'enterprise', 'district_admin', 'city_admin', 'committee', 'auditor'];
/** District officers (and the city) enter, import and sync recognitions and issue the retraining voucher. */
export const OFFICERS: Roles = ['district_admin', 'city_admin'];
/** The worker applies; the employer applies for its employee (the worker confirms). */
export const APPLICANTS: Roles = ['worker', 'enterprise'];
export const COMMITTEE: Roles = ['committee'];
export const REVIEWERS: Roles = ['committee', 'city_admin', 'auditor'];
export const HOSPITAL: Roles = ['hospital'];
export const STATS_READERS: Roles = ['district_admin', 'city_admin', 'committee', 'auditor'];

/** The columns that place a case row (alias c). */
export const CASE_COLUMNS: ScopeColumns = { district: 'c.district_code', org: ['c.employer_org_id', 'c.hospital_id'], person: 'c.person_id' };
/** The columns that place a recognition row (alias r). */
export const RECOGNITION_COLUMNS: ScopeColumns = { district: 'r.district_code', org: 'r.employer_org_id', person: 'r.person_id' };

export interface CasePlace {
  district_code: string;
  employer_org_id: string | null;
  hospital_id: string | null;
  person_id: string;
}

export const scopeFor = (actor: Actor, roles: Roles, message = 'not for this role'): Scope => scopeOf(actor, roles, message);

/** 404 unless the case is in the scope. */
export function assertCaseInScope(scope: Scope, c: CasePlace): void {
  assertInScope(scope, { districtCodes: [c.district_code], orgIds: [c.employer_org_id, c.hospital_id], personId: c.person_id }, 'rehabilitation case');
}

/** The caller's organisation when it is a hospital account (403 otherwise). */
export function hospitalOf(actor: Actor): string {
  const scope = scopeOf(actor, HOSPITAL, 'for the staff of a designated hospital');
  if (scope.kind !== 'org') throw new AppError('FORBIDDEN', 'this account belongs to no hospital');
  return scope.orgId;
}
