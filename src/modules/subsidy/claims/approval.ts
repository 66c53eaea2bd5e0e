/** in_review → approved: the budget reserved, the voucher approved (flows.ts), the public notice (公示) published. */
import type { Tx } from '../../../db/index.js';
import { AppError } from '../../../lib/errors.js';
import type { AuditActor } from '../../audit/index.js';
import { NOTICE_WORKING_DAYS, loadCalendar } from '../calendar.js';
import { approvedClaimApprovesItsVoucher } from '../flows.js';
import * as ledger from '../ledger.js';
import { noticePeriod } from '../rules.js';
import { moveClaim, type ClaimRow } from './claim-row.js';

/** The notice's columns: published now, its last working day by the loaded calendar (provisional past it). */
async function publishNotice(tx: Tx, now: Date): Promise<Record<string, unknown>> {
  const cal = await loadCalendar(tx);
  const p = noticePeriod(now, NOTICE_WORKING_DAYS, cal.days, cal.years);
  return { notice_published_at: now, notice_last_day: p.lastDay, notice_provisional: p.provisional };
}

/** in_review → approved: reserve the budget, voucher → approved, publish the notice. */
export async function approveInTx(tx: Tx, by: AuditActor, c: ClaimRow, opinion: string | null, now: Date): Promise<ClaimRow> {
  if (!c.district_code) throw new AppError('NO_BUDGET', 'the claim has no district, so no budget applies', 'districtCode');
  const account = await ledger.lockAccount(tx, c.programme_id, c.district_code, c.year, by.accountId);
  if (!account)
    throw new AppError('NO_BUDGET', `no budget is set for this programme, district and year ${c.year}`, 'decision', {
      year: c.year,
      districtCode: c.district_code,
    });
  if (!c.payee_account_enc) throw new AppError('CLAIM_NOT_ELIGIBLE', 'the payee has no bank account on file', 'payee');
  if (c.amount_fen <= 0) throw new AppError('CLAIM_NOT_ELIGIBLE', 'the amount is zero', 'amountFen');
  await ledger.reserve(tx, account, c.id, c.amount_fen, by.accountId);
  await approvedClaimApprovesItsVoucher(tx, by, c);
  const notice = await publishNotice(tx, now);
  return moveClaim(tx, by, c, 'approved', opinion, {
    ...notice,
    budget_account_id: account.id,
    ...(by.accountId ? { decided_by: by.accountId, decided_at: now, opinion } : {}),
  });
}
