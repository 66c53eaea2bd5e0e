/**
 * The demo world's training: one course of the demo provider (养老护理员 四级, 职业技能提升补贴) at one venue
 * with a geofence, and two offline classes built through the training, vouchers, attendance and assessment
 * services exactly as their users would, with the services' `now` set in the past where the calendar
 * demands it (as the tests do):
 *  - an ENDED class (第一期): demo.worker7–9 applied for vouchers, were admitted, checked in (100 %, 90 %, 70 %)
 *    and the class is assigned to the demo assessment body (考评安排) — demo.assessor records the results;
 *  - an OPEN class (第二期) that began three days before the seed and runs eleven days after it, two sessions
 *    (课次) a day: demo.worker4–6 are admitted and have checked in to the past sessions; they check in to the
 *    coming ones at the venue;
 *  - a class OPEN FOR REGISTRATION (第三期), two weeks after the seed, not yet reported: the public course search
 *    finds it, and demo.worker1–3 register for it with a voucher they apply for.
 * demo.worker1–3 hold no voucher: they are the ones to try applying (申领) and registering with.
 * Dates are Asia/Shanghai business dates relative to the day of the seed.
 */
import type { Db, Tx } from '../db/index.js';
import type { Actor } from '../modules/identity/index.js';
import * as identity from '../modules/identity/index.js';
import * as assessment from '../modules/assessment/index.js';
import * as attendance from '../modules/attendance/index.js';
import { checkinWindow } from '../modules/attendance/index.js';
import * as catalog from '../modules/catalog/index.js';
import * as persons from '../modules/persons/index.js';
import * as training from '../modules/training/index.js';
import { addDays, businessDate, businessInstant } from '../modules/training/index.js';
import * as vouchers from '../modules/vouchers/index.js';
import { now as clockNow } from '../lib/clock.js';

export const DEMO_PROGRAMME = 'SH-SKILL-UPGRADE';
export const DEMO_OCCUPATION = '4-10-01-05'; // 养老护理员 (elderly care, a shortage occupation: +30 %)
export const DEMO_LEVEL = 4;
/** The venue (张杨路, 浦东), GCJ-02 as a Chinese map app shows it, and its geofence. */
export const DEMO_VENUE = { lat: 31.2286, lng: 121.529, radiusM: 300 } as const;
/** Worker accounts without a voucher, and the trainees of each class (demo.workerN). */
export const FREE_WORKERS = ['demo.worker1', 'demo.worker2', 'demo.worker3'] as const;
export const OPEN_CLASS_WORKERS = ['demo.worker4', 'demo.worker5', 'demo.worker6'] as const;
export const ENDED_CLASS_WORKERS = ['demo.worker7', 'demo.worker8', 'demo.worker9'] as const;

const ENDED_NAME = '养老护理员(四级) 第一期 (demo)';
const OPEN_NAME = '养老护理员(四级) 第二期 (demo)';
const NEXT_NAME = '养老护理员(四级) 第三期 (demo)';

const actorOf = identity.actorOfAccount;

export async function demoAccounts(db: Db): Promise<Map<string, identity.AccountRow>> {
  return new Map((await identity.listDemoAccounts(db)).map((r) => [r.username, r]));
}

/** Whether the demo provider's classes are still to be seeded: its account and the workers exist, it has no class. */
export async function demoClassesMissing(db: Db): Promise<boolean> {
  const accounts = await demoAccounts(db);
  const provider = accounts.get('demo.provider');
  if (!provider || ![...OPEN_CLASS_WORKERS, ...ENDED_CLASS_WORKERS, 'demo.pudong'].every((u) => accounts.has(u))) return false;
  return (await training.listClasses(actorOf(provider), db, { limit: 1, offset: 0 })).total === 0;
}

export interface Trainee {
  me: Actor;
  person: persons.Person;
}

/** A session's start and end as [hour, minute, hour, minute], Asia/Shanghai. */
export type Slot = [number, number, number, number];
/** Two sessions a day: 09:00–12:00 and 13:30–16:30 (ended class), or 09:00–11:00 and 19:00–21:00 (the others). */
export const DAY_SLOTS: Slot[] = [
  [9, 0, 12, 0],
  [13, 30, 16, 30],
];
const EVENING_SLOTS: Slot[] = [
  [9, 0, 11, 0],
  [19, 0, 21, 0],
];

export function sessionsOn(dates: string[], slots: Slot[]): training.SessionInput[] {
  const at = (d: string, h: number, m: number) => `${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
  return dates.flatMap((d) => slots.map(([h1, m1, h2, m2]) => ({ startsAt: at(d, h1, m1), endsAt: at(d, h2, m2) })));
}

export const days = (from: string, n: number): string[] => Array.from({ length: n }, (_, i) => addDays(from, i));

/**
 * Creates the class, issues each trainee a voucher (申领, as the worker), admits them (by voucher number and ID
 * number) and files the opening report — all `createdOn` at 09:00–11:00, in one transaction.
 */
async function reportedClass(
  tx: Tx,
  provider: Actor,
  courseId: string,
  venueId: string,
  programmeId: string,
  name: string,
  createdOn: string,
  sessions: training.SessionInput[],
  trainees: Trainee[],
): Promise<training.TrainingClass> {
  const dates = sessions.map((s) => businessDate(new Date(s.startsAt))).sort();
  const cls = await training.createClass(
    provider,
    tx,
    { courseId, name, venueId, online: false, capacity: 30, startDate: dates[0]!, endDate: dates[dates.length - 1]!, sessions },
    businessInstant(createdOn, 9, 0, 0, 0),
  );
  for (const t of trainees) {
    const { voucher } = await vouchers.applyForVoucher(
      t.me,
      tx,
      { occupationCode: DEMO_OCCUPATION, level: DEMO_LEVEL, programmeId },
      businessInstant(createdOn, 9, 30, 0, 0),
    );
    await training.admit(provider, tx, cls.id, { voucherNumber: voucher.number, idNumber: t.person.idNumber }, businessInstant(createdOn, 10, 0, 0, 0));
  }
  return (await training.fileOpeningReport(provider, tx, cls.id, businessInstant(createdOn, 11, 0, 0, 0))).class;
}

/**
 * Each trainee checks in to the sessions before `before` at the venue (a few metres apart, their own phone),
 * 15 minutes before the start plus 3 minutes per trainee, except the sessions listed in `skip[trainee]`.
 */
export async function checkInPast(
  db: Db,
  classId: string,
  trainees: Trainee[],
  before: Date,
  skip: number[][],
  venue: { lat: number; lng: number } = DEMO_VENUE,
): Promise<void> {
  const sessions = (await training.listSessions(db, classId)).filter((s) => s.startsAt.getTime() < before.getTime());
  await db.tx(async (tx) => {
    for (const [i, t] of trainees.entries()) {
      for (const [k, s] of sessions.entries()) {
        if (skip[i]?.includes(k)) continue;
        const at = new Date(s.startsAt.getTime() - (15 - 3 * i) * 60_000);
        const fix = { lat: venue.lat + 0.00005 * (i + 1) + 0.00001 * (k % 4), lng: venue.lng - 0.00004 * (i + 1), accuracyM: 12 + i };
        await attendance.checkIn(t.me, tx, s.id, { ...fix, coordSystem: 'gcj02', deviceId: `demo-phone-${t.me.username}` }, at);
      }
    }
  });
}

/** The demo provider's approval (granted by the district admin), its venue and its course. */
async function seedCourseAndVenue(db: Db, provider: Actor, districtAdmin: Actor, programmeId: string): Promise<{ venueId: string; courseId: string }> {
  return db.tx(async (tx) => {
    if (!(await training.isApproved(tx, provider.orgId!, programmeId, DEMO_OCCUPATION)))
      await training.grantApproval(districtAdmin, tx, provider.orgId!, { programmeId: programmeId, occupationCode: DEMO_OCCUPATION });
    const venue = await training.createVenue(provider, tx, {
      name: '张杨路教学点 (demo)',
      address: '浦东新区张杨路 1000 号 3 楼实训室',
      districtCode: '310115',
      coordSystem: 'gcj02',
      lat: DEMO_VENUE.lat,
      lng: DEMO_VENUE.lng,
      geofenceRadiusM: DEMO_VENUE.radiusM,
    });
    const course = await training.createCourse(provider, tx, {
      programmeId: programmeId,
      occupationCode: DEMO_OCCUPATION,
      level: DEMO_LEVEL,
      name: '养老护理员(四级)',
      description: '生活照料、基础照护、康复服务 — 理论与实操 (demo)',
      hours: 60,
      feeFen: 280_000,
    });
    return { venueId: venue.id, courseId: course.id };
  });
}

/** Seeds the demo provider's course, venue and three classes (see the file's comment). `now`: the seed's instant. */
export async function seedDemoClasses(db: Db, now: Date = clockNow()): Promise<void> {
  const today = businessDate(now);
  const accounts = await demoAccounts(db);
  const account = (u: string) => {
    const a = accounts.get(u);
    if (!a) throw new Error(`the demo world has no account ${u}`);
    return a;
  };
  const provider = actorOf(account('demo.provider'));
  const districtAdmin = actorOf(account('demo.pudong'));
  const assessorOrgId = account('demo.assessor').org_id!;
  const programme = await catalog.getProgrammeByCode(db, DEMO_PROGRAMME);
  if (!programme) throw new Error(`the catalogue has no ${DEMO_PROGRAMME} programme`);
  const trainees = async (usernames: readonly string[]): Promise<Trainee[]> =>
    Promise.all(
      usernames.map(async (u) => {
        const me = actorOf(account(u));
        const person = await persons.getPerson(db, me.personId!);
        if (!person) throw new Error(`${u} has no person`);
        return { me, person };
      }),
    );

  const { venueId, courseId } = await seedCourseAndVenue(db, provider, districtAdmin, programme.id);

  /** A class reported ten days before its start with its trainees admitted, then opened by the class job. */
  const startedClass = async (name: string, start: string, dayCount: number, slots: Slot[], usernames: readonly string[]) => {
    const t = await trainees(usernames);
    const cls = await db.tx((tx) =>
      reportedClass(tx, provider, courseId, venueId, programme.id, name, addDays(start, -10), sessionsOn(days(start, dayCount), slots), t),
    );
    await training.runClassJob(db, businessInstant(cls.startDate, 0, 0, 1, 0));
    return { cls, trainees: t };
  };

  // The ended class: ten days, from 21 to 12 days before the seed.
  const { cls: e, trainees: ended } = await startedClass(ENDED_NAME, addDays(today, -21), 10, DAY_SLOTS, ENDED_CLASS_WORKERS);
  await checkInPast(db, e.id, ended, businessInstant(addDays(e.endDate, 1), 0, 0, 0, 0), [[], [3, 12], [1, 4, 7, 10, 15, 18]]);
  await training.runClassJob(db, businessInstant(addDays(e.endDate, 1), 0, 0, 1, 0));
  await db.tx((tx) => assessment.assignClass(districtAdmin, tx, { classId: e.id, assessorOrgId, note: '第一期结业考核 (demo)' }));

  // The open class: fifteen days, from three days before the seed.
  const { cls: o, trainees: open } = await startedClass(OPEN_NAME, addDays(today, -3), 15, EVENING_SLOTS, OPEN_CLASS_WORKERS);
  await checkInPast(db, o.id, open, businessInstant(today, 0, 0, 0, 0), [[], [2], []]);

  // The class open for registration (报名): fifteen days from two weeks after the seed, not yet reported, so it
  // is found by the public course search until its roster deadline — demo.worker1–3 apply for a voucher and
  // register with it.
  const nextStart = addDays(today, 14);
  await db.tx((tx) =>
    training.createClass(
      provider,
      tx,
      {
        courseId,
        name: NEXT_NAME,
        venueId,
        online: false,
        capacity: 30,
        startDate: nextStart,
        endDate: addDays(nextStart, 14),
        sessions: sessionsOn(days(nextStart, 15), EVENING_SLOTS),
      },
      now,
    ),
  );
}

export interface DemoClassLine {
  state: string;
  name: string;
  startDate: string;
  endDate: string;
  trainees: string[];
  note: string;
}

const hm = (d: Date): string => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

/** The demo provider's classes for the start banner: state, dates, trainees' sign-ins and what to do next. */
export async function demoClassLines(db: Db, now: Date = clockNow()): Promise<DemoClassLine[]> {
  const accounts = await demoAccounts(db);
  const p = accounts.get('demo.provider');
  const city = accounts.get('demo.city');
  if (!p || !city) return [];
  const provider = actorOf(p);
  const out: DemoClassLine[] = [];
  for (const c of (await training.listClasses(provider, db, { limit: 20, offset: 0 })).items) {
    const trainees: string[] = [];
    for (const a of await training.listAdmittedVouchers(db, c.id)) {
      const acc = await identity.findAccountByPerson(db, a.personId);
      if (acc) trainees.push(acc.username);
    }
    let note = '';
    if (c.state === 'open' && c.venueId) {
      const venue = await training.getVenue(db, c.venueId);
      const programme = await catalog.getProgramme(db, c.programmeId);
      const next = (await training.listSessions(db, c.id))
        .map((s) => checkinWindow(s.startsAt, programme?.checkinBeforeMin, programme?.checkinAfterMin))
        .find((w) => w.closesAt.getTime() > now.getTime());
      if (venue && next)
        note = `next check-in ${businessDate(next.opensAt)} ${hm(next.opensAt)}–${hm(next.closesAt)} within ${venue.geofenceRadiusM ?? programme?.geofenceRadiusM} m of ${venue.address} (GCJ-02 ${venue.lat}, ${venue.lng})`;
    }
    const assigned = (await assessment.listAssignments(actorOf(city), db, { classId: c.id, status: 'active', limit: 1, offset: 0 })).items[0];
    if (assigned) note = `assigned to ${assigned.assessorOrgName ?? 'the demo assessment body'}: demo.assessor records the results`;
    if (c.state === 'draft')
      note = `open for registration until ${businessDate(c.reportDeadline)}: demo.worker1–3 apply for a voucher (申领) and register (报名)`;
    out.push({ state: c.state, name: c.name, startDate: c.startDate, endDate: c.endDate, trainees: trainees.sort(), note });
  }
  return out;
}
