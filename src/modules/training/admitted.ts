/** The admitted trainees: withdrawal, and the reads other modules ask (the open admission, the class's trainees, enrolment). */
import { batchedRead } from '../../db/batch.js';
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import * as vouchers from '../vouchers/index.js';
import { asVoucherRefusal } from './admission.js';
import { getClass } from './classes.js';
import { ownsAdmission } from './policy.js';
import { toAdmission, type Admission, type AdmissionRow } from './rows.js';
import { releaseSeat } from './seats.js';

/** Moves the voucher through the vouchers service, its refusals re-raised with the voucher's state as `voucherStatus`. */
async function moveVoucher(...args: Parameters<typeof vouchers.transitionVoucher>): Promise<vouchers.Voucher> {
  try {
    return await vouchers.transitionVoucher(...args);
  } catch (e) {
    throw asVoucherRefusal(e);
  }
}

/** Withdrawal before the roster deadline releases the voucher (admitted → issued) and the seat. */
export async function withdrawAdmission(actor: Actor, tx: Tx, admissionId: string, reason: string, now: Date = clockNow()): Promise<Admission> {
  if (!isUuid(admissionId)) throw notFound('admission', 'id');
  const cur = (await tx.query<AdmissionRow>('SELECT * FROM admissions WHERE id = $1 FOR UPDATE', [admissionId])).rows[0];
  if (!cur || !ownsAdmission(actor, { providerId: cur.provider_id, personId: cur.person_id })) throw notFound('admission', 'id');
  if (cur.status !== 'admitted') throw new AppError('CONFLICT', `the admission is ${cur.status}`, 'id');
  const c = (await getClass(tx, cur.class_id))!;
  if (c.state !== 'draft') throw new AppError('CLASS_NOT_OPEN', `the class is ${c.state}: the roster is fixed`, 'id');
  if (now.getTime() > c.reportDeadline.getTime())
    throw new AppError('OPENING_DEADLINE_PASSED', `withdrawals closed at ${c.reportDeadline.toISOString()}`, 'id');
  await moveVoucher(tx, actor, cur.voucher_id, 'issued', { expectFrom: 'admitted', reason: reason || 'withdrawn' });
  const { rows } = await tx.query<AdmissionRow>(`UPDATE admissions SET status = 'withdrawn', ended_at = now(), end_reason = $2 WHERE id = $1 RETURNING *`, [
    cur.id,
    reason,
  ]);
  if (cur.registration_id) await tx.query(`UPDATE registrations SET status = 'cancelled' WHERE id = $1`, [cur.registration_id]);
  await analytics.recordVoucherFacts(tx, [{ metric: 'admitted', voucherId: cur.voucher_id, classId: c.id, at: cur.admitted_at, sinceIssue: true, n: -1 }]);
  await releaseSeat(tx, c.id, cur.voucher_id);
  await audit.record(tx, actor, {
    action: 'admission.withdraw',
    entityType: 'admission',
    entityId: cur.id,
    districtCode: c.districtCode,
    detail: { classId: c.id, reason },
  });
  return toAdmission(rows[0]!);
}

/** The open admission of a voucher (attendance, assessment, subsidy). */
export async function getAdmission(q: Queryable, voucherId: string): Promise<Admission | null> {
  if (!isUuid(voucherId)) return null;
  const r = (await q.query<AdmissionRow>(`SELECT * FROM admissions WHERE voucher_id = $1 AND status = 'admitted'`, [voucherId])).rows[0];
  return r ? toAdmission(r) : null;
}

/** The admitted trainees of a class. */
export async function listAdmittedVouchers(q: Queryable, classId: string): Promise<Admission[]> {
  if (!isUuid(classId)) return [];
  const { rows } = await q.query<AdmissionRow>(`SELECT * FROM admissions WHERE class_id = $1 AND status = 'admitted' ORDER BY admitted_at, id`, [classId]);
  return rows.map(toAdmission);
}

/**
 * Whether the person is admitted to the class. Outside a transaction, the questions asked in one turn of the
 * event loop (a burst of check-ins) are answered by one query.
 */
export async function isEnrolled(q: Queryable, personId: string, classId: string): Promise<boolean> {
  return (await enrolledVoucher(q, personId, classId)) !== null;
}

/**
 * The voucher of the person's open admission to the class (the voucher a check-in counts for), or null when the
 * person is not admitted to it. Batched like `isEnrolled` (the same read).
 */
export async function enrolledVoucher(q: Queryable, personId: string, classId: string): Promise<string | null> {
  if (!isUuid(personId) || !isUuid(classId)) return null;
  // the keys as the rows spell them (lower case), so a key in capitals finds its row
  return admittedRead(q, { personId: personId.toLowerCase(), classId: classId.toLowerCase() });
}

const admittedRead = batchedRead<{ personId: string; classId: string }, string>(
  async (q, keys) => {
    // one open admission per voucher; should a person hold two in one class, the latest names the voucher
    const { rows } = await q.query<{ person_id: string; class_id: string; voucher_id: string }>(
      `SELECT DISTINCT ON (a.person_id, a.class_id) a.person_id, a.class_id, a.voucher_id FROM admissions a
         JOIN unnest($1::uuid[], $2::uuid[]) AS k(person_id, class_id) ON a.person_id = k.person_id AND a.class_id = k.class_id
        WHERE a.status = 'admitted'
        ORDER BY a.person_id, a.class_id, a.admitted_at DESC`,
      [keys.map((k) => k.personId), keys.map((k) => k.classId)],
    );
    const admitted = new Map(rows.map((r) => [`${r.person_id} ${r.class_id}`, r.voucher_id]));
    return keys.map((k) => admitted.get(`${k.personId} ${k.classId}`) ?? null);
  },
  (k) => `${k.personId} ${k.classId}`,
);
