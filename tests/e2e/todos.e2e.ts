/**
 * A year without a budget (issue 15, item 7) on the admins' home, in a real browser on the shared demo server:
 * demo.assessor records a pass for demo.worker7 (the ended class, no level given: the class's) dated last
 * year, for which no budget exists; the claim waits in review with NO_BUDGET; the city admin sees a to-do on
 * the home naming year, district and programme, whose link opens the claims filtered by that reason; a
 * district admin of another district sees none (their own district's to-dos: src/modules/subsidy/no-budget.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_TOTP_SECRET, demoWorkers, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

const lastYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) - 1;

describe('a year without a budget on the admins’ home', () => {
  it('the claim waits in review with NO_BUDGET; the to-do on the home links to the claims with that reason', async () => {
    // set-up through the API (not under test): the worker's voucher number, then the assessor's result
    const worker = demoWorkers().find((w) => w.username === 'demo.worker7')!;
    expect(worker).toBeTruthy();
    const w = await newPage(s.browser, { mobile: true });
    await signInWorker(w.page, worker);
    const mine = await apiCall<{ items: Array<{ number: string; status: string }> }>(w.page, 'GET', '/api/v1/vouchers/mine');
    const voucher = mine.body.items.find((v) => v.status === 'in_training')!;
    expect(voucher).toBeTruthy();
    await w.ctx.close();

    const a = await newPage(s.browser);
    await signIn(a.page, 'demo.assessor');
    const recorded = await apiCall<{ level: number; claimId: string; claimStatus: string }>(a.page, 'POST', '/api/v1/assessment/results', {
      voucherNumber: voucher.number,
      passed: true,
      score: 88,
      certificateNumber: 'ZS-TODO-E2E-0001',
      certificateType: 'skill_level',
      assessedOn: `${lastYear}-12-30`,
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ level: 4, claimStatus: 'in_review' });
    await a.ctx.close();

    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.city', { totpSecret: DEMO_TOTP_SECRET });
    const todo = page.getByTestId('home-todos');
    await todo.waitFor();
    const text = (await todo.textContent()) ?? '';
    expect(text).toContain('待办事项');
    expect(text).toContain(`${lastYear} 年`);
    expect(text).toContain('职业技能提升补贴');
    expect(text).toContain('尚未设置预算');
    expect(text).not.toMatch(/NO_BUDGET|[0-9a-f]{8}-[0-9a-f]{4}-|undefined|null/);
    await shot(page, 'city-home-todo-no-budget');
    await page.getByTestId('todo-no-budget').first().click();
    await page.getByTestId('claims-reason-filter').waitFor();
    expect(await page.getByTestId('claims-reason-filter').textContent()).toContain('该年度、区、项目未设置预算');
    await page.locator('.ant-table-row').first().waitFor();
    const rows = await page.locator('.ant-table-row').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('该年度、区、项目未设置预算');
    expect(page.url()).toContain('/claims?reason=NO_BUDGET');
    await shot(page, 'city-claims-no-budget');
    expect(errors).toEqual([]);
    await ctx.close();

    // a district admin of another district (the demo worker's voucher is of 长宁区, demo.pudong is 浦东新区) has no such to-do
    const d = await newPage(s.browser);
    const todos = d.page.waitForResponse((r) => r.url().includes('/api/v1/subsidy/todos'));
    await signIn(d.page, 'demo.pudong');
    expect(((await (await todos).json()) as { total: number }).total).toBe(0);
    await d.page.waitForTimeout(300);
    expect(await d.page.getByTestId('home-todos').count()).toBe(0);
    expect(d.errors).toEqual([]);
    await d.ctx.close();
  });
});
