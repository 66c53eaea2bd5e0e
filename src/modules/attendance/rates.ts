/** Attendance rates (出勤率) for the subsidy module: accepted check-ins out of the class's sessions. */
import type { Queryable } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import * as catalog from '../catalog/index.js';
import * as training from '../training/index.js';
import { attendanceOf as rateOf, type Attendance } from './rules.js';

export type AttendanceRef = { voucherId: string } | { personId: string; classId: string };

/** Accepted check-ins of one trainee in one class (distinct sessions: one check-in per session by construction). */
async function attendedCount(q: Queryable, personId: string, classId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*) AS n FROM check_ins WHERE class_id = $1 AND person_id = $2 AND status = 'accepted'`, [
    classId,
    personId,
  ]);
  return rows[0]?.n ?? 0;
}

/** The trainee and class a reference names (a voucher: its admission's). */
async function traineeInClass(q: Queryable, ref: AttendanceRef): Promise<{ personId: string; classId: string }> {
  if (!('voucherId' in ref)) return { personId: ref.personId, classId: ref.classId };
  const a = await training.getAdmission(q, ref.voucherId);
  if (!a) throw notFound('admission of the voucher', 'voucherId');
  return { personId: a.personId, classId: a.classId };
}

/**
 * For the subsidy module: sessions attended (accepted check-ins; a flagged one only once accepted) out of
 * the class's sessions, and whether the programme's threshold is met. By voucher (its admission names the
 * class) or by person and class. NOT_FOUND when the voucher has no open admission or the class is unknown.
 */
export async function attendanceOf(q: Queryable, ref: AttendanceRef): Promise<Attendance> {
  const { personId, classId } = await traineeInClass(q, ref);
  const cls = await training.getClass(q, classId);
  if (!cls) throw notFound('class', 'classId');
  const programme = await catalog.getProgramme(q, cls.programmeId);
  const total = (await training.listSessions(q, classId)).length;
  const attended = Math.min(await attendedCount(q, personId, classId), total);
  return rateOf(attended, total, programme?.attendanceThresholdPct ?? 80);
}

/**
 * Every admitted trainee's attendance in one class (evaluation: who completed it), by person: accepted check-ins
 * counted in one query, the threshold the programme's.
 */
export async function classAttendance(q: Queryable, classId: string): Promise<Map<string, Attendance>> {
  const cls = await training.getClass(q, classId);
  if (!cls) throw notFound('class', 'classId');
  const programme = await catalog.getProgramme(q, cls.programmeId);
  const total = (await training.listSessions(q, classId)).length;
  const trainees = await training.listAdmittedVouchers(q, classId);
  const { rows } = await q.query<{ person_id: string; n: number }>(
    `SELECT person_id, count(*) AS n FROM check_ins WHERE class_id = $1 AND status = 'accepted' GROUP BY person_id`,
    [classId],
  );
  const attended = new Map(rows.map((r) => [r.person_id, Number(r.n)]));
  const out = new Map<string, Attendance>();
  for (const t of trainees) out.set(t.personId, rateOf(Math.min(attended.get(t.personId) ?? 0, total), total, programme?.attendanceThresholdPct ?? 80));
  return out;
}
