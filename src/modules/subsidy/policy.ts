/**
 * Who may reach the subsidy module's objects — its role lists and placements, on the one policy layer
 * (identity/scope.ts): a role outside a list is refused (403 FORBIDDEN), a claim outside the caller's scope
 * answers 404 as if absent (a district admin: its district's; a worker: its own).
 */
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditActor } from '../audit/index.js';
import { covers, requireRole, scopeOf, type Actor, type Placement, type Role, type Scope, type ScopeColumns, type Subject } from '../identity/index.js';

type Roles = readonly Role[];

/** Review claims (decide, act on objections) and see the claim to-dos. */
export const REVIEWERS: Roles = ['district_admin', 'city_admin'];
/** Disbursement: make, check, generate and import (maker ≠ checker). */
export const FINANCE: Roles = ['finance', 'city_admin'];
/** Read claims (a district admin its district's, a worker its own). */
export const CLAIM_READERS: Roles = ['city_admin', 'district_admin', 'finance', 'auditor', 'worker'];
/**
 * 补贴到账: an enterprise reads the claims that concern it — paid to it (its employees' enterprise training) or made
 * on a customised voucher (企业定制券) it issued — in its own list and detail, never the officers' screens.
 */
export const ENTERPRISE_CLAIM_READERS: Roles = ['enterprise'];
/** A provider reads the claims of its own classes (their amounts and payment state, 补贴拨付进度). */
export const CLASS_CLAIM_READERS: Roles = ['provider'];
/** Officers' lists and exports of claims, notices, the calendar and the budget accounts. */
export const OFFICERS: Roles = ['city_admin', 'district_admin', 'finance', 'auditor'];
/** Read batches and their payments. */
export const BATCH_READERS: Roles = ['finance', 'city_admin', 'auditor'];
/** The officers' queue of objections. */
export const OBJECTION_READERS: Roles = ['district_admin', 'city_admin', 'auditor'];
/** Re-queue a failed claim once its payee's account is corrected. */
export const REQUEUERS: Roles = ['finance', 'city_admin', 'district_admin'];
/** The funds check and the debtor accounts. */
export const FUNDS_READERS: Roles = ['city_admin', 'finance', 'auditor'];
/** The working-day calendar and the debtor accounts are set by the city admin. */
export const CITY_ADMIN: Roles = ['city_admin'];

/** An audit actor (a signed-in account or the system) as the policy layer's subject. */
export const subjectOf = (by: AuditActor): Subject => (by.role === 'system' ? { role: 'system' } : { role: by.role, districtCode: null, orgId: null });

/** 403 unless the actor (or the system) is finance or a city admin. */
export const requireFinance = (by: AuditActor): void => requireRole(subjectOf(by), FINANCE, 'disbursement is for finance');

/** A claim's placing facts (its row's columns). */
export interface ClaimPlace {
  district_code: string | null;
  person_id: string;
  payee_id: string | null;
  issuer_org_id: string | null;
}

/**
 * Where a claim sits: its district, its person, and the organisations it concerns — its payee (an enterprise or a
 * provider paid; a person's id never matches an organisation's) and the issuer of its customised voucher.
 */
export const claimPlacement = (c: ClaimPlace): Placement => ({
  districtCodes: [c.district_code],
  personId: c.person_id,
  orgIds: [c.payee_id, c.issuer_org_id],
});

/** The same placement as the list's SQL condition (`scopeSql`), on subsidy_claims' columns. */
export const CLAIM_SCOPE_COLUMNS: ScopeColumns = { district: 'district_code', person: 'person_id', org: ['payee_id', 'issuer_org_id'] };

const SCOPED_READERS: Roles = [...CLAIM_READERS, ...ENTERPRISE_CLAIM_READERS];

/** The claims an actor reaches: the readers' scope (an enterprise: the claims that concern it); any other role reaches none. */
export const claimScope = (actor: Subject): Scope => (SCOPED_READERS.includes(actor.role as Role) ? scopeOf(actor) : { kind: 'none' });

/** 404 ('claim not found') unless the actor reaches the claim. */
export function assertClaimInScope(actor: Subject, c: ClaimPlace): void {
  if (!covers(claimScope(actor), claimPlacement(c))) throw notFound('claim');
}

/** 我能领吗？补多少？: a worker pre-checks for themself. */
export const PRECHECKERS: Roles = ['worker'];

/** The signed-in worker's own person (403 for any other account). */
export function workerOf(actor: Actor, message: string): string {
  const scope = scopeOf(actor, PRECHECKERS, message);
  if (scope.kind !== 'person') throw new AppError('FORBIDDEN', message);
  return scope.personId;
}
