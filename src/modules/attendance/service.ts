/**
 * Attendance (打卡签到): geofenced check-in, online-platform imports, flags for review, attendance rates.
 *
 * Scope: a worker checks in for their own admitted classes; a provider reads its own classes' sheets and
 * imports their online records; a district admin reads and reviews its district's (another scope → 404).
 *
 * Check-in, in one transaction (checkInNow's coalesced path asks the context and the enrolment before it):
 *   context (session → class → programme → venue, through training and catalog; cached a few seconds) →
 *   enrolment (training.isEnrolled) → window, geofence, accuracy (pure rules) → per-session advisory lock →
 *   one look-up of the session's other check-ins that share the device or the coordinates and of the
 *   trainee's nearest check-ins before and after (set-based) → flags (pure rules) → INSERT … ON CONFLICT
 *   (session_id, person_id) DO NOTHING → on conflict the first record is read and answered (a repeat, even
 *   concurrent, answers the same record) → one audit entry, sent with the COMMIT.
 * The lock serialises only the flag evaluation of one session, so two simultaneous check-ins from one device
 * cannot both miss each other.
 */
import { asError, coalescedWrite, isConcurrencyConflict } from '../../db/batch.js';
import { sqlLiteral, type Db, type Queryable, type Tx } from '../../db/index.js';
import { AppError, notFound, type FieldIssue } from '../../lib/errors.js';
import { checkIdNumber, isUuid, maskName, normaliseIdNumber } from '../../lib/identifiers.js';
import * as audit from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import type { Actor } from '../identity/actor.js';
import * as persons from '../persons/service.js';
import { readSheet, type SheetFormat } from '../persons/sheet.js';
import * as training from '../training/service.js';
import * as vouchers from '../vouchers/service.js';
import {
  attendanceOf as rateOf,
  checkinWindow,
  coordKey,
  evaluateFlags,
  fenceVerdict,
  shanghaiLocal,
  toStored,
  validateFix,
  windowExtra,
  windowVerdict,
  type Attendance,
  type CheckinRecord,
  type Flag,
} from './rules.js';

// ───────────────────────────── rows and views ─────────────────────────────

export type CheckInStatus = 'accepted' | 'flagged' | 'rejected_after_review';

interface CheckInRow {
  id: string;
  session_id: string;
  class_id: string;
  person_id: string;
  voucher_id: string | null;
  provider_id: string;
  district_code: string;
  source: 'geofence' | 'online_import';
  at: Date;
  lat: number | null;
  lng: number | null;
  coord_system: 'wgs84' | 'gcj02' | null;
  lat_gcj02: number | null;
  lng_gcj02: number | null;
  coord_key: string | null;
  accuracy_m: number | null;
  distance_m: number | null;
  device_id: string | null;
  status: CheckInStatus;
  flags: string[];
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  created_at: Date;
}

export interface CheckInView {
  id: string;
  sessionId: string;
  classId: string;
  source: 'geofence' | 'online_import';
  at: string;
  status: CheckInStatus;
  flags: string[];
  distanceM: number | null;
  accuracyM: number | null;
  /** Counts for attendance: accepted (a flagged one only once accepted on review). */
  counts: boolean;
}

const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

export const presentCheckIn = (r: CheckInRow): CheckInView => ({
  id: r.id,
  sessionId: r.session_id,
  classId: r.class_id,
  source: r.source,
  at: r.at.toISOString(),
  status: r.status,
  flags: r.flags,
  distanceM: round1(r.distance_m),
  accuracyM: round1(r.accuracy_m),
  counts: r.status === 'accepted',
});

const toRecord = (r: Pick<CheckInRow, 'person_id' | 'session_id' | 'at' | 'lat_gcj02' | 'lng_gcj02' | 'accuracy_m' | 'device_id'>): CheckinRecord => ({
  personId: r.person_id,
  sessionId: r.session_id,
  at: r.at,
  lat: r.lat_gcj02,
  lng: r.lng_gcj02,
  accuracyM: r.accuracy_m,
  deviceId: r.device_id,
});

// ───────────────────────────── context (read-mostly, cached briefly) ─────────────────────────────

interface SessionContext {
  session: training.ClassSession;
  cls: training.TrainingClass;
  programme: catalog.Programme;
  venue: training.Venue | null;
}

/**
 * Sessions, classes, programmes and venues change rarely: a short per-node cache spares the reads on most
 * check-ins. A miss reads training's facts (session, class, venue) in one query, then the programme.
 */
const CONTEXT_TTL_MS = 5_000;
const CONTEXT_MAX = 10_000;
const contextCache = new Map<string, { at: number; ctx: SessionContext }>();

async function sessionContext(q: Queryable, sessionId: string, now: number = Date.now()): Promise<SessionContext | null> {
  const hit = contextCache.get(sessionId);
  if (hit && now - hit.at < CONTEXT_TTL_MS) return hit.ctx;
  const facts = await training.sessionFacts(q, sessionId);
  if (!facts) return null;
  const programme = await catalog.getProgramme(q, facts.cls.programmeId);
  if (!programme) return null;
  const ctx = { ...facts, programme };
  if (contextCache.size >= CONTEXT_MAX) contextCache.clear();
  contextCache.set(sessionId, { at: now, ctx });
  return ctx;
}

/** Test support: forget cached contexts (after changing a class or programme in a test). */
export function clearContextCache(): void {
  contextCache.clear();
}

// ───────────────────────────── check-in ─────────────────────────────

export interface CheckInInput {
  lat?: number | undefined;
  lng?: number | undefined;
  accuracyM?: number | undefined;
  coordSystem?: 'wgs84' | 'gcj02' | undefined;
  deviceId?: string | undefined;
}

async function findCheckIn(q: Queryable, sessionId: string, personId: string): Promise<CheckInRow | null> {
  return (await q.query<CheckInRow>('SELECT * FROM check_ins WHERE session_id = $1 AND person_id = $2', [sessionId, personId])).rows[0] ?? null;
}

/** A refusal, unless the trainee already checked in to this session: then the first record is the answer. */
async function refuseUnlessRepeat(q: Queryable, sessionId: string, personId: string, err: AppError): Promise<CheckInView> {
  const first = await findCheckIn(q, sessionId, personId);
  if (first) return presentCheckIn(first);
  throw err;
}

export async function checkIn(actor: Actor, tx: Tx, sessionId: string, input: CheckInInput, now: Date = new Date()): Promise<CheckInView> {
  if (actor.role !== 'worker' || !actor.personId) throw new AppError('FORBIDDEN', 'only a trainee checks in');
  const personId = actor.personId;
  if (!isUuid(sessionId)) throw notFound('session', 'id');
  const ctx = await sessionContext(tx, sessionId, now.getTime());
  if (!ctx) throw notFound('session', 'id');
  const { session, cls, programme, venue } = ctx;
  if (!(await training.isEnrolled(tx, personId, cls.id))) throw new AppError('NOT_ENROLLED', 'you are not admitted to this class', 'id', { classId: cls.id });
  if (cls.online || !venue)
    return refuseUnlessRepeat(
      tx,
      session.id,
      personId,
      new AppError('CONFLICT', 'an online class has no geofence check-in: attendance comes from the online platform’s records', 'id', { online: true }),
    );
  if (cls.state !== 'open')
    return refuseUnlessRepeat(tx, session.id, personId, new AppError('CLASS_NOT_OPEN', `the class is ${cls.state}, not open`, 'id', { state: cls.state }));
  const fix = validateFix(input);
  const deviceId = input.deviceId ?? null;
  const w = checkinWindow(session.startsAt, programme.checkinBeforeMin, programme.checkinAfterMin);
  const wv = windowVerdict(now, w);
  if (wv !== 'inside')
    return refuseUnlessRepeat(
      tx,
      session.id,
      personId,
      new AppError(
        'CHECKIN_OUTSIDE_WINDOW',
        `check-in for this session is open from ${shanghaiLocal(w.opensAt)} to ${shanghaiLocal(w.closesAt)} (Asia/Shanghai)`,
        'at',
        windowExtra(w, wv, now),
      ),
    );
  const radiusM = venue.geofenceRadiusM ?? programme.geofenceRadiusM;
  const fv = fenceVerdict(fix, { lat: venue.lat, lng: venue.lng }, { radiusM, accuracyMaxM: programme.accuracyMaxM });
  if (!fv.ok) {
    const err =
      fv.code === 'CHECKIN_OUTSIDE_GEOFENCE'
        ? new AppError('CHECKIN_OUTSIDE_GEOFENCE', `you are ${Math.round(fv.distanceM)} m from the venue; check-in needs ≤ ${fv.radiusM} m`, 'lat', {
            distanceM: round1(fv.distanceM),
            radiusM: fv.radiusM,
          })
        : new AppError('CHECKIN_ACCURACY_TOO_POOR', `the reported accuracy is ${fv.accuracyM} m; check-in needs ≤ ${fv.accuracyMaxM} m`, 'accuracyM', {
            accuracyM: fv.accuracyM,
            accuracyMaxM: fv.accuracyMaxM,
            distanceM: round1(fv.distanceM),
          });
    return refuseUnlessRepeat(tx, session.id, personId, err);
  }
  // The write is the coalesced path's, with one check-in.
  const here = toStored({ lat: fix.lat, lng: fix.lng }, fix.coordSystem);
  await tx.exec(lockStatement([session.id]));
  const [r] = await writeChecked(tx, [{ actor, personId, now, ctx, deviceId, fix, here, key: coordKey(here.lat, here.lng), distanceM: fv.distanceM }]);
  if (r instanceof Error) throw r;
  return r!;
}

// ───────────────────────────── coalesced check-in ─────────────────────────────

/** A check-in that passed every rule that needs no database (context, window, fence, accuracy input). */
interface PendingCheckIn {
  actor: Actor;
  personId: string;
  now: Date;
  ctx: SessionContext;
  deviceId: string | null;
  fix: ReturnType<typeof validateFix>;
  here: { lat: number; lng: number };
  key: string | null;
  distanceM: number;
}

/**
 * The check-in route's entry. When a burst arrives (everyone at the class door at once), the check-ins that
 * reached the server in the same turn of the event loop are written in ONE transaction of three round trips:
 * BEGIN with the sessions' advisory locks in a fixed order; one INSERT … ON CONFLICT DO NOTHING for all of
 * them with the set-based look-up of their related check-ins (and, only when a flag fires, one UPDATE for the
 * flags); the audit entries with COMMIT. Enrolment is asked before, outside the transaction, by one query for
 * the burst (training.isEnrolled), as the one-by-one path asks it without a lock on the admission.
 * The result is the same as writing them one by one in their order of arrival: each is evaluated against the
 * check-ins committed before and those earlier in its batch, and a shared device or coordinates flag both
 * sides. Anything else — a refusal, an online class, a closed window — takes the one-by-one path, and so
 * does every member of a batch whose transaction fails.
 */
export async function checkInNow(actor: Actor, db: Db, sessionId: string, input: CheckInInput, now: Date = new Date()): Promise<CheckInView> {
  const single = () => db.tx((tx) => checkIn(actor, tx, sessionId, input, now));
  if (actor.role !== 'worker' || !actor.personId || !isUuid(sessionId)) return single();
  const ctx = await sessionContext(db, sessionId, now.getTime());
  if (!ctx || ctx.cls.online || !ctx.venue || ctx.cls.state !== 'open') return single();
  const { session, programme, venue } = ctx;
  let fix: ReturnType<typeof validateFix>;
  try {
    fix = validateFix(input);
  } catch {
    return single();
  }
  if (windowVerdict(now, checkinWindow(session.startsAt, programme.checkinBeforeMin, programme.checkinAfterMin)) !== 'inside') return single();
  const fv = fenceVerdict(
    fix,
    { lat: venue.lat, lng: venue.lng },
    { radiusM: venue.geofenceRadiusM ?? programme.geofenceRadiusM, accuracyMaxM: programme.accuracyMaxM },
  );
  if (!fv.ok) return single();
  // enrolment: one query for the burst's questions of this turn (training.isEnrolled coalesces them)
  if (!(await training.isEnrolled(db, actor.personId, ctx.cls.id))) return single();
  const here = toStored({ lat: fix.lat, lng: fix.lng }, fix.coordSystem);
  return coalescedCheckIn(db, {
    actor,
    personId: actor.personId,
    now,
    ctx,
    deviceId: input.deviceId ?? null,
    fix,
    here,
    key: coordKey(here.lat, here.lng),
    distanceM: fv.distanceM,
  });
}

const coalescedCheckIn = coalescedWrite<PendingCheckIn, CheckInView>((db, items) => checkInBatch(db, items), 200, { inFlight: 1 });

async function checkInBatch(db: Db, items: readonly PendingCheckIn[]): Promise<Array<CheckInView | Error>> {
  if (items.length === 1) {
    const it = items[0]!;
    return [await db.tx((tx) => checkIn(it.actor, tx, it.ctx.session.id, inputOf(it), it.now)).catch(asError)];
  }
  try {
    return await db.tx((tx) => writeChecked(tx, items), { begin: lockStatement(items.map((it) => it.ctx.session.id)) });
  } catch (e) {
    // The batch failed as a whole (a deadlock, a lost connection): each check-in on its own, as if it had come alone.
    if (!isConcurrencyConflict(e)) process.emitWarning(`check-in batch of ${items.length} failed unexpectedly: ${String(e)}`, { code: 'SV_BATCH' });
    return Promise.all(items.map((it) => db.tx((tx) => checkIn(it.actor, tx, it.ctx.session.id, inputOf(it), it.now)).catch(asError)));
  }
}

const inputOf = (it: PendingCheckIn): CheckInInput => ({
  lat: it.fix.lat,
  lng: it.fix.lng,
  accuracyM: it.fix.accuracyM,
  coordSystem: it.fix.coordSystem,
  ...(it.deviceId !== null ? { deviceId: it.deviceId } : {}),
});

type RelatedRow = CheckInRow & { rel: 'self' | 'session' | 'prev' | 'next'; i: number | null };

/**
 * The first statement of a check-in write, sent with its BEGIN (`TxOptions.begin`). It takes the sessions'
 * advisory locks in one fixed order (flag evaluation is serialised per session; no deadlock between batches).
 * It also sets two planner settings for this transaction only:
 *  - plan_cache_mode = force_generic_plan: the batch statements are planned once per connection and the plan
 *    is kept. Left to choose, PostgreSQL planned the check-in statement for half of the batches
 *    (pg_stat_statements in the checkin bench: ~54 µs of the database's time per check-in).
 *  - enable_seqscan = off: a kept plan made while check_ins looked empty would otherwise scan the table for
 *    every look-up for as long as it is kept (src/modules/attendance/plans.test.ts).
 * The session ids are literals (the statement shares the BEGIN's parameter-free round trip).
 */
function lockStatement(sessionIds: readonly string[]): string {
  const ids = [...new Set(sessionIds)].map(sqlLiteral).join(', '); // the statement orders them
  return `SELECT set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true),
            (SELECT count(*) FROM (SELECT pg_advisory_xact_lock(6, hashtext(s)) FROM (SELECT DISTINCT s FROM unnest(ARRAY[${ids}]::text[]) AS s ORDER BY s) o) l)`;
}

/**
 * Check-ins that passed every rule, enrolment included, written in the caller's transaction, which holds
 * their sessions' locks (lockStatement, before any write); in ONE statement the
 * idempotent inserts and the set-based look-up of each one's related check-ins (others in the session sharing
 * the device or the coordinates; the trainee's nearest before and after), then the flags (pure rules, in order
 * of arrival), one UPDATE for the flags, the audit entries in the COMMIT's round trip. A repeat answers the first record.
 */
async function writeChecked(tx: Tx, items: readonly PendingCheckIn[]): Promise<Array<CheckInView | Error>> {
  const out: Array<CheckInView | Error | null> = items.map(() => null);
  const firsts: number[] = [];
  const repeats: number[] = [];
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const k = `${it.ctx.session.id} ${it.personId}`;
    if (seen.has(k)) repeats.push(i);
    else {
      seen.add(k);
      firsts.push(i);
    }
  });
  if (firsts.length) {
    const f = firsts.map((i) => items[i]!);
    const { rows } = await tx.query<RelatedRow>(
      `WITH u AS (
         SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::timestamptz[], $8::float8[], $9::float8[],
                              $10::text[], $11::float8[], $12::float8[], $13::text[], $14::float8[], $15::float8[], $16::text[])
           AS u(i, session_id, class_id, person_id, provider_id, district_code, at, lat, lng, coord_system, lat_g, lng_g, coord_key, accuracy_m, distance_m, device_id)),
       ins AS (
         INSERT INTO check_ins (session_id, class_id, person_id, provider_id, district_code, source, at, lat, lng, coord_system,
                                lat_gcj02, lng_gcj02, coord_key, accuracy_m, distance_m, device_id, status)
         SELECT session_id, class_id, person_id, provider_id, district_code, 'geofence', at, lat, lng, coord_system,
                lat_g, lng_g, coord_key, accuracy_m, distance_m, device_id, 'accepted' FROM u ORDER BY i
         ON CONFLICT (session_id, person_id) DO NOTHING RETURNING *)
       SELECT 'self' AS rel, NULL::int AS i, ins.* FROM ins
       UNION ALL
       SELECT 'session', u.i, c.* FROM u CROSS JOIN LATERAL
         (SELECT * FROM check_ins c WHERE c.session_id = u.session_id AND c.person_id <> u.person_id AND (c.device_id = u.device_id OR c.coord_key = u.coord_key) LIMIT 100) c
       UNION ALL
       SELECT 'prev', u.i, c.* FROM u CROSS JOIN LATERAL
         (SELECT * FROM check_ins c WHERE c.person_id = u.person_id AND c.session_id <> u.session_id AND c.at <= u.at AND c.lat_gcj02 IS NOT NULL ORDER BY c.at DESC LIMIT 1) c
       UNION ALL
       SELECT 'next', u.i, c.* FROM u CROSS JOIN LATERAL
         (SELECT * FROM check_ins c WHERE c.person_id = u.person_id AND c.session_id <> u.session_id AND c.at > u.at AND c.lat_gcj02 IS NOT NULL ORDER BY c.at ASC LIMIT 1) c`,
      [
        firsts,
        f.map((it) => it.ctx.session.id),
        f.map((it) => it.ctx.cls.id),
        f.map((it) => it.personId),
        f.map((it) => it.ctx.cls.providerId),
        f.map((it) => it.ctx.cls.districtCode),
        f.map((it) => it.now),
        f.map((it) => it.fix.lat),
        f.map((it) => it.fix.lng),
        f.map((it) => it.fix.coordSystem),
        f.map((it) => it.here.lat),
        f.map((it) => it.here.lng),
        f.map((it) => it.key),
        f.map((it) => it.fix.accuracyM),
        f.map((it) => it.distanceM),
        f.map((it) => it.deviceId),
      ],
    );
    const inserted = new Map<string, CheckInRow>();
    const related = new Map<number, RelatedRow[]>();
    for (const r of rows) {
      if (r.rel === 'self') inserted.set(`${r.session_id} ${r.person_id}`, r);
      else related.set(r.i!, [...(related.get(r.i!) ?? []), r]);
    }
    // In order of arrival, as the one-by-one path would have written them.
    const earlier: Array<{ row: CheckInRow; key: string | null }> = [];
    const merged = new Map<string, Set<string>>();
    const mergeFlags = (id: string, flags: readonly string[]) => merged.set(id, new Set([...(merged.get(id) ?? []), ...flags]));
    const audits: Array<audit.AuditInput & { actor: audit.AuditActor }> = [];
    for (const i of firsts) {
      const it = items[i]!;
      const row = inserted.get(`${it.ctx.session.id} ${it.personId}`);
      if (!row) {
        repeats.push(i); // someone committed this check-in before us: a repeat
        continue;
      }
      const rel = related.get(i) ?? [];
      const sharesWithMe = (o: Pick<CheckInRow, 'device_id' | 'coord_key'>) =>
        (it.deviceId !== null && o.device_id === it.deviceId) || (it.key !== null && o.coord_key === it.key);
      const batchSession = earlier
        .filter((e) => e.row.session_id === row.session_id && e.row.person_id !== row.person_id && sharesWithMe(e.row))
        .map((e) => e.row);
      const dbSession = rel.filter((r) => r.rel === 'session');
      const mine = [
        ...rel.filter((r) => r.rel !== 'session'),
        ...earlier.filter((e) => e.row.person_id === row.person_id && e.row.session_id !== row.session_id).map((e) => e.row),
      ];
      const candidate: CheckinRecord = {
        personId: it.personId,
        sessionId: row.session_id,
        at: it.now,
        lat: it.here.lat,
        lng: it.here.lng,
        accuracyM: it.fix.accuracyM,
        deviceId: it.deviceId,
      };
      const flags = evaluateFlags(candidate, {
        sameSession: [...dbSession, ...batchSession].map(toRecord),
        mine: mine.map(toRecord),
        accuracyMaxM: it.ctx.programme.accuracyMaxM,
      });
      const status: CheckInStatus = flags.length ? 'flagged' : 'accepted';
      if (flags.length) mergeFlags(row.id, flags);
      const alsoFlag = flags.filter((fl): fl is Flag => fl === 'shared_device' || fl === 'identical_coordinates');
      let alsoFlagged = 0;
      if (alsoFlag.length) {
        for (const o of [...dbSession, ...batchSession]) {
          if (
            (alsoFlag.includes('shared_device') && it.deviceId !== null && o.device_id === it.deviceId) ||
            (alsoFlag.includes('identical_coordinates') && o.coord_key === it.key)
          ) {
            mergeFlags(o.id, alsoFlag);
            alsoFlagged++;
          }
        }
      }
      out[i] = presentCheckIn({ ...row, status, flags });
      earlier.push({ row, key: it.key });
      audits.push({
        actor: it.actor,
        action: 'checkin.create',
        entityType: 'check_in',
        entityId: row.id,
        districtCode: it.ctx.cls.districtCode,
        detail: { sessionId: row.session_id, classId: row.class_id, status, flags, ...(alsoFlagged ? { alsoFlagged } : {}) },
      });
    }
    if (merged.size) {
      const ids = [...merged.keys()];
      await tx.query(
        `UPDATE check_ins c SET status = CASE WHEN c.status = 'accepted' THEN 'flagged' ELSE c.status END,
                                flags = ARRAY(SELECT DISTINCT x FROM unnest(c.flags || string_to_array(u.flags, ',')) AS x ORDER BY x)
           FROM unnest($1::uuid[], $2::text[]) AS u(id, flags) WHERE c.id = u.id`,
        [ids, ids.map((id) => [...merged.get(id)!].sort().join(','))],
      );
    }
    audit.recordManyAtCommit(tx, audit.SYSTEM, audits);
  }
  if (repeats.length) {
    const r = repeats.map((i) => items[i]!);
    const { rows } = await tx.query<CheckInRow>(
      'SELECT c.* FROM check_ins c JOIN unnest($1::uuid[], $2::uuid[]) AS k(session_id, person_id) ON c.session_id = k.session_id AND c.person_id = k.person_id',
      [r.map((it) => it.ctx.session.id), r.map((it) => it.personId)],
    );
    const found = new Map(rows.map((x) => [`${x.session_id} ${x.person_id}`, x]));
    for (const i of repeats) {
      const it = items[i]!;
      const first = found.get(`${it.ctx.session.id} ${it.personId}`);
      out[i] = first ? presentCheckIn(first) : new AppError('CONFLICT', 'the check-in could not be recorded; try again');
    }
  }
  return out.map((o) => o ?? new AppError('CONFLICT', 'the check-in could not be recorded; try again'));
}

// ───────────────────────────── attendance ─────────────────────────────

export type AttendanceRef = { voucherId: string } | { personId: string; classId: string };

/** Accepted check-ins of one trainee in one class (distinct sessions: one check-in per session by construction). */
async function attendedCount(q: Queryable, personId: string, classId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*) AS n FROM check_ins WHERE class_id = $1 AND person_id = $2 AND status = 'accepted'`, [
    classId,
    personId,
  ]);
  return rows[0]?.n ?? 0;
}

/**
 * For the subsidy module: sessions attended (accepted check-ins; a flagged one only once accepted) out of
 * the class's sessions, and whether the programme's threshold is met. By voucher (its admission names the
 * class) or by person and class. NOT_FOUND when the voucher has no open admission or the class is unknown.
 */
export async function attendanceOf(q: Queryable, ref: AttendanceRef): Promise<Attendance> {
  let personId: string;
  let classId: string;
  if ('voucherId' in ref) {
    const a = await training.getAdmission(q, ref.voucherId);
    if (!a) throw notFound('admission of the voucher', 'voucherId');
    personId = a.personId;
    classId = a.classId;
  } else {
    personId = ref.personId;
    classId = ref.classId;
  }
  const cls = await training.getClass(q, classId);
  if (!cls) throw notFound('class', 'classId');
  const programme = await catalog.getProgramme(q, cls.programmeId);
  const total = (await training.listSessions(q, classId)).length;
  const attended = Math.min(await attendedCount(q, personId, classId), total);
  return rateOf(attended, total, programme?.attendanceThresholdPct ?? 80);
}

export type SessionMark = 'attended' | 'flagged' | 'rejected' | 'absent';

export interface TraineeAttendance extends Attendance {
  voucherId: string;
  voucherNumber: string;
  voucherKind: string;
  name: string;
  sessions: Array<{ sessionId: string; seq: number; mark: SessionMark; at: string | null; flags: string[] }>;
}

export interface ClassAttendance {
  classId: string;
  className: string;
  online: boolean;
  thresholdPct: number;
  sessions: Array<{ id: string; seq: number; startsAt: string; checkedIn: number }>;
  trainees: TraineeAttendance[];
}

const markOf = (s: CheckInStatus): SessionMark => (s === 'accepted' ? 'attended' : s === 'flagged' ? 'flagged' : 'rejected');

/**
 * The class sheet: every admitted trainee × every session. Provider: its own classes; district admin: its
 * district; city admin / auditor: all; a worker: their own line of a class they are admitted to.
 */
export async function classAttendance(actor: Actor, q: Queryable, classId: string): Promise<ClassAttendance> {
  let cls: training.TrainingClass;
  let only: string | null = null;
  if (actor.role === 'worker') {
    const c = isUuid(classId) ? await training.getClass(q, classId) : null;
    if (!c || !actor.personId || !(await training.isEnrolled(q, actor.personId, c.id))) throw notFound('class', 'id');
    cls = c;
    only = actor.personId;
  } else {
    cls = await training.readClass(actor, q, classId);
  }
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
  for (const a of admitted) {
    const v = await vouchers.getVoucher(q, a.voucherId);
    const p = await persons.getPerson(q, a.personId);
    const marks = sessions.map((s) => {
      const r = byKey.get(`${a.personId}|${s.id}`);
      return { sessionId: s.id, seq: s.seq, mark: r ? markOf(r.status) : ('absent' as SessionMark), at: r ? r.at.toISOString() : null, flags: r?.flags ?? [] };
    });
    const attended = marks.filter((m) => m.mark === 'attended').length;
    trainees.push({
      voucherId: a.voucherId,
      voucherNumber: v?.number ?? '',
      voucherKind: v?.kind ?? '',
      name: p ? maskName(p.name) : '*',
      ...rateOf(attended, sessions.length, thresholdPct),
      sessions: marks,
    });
  }
  const perSession = new Map<string, number>();
  for (const r of rows) if (r.status === 'accepted') perSession.set(r.session_id, (perSession.get(r.session_id) ?? 0) + 1);
  return {
    classId: cls.id,
    className: cls.name,
    online: cls.online,
    thresholdPct,
    sessions: sessions.map((s) => ({ id: s.id, seq: s.seq, startsAt: s.startsAt.toISOString(), checkedIn: perSession.get(s.id) ?? 0 })),
    trainees,
  };
}

// ───────────────────────────── online classes: the platform's records ─────────────────────────────

/** Import columns (header row required; English or Chinese labels). */
export const ONLINE_COLUMNS = [
  { key: 'idNumber', labels: ['idnumber', '身份证号', '身份证号码'] },
  { key: 'sessionSeq', labels: ['sessionseq', '课次', '课次序号'] },
  { key: 'at', labels: ['at', 'joinedat', '签到时间', '进入时间'] },
] as const;

export interface OnlineImportReport {
  rows: number;
  imported: number;
  duplicates: number;
  errors: FieldIssue[];
}

export const ONLINE_IMPORT_MAX_ROWS = 50_000;

/**
 * 线上培训: the provider imports the online platform's attendance records of one of its online classes
 * (programme setting `onlineAttendance`). Each good row becomes an accepted check-in (source online_import),
 * once per trainee per session (re-imports count as duplicates); bad rows are reported by row and field,
 * never half-written. One audit entry per import.
 */
export async function importOnlineAttendance(actor: Actor, tx: Tx, classId: string, buffer: Buffer, format: SheetFormat): Promise<OnlineImportReport> {
  if (actor.role !== 'provider' || !actor.orgId) throw new AppError('FORBIDDEN', 'only the class’s provider imports its online records');
  const cls = await training.readClass(actor, tx, classId);
  if (!cls.online) throw new AppError('CONFLICT', 'this class is held on site: attendance comes from geofenced check-ins', 'id');
  const programme = await catalog.getProgramme(tx, cls.programmeId);
  if (!programme?.onlineAttendance) throw new AppError('CONFLICT', `programme ${programme?.code ?? ''} does not take online attendance records`, 'id');
  const sheet = await readSheet(buffer, format, ONLINE_IMPORT_MAX_ROWS);
  const norm = (h: string): string =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s_-]/g, '');
  const col: Record<string, number> = {};
  for (const c of ONLINE_COLUMNS) {
    const i = sheet.header.findIndex((h) => (c.labels as readonly string[]).includes(norm(h)));
    if (i < 0) throw new AppError('IMPORT_FILE_INVALID', `the header lacks the column ${c.key} (${c.labels.join(' / ')})`, 'header');
    col[c.key] = i;
  }
  const sessions = await training.listSessions(tx, cls.id);
  const bySeq = new Map(sessions.map((s) => [s.seq, s]));
  const admitted = new Map((await training.listAdmittedVouchers(tx, cls.id)).map((a) => [a.personId, a]));
  const errors: FieldIssue[] = [];
  const good: Array<{ sessionId: string; personId: string; voucherId: string; at: Date }> = [];
  for (const { line, cells } of sheet.rows) {
    const cell = (k: string): string => (cells[col[k]!] ?? '').trim();
    const rowErr = (field: string, code: string, message: string) => errors.push({ field: `rows.${line}.${field}`, code, message });
    const idRaw = cell('idNumber');
    const idProblem = checkIdNumber(idRaw);
    if (idProblem) {
      rowErr('idNumber', 'INVALID_ID_NUMBER', idProblem);
      continue;
    }
    const idNumber = normaliseIdNumber(idRaw);
    const seq = Number(cell('sessionSeq'));
    const session = Number.isInteger(seq) ? bySeq.get(seq) : undefined;
    if (!session) {
      rowErr('sessionSeq', 'VALIDATION_FAILED', `no session ${cell('sessionSeq') || '(empty)'} in this class (1..${sessions.length})`);
      continue;
    }
    const at = new Date(cell('at'));
    if (!cell('at') || Number.isNaN(at.getTime())) {
      rowErr('at', 'VALIDATION_FAILED', 'not a date-time (ISO 8601 with offset, e.g. 2026-12-01T09:02:00+08:00)');
      continue;
    }
    if (at.getTime() < session.startsAt.getTime() - 24 * 3_600_000 || at.getTime() > session.endsAt.getTime() + 24 * 3_600_000) {
      rowErr('at', 'CHECKIN_OUTSIDE_WINDOW', `not within a day of session ${seq} (${session.startsAt.toISOString()}..${session.endsAt.toISOString()})`);
      continue;
    }
    const person = await persons.findPersonByIdNumber(tx, idNumber);
    const adm = person ? admitted.get(person.id) : undefined;
    if (!person || !adm) {
      rowErr('idNumber', 'NOT_ENROLLED', 'this person is not admitted to the class');
      continue;
    }
    good.push({ sessionId: session.id, personId: person.id, voucherId: adm.voucherId, at });
  }
  let imported = 0;
  if (good.length) {
    const r = await tx.query(
      `INSERT INTO check_ins (session_id, class_id, person_id, voucher_id, provider_id, district_code, source, at, status)
       SELECT s, $1, p, v, $2, $3, 'online_import', a, 'accepted'
         FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[]) AS u(s, p, v, a)
       ON CONFLICT (session_id, person_id) DO NOTHING`,
      [
        cls.id,
        cls.providerId,
        cls.districtCode,
        good.map((g) => g.sessionId),
        good.map((g) => g.personId),
        good.map((g) => g.voucherId),
        good.map((g) => g.at),
      ],
    );
    imported = r.rowCount;
  }
  const report = { rows: sheet.rows.length, imported, duplicates: good.length - imported, errors };
  await audit.record(tx, actor, {
    action: 'attendance.import_online',
    entityType: 'class',
    entityId: cls.id,
    districtCode: cls.districtCode,
    detail: { rows: report.rows, imported, duplicates: report.duplicates, errors: errors.length },
  });
  return report;
}

// ───────────────────────────── review queue (district admins) ─────────────────────────────

export interface FlagView {
  id: string;
  sessionId: string;
  classId: string;
  providerId: string;
  districtCode: string;
  trainee: string;
  at: string;
  flags: string[];
  status: CheckInStatus;
  distanceM: number | null;
  accuracyM: number | null;
  coordSystem: string | null;
  deviceId: string | null;
  reviewNote: string | null;
  reviewedAt: string | null;
}

function reviewScope(actor: Actor): string | null {
  if (actor.role === 'city_admin') return null;
  if (actor.role === 'district_admin' && actor.districtCode) return actor.districtCode;
  throw new AppError('FORBIDDEN', 'only district and city admins review check-ins');
}

const maskDevice = (d: string | null): string | null => (d === null ? null : d.length <= 6 ? '***' : `${d.slice(0, 3)}***${d.slice(-3)}`);

async function presentFlag(q: Queryable, r: CheckInRow): Promise<FlagView> {
  const p = await persons.getPerson(q, r.person_id);
  return {
    id: r.id,
    sessionId: r.session_id,
    classId: r.class_id,
    providerId: r.provider_id,
    districtCode: r.district_code,
    trainee: p ? maskName(p.name) : '*',
    at: r.at.toISOString(),
    flags: r.flags,
    status: r.status,
    distanceM: round1(r.distance_m),
    accuracyM: round1(r.accuracy_m),
    coordSystem: r.coord_system,
    deviceId: maskDevice(r.device_id),
    reviewNote: r.review_note,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
  };
}

/** Flagged check-ins awaiting review, oldest first: the district admin's district, all for the city admin. */
export async function listFlags(
  actor: Actor,
  q: Queryable,
  f: { limit: number; offset: number; classId?: string | undefined },
): Promise<{ total: number; items: FlagView[] }> {
  const district = reviewScope(actor);
  const params: unknown[] = [district];
  let where = `status = 'flagged' AND ($1::text IS NULL OR district_code = $1)`;
  if (f.classId) {
    params.push(f.classId);
    where += ` AND class_id = $${params.length}`;
  }
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM check_ins WHERE ${where}`, params)).rows[0]?.n ?? 0;
  const { rows } = await q.query<CheckInRow>(
    `SELECT * FROM check_ins WHERE ${where} ORDER BY created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  const items: FlagView[] = [];
  for (const r of rows) items.push(await presentFlag(q, r));
  return { total, items };
}

/**
 * Accept (the check-in then counts) or reject (it never counts), with a note; only a flagged check-in, once.
 * Another district's check-in → 404.
 */
export async function decideFlag(actor: Actor, tx: Tx, id: string, input: { decision: 'accept' | 'reject'; note: string }): Promise<FlagView> {
  const district = reviewScope(actor);
  if (!isUuid(id)) throw notFound('check-in', 'id');
  const cur = (await tx.query<CheckInRow>('SELECT * FROM check_ins WHERE id = $1 AND ($2::text IS NULL OR district_code = $2) FOR UPDATE', [id, district]))
    .rows[0];
  if (!cur) throw notFound('check-in', 'id');
  if (cur.status !== 'flagged')
    throw new AppError('CONFLICT', `the check-in is ${cur.status}: only a flagged one is reviewed`, 'id', { checkInStatus: cur.status });
  const to: CheckInStatus = input.decision === 'accept' ? 'accepted' : 'rejected_after_review';
  const { rows } = await tx.query<CheckInRow>(
    `UPDATE check_ins SET status = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4 WHERE id = $1 AND status = 'flagged' RETURNING *`,
    [id, to, actor.accountId, input.note],
  );
  const row = rows[0];
  if (!row) throw new AppError('CONFLICT', 'the check-in was reviewed meanwhile', 'id');
  await audit.record(tx, actor, {
    action: input.decision === 'accept' ? 'checkin.accept' : 'checkin.reject',
    entityType: 'check_in',
    entityId: id,
    districtCode: row.district_code,
    detail: { flags: row.flags, note: input.note, sessionId: row.session_id, classId: row.class_id },
  });
  return presentFlag(tx, row);
}
