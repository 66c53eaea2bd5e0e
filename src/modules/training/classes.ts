/** Classes (培训班级) and their sessions (课次): a provider opens a class of its course, at a venue or online. */
import { batchedByKey } from '../../db/batch.js';
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import { scopeSql, type Actor } from '../identity/index.js';
import { activeProvider, isApproved } from './approvals.js';
import { getCourse } from './courses.js';
import { assertOwn, assertReadable, readScope, requireProvider, SCOPE_COLUMNS } from './policy.js';
import {
  CLASS_COLS,
  SEATS_TAKEN,
  toClass,
  toSession,
  toVenue,
  type ClassRow,
  type ClassSession,
  type SessionRow,
  type TrainingClass,
  type Venue,
  type VenueRow,
} from './rows.js';
import { businessDate, openingDeadline } from './rules.js';
import { Conditions, likeEscaped } from './sql.js';
import type { CreateClassBody, ListClassesQuery, SessionsBody, UpdateClassBody } from './schemas.js';
import { getVenue } from './venues.js';

/** Unscoped read (attendance, assessment). */
export async function getClass(q: Queryable, id: string): Promise<TrainingClass | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<ClassRow>(`SELECT ${CLASS_COLS} FROM training_classes c WHERE c.id = $1`, [id])).rows[0];
  return r ? toClass(r) : null;
}

/** The class's sessions in order (attendance). */
export async function listSessions(q: Queryable, classId: string): Promise<ClassSession[]> {
  if (!isUuid(classId)) return [];
  const { rows } = await q.query<SessionRow>('SELECT * FROM class_sessions WHERE class_id = $1 ORDER BY seq', [classId]);
  return rows.map(toSession);
}

type SessionFactsRow = ClassRow & { s_id: string; s_seq: number; s_starts_at: Date; s_ends_at: Date; s_topic: string | null } & {
  [K in keyof VenueRow as `v_${K}`]: VenueRow[K] | null;
};

/**
 * A session with its class and the class's venue (null online) in ONE query — what a check-in reads about
 * where and when (attendance). Unscoped, like listSessions, getClass and getVenue, whose results it equals.
 * Concurrent reads outside a transaction (check-ins for many sessions arriving together) share one query
 * (src/db/batch.ts).
 */
export async function sessionFacts(q: Queryable, sessionId: string): Promise<{ session: ClassSession; cls: TrainingClass; venue: Venue | null } | null> {
  if (!isUuid(sessionId)) return null;
  const r = await sessionFactsById(q, sessionId.toLowerCase());
  if (!r) return null;
  const session = toSession({ id: r.s_id, class_id: r.id, seq: r.s_seq, starts_at: r.s_starts_at, ends_at: r.s_ends_at, topic: r.s_topic });
  const venue =
    r.v_id === null
      ? null
      : toVenue({
          id: r.v_id,
          provider_id: r.v_provider_id!,
          name: r.v_name!,
          address: r.v_address!,
          district_code: r.v_district_code!,
          lat_gcj02: r.v_lat_gcj02!,
          lng_gcj02: r.v_lng_gcj02!,
          geofence_radius_m: r.v_geofence_radius_m,
          created_at: r.v_created_at!,
          updated_at: r.v_updated_at!,
        });
  return { session, cls: toClass(r), venue };
}

const sessionFactsById = batchedByKey<SessionFactsRow>(
  `SELECT ${CLASS_COLS}, s.id AS s_id, s.seq AS s_seq, s.starts_at AS s_starts_at, s.ends_at AS s_ends_at, s.topic AS s_topic,
          v.id AS v_id, v.provider_id AS v_provider_id, v.name AS v_name, v.address AS v_address, v.district_code AS v_district_code,
          v.lat_gcj02 AS v_lat_gcj02, v.lng_gcj02 AS v_lng_gcj02, v.geofence_radius_m AS v_geofence_radius_m,
          v.created_at AS v_created_at, v.updated_at AS v_updated_at
     FROM class_sessions s JOIN training_classes c ON c.id = s.class_id LEFT JOIN venues v ON v.id = c.venue_id
    WHERE s.id = ANY($1::uuid[])`,
  (r) => r.s_id,
);

export async function readClass(actor: Actor, q: Queryable, id: string): Promise<TrainingClass> {
  const s = readScope(actor);
  const c = await getClass(q, id);
  assertReadable(s, c, 'class');
  return c;
}

/** The provider's own class (another provider's → 404). */
export async function ownClass(actor: Actor, q: Queryable, id: string, forUpdate = false): Promise<TrainingClass> {
  const providerId = requireProvider(actor);
  if (!isUuid(id)) throw notFound('class', 'id');
  const r = (await q.query<ClassRow>(`SELECT ${CLASS_COLS} FROM training_classes c WHERE c.id = $1${forUpdate ? ' FOR UPDATE OF c' : ''}`, [id])).rows[0];
  const c = r ? toClass(r) : null;
  assertOwn(providerId, c, 'class');
  return c;
}

/** A session (课次), as the sessions' body schema gives it. */
export type SessionInput = z.infer<typeof SessionsBody>['sessions'][number];

function checkSessions(sessions: readonly SessionInput[], startDate: string, endDate: string): void {
  sessions.forEach((s, i) => {
    const a = new Date(s.startsAt);
    const b = new Date(s.endsAt);
    if (!(b.getTime() > a.getTime())) throw new AppError('VALIDATION_FAILED', 'a session ends after it starts', `sessions.${i}.endsAt`);
    if (businessDate(a) < startDate || businessDate(b) > endDate)
      throw new AppError('VALIDATION_FAILED', `a session lies within the class dates ${startDate}..${endDate} (Asia/Shanghai)`, `sessions.${i}.startsAt`);
  });
}

async function insertSessions(tx: Tx, classId: string, sessions: readonly SessionInput[]): Promise<void> {
  if (!sessions.length) return;
  const sorted = [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  await tx.query(
    `INSERT INTO class_sessions (class_id, seq, starts_at, ends_at, topic)
     SELECT $1, row_number() OVER (ORDER BY s), s, e, t FROM unnest($2::timestamptz[], $3::timestamptz[], $4::text[]) AS u(s, e, t)`,
    [classId, sorted.map((s) => s.startsAt), sorted.map((s) => s.endsAt), sorted.map((s) => s.topic ?? null)],
  );
}

/** A new class, as its body schema gives it. */
export type ClassInput = z.infer<typeof CreateClassBody>;

/** What a new class stands on: the active provider, its own course, the course's open programme, the approval for it. */
async function classGrounds(actor: Actor, tx: Tx, courseId: string) {
  const providerId = requireProvider(actor);
  const provider = await activeProvider(tx, providerId);
  const course = await getCourse(tx, courseId);
  assertOwn(providerId, course, 'course', 'courseId');
  const programme = await catalog.getProgramme(tx, course.programmeId);
  if (!programme) throw new AppError('PROGRAMME_UNKNOWN', 'the course programme is gone', 'courseId');
  if (programme.status !== 'open') throw new AppError('PROGRAMME_CLOSED', `${programme.code} is closed`, 'courseId');
  if (!(await isApproved(tx, providerId, programme.id, course.occupationCode)))
    throw new AppError('PROVIDER_NOT_APPROVED', `the provider is not approved for ${programme.code} × ${course.occupationCode}`, 'courseId');
  return { provider, course, programme };
}

/** The class's venue: none online, the provider's own offline. */
async function classVenue(tx: Tx, providerId: string, input: ClassInput): Promise<Venue | null> {
  if (input.online) {
    if (input.venueId) throw new AppError('VALIDATION_FAILED', 'an online class has no venue', 'venueId');
    return null;
  }
  if (!input.venueId) throw new AppError('VALIDATION_FAILED', 'an offline class needs a venue', 'venueId');
  const venue = await getVenue(tx, input.venueId);
  assertOwn(providerId, venue, 'venue', 'venueId');
  return venue;
}

/** The class's dates and sessions, and its roster deadline (which must not have passed). */
function classDeadline(input: ClassInput, openingDeadlineDays: number, now: Date): Date {
  if (input.endDate < input.startDate) throw new AppError('VALIDATION_FAILED', 'the class ends on or after its start date', 'endDate');
  const deadline = openingDeadline(input.startDate, openingDeadlineDays);
  if (now.getTime() > deadline.getTime())
    throw new AppError('OPENING_DEADLINE_PASSED', `a class starting ${input.startDate} had to be reported by ${deadline.toISOString()}`, 'startDate');
  checkSessions(input.sessions ?? [], input.startDate, input.endDate);
  return deadline;
}

export async function createClass(actor: Actor, tx: Tx, input: ClassInput, now: Date = clockNow()): Promise<TrainingClass> {
  const { provider, course, programme } = await classGrounds(actor, tx, input.courseId);
  const venue = await classVenue(tx, provider.id, input);
  const deadline = classDeadline(input, programme.openingDeadlineDays, now);
  const occupation = await catalog.getOccupation(tx, course.occupationCode);
  const searchText = [course.name, input.name, provider.name, occupation?.name, course.occupationCode, venue?.name, venue?.address]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  const { rows } = await tx.query<ClassRow>(
    `INSERT INTO training_classes (course_id, provider_id, programme_id, occupation_code, level, fee_fen, name, venue_id, online, district_code,
                                   capacity, start_date, end_date, report_deadline, search_text)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING *, 0 AS seats_taken`,
    [
      course.id,
      provider.id,
      programme.id,
      course.occupationCode,
      course.level,
      course.feeFen,
      input.name ?? course.name,
      venue?.id ?? null,
      input.online,
      venue?.districtCode ?? provider.districtCode,
      input.capacity,
      input.startDate,
      input.endDate,
      deadline,
      searchText,
    ],
  );
  const c = toClass(rows[0]!);
  await tx.query('INSERT INTO class_seats (class_id, seat_no) SELECT $1, g FROM generate_series(1, $2::int) g', [c.id, c.capacity]);
  await insertSessions(tx, c.id, input.sessions ?? []);
  await audit.record(tx, actor, {
    action: 'class.create',
    entityType: 'class',
    entityId: c.id,
    districtCode: c.districtCode,
    detail: { courseId: course.id, startDate: c.startDate, endDate: c.endDate, capacity: c.capacity, online: c.online, sessions: input.sessions?.length ?? 0 },
  });
  return c;
}

/** Replaces the sessions of a draft class. */
export async function replaceSessions(actor: Actor, tx: Tx, classId: string, sessions: SessionInput[]): Promise<ClassSession[]> {
  const c = await ownClass(actor, tx, classId, true);
  if (c.state !== 'draft') throw new AppError('CONFLICT', `the sessions of a ${c.state} class are fixed`, 'classId');
  checkSessions(sessions, c.startDate, c.endDate);
  await tx.query('DELETE FROM class_sessions WHERE class_id = $1', [c.id]);
  await insertSessions(tx, c.id, sessions);
  await audit.record(tx, actor, {
    action: 'class.sessions',
    entityType: 'class',
    entityId: c.id,
    districtCode: c.districtCode,
    detail: { sessions: sessions.length },
  });
  return listSessions(tx, c.id);
}

export async function readSessions(actor: Actor, q: Queryable, classId: string): Promise<ClassSession[]> {
  const c = await readClass(actor, q, classId);
  return listSessions(q, c.id);
}

export async function updateClass(actor: Actor, tx: Tx, id: string, patch: z.infer<typeof UpdateClassBody>): Promise<TrainingClass> {
  const c = await ownClass(actor, tx, id, true);
  if (c.state !== 'draft') throw new AppError('CONFLICT', `a ${c.state} class cannot be changed`, 'id');
  if (patch.capacity !== undefined && patch.capacity < c.seatsTaken)
    throw new AppError('VALIDATION_FAILED', `${c.seatsTaken} seats are taken: the capacity cannot go below that`, 'capacity');
  if (patch.capacity !== undefined && patch.capacity > c.capacity)
    await tx.query(
      `INSERT INTO class_seats (class_id, seat_no)
       SELECT $1, m + g FROM (SELECT coalesce(max(seat_no), 0) AS m FROM class_seats WHERE class_id = $1) x, generate_series(1, $2::int) g`,
      [c.id, patch.capacity - c.capacity],
    );
  if (patch.capacity !== undefined && patch.capacity < c.capacity)
    await tx.query(
      `DELETE FROM class_seats WHERE (class_id, seat_no) IN
         (SELECT class_id, seat_no FROM class_seats WHERE class_id = $1 AND voucher_id IS NULL ORDER BY seat_no DESC LIMIT $2)`,
      [c.id, c.capacity - patch.capacity],
    );
  const { rows } = await tx.query<ClassRow>(
    `UPDATE training_classes SET name = coalesce($2, name), capacity = coalesce($3, capacity) WHERE id = $1 RETURNING *, ${SEATS_TAKEN('training_classes')}`,
    [id, patch.name ?? null, patch.capacity ?? null],
  );
  const out = toClass(rows[0]!);
  await audit.record(tx, actor, { action: 'class.update', entityType: 'class', entityId: id, districtCode: out.districtCode, detail: { ...patch } });
  return out;
}

/** The class list's filters and page, as its query schema gives them. */
export type ClassFilter = z.infer<typeof ListClassesQuery>;

export async function listClasses(actor: Actor, q: Queryable, f: ClassFilter) {
  const s = readScope(actor);
  const params: unknown[] = [];
  const where = new Conditions(params, [scopeSql(s, SCOPE_COLUMNS, params)])
    .when('state = ?', f.state)
    .when('provider_id = ?', f.providerId)
    .when(`name LIKE '%' || ? || '%'`, f.q?.trim() ? likeEscaped(f.q.trim()) : undefined)
    .when('programme_id = ?', f.programmeId)
    .when('start_date >= ?::date', f.from)
    .when('start_date <= ?::date', f.to);
  const w = `WHERE ${where.sql}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM training_classes ${w}`, params)).rows[0]!.n;
  const page = where.page(f.limit, f.offset);
  const { rows } = await q.query<ClassRow>(`SELECT ${CLASS_COLS} FROM training_classes c ${w} ORDER BY start_date, id ${page.sql}`, page.params);
  return { total, items: rows.map(toClass) };
}

/**
 * Ended classes whose end date lies in [from, to] (Shanghai dates; no `to`: open-ended), in one district or all (null), newest first,
 * at most `limit` (evaluation's share of completers who rated). Unscoped: the caller confines the district.
 */
export async function listEndedClasses(
  q: Queryable,
  f: { districtCode: string | null; from: string; to: string | null; limit: number },
): Promise<TrainingClass[]> {
  const { rows } = await q.query<ClassRow>(
    `SELECT ${CLASS_COLS} FROM training_classes c
      WHERE c.state = 'ended' AND c.end_date >= $1::date AND ($2::date IS NULL OR c.end_date <= $2::date) AND ($3::text IS NULL OR c.district_code = $3)
      ORDER BY c.end_date DESC, c.id LIMIT $4`,
    [f.from, f.to, f.districtCode, f.limit],
  );
  return rows.map(toClass);
}
