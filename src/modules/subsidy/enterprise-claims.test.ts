/**
 * 补贴到账 (GET /api/v1/subsidy/enterprise-claims, …/:id), both engines: an enterprise reads the claims that concern
 * it — paid to it, or made on a customised voucher (企业定制券) it issued — and no other: not its employee's claim on
 * a voucher that is neither, not another enterprise's (404 on detail). The figures: amounts, states, the paid day,
 * the sums paid; the employee masked, no account.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { financeActor, sessionFor, type WorldActor } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/service.js';
import * as orgs from '../orgs/service.js';
import { syntheticBankAccount, syntheticUscc } from '../orgs/synthetic.js';
import { enterpriseClaimsWorld, type EnterpriseClaims } from './test-world.js';

let t: TestApp;
let a: WorldActor;
let b: WorldActor;
let claims: EnterpriseClaims;

const finance = financeActor;

async function enterprise(serial: number, name: string): Promise<{ staff: WorldActor; org: orgs.Org }> {
  const { org, account } = await t.db.tx(async (tx) => {
    const o = await orgs.createOrg(SYSTEM, tx, {
      kind: 'enterprise',
      name,
      uscc: syntheticUscc('310115', 41_000_000 + serial, '91'),
      districtCode: '310115',
      bankAccount: syntheticBankAccount('622848', 700_000 + serial),
      bankName: '中国农业银行',
    });
    return { org: o, account: await orgs.createOrgAccount(SYSTEM, tx, o.id, { username: `ent.${serial}`, displayName: name }) };
  });
  return { staff: await sessionFor(t.db, account), org };
}

type Page = { total: number; paidFen: number; paidToEnterpriseFen: number; items: Array<Record<string, unknown>> };
const list = async (who: WorldActor, query = '') => {
  const r = await t.call('GET', `/api/v1/subsidy/enterprise-claims${query}`, { headers: { authorization: `Bearer ${who.token}` } });
  expect(r.statusCode).toBe(200);
  return r.json<Page>();
};
const detail = (who: WorldActor, id: string) => t.call('GET', `/api/v1/subsidy/enterprise-claims/${id}`, { headers: { authorization: `Bearer ${who.token}` } });
const row = async (id: string) =>
  (await t.db.query<{ number: string; amount_fen: number; status: string }>('SELECT number, amount_fen, status FROM subsidy_claims WHERE id = $1', [id]))
    .rows[0]!;

beforeAll(async () => {
  t = await createTestApp();
  const ea = await enterprise(1, '上海甲精密制造有限公司');
  const eb = await enterprise(2, '上海乙护理服务有限公司');
  a = ea.staff;
  b = eb.staff;
  claims = await enterpriseClaimsWorld(
    t.db,
    { actor: a.actor, org: ea.org },
    { actor: b.actor, org: eb.org },
    { maker: finance('00000000-0000-4000-8000-0000000000b1'), checker: finance('00000000-0000-4000-8000-0000000000b2') },
    { n: 8100 },
  );
}, 120_000);
afterAll(async () => t?.close());

describe('补贴到账: an enterprise’s claims', () => {
  it('lists the claims paid to it or on its customised vouchers, newest first, and none other', async () => {
    const page = await list(a);
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.id)).toEqual([claims.payeeA, claims.customOfA, claims.paidToA]);
    expect(page.items.map((i) => i.id)).not.toContain(claims.notA);
    expect(page.items.map((i) => i.id)).not.toContain(claims.ofB);
    const other = await list(b);
    expect(other.items.map((i) => i.id)).toEqual([claims.ofB]);
  });

  it('shows each claim’s figures: amount, state, payee, customised voucher, paid day; the employee masked, no account', async () => {
    const page = await list(a);
    const by = new Map(page.items.map((i) => [i.id, i]));
    for (const id of [claims.paidToA, claims.customOfA, claims.payeeA]) {
      const r = await row(id);
      expect(by.get(id)).toMatchObject({ number: r.number, amountFen: Number(r.amount_fen), status: r.status, level: 4 });
      expect(by.get(id)!.amountFen).toBeGreaterThan(0);
      expect(by.get(id)!.employeeNameMasked).toMatch(/^学\*+\d$/);
      expect(by.get(id)!.occupationName).toEqual(expect.any(String));
      expect(by.get(id)!.programmeName).toBe('企业职工职业培训');
    }
    expect(by.get(claims.paidToA)).toMatchObject({
      status: 'paid',
      payeeKind: 'enterprise',
      paidToThisEnterprise: true,
      payeeKnown: true,
      customVoucher: true,
    });
    expect(by.get(claims.paidToA)!.paidAt).toEqual(expect.any(String));
    expect(by.get(claims.customOfA)).toMatchObject({ status: 'in_review', paidToThisEnterprise: false, payeeKnown: false, customVoucher: true, paidAt: null });
    expect(by.get(claims.payeeA)).toMatchObject({ status: 'approved', paidToThisEnterprise: true, customVoucher: false, paidAt: null });
    expect(by.get(claims.payeeA)!.noticeLastDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(page)).not.toMatch(/account|personId|idMasked|学员\d/i);
  });

  it('sums what was paid over the whole list (not the page), and of it what was paid to the enterprise', async () => {
    const paid = Number((await row(claims.paidToA)).amount_fen);
    const page = await list(a, '?limit=1&offset=0');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    expect(page).toMatchObject({ paidFen: paid, paidToEnterpriseFen: paid });
    const open = await list(a, '?status=approved');
    expect(open).toMatchObject({ total: 1, paidFen: 0, paidToEnterpriseFen: 0 });
    expect(open.items.map((i) => i.id)).toEqual([claims.payeeA]);
    expect(await list(b)).toMatchObject({ paidFen: 0, paidToEnterpriseFen: 0 });
  });

  it('one claim with its steps; another enterprise’s claim, one not its own and an unknown one answer 404', async () => {
    const r = await detail(a, claims.paidToA);
    expect(r.statusCode).toBe(200);
    const d = r.json<{ status: string; events: Array<{ to: string; at: string }> }>();
    expect(d.status).toBe('paid');
    expect(d.events.map((e) => e.to)).toEqual(['in_review', 'approved', 'in_batch', 'paid']);
    expect((await detail(a, claims.customOfA)).statusCode).toBe(200);
    expect((await detail(a, claims.ofB)).statusCode).toBe(404);
    expect((await detail(a, claims.notA)).statusCode).toBe(404);
    expect((await detail(b, claims.paidToA)).statusCode).toBe(404);
    expect((await detail(a, randomUUID())).statusCode).toBe(404);
    expect((await detail(a, 'not-a-claim')).statusCode).toBe(400);
  });

  it('is the enterprise’s alone: officers and workers are refused (403); the officers’ claim screens stay closed to it', async () => {
    for (const as of ['worker', 'provider', 'district_admin'] as const)
      expect((await t.call('GET', '/api/v1/subsidy/enterprise-claims', { as })).statusCode).toBe(403);
    const h = { headers: { authorization: `Bearer ${a.token}` } };
    expect((await t.call('GET', '/api/v1/subsidy/claims', h)).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/subsidy/claims/${claims.paidToA}`, h)).statusCode).toBe(403);
  });

  it('the officers’ list is unchanged by the enterprise scope: a district admin still sees every claim of its district', async () => {
    const r = await t.call('GET', '/api/v1/subsidy/claims?limit=50', { as: 'district_admin' });
    expect(r.statusCode).toBe(200);
    const ids = r.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id);
    for (const id of Object.values(claims)) expect(ids).toContain(id);
  });
});
