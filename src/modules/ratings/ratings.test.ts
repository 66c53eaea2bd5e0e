/**
 * Issue 20 §3 — 好差评 on the database, both engines: the person served rates a paid claim once (1–5 stars, an
 * optional comment); a claim not yet paid is refused (SERVICE_NOT_FINISHED), a second rating too
 * (SERVICE_ALREADY_RATED), another person's claim answers 404; every refusal leaves the row counts as they were.
 * The worker's list; the counts per kind and stars for officers in scope (another district sees none).
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate, financeActor, sessionFor, type WorldActor } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/service.js';
import * as identity from '../identity/service.js';
import { simulateBank } from '../subsidy/bank-simulator.js';
import { createClaimForPass } from '../subsidy/claims.js';
import { approveBatch, buildBatch, createBatch, generateFiles, importResults, streamBatchFile } from '../subsidy/disbursement.js';
import { anyOccupation, assessedVoucher, endNotice, passFacts, setBudget, skillUpgrade } from '../subsidy/test-world.js';
import { collect } from '../../test/collect.js';

let t: TestApp;
const DISTRICT = '310104';
const YEAR = new Date().getUTCFullYear();

const finance = financeActor;
const maker = finance('00000000-0000-4000-8000-0000000000a1');
const checker = finance('00000000-0000-4000-8000-0000000000a2');

interface Served {
  me: WorldActor;
  claimId: string;
}

/** A worker (with a sign-in) whose claim was approved through the real claim path. */
async function claimant(n: number, programmeId: string, occupationCode: string): Promise<Served> {
  const { personId, claimId } = await t.db.tx(async (tx) => {
    const w = await assessedVoucher(tx, n, { programmeId, occupationCode, districtCode: DISTRICT });
    return { personId: w.personId, claimId: (await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId))).id };
  });
  const account = await t.db.tx((tx) => identity.createAccount(tx, SYSTEM, { username: `rate.${n}`, displayName: `学员${n}`, role: 'worker', personId }));
  return { me: await sessionFor(t.db, account), claimId };
}

/** Pays the claims: notice over, a batch made and approved by two people, the bank file, the bank's answer imported. */
async function pay(claimIds: string[]): Promise<void> {
  await endNotice(t.db, claimIds);
  const b = await buildBatch(maker, t.db, (await t.db.tx((tx) => createBatch(maker, tx, { districtCode: DISTRICT }))).id);
  expect(b.paymentCount).toBe(claimIds.length);
  await t.db.tx((tx) => approveBatch(checker, tx, b.id));
  await generateFiles(maker, t.db, b.id);
  const pain = await collect((out) => streamBatchFile(maker, t.db, b.id, 'pain001', out));
  const camt = await collect((out) => simulateBank(Readable.from([pain]), out, {}));
  await importResults(maker, t.db, () => Readable.from([camt]), 'camt054');
}

let paid: Served;
let paidOther: Served;
let unpaid: Served;

const rate = (s: Served, body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/service-ratings', { headers: { authorization: `Bearer ${s.me.token}` }, body: { kind: 'claim', ...body } });
const counts = async () => Promise.all([t.count('service_ratings'), t.count('audit_log')]);

beforeAll(async () => {
  t = await createTestApp();
  const programmeId = (await skillUpgrade(t.db)).id;
  const occupation = await anyOccupation(t.db);
  await setBudget(t.db, programmeId, 10_000_000, YEAR, DISTRICT);
  paid = await claimant(3101, programmeId, occupation);
  paidOther = await claimant(3102, programmeId, occupation);
  unpaid = await claimant(3103, programmeId, occupation);
  await pay([paid.claimId, paidOther.claimId]);
  const { rows } = await t.db.query<{ id: string; status: string }>('SELECT id, status FROM subsidy_claims ORDER BY id');
  expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toMatchObject({
    [paid.claimId]: 'paid',
    [paidOther.claimId]: 'paid',
    [unpaid.claimId]: 'approved',
  });
});
afterAll(async () => t?.close());

describe('rating a paid claim', () => {
  it('the person served rates it: saved, audited in the same transaction', async () => {
    const [r0, a0] = await counts();
    const r = await rate(paid, { objectId: paid.claimId, stars: 5, comment: '到账很快，办理方便' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'claim', objectId: paid.claimId, stars: 5, comment: '到账很快，办理方便' });
    expect(r.json().label).toMatch(/^SC\d{16}$/);
    expect(await counts()).toEqual([r0 + 1, a0 + 1]);
    const { rows } = await t.db.query<{ action: string; entity_id: string }>("SELECT action, entity_id FROM audit_log WHERE action = 'service_rating.give'");
    expect(rows.map((x) => x.entity_id)).toEqual([r.json().id]);
  });

  it('once only: a second rating is refused (409 SERVICE_ALREADY_RATED), nothing changes', async () => {
    const before = await counts();
    const r = await rate(paid, { objectId: paid.claimId, stars: 1 });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'SERVICE_ALREADY_RATED', field: 'objectId' });
    expect(await counts()).toEqual(before);
  });

  it('a claim not paid yet is refused (409 SERVICE_NOT_FINISHED); another person’s claim and an unknown one answer 404; nothing changes', async () => {
    const before = await counts();
    const notYet = await rate(unpaid, { objectId: unpaid.claimId, stars: 4 });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json()).toMatchObject({ code: 'SERVICE_NOT_FINISHED', field: 'objectId' });
    const others = await rate(unpaid, { objectId: paidOther.claimId, stars: 4 });
    expect(others.statusCode).toBe(404);
    expect(others.json()).toMatchObject({ code: 'NOT_FOUND', field: 'objectId' });
    expect((await rate(paid, { objectId: '0191e6a0-0000-7000-8000-000000000000', stars: 4 })).statusCode).toBe(404);
    // a rehabilitation case that does not exist, an appeal (no appeals module here): as absent
    expect((await rate(paid, { kind: 'rehab_case', objectId: paid.claimId, stars: 4 })).statusCode).toBe(404);
    expect((await rate(paid, { kind: 'appeal', objectId: paid.claimId, stars: 4 })).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('validates the body, naming the field; only workers rate; nothing changes', async () => {
    const before = await counts();
    for (const [body, field] of [
      [{ objectId: paidOther.claimId, stars: 0 }, 'stars'],
      [{ objectId: paidOther.claimId, stars: 6 }, 'stars'],
      [{ objectId: paidOther.claimId, stars: 3.5 }, 'stars'],
      [{ objectId: paidOther.claimId, stars: 4, comment: '好'.repeat(301) }, 'comment'],
      [{ objectId: paidOther.claimId, stars: 4, comment: '   ' }, 'comment'],
      [{ objectId: 'abc', stars: 4 }, 'objectId'],
      [{ kind: 'voucher', objectId: paidOther.claimId, stars: 4 }, 'kind'],
      [{ objectId: paidOther.claimId, stars: 4, extra: 1 }, 'extra'],
    ] as const) {
      const r = await rate(paidOther, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.json())).toContain(field);
    }
    const admin = await t.call('POST', '/api/v1/service-ratings', { as: 'city_admin', body: { kind: 'claim', objectId: paidOther.claimId, stars: 4 } });
    expect(admin.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('a comment is optional; the worker lists only their own ratings', async () => {
    const r = await rate(paidOther, { objectId: paidOther.claimId, stars: 2 });
    expect(r.statusCode).toBe(201);
    expect(r.json().comment).toBeNull();
    const mine = await t.call('GET', '/api/v1/service-ratings/mine', { headers: { authorization: `Bearer ${paid.me.token}` } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ total: 1, items: [{ objectId: paid.claimId, stars: 5 }] });
  });
});

describe('statistics (好差评 counts) for officers in scope', () => {
  it('the city sees the counts per kind and stars; a district admin its district’s only (310104’s sees them, 310115’s none); a worker is refused', async () => {
    const city = await t.call('GET', '/api/v1/service-ratings/stats', { as: 'city_admin' });
    expect(city.statusCode).toBe(200);
    const claim = city.json().items.find((i: { kind: string }) => i.kind === 'claim');
    expect(claim).toEqual({ kind: 'claim', ratings: 2, stars: [0, 1, 0, 0, 1], average: 3.5, goodPct: 50, badPct: 50 });
    // the fixture district admin is not of 310104: none of these ratings
    const district = await t.call('GET', '/api/v1/service-ratings/stats', { as: 'district_admin' });
    expect(district.statusCode).toBe(200);
    expect(district.json().items.find((i: { kind: string }) => i.kind === 'claim')).toMatchObject({ ratings: 0, average: null });
    const own = await t.call('GET', '/api/v1/service-ratings/stats', { as: 'district_admin_b' });
    expect(own.json().items.find((i: { kind: string }) => i.kind === 'claim')).toMatchObject({ ratings: 2, stars: [0, 1, 0, 0, 1] });
    const worker = await t.call('GET', '/api/v1/service-ratings/stats', { headers: { authorization: `Bearer ${paid.me.token}` } });
    expect(worker.statusCode).toBe(403);
  });
});

describe('rating a closed rehabilitation case', () => {
  const today = businessDate(new Date());

  it('refused by the committee: the worker rates it once; before, it was not finished; another worker gets 404', async () => {
    const rec = await t.call('POST', '/api/v1/rehab/recognitions', {
      as: 'district_admin',
      body: {
        decisionNumber: '浦人社认〔2026〕第0909号',
        idNumber: t.fx.persons.worker!.idNumber,
        name: '李小明',
        employerUscc: t.fx.orgs.enterprise!.uscc,
        employerName: '浦东制造有限公司 (fixture)',
        districtCode: '310115',
        injuryDate: addDays(today, -20),
        decisionDate: addDays(today, -5),
        kind: 'recognised',
        diagnosis: '右胫骨平台骨折',
        icd10: 'S82.1',
        leaveStart: addDays(today, -20),
        leaveEnd: addDays(today, 70),
      },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const hospitals: Array<{ id: string }> = (await t.call('GET', '/api/v1/rehab/hospitals', { as: 'worker' })).json().items;
    const applied = await t.call('POST', '/api/v1/rehab/cases', {
      as: 'worker',
      body: {
        recognitionId: rec.json().id,
        conditionCode: 'fracture',
        treatmentSummary: '术后6周，膝关节活动受限',
        homeAddress: '浦东新区张杨路 100 号',
        homeLocation: { lat: 31.2286, lng: 121.529 },
        preferences: [{ hospitalId: hospitals[0]!.id, reason: '离家近' }],
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const caseId: string = applied.json().id;
    const rateCase = (as: string, stars: number) => t.call('POST', '/api/v1/service-ratings', { as, body: { kind: 'rehab_case', objectId: caseId, stars } });

    const before = await counts();
    const early = await rateCase('worker', 4);
    expect(early.json()).toMatchObject({ code: 'SERVICE_NOT_FINISHED', field: 'objectId' });
    expect(await counts()).toEqual(before);

    const refused = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'refuse', refusalReason: 'not_needed', reason: '伤情稳定，门诊康复即可' },
    });
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.json().status).toBe('refused');

    expect((await rateCase('worker_b', 4)).statusCode).toBe(404);
    const r = await rateCase('worker', 3);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'rehab_case', objectId: caseId, stars: 3, label: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const after = await counts();
    expect((await rateCase('worker', 5)).json()).toMatchObject({ code: 'SERVICE_ALREADY_RATED' });
    expect(await counts()).toEqual(after);
    const stats = await t.call('GET', '/api/v1/service-ratings/stats', { as: 'district_admin' });
    expect(stats.json().items.find((i: { kind: string }) => i.kind === 'rehab_case')).toMatchObject({ ratings: 1, stars: [0, 0, 1, 0, 0] });
  });
});
