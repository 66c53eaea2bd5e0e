/**
 * Issue 20 part 2 in Chromium, on the shared demo server: demo.assessor records a pass for demo.worker8 (the demo
 * world's ended class, every session attended); the claim is approved (automatically, or by the city admin when a
 * rule sent it to review). On the phone (390×844) the worker sees on 结果与补贴 and on the voucher's page the steps
 * 申领 → … → 到账 with the notice's last day and the payment date marked 预计 with what they rest on — the dates
 * the subsidy module's calendar rule gives for the claim's own notice (5 working days, holidays skipped, the first
 * working day after). The city admin sees the same steps in the claim's drawer. Screens: test-artefacts/timeline-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticePeriod, parseCalendarCsv } from '../../src/modules/subsidy/rules';
import { firstWorkingDayFrom } from '../../src/modules/timeline/rules';
import { addDays } from '../../src/lib/time';
import { apiCall, DEMO_TOTP_SECRET, demoWorkers, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const calendar = (() => {
  const c = parseCalendarCsv(readFileSync(join(process.cwd(), 'src/modules/subsidy/data/holidays-cn.csv'), 'utf8'));
  if (!c.ok) throw new Error('the shipped calendar does not parse');
  return c;
})();
const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/** "预计" (a tag) then the day and its weekday: 预计 2026-10-12 周一. */
const expectedOn = (d: string) => new RegExp(`预计\\s*${d} ${WEEKDAY[new Date(`${d}T00:00:00Z`).getUTCDay()]}`);

describe('a worker sees the timeline of an approved claim (issue 20 part 2)', () => {
  it('the expected payment date on the phone is the one the notice and batch rules give; the officer sees the same steps', async () => {
    // set-up through the API (not under test): the worker's voucher, the assessor's pass, an approved claim
    const worker = demoWorkers().find((w) => w.username === 'demo.worker8')!;
    expect(worker).toBeTruthy();
    const { page, errors, ctx } = await newPage(s.browser, { mobile: true });
    await signInWorker(page, worker);
    const mine = await apiCall<{ items: Array<{ id: string; number: string; status: string; kind: string }> }>(page, 'GET', '/api/v1/vouchers/mine');
    const voucher = mine.body.items.find((v) => v.kind === 'subsidy' && ['in_training', 'assessed', 'approved'].includes(v.status))!;
    expect(voucher).toBeTruthy();
    const officer = await newPage(s.browser);
    await signIn(officer.page, 'demo.city', { totpSecret: DEMO_TOTP_SECRET });
    if (voucher.status === 'in_training') {
      const a = await newPage(s.browser);
      await signIn(a.page, 'demo.assessor');
      const recorded = await apiCall<{ claimId: string }>(a.page, 'POST', '/api/v1/assessment/results', {
        voucherNumber: voucher.number,
        passed: true,
        score: 91,
        certificateNumber: 'ZS-TIMELINE-E2E-0001',
        certificateType: 'skill_level',
        assessedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
      });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
      await a.ctx.close();
    }
    const claims = await apiCall<{ items: Array<{ id: string; voucherId: string; status: string }> }>(page, 'GET', '/api/v1/subsidy/claims');
    const claimId = claims.body.items.find((c) => c.voucherId === voucher.id)!.id;
    if (claims.body.items.find((c) => c.id === claimId)!.status === 'in_review') {
      const d = await apiCall(officer.page, 'POST', `/api/v1/subsidy/claims/${claimId}/decision`, {
        decision: 'approve',
        opinion: '材料齐全，同意',
        overrideReason: '经人工核实',
      });
      expect(d.status, JSON.stringify(d.body)).toBe(200);
    }
    const claim = await apiCall<{ status: string; notice: { publishedAt: string; lastDay: string } }>(officer.page, 'GET', `/api/v1/subsidy/claims/${claimId}`);
    expect(claim.body.status).toBe('approved');
    // the rules, computed here from the claim's own publication instant and the shipped holiday calendar
    const notice = noticePeriod(new Date(claim.body.notice.publishedAt), 5, calendar.days, new Set(calendar.years));
    expect(notice.lastDay).toBe(claim.body.notice.lastDay);
    const payDay = firstWorkingDayFrom(addDays(notice.lastDay, 1), calendar.days);

    // 结果与补贴 on the phone: the subsidy card's steps, expected dates marked 预计
    await page.getByTestId('tab-/results').click();
    const card = page.getByTestId('subsidy-card').first();
    await card.getByTestId('progress-claim').waitFor();
    const paid = card.getByTestId('tl-step-paid');
    await paid.waitFor();
    expect(await paid.getAttribute('data-state')).toBe('expected');
    const cardText = await card.innerText();
    expect(cardText).toContain('申领');
    expect(cardText).toContain('公示');
    expect(cardText).toContain('到账');
    expect(cardText).toMatch(expectedOn(notice.lastDay));
    expect(cardText).toMatch(expectedOn(payDay));
    expect(cardText).toContain('公示 5 个工作日，遇节假日顺延');
    expect(cardText).toContain('公示期满后的第一个工作日起纳入拨付批次');
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(UUID);
    expect(body).not.toMatch(/batch_after_notice|notice_working_days|undefined|null|\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'timeline-worker-results');

    // the voucher's page: the same steps
    await page.goto(`/vouchers/${voucher.id}`);
    await page.getByTestId('voucher-progress').getByTestId('progress-voucher').waitFor();
    const vText = await page.getByTestId('voucher-progress').innerText();
    expect(vText).toContain('进度与预计时间');
    expect(vText).toMatch(expectedOn(payDay));
    expect(await page.getByTestId('voucher-progress').getByTestId('tl-step-assessed').getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId('voucher-progress').getByTestId('tl-step-notice').getAttribute('data-state')).toBe('current');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'timeline-worker-voucher');
    expect(errors).toEqual([]);
    await ctx.close();

    // the officer's claim drawer
    const o = officer.page;
    await o.goto('/claims?status=approved'); // the list opens on the claims in review
    const claimNumber = (await apiCall<{ number: string }>(o, 'GET', `/api/v1/subsidy/claims/${claimId}`)).body.number;
    await o.getByTestId('list-search').fill(claimNumber);
    await o.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(async () => o.locator('.ant-table-row').count()).toBe(1);
    await o.locator('.ant-table-row').first().getByText(claimNumber).click();
    const drawer = o.getByTestId('claim-progress');
    await drawer.getByTestId('progress-claim').waitFor();
    const dText = await drawer.innerText();
    expect(dText).toMatch(expectedOn(payDay));
    expect(dText).not.toMatch(UUID);
    await drawer.scrollIntoViewIfNeeded();
    await o.waitForTimeout(300);
    await o.screenshot({ path: join(process.cwd(), 'test-artefacts', 'timeline-officer-claim.png') });
    expect(officer.errors).toEqual([]);
    await officer.ctx.close();
  });
});
