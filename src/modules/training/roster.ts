/** The roster and the opening report (开班反馈 + 学员注册), and cancelling a class before it opens. */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import * as persons from '../persons/index.js';
import * as vouchers from '../vouchers/index.js';
import { listAdmittedVouchers } from './admitted.js';
import { activeProvider } from './approvals.js';
import { listSessions, ownClass, readClass } from './classes.js';
import { SEATS_TAKEN, toClass, type ClassRow, type TrainingClass } from './rows.js';
import { canTransitionClass } from './rules.js';
import type { RosterView } from './schemas.js';
import { maskedHolder } from './views.js';

/** One admitted trainee of the roster (masked), as the roster's schema gives it. */
export type RosterEntry = RosterView['roster'][number];

async function rosterOf(q: Queryable, classId: string): Promise<RosterEntry[]> {
  const out: RosterEntry[] = [];
  for (const a of await listAdmittedVouchers(q, classId)) {
    const v = await vouchers.getVoucher(q, a.voucherId);
    const p = await persons.getPerson(q, a.personId);
    out.push({
      admissionId: a.id,
      voucherId: a.voucherId,
      voucherNumber: v?.number ?? '',
      voucherKind: v?.kind ?? '',
      holder: maskedHolder(p),
      via: a.via,
      admittedAt: a.admittedAt.toISOString(),
    });
  }
  return out;
}

export async function getRoster(actor: Actor, q: Queryable, classId: string): Promise<{ class: TrainingClass; roster: RosterEntry[] }> {
  const c = await readClass(actor, q, classId);
  return { class: c, roster: await rosterOf(q, c.id) };
}

/**
 * 开班反馈 + 学员注册: the provider files the opening report with the roster of admitted trainees, no later
 * than the deadline (OPENING_DEADLINE_PASSED after it). The class becomes reported; the roster is fixed.
 */
export async function fileOpeningReport(
  actor: Actor,
  tx: Tx,
  classId: string,
  now: Date = clockNow(),
): Promise<{ class: TrainingClass; roster: RosterEntry[] }> {
  const c = await ownClass(actor, tx, classId, true);
  await activeProvider(tx, c.providerId);
  if (!canTransitionClass(c.state, 'reported')) throw new AppError('CONFLICT', `a ${c.state} class cannot be reported`, 'classId');
  if (now.getTime() > c.reportDeadline.getTime())
    throw new AppError('OPENING_DEADLINE_PASSED', `the opening report was due by ${c.reportDeadline.toISOString()}`, 'classId');
  if ((await listSessions(tx, c.id)).length === 0)
    throw new AppError('VALIDATION_FAILED', 'a class needs its sessions (课次) before the opening report', 'sessions');
  const roster = await rosterOf(tx, c.id);
  // Registrations never admitted lose their seats with the report.
  await tx.query(
    `WITH rel AS (UPDATE registrations SET status = 'released' WHERE class_id = $1 AND status = 'pending' RETURNING voucher_id)
     UPDATE class_seats SET voucher_id = NULL WHERE class_id = $1 AND voucher_id IN (SELECT voucher_id FROM rel)`,
    [c.id],
  );
  const { rows } = await tx.query<ClassRow>(
    `UPDATE training_classes SET state = 'reported', reported_at = $2, reported_by = $3 WHERE id = $1 AND state = 'draft'
     RETURNING *, ${SEATS_TAKEN('training_classes')}`,
    [c.id, now, actor.accountId],
  );
  const out = toClass(rows[0]!);
  await audit.record(tx, actor, {
    action: 'class.report',
    entityType: 'class',
    entityId: c.id,
    districtCode: c.districtCode,
    detail: { trainees: roster.length, deadline: c.reportDeadline.toISOString() },
  });
  return { class: out, roster };
}

/** The provider cancels a class before it opens; admitted vouchers go back to issued. */
export async function cancelClass(actor: Actor, tx: Tx, classId: string, reason: string): Promise<TrainingClass> {
  const c = await ownClass(actor, tx, classId, true);
  if (!canTransitionClass(c.state, 'cancelled')) throw new AppError('CONFLICT', `a ${c.state} class cannot be cancelled`, 'classId');
  return cancelClassRow(tx, actor, c, reason);
}

export async function cancelClassRow(tx: Tx, by: AuditActor, c: TrainingClass, reason: string): Promise<TrainingClass> {
  for (const a of await listAdmittedVouchers(tx, c.id)) {
    await vouchers.transitionVoucher(tx, by, a.voucherId, 'issued', { expectFrom: 'admitted', reason: `class ${c.id} cancelled` });
  }
  const ended = await tx.query<{ voucher_id: string; admitted_at: Date }>(
    `UPDATE admissions SET status = 'cancelled', ended_at = now(), end_reason = $2 WHERE class_id = $1 AND status = 'admitted' RETURNING voucher_id, admitted_at`,
    [c.id, reason],
  );
  await analytics.recordVoucherFacts(
    tx,
    ended.rows.map((a) => ({ metric: 'admitted' as const, voucherId: a.voucher_id, classId: c.id, at: a.admitted_at, sinceIssue: true, n: -1 })),
  );
  await tx.query(`UPDATE registrations SET status = 'released' WHERE class_id = $1 AND status = 'pending'`, [c.id]);
  await tx.query('UPDATE class_seats SET voucher_id = NULL WHERE class_id = $1 AND voucher_id IS NOT NULL', [c.id]);
  const { rows } = await tx.query<ClassRow>(
    `UPDATE training_classes SET state = 'cancelled', cancelled_at = now(), cancel_reason = $2 WHERE id = $1 RETURNING *, 0 AS seats_taken`,
    [c.id, reason],
  );
  await audit.record(tx, by, { action: 'class.cancel', entityType: 'class', entityId: c.id, districtCode: c.districtCode, detail: { reason } });
  return toClass(rows[0]!);
}
