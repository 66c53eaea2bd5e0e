/**
 * 补贴到账 in a real browser, on a server of its own: the demo world plus the claims that concern the demo enterprises
 * (tests/e2e/enterprise-world.ts, run while the server is stopped). demo.enterprise's HR clerk opens 补贴到账 from the
 * menu and sees the world's three claims — paid to it, or on its customised vouchers — beside the demo world's own
 * (src/demo/enterprise.ts: two paid to it, one in its notice), with the employee masked, the state in words, the paid
 * day and the sums paid at the top; not its employee's claim on another voucher, not the other enterprise's. The
 * screen shows no English, no UUID, no raw state code.
 *
 * 定制发放: the clerk opens the demo batch and reads what it issues (the occupation and level by name, the validity)
 * and its 发放名单 — each employee masked with the masked ID, the voucher's state in words, the counts per state;
 * choosing a list file asks before issuing (cancelled here: nothing is uploaded). 账号安全 offers the second factor
 * as optional to an enterprise (it is not among the roles that must use it).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('定制发放 (enterprise)', () => {
  it('the batch shows its terms by name and who got a voucher, masked, with the state in words; a list upload asks first', async () => {
    const { page, errors, ctx } = await newPage(s.browser, { baseURL: server.url });
    await signIn(page, 'demo.enterprise');
    await page.getByRole('menuitem', { name: '定制发放' }).click();
    await page.getByText('车工(四级) 员工技能提升定制培训券 (demo)').click();
    const drawer = page.locator('.ant-drawer-content');
    const list = page.getByTestId('issuance-vouchers');
    await expect.poll(() => list.locator('tbody tr.ant-table-row').count()).toBe(3);
    // the terms: by name, never the bare occupation code; no 匹配人数 on a list-based batch
    const terms = await page.getByTestId('issuance-terms').innerText();
    expect(terms).toContain('企业职工职业培训');
    expect(terms).toContain('车工');
    expect(terms).toContain('四级/中级工');
    expect(terms).toMatch(/自发放之日起 \d+ 个月/);
    expect(terms).not.toMatch(/\d-\d{2}-\d{2}-\d{2}/);
    expect(await drawer.innerText()).not.toContain('匹配人数');
    // 发放名单: masked names and IDs, the states in words and per state
    const text = await list.innerText();
    expect(text).toContain('发放名单（3 人）');
    for (const masked of ['王*强', '张*萍', '赵*杰']) expect(text).toContain(masked);
    for (const full of ['王志强', '张丽萍', '赵俊杰', '31011519880312341']) expect(text).not.toContain(full);
    expect(text).toMatch(/310\*{11}[\dX]{4}/);
    expect(text).toContain('已核销 2 张');
    expect(text).toContain('已核准 1 张');
    expect(await list.locator('tbody tr', { hasText: '赵*杰' }).innerText()).toMatch(
      /SV\d{19}[\s\S]*车工 · 四级\/中级工[\s\S]*已核销[\s\S]*\d{4}-\d{2}-\d{2} 发放[\s\S]*有效期至 \d{4}-\d{2}-\d{2}/,
    );
    await cleanZh(page, '定制发放 · 发放名单', { allowed: ['English', 'demo', 'Excel'], raw: /\b(issued|settled|approved|custom)\b/ });
    await shot(page, 'enterprise-custom-issuance-list');
    // choosing a file asks before issuing; cancelled, nothing is uploaded
    const file = join(tmpdir(), 'sv-enterprise-list.csv');
    writeFileSync(file, 'name,idNumber,districtCode,categories\n');
    await drawer.locator('input[type=file]').setInputFiles(file);
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.innerText()).toContain('发放后不能撤回');
    expect(await confirm.innerText()).toContain('sv-enterprise-list.csv');
    await shot(page, 'enterprise-custom-issuance-confirm');
    await confirm.getByRole('button', { name: /取\s*消/ }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await page.getByTestId('custom-report').count()).toBe(0);
    expect(await list.innerText()).toContain('发放名单（3 人）');
    rmSync(file, { force: true });
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    // 账号安全: the second factor is optional for an enterprise, and the page does not claim otherwise
    await page.getByRole('menuitem', { name: '账号安全' }).click();
    const enrol = page.locator('.ant-card', { hasText: '绑定身份验证器' });
    await expect.poll(() => enrol.innerText()).toContain('可选');
    expect(await enrol.innerText()).not.toContain('必须使用双因素认证');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
