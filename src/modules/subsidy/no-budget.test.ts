/**
 * A year without a budget (issue 15, item 7): a claim whose (year, district, programme) has no budget waits
 * in review with the named reason NO_BUDGET (not an error, not approved); approving it is refused with
 * NO_BUDGET and changes nothing until a budget is set; the admins' home lists it as a to-do (scoped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import { createClaimForPass, type ClaimRow } from './claims.js';
import { anyOccupation, assessedVoucher, passFacts, setBudget } from './test-world.js';

const YEAR = new Date().getUTCFullYear();
let t: TestApp;
let programmeId: string;
let occupation: string;

beforeAll(async () => {
  t = await createTestApp();
  programmeId = await t.db.tx(async (tx) => {
    const p = await catalog.createProgramme(SYSTEM, tx, {
      code: 'TEST-NO-BUDGET',
      name: '无预算补贴项目 (test)',
      type: 'skill_upgrade',
      fundingSource: 'unemployment_insurance_fund',
      payee: 'person',
      eligibleCategories: ['registered_unemployed'],
    });
    await catalog.setStandard(SYSTEM, tx, p.id, { occupationCode: null, level: 4, amountFen: 200_000 });
    return p.id;
  });
  occupation = await anyOccupation(t.db);
});
afterAll(async () => t?.close());

const claim = (n: number, districtCode = '310115'): Promise<ClaimRow> =>
  t.db.tx(async (tx) => {
    const w = await assessedVoucher(tx, n, { programmeId, occupationCode: occupation, districtCode });
    return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId));
  });
const todos = (as: string) => t.call('GET', '/api/v1/subsidy/todos', { as });

describe('a year without a budget', () => {
  let c: ClaimRow;
  it('the claim waits in review with NO_BUDGET named (year, district and programme), nothing reserved', async () => {
    expect(await catalog.getBudget(t.db, programmeId, '310115', YEAR)).toBeNull();
    c = await claim(8001);
    expect(c.status).toBe('in_review');
    const view = (await t.call('GET', `/api/v1/subsidy/claims/${c.id}`, { as: 'district_admin' })).json();
    expect(view.reasonCodes).toEqual(['NO_BUDGET']);
    expect(view.failedRules).toEqual(['BUDGET_COVERS']);
    expect(view.rules.find((r: { rule: string }) => r.rule === 'BUDGET_COVERS')).toMatchObject({
      passed: false,
      code: 'NO_BUDGET',
      reason: expect.stringContaining(String(YEAR)),
    });
    expect(await t.count('budget_ledger', `claim_id = '${c.id}'`)).toBe(0);
    const listed = (await t.call('GET', '/api/v1/subsidy/claims?status=in_review&reason=NO_BUDGET', { as: 'district_admin' })).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(listed.total).toBe(1);
    const otherReason = (await t.call('GET', '/api/v1/subsidy/claims?reason=ATTENDANCE_THRESHOLD', { as: 'district_admin' })).json();
    expect(otherReason.total).toBe(0);
  });

  it('the admins’ homes show it as a to-do, each in its scope', async () => {
    await claim(8002, '310104');
    const city = await todos('city_admin');
    expect(city.statusCode).toBe(200);
    expect(city.json()).toEqual({
      total: 2,
      items: [
        { kind: 'NO_BUDGET', year: YEAR, districtCode: '310104', programmeId, programmeName: '无预算补贴项目 (test)', claims: 1 },
        { kind: 'NO_BUDGET', year: YEAR, districtCode: '310115', programmeId, programmeName: '无预算补贴项目 (test)', claims: 1 },
      ],
    });
    expect((await todos('district_admin')).json().items).toEqual([expect.objectContaining({ districtCode: '310115', claims: 1 })]);
    expect((await todos('district_admin_b')).json().items).toEqual([expect.objectContaining({ districtCode: '310104', claims: 1 })]);
    expect((await todos('finance')).statusCode).toBe(403);
  });

  it('approving it is refused with NO_BUDGET and changes nothing; once the budget is set it is approved and the to-do goes', async () => {
    const counts = async () => [
      await t.count('claim_events', `claim_id = '${c.id}'`),
      await t.count('audit_log'),
      await t.count('budget_ledger'),
      await t.count('voucher_events', `voucher_id = '${c.voucher_id}'`),
    ];
    const before = await counts();
    const r = await t.call('POST', `/api/v1/subsidy/claims/${c.id}/decision`, { as: 'district_admin', body: { decision: 'approve', opinion: '同意' } });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'NO_BUDGET', field: 'decision', year: YEAR, districtCode: '310115' });
    expect(await counts()).toEqual(before);
    await setBudget(t.db, programmeId, 10_000_000, YEAR);
    const ok = await t.call('POST', `/api/v1/subsidy/claims/${c.id}/decision`, {
      as: 'district_admin',
      body: { decision: 'approve', opinion: '预算已下达，同意' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect((await todos('district_admin')).json()).toEqual({ total: 0, items: [] });
    expect((await todos('city_admin')).json().total).toBe(1);
  });
});
