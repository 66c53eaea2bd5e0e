/**
 * Issue 20 §4 — 我能领吗？补多少？ on the database, both engines: a worker pre-checks a course, applies for the voucher,
 * is admitted, attends, passes — and the real claim made by the recorded pass carries the pre-check's amount; after
 * it the same course is refused (same occupation and level once) and the year's count is one less. The pre-check
 * reads only (row counts unchanged); refusals name the field; another role is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessInstant } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate, makeWorld, northOf, OCC, openClass, sessionFor, VENUE_GCJ, type Trainee, type World } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/service.js';
import * as attendance from '../attendance/service.js';
import * as catalog from '../catalog/service.js';
import * as identity from '../identity/service.js';
import * as persons from '../persons/service.js';
import { nthIdNumber } from '../persons/synthetic.js';
import * as vouchers from '../vouchers/service.js';
import type { PrecheckView } from './precheck-schemas.js';
import { fakeCard } from './test-world.js';

let t: TestApp;
let world: World;
let worker: Trainee;
const today = businessDate(new Date());
const YEAR = Number(today.slice(0, 4));
/** The class's one session: a morning two days ago (Shanghai), never "now + N hours". */
const day = addDays(today, -2);

const as = (w: Trainee) => ({ authorization: `Bearer ${w.me.token}` });
const precheck = async (w: Trainee, query: string): Promise<{ status: number; body: PrecheckView & { code?: string; field?: string } }> => {
  const r = await t.call('GET', `/api/v1/precheck?${query}`, { headers: as(w) });
  return { status: r.statusCode, body: r.json() };
};
const counts = async () => Promise.all(['subsidy_claims', 'voucher_records', 'audit_log', 'voucher_events'].map((x) => t.count(x)));

/** A worker with a bank account on their social security card (the payee of the skill-upgrade subsidy). */
async function makeBankedWorker(n: number): Promise<Trainee> {
  const idNumber = nthIdNumber(700_000 + n + Math.floor(Math.random() * 1000) * 1000);
  const account = await t.db.tx(async (tx) => {
    const { person } = await persons.ensurePerson(tx, SYSTEM, {
      idNumber,
      name: `李预${n}`,
      districtCode: '310115',
      categories: ['registered_unemployed'],
      bankAccount: fakeCard(800 + n),
      bankName: '中国工商银行',
    });
    return identity.createAccount(tx, SYSTEM, { username: `pre.${person.id.slice(0, 8)}`, displayName: person.name, role: 'worker', personId: person.id });
  });
  return { personId: account.person_id!, idNumber, me: await sessionFor(t.db, account), voucherId: '' };
}

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  await t.db.tx((tx) => catalog.setBudget(SYSTEM, tx, { programmeId: world.programme.id, districtCode: '310115', year: YEAR, amountFen: 10_000_000 }));
  worker = await makeBankedWorker(1);
});
afterAll(async () => t?.close());

describe('a worker pre-checks a course, then the real claim for it', () => {
  let before: PrecheckView;

  it('before applying: eligible, the subsidy capped by the fee, nothing to pay, 2 of 2 left this year, the validity of a voucher applied for today', async () => {
    const n0 = await counts();
    const r = await precheck(worker, `courseId=${world.courseId}`);
    expect(r.status).toBe(200);
    before = r.body;
    const quote = await catalog.quoteSubsidy(t.db, { programmeId: world.programme.id, occupationCode: OCC, level: 4, categories: ['registered_unemployed'] });
    const formula = Math.floor((quote.standardFen * (100 + quote.upliftPct) * quote.ratioPct + 5000) / 10000);
    expect(before).toMatchObject({ courseId: world.courseId, occupationCode: OCC, level: 4 });
    expect(before.answers).toHaveLength(1);
    expect(before.answers[0]).toMatchObject({
      programmeId: world.programme.id,
      eligible: true,
      reasons: [],
      feeFen: 180_000,
      subsidyFen: Math.min(formula, 180_000),
      selfPaidFen: Math.max(0, 180_000 - formula),
      ratioPct: 100,
      year: YEAR,
      usedThisYear: 0,
      maxThisYear: 2,
      remainingThisYear: 2,
      voucher: { held: false, number: null, validFrom: today, validityMonths: world.programme.validityMonths },
    });
    // read-only: nothing written, not even an audit entry
    expect(await counts()).toEqual(n0);
  });

  it('by occupation and level (no course): the subsidy is not capped by a fee and the self-paid part is unknown', async () => {
    const r = await precheck(worker, `occupationCode=${OCC}&level=4&programmeId=${world.programme.id}`);
    expect(r.status).toBe(200);
    const a = r.body.answers[0]!;
    expect(a).toMatchObject({ eligible: true, feeFen: null, selfPaidFen: null });
    expect(a.subsidyFen).toBeGreaterThanOrEqual(before.answers[0]!.subsidyFen);
  });

  it('applies (申领), is admitted, attends, passes: the claim carries the pre-check’s amount and is approved', async () => {
    const issuedAt = businessInstant(addDays(day, -12), 9, 0, 0, 0);
    const applied = await t.db.tx((tx) =>
      vouchers.applyForVoucher(worker.me.actor, tx, { occupationCode: OCC, level: 4, programmeId: world.programme.id }, issuedAt),
    );
    worker = { ...worker, voucherId: applied.voucher.id };
    // holding the voucher: the pre-check shows it, and the same amount
    const held = (await precheck(worker, `courseId=${world.courseId}`)).body.answers[0]!;
    expect(held).toMatchObject({ eligible: true, subsidyFen: before.answers[0]!.subsidyFen, voucher: { held: true, number: applied.voucher.number } });
    expect(held.voucher.validUntil).toBe(applied.voucher.validUntil);

    const session = { startsAt: new Date(`${day}T09:00:00+08:00`), endsAt: new Date(`${day}T12:00:00+08:00`) };
    const { cls, sessions } = await openClass(t.db, world, [session], [worker]);
    const spot = { ...northOf(VENUE_GCJ, 25), accuracyM: 12, coordSystem: 'gcj02' as const, deviceId: 'pre-1' };
    await t.db.tx((tx) => attendance.checkIn(worker.me.actor, tx, sessions[0]!.id, spot, new Date(sessions[0]!.startsAt.getTime() + 2 * 60_000)));
    const assign = await t.call('POST', '/api/v1/assessment/assignments', {
      as: 'district_admin',
      body: { classId: cls.id, assessorOrgId: t.fx.orgs.assessor!.id, note: '预检' },
    });
    expect(assign.statusCode, assign.body).toBe(201);
    const result = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: {
        voucherNumber: applied.voucher.number,
        passed: true,
        score: 88,
        level: 4,
        certificateNumber: 'CERT-PRE-0001',
        certificateType: 'skill_level',
        assessedOn: today,
      },
    });
    expect(result.statusCode, result.body).toBe(201);
    const { rows } = await t.db.query<{ amount_fen: number; status: string; fee_fen: number; rules: Array<{ rule: string; passed: boolean }> }>(
      'SELECT amount_fen, status, fee_fen, rules FROM subsidy_claims WHERE voucher_id = $1',
      [applied.voucher.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.amount_fen).toBe(before.answers[0]!.subsidyFen);
    expect(rows[0]!.fee_fen).toBe(180_000);
    expect(rows[0]!.rules.filter((r) => !r.passed)).toEqual([]);
    expect(rows[0]!.status).toBe('approved');
  });

  it('after the claim: the same course is refused (same occupation and level once; the claimed voucher still open), one subsidy left this year', async () => {
    const r = await precheck(worker, `courseId=${world.courseId}`);
    expect(r.status).toBe(200);
    const a = r.body.answers[0]!;
    expect(a.eligible).toBe(false);
    expect(a.reasons.map((x) => x.code)).toEqual(['HOLDS_OTHER_VOUCHER', 'SAME_OCCUPATION_LEVEL_ONCE']);
    expect(a).toMatchObject({ usedThisYear: 1, remainingThisYear: 1 });
  });
});

describe('refusals', () => {
  it('names the field; an unknown course is 404; another role is 403; nothing is written', async () => {
    const n0 = await counts();
    expect(await precheck(worker, '')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'occupationCode' } });
    expect(await precheck(worker, `occupationCode=${OCC}`)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'level' } });
    expect(await precheck(worker, 'occupationCode=9-99-99-99&level=4')).toMatchObject({
      status: 400,
      body: { code: 'OCCUPATION_UNKNOWN', field: 'occupationCode' },
    });
    expect(await precheck(worker, `occupationCode=${OCC}&level=7`)).toMatchObject({ status: 400 });
    expect(await precheck(worker, 'courseId=0191e6a0-0000-7000-8000-000000000000')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await precheck(worker, 'courseId=not-a-uuid')).toMatchObject({ status: 400 });
    const provider = await t.call('GET', `/api/v1/precheck?courseId=${world.courseId}`, { headers: { authorization: `Bearer ${world.provider.staff.token}` } });
    expect(provider.statusCode).toBe(403);
    expect(await counts()).toEqual(n0);
  });
});
