/**
 * A claim's facts for its timeline (timeline module): its state, the decision's day (its event, also for an
 * automatic approval), the notice, the live payment's batch (status, the bank's requested execution date), the
 * day paid and a failure's reason. `claimTimelineFacts` checks the caller's scope (another's → 404, as the
 * claim's detail); `claimTimelineFactsOfVoucher` is for a caller the voucher's owner already let through.
 */
import type { Queryable } from '../../db/index.js';
import type { Actor } from '../identity/index.js';
import { claimFor, type ClaimRow } from './claims/claim-row.js';

export interface ClaimTimelineFacts {
  id: string;
  voucherId: string;
  status: ClaimRow['status'];
  createdAt: Date;
  decidedAt: Date | null;
  opinion: string | null;
  noticePublishedAt: Date | null;
  noticeLastDay: string | null;
  noticeProvisional: boolean;
  batch: { status: string; requestedDate: string | null } | null;
  paidAt: Date | null;
  failReason: string | null;
}

async function factsOf(q: Queryable, c: ClaimRow): Promise<ClaimTimelineFacts> {
  const { rows } = await q.query<{ to_status: string; at: Date; reason: string | null }>(
    "SELECT to_status, at, reason FROM claim_events WHERE claim_id = $1 AND to_status IN ('approved', 'rejected', 'paid') ORDER BY id",
    [c.id],
  );
  const last = (to: string) => [...rows].reverse().find((e) => e.to_status === to);
  const decided = c.status === 'rejected' ? last('rejected') : rows.find((e) => e.to_status === 'approved');
  const batch = (
    await q.query<{ status: string; requested_date: string | null }>(
      `SELECT b.status, to_char(b.requested_date, 'YYYY-MM-DD') AS requested_date
         FROM disbursement_payments p JOIN disbursement_batches b ON b.id = p.batch_id
        WHERE p.claim_id = $1 AND p.status IN ('pending', 'booked') ORDER BY p.id DESC LIMIT 1`,
      [c.id],
    )
  ).rows[0];
  return {
    id: c.id,
    voucherId: c.voucher_id,
    status: c.status,
    createdAt: new Date(c.created_at),
    decidedAt: c.decided_at ? new Date(c.decided_at) : decided ? new Date(decided.at) : null,
    opinion: c.opinion ?? decided?.reason ?? null,
    noticePublishedAt: c.notice_published_at ? new Date(c.notice_published_at) : null,
    noticeLastDay: c.notice_last_day,
    noticeProvisional: c.notice_provisional,
    batch: batch ? { status: batch.status, requestedDate: batch.requested_date } : null,
    paidAt: last('paid') ? new Date(last('paid')!.at) : null,
    failReason: c.fail_reason,
  };
}

/** One claim's timeline facts in the actor's scope (404 otherwise). */
export async function claimTimelineFacts(actor: Actor, q: Queryable, id: string): Promise<ClaimTimelineFacts> {
  return factsOf(q, await claimFor(actor, q, id));
}

/** The timeline facts of a voucher's latest claim (null: none); the caller has checked the voucher's scope. */
export async function claimTimelineFactsOfVoucher(q: Queryable, voucherId: string): Promise<ClaimTimelineFacts | null> {
  const { rows } = await q.query<ClaimRow>('SELECT * FROM subsidy_claims WHERE voucher_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1', [voucherId]);
  return rows[0] ? factsOf(q, rows[0]) : null;
}
