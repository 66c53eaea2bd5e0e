/**
 * 补贴到账 in a real browser, on a server of its own: the demo world plus the claims that concern the demo enterprises
 * (tests/e2e/enterprise-world.ts, run while the server is stopped). demo.enterprise's HR clerk opens 补贴到账 from the
 * menu and sees the world's three claims — paid to it, or on its customised vouchers — beside the demo world's own
 * (src/demo/enterprise.ts: two paid to it, one in its notice), with the employee masked, the state in words, the paid
 * day and the sums paid at the top; not its employee's claim on another voucher, not the other enterprise's. The
 * screen shows no English, no UUID, no raw state code.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanZh, launch, newPage, shot, signIn, type Session } from './helpers';
import { startServerWithWorld, type Server } from './server';

type Claim = { number: string; amountFen: number; status: string };
let dataDir: string;
let server: Server;
let s: Session;
/** The world's claims, and `demo`: what demo.enterprise's list held before them (the demo world's claims, all paid to it). */
let world: Record<'paidToA' | 'customOfA' | 'payeeA' | 'notA' | 'ofB', Claim> & { demo: { count: number; paidFen: number } };

const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

beforeAll(async () => {
  ({ dataDir, server, world } = await startServerWithWorld<typeof world>('sv-enterprise-', 'enterprise-world.ts'));
  s = await launch();
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('补贴到账 (enterprise)', () => {
  it('demo.enterprise sees the claims paid to it or on its customised vouchers, the sum paid, in Chinese', async () => {
    expect(world.paidToA.status).toBe('paid');
    expect(world.demo).toEqual({ count: 3, paidFen: 224_000 });
    const rows = 3 + world.demo.count;
    const paidFen = world.paidToA.amountFen + world.demo.paidFen;
    const { page, errors, ctx } = await newPage(s.browser, { baseURL: server.url });
    await signIn(page, 'demo.enterprise');
    await page.getByRole('menuitem', { name: '补贴到账' }).click();
    const table = page.getByTestId('ent-claims');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(rows);
    const text = await table.innerText();
    for (const c of [world.paidToA, world.customOfA, world.payeeA]) expect(text).toContain(c.number);
    for (const c of [world.notA, world.ofB]) expect(text).not.toContain(c.number);
    // the states in words, the paid day, the payee and the customised voucher's tag
    const paidRow = table.locator('tbody tr', { hasText: world.paidToA.number });
    await expect.poll(() => paidRow.innerText()).toContain('已拨付');
    expect(await paidRow.innerText()).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await paidRow.innerText()).toContain('本企业');
    expect(await paidRow.innerText()).toContain('定制券');
    expect(await paidRow.innerText()).toContain(yuan(world.paidToA.amountFen));
    expect(await table.locator('tbody tr', { hasText: world.customOfA.number }).innerText()).toContain('待审核');
    expect(await table.locator('tbody tr', { hasText: world.customOfA.number }).innerText()).toContain('待确定');
    expect(await table.locator('tbody tr', { hasText: world.payeeA.number }).innerText()).toContain('已核准');
    // the employee masked: a surname and asterisks, never the full name
    expect(text).toMatch(/学\*+\d/);
    expect(text).not.toMatch(/学员\d{4}/);
    // the sums at the top
    const sums = await page.getByTestId('ent-claims-sums').innerText();
    expect(sums).toContain('已拨付合计');
    expect(sums.match(new RegExp(yuan(paidFen).replace(/[.$]/g, '\\$&'), 'g'))).toHaveLength(2);
    expect(sums).toContain(`${rows} 笔`);
    await cleanZh(page, '补贴到账', { raw: /\b(in_review|approved|paid|in_batch|failed|enterprise|person)\b/ });
    await shot(page, 'enterprise-subsidy-received');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
