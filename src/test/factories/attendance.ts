/**
 * Test/bench world for attendance: an open class (reported on time, opened by the class job) whose sessions
 * happen around now, with admitted trainees — built through the owning modules' services (training,
 * vouchers, catalog), with their `now` parameters set in the past where the calendar demands it.
 */
import type { Db } from '../../db/index.js';
import * as catalog from '../../modules/catalog/service.js';
import type { Actor } from '../../modules/identity/actor.js';
import * as orgs from '../../modules/orgs/service.js';
import * as training from '../../modules/training/service.js';
import { addDays, businessDate, businessInstant } from '../../modules/training/rules.js';
import { makeProvider, makeWorker, OCC, skillUpgrade, type WorldActor } from './training.js';
import * as vouchers from '../../modules/vouchers/service.js';
import { now as clockNow } from '../../lib/clock.js';

export { makeWorker, makeProvider, type WorldActor };

export const VENUE_GCJ = { lat: 31.2304, lng: 121.4737 };

export interface World {
  provider: { org: orgs.Org; staff: WorldActor };
  programme: catalog.Programme;
  venue: training.Venue;
  courseId: string;
}

export const adminActor = (accountId: string, role: 'city_admin' | 'district_admin' = 'city_admin', districtCode: string | null = null): Actor => ({
  accountId,
  username: 'admin',
  role,
  districtCode,
  orgId: null,
  personId: null,
  sessionId: '',
  mfaPassed: true,
  totpEnabled: true,
});

/** A finance officer (maker or checker of payment batches) for a service call in a test. */
export const financeActor = (accountId: string): Actor => ({
  accountId,
  username: 'finance',
  role: 'finance',
  districtCode: null,
  orgId: null,
  personId: null,
  sessionId: 's',
  mfaPassed: true,
  totpEnabled: true,
});

export async function makeWorld(db: Db, cityAdminId: string, districtCode = '310115', name = '浦东职业培训学校'): Promise<World> {
  const programme = await skillUpgrade(db);
  const provider = await makeProvider(db, districtCode, name);
  const admin = adminActor(cityAdminId);
  await db.tx((tx) => training.grantApproval(admin, tx, provider.org.id, { programmeId: programme.id, occupationCode: null }));
  const venue = await db.tx((tx) =>
    training.createVenue(provider.staff.actor, tx, { name: '教学点', address: '人民大道 200 号', districtCode, coordSystem: 'gcj02', ...VENUE_GCJ }),
  );
  const course = await db.tx((tx) =>
    training.createCourse(provider.staff.actor, tx, {
      programmeId: programme.id,
      occupationCode: OCC,
      level: 4,
      name: '养老护理员(四级)',
      hours: 40,
      feeFen: 180_000,
    }),
  );
  return { provider, programme, venue, courseId: course.id };
}

export interface Trainee {
  personId: string;
  idNumber: string;
  me: WorldActor;
  voucherId: string;
}

let workerSerial = 0;

/** Trainees with vouchers of the world's programme; with `issuanceId`, vouchers of that customised issuance (定制发放, category employed). */
export async function makeTrainees(
  db: Db,
  world: World,
  n: number,
  kind: 'subsidy' | 'checkin_only' = 'subsidy',
  validFrom: string,
  opts: { issuanceId?: string } = {},
): Promise<Trainee[]> {
  const out: Trainee[] = [];
  for (let i = 0; i < n; i++) {
    const w = await makeWorker(db, ++workerSerial);
    const v = await db.tx((tx) =>
      vouchers.insertVoucher(tx, {
        personId: w.person.id,
        kind,
        programmeId: world.programme.id,
        occupationCode: OCC,
        level: 4,
        mode: opts.issuanceId ? 'custom' : 'on_demand',
        issuanceId: opts.issuanceId ?? null,
        districtCode: '310115',
        ratioPct: kind === 'checkin_only' ? 0 : 100,
        standardFen: kind === 'checkin_only' ? null : 200_000,
        upliftPct: 0,
        category: opts.issuanceId ? 'employed' : null,
        categoryValidUntil: null,
        validFrom,
        validUntil: addDays(validFrom, 365),
      }),
    );
    if (!v) throw new Error('voucher not inserted');
    out.push({ personId: w.person.id, idNumber: w.idNumber, me: w.me, voucherId: v.id });
  }
  return out;
}

/**
 * An open class with these sessions and these trainees admitted. The class is created, filled and reported
 * ten days before its start date (through the services' `now`), then opened by the class job.
 */
export async function openClass(
  db: Db,
  world: World,
  sessions: Array<{ startsAt: Date; endsAt: Date }>,
  trainees: Trainee[],
  opts: {
    online?: boolean;
    /** Called with the class while it is still a draft, before its trainees are admitted, at the instant the factory uses then. */
    whileDraft?: (cls: training.TrainingClass, at: Date) => Promise<void>;
  } = {},
): Promise<{ cls: training.TrainingClass; sessions: training.ClassSession[] }> {
  const starts = sessions.map((s) => s.startsAt.getTime());
  const ends = sessions.map((s) => s.endsAt.getTime());
  const startDate = businessDate(new Date(Math.min(...starts)));
  // A class whose sessions are all past stays open until today: a test that made its session "three hours ago"
  // just after midnight in Shanghai would otherwise get a class that ended yesterday (the class job ends it).
  const lastDay = businessDate(new Date(Math.max(...ends)));
  const today = businessDate(clockNow());
  const endDate = lastDay < today ? today : lastDay;
  const before = businessInstant(addDays(startDate, -10), 10, 0, 0, 0);
  const staff = world.provider.staff.actor;
  const cls = await db.tx((tx) =>
    training.createClass(
      staff,
      tx,
      {
        courseId: world.courseId,
        ...(opts.online ? { online: true, venueId: null } : { online: false, venueId: world.venue.id }),
        capacity: Math.max(1, trainees.length),
        startDate,
        endDate,
        sessions: sessions.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
      },
      before,
    ),
  );
  if (opts.whileDraft) await opts.whileDraft(cls, before);
  for (const t of trainees) {
    const v = await vouchers.getVoucher(db, t.voucherId);
    await db.tx((tx) => training.admit(staff, tx, cls.id, { voucherNumber: v!.number, idNumber: t.idNumber }, before));
  }
  await db.tx((tx) => training.fileOpeningReport(staff, tx, cls.id, before));
  await training.runClassJob(db, startDate <= today ? clockNow() : businessInstant(startDate, 0, 0, 1, 0));
  const opened = await training.getClass(db, cls.id);
  if (opened?.state !== 'open') throw new Error(`class not open: ${opened?.state}`);
  return { cls: opened, sessions: await training.listSessions(db, cls.id) };
}

/** A point `m` metres due north of p (haversine sphere of training's rules). */
export function northOf(p: { lat: number; lng: number }, m: number): { lat: number; lng: number } {
  return { lat: p.lat + (m / 6_371_008.8) * (180 / Math.PI), lng: p.lng };
}

export { businessDate, addDays };
