/**
 * Writing decided check-ins together (the decision is `decideCheckIn`'s, made before; this file only groups
 * the writes). When a burst arrives (everyone at the class door at once), the check-ins that reached the
 * server in the same turn of the event loop are written in ONE transaction of three round trips: BEGIN with
 * the sessions' advisory locks in a fixed order; one INSERT … ON CONFLICT DO NOTHING for all of them with the
 * set-based look-up of their related check-ins (and, only when a flag fires, one UPDATE for the flags); the
 * audit entries with COMMIT. The result is the same as writing them one by one in their order of arrival:
 * each is evaluated against the check-ins committed before and those earlier in its batch, and a shared
 * device or coordinates flag both sides. Every member of a batch whose transaction fails is written alone.
 */
import { asError, coalescedWrite, isConcurrencyConflict } from '../../db/batch.js';
import { DbUnavailableError, type Db, type Tx } from '../../db/index.js';
import { lockedGenericPlanBegin } from '../../db/tuning.js';
import { AppError } from '../../lib/errors.js';
import { businessDate } from '../../lib/time.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import * as messages from '../messages/index.js';
import type { SessionContext } from './context.js';
import { presentCheckIn, toRecord, type CheckInRow, type CheckInStatus } from './rows.js';
import { evaluateFlags, type CheckinRecord, type Fix, type Flag } from './rules.js';
import type { CheckInView } from './schemas.js';

/** A check-in that passed every rule (decideCheckIn), enrolment included: what is written. */
export interface PendingCheckIn {
  actor: Actor;
  personId: string;
  /** The voucher of the trainee's admission to the class (training.enrolledVoucher): the one the check-in counts for. */
  voucherId: string | null;
  now: Date;
  ctx: SessionContext;
  deviceId: string | null;
  fix: Fix;
  here: { lat: number; lng: number };
  key: string | null;
  distanceM: number;
}

/** Flag evaluation is serialised per session: advisory lock namespace 6, keyed by the session id. */
const CHECK_IN_LOCKS = 6;

/** The first statement of a check-in write: the sessions' locks and the planner settings (src/db/tuning.ts). */
export const checkInBegin = (sessionIds: readonly string[]): string => lockedGenericPlanBegin(CHECK_IN_LOCKS, sessionIds);

const writeAlone = (db: Db, it: PendingCheckIn): Promise<CheckInView | Error> =>
  db
    .tx((tx) => writeChecked(tx, [it]), { begin: checkInBegin([it.ctx.session.id]) })
    .then((r) => r[0]!)
    .catch(asError);

async function checkInBatch(db: Db, items: readonly PendingCheckIn[]): Promise<Array<CheckInView | Error>> {
  try {
    return await db.tx((tx) => writeChecked(tx, items), { begin: checkInBegin(items.map((it) => it.ctx.session.id)) });
  } catch (e) {
    if (items.length === 1) return [asError(e)];
    // The database server went away (a failover): whether the batch committed may be unknown, so no member is
    // written again here; each answers 503 and its client repeats (a repeated check-in answers the first record).
    if (e instanceof DbUnavailableError) return items.map(() => e);
    // The batch failed as a whole (a deadlock, a lost connection): each check-in on its own, as if it had come alone.
    if (!isConcurrencyConflict(e)) process.emitWarning(`check-in batch of ${items.length} failed unexpectedly: ${String(e)}`, { code: 'SV_BATCH' });
    return Promise.all(items.map((it) => writeAlone(db, it)));
  }
}

/** One batch in flight per node (group commit); the others of a turn wait for the next. */
export const coalescedCheckIn = coalescedWrite<PendingCheckIn, CheckInView>((db, items) => checkInBatch(db, items), 200, { inFlight: 1 });

type RelatedRow = CheckInRow & { rel: 'self' | 'session' | 'prev' | 'next'; i: number | null };

const sessionPerson = (sessionId: string, personId: string): string => `${sessionId} ${personId}`;
const keyOf = (it: PendingCheckIn): string => sessionPerson(it.ctx.session.id, it.personId);
const couldNotRecord = (): AppError => new AppError('CONFLICT', 'the check-in could not be recorded; try again');

/** The first of each (session, trainee) in the batch, and the repeats after it (indexes into items). */
function splitRepeats(items: readonly PendingCheckIn[]): { firsts: number[]; repeats: number[] } {
  const firsts: number[] = [];
  const repeats: number[] = [];
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const k = keyOf(it);
    if (seen.has(k)) repeats.push(i);
    else {
      seen.add(k);
      firsts.push(i);
    }
  });
  return { firsts, repeats };
}

/**
 * ONE statement: the idempotent inserts and the set-based look-up of each one's related check-ins (others in
 * the session sharing the device or the coordinates; the trainee's nearest before and after).
 */
async function insertWithRelated(tx: Tx, items: readonly PendingCheckIn[], firsts: readonly number[]): Promise<RelatedRow[]> {
  const f = firsts.map((i) => items[i]!);
  const { rows } = await tx.query<RelatedRow>(
    `WITH u AS (
         SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::timestamptz[], $8::float8[], $9::float8[],
                              $10::text[], $11::float8[], $12::float8[], $13::text[], $14::float8[], $15::float8[], $16::text[], $17::uuid[])
           AS u(i, session_id, class_id, person_id, provider_id, district_code, at, lat, lng, coord_system, lat_g, lng_g, coord_key, accuracy_m, distance_m, device_id,
                voucher_id)),
       ins AS (
         INSERT INTO check_ins (session_id, class_id, person_id, voucher_id, provider_id, district_code, source, at, lat, lng, coord_system,
                                lat_gcj02, lng_gcj02, coord_key, accuracy_m, distance_m, device_id, status)
         SELECT session_id, class_id, person_id, voucher_id, provider_id, district_code, 'geofence', at, lat, lng, coord_system,
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
      f.map((it) => it.voucherId),
    ],
  );
  return rows;
}

/** The flags to add to rows (by id), merged over the batch. */
class FlagUpdates {
  readonly byId = new Map<string, Set<string>>();
  add(id: string, flags: readonly string[]): void {
    this.byId.set(id, new Set([...(this.byId.get(id) ?? []), ...flags]));
  }
}

/** The flags of one written check-in, against those committed before it (`rel`) and those earlier in its batch. */
function flagsOf(
  it: PendingCheckIn,
  row: CheckInRow,
  rel: readonly RelatedRow[],
  earlier: readonly CheckInRow[],
): { flags: Flag[]; sameSession: CheckInRow[] } {
  const sharesWithMe = (o: Pick<CheckInRow, 'device_id' | 'coord_key'>) =>
    (it.deviceId !== null && o.device_id === it.deviceId) || (it.key !== null && o.coord_key === it.key);
  const sameSession = [
    ...rel.filter((r) => r.rel === 'session'),
    ...earlier.filter((e) => e.session_id === row.session_id && e.person_id !== row.person_id && sharesWithMe(e)),
  ];
  const mine = [...rel.filter((r) => r.rel !== 'session'), ...earlier.filter((e) => e.person_id === row.person_id && e.session_id !== row.session_id)];
  const candidate: CheckinRecord = {
    personId: it.personId,
    sessionId: row.session_id,
    at: it.now,
    lat: it.here.lat,
    lng: it.here.lng,
    accuracyM: it.fix.accuracyM,
    deviceId: it.deviceId,
  };
  const flags = evaluateFlags(candidate, { sameSession: sameSession.map(toRecord), mine: mine.map(toRecord), accuracyMaxM: it.ctx.programme.accuracyMaxM });
  return { flags, sameSession };
}

/** A shared device or shared coordinates flag the other side too: returns how many others were flagged. */
function flagOthers(it: PendingCheckIn, flags: readonly Flag[], sameSession: readonly CheckInRow[], updates: FlagUpdates): number {
  const alsoFlag = flags.filter((fl): fl is Flag => fl === 'shared_device' || fl === 'identical_coordinates');
  if (!alsoFlag.length) return 0;
  let alsoFlagged = 0;
  for (const o of sameSession) {
    if (
      (alsoFlag.includes('shared_device') && it.deviceId !== null && o.device_id === it.deviceId) ||
      (alsoFlag.includes('identical_coordinates') && o.coord_key === it.key)
    ) {
      updates.add(o.id, alsoFlag);
      alsoFlagged++;
    }
  }
  return alsoFlagged;
}

type AuditEntry = audit.AuditInput & { actor: audit.AuditActor };

/**
 * The flags of the written check-ins, in order of arrival, as the one-by-one path would have given them; a
 * first that found its row already there (someone committed it before us) becomes a repeat.
 */
function flagInOrder(
  items: readonly PendingCheckIn[],
  firsts: readonly number[],
  rows: readonly RelatedRow[],
  out: Array<CheckInView | Error | null>,
  repeats: number[],
): { updates: FlagUpdates; audits: AuditEntry[] } {
  const inserted = new Map<string, CheckInRow>();
  const related = new Map<number, RelatedRow[]>();
  for (const r of rows) {
    if (r.rel === 'self') inserted.set(sessionPerson(r.session_id, r.person_id), r);
    else related.set(r.i!, [...(related.get(r.i!) ?? []), r]);
  }
  const earlier: CheckInRow[] = [];
  const updates = new FlagUpdates();
  const audits: AuditEntry[] = [];
  for (const i of firsts) {
    const it = items[i]!;
    const row = inserted.get(keyOf(it));
    if (!row) {
      repeats.push(i);
      continue;
    }
    const { flags, sameSession } = flagsOf(it, row, related.get(i) ?? [], earlier);
    const status: CheckInStatus = flags.length ? 'flagged' : 'accepted';
    if (flags.length) updates.add(row.id, flags);
    const alsoFlagged = flagOthers(it, flags, sameSession, updates);
    out[i] = presentCheckIn({ ...row, status, flags });
    earlier.push(row);
    audits.push({
      actor: it.actor,
      action: 'checkin.create',
      entityType: 'check_in',
      entityId: row.id,
      districtCode: it.ctx.cls.districtCode,
      detail: { sessionId: row.session_id, classId: row.class_id, status, flags, ...(alsoFlagged ? { alsoFlagged } : {}) },
    });
  }
  return { updates, audits };
}

type Moved = Pick<CheckInRow, 'voucher_id' | 'person_id' | 'class_id' | 'at'>;

/** One UPDATE for every flag the batch adds (an accepted row becomes flagged); returns the rows it moved from accepted. */
async function writeFlags(tx: Tx, updates: FlagUpdates): Promise<Moved[]> {
  if (!updates.byId.size) return [];
  const ids = [...updates.byId.keys()];
  const { rows } = await tx.query<Moved & { old: string }>(
    `WITH o AS (SELECT id, status AS old FROM check_ins WHERE id = ANY($1::uuid[]))
     UPDATE check_ins c SET status = CASE WHEN c.status = 'accepted' THEN 'flagged' ELSE c.status END,
                                flags = ARRAY(SELECT DISTINCT x FROM unnest(c.flags || string_to_array(u.flags, ',')) AS x ORDER BY x)
           FROM unnest($1::uuid[], $2::text[]) AS u(id, flags), o WHERE c.id = u.id AND o.id = c.id
     RETURNING o.old, c.voucher_id, c.person_id, c.class_id, c.at`,
    [ids, ids.map((id) => [...updates.byId.get(id)!].sort().join(','))],
  );
  return rows.filter((r) => r.old === 'accepted');
}

/** The statistics' facts of the batch (with the COMMIT): each new check-in counted, each one flagged moved across. */
function checkInFacts(tx: Tx, rows: readonly RelatedRow[], flagged: readonly Moved[]): void {
  const ev = (r: Moved, metric: 'checkInsCounted' | 'checkInsFlagged', n: number): analytics.VoucherEvent => ({
    metric,
    voucherId: r.voucher_id,
    personId: r.person_id,
    classId: r.class_id,
    at: r.at,
    n,
  });
  analytics.recordVoucherFactsAtCommit(tx, [
    ...rows.filter((r) => r.rel === 'self').map((r) => ev(r, 'checkInsCounted', 1)),
    ...flagged.flatMap((r) => [ev(r, 'checkInsCounted', -1), ev(r, 'checkInsFlagged', 1)]),
  ]);
}

/** A repeat answers the first record. */
async function answerRepeats(tx: Tx, items: readonly PendingCheckIn[], repeats: readonly number[], out: Array<CheckInView | Error | null>): Promise<void> {
  if (!repeats.length) return;
  const r = repeats.map((i) => items[i]!);
  const { rows } = await tx.query<CheckInRow>(
    'SELECT c.* FROM check_ins c JOIN unnest($1::uuid[], $2::uuid[]) AS k(session_id, person_id) ON c.session_id = k.session_id AND c.person_id = k.person_id',
    [r.map((it) => it.ctx.session.id), r.map((it) => it.personId)],
  );
  const found = new Map(rows.map((x) => [sessionPerson(x.session_id, x.person_id), x]));
  for (const i of repeats) {
    const first = found.get(keyOf(items[i]!));
    out[i] = first ? presentCheckIn(first) : couldNotRecord();
  }
}

/**
 * Check-ins that passed every rule, enrolment included, written in the caller's transaction, which holds
 * their sessions' locks (checkInBegin, before any write): insert with the related look-up → flags in order
 * of arrival → one UPDATE for the flags → the audit entries in the COMMIT's round trip → repeats answered.
 */
/** 签到待核实: each trainee whose own check-in was just flagged is told (written at COMMIT, with the audit entries). */
function flaggedMessages(items: readonly PendingCheckIn[], firsts: readonly number[], out: ReadonlyArray<CheckInView | Error | null>): messages.NotifyInput[] {
  const told: messages.NotifyInput[] = [];
  for (const i of firsts) {
    const o = out[i];
    if (!o || o instanceof Error || o.status !== 'flagged') continue;
    const it = items[i]!;
    told.push({
      event: 'checkin.flagged',
      key: o.id,
      personId: it.personId,
      vars: { className: it.ctx.cls.name, date: businessDate(new Date(o.at)) },
      link: '/training',
    });
  }
  return told;
}

export async function writeChecked(tx: Tx, items: readonly PendingCheckIn[]): Promise<Array<CheckInView | Error>> {
  const out: Array<CheckInView | Error | null> = items.map(() => null);
  const { firsts, repeats } = splitRepeats(items);
  if (firsts.length) {
    const rows = await insertWithRelated(tx, items, firsts);
    const { updates, audits } = flagInOrder(items, firsts, rows, out, repeats);
    checkInFacts(tx, rows, await writeFlags(tx, updates));
    audit.recordManyAtCommit(tx, audit.SYSTEM, audits);
    messages.notifyAtCommit(tx, flaggedMessages(items, firsts, out));
  }
  await answerRepeats(tx, items, repeats, out);
  return out.map((o) => o ?? couldNotRecord());
}
