/**
 * Timelines over the API on both engines, on a fixed day (the clock pinned to Monday 2026-09-28, before 中秋/国庆):
 * a class that ended today, a pass approved automatically → the notice's last working day (10-10, the make-up
 * Saturday after 国庆) and the expected payment (10-12) exactly as the subsidy module's calendar rule counts them;
 * a fail, a trainee without a result; the batch's requested date once finance made and approved one; a
 * rehabilitation case placed and admitted (the expected discharge); scopes: another district's, another worker's
 * or another hospital's object → 404, a role that never reads it → 403; a GET writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../lib/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { makeTrainees, makeWorld, northOf, openClass, VENUE_GCJ, type Trainee, type World } from '../../test/factories/index.js';
import * as attendance from '../attendance/index.js';
import { SYSTEM } from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import * as vouchers from '../vouchers/index.js';
import { loadCalendar } from '../subsidy/calendar.js';
import { fakeCard } from '../subsidy/test-world.js';
import { approveBatch } from '../subsidy/disbursement/approve.js';
import { buildBatch, createPayableBatch } from '../subsidy/disbursement/build.js';
import { actorOfAccount, getAccount } from '../identity/service.js';
import { expectedNoticeAndPayment } from './rules.js';

const DAY = '2026-09-28';
const at = (d: string, hm: string) => new Date(`${d}T${hm}:00+08:00`);

let t: TestApp;
let world: World;
let trainees: Trainee[];
let claimId: string;
const bearer = (tr: Trainee) => ({ authorization: `Bearer ${tr.me.token}` });
type Step = { key: string; state: string; date: string | null; expected: boolean; note: string | null; reason: string | null; provisional: boolean };
const byKey = (steps: Step[]) => Object.fromEntries(steps.map((s) => [s.key, s]));

beforeAll(async () => {
  setClock({ at: at(DAY, '14:00') });
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  await t.db.tx((tx) => catalog.setBudget(SYSTEM, tx, { programmeId: world.programme.id, districtCode: '310115', year: 2026, amountFen: 10_000_000 }));
  trainees = await makeTrainees(t.db, world, 3, 'subsidy', '2026-09-01');
  const { sessions } = await openClass(t.db, world, [{ startsAt: at(DAY, '09:00'), endsAt: at(DAY, '11:00') }], trainees);
  const spot = (i: number) => ({ ...northOf(VENUE_GCJ, 20 + i * 7), accuracyM: 12, coordSystem: 'gcj02' as const, deviceId: `tl-dev-${i}` });
  for (const i of [0, 1, 2]) await t.db.tx((tx) => attendance.checkIn(trainees[i]!.me.actor, tx, sessions[0]!.id, spot(i), at(DAY, '09:00')));
  for (const [i, tr] of trainees.entries()) {
    const r = await t.call('PATCH', `/api/v1/persons/${tr.personId}`, {
      as: 'district_admin',
      body: { bankAccount: fakeCard(9280 + i), bankName: '中国工商银行' },
    });
    if (r.statusCode !== 200) throw new Error(`bank account not set: ${r.body}`);
  }
  const assign = await t.call('POST', '/api/v1/assessment/assignments', {
    as: 'district_admin',
    body: { classId: sessions[0]!.classId, assessorOrgId: t.fx.orgs.assessor!.id, note: '时间线' },
  });
  if (assign.statusCode !== 201) throw new Error(`assignment failed: ${assign.body}`);
  const record = async (tr: Trainee, passed: boolean, n: number) => {
    const r = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: {
        voucherNumber: (await vouchers.getVoucher(t.db, tr.voucherId))!.number,
        passed,
        score: passed ? 90 : 40,
        ...(passed ? { certificateNumber: `TL-CERT-${n}`, certificateType: 'skill_level' } : {}),
        assessedOn: DAY,
      },
    });
    if (r.statusCode !== 201) throw new Error(`result failed: ${r.body}`);
    return r.json() as { claimId: string | null; claimStatus: string | null };
  };
  const pass = await record(trainees[0]!, true, 1);
  claimId = pass.claimId!;
  if (pass.claimStatus !== 'approved') {
    const d = await t.call('POST', `/api/v1/subsidy/claims/${claimId}/decision`, {
      as: 'district_admin',
      body: { decision: 'approve', opinion: '已核实', overrideReason: '证书经人工核验' },
    });
    if (d.statusCode !== 200) throw new Error(`approval failed: ${d.body}`);
  }
  await record(trainees[1]!, false, 2);
});
afterAll(async () => {
  resetClock();
  await t?.close();
});

describe('a voucher’s timeline', () => {
  it('the holder sees every step: done with its day, the notice and the payment expected by the calendar rule', async () => {
    const before = await t.count('audit_log');
    const r = await t.call('GET', `/api/v1/vouchers/${trainees[0]!.voucherId}/timeline`, { headers: bearer(trainees[0]!) });
    expect(r.statusCode, r.body).toBe(200);
    const tl = r.json();
    expect(tl).toMatchObject({ kind: 'voucher', voucherId: trainees[0]!.voucherId, claimId, noticeWorkingDays: 5 });
    expect(tl.steps.map((s: Step) => [s.key, s.state])).toEqual([
      ['applied', 'done'],
      ['registered', 'done'],
      ['admitted', 'done'],
      ['training', 'done'],
      ['assessed', 'done'],
      ['reviewed', 'done'],
      ['notice', 'current'],
      ['paid', 'expected'],
    ]);
    const s = byKey(tl.steps);
    expect(s.training).toMatchObject({ date: DAY, expected: false });
    expect(s.assessed).toMatchObject({ date: DAY, expected: false });
    expect(s.reviewed).toMatchObject({ date: DAY, expected: false });
    // the subsidy module's own rule on the loaded calendar: approved 09-28 → 5 working days → 10-10 (the make-up Saturday)
    const cal = await loadCalendar(t.db);
    const rule = expectedNoticeAndPayment(DAY, { days: cal.days, years: cal.years, noticeDays: 5 });
    expect(rule).toEqual({ noticeLastDay: '2026-10-10', paidOn: '2026-10-12', provisional: false });
    expect(s.notice).toMatchObject({ date: rule.noticeLastDay, expected: true, note: 'notice_working_days' });
    expect(s.paid).toMatchObject({ date: rule.paidOn, expected: true, note: 'batch_after_notice' });
    // the claim's own notice says the same
    const claim = (await t.call('GET', `/api/v1/subsidy/claims/${claimId}`, { as: 'district_admin' })).json();
    expect(claim.notice.lastDay).toBe(rule.noticeLastDay);
    expect(await t.count('audit_log')).toBe(before);
  });

  it('a failed assessment ends the timeline at 考核; a trainee without a result awaits the assessment', async () => {
    const failed = (await t.call('GET', `/api/v1/vouchers/${trainees[1]!.voucherId}/timeline`, { headers: bearer(trainees[1]!) })).json();
    expect(failed.steps.map((s: Step) => s.state)).toEqual(['done', 'done', 'done', 'done', 'failed', 'skipped', 'skipped', 'skipped']);
    expect(byKey(failed.steps).assessed).toMatchObject({ note: 'assessment_failed', date: DAY });
    const waiting = byKey((await t.call('GET', `/api/v1/vouchers/${trainees[2]!.voucherId}/timeline`, { headers: bearer(trainees[2]!) })).json().steps);
    expect(waiting.training).toMatchObject({ state: 'current', date: DAY, expected: true });
    expect(waiting.assessed).toMatchObject({ state: 'expected', date: DAY, note: 'after_class_end' });
    expect(waiting.notice).toMatchObject({ date: '2026-10-10', expected: true });
    expect(waiting.paid).toMatchObject({ date: '2026-10-12', expected: true });
  });

  it('officers in scope read it; another district’s officer and another worker get 404; a provider 403', async () => {
    const id = trainees[0]!.voucherId;
    for (const as of ['district_admin', 'city_admin', 'auditor']) expect((await t.call('GET', `/api/v1/vouchers/${id}/timeline`, { as })).statusCode).toBe(200);
    for (const as of ['district_admin_b', 'worker']) {
      const r = await t.call('GET', `/api/v1/vouchers/${id}/timeline`, { as });
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.call('GET', `/api/v1/vouchers/${id}/timeline`, { headers: bearer(trainees[1]!) })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/vouchers/${id}/timeline`, { as: 'provider' })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/vouchers/${id}/timeline`)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/vouchers/00000000-0000-4000-8000-000000000000/timeline', { as: 'city_admin' })).statusCode).toBe(404);
    const bad = await t.call('GET', '/api/v1/vouchers/not-a-uuid/timeline', { as: 'city_admin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.id' });
  });
});

describe('a claim’s timeline', () => {
  it('the same steps for officers in scope and the worker whose claim it is; others 404', async () => {
    const mine = await t.call('GET', `/api/v1/subsidy/claims/${claimId}/timeline`, { headers: bearer(trainees[0]!) });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ kind: 'claim', claimId, voucherId: trainees[0]!.voucherId });
    const officer = await t.call('GET', `/api/v1/subsidy/claims/${claimId}/timeline`, { as: 'finance' });
    expect(officer.json().steps).toEqual(mine.json().steps);
    expect(byKey(officer.json().steps).paid).toMatchObject({ date: '2026-10-12', expected: true });
    for (const as of ['district_admin_b', 'worker']) expect((await t.call('GET', `/api/v1/subsidy/claims/${claimId}/timeline`, { as })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/subsidy/claims/${claimId}/timeline`, { headers: bearer(trainees[1]!) })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/subsidy/claims/${claimId}/timeline`, { as: 'provider' })).statusCode).toBe(403);
  });

  it('after the notice, in an approved batch: the bank’s requested execution date', async () => {
    const monday = at('2026-10-12', '10:00');
    const maker = actorOfAccount((await getAccount(t.db, t.fx.accounts.finance!.id))!);
    const checker = actorOfAccount((await getAccount(t.db, t.fx.accounts.finance2!.id))!);
    const b = await t.db.tx((tx) => createPayableBatch(maker, tx, {}, monday));
    const built = await buildBatch(maker, t.db, b.id, monday);
    expect(built.paymentCount).toBe(1);
    await t.db.tx((tx) => approveBatch(checker, tx, b.id, monday));
    setClock({ at: monday });
    try {
      const r = await t.call('GET', `/api/v1/subsidy/claims/${claimId}/timeline`, {
        headers: { authorization: `Bearer ${await t.fx.tokenFor(t.db, 'auditor')}` },
      });
      expect(r.statusCode, r.body).toBe(200);
      const s = byKey(r.json().steps);
      expect(s.notice).toMatchObject({ state: 'done', date: '2026-10-10', expected: false });
      expect(s.paid).toMatchObject({ state: 'current', date: '2026-10-12', expected: true, note: 'batch_requested_date' });
    } finally {
      setClock({ at: at(DAY, '14:00') });
    }
  });
});

describe('a rehabilitation case’s timeline', () => {
  it('applied, checked, placed, admitted: the expected discharge is the stay’s planned last day; scope as the case', async () => {
    const rec = await t.call('POST', '/api/v1/rehab/recognitions', {
      as: 'district_admin',
      body: {
        decisionNumber: '浦人社认〔2026〕第0928号',
        idNumber: t.fx.persons.worker!.idNumber,
        name: '李小明',
        employerUscc: t.fx.orgs.enterprise!.uscc,
        employerName: '浦东制造有限公司 (fixture)',
        districtCode: '310115',
        injuryDate: '2026-09-08',
        decisionDate: '2026-09-23',
        kind: 'recognised',
        diagnosis: '右胫骨平台骨折',
        icd10: 'S82.1',
        leaveStart: '2026-09-08',
        leaveEnd: '2026-12-06',
      },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const hospital = t.fx.orgs.hospital!.id;
    const c = await t.call('POST', '/api/v1/rehab/cases', {
      as: 'worker',
      body: {
        recognitionId: rec.json().id,
        conditionCode: 'fracture',
        treatmentSummary: '术后6周',
        homeAddress: '浦东新区张杨路 100 号',
        homeLocation: { lat: 31.2286, lng: 121.529 },
        preferences: [{ hospitalId: hospital, reason: '离家近' }],
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    const caseId = c.json().id;
    const url = `/api/v1/rehab/cases/${caseId}/timeline`;
    const submitted = byKey((await t.call('GET', url, { as: 'worker' })).json().steps);
    expect(submitted.eligibility).toMatchObject({ state: 'done', date: DAY });
    expect(submitted.placement).toMatchObject({ state: 'current', note: 'committee_decides', date: null });
    const p = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'place', reason: '按意愿安排', hospitalId: hospital, plannedDays: 30 },
    });
    expect(p.statusCode, p.body).toBe(201);
    expect((await t.call('POST', `/api/v1/rehab/cases/${caseId}/admit`, { as: 'hospital', body: {} })).statusCode).toBe(200);
    const r = await t.call('GET', url, { as: 'worker' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ kind: 'rehab', id: caseId });
    expect(r.json().steps.map((s: Step) => [s.key, s.state, s.date])).toEqual([
      ['applied', 'done', DAY],
      ['eligibility', 'done', DAY],
      ['placement', 'done', DAY],
      ['admission', 'done', DAY],
      ['discharge', 'current', '2026-10-27'],
    ]);
    expect(byKey(r.json().steps).discharge).toMatchObject({ expected: true, note: 'planned_days' });
    for (const as of ['committee', 'hospital', 'district_admin', 'enterprise']) expect((await t.call('GET', url, { as })).statusCode).toBe(200);
    for (const as of ['worker_b', 'district_admin_b', 'hospital_b']) expect((await t.call('GET', url, { as })).statusCode).toBe(404);
    expect((await t.call('GET', url, { as: 'provider' })).statusCode).toBe(403);
  });
});
