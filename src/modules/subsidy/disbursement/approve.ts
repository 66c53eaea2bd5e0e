/** Step 2, approve (maker–checker), and the cancellation of a batch not yet approved. */
import type { Tx } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { businessDate } from '../../../lib/time.js';
import * as audit from '../../audit/index.js';
import type { Actor } from '../../identity/index.js';
import { snapshotBatchDebtors } from '../debtor-accounts.js';
import { requireFinance } from '../policy.js';
import { batchRow, presentBatch, type BatchRow, type BatchView } from './batches.js';

/** Step 2: maker–checker. The checker is a different finance or city admin user. */
export async function approveBatch(actor: Actor, tx: Tx, id: string, now: Date = clockNow()): Promise<BatchView> {
  requireFinance(actor);
  const b = await batchRow(tx, id, true);
  if (b.maker_id === actor.accountId) throw new AppError('MAKER_CHECKER_SAME_PERSON', 'the batch must be approved by someone other than its maker', 'checker');
  if (b.status !== 'draft') throw new AppError('CLAIM_STATE_INVALID', `a batch in state ${b.status} cannot be approved`, 'status', { state: b.status });
  if (b.payment_count === 0) throw new AppError('CLAIM_STATE_INVALID', 'the batch is empty', 'status');
  const { rows } = await tx.query<BatchRow>(
    "UPDATE disbursement_batches SET status = 'approved', checker_id = $2, approved_at = $3, msg_id = number, requested_date = $4::date WHERE id = $1 AND status = 'draft' RETURNING *",
    [id, actor.accountId, now, businessDate(now)],
  );
  // the debtor accounts the batch pays from, as they are now (DEBTOR_ACCOUNT_MISSING when a fund has none)
  const debtors = await snapshotBatchDebtors(tx, id);
  await audit.record(tx, actor, {
    action: 'batch.approve',
    entityType: 'disbursement_batch',
    entityId: id,
    detail: {
      number: b.number,
      payments: b.payment_count,
      totalFen: b.total_fen,
      debtors: debtors.map((d) => ({ fundingSource: d.fundingSource, accountNumber: d.accountNumber })),
    },
  });
  return presentBatch(rows[0]!);
}

/** A draft batch can be cancelled: its claims go back to approved. */
export async function cancelBatch(actor: Actor, tx: Tx, id: string): Promise<BatchView> {
  requireFinance(actor);
  const b = await batchRow(tx, id, true);
  if (b.status !== 'draft' && b.status !== 'building') throw new AppError('CLAIM_STATE_INVALID', `a batch in state ${b.status} cannot be cancelled`, 'status');
  const { rows: ps } = await tx.query<{ claim_id: string }>(
    "UPDATE disbursement_payments SET status = 'cancelled' WHERE batch_id = $1 AND status = 'pending' RETURNING claim_id",
    [id],
  );
  const ids = ps.map((p) => p.claim_id);
  await tx.query("UPDATE subsidy_claims SET status = 'approved', updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'in_batch'", [ids]);
  await tx.query(
    "INSERT INTO claim_events (claim_id, from_status, to_status, actor_id, actor_role, reason) SELECT unnest($1::uuid[]), 'in_batch', 'approved', $2, $3, $4",
    [ids, actor.accountId, actor.role, `batch ${b.number} cancelled`],
  );
  const { rows } = await tx.query<BatchRow>("UPDATE disbursement_batches SET status = 'cancelled' WHERE id = $1 RETURNING *", [id]);
  await audit.record(tx, actor, { action: 'batch.cancel', entityType: 'disbursement_batch', entityId: id, detail: { number: b.number, released: ids.length } });
  return presentBatch(rows[0]!);
}
