/**
 * A rejected claim under appeal (申诉): what the appeal shows of it, and the overturn's effect — the claim goes
 * back to review (rejected → in_review) and the voucher its rejection closed is assessed again, so the normal
 * approval (`decideClaim`: the limits re-decided on the person's whole history under their lock, the budget,
 * the notice) decides it anew. Nothing is approved here.
 */
import type { Queryable, Tx } from '../../../db/index.js';
import { AppError, notFound } from '../../../lib/errors.js';
import { isUuid } from '../../../lib/identifiers.js';
import * as audit from '../../audit/index.js';
import type { AuditActor } from '../../audit/index.js';
import * as vouchers from '../../vouchers/index.js';
import { lockPerson, moveClaim, type ClaimRow } from './claim-row.js';

/** The facts an appeal needs of a claim (null: no such claim). */
export interface ClaimAppealFacts {
  id: string;
  number: string;
  status: ClaimRow['status'];
  personId: string;
  districtCode: string | null;
  providerId: string | null;
  amountFen: number;
  /** The reviewers' opinion of the decision in force, and when it was taken. */
  opinion: string | null;
  decidedAt: Date | null;
}

export async function claimAppealFacts(q: Queryable, id: string): Promise<ClaimAppealFacts | null> {
  if (!isUuid(id)) return null;
  const c = (await q.query<ClaimRow>('SELECT * FROM subsidy_claims WHERE id = $1', [id])).rows[0];
  if (!c) return null;
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    personId: c.person_id,
    districtCode: c.district_code,
    providerId: c.provider_id,
    amountFen: c.amount_fen,
    opinion: c.opinion,
    decidedAt: c.decided_at,
  };
}

/**
 * 申诉撤销原决定: a rejected claim back to review, its voucher assessed again (vouchers' own step, with its event
 * and audit entry), the claim's event and an audit entry — in the caller's transaction. Only a rejected claim.
 */
export async function reopenRejectedClaim(tx: Tx, by: AuditActor, id: string, reason: string): Promise<{ number: string; status: ClaimRow['status'] }> {
  if (!isUuid(id)) throw notFound('claim');
  const c = (await tx.query<ClaimRow>('SELECT * FROM subsidy_claims WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!c) throw notFound('claim');
  if (c.status !== 'rejected') throw new AppError('CLAIM_STATE_INVALID', `a claim in state ${c.status} is not reopened`, 'status', { state: c.status });
  await lockPerson(tx, c.person_id);
  await vouchers.reinstateVoucherOfReopenedClaim(tx, by, c.voucher_id, c.number, `claim ${c.number} reopened on appeal: ${reason}`);
  const out = await moveClaim(tx, by, c, 'in_review', reason, { decided_by: null, decided_at: null, opinion: null, override_reason: null });
  await audit.record(tx, by, {
    action: 'claim.reopen',
    entityType: 'subsidy_claim',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { number: c.number, from: 'rejected', to: 'in_review', reason },
  });
  return { number: out.number, status: out.status };
}
