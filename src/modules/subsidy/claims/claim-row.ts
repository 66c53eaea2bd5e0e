/**
 * The claim (核验): its row, its view (the one mapper of a subsidy_claims row), the state change with its
 * trail, the scoped read of one claim and the person's lock.
 */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../../db/index.js';
import { lockKey } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { AppError, notFound } from '../../../lib/errors.js';
import { isUuid, maskName } from '../../../lib/identifiers.js';
import type { AuditActor } from '../../audit/index.js';
import type { Actor } from '../../identity/index.js';
import * as messages from '../../messages/index.js';
import { recordClaimMoves } from '../analytics-facts.js';
import { assertClaimInScope } from '../policy.js';
import { canMoveClaim, failedRules, noticeEnded, reasonCodes, type ClaimState, type RuleResult } from '../rules.js';
import type { ClaimViewSchema } from '../schemas.js';

export interface ClaimRow {
  id: string;
  number: string;
  voucher_id: string;
  result_id: string | null;
  person_id: string;
  programme_id: string;
  district_code: string | null;
  year: number;
  occupation_code: string;
  level: number;
  provider_id: string | null;
  class_id: string | null;
  standard_fen: number;
  uplift_pct: number;
  ratio_pct: number;
  fee_fen: number;
  amount_fen: number;
  status: ClaimState;
  rules: RuleResult[];
  payee_kind: 'person' | 'provider' | 'enterprise';
  payee_id: string | null;
  payee_key: string;
  payee_name: string | null;
  payee_account_enc: string | null;
  payee_account_last4: string | null;
  payee_bank: string | null;
  budget_account_id: string | null;
  notice_published_at: Date | null;
  notice_last_day: string | null;
  notice_provisional: boolean;
  decided_by: string | null;
  decided_at: Date | null;
  opinion: string | null;
  /** Why a reviewer approved although a rule failed (null otherwise). */
  override_reason: string | null;
  fail_reason: string | null;
  attempt: number;
  voucher_settled: boolean;
  /** Apprenticeship claims: the months of the training period subsidised (null for other programmes). */
  apprenticeship_months: number | null;
  /** The person category whose ratio the amount uses (null: none / unknown). */
  ratio_category: string | null;
  /** The day of the pass the claim pays for (YYYY-MM-DD; null for claims made before it was kept and without a result). */
  passed_on: string | null;
  /** The certificate number of the pass the claim pays for (null: no certificate, or a claim without a result). */
  certificate_number: string | null;
  /** 定制券: the organisation whose customised issuance issued the voucher (null for other vouchers). */
  issuer_org_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export type ClaimView = z.infer<typeof ClaimViewSchema>;

export function presentClaim(r: ClaimRow, now = clockNow()): ClaimView {
  return {
    id: r.id,
    number: r.number,
    voucherId: r.voucher_id,
    personId: r.person_id,
    programmeId: r.programme_id,
    districtCode: r.district_code,
    year: r.year,
    occupationCode: r.occupation_code,
    level: r.level,
    standardFen: r.standard_fen,
    upliftPct: r.uplift_pct,
    ratioPct: r.ratio_pct,
    feeFen: r.fee_fen,
    amountFen: r.amount_fen,
    apprenticeshipMonths: r.apprenticeship_months,
    ratioCategory: r.ratio_category,
    status: r.status,
    rules: r.rules,
    failedRules: failedRules(r.rules).map((x) => x.rule),
    reasonCodes: reasonCodes(r.rules),
    payee: {
      kind: r.payee_kind,
      // a person's name is personal data: masked like every person's name; an organisation's name stays
      name: r.payee_kind === 'person' && r.payee_name ? maskName(r.payee_name) : r.payee_name,
      // only the last four digits are kept in clear on the claim: no made-up prefix
      accountMasked: r.payee_account_last4 ? `**** **** **** ${r.payee_account_last4}` : null,
      bankName: r.payee_bank,
    },
    notice: {
      publishedAt: r.notice_published_at?.toISOString() ?? null,
      lastDay: r.notice_last_day,
      lastDayProvisional: r.notice_provisional,
      ended: r.notice_last_day !== null && noticeEnded(r.notice_last_day, now),
    },
    decision: { by: r.decided_by, at: r.decided_at?.toISOString() ?? null, opinion: r.opinion, overrideReason: r.override_reason ?? null },
    failReason: r.fail_reason,
    attempt: r.attempt,
    createdAt: r.created_at.toISOString(),
    waitingWorkingDays: null,
  };
}

/** The claim's trail: one row per state change. */
export async function claimEvent(tx: Tx, by: AuditActor, claimId: string, from: ClaimState | null, to: ClaimState, reason: string | null): Promise<void> {
  await tx.query('INSERT INTO claim_events (claim_id, from_status, to_status, actor_id, actor_role, reason) VALUES ($1,$2,$3,$4,$5,$6)', [
    claimId,
    from,
    to,
    by.accountId,
    by.role,
    reason,
  ]);
}

/** Conditional state change + event row (the caller writes the audit entry). */
export async function moveClaim(
  tx: Tx,
  by: AuditActor,
  c: ClaimRow,
  to: ClaimState,
  reason: string | null,
  set: Record<string, unknown> = {},
): Promise<ClaimRow> {
  if (!canMoveClaim(c.status, to)) throw new AppError('CLAIM_STATE_INVALID', `a claim in state ${c.status} cannot become ${to}`, 'status', { state: c.status });
  const cols = Object.keys(set);
  const sets = cols.map((k, i) => `${k} = $${i + 4}`).join(', ');
  const { rows } = await tx.query<ClaimRow>(
    `UPDATE subsidy_claims SET status = $2, updated_at = now()${sets ? `, ${sets}` : ''} WHERE id = $1 AND status = $3 RETURNING *`,
    [c.id, to, c.status, ...cols.map((k) => set[k])],
  );
  if (!rows[0]) throw new AppError('CLAIM_STATE_INVALID', 'the claim changed meanwhile; reload it', 'status');
  await claimEvent(tx, by, c.id, c.status, to, reason);
  // the statistics' deltas (−1 the old state, +1 the new one), in the move's own transaction
  await recordClaimMoves(tx, [{ claim: rows[0], from: c.status, to, at: clockNow() }]);
  await messages.notifyMany(tx, claimMessages(c.status, rows[0], reason));
  return rows[0];
}

/** What the claim's holder is told of a move (approved and its public notice, held, rejected with the reason). */
function claimMessages(from: ClaimState, c: ClaimRow, reason: string | null): messages.NotifyInput[] {
  const base = { key: `${c.id}:${from}>${c.status}:${c.updated_at.toISOString()}`, personId: c.person_id, link: `/vouchers/${c.voucher_id}` };
  if (c.status === 'approved' && (from === 'in_review' || from === 'held')) {
    const out: messages.NotifyInput[] = [{ ...base, event: 'claim.approved', vars: { amountYuan: messages.yuan(c.amount_fen) } }];
    if (c.notice_last_day && from === 'in_review') out.push({ ...base, event: 'claim.notice_started', vars: { noticeEnds: c.notice_last_day } });
    return out;
  }
  if (c.status === 'held') return [{ ...base, event: 'claim.held', vars: { reason: '收到异议，正在核实' } }];
  if (c.status === 'rejected') return [{ ...base, event: 'claim.rejected', vars: { reason: reason?.trim() || '不符合补贴条件' } }];
  return [];
}

/** One claim in the actor's scope (another district's, another worker's, or any for other roles → 404). */
export async function claimFor(actor: Actor, q: Queryable, id: string, lock = false): Promise<ClaimRow> {
  if (!isUuid(id)) throw notFound('claim');
  const { rows } = await q.query<ClaimRow>(`SELECT * FROM subsidy_claims WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  const c = rows[0];
  if (!c) throw notFound('claim');
  assertClaimInScope(actor, c);
  return c;
}

/** One person's claims are created and decided one at a time (the limits count the person's history). */
export async function lockPerson(tx: Tx, personId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(`claim-person:${personId}`)]);
}
