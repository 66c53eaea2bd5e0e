/**
 * The cross-module sequence of an assessment result, in one visible place (issue 16 item 1):
 *
 *   a pass is recorded → the voucher becomes assessed (vouchers) → the trainee's attendance rate is read
 *   (attendance) → its subsidy claim is created (subsidy: eligibility, amount, auto-approval or review) →
 *   the result names its claim (assessment);
 *   a fail is recorded → the voucher is closed (vouchers), without a claim.
 *
 * Modules crossed: assessment → vouchers, attendance, subsidy. It runs in the transaction that wrote the
 * result, so the result, the voucher's state and the claim commit together.
 */
import type { Tx } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import * as attendance from '../attendance/index.js';
import type { Actor } from '../identity/index.js';
import { createClaimForPass } from '../subsidy/index.js';
import type * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { confirmCertificate } from './national-lookup.js';
import type { ResultRow } from './rows.js';

/** A result just written, with what the claim is decided on. */
export interface RecordedResult {
  result: ResultRow;
  voucherId: string;
  level: number;
  levelChange: { classLevel: number; reason: string } | null;
  assessedOn: string;
  cls: training.TrainingClass | null;
  /** The admission's provider (when the class is gone). */
  admissionProviderId: string;
}

/** The trainee's attendance rate in the voucher's class (null when the voucher has no open admission). */
async function attendancePctOf(tx: Tx, voucherId: string): Promise<number | null> {
  try {
    return (await attendance.attendanceOf(tx, { voucherId })).rate;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'NOT_FOUND') throw e;
    return null;
  }
}

/** A pass is recorded → the voucher assessed → its subsidy claim created → the result names the claim. */
export async function passRecordedClaimCreated(
  tx: Tx,
  actor: Actor,
  pass: RecordedResult,
  now: Date,
): Promise<{ result: ResultRow; claimStatus: string; claimNumber: string }> {
  const { result, cls } = pass;
  await vouchers.transitionVoucher(tx, actor, pass.voucherId, 'assessed', { reason: `certificate ${result.certificate_number ?? '-'}` });
  const attendancePct = await attendancePctOf(tx, pass.voucherId);
  // 技能人才评价证书全国联网查询: a certificate the national lookup cannot confirm sends the claim to review
  const nationalLookup = result.certificate_number ? await confirmCertificate(tx, { certificateNumber: result.certificate_number }) : null;
  const claim = await createClaimForPass(
    tx,
    actor,
    {
      voucherId: pass.voucherId,
      resultId: result.id,
      passed: true,
      certificateNumber: result.certificate_number,
      level: pass.level,
      levelChange: pass.levelChange,
      assessedOn: pass.assessedOn,
      providerId: cls?.providerId ?? pass.admissionProviderId,
      classId: cls?.id ?? null,
      feeFen: cls?.feeFen ?? null,
      // training refuses an admission after the opening deadline (OPENING_DEADLINE_PASSED), so an open
      // admission is on time by construction (and a result needs one: the class is the assessor's scope)
      admissionOnTime: true,
      trainingStartOn: cls?.startDate ?? null,
      trainingEndOn: cls?.endDate ?? null,
      attendancePct,
      nationalLookup,
    },
    now,
  );
  const u = await tx.query<ResultRow>('UPDATE assessment_results SET claim_id = $2 WHERE id = $1 RETURNING *', [result.id, claim.id]);
  return { result: u.rows[0]!, claimStatus: claim.status, claimNumber: claim.number };
}

/** A fail is recorded → the voucher is closed (no claim). */
export async function failRecordedVoucherClosed(tx: Tx, actor: Actor, voucherId: string): Promise<void> {
  await vouchers.transitionVoucher(tx, actor, voucherId, 'closed', { expectFrom: 'in_training', reason: 'assessment failed' });
}
