/** The class attendance sheet (考勤表): every admitted trainee × every session, with rates. */
import type { Queryable } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import { isUuid, maskName } from '../../lib/identifiers.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import * as persons from '../persons/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { sheetLineOf } from './policy.js';
import type { CheckInRow, CheckInStatus } from './rows.js';
import { checkinWindow, attendanceOf as rateOf } from './rules.js';
import type { ClassAttendance, SessionMark, TraineeAttendance } from './schemas.js';

const markOf = (s: CheckInStatus): SessionMark => (s === 'accepted' ? 'attended' : s === 'flagged' ? 'flagged' : 'rejected');

/** The class the reader may see, and whose line only (a worker: their own, of a class they are admitted to). */
async function readableClass(actor: Actor, q: Queryable, classId: string): Promise<{ cls: training.TrainingClass; only: string | null }> {
  const line = sheetLineOf(actor);
  if (!line.own) return { cls: await training.readClass(actor, q, classId), only: null };
  const c = isUuid(classId) ? await training.getClass(q, classId) : null;
  if (!c || !line.personId || !(await training.isEnrolled(q, line.personId, c.id))) throw notFound('class', 'id');
  return { cls: c, only: line.personId };
}

/** One trainee's line: a mark per session and the rate. */
async function traineeLine(
  q: Queryable,
  a: { voucherId: string; personId: string },
  sessions: readonly training.ClassSession[],
  byKey: ReadonlyMap<string, CheckInRow>,
  thresholdPct: number,
): Promise<TraineeAttendance> {
  const v = await vouchers.getVoucher(q, a.voucherId);
  const p = await persons.getPerson(q, a.personId);
  const marks = sessions.map((s) => {
    const r = byKey.get(`${a.personId}|${s.id}`);
    return {
      sessionId: s.id,
      seq: s.seq,
      mark: r ? markOf(r.status) : ('absent' as SessionMark),
      at: r ? r.at.toISOString() : null,
      flags: r?.flags ?? [],
      // the check-in itself (a rejected one is what a 申诉 names)
      checkInId: r?.id ?? null,
      // the reviewing officer's words (复核说明): why a flagged check-in was not accepted, what the trainee appeals
      reviewNote: r?.review_note ?? null,
    };
  });
  const attended = marks.filter((m) => m.mark === 'attended').length;
  return {
    voucherId: a.voucherId,
    voucherNumber: v?.number ?? '',
    voucherKind: v?.kind ?? '',
    name: p ? maskName(p.name) : '*',
    ...rateOf(attended, sessions.length, thresholdPct),
    sessions: marks,
  };
}

/**
 * The class sheet: every admitted trainee × every session. Provider: its own classes; district admin: its
 * district; city admin / auditor: all; a worker: their own line of a class they are admitted to.
 */
export async function classAttendance(actor: Actor, q: Queryable, classId: string): Promise<ClassAttendance> {
  const { cls, only } = await readableClass(actor, q, classId);
  const programme = await catalog.getProgramme(q, cls.programmeId);
  const thresholdPct = programme?.attendanceThresholdPct ?? 80;
  const sessions = await training.listSessions(q, cls.id);
  const admitted = (await training.listAdmittedVouchers(q, cls.id)).filter((a) => only === null || a.personId === only);
  const { rows } = await q.query<CheckInRow>(
    `SELECT * FROM check_ins WHERE class_id = $1 ${only ? 'AND person_id = $2' : ''}`,
    only ? [cls.id, only] : [cls.id],
  );
  const byKey = new Map(rows.map((r) => [`${r.person_id}|${r.session_id}`, r]));
  const trainees: TraineeAttendance[] = [];
  for (const a of admitted) trainees.push(await traineeLine(q, a, sessions, byKey, thresholdPct));
  const perSession = new Map<string, number>();
  for (const r of rows) if (r.status === 'accepted') perSession.set(r.session_id, (perSession.get(r.session_id) ?? 0) + 1);
  return {
    classId: cls.id,
    className: cls.name,
    online: cls.online,
    thresholdPct,
    sessions: sessions.map((s) => {
      // the window decideCheckIn applies (same function, same programme minutes): the phone offers 签到 exactly then
      const w = checkinWindow(s.startsAt, programme?.checkinBeforeMin, programme?.checkinAfterMin);
      return {
        id: s.id,
        seq: s.seq,
        startsAt: s.startsAt.toISOString(),
        checkInOpensAt: w.opensAt.toISOString(),
        checkInClosesAt: w.closesAt.toISOString(),
        checkedIn: perSession.get(s.id) ?? 0,
      };
    }),
    trainees,
  };
}
