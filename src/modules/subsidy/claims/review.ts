/**
 * A reviewer's decision on a claim (approve / reject with an opinion), and 支付失败再申请: a failed claim
 * re-queued once its payee's account is corrected.
 */
import type { Tx } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { decrypt, encrypt } from '../../../lib/crypto.js';
import { AppError, notFound } from '../../../lib/errors.js';
import * as audit from '../../audit/index.js';
import * as catalog from '../../catalog/index.js';
import { requireRole, type Actor } from '../../identity/index.js';
import * as persons from '../../persons/index.js';
import { rejectedClaimClosesItsVoucher } from '../flows.js';
import * as ledger from '../ledger.js';
import { REQUEUERS, REVIEWERS } from '../policy.js';
import { failedRules, payeeKey, resolvePayee, REDECIDED_AT_APPROVAL } from '../rules.js';
import { approveInTx } from './approval.js';
import { claimFor, moveClaim, presentClaim, type ClaimRow, type ClaimView } from './claim-row.js';
import { payeeCandidates } from './create.js';
import { recheckLimits } from './limits.js';

export interface DecisionInput {
  decision: 'approve' | 'reject';
  opinion: string;
  overrideReason?: string | undefined;
}

/**
 * Approving despite a failed rule (other than those re-decided at approval) needs a reason of its own, or
 * nothing changes (the web asks a second confirmation). Returns the rules overridden and the reason.
 */
function overrideOf(c: ClaimRow, deciding: boolean, input: DecisionInput): { overridden: string[]; overrideReason: string } {
  const overridden = deciding
    ? failedRules(c.rules)
        .map((r) => r.rule)
        .filter((r) => !REDECIDED_AT_APPROVAL.has(r))
    : [];
  const overrideReason = overridden.length ? (input.overrideReason ?? '').trim() : '';
  if (overridden.length && !overrideReason)
    throw new AppError('VALIDATION_FAILED', `the claim fails ${overridden.join(', ')}: approving it needs a reason`, 'overrideReason', {
      failedRules: overridden,
    });
  return { overridden, overrideReason };
}

/** approve: in_review → approved (budget reserved), or held → approved (the open objections dismissed). */
async function approveClaim(tx: Tx, actor: Actor, c: ClaimRow, opinion: string, now: Date): Promise<ClaimRow> {
  if (c.status === 'in_review') return approveInTx(tx, actor, c, opinion, now);
  if (c.status !== 'held') throw new AppError('CLAIM_STATE_INVALID', `a claim in state ${c.status} cannot be approved`, 'decision', { state: c.status });
  const out = await moveClaim(tx, actor, c, 'approved', opinion, { decided_by: actor.accountId, decided_at: now, opinion });
  await tx.query(
    "UPDATE claim_objections SET status = 'dismissed', resolved_by = $2, resolved_at = now(), resolution = $3 WHERE claim_id = $1 AND status = 'open'",
    [c.id, actor.accountId, opinion],
  );
  return out;
}

/** reject: → rejected, whatever is still reserved released, the voucher closed (flows.ts), the open objections upheld. */
async function rejectClaim(tx: Tx, actor: Actor, c: ClaimRow, opinion: string, now: Date): Promise<{ out: ClaimRow; released: number }> {
  const out = await moveClaim(tx, actor, c, 'rejected', opinion, { decided_by: actor.accountId, decided_at: now, opinion });
  const released = await ledger.release(tx, c.id, actor.accountId);
  await rejectedClaimClosesItsVoucher(tx, actor, c, opinion);
  await tx.query(
    "UPDATE claim_objections SET status = 'upheld', resolved_by = $2, resolved_at = now(), resolution = $3 WHERE claim_id = $1 AND status = 'open'",
    [c.id, actor.accountId, opinion],
  );
  return { out, released };
}

/**
 * A reviewer's decision (district admin of the claim's district, or city admin) with an opinion.
 * approve: in_review → approved (budget reserved; BUDGET_EXHAUSTED when short), or held → approved
 * (objection dismissed); reject: in_review/held/approved/failed → rejected (whatever is still reserved is
 * released) and the voucher is closed (assessed/approved → closed, the opinion as the reason).
 */
export async function decideClaim(actor: Actor, tx: Tx, id: string, input: DecisionInput, now = clockNow()): Promise<ClaimView> {
  requireRole(actor, REVIEWERS, 'only reviewers decide claims');
  const c = await claimFor(actor, tx, id, true);
  const opinion = input.opinion.trim();
  if (!opinion) throw new AppError('VALIDATION_FAILED', 'an opinion is required', 'opinion');
  const deciding = input.decision === 'approve' && ['in_review', 'held'].includes(c.status);
  // the limits are decided again here, under the person's lock; no override passes them (409, nothing written)
  if (deciding) await recheckLimits(tx, c);
  const { overridden, overrideReason } = overrideOf(c, deciding, input);
  let out: ClaimRow;
  let released = 0;
  if (input.decision === 'approve') {
    out = await approveClaim(tx, actor, c, opinion, now);
    if (overridden.length)
      out = (await tx.query<ClaimRow>('UPDATE subsidy_claims SET override_reason = $2 WHERE id = $1 RETURNING *', [c.id, overrideReason])).rows[0]!;
  } else ({ out, released } = await rejectClaim(tx, actor, c, opinion, now));
  await audit.record(tx, actor, {
    action: `claim.${input.decision}`,
    entityType: 'subsidy_claim',
    entityId: c.id,
    districtCode: c.district_code,
    detail: {
      number: c.number,
      from: c.status,
      to: out.status,
      opinion,
      ...(overridden.length ? { overriddenRules: overridden, overrideReason } : {}),
      ...(input.decision === 'reject' ? { releasedFen: released } : {}),
    },
  });
  return presentClaim(out, now);
}

/**
 * 支付失败再申请: a failed claim goes back to approved once its payee has a (corrected) account. The payee
 * is resolved again from the person / organisation records (where the account is corrected).
 */
export async function requeueClaim(actor: Actor, tx: Tx, id: string): Promise<ClaimView> {
  requireRole(actor, REQUEUERS, 'not for this role');
  const c = await claimFor(actor, tx, id, true);
  if (c.status !== 'failed') throw new AppError('CLAIM_STATE_INVALID', `a claim in state ${c.status} cannot be re-queued`, 'status', { state: c.status });
  const person = await persons.getPerson(tx, c.person_id);
  if (!person) throw notFound('person');
  const programme = await catalog.getProgramme(tx, c.programme_id);
  const payee = resolvePayee(programme?.payee ?? c.payee_kind, await payeeCandidates(tx, person, c.provider_id));
  if (!payee.account) throw new AppError('PAYEE_ACCOUNT_NOT_CORRECTED', 'the payee still has no bank account on file', 'payee');
  const oldAccount = c.payee_account_enc ? decrypt(c.payee_account_enc) : null;
  if (oldAccount === payee.account) throw new AppError('PAYEE_ACCOUNT_NOT_CORRECTED', 'the payee account has not been corrected since the failure', 'payee');
  const out = await moveClaim(tx, actor, c, 'approved', 'account corrected', {
    payee_kind: payee.kind,
    payee_id: payee.id,
    payee_key: payeeKey(payee),
    payee_name: payee.name,
    payee_account_enc: encrypt(payee.account),
    payee_account_last4: payee.account.slice(-4),
    payee_bank: payee.bankName,
    fail_reason: null,
  });
  await audit.record(tx, actor, {
    action: 'claim.requeue',
    entityType: 'subsidy_claim',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { number: c.number, attempt: c.attempt, accountLast4: payee.account.slice(-4) },
  });
  return presentClaim(out);
}
