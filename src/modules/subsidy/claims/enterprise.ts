/**
 * 补贴到账: an enterprise's read-only view of the claims that concern it — paid to it (its employees' enterprise
 * training) or made on a customised voucher (企业定制券) it issued. The list is the claims' one scoped query
 * (`scopedClaims`, the enterprise's scope in policy.ts); one claim is the scoped read (`claimFor`: another
 * enterprise's claim answers 404). The employee is masked; no account, no other claim of the person.
 */
import type { z } from 'zod';
import type { Queryable } from '../../../db/index.js';
import { maskName } from '../../../lib/identifiers.js';
import * as catalog from '../../catalog/index.js';
import { requireRole, scopeOf, type Actor } from '../../identity/index.js';
import * as orgs from '../../orgs/index.js';
import * as persons from '../../persons/index.js';
import * as training from '../../training/index.js';
import { ENTERPRISE_CLAIM_READERS } from '../policy.js';
import type { ClaimState } from '../rules.js';
import type { EnterpriseClaimDetailSchema, EnterpriseClaimPageSchema, EnterpriseClaimSchema } from '../schemas.js';
import { claimFor, type ClaimRow } from './claim-row.js';
import { scopedClaims } from './queries.js';

export type EnterpriseClaim = z.infer<typeof EnterpriseClaimSchema>;
export type EnterpriseClaimPage = z.infer<typeof EnterpriseClaimPageSchema>;
export type EnterpriseClaimDetail = z.infer<typeof EnterpriseClaimDetailSchema>;

export interface EnterpriseClaimFilter {
  status?: ClaimState | undefined;
  year?: number | undefined;
  limit: number;
  offset: number;
}

/** The enterprise's claims that the filters show (newest first), with the sums paid over all of them. */
export async function listEnterpriseClaims(actor: Actor, q: Queryable, f: EnterpriseClaimFilter): Promise<EnterpriseClaimPage> {
  const scope = scopeOf(actor, ENTERPRISE_CLAIM_READERS, 'not for this role');
  const orgId = scope.kind === 'org' ? scope.orgId : null;
  const { total, paidFen, paidToFen, rows } = await scopedClaims(scope, q, f, orgId);
  const paidAt = await paidTimes(
    q,
    rows.map((r) => r.id),
  );
  return { total, paidFen, paidToEnterpriseFen: paidToFen, items: await Promise.all(rows.map((r) => present(q, r, orgId, paidAt.get(r.id) ?? null))) };
}

/** One claim of the enterprise with its steps (another enterprise's, or one that does not concern it → 404). */
export async function getEnterpriseClaim(actor: Actor, q: Queryable, id: string): Promise<EnterpriseClaimDetail> {
  requireRole(actor, ENTERPRISE_CLAIM_READERS, 'not for this role');
  const c = await claimFor(actor, q, id);
  const { rows } = await q.query<{ to_status: ClaimState; at: Date }>('SELECT to_status, at FROM claim_events WHERE claim_id = $1 ORDER BY id', [c.id]);
  const paid = rows.filter((e) => e.to_status === 'paid').pop()?.at ?? null;
  return {
    ...(await present(q, c, actor.orgId, paid)),
    events: rows.map((e) => ({ to: e.to_status, at: e.at.toISOString() })),
  };
}

/** When the bank confirmed each claim's (latest) payment. */
async function paidTimes(q: Queryable, ids: string[]): Promise<Map<string, Date>> {
  if (!ids.length) return new Map();
  const { rows } = await q.query<{ claim_id: string; at: Date }>(
    `SELECT claim_id, max(at) AS at FROM claim_events WHERE claim_id = ANY($1::uuid[]) AND to_status = 'paid' GROUP BY claim_id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.claim_id, r.at]));
}

/** The enterprise's view of a claim: names through their owners' faces (coalesced look-ups), the employee masked. */
async function present(q: Queryable, c: ClaimRow, orgId: string | null, paidAt: Date | null): Promise<EnterpriseClaim> {
  const [person, occupation, programme, cls, provider] = await Promise.all([
    persons.getPerson(q, c.person_id),
    catalog.getOccupation(q, c.occupation_code),
    catalog.getProgramme(q, c.programme_id),
    c.class_id ? training.getClass(q, c.class_id) : null,
    c.provider_id ? orgs.getOrg(q, c.provider_id) : null,
  ]);
  return {
    id: c.id,
    number: c.number,
    employeeNameMasked: person ? maskName(person.name) : null,
    programmeName: programme?.name ?? null,
    occupationCode: c.occupation_code,
    occupationName: occupation?.name ?? null,
    level: c.level,
    className: cls?.name ?? null,
    providerName: provider?.name ?? null,
    amountFen: Number(c.amount_fen),
    status: c.status,
    payeeKind: c.payee_kind,
    paidToThisEnterprise: orgId !== null && c.payee_id === orgId,
    payeeKnown: c.payee_id !== null,
    customVoucher: orgId !== null && c.issuer_org_id === orgId,
    noticeLastDay: c.notice_last_day,
    paidAt: paidAt ? paidAt.toISOString() : null,
    createdAt: c.created_at.toISOString(),
  };
}
