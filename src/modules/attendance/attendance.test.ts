import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { countingQueries, createTestApp, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import { AppError } from '../../lib/errors.js';
import * as attendance from './service.js';
import {
  addDays,
  businessDate,
  makeTrainees,
  makeWorld,
  northOf,
  openClass,
  VENUE_GCJ,
  type Trainee,
  type World,
  type WorldActor,
} from '../../test/factories/index.js';
import * as training from '../training/service.js';
import * as vouchers from '../vouchers/service.js';

let t: TestApp;
let world: World;
let trainees: Trainee[];
let classId: string;
let S: Record<string, string>; // session ids by role
let edgeStart: Date;
const MIN = 60_000;
const now0 = Date.now();
const today = businessDate(new Date(now0));

const as = (w: WorldActor) => ({ authorization: `Bearer ${w.token}` });
const json = <T = Record<string, unknown>>(r: { body: string }): T => JSON.parse(r.body) as T;
/** A good fix for trainee i: inside the fence, distinct coordinates per trainee. */
const spot = (i: number, m = 20) => ({ ...northOf(VENUE_GCJ, m + i * 7), accuracyM: 12, coordSystem: 'gcj02' as const, deviceId: `dev-${i}` });
const checkIn = (tr: Trainee, sessionId: string, body: unknown) => t.call('POST', `/api/v1/sessions/${sessionId}/check-in`, { headers: as(tr.me), body });

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  trainees = await makeTrainees(t.db, world, 12, 'subsidy', addDays(today, -40));
  const at = (offMin: number, lenMin = 120) => ({ startsAt: new Date(now0 + offMin * MIN), endsAt: new Date(now0 + (offMin + lenMin) * MIN) });
  // 09:00 Shanghai today, for the window edges (tested at the service with explicit instants).
  edgeStart = new Date(`${today}T09:00:00+08:00`);
  const plan = {
    now1: at(20),
    now2: at(25),
    now3: at(30),
    now4: at(35),
    now5: at(40),
    early: at(180),
    late: at(-120),
    edge: { startsAt: edgeStart, endsAt: new Date(edgeStart.getTime() + 60 * MIN) },
  };
  const names = Object.keys(plan) as Array<keyof typeof plan>;
  const { cls, sessions } = await openClass(t.db, world, Object.values(plan), trainees);
  classId = cls.id;
  S = {};
  for (const s of sessions) {
    const i = Object.values(plan).findIndex((p) => p.startsAt.getTime() === s.startsAt.getTime());
    S[names[i]!] = s.id;
  }
});
afterAll(async () => t?.close());

describe('check-in: geofence', () => {
  it('inside the fence at 499 m: accepted, recorded with device and coordinates, audited', async () => {
    const before = await t.count('audit_log', `action = 'checkin.create'`);
    const r = await checkIn(trainees[0]!, S.now1!, { ...northOf(VENUE_GCJ, 499), accuracyM: 10, coordSystem: 'gcj02', deviceId: 'dev-0' });
    expect(r.statusCode, r.body).toBe(200);
    const b = json(r);
    expect(b).toMatchObject({ status: 'accepted', flags: [], counts: true, source: 'geofence', sessionId: S.now1, classId });
    expect(b.distanceM as number).toBeCloseTo(499, 0);
    expect(await t.count('check_ins', `id = '${b.id as string}' AND device_id = 'dev-0' AND coord_system = 'gcj02' AND lat IS NOT NULL`)).toBe(1);
    expect(await t.count('audit_log', `action = 'checkin.create'`)).toBe(before + 1);
  });

  it('outside the fence at 501 m: CHECKIN_OUTSIDE_GEOFENCE with distance and radius, nothing written', async () => {
    const rows = await t.count('check_ins');
    const r = await checkIn(trainees[1]!, S.now1!, { ...northOf(VENUE_GCJ, 501), accuracyM: 10, coordSystem: 'gcj02' });
    expect(r.statusCode).toBe(409);
    const b = json(r);
    expect(b.code).toBe('CHECKIN_OUTSIDE_GEOFENCE');
    expect(b.radiusM).toBe(500);
    expect(b.distanceM as number).toBeCloseTo(501, 0);
    expect(await t.count('check_ins')).toBe(rows);
  });

  it('a WGS-84 fix is converted: the venue’s true position in WGS-84 is inside', async () => {
    const { gcj02ToWgs84 } = await import('./rules.js');
    const w = gcj02ToWgs84(VENUE_GCJ);
    const r = await checkIn(trainees[2]!, S.now1!, { ...w, accuracyM: 8, coordSystem: 'wgs84', deviceId: 'dev-2' });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<{ distanceM: number }>(r).distanceM).toBeLessThan(1);
  });

  it('accuracy worse than the bound with the circle crossing the fence: CHECKIN_ACCURACY_TOO_POOR', async () => {
    const rows = await t.count('check_ins');
    const r = await checkIn(trainees[3]!, S.now1!, { ...northOf(VENUE_GCJ, 450), accuracyM: 150, coordSystem: 'gcj02' });
    expect(r.statusCode).toBe(409);
    expect(json(r)).toMatchObject({ code: 'CHECKIN_ACCURACY_TOO_POOR', field: 'accuracyM', accuracyM: 150, accuracyMaxM: 100 });
    expect(await t.count('check_ins')).toBe(rows);
  });

  it.each([
    ['NaN (not JSON)', '{"lat":NaN,"lng":121.47,"accuracyM":10}', 'MALFORMED_JSON', undefined],
    ['lat overflowing to Infinity', '{"lat":1e999,"lng":121.47,"accuracyM":10}', 'VALIDATION_FAILED', 'lat'],
    ['lng -Infinity', '{"lat":31.2,"lng":-1e999,"accuracyM":10}', 'VALIDATION_FAILED', 'lng'],
    ['lat 90.5', '{"lat":90.5,"lng":121.47,"accuracyM":10}', 'VALIDATION_FAILED', 'lat'],
    ['lng 181', '{"lat":31.2,"lng":181,"accuracyM":10}', 'VALIDATION_FAILED', 'lng'],
    ['missing lat', '{"lng":121.47,"accuracyM":10}', 'VALIDATION_FAILED', 'lat'],
    ['missing lng', '{"lat":31.2,"accuracyM":10}', 'VALIDATION_FAILED', 'lng'],
    ['missing accuracy', '{"lat":31.2,"lng":121.47}', 'VALIDATION_FAILED', 'accuracyM'],
    ['negative accuracy', '{"lat":31.2,"lng":121.47,"accuracyM":-1}', 'VALIDATION_FAILED', 'accuracyM'],
    ['lat as a string', '{"lat":"31.2","lng":121.47,"accuracyM":10}', 'VALIDATION_FAILED', 'lat'],
    ['unknown field', '{"lat":31.2,"lng":121.47,"accuracyM":10,"trust":true}', 'VALIDATION_FAILED', 'trust'],
  ])('%s → %s (field %s), nothing written', async (_n, payload, code, field) => {
    const rows = await t.count('check_ins');
    const r = await t.call('POST', `/api/v1/sessions/${S.now2}/check-in`, { headers: { ...as(trainees[4]!.me), 'content-type': 'application/json' }, payload });
    expect(r.statusCode).toBe(400);
    const b = json(r);
    expect(b.code).toBe(code);
    if (field) expect(b.field).toBe(field);
    expect(await t.count('check_ins')).toBe(rows);
  });
});

describe('check-in: window (60 min before to 15 min after, both edges inclusive; Asia/Shanghai)', () => {
  const at = async (tr: Trainee, iso: string) => {
    try {
      return await t.db.tx((tx) => attendance.checkIn(tr.me.actor, tx, S.edge!, spot(trainees.indexOf(tr)), new Date(iso)));
    } catch (e) {
      return e as AppError;
    }
  };
  it.each([
    // the session starts 09:00 Shanghai today
    ['07:59:59.999+08:00', false],
    ['08:00:00.000+08:00', true],
  ])('%s → accepted %s', async (time, ok) => {
    const r = await at(trainees[5]!, `${today}T${time}`);
    if (ok) expect(r).toMatchObject({ status: 'accepted' });
    else {
      expect(r).toBeInstanceOf(AppError);
      expect((r as AppError).code).toBe('CHECKIN_OUTSIDE_WINDOW');
      expect((r as AppError).extra).toMatchObject({
        window: { opensAtLocal: `${today} 08:00:00`, closesAtLocal: `${today} 09:15:00`, timeZone: 'Asia/Shanghai' },
        verdict: 'too_early',
      });
    }
  });
  it('closing edge given in UTC: 01:15:00.000Z inside, 01:15:00.001Z outside', async () => {
    const utc = (ms: number) => new Date(edgeStart.getTime() + 15 * MIN + ms).toISOString();
    const late = await at(trainees[6]!, utc(1));
    expect((late as AppError).code).toBe('CHECKIN_OUTSIDE_WINDOW');
    expect((late as AppError).extra).toMatchObject({ verdict: 'too_late' });
    const ok = await at(trainees[6]!, utc(0));
    expect(ok, String(ok)).toMatchObject({ status: 'accepted' });
  });
  it('over HTTP: a session three hours ahead is too early, one two hours past is too late (with the window)', async () => {
    const rows = await t.count('check_ins');
    const early = await checkIn(trainees[7]!, S.early!, spot(7));
    expect(early.statusCode).toBe(409);
    expect(json(early)).toMatchObject({ code: 'CHECKIN_OUTSIDE_WINDOW', verdict: 'too_early' });
    expect(json<{ window: { opensAt: string } }>(early).window.opensAt).toBe(new Date(now0 + 120 * MIN).toISOString());
    const late = await checkIn(trainees[7]!, S.late!, spot(7));
    expect(json(late)).toMatchObject({ code: 'CHECKIN_OUTSIDE_WINDOW', verdict: 'too_late' });
    expect(await t.count('check_ins')).toBe(rows);
  });
  it('the trainee’s sheet serves each session’s window — the one the check-in decides by (the phone offers 签到 exactly then)', async () => {
    type Sheet = { sessions: Array<{ id: string; startsAt: string; checkInOpensAt: string; checkInClosesAt: string }> };
    const r = await t.call('GET', `/api/v1/classes/${classId}/attendance`, { headers: as(trainees[7]!.me) });
    expect(r.statusCode, r.body).toBe(200);
    const byId = new Map(json<Sheet>(r).sessions.map((x) => [x.id, x]));
    // the programme's default minutes: 60 before the start, 15 after
    const edge = byId.get(S.edge!)!;
    expect(edge).toMatchObject({
      checkInOpensAt: new Date(`${today}T08:00:00+08:00`).toISOString(),
      checkInClosesAt: new Date(`${today}T09:15:00+08:00`).toISOString(),
    });
    for (const x of byId.values()) {
      expect(new Date(x.startsAt).getTime() - new Date(x.checkInOpensAt).getTime()).toBe(60 * MIN);
      expect(new Date(x.checkInClosesAt).getTime() - new Date(x.startsAt).getTime()).toBe(15 * MIN);
    }
    // a millisecond before the served opening is refused, with that same window (the opening itself is accepted: above)
    const before = await at(trainees[7]!, new Date(new Date(edge.checkInOpensAt).getTime() - 1).toISOString());
    expect((before as AppError).code).toBe('CHECKIN_OUTSIDE_WINDOW');
    expect((before as AppError).extra).toMatchObject({ window: { opensAt: edge.checkInOpensAt, closesAt: edge.checkInClosesAt }, verdict: 'too_early' });
    // over HTTP the refusal names the served window too
    const early = await checkIn(trainees[7]!, S.early!, spot(7));
    expect(json<{ window: { opensAt: string; closesAt: string } }>(early).window).toMatchObject({
      opensAt: byId.get(S.early!)!.checkInOpensAt,
      closesAt: byId.get(S.early!)!.checkInClosesAt,
    });
  });
  it('a repeat after the window closed answers the first check-in, not a refusal', async () => {
    const r = await at(trainees[5]!, `${today}T23:00:00+08:00`);
    expect(r, String(r)).toMatchObject({ status: 'accepted', at: new Date(`${today}T08:00:00+08:00`).toISOString() });
  });
});

describe('check-in: once per trainee per session', () => {
  it('20 parallel identical check-ins → one row, one audit entry, 20 identical answers', async () => {
    const tr = trainees[8]!;
    const audits = await t.count('audit_log', `action = 'checkin.create'`);
    const rs = await Promise.all(Array.from({ length: 20 }, () => checkIn(tr, S.now2!, spot(8))));
    expect(rs.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(rs.map((r) => r.body)).size).toBe(1);
    expect(await t.count('check_ins', `person_id = '${tr.personId}' AND session_id = '${S.now2}'`)).toBe(1);
    expect(await t.count('audit_log', `action = 'checkin.create'`)).toBe(audits + 1);
  });
  it('a later repeat from elsewhere (outside the fence) still answers the first record', async () => {
    const tr = trainees[8]!;
    const first = await checkIn(tr, S.now2!, spot(8));
    const again = await checkIn(tr, S.now2!, { ...northOf(VENUE_GCJ, 5000), accuracyM: 10, coordSystem: 'gcj02', deviceId: 'other' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
  });
});

describe('check-in: refusals that explain themselves', () => {
  it('NOT_ENROLLED for a worker not admitted to the class', async () => {
    const [stranger] = await makeTrainees(t.db, world, 1, 'subsidy', addDays(today, -40));
    const rows = await t.count('check_ins');
    const r = await checkIn(stranger!, S.now1!, spot(20));
    expect(r.statusCode).toBe(409);
    expect(json(r).code).toBe('NOT_ENROLLED');
    expect(await t.count('check_ins')).toBe(rows);
  });
  it('CLASS_NOT_OPEN for a class not yet open', async () => {
    const [tr] = await makeTrainees(t.db, world, 1, 'subsidy', addDays(today, -40));
    const d = addDays(today, 10);
    const cls = await t.db.tx((tx) =>
      training.createClass(world.provider.staff.actor, tx, {
        courseId: world.courseId,
        online: false,
        venueId: world.venue.id,
        capacity: 5,
        startDate: d,
        endDate: d,
        sessions: [{ startsAt: `${d}T09:00:00+08:00`, endsAt: `${d}T12:00:00+08:00` }],
      }),
    );
    const v = await vouchers.getVoucher(t.db, tr!.voucherId);
    await t.db.tx((tx) => training.admit(world.provider.staff.actor, tx, cls.id, { voucherNumber: v!.number, idNumber: tr!.idNumber }));
    const [s] = await training.listSessions(t.db, cls.id);
    const r = await checkIn(tr!, s!.id, spot(21));
    expect(r.statusCode).toBe(409);
    expect(json(r)).toMatchObject({ code: 'CLASS_NOT_OPEN', state: 'draft' });
  });
  it('an unknown session is 404; a provider may not check in (403)', async () => {
    expect((await checkIn(trainees[0]!, '00000000-0000-4000-8000-000000000000', spot(0))).statusCode).toBe(404);
    const r = await t.call('POST', `/api/v1/sessions/${S.now1}/check-in`, { headers: as(world.provider.staff), body: spot(0) });
    expect(r.statusCode).toBe(403);
  });
  it('a check-in-only voucher uses the same path', async () => {
    const [co] = await makeTrainees(t.db, world, 1, 'checkin_only', addDays(today, -40));
    const sess = [{ startsAt: new Date(now0 + 10 * MIN), endsAt: new Date(now0 + 70 * MIN) }];
    const { sessions } = await openClass(t.db, world, sess, [co!]);
    const r = await checkIn(co!, sessions[0]!.id, spot(30));
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r).status).toBe('accepted');
  });
});

describe('flags for review (never silent drops)', () => {
  it('shared device: fires for two trainees on one device in one session (both flagged); not across sessions', async () => {
    const a = await checkIn(trainees[9]!, S.now3!, { ...spot(9), deviceId: 'shared-phone' });
    expect(json(a)).toMatchObject({ status: 'accepted', flags: [] });
    const b = await checkIn(trainees[10]!, S.now3!, { ...spot(10), deviceId: 'shared-phone' });
    expect(json(b)).toMatchObject({ status: 'flagged', flags: ['shared_device'], counts: false });
    expect(await t.count('check_ins', `id = '${json(a).id as string}' AND status = 'flagged' AND 'shared_device' = ANY(flags)`)).toBe(1);
    // the same device in another session for another trainee: not this rule
    const c = await checkIn(trainees[11]!, S.now4!, { ...spot(11), deviceId: 'shared-phone' });
    expect(json(c)).toMatchObject({ status: 'accepted', flags: [] });
  });
  it('identical coordinates (5 decimals): fires for two trainees in one session; 1e-5 apart does not', async () => {
    // trainees 1 and 7 have no other check-in yet; trainee 2's other one is at the venue itself
    const p = { ...VENUE_GCJ, accuracyM: 10, coordSystem: 'gcj02' as const };
    const a = await checkIn(trainees[1]!, S.now3!, { ...p, deviceId: 'i-a' });
    expect(json(a).flags, a.body).toEqual([]);
    const b = await checkIn(trainees[7]!, S.now3!, { ...p, lat: p.lat + 1e-7, deviceId: 'i-b' });
    expect(json(b)).toMatchObject({ status: 'flagged', flags: ['identical_coordinates'] });
    const c = await checkIn(trainees[2]!, S.now3!, { ...p, lat: p.lat + 2e-5, deviceId: 'i-c' });
    expect(json(c)).toMatchObject({ status: 'accepted', flags: [] });
  });
  it('impossible travel: 900 m between two sessions within seconds fires; the same spot does not', async () => {
    const a = await checkIn(trainees[3]!, S.now4!, { ...northOf(VENUE_GCJ, 450), accuracyM: 5, coordSystem: 'gcj02', deviceId: 't-3' });
    expect(json(a).flags).toEqual([]);
    const b = await checkIn(trainees[3]!, S.now5!, { ...northOf(VENUE_GCJ, -450), accuracyM: 5, coordSystem: 'gcj02', deviceId: 't-3' });
    expect(json(b)).toMatchObject({ status: 'flagged', flags: ['impossible_travel'] });
    const c = await checkIn(trainees[4]!, S.now4!, { ...spot(4), deviceId: 't-4' });
    const d = await checkIn(trainees[4]!, S.now5!, { ...spot(4), deviceId: 't-4' });
    expect([json(c).flags, json(d).flags]).toEqual([[], []]);
  });
  it('accuracy worse than the bound but the circle inside the fence: taken, flagged; within the bound: not', async () => {
    const a = await checkIn(trainees[5]!, S.now5!, { ...northOf(VENUE_GCJ, 50), accuracyM: 150, coordSystem: 'gcj02', deviceId: 'acc-5' });
    expect(json(a)).toMatchObject({ status: 'flagged', flags: ['accuracy_poor'] });
    const b = await checkIn(trainees[6]!, S.now5!, { ...northOf(VENUE_GCJ, 60), accuracyM: 100, coordSystem: 'gcj02', deviceId: 'acc-6' });
    expect(json(b)).toMatchObject({ status: 'accepted', flags: [] });
    // the flagged trainee is told (messages, written at COMMIT with the check-in); the accepted one is not
    const told = await t.db.query<{ key: string; person_id: string }>(
      `SELECT key, person_id FROM message_outbox WHERE event = 'checkin.flagged' AND channel = 'inbox' AND key = ANY($1::text[])`,
      [[json(a).id, json(b).id]],
    );
    expect(told.rows).toEqual([{ key: json(a).id, person_id: trainees[5]!.personId }]);
  });
});

describe('review queue and attendance', () => {
  it('district admin sees the queue of its district; district admin B sees none and gets 404 on a decision', async () => {
    const q = await t.call('GET', '/api/v1/check-in-flags?limit=100', { as: 'district_admin' });
    expect(q.statusCode, q.body).toBe(200);
    const list = json<{ total: number; items: Array<{ id: string; flags: string[]; trainee: string }> }>(q);
    expect(list.total).toBeGreaterThanOrEqual(5);
    expect(list.items.every((i) => !/^王小\d+$/.test(i.trainee))).toBe(true); // names masked
    const qb = await t.call('GET', '/api/v1/check-in-flags', { as: 'district_admin_b' });
    expect(json<{ total: number }>(qb).total).toBe(0);
    const id = list.items[0]!.id;
    const audits = await t.count('audit_log');
    const r = await t.call('POST', `/api/v1/check-in-flags/${id}/decision`, { as: 'district_admin_b', body: { decision: 'accept', note: 'ok' } });
    expect(r.statusCode).toBe(404);
    expect(await t.count('check_ins', `id = '${id}' AND status = 'flagged'`)).toBe(1);
    expect(await t.count('audit_log')).toBe(audits);
  });

  it('a flagged check-in counts only once accepted; a rejected one never; decisions are audited and final', async () => {
    const tr = trainees[5]!; // edge (accepted) + now5 (flagged accuracy)
    const before = await attendance.attendanceOf(t.db, { personId: tr.personId, classId });
    const q = json<{ items: Array<{ id: string; sessionId: string }> }>(
      await t.call('GET', `/api/v1/check-in-flags?classId=${classId}&limit=100`, { as: 'district_admin' }),
    );
    const mine = await t.db.query<{ id: string }>(`SELECT id FROM check_ins WHERE person_id = $1 AND status = 'flagged'`, [tr.personId]);
    const id = mine.rows[0]!.id;
    expect(q.items.map((i) => i.id)).toContain(id);
    const audits = await t.count('audit_log', `action = 'checkin.accept'`);
    const ok = await t.call('POST', `/api/v1/check-in-flags/${id}/decision`, { as: 'district_admin', body: { decision: 'accept', note: '现场核实' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ status: 'accepted', reviewNote: '现场核实' });
    expect(await t.count('audit_log', `action = 'checkin.accept'`)).toBe(audits + 1);
    const after = await attendance.attendanceOf(t.db, { voucherId: tr.voucherId });
    expect(after.attended).toBe(before.attended + 1);
    const again = await t.call('POST', `/api/v1/check-in-flags/${id}/decision`, { as: 'district_admin', body: { decision: 'reject', note: 'x' } });
    expect(again.statusCode).toBe(409);

    const other = (
      await t.db.query<{ id: string; person_id: string }>(`SELECT id, person_id FROM check_ins WHERE status = 'flagged' AND class_id = $1 LIMIT 1`, [classId])
    ).rows[0]!;
    const b0 = await attendance.attendanceOf(t.db, { personId: other.person_id, classId });
    const no = await t.call('POST', `/api/v1/check-in-flags/${other.id}/decision`, { as: 'district_admin', body: { decision: 'reject', note: '代签' } });
    expect(json(no).status).toBe('rejected_after_review');
    expect((await attendance.attendanceOf(t.db, { personId: other.person_id, classId })).attended).toBe(b0.attended);
    // the trainee reads on their own line why it did not count: the flags and the officer's note, before any 申诉
    const owner = trainees.find((x) => x.personId === other.person_id)!;
    const line = json<{ trainees: Array<{ sessions: Array<{ checkInId: string | null; mark: string; flags: string[]; reviewNote: string | null }> }> }>(
      await t.call('GET', `/api/v1/classes/${classId}/attendance`, { headers: as(owner.me) }),
    ).trainees[0]!.sessions.find((x) => x.checkInId === other.id)!;
    expect(line).toMatchObject({ mark: 'rejected', reviewNote: '代签' });
    expect(line.flags.length).toBeGreaterThan(0);
    const bad = await t.call('POST', `/api/v1/check-in-flags/${other.id}/decision`, { as: 'district_admin', body: { decision: 'maybe', note: '' } });
    expect(bad.statusCode, bad.body).toBe(400);
  });

  it('attendanceOf: attended / total sessions against the programme threshold', async () => {
    const tr = trainees[0]!; // now1 (accepted) of 8 sessions
    const a = await attendance.attendanceOf(t.db, { voucherId: tr.voucherId });
    expect(a).toEqual({ attended: 1, total: 8, rate: 12.5, meetsThreshold: false });
    expect(await attendance.attendanceOf(t.db, { personId: tr.personId, classId })).toEqual(a);
  });

  it('the class sheet: provider own (JSON and streamed .xlsx), another provider 404, a worker sees only their line', async () => {
    const r = await t.call('GET', `/api/v1/classes/${classId}/attendance`, { headers: as(world.provider.staff) });
    expect(r.statusCode, r.body).toBe(200);
    const sheet = json<{ trainees: Array<{ voucherId: string; attended: number; total: number; sessions: Array<{ mark: string }> }>; sessions: unknown[] }>(r);
    expect(sheet.trainees).toHaveLength(12);
    expect(sheet.sessions).toHaveLength(8);
    const t0 = sheet.trainees.find((x) => x.voucherId === trainees[0]!.voucherId)!;
    expect(t0).toMatchObject({ attended: 1, total: 8 });
    const x = await t.call('GET', `/api/v1/classes/${classId}/attendance.xlsx`, { headers: as(world.provider.staff) });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(13);
    const other = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310104', '徐汇技能培训中心');
    expect((await t.call('GET', `/api/v1/classes/${classId}/attendance`, { headers: as(other.provider.staff) })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/classes/${classId}/attendance.xlsx`, { headers: as(other.provider.staff) })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/classes/${classId}/attendance`, { as: 'district_admin' })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/classes/${classId}/attendance`, { as: 'district_admin_b' })).statusCode).toBe(404);
    const mine = json<{ trainees: unknown[] }>(await t.call('GET', `/api/v1/classes/${classId}/attendance`, { headers: as(trainees[0]!.me) }));
    expect(mine.trainees).toHaveLength(1);
  });
});

describe('online classes: imported records, no geofence check-in', () => {
  let online: { cls: training.TrainingClass; sessions: training.ClassSession[] };
  let tr: Trainee[];
  beforeAll(async () => {
    tr = await makeTrainees(t.db, world, 2, 'subsidy', addDays(today, -40));
    const d = (h: number) => new Date(now0 + h * 3_600_000);
    online = await openClass(
      t.db,
      world,
      [
        { startsAt: d(-3), endsAt: d(-2) },
        { startsAt: d(0.3), endsAt: d(1) },
      ],
      tr,
      { online: true },
    );
  });
  const csv = (rows: string[]) => Buffer.from(['idNumber,sessionSeq,at', ...rows].join('\n'));
  const post = (body: Buffer, as2: WorldActor = world.provider.staff) =>
    t.call('POST', `/api/v1/classes/${online.cls.id}/online-attendance`, { headers: { ...as(as2), 'content-type': 'text/csv' }, payload: body });

  it("training's session facts (one query) equal the session, class and venue read one by one", async () => {
    for (const sessionId of [online.sessions[1]!.id, S.now1!]) {
      const session = [...online.sessions, ...(await training.listSessions(t.db, classId))].find((x) => x.id === sessionId)!;
      const cls = (await training.getClass(t.db, session.classId))!;
      const venue = cls.venueId ? await training.getVenue(t.db, cls.venueId) : null;
      expect(await training.sessionFacts(t.db, sessionId)).toEqual({ session, cls, venue });
    }
    expect((await training.sessionFacts(t.db, online.sessions[1]!.id))!.venue).toBeNull();
    expect((await training.sessionFacts(t.db, S.now1!))!.venue).toMatchObject({ id: world.venue.id });
    expect(await training.sessionFacts(t.db, '00000000-0000-7000-8000-000000000000')).toBeNull();
    expect(await training.sessionFacts(t.db, 'not-a-uuid')).toBeNull();
    // check-ins for several sessions arriving together: one query, each caller its own session's facts
    const counted = countingQueries(t.db);
    const ids = [online.sessions[1]!.id, S.now1!, S.now1!.toUpperCase(), online.sessions[0]!.id, '00000000-0000-7000-8000-000000000000'];
    const together = await Promise.all(ids.map((id) => training.sessionFacts(counted, id)));
    expect(counted.queries).toBe(1);
    expect(together).toEqual(
      await ids.reduce<Promise<unknown[]>>(async (acc, id) => [...(await acc), await training.sessionFacts(t.db, id)], Promise.resolve([])),
    );
    expect(together.map((f) => f?.session.id ?? null)).toEqual([online.sessions[1]!.id, S.now1!, S.now1!, online.sessions[0]!.id, null]);
  });

  it('geofence check-in to an online class is refused', async () => {
    const r = await checkIn(tr[0]!, online.sessions[1]!.id, spot(0));
    expect(r.statusCode).toBe(409);
    expect(json(r)).toMatchObject({ code: 'CONFLICT', online: true });
  });
  it('refused while the programme does not take online records', async () => {
    const r = await post(csv([`${tr[0]!.idNumber},1,${online.sessions[0]!.startsAt.toISOString()}`]));
    expect(r.statusCode).toBe(409);
    expect(await t.count('check_ins', `class_id = '${online.cls.id}'`)).toBe(0);
  });
  it('imports good rows, reports bad rows by row and field, counts re-imports as duplicates', async () => {
    await t.db.tx((tx) => catalog.updateProgramme(SYSTEM, tx, world.programme.id, { onlineAttendance: true }));
    const s0 = online.sessions[0]!.startsAt.toISOString();
    const body = csv([
      `${tr[0]!.idNumber},1,${s0}`,
      `${tr[1]!.idNumber},1,${s0}`,
      `${tr[0]!.idNumber},2,${online.sessions[1]!.startsAt.toISOString()}`,
      `310115199001011234,1,${s0}`,
      `${trainees[0]!.idNumber},1,${s0}`,
      `${tr[1]!.idNumber},9,${s0}`,
      `${tr[1]!.idNumber},2,yesterday`,
    ]);
    const r = await post(body);
    expect(r.statusCode, r.body).toBe(200);
    const rep = json<{ rows: number; imported: number; duplicates: number; errors: Array<{ field: string; code: string }> }>(r);
    expect(rep).toMatchObject({ rows: 7, imported: 3, duplicates: 0 });
    expect(rep.errors.map((e) => [e.field, e.code])).toEqual([
      ['rows.5.idNumber', 'INVALID_ID_NUMBER'],
      ['rows.6.idNumber', 'NOT_ENROLLED'],
      ['rows.7.sessionSeq', 'VALIDATION_FAILED'],
      ['rows.8.at', 'VALIDATION_FAILED'],
    ]);
    const again = json<{ imported: number; duplicates: number }>(await post(body));
    expect(again).toMatchObject({ imported: 0, duplicates: 3 });
    expect(await attendance.attendanceOf(t.db, { voucherId: tr[0]!.voucherId })).toEqual({ attended: 2, total: 2, rate: 100, meetsThreshold: true });
  });
  it('a file without the columns is refused with nothing written; another provider gets 404', async () => {
    const rows = await t.count('check_ins');
    const r = await post(Buffer.from('a,b\n1,2'));
    expect(r.statusCode).toBe(400);
    expect(json(r)).toMatchObject({ code: 'IMPORT_FILE_INVALID', field: 'header' });
    const other = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310104', '静安培训学校');
    expect((await post(csv([]), other.provider.staff)).statusCode).toBe(404);
    expect(await t.count('check_ins')).toBe(rows);
  });
});
