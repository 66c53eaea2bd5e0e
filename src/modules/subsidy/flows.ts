/**
 * The subsidy module's cross-module sequences, in one visible place (issue 16). Each crosses from the
 * subsidy module into the vouchers module (whose service writes the voucher's state, event and audit entry)
 * inside the subsidy step's own transaction, so a claim and its voucher never disagree after a commit.
 *
 *   claim approved  → voucher approved   (assessed → approved)        approvedClaimApprovesItsVoucher
 *   claim rejected  → voucher closed     (assessed/approved → closed) rejectedClaimClosesItsVoucher
 *   claim paid      → voucher settled    (approved → settled, 核销)    paidClaimsSettleTheirVouchers (at result
 *                     import, in the chunk's transaction), settleVouchers (the resume job's safety net)
 *
 * (The assessment → claim flow, a pass recorded → its claim, is the assessment module's: it calls
 * `createClaimForPass` through subsidy's face.)
 */
import type { Db, Tx } from '../../db/index.js';
import type { AuditActor } from '../audit/index.js';
import * as vouchers from '../vouchers/index.js';

/** A claim (in_review or held → approved): its voucher becomes approved, in the approval's transaction. */
export async function approvedClaimApprovesItsVoucher(tx: Tx, by: AuditActor, c: { voucher_id: string; number: string }): Promise<void> {
  await vouchers.transitionVoucher(tx, by, c.voucher_id, 'approved', { reason: `claim ${c.number}` });
}

/** 核验不通过: no subsidy on this voucher, so it ends (assessed/approved → closed) with the reviewers' reason. */
export async function rejectedClaimClosesItsVoucher(tx: Tx, by: AuditActor, c: { voucher_id: string; number: string }, opinion: string): Promise<void> {
  await vouchers.closeVoucherForRejectedClaim(tx, by, c.voucher_id, `claim ${c.number} rejected: ${opinion}`);
}

/** A claim a bank result just paid: its id, its voucher, its number. */
export interface PaidClaim {
  id: string;
  v: string;
  n: string;
}

/**
 * 核销 at import: the vouchers of the claims a result chunk paid are settled in the chunk's transaction, and
 * those claims marked voucher_settled. A voucher that is not 'approved' any more is left to the safety net
 * (settleVouchers), which reports it. Returns how many claims' vouchers were settled.
 */
export async function paidClaimsSettleTheirVouchers(tx: Tx, by: AuditActor, paid: readonly PaidClaim[]): Promise<number> {
  const settledVouchers = new Set(
    await vouchers.settleVouchers(
      tx,
      by,
      paid.map((c) => ({ voucherId: c.v, reason: `claim ${c.n} paid` })),
    ),
  );
  const settledClaims = paid.filter((c) => settledVouchers.has(c.v)).map((c) => c.id);
  if (settledClaims.length) await tx.query('UPDATE subsidy_claims SET voucher_settled = true WHERE id = ANY($1::uuid[])', [settledClaims]);
  return settledClaims.length;
}

/**
 * Step 5, the safety net: settlement normally happens at import (paidClaimsSettleTheirVouchers); this settles
 * whatever a paid claim's voucher still lacks (e.g. paid before settlement moved to the import), one
 * transaction per claim; rerunnable.
 */
export async function settleVouchers(by: AuditActor, db: Db, chunk = 500): Promise<{ settled: number; problems: Array<{ claimId: string; message: string }> }> {
  let settled = 0;
  const problems: Array<{ claimId: string; message: string }> = [];
  const skip = new Set<string>();
  for (;;) {
    const { rows } = await db.query<{ id: string; voucher_id: string; number: string }>(
      "SELECT id, voucher_id, number FROM subsidy_claims WHERE status = 'paid' AND NOT voucher_settled AND NOT (id = ANY($1::uuid[])) ORDER BY id LIMIT $2",
      [[...skip], chunk],
    );
    if (!rows.length) break;
    for (const r of rows) {
      try {
        await db.tx(async (tx) => {
          const { rows: locked } = await tx.query<{ id: string }>('SELECT id FROM subsidy_claims WHERE id = $1 AND NOT voucher_settled FOR UPDATE', [r.id]);
          if (!locked[0]) return;
          await vouchers.transitionVoucher(tx, by, r.voucher_id, 'settled', { reason: `claim ${r.number} paid` });
          await tx.query('UPDATE subsidy_claims SET voucher_settled = true WHERE id = $1', [r.id]);
        });
        settled++;
      } catch (e) {
        skip.add(r.id);
        problems.push({ claimId: r.id, message: (e as Error).message });
      }
    }
  }
  return { settled, problems };
}
