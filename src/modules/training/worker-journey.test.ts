/**
 * The worker's journey through the API (issue 15, items 11, 12 and 14): 我的培训 lists a class the worker
 * was admitted to at the provider's desk; 报名 offers only the vouchers that fit a class, and a voucher that
 * does not fit is refused with the real reason; a zh-CN caller reads problem details in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { prefersChinese } from '../../http/problem.js';
import * as catalog from '../catalog/service.js';
import * as orgs from '../orgs/service.js';
import { inDays, makeProvider, makeVoucher, makeWorker, morning, OCC, OCC_OTHER, skillUpgrade, type WorldActor } from '../../test/factories/index.js';

let t: TestApp;
let A: { org: orgs.Org; staff: WorldActor };
let programmeId: string;
let otherProgrammeId: string;
let classId: string;
let sessionIds: string[];

const as = (w: WorldActor, zh = false) => ({ authorization: `Bearer ${w.token}`, ...(zh ? { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } : {}) });
const json = <T = Record<string, unknown>>(r: { body: string }): T => JSON.parse(r.body) as T;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface MyTraining {
  kind: string;
  id: string;
  status: string;
  voucherId: string;
  voucherNumber: string | null;
  class: { id: string; name: string; programmeName: string | null; occupationCode: string; occupationName: string | null; level: number };
}

beforeAll(async () => {
  t = await createTestApp();
  programmeId = (await skillUpgrade(t.db)).id;
  otherProgrammeId = (await catalog.getProgrammeByCode(t.db, 'SH-SOCIAL-TRAINING'))!.id;
  A = await makeProvider(t.db, '310115', '浦东职业培训学校');
  const ap = await t.call('POST', `/api/v1/providers/${A.org.id}/approvals`, { as: 'district_admin', body: { programmeId, occupationCode: OCC } });
  expect(ap.statusCode, ap.body).toBe(201);
  const venue = await t.call('POST', '/api/v1/venues', {
    headers: as(A.staff),
    body: { name: '张江教学点', address: '浦东新区张江路 1 号', districtCode: '310115', coordSystem: 'gcj02', lat: 31.2, lng: 121.6 },
  });
  expect(venue.statusCode, venue.body).toBe(201);
  const course = await t.call('POST', '/api/v1/courses', {
    headers: as(A.staff),
    body: { programmeId, occupationCode: OCC, level: 4, name: '养老护理员(四级)', hours: 120, feeFen: 150_000 },
  });
  expect(course.statusCode, course.body).toBe(201);
  const cls = await t.call('POST', '/api/v1/classes', {
    headers: as(A.staff),
    body: {
      courseId: json<{ id: string }>(course).id,
      venueId: json<{ id: string }>(venue).id,
      capacity: 30,
      startDate: inDays(20),
      endDate: inDays(22),
      sessions: [morning(inDays(20)), morning(inDays(21)), morning(inDays(22))],
    },
  });
  expect(cls.statusCode, cls.body).toBe(201);
  classId = json<{ id: string }>(cls).id;
  sessionIds = json<{ items: Array<{ id: string }> }>(await t.call('GET', `/api/v1/classes/${classId}/sessions`, { headers: as(A.staff) })).items.map(
    (s) => s.id,
  );
  expect(sessionIds).toHaveLength(3);
});
afterAll(async () => t?.close());

describe('我的培训 (item 11)', () => {
  it('lists a class the worker was admitted to at the desk (voucher number + ID number, no registration); the worker reads their attendance line and is enrolled for check-in', async () => {
    const w = await makeWorker(t.db, 11);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const before = json<{ items: unknown[]; total: number }>(await t.call('GET', '/api/v1/training/mine', { headers: as(w.me) }));
    expect(before).toEqual({ items: [], total: 0 });

    const ad = await t.call('POST', `/api/v1/classes/${classId}/admissions`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } });
    expect(ad.statusCode, ad.body).toBe(201);
    expect(await t.count('registrations', `person_id = '${w.person.id}'`)).toBe(0);

    const mine = json<{ items: MyTraining[]; total: number }>(await t.call('GET', '/api/v1/training/mine', { headers: as(w.me) }));
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({
      kind: 'admission',
      status: 'admitted',
      voucherId: v.id,
      voucherNumber: v.number,
      class: { id: classId, name: '养老护理员(四级)', occupationCode: OCC, occupationName: '养老护理员', level: 4 },
    });
    expect(mine.items[0]!.class.programmeName).toBeTruthy();

    // the card under 我的培训 loads the worker's own attendance line …
    const att = await t.call('GET', `/api/v1/classes/${classId}/attendance`, { headers: as(w.me) });
    expect(att.statusCode, att.body).toBe(200);
    expect(json<{ trainees: unknown[]; sessions: unknown[] }>(att)).toMatchObject({
      trainees: [expect.anything()],
      sessions: sessionIds.map(() => expect.anything()),
    });
    // … and check-in knows the trainee: the class is not open yet (CLASS_NOT_OPEN), never NOT_ENROLLED
    const ci = await t.call('POST', `/api/v1/sessions/${sessionIds[0]}/check-in`, {
      headers: as(w.me),
      body: { lat: 31.2, lng: 121.6, accuracyM: 10, coordSystem: 'gcj02' },
    });
    expect(json(ci).code).toBe('CLASS_NOT_OPEN');
    // someone not admitted is told so
    const other = await makeWorker(t.db, 12);
    const ci2 = await t.call('POST', `/api/v1/sessions/${sessionIds[0]}/check-in`, {
      headers: as(other.me),
      body: { lat: 31.2, lng: 121.6, accuracyM: 10, coordSystem: 'gcj02' },
    });
    expect(json(ci2).code).toBe('NOT_ENROLLED');
    expect(json(await t.call('GET', '/api/v1/training/mine', { headers: as(other.me) }))).toEqual({ items: [], total: 0 });
  });

  it('an online registration shows once: pending as a registration, then as the admission it became', async () => {
    const w = await makeWorker(t.db, 13);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const reg = await t.call('POST', '/api/v1/registrations', { headers: as(w.me), body: { classId, voucherId: v.id } });
    expect(reg.statusCode, reg.body).toBe(201);
    let mine = json<{ items: MyTraining[]; total: number }>(await t.call('GET', '/api/v1/training/mine', { headers: as(w.me) }));
    expect(mine.items.map((m) => [m.kind, m.status])).toEqual([['registration', 'pending']]);
    const ad = await t.call('POST', `/api/v1/classes/${classId}/admissions`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } });
    expect(ad.statusCode, ad.body).toBe(201);
    mine = json<{ items: MyTraining[]; total: number }>(await t.call('GET', '/api/v1/training/mine', { headers: as(w.me) }));
    expect(mine.items.map((m) => [m.kind, m.status])).toEqual([['admission', 'admitted']]);
  });

  it('is the worker’s own: staff are refused (403)', async () => {
    expect((await t.call('GET', '/api/v1/training/mine', { headers: as(A.staff) })).statusCode).toBe(403);
  });
});

describe('报名 from a class (item 12)', () => {
  it('offers only the vouchers that fit the class: its programme, occupation and level, issued and valid', async () => {
    const w = await makeWorker(t.db, 21);
    const fits = await makeVoucher(t.db, w.person.id, programmeId);
    await makeVoucher(t.db, w.person.id, otherProgrammeId); // another programme
    const checkinOnly = await makeVoucher(t.db, w.person.id, programmeId, { kind: 'checkin_only', occupationCode: OCC, level: 4 });
    const w2 = await makeWorker(t.db, 22);
    await makeVoucher(t.db, w2.person.id, programmeId, { occupationCode: OCC_OTHER });
    await makeVoucher(t.db, w2.person.id, otherProgrammeId, { level: 3 });

    const r = await t.call('GET', `/api/v1/classes/${classId}/fitting-vouchers`, { headers: as(w.me) });
    expect(r.statusCode, r.body).toBe(200);
    const page = json<{ items: Array<{ id: string; occupationName: string | null }>; total: number }>(r);
    expect(page.items.map((v) => v.id).sort()).toEqual([fits.id, checkinOnly.id].sort());
    expect(page.total).toBe(2);
    expect(page.items.every((v) => v.occupationName === '养老护理员')).toBe(true);
    // none fits: an empty page (the screen then offers 申领 for the class's programme, occupation and level)
    expect(json(await t.call('GET', `/api/v1/classes/${classId}/fitting-vouchers`, { headers: as(w2.me) }))).toEqual({ items: [], total: 0 });
    // an unknown class → 404; staff → 403
    expect((await t.call('GET', `/api/v1/classes/00000000-0000-4000-8000-000000000000/fitting-vouchers`, { headers: as(w.me) })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/classes/${classId}/fitting-vouchers`, { headers: as(A.staff) })).statusCode).toBe(403);
  });

  it.each([
    ['programme', { programme: 'other' as const }, 'VOUCHER_PROGRAMME_MISMATCH', '补贴项目'],
    ['occupation', { occupationCode: OCC_OTHER }, 'VOUCHER_OCCUPATION_MISMATCH', '职业'],
    ['level', { level: 3 }, 'VOUCHER_LEVEL_MISMATCH', '等级'],
  ])('a voucher of another %s is refused with its own code and a Chinese sentence for zh-CN; nothing written', async (_what, opts, code, word) => {
    const w = await makeWorker(t.db, 30 + code.length);
    const { programme, ...rest } = opts as { programme?: 'other'; occupationCode?: string; level?: number };
    const v = await makeVoucher(t.db, w.person.id, programme ? otherProgrammeId : programmeId, rest);
    const before = { regs: await t.count('registrations'), audit: await t.count('audit_log') };
    const en = await t.call('POST', '/api/v1/registrations', { headers: as(w.me), body: { classId, voucherId: v.id } });
    expect(en.statusCode).toBe(409);
    expect(json(en)).toMatchObject({ code, field: 'voucherId' });
    const zh = await t.call('POST', '/api/v1/registrations', { headers: as(w.me, true), body: { classId, voucherId: v.id } });
    expect(zh.statusCode).toBe(409);
    const p = json<{ code: string; detail: string }>(zh);
    expect(p.code).toBe(code);
    expect(p.detail).toContain(word);
    expect(p.detail).not.toMatch(/已被使用|作废|撤销/);
    expect(p.detail).not.toMatch(/[A-Za-z]{3,}/);
    expect(p.detail).not.toMatch(UUID);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect({ regs: await t.count('registrations'), audit: await t.count('audit_log') }).toEqual(before);
  });

  it('the desk refuses a voucher of another occupation with the same specific code', async () => {
    const w = await makeWorker(t.db, 40);
    const v = await makeVoucher(t.db, w.person.id, programmeId, { occupationCode: OCC_OTHER });
    const before = await t.count('admissions');
    const ad = await t.call('POST', `/api/v1/classes/${classId}/admissions`, { headers: as(A.staff), body: { voucherNumber: v.number, idNumber: w.idNumber } });
    expect(ad.statusCode).toBe(409);
    expect(json(ad).code).toBe('VOUCHER_OCCUPATION_MISMATCH');
    expect(await t.count('admissions')).toBe(before);
  });

  it('applying from a class (programme, occupation and level taken from it) gives a voucher that fits, and registering with it succeeds', async () => {
    const w = await makeWorker(t.db, 50);
    const ap = await t.call('POST', '/api/v1/vouchers/apply', { headers: as(w.me), body: { programmeId, occupationCode: OCC, level: 4 } });
    expect(ap.statusCode, ap.body).toBe(201);
    const res = json<{ voucher: { id: string; occupationName: string }; explanation: { kind: string; programmeName: string | null; causes: unknown[] } }>(ap);
    expect(res.voucher.occupationName).toBe('养老护理员');
    expect(res.explanation.kind).toBe('subsidy');
    expect(res.explanation.programmeName).toBeTruthy();
    const fit = json<{ items: Array<{ id: string }> }>(await t.call('GET', `/api/v1/classes/${classId}/fitting-vouchers`, { headers: as(w.me) }));
    expect(fit.items.map((v) => v.id)).toEqual([res.voucher.id]);
    const reg = await t.call('POST', '/api/v1/registrations', { headers: as(w.me), body: { classId, voucherId: res.voucher.id } });
    expect(reg.statusCode, reg.body).toBe(201);
  });
});

describe('zh-CN problem details (item 14)', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', true],
    ['zh', true],
    ['en-US,en;q=0.9,zh-CN;q=0.8', false],
    ['en;q=0.5, zh-CN;q=0.8', true],
    ['fr-FR', false],
    ['', false],
    [undefined, false],
  ])('Accept-Language %j reads Chinese: %s', (header, zh) => {
    expect(prefersChinese(header)).toBe(zh);
  });

  it('a validation error and a 404 read in Chinese, with no field name, code or English word in the detail', async () => {
    const w = await makeWorker(t.db, 60);
    const bad = await t.call('POST', '/api/v1/registrations', { headers: as(w.me, true), body: { classId: 'x', voucherId: 'y' } });
    expect(bad.statusCode).toBe(400);
    const p = json<{ detail: string; errors: Array<{ message: string }> }>(bad);
    expect(p.detail).not.toMatch(/[A-Za-z]{3,}/);
    expect(p.errors.every((e) => !/[A-Za-z]{3,}/.test(e.message))).toBe(true);
    const nf = await t.call('GET', '/api/v1/classes/00000000-0000-4000-8000-000000000000/fitting-vouchers', { headers: as(w.me, true) });
    expect(json<{ detail: string }>(nf).detail).toBe('未找到该记录，或不在您的管辖范围内。');
    // without the header, English as before
    const enNf = await t.call('GET', '/api/v1/classes/00000000-0000-4000-8000-000000000000/fitting-vouchers', { headers: as(w.me) });
    expect(json<{ detail: string }>(enNf).detail).toMatch(/not found/);
  });
});
