/**
 * Issue 15 item 22: an anonymous objection is recorded and queued for an officer but does not hold the
 * payment by itself; a real-name (signed-in) objection holds it; objections are limited per claim as well as
 * per address. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { anyOccupation, approvedClaims, endNotice, setBudget, skillUpgrade } from './test-world.js';
import { ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY } from './claims.js';

const YEAR = new Date().getUTCFullYear();
let t: TestApp;
let programmeId: string;
let occupation: string;
beforeAll(async () => {
  t = await createTestApp();
  programmeId = (await skillUpgrade(t.db)).id;
  occupation = await anyOccupation(t.db);
  await setBudget(t.db, programmeId, 50_000_000, YEAR);
});
afterAll(async () => t?.close());

const claim = async (id: string) =>
  (await t.db.query<{ number: string; status: string; district_code: string }>('SELECT number, status, district_code FROM subsidy_claims WHERE id = $1', [id]))
    .rows[0]!;
let ip = 0;
/** An anonymous objection from its own address (the per-address limit is not what these tests count). */
const anonymous = (claimNumber: string, text = '此人未实际参加培训', remoteAddress = `10.7.0.${++ip}`) =>
  t.app.inject({ method: 'POST', url: '/api/v1/subsidy/objections', payload: { claimNumber, text }, remoteAddress });

describe('objections to the public notice', () => {
  it('an anonymous objection is recorded and queued for an officer, and does not hold the payment', async () => {
    const [id] = await approvedClaims(t.db, 1, programmeId, occupation, 100);
    const c = await claim(id!);
    const r = await anonymous(c.number);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ claimNumber: c.number, status: 'approved', realName: false });
    expect((await claim(id!)).status).toBe('approved');
    expect(await t.count('claim_objections', `claim_id = '${id}' AND NOT real_name AND NOT held AND status = 'open'`)).toBe(1);
    expect(await t.count('audit_log', `action = 'claim.object' AND entity_id = '${id}'`)).toBe(1);
    // queued: the district's officer sees it; another district's does not
    const q = await t.call('GET', '/api/v1/subsidy/objections', { as: 'district_admin' });
    expect(q.statusCode).toBe(200);
    expect(q.json().items.map((o: { claimNumber: string }) => o.claimNumber)).toContain(c.number);
    expect(q.json().total).toBeGreaterThanOrEqual(1);
    const other = await t.call('GET', '/api/v1/subsidy/objections', { as: 'district_admin_b' });
    expect(other.json().items.map((o: { claimNumber: string }) => o.claimNumber)).not.toContain(c.number);
    // and the payment goes ahead: once the notice has ended the claim is in the next batch
    await endNotice(t.db, [id!]);
    const b = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', body: {} });
    expect(b.statusCode).toBe(201);
    expect((await claim(id!)).status).toBe('in_batch');
    expect(
      (await t.call('POST', `/api/v1/subsidy/batches/${b.json().id as string}/cancel`, { as: 'finance', body: { reason: 'test' } })).statusCode,
    ).toBeLessThan(500);
  });

  it('an officer takes a queued objection up (holds the claim) or dismisses it; another district answers 404', async () => {
    const [a, b] = await approvedClaims(t.db, 2, programmeId, occupation, 200);
    const ca = await claim(a!);
    const cb = await claim(b!);
    const oa = (await anonymous(ca.number)).json().objectionId as string;
    const ob = (await anonymous(cb.number)).json().objectionId as string;
    const foreign = await t.call('POST', `/api/v1/subsidy/objections/${oa}/resolve`, { as: 'district_admin_b', body: { action: 'hold', opinion: '核实' } });
    expect(foreign.statusCode).toBe(404);
    expect((await claim(a!)).status).toBe('approved');
    const hold = await t.call('POST', `/api/v1/subsidy/objections/${oa}/resolve`, {
      as: 'district_admin',
      body: { action: 'hold', opinion: '异议具体，暂停发放待核实' },
    });
    expect(hold.statusCode).toBe(200);
    expect(hold.json()).toMatchObject({ held: true, status: 'open', claimStatus: 'held' });
    expect((await claim(a!)).status).toBe('held');
    const dismiss = await t.call('POST', `/api/v1/subsidy/objections/${ob}/resolve`, {
      as: 'district_admin',
      body: { action: 'dismiss', opinion: '内容不实' },
    });
    expect(dismiss.json()).toMatchObject({ status: 'dismissed', resolution: '内容不实' });
    expect((await claim(b!)).status).toBe('approved');
    expect(await t.count('audit_log', `action IN ('claim.objection_hold', 'claim.objection_dismiss') AND entity_id IN ('${a}', '${b}')`)).toBe(2);
  });

  it('a real-name (signed-in) objection holds the claim; the same person cannot object twice while it is open', async () => {
    const [id] = await approvedClaims(t.db, 1, programmeId, occupation, 300);
    const c = await claim(id!);
    const r = await t.call('POST', '/api/v1/subsidy/objections', { as: 'worker', body: { claimNumber: c.number, text: '此人未实际参加培训' } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'held', realName: true });
    expect((await claim(id!)).status).toBe('held');
    expect(await t.count('claim_objections', `claim_id = '${id}' AND real_name AND held AND objector_id = '${t.fx.accounts.worker!.id}'`)).toBe(1);
    const again = await t.call('POST', '/api/v1/subsidy/objections', { as: 'worker', body: { claimNumber: c.number, text: '再次提出异议内容' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DUPLICATE', field: 'claimNumber' });
    expect(await t.count('claim_objections', `claim_id = '${id}'`)).toBe(1);
    // a held claim is not paid
    await t.db.query('UPDATE subsidy_claims SET notice_last_day = notice_last_day - 30 WHERE id = $1', [id]);
    const before = await t.count('disbursement_payments', `claim_id = '${id}'`);
    await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', body: {} });
    expect(await t.count('disbursement_payments', `claim_id = '${id}'`)).toBe(before);
  });

  it(`anonymous objections are limited per claim (${ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY} a day), from any number of addresses; a real name still gets through`, async () => {
    const [id] = await approvedClaims(t.db, 1, programmeId, occupation, 400);
    const c = await claim(id!);
    const codes: number[] = [];
    for (let i = 0; i < ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY + 3; i++) codes.push((await anonymous(c.number)).statusCode);
    expect(codes).toEqual([...Array(ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY).fill(201), 429, 429, 429]);
    const refused = await anonymous(c.number);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', field: 'claimNumber' });
    expect(await t.count('claim_objections', `claim_id = '${id}'`)).toBe(ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY);
    expect((await claim(id!)).status).toBe('approved');
    const named = await t.call('POST', '/api/v1/subsidy/objections', { as: 'worker_b', body: { claimNumber: c.number, text: '此人未实际参加培训' } });
    expect(named.statusCode).toBe(201);
    expect((await claim(id!)).status).toBe('held');
  });

  it('concurrent anonymous objections to one claim respect the per-claim limit exactly', async () => {
    const [id] = await approvedClaims(t.db, 1, programmeId, occupation, 500);
    const c = await claim(id!);
    const answers = await Promise.all(Array.from({ length: 12 }, () => anonymous(c.number)));
    expect(answers.filter((r) => r.statusCode === 201).length).toBe(ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY);
    expect(answers.filter((r) => r.statusCode === 429).length).toBe(12 - ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY);
    expect(await t.count('claim_objections', `claim_id = '${id}'`)).toBe(ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY);
  });
});
