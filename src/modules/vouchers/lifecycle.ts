/**
 * The voucher lifecycle's writes: a transition (one conditional UPDATE + event + audit), the closing of a
 * rejected claim's voucher, the set-based settlement (核销) and revocation.
 */
import type { Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import { covers, requireRole, type Actor } from '../identity/index.js';
import { ADMINS, voucherPlacement, voucherScope } from './policy.js';
import { getVoucher, toVoucher, type Voucher, type VoucherRow } from './records.js';
import { TRANSITIONS, shanghaiDate, type VoucherStatus } from './rules.js';

/** The one (from, kind) pairs from which `to` is reachable, as 'status:kind' keys for the conditional UPDATE. */
export function allowedKeys(to: VoucherStatus, expectFrom?: VoucherStatus): string[] {
  return TRANSITIONS.filter((t) => t.to === to && (!expectFrom || t.from === expectFrom)).flatMap((t) => t.kinds.map((k) => `${t.from}:${k}`));
}

/**
 * Moves a voucher to `to`: one conditional UPDATE (… WHERE status/kind allow it RETURNING), one
 * voucher_events row and one audit entry, all in the caller's transaction. Concurrent attempts: the row
 * lock serialises them and the losers see the new status fail the condition → VOUCHER_NOT_USABLE.
 * Admission also requires the validity not to have passed (VOUCHER_EXPIRED). `asOf`: the instant of the move (its
 * day for the validity, its time for the state and the event); without it, the database's now.
 */
export async function transitionVoucher(
  tx: Tx,
  by: AuditActor,
  id: string,
  to: VoucherStatus,
  opts: { reason?: string | undefined; expectFrom?: VoucherStatus | undefined; asOf?: Date | undefined } = {},
): Promise<Voucher> {
  if (!isUuid(id)) throw notFound('voucher', 'voucherId');
  const keys = allowedKeys(to, opts.expectFrom);
  const today = shanghaiDate(opts.asOf ?? clockNow());
  // Where the table has several source states for `to` and the caller named none, the row's previous state is
  // read under the row lock in the same statement.
  const ambiguous = !opts.expectFrom && new Set(TRANSITIONS.filter((t) => t.to === to).map((t) => t.from)).size > 1;
  const { rows } = await tx.query<VoucherRow & { prev: VoucherStatus | null }>(
    ambiguous
      ? `WITH p AS (SELECT voucher_id, status AS prev FROM voucher_states WHERE voucher_id = $1 FOR UPDATE),
              s AS (
                UPDATE voucher_states s SET status = $2, status_changed_at = coalesce($5::timestamptz, now())
                  FROM p WHERE s.voucher_id = p.voucher_id AND (p.prev || ':' || s.kind) = ANY($3::text[])
                   AND ($2 <> 'admitted' OR p.prev <> 'issued' OR s.valid_until >= $4::date)
                RETURNING s.status, s.status_changed_at, s.expiry_pass_id, p.prev)
         SELECT r.*, s.* FROM s JOIN voucher_records r ON r.id = $1`
      : `WITH s AS (
           UPDATE voucher_states s SET status = $2, status_changed_at = coalesce($5::timestamptz, now())
            WHERE s.voucher_id = $1 AND (s.status || ':' || s.kind) = ANY($3::text[])
              AND ($2 <> 'admitted' OR s.status <> 'issued' OR s.valid_until >= $4::date)
           RETURNING s.status, s.status_changed_at, s.expiry_pass_id, NULL::text AS prev)
         SELECT r.*, s.* FROM s JOIN voucher_records r ON r.id = $1`,
    [id, to, keys, today, opts.asOf ?? null],
  );
  const row = rows[0];
  if (!row) {
    const cur = await getVoucher(tx, id);
    if (!cur) throw notFound('voucher', 'voucherId');
    if (to === 'admitted' && cur.status === 'issued' && cur.validUntil < today)
      throw new AppError('VOUCHER_EXPIRED', `the voucher was valid until ${cur.validUntil}`, 'voucherId', {
        voucherStatus: cur.status,
        validUntil: cur.validUntil,
      });
    throw new AppError('VOUCHER_NOT_USABLE', `a ${cur.kind} voucher in state ${cur.status} cannot become ${to}`, 'voucherId', { voucherStatus: cur.status });
  }
  // Every target state has one source state per kind, or the caller named it (see rules.test.ts): the previous state is known.
  const from = row.prev ?? TRANSITIONS.find((t) => t.to === to && t.kinds.includes(row.kind) && (!opts.expectFrom || t.from === opts.expectFrom))!.from;
  // withdrawn from its class (or the class cancelled): a check-in-only voucher no longer counts where that class was
  if (from === 'admitted' && to === 'issued' && row.kind === 'checkin_only')
    await tx.query('DELETE FROM voucher_training_districts WHERE voucher_id = $1', [id]);
  if (to === 'revoked' || to === 'settled')
    await analytics.recordVoucherFacts(tx, [{ metric: to, voucherId: id, latestClass: to === 'settled', at: row.status_changed_at }]);
  // the event at the move's instant: `asOf` when the caller acts at a given time (a job's run, a back-dated world)
  await tx.query('INSERT INTO voucher_events (voucher_id, from_status, to_status, actor_id, actor_role, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    id,
    from,
    to,
    by.accountId,
    by.role,
    opts.reason ?? null,
    row.status_changed_at,
  ]);
  await audit.record(tx, by, {
    action: `voucher.${to}`,
    entityType: 'voucher',
    entityId: id,
    districtCode: row.district_code,
    detail: { number: row.number, from, to, ...(opts.reason ? { reason: opts.reason } : {}) },
  });
  return toVoucher(row);
}

/**
 * 核验不通过: the subsidy claim of an assessed voucher was rejected by its reviewers, so the voucher ends
 * `closed` (no subsidy) — from `assessed` (claim rejected in review) or `approved` (an approved claim
 * rejected after an objection or a failed payment). Same shape as `transitionVoucher`: one conditional
 * UPDATE under a row lock (the previous state read in the same statement), one voucher_events row with the
 * reason, one audit entry, in the caller's transaction. Any other state → VOUCHER_NOT_USABLE.
 */
export async function closeVoucherForRejectedClaim(tx: Tx, by: AuditActor, id: string, reason: string): Promise<Voucher> {
  if (!isUuid(id)) throw notFound('voucher', 'voucherId');
  if (!reason.trim()) throw new AppError('VALIDATION_FAILED', 'a reason is required', 'reason');
  const cur = await getVoucher(tx, id);
  if (!cur) throw notFound('voucher', 'voucherId');
  if (cur.kind !== 'subsidy' || (cur.status !== 'assessed' && cur.status !== 'approved'))
    throw new AppError('VOUCHER_NOT_USABLE', `a ${cur.kind} voucher in state ${cur.status} cannot be closed by a claim rejection`, 'voucherId', {
      voucherStatus: cur.status,
    });
  // The table's 'reject' transition; the conditional UPDATE refuses it if the state moved meanwhile.
  return transitionVoucher(tx, by, id, 'closed', { expectFrom: cur.status, reason: reason.trim() });
}

/**
 * Set-based settlement (核销) of subsidy vouchers whose claims were paid (the bank result import, in its
 * chunk's transaction): ONE statement moves every listed voucher still 'approved' to 'settled' and writes
 * their events; then one audit entry per voucher (one round trip). A voucher in any other state is left
 * as it is and not returned (the caller keeps its claim for the settlement job, which reports it).
 */
export async function settleVouchers(tx: Tx, by: AuditActor, items: ReadonlyArray<{ voucherId: string; reason: string }>): Promise<string[]> {
  if (items.length === 0) return [];
  const { rows } = await tx.query<{ voucher_id: string; number: string; district_code: string | null; reason: string; status_changed_at: Date }>(
    `WITH i AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS i(id, reason)),
     s AS (
       UPDATE voucher_states s SET status = 'settled', status_changed_at = now()
         FROM i WHERE s.voucher_id = i.id AND (s.status || ':' || s.kind) = ANY($3::text[])
       RETURNING s.voucher_id, i.reason, s.status_changed_at),
     ev AS (
       INSERT INTO voucher_events (voucher_id, from_status, to_status, actor_id, actor_role, reason)
       SELECT voucher_id, 'approved', 'settled', $4, $5, reason FROM s)
     SELECT s.voucher_id, r.number, r.district_code, s.reason, s.status_changed_at FROM s JOIN voucher_records r ON r.id = s.voucher_id ORDER BY s.voucher_id`,
    [items.map((i) => i.voucherId), items.map((i) => i.reason), allowedKeys('settled', 'approved'), by.accountId, by.role],
  );
  await analytics.recordVoucherFacts(
    tx,
    rows.map((r) => ({ metric: 'settled' as const, voucherId: r.voucher_id, latestClass: true, at: r.status_changed_at })),
  );
  await audit.recordMany(
    tx,
    by,
    rows.map((r) => ({
      action: 'voucher.settled',
      entityType: 'voucher',
      entityId: r.voucher_id,
      districtCode: r.district_code,
      detail: { number: r.number, from: 'approved', to: 'settled', reason: r.reason },
    })),
  );
  return rows.map((r) => r.voucher_id);
}

export async function revokeVoucher(actor: Actor, tx: Tx, id: string, reason: string): Promise<Voucher> {
  requireRole(actor, ADMINS, 'only admins revoke vouchers');
  const v = await getVoucher(tx, id);
  if (!v || !covers(voucherScope(actor), voucherPlacement(v))) throw notFound('voucher');
  if (!reason.trim()) throw new AppError('VALIDATION_FAILED', 'a reason is required', 'reason');
  return transitionVoucher(tx, actor, id, 'revoked', { reason: reason.trim() });
}

/**
 * 申诉撤销原决定: the rejection of this voucher's claim was overturned on appeal, so the voucher that rejection
 * closed is assessed again (closed → assessed, subsidy vouchers only) while its claim goes back to review. Not in
 * TRANSITIONS (a pass recorded again must never reopen a closed voucher): only this function takes the step, and
 * only for a voucher whose last event is the closing by that claim's rejection (`claim <number> rejected…`).
 * The one-open rule still holds: another open voucher of the programme → VOUCHER_LIMIT_REACHED, nothing written.
 */
export async function reinstateVoucherOfReopenedClaim(tx: Tx, by: AuditActor, id: string, claimNumber: string, reason: string): Promise<Voucher> {
  if (!isUuid(id)) throw notFound('voucher', 'voucherId');
  const cur = await getVoucher(tx, id);
  if (!cur) throw notFound('voucher', 'voucherId');
  const last = (
    await tx.query<{ to_status: string; reason: string | null }>(
      'SELECT to_status, reason FROM voucher_events WHERE voucher_id = $1 ORDER BY id DESC LIMIT 1',
      [id],
    )
  ).rows[0];
  if (cur.kind !== 'subsidy' || cur.status !== 'closed' || last?.to_status !== 'closed' || !(last.reason ?? '').startsWith(`claim ${claimNumber} rejected`))
    throw new AppError(
      'VOUCHER_NOT_USABLE',
      `a ${cur.kind} voucher in state ${cur.status} was not closed by the rejection of claim ${claimNumber}`,
      'voucherId',
      {
        voucherStatus: cur.status,
      },
    );
  const open = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM voucher_states WHERE person_id = $1 AND programme_id = $2 AND kind = 'subsidy'
        AND status IN ('issued','admitted','in_training','assessed','approved') AND voucher_id <> $3`,
    [cur.personId, cur.programmeId, id],
  );
  if (Number(open.rows[0]?.n ?? 0) > 0)
    throw new AppError('VOUCHER_LIMIT_REACHED', 'the person now holds another open voucher of this programme', 'voucherId', { programmeId: cur.programmeId });
  const { rows } = await tx.query<VoucherRow>(
    `WITH s AS (UPDATE voucher_states SET status = 'assessed', status_changed_at = now() WHERE voucher_id = $1 AND status = 'closed' AND kind = 'subsidy'
                RETURNING status, status_changed_at, expiry_pass_id)
     SELECT r.*, s.* FROM s JOIN voucher_records r ON r.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AppError('VOUCHER_NOT_USABLE', 'the voucher changed meanwhile; reload it', 'voucherId');
  await tx.query('INSERT INTO voucher_events (voucher_id, from_status, to_status, actor_id, actor_role, reason) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    'closed',
    'assessed',
    by.accountId,
    by.role,
    reason,
  ]);
  await audit.record(tx, by, {
    action: 'voucher.reinstated',
    entityType: 'voucher',
    entityId: id,
    districtCode: row.district_code,
    detail: { number: row.number, from: 'closed', to: 'assessed', claim: claimNumber, reason },
  });
  return toVoucher(row);
}
