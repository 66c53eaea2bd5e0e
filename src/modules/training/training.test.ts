import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { countingQueries, createTestApp, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import * as orgs from '../orgs/service.js';
import * as vouchers from '../vouchers/service.js';
import { signQrToken } from '../vouchers/qr.js';
import * as training from './service.js';
import { gcj02ToWgs84, wgs84ToGcj02 } from './rules.js';
import { inDays, makeProvider, makeVoucher, makeWorker, morning, OCC, OCC_OTHER, skillUpgrade, type WorldActor } from '../../test/factories/index.js';

let t: TestApp;
let A: { org: orgs.Org; staff: WorldActor };
let B: { org: orgs.Org; staff: WorldActor };
let programmeId: string;
let venueA: string;
let courseA: string;
let courseB: string;
let venueB: string;

const as = (w: WorldActor) => ({ authorization: `Bearer ${w.token}` });
const json = <T = Record<string, unknown>>(r: { body: string }): T => JSON.parse(r.body) as T;
const start = inDays(20);
const end = inDays(22);
const sessions = [morning(start), morning(inDays(21)), morning(end)];

async function newClass(p: { staff: WorldActor }, course: string, venue: string | null, capacity = 30) {
  const r = await t.call('POST', '/api/v1/classes', {
    headers: as(p.staff),
    body: { courseId: course, ...(venue ? { venueId: venue } : { online: true }), capacity, startDate: start, endDate: end, sessions },
  });
  expect(r.statusCode, r.body).toBe(201);
  return json<{ id: string; reportDeadline: string; state: string }>(r);
}

const tokenFor = async (worker: WorldActor, voucherId: string) => (await vouchers.issueQrToken(worker.actor, t.db, voucherId)).token;

beforeAll(async () => {
  t = await createTestApp();
  programmeId = (await skillUpgrade(t.db)).id;
  A = await makeProvider(t.db, '310115', '浦东职业培训学校');
  B = await makeProvider(t.db, '310104', '徐汇技能培训中心');
});
afterAll(async () => t?.close());

describe('provider approvals', () => {
  it('a district admin approves a provider of its district; another district’s provider is 404', async () => {
    const r = await t.call('POST', `/api/v1/providers/${A.org.id}/approvals`, { as: 'district_admin', body: { programmeId, occupationCode: OCC } });
    expect(r.statusCode, r.body).toBe(201);
    const before = await t.count('provider_approvals');
    const r2 = await t.call('POST', `/api/v1/providers/${B.org.id}/approvals`, { as: 'district_admin', body: { programmeId, occupationCode: OCC } });
    expect(r2.statusCode).toBe(404);
    expect(await t.count('provider_approvals')).toBe(before);
    const r3 = await t.call('POST', `/api/v1/providers/${B.org.id}/approvals`, { as: 'district_admin_b', body: { programmeId, occupationCode: null } });
    expect(r3.statusCode, r3.body).toBe(201);
    const dup = await t.call('POST', `/api/v1/providers/${A.org.id}/approvals`, { as: 'district_admin', body: { programmeId, occupationCode: OCC } });
    expect(dup.statusCode).toBe(409);
    expect(json(dup).code).toBe('DUPLICATE');
    const list = await t.call('GET', `/api/v1/providers/${A.org.id}/approvals`, { headers: as(A.staff) });
    expect(json<{ items: unknown[]; total: number }>(list)).toMatchObject({ total: 1, items: [expect.anything()] });
    expect((await t.call('GET', `/api/v1/providers/${A.org.id}/approvals`, { headers: as(B.staff) })).statusCode).toBe(404);
  });

  it('a provider may not grant itself approvals (403)', async () => {
    const r = await t.call('POST', `/api/v1/providers/${A.org.id}/approvals`, { headers: as(A.staff), body: { programmeId, occupationCode: OCC_OTHER } });
    expect(r.statusCode).toBe(403);
  });
});

describe('venues, courses, classes', () => {
  it('a venue given in WGS-84 is stored in GCJ-02 and read back in both', async () => {
    const wgs = { lat: 31.2304, lng: 121.4737 };
    const r = await t.call('POST', '/api/v1/venues', {
      headers: as(A.staff),
      body: { name: '人民广场教学点', address: '黄浦区人民大道 200 号', districtCode: '310115', coordSystem: 'wgs84', ...wgs },
    });
    expect(r.statusCode, r.body).toBe(201);
    const v = json<{ id: string; coordSystem: string; lat: number; lng: number; wgs84: { lat: number; lng: number } }>(r);
    const g = wgs84ToGcj02(wgs);
    expect(v.coordSystem).toBe('gcj02');
    expect(v.lat).toBeCloseTo(g.lat, 9);
    expect(v.lng).toBeCloseTo(g.lng, 9);
    expect(Math.abs(v.wgs84.lat - wgs.lat)).toBeLessThan(1e-6);
    venueA = v.id;
    const rb = await t.call('POST', '/api/v1/venues', {
      headers: as(B.staff),
      body: { name: '徐汇教学点', address: '徐汇区漕溪北路 1 号', districtCode: '310104', coordSystem: 'gcj02', lat: 31.19, lng: 121.44 },
    });
    expect(rb.statusCode, rb.body).toBe(201);
    venueB = json<{ id: string }>(rb).id;
    expect((await t.call('GET', `/api/v1/venues/${venueA}`, { headers: as(B.staff) })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/venues/${venueA}`, { as: 'district_admin' })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/venues/${venueA}`, { as: 'district_admin_b' })).statusCode).toBe(404);
    expect(gcj02ToWgs84(g).lat).toBeCloseTo(wgs.lat, 6);
  });

  it.each([
    ['unknown field', { extra: 1 }, 'VALIDATION_FAILED'],
    ['bad coord system', { coordSystem: 'bd09' }, 'VALIDATION_FAILED'],
    ['latitude out of range', { lat: 91 }, 'VALIDATION_FAILED'],
    ['unknown district', { districtCode: '999999' }, 'DISTRICT_UNKNOWN'],
  ])('a bad venue (%s) is refused with its code and field; nothing written', async (_n, patch, code) => {
    const before = await t.count('venues');
    const r = await t.call('POST', '/api/v1/venues', {
      headers: as(A.staff),
      body: { name: 'x', address: 'y', districtCode: '310115', coordSystem: 'gcj02', lat: 31.2, lng: 121.5, ...patch },
    });
    expect(r.statusCode).toBe(400);
    expect(json(r).code).toBe(code);
    expect(await t.count('venues')).toBe(before);
  });

  it('courses only for approved programme × occupation', async () => {
    const before = await t.count('courses');
    const no = await t.call('POST', '/api/v1/courses', {
      headers: as(A.staff),
      body: { programmeId, occupationCode: OCC_OTHER, level: 4, name: '保育师(四级)', hours: 120, feeFen: 300_000 },
    });
    expect(no.statusCode).toBe(409);
    expect(json(no)).toMatchObject({ code: 'PROVIDER_NOT_APPROVED', field: 'occupationCode' });
    expect(await t.count('courses')).toBe(before);
    const ok = await t.call('POST', '/api/v1/courses', {
      headers: as(A.staff),
      body: { programmeId, occupationCode: OCC, level: 4, name: '养老护理员(四级)', hours: 120, feeFen: 150_000 },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    courseA = json<{ id: string }>(ok).id;
    const okB = await t.call('POST', '/api/v1/courses', {
      headers: as(B.staff),
      body: { programmeId, occupationCode: OCC, level: 4, name: '养老护理员 中级班', hours: 100, feeFen: 400_000 },
    });
    expect(okB.statusCode, okB.body).toBe(201);
    courseB = json<{ id: string }>(okB).id;
  });

  it('a class: own course and venue only; sessions inside the dates; deadline computed', async () => {
    const before = await t.count('training_classes');
    const foreign = await t.call('POST', '/api/v1/classes', {
      headers: as(A.staff),
      body: { courseId: courseB, venueId: venueA, capacity: 10, startDate: start, endDate: end },
    });
    expect(foreign.statusCode).toBe(404);
    const badSession = await t.call('POST', '/api/v1/classes', {
      headers: as(A.staff),
      body: { courseId: courseA, venueId: venueA, capacity: 10, startDate: start, endDate: end, sessions: [morning(inDays(30))] },
    });
    expect(badSession.statusCode).toBe(400);
    expect(json(badSession).field).toBe('sessions.0.startsAt');
    const late = await t.call('POST', '/api/v1/classes', {
      headers: as(A.staff),
      body: { courseId: courseA, venueId: venueA, capacity: 10, startDate: inDays(2), endDate: inDays(3) },
    });
    expect(late.statusCode).toBe(409);
    expect(json(late).code).toBe('OPENING_DEADLINE_PASSED');
    expect(await t.count('training_classes')).toBe(before);
    const c = await newClass(A, courseA, venueA);
    expect(c.state).toBe('draft');
    expect(c.reportDeadline).toBe(new Date(`${inDays(17)}T23:59:59.999+08:00`).toISOString());
    expect(await t.count('class_sessions', `class_id = '${c.id}'`)).toBe(3);
    expect((await t.call('GET', `/api/v1/classes/${c.id}`, { headers: as(B.staff) })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/classes/${c.id}`, { as: 'district_admin_b' })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/classes/${c.id}/sessions`, { as: 'district_admin' })).statusCode).toBe(200);
  });
});

describe('public course search', () => {
  it('finds open classes by filters and text, with a subsidy estimate for a signed-in worker, sorted by distance', async () => {
    const w = await makeWorker(t.db, 1);
    const anon = await t.call('GET', `/api/v1/course-search?occupationCode=${OCC}&level=4`);
    expect(anon.statusCode, anon.body).toBe(200);
    const page = json<{ total: number; items: Array<{ classId: string; subsidyEstimateFen: number | null; providerName: string; distanceM: number | null }> }>(
      anon,
    );
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.items.every((i) => i.subsidyEstimateFen === null)).toBe(true);
    const text = await t.call('GET', `/api/v1/course-search?q=${encodeURIComponent('浦东')}`);
    expect(json<{ items: Array<{ providerName: string }> }>(text).items.every((i) => i.providerName.includes('浦东'))).toBe(true);
    const signed = await t.call('GET', `/api/v1/course-search?occupationCode=${OCC}`, { headers: as(w.me) });
    const est = json<{ items: Array<{ subsidyEstimateFen: number | null; feeFen: number }> }>(signed).items;
    // Skill upgrade, level 4: ¥2,000 × 100 % (registered unemployed), capped at the course fee.
    expect(est.every((i) => i.subsidyEstimateFen === Math.min(200_000, i.feeFen))).toBe(true);
    await newClass(B, courseB, venueB);
    const near = await t.call('GET', '/api/v1/course-search?sort=distance&lat=31.19&lng=121.44&coordSystem=gcj02');
    expect(near.statusCode, near.body).toBe(200);
    const items = json<{ items: Array<{ providerName: string; distanceM: number }> }>(near).items;
    expect(items[0]!.providerName).toBe('徐汇技能培训中心');
    expect(items[0]!.distanceM).toBe(0);
    const bad = await t.call('GET', '/api/v1/course-search?sort=distance');
    expect(bad.statusCode).toBe(400);
    expect(json(bad).field).toBe('lat');
    expect((await t.call('GET', '/api/v1/course-search?foo=1')).statusCode).toBe(400);
  });
});

describe('registration, verify, admission', () => {
  it('registration holds a seat; a full class answers CLASS_FULL under concurrency', async () => {
    const c = await newClass(A, courseA, venueA, 3);
    const workers = await Promise.all(Array.from({ length: 8 }, (_, i) => makeWorker(t.db, 100 + i)));
    const vs = await Promise.all(workers.map((w) => makeVoucher(t.db, w.person.id, programmeId)));
    const rs = await Promise.all(
      workers.map((w, i) => t.call('POST', '/api/v1/registrations', { headers: as(w.me), body: { classId: c.id, voucherId: vs[i]!.id } })),
    );
    expect(rs.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(rs.filter((r) => r.statusCode === 409).every((r) => json(r).code === 'CLASS_FULL')).toBe(true);
    expect(rs.filter((r) => r.statusCode === 409)).toHaveLength(5);
    expect(await t.count('registrations', `class_id = '${c.id}'`)).toBe(3);
    expect((await training.getClass(t.db, c.id))!.seatsTaken).toBe(3);
    // someone else's voucher → 404
    const r = await t.call('POST', '/api/v1/registrations', { headers: as(workers[0]!.me), body: { classId: c.id, voucherId: vs[1]!.id } });
    expect(r.statusCode).toBe(404);
    // cancelling frees the seat
    const mine = json<{ items: Array<{ id: string; status: string }> }>(
      await t.call('GET', '/api/v1/registrations/mine', { headers: as(workers[0]!.me) }),
    ).items;
    const winner = rs.findIndex((x) => x.statusCode === 201);
    const regId = json<{ id: string }>(rs[winner]!).id;
    const cancel = await t.call('POST', `/api/v1/registrations/${regId}/cancel`, { headers: as(workers[winner]!.me) });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await training.getClass(t.db, c.id))!.seatsTaken).toBe(2);
    expect(Array.isArray(mine)).toBe(true);
  });

  it('verify by QR token answers masked details and admissibility; admission consumes the nonce; a replay is refused', async () => {
    const c = await newClass(A, courseA, venueA);
    const w = await makeWorker(t.db, 200);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const token = await tokenFor(w.me, v.id);
    const r = await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(A.staff), body: { token } });
    expect(r.statusCode, r.body).toBe(200);
    const body = json<{ admissible: boolean; reasons: string[]; holder: { name: string; idNumberMasked: string }; voucher: { number: string } }>(r);
    expect(body.admissible).toBe(true);
    expect(body.holder.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(body.holder.name).toContain('*');
    expect(r.body).not.toContain(w.idNumber);
    expect(body.voucher.number).toBe(v.number);
    // verifying consumes nothing
    const again = await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(A.staff), body: { token } });
    expect(json<{ admissible: boolean }>(again).admissible).toBe(true);
    // another provider's class → 404
    const cb = await newClass(B, courseB, venueB);
    expect((await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(B.staff), body: { token } })).statusCode).toBe(404);
    const auditBefore = await t.count('audit_log');
    const ad = await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: { token } });
    expect(ad.statusCode, ad.body).toBe(201);
    expect(await t.count('audit_log')).toBeGreaterThan(auditBefore);
    expect((await vouchers.getVoucher(t.db, v.id))!.status).toBe('admitted');
    const replay = await t.call('POST', `/api/v1/classes/${cb.id}/admissions`, { headers: as(B.staff), body: { token } });
    expect(replay.statusCode).toBe(409);
    expect(json(replay).code).toBe('QR_TOKEN_REPLAYED');
    const reverify = json<{ admissible: boolean; reasons: string[] }>(
      await t.call('POST', `/api/v1/classes/${cb.id}/verify`, { headers: as(B.staff), body: { token } }),
    );
    expect(reverify.admissible).toBe(false);
    expect(reverify.reasons).toEqual(expect.arrayContaining(['VOUCHER_NOT_ISSUED', 'QR_TOKEN_REPLAYED']));
    expect(await t.count('admissions', `voucher_id = '${v.id}'`)).toBe(1);
  });

  it('expired, tampered and foreign-key tokens are refused', async () => {
    const c = await newClass(A, courseA, venueA);
    const w = await makeWorker(t.db, 300);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const expired = (await signQrToken(v.id, w.person.id, new Date(Date.now() - 5 * 60_000))).token;
    const good = await tokenFor(w.me, v.id);
    const [h, p, s] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const otherVoucher = Buffer.from(JSON.stringify({ ...claims, vid: c.id })).toString('base64url');
    const flipped = s[0] === 'A' ? `B${s.slice(1)}` : `A${s.slice(1)}`;
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { kid: string; typ: string };
    const foreignKey = generateKeyPairSync('ed25519').privateKey;
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ vid: v.id, hr: claims.hr })
      .setProtectedHeader({ alg: 'EdDSA', kid: header.kid, typ: header.typ })
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 60)
      .setJti('forged-nonce-1')
      .sign(foreignKey);
    const unknownKid = await new SignJWT({ vid: v.id, hr: claims.hr })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'someone-else', typ: header.typ })
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 60)
      .setJti('forged-nonce-2')
      .sign(foreignKey);
    const cases: Array<[string, string, string]> = [
      ['expired', expired, 'QR_TOKEN_EXPIRED'],
      ['payload tampered', `${h}.${otherVoucher}.${s}`, 'QR_TOKEN_INVALID'],
      ['signature tampered', `${h}.${p}.${flipped}`, 'QR_TOKEN_INVALID'],
      ['signed by a foreign key under our kid', forged, 'QR_TOKEN_INVALID'],
      ['signed by a foreign key', unknownKid, 'QR_TOKEN_INVALID'],
      ['garbage', 'not-a-token-at-all', 'QR_TOKEN_INVALID'],
    ];
    const before = { adm: await t.count('admissions'), audit: await t.count('audit_log') };
    for (const [name, token, code] of cases) {
      for (const url of [`/api/v1/classes/${c.id}/verify`, `/api/v1/classes/${c.id}/admissions`]) {
        const r = await t.call('POST', url, { headers: as(A.staff), body: { token } });
        expect(r.statusCode, `${name} ${url}`).toBe(400);
        expect(json(r), name).toMatchObject({ code, field: 'token' });
      }
    }
    expect(await t.count('admissions')).toBe(before.adm);
    expect(await t.count('audit_log')).toBe(before.audit);
    expect((await vouchers.getVoucher(t.db, v.id))!.status).toBe('issued');
  });

  it('verify by number + ID number; a wrong ID number reads as unknown; a typo in the number is refused', async () => {
    const c = await newClass(A, courseA, venueA);
    const w = await makeWorker(t.db, 400);
    const other = await makeWorker(t.db, 401);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const ok = await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<{ admissible: boolean }>(ok).admissible).toBe(true);
    const wrongId = await t.call('POST', `/api/v1/classes/${c.id}/verify`, {
      headers: as(A.staff),
      body: { voucherNumber: v.number, idNumber: other.idNumber },
    });
    expect(wrongId.statusCode).toBe(404);
    const last = v.number.slice(-2, -1);
    const typo = `${v.number.slice(0, -2)}${last === '0' ? '1' : '0'}${v.number.slice(-1)}`;
    const bad = await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(A.staff), body: { voucherNumber: typo, idNumber: w.idNumber } });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('INVALID_VOUCHER_NUMBER');
    const mixed = await t.call('POST', `/api/v1/classes/${c.id}/verify`, {
      headers: as(A.staff),
      body: { voucherNumber: v.number, idNumber: w.idNumber, token: 'x'.repeat(20) },
    });
    expect(mixed.statusCode).toBe(400);
  });

  it('re-verifying a voucher admitted to a full class names its state only: its own seat does not make the class full for it', async () => {
    const c = await newClass(A, courseA, venueA, 1);
    const w = await makeWorker(t.db, 450);
    const other = await makeWorker(t.db, 451);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const ov = await makeVoucher(t.db, other.person.id, programmeId);
    const cred = { voucherNumber: v.number, idNumber: w.idNumber };
    const ad = await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: cred });
    expect(ad.statusCode, ad.body).toBe(201);
    const again = json<{ admissible: boolean; reasons: string[] }>(
      await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(A.staff), body: cred }),
    );
    expect(again).toMatchObject({ admissible: false, reasons: ['VOUCHER_NOT_ISSUED'] });
    // another worker's voucher at the same class: the class is full for them
    const full = json<{ admissible: boolean; reasons: string[] }>(
      await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(A.staff), body: { voucherNumber: ov.number, idNumber: other.idNumber } }),
    );
    expect(full).toMatchObject({ admissible: false, reasons: ['CLASS_FULL'] });
  });

  it('verify answers why not: programme, occupation, level, approval', async () => {
    const c = await newClass(A, courseA, venueA);
    const w = await makeWorker(t.db, 500);
    const v = await makeVoucher(t.db, w.person.id, programmeId, { occupationCode: OCC_OTHER, level: 3 });
    const r = json<{ admissible: boolean; reasons: string[] }>(
      await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } }),
    );
    expect(r.admissible).toBe(false);
    expect(r.reasons).toEqual(['OCCUPATION_MISMATCH', 'LEVEL_MISMATCH']);
    const before = await t.count('admissions');
    const ad = await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } });
    expect(ad.statusCode).toBe(409);
    expect(json(ad).code).toBe('VOUCHER_OCCUPATION_MISMATCH');
    expect(await t.count('admissions')).toBe(before);
  });

  it('two providers, two classes, one voucher, at once: one wins, the other gets VOUCHER_NOT_USABLE', async () => {
    const ca = await newClass(A, courseA, venueA);
    const cb = await newClass(B, courseB, venueB);
    const w = await makeWorker(t.db, 600);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const cred = { voucherNumber: v.number, idNumber: w.idNumber };
    const [ra, rb] = await Promise.all([
      t.call('POST', `/api/v1/classes/${ca.id}/admissions`, { headers: as(A.staff), body: cred }),
      t.call('POST', `/api/v1/classes/${cb.id}/admissions`, { headers: as(B.staff), body: cred }),
    ]);
    const codes = [ra.statusCode, rb.statusCode].sort();
    expect(codes, ra.body + rb.body).toEqual([201, 409]);
    expect(json([ra, rb].find((r) => r.statusCode === 409)!).code).toBe('VOUCHER_NOT_USABLE');
    expect(await t.count('admissions', `voucher_id = '${v.id}' AND status = 'admitted'`)).toBe(1);
    expect(await t.count('voucher_events', `voucher_id = '${v.id}' AND to_status = 'admitted'`)).toBe(1);
    const seats = (await training.getClass(t.db, ca.id))!.seatsTaken + (await training.getClass(t.db, cb.id))!.seatsTaken;
    expect(seats).toBe(1);
  });

  it('withdrawal before the deadline releases the voucher and the seat; after it, refused', async () => {
    const c = await newClass(A, courseA, venueA);
    const w = await makeWorker(t.db, 700);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const ad = json<{ id: string }>(
      await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } }),
    );
    expect((await t.call('POST', `/api/v1/admissions/${ad.id}/withdraw`, { headers: as(B.staff), body: {} })).statusCode).toBe(404);
    const wd = await t.call('POST', `/api/v1/admissions/${ad.id}/withdraw`, { headers: as(w.me), body: { reason: '时间冲突' } });
    expect(wd.statusCode, wd.body).toBe(200);
    expect((await vouchers.getVoucher(t.db, v.id))!.status).toBe('issued');
    expect((await training.getClass(t.db, c.id))!.seatsTaken).toBe(0);
    // admitted again, then the deadline passes
    const ad2 = json<{ id: string }>(
      await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } }),
    );
    await t.db.query(`UPDATE training_classes SET report_deadline = now() - interval '1 second' WHERE id = $1`, [c.id]);
    const late = await t.call('POST', `/api/v1/admissions/${ad2.id}/withdraw`, { headers: as(A.staff), body: {} });
    expect(late.statusCode).toBe(409);
    expect(json(late).code).toBe('OPENING_DEADLINE_PASSED');
    expect((await vouchers.getVoucher(t.db, v.id))!.status).toBe('admitted');
  });

  it('a token used for an admission stays spent after a withdrawal (verify and admit say replayed)', async () => {
    const c = await newClass(A, courseA, venueA);
    const w = await makeWorker(t.db, 750);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const token = await tokenFor(w.me, v.id);
    const ad = await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: { token } });
    expect(ad.statusCode, ad.body).toBe(201);
    const wd = await t.call('POST', `/api/v1/admissions/${json<{ id: string }>(ad).id}/withdraw`, { headers: as(A.staff), body: {} });
    expect(wd.statusCode, wd.body).toBe(200);
    expect((await vouchers.getVoucher(t.db, v.id))!.status).toBe('issued');
    const ver = json<{ admissible: boolean; reasons: string[] }>(
      await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(A.staff), body: { token } }),
    );
    expect(ver).toMatchObject({ admissible: false, reasons: ['QR_TOKEN_REPLAYED'] });
    const again = await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: { token } });
    expect(json(again).code).toBe('QR_TOKEN_REPLAYED');
    // a fresh token works
    const fresh = await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: { token: await tokenFor(w.me, v.id) } });
    expect(fresh.statusCode, fresh.body).toBe(201);
  });

  it('after the deadline: no admission, no report (OPENING_DEADLINE_PASSED), nothing written', async () => {
    const c = await newClass(A, courseA, venueA);
    const w = await makeWorker(t.db, 800);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    await t.db.query(`UPDATE training_classes SET report_deadline = now() - interval '1 second' WHERE id = $1`, [c.id]);
    const before = { adm: await t.count('admissions'), ev: await t.count('voucher_events') };
    const ad = await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } });
    expect(ad.statusCode).toBe(409);
    expect(json(ad).code).toBe('OPENING_DEADLINE_PASSED');
    const rep = await t.call('POST', `/api/v1/classes/${c.id}/report`, { headers: as(A.staff) });
    expect(rep.statusCode).toBe(409);
    expect(json(rep).code).toBe('OPENING_DEADLINE_PASSED');
    expect(await t.count('admissions')).toBe(before.adm);
    expect(await t.count('voucher_events')).toBe(before.ev);
    expect((await training.getClass(t.db, c.id))!.state).toBe('draft');
  });
});

describe('suspended provider', () => {
  it('opens no class, admits no one, files no report; verify says why', async () => {
    const S = await makeProvider(t.db, '310115', '暂停机构培训部');
    expect((await t.call('POST', `/api/v1/providers/${S.org.id}/approvals`, { as: 'city_admin', body: { programmeId, occupationCode: OCC } })).statusCode).toBe(
      201,
    );
    const course = await t.db.tx((tx) =>
      training.createCourse(S.staff.actor, tx, { programmeId, occupationCode: OCC, level: 4, name: '养老护理员', hours: 80, feeFen: 100_000 }),
    );
    const c = await newClass(S, course.id, null);
    const w = await makeWorker(t.db, 900);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    await t.db.tx((tx) => orgs.suspendOrg(SYSTEM, tx, S.org.id, '调查中'));
    const before = { cls: await t.count('training_classes'), adm: await t.count('admissions') };
    const nc = await t.call('POST', '/api/v1/classes', {
      headers: as(S.staff),
      body: { courseId: course.id, online: true, capacity: 5, startDate: start, endDate: end },
    });
    expect(nc.statusCode).toBe(409);
    expect(json(nc).code).toBe('PROVIDER_SUSPENDED');
    const ver = json<{ admissible: boolean; reasons: string[] }>(
      await t.call('POST', `/api/v1/classes/${c.id}/verify`, { headers: as(S.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } }),
    );
    expect(ver).toMatchObject({ admissible: false, reasons: ['PROVIDER_SUSPENDED'] });
    const ad = await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(S.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } });
    expect(json(ad).code).toBe('PROVIDER_SUSPENDED');
    const rep = await t.call('POST', `/api/v1/classes/${c.id}/report`, { headers: as(S.staff) });
    expect(json(rep).code).toBe('PROVIDER_SUSPENDED');
    const reg = await t.call('POST', '/api/v1/registrations', { headers: as(w.me), body: { classId: c.id, voucherId: v.id } });
    expect(json(reg).code).toBe('PROVIDER_SUSPENDED');
    const search = json<{ items: Array<{ classId: string }> }>(await t.call('GET', '/api/v1/course-search?limit=100'));
    expect(search.items.some((i) => i.classId === c.id)).toBe(false);
    expect(await t.count('training_classes')).toBe(before.cls);
    expect(await t.count('admissions')).toBe(before.adm);
  });
});

describe('opening report, roster and the class job', () => {
  it('report → reported with the roster; start → open + in_training; end → ended + check-in-only completed', async () => {
    const c = await newClass(A, courseA, venueA);
    const w1 = await makeWorker(t.db, 1000);
    const w2 = await makeWorker(t.db, 1001);
    const v1 = await makeVoucher(t.db, w1.person.id, programmeId);
    const v2 = await makeVoucher(t.db, w2.person.id, programmeId, { kind: 'checkin_only', occupationCode: null, level: null });
    for (const [w, v] of [
      [w1, v1],
      [w2, v2],
    ] as const) {
      const r = await t.call('POST', `/api/v1/classes/${c.id}/admissions`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } });
      expect(r.statusCode, r.body).toBe(201);
    }
    // a draft class that is never reported is cancelled at its start and its vouchers released
    const unreported = await newClass(A, courseA, venueA);
    const w3 = await makeWorker(t.db, 1002);
    const v3 = await makeVoucher(t.db, w3.person.id, programmeId);
    expect(
      (await t.call('POST', `/api/v1/classes/${unreported.id}/admissions`, { headers: as(A.staff), body: { voucherNumber: v3.number, idNumber: w3.idNumber } }))
        .statusCode,
    ).toBe(201);

    expect((await t.call('POST', `/api/v1/classes/${c.id}/report`, { headers: as(B.staff) })).statusCode).toBe(404);
    const rep = await t.call('POST', `/api/v1/classes/${c.id}/report`, { headers: as(A.staff) });
    expect(rep.statusCode, rep.body).toBe(200);
    const body = json<{ class: { state: string }; roster: Array<{ voucherNumber: string; holder: { idNumberMasked: string } }> }>(rep);
    expect(body.class.state).toBe('reported');
    expect(body.roster.map((r) => r.voucherNumber).sort()).toEqual([v1.number, v2.number].sort());
    expect(rep.body).not.toContain(w1.idNumber);
    const again = await t.call('POST', `/api/v1/classes/${c.id}/report`, { headers: as(A.staff) });
    expect(again.statusCode).toBe(409);
    const roster = await t.call('GET', `/api/v1/classes/${c.id}/roster`, { as: 'district_admin' });
    expect(json<{ roster: unknown[] }>(roster).roster).toHaveLength(2);

    const atStart = new Date(`${start}T00:10:00+08:00`);
    const r1 = await training.runClassJob(t.db, atStart);
    expect(r1.opened).toBeGreaterThanOrEqual(1);
    expect((await training.getClass(t.db, c.id))!.state).toBe('open');
    expect((await training.getClass(t.db, unreported.id))!.state).toBe('cancelled');
    expect((await vouchers.getVoucher(t.db, v1.id))!.status).toBe('in_training');
    expect((await vouchers.getVoucher(t.db, v2.id))!.status).toBe('in_training');
    expect((await vouchers.getVoucher(t.db, v3.id))!.status).toBe('issued');
    expect(await training.isEnrolled(t.db, w1.person.id, c.id)).toBe(true);
    expect(await training.isEnrolled(t.db, w3.person.id, unreported.id)).toBe(false);
    // asked together (a burst of check-ins): one query, each caller its own answer, in a transaction too
    const counted = countingQueries(t.db);
    const asks: Array<[string, string]> = [
      [w1.person.id, c.id],
      [w3.person.id, unreported.id],
      [w2.person.id, c.id],
      [w1.person.id, c.id],
      [w1.person.id, unreported.id],
      ['not-a-uuid', c.id],
    ];
    expect(await Promise.all(asks.map(([p, k]) => training.isEnrolled(counted, p, k)))).toEqual([true, false, true, true, false, false]);
    expect(counted.queries).toBe(1);
    expect(await t.db.tx(async (tx) => [await training.isEnrolled(tx, w1.person.id, c.id), await training.isEnrolled(tx, w3.person.id, c.id)])).toEqual([
      true,
      false,
    ]);
    expect((await training.getAdmission(t.db, v1.id))!.classId).toBe(c.id);
    expect(await training.listSessions(t.db, c.id)).toHaveLength(3);
    // idempotent
    const again2 = await training.runClassJob(t.db, atStart);
    expect(again2.inTraining).toBe(0);

    const afterEnd = new Date(`${inDays(23)}T00:10:00+08:00`);
    const r2 = await training.runClassJob(t.db, afterEnd);
    expect(r2.ended).toBeGreaterThanOrEqual(1);
    expect((await training.getClass(t.db, c.id))!.state).toBe('ended');
    expect((await vouchers.getVoucher(t.db, v2.id))!.status).toBe('completed');
    expect((await vouchers.getVoucher(t.db, v1.id))!.status).toBe('in_training');
  });
});
