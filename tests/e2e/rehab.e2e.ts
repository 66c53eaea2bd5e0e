/**
 * Issue 18's story in Chromium, on the demo world: the injured worker (demo.injured1, phone 390×844) sees the
 * eligibility and applies with two hospitals in order and a file → the committee reads the review (free beds,
 * condition, distance, the proposal) and places → the hospital admits and discharges recommending retraining →
 * the district officer issues the retraining voucher in one step → the worker sees the voucher and the classes
 * near home. Every zh-CN screen is read for English words, UUIDs and ISO timestamps, and photographed
 * (test-artefacts/rehab-*.png).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { smallTargets } from './axe';
import { apiCall, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';
import { freePort, startServer, type Server } from './server';

const HOSPITALS = ['岳阳中西医结合医院', '徐汇区中心医院', '第八人民医院', '上海市第一康复医院', '上海市养志康复医院', '上海中冶医院', '上海安达医院'];
const OCCUPATION = '4-10-01-05'; // 养老护理员
const ALLOWED_WORDS = new Set(['English', 'demo', 'Excel']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
// a 1×1 PNG: the server decides the type from these bytes
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let s: Session;
// A server of its own: the story expects demo.injured1 to have no case yet, and a11y.e2e.ts (or any story run before
// this one on the shared server) may already have applied for that worker.
let server: Server;
beforeAll(async () => {
  server = await startServer(mkdtempSync(join(tmpdir(), 'sv-rehab-')), await freePort());
  s = await launch();
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

/** The demo workers this server printed at start (e-SSC simulator identities). */
function demoWorkers(): Array<{ username: string; idNumber: string; name: string }> {
  const out: Array<{ username: string; idNumber: string; name: string }> = [];
  for (const m of server.log().matchAll(/worker\s+(\S+)\s+e-SSC simulator: ID (\d{17}[\dX]) \(([^)]+)\)/g)) {
    out.push({ username: m[1]!, idNumber: m[2]!, name: m[3]! });
  }
  return out;
}

async function cleanZh(page: Page, what: string): Promise<string> {
  await page.waitForTimeout(300);
  const text = await page.locator('body').innerText();
  const words = (text.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w));
  expect(words, `${what}: English words on a zh-CN screen`).toEqual([]);
  expect(text, `${what}: a UUID on screen`).not.toMatch(UUID);
  expect(text, `${what}: an ISO timestamp on screen`).not.toMatch(ISO);
  return text;
}

/** A phone screen: nothing wider than 390 px, every button a finger hits at least 44 × 44 px. */
async function phoneFits(page: Page, what: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what}: wider than the phone`).toBeLessThanOrEqual(390);
  expect(await smallTargets(page), `${what}: touch targets under 44 px`).toEqual([]);
}

/** Today in Shanghai, YYYY-MM-DD. */
const shanghaiToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function staff(username: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newPage(s.browser, { baseURL: server.url });
  await signIn(page, username);
  return { page, errors };
}

/** Picks the option of an antd Select (by its input id) whose label contains `text`. */
async function pick(page: Page, id: string, text: string, type?: string): Promise<void> {
  await page.locator(`#${id}`).click();
  if (type) await page.locator(`#${id}`).fill(type);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  await dropdownsClosed(page);
}

/** Waits until no antd Select dropdown is open or closing (a closing one still matches `:visible` while it animates). */
async function dropdownsClosed(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

describe('work-injury rehabilitation (issue 18), worker → committee → hospital → district → worker', () => {
  let caseId = '';
  let hospital = '';

  it('a worker who may not apply reads why, in Chinese, with the dates (phone)', async () => {
    for (const [username, code, words] of [
      ['demo.injured2', 'OUTSIDE_LEAVE_PERIOD', '停工留薪期'],
      ['demo.injured3', 'CONDITION_NOT_LISTED', '病种'],
    ] as const) {
      const who = demoWorkers().find((w) => w.username === username);
      expect(who, `${username} in the server log`).toBeTruthy();
      const { page, errors, ctx } = await newPage(s.browser, { mobile: true, baseURL: server.url });
      await signInWorker(page, who!);
      await page.getByTestId('tab-/rehab').click();
      await page.getByTestId('rehab-not-eligible').first().waitFor();
      const reason = page.locator(`[data-testid=rehab-reason][data-code=${code}]`);
      expect(await reason.innerText()).toContain(words);
      expect(await page.getByTestId('rehab-apply').count()).toBe(0);
      await cleanZh(page, `工伤康复 (${username})`);
      await phoneFits(page, `工伤康复 (${username})`);
      await shot(page, `rehab-0-${username.replace('demo.', '')}-not-eligible`);
      expect(errors).toEqual([]);
      await ctx.close();
    }
  });

  it('the worker sees the eligibility, applies with preferences and a file, and sees the timeline (phone)', async () => {
    const who = demoWorkers().find((w) => w.username === 'demo.injured1');
    expect(who, 'demo.injured1 in the server log').toBeTruthy();
    const { page, errors, ctx } = await newPage(s.browser, { mobile: true, baseURL: server.url });
    await signInWorker(page, who!);
    await page.getByTestId('tab-/rehab').click();
    await page.getByTestId('rehab-recognition').first().waitFor();
    await page.getByTestId('rehab-eligible').first().waitFor();
    // the recognition's own date, beside the injury and the leave period (the deadlines count from them)
    expect(await page.getByTestId('rehab-rec-decision-date').first().innerText()).toMatch(/^认定日期 \d{4}-\d{2}-\d{2}$/);
    await cleanZh(page, '工伤康复');
    await phoneFits(page, '工伤康复');
    await shot(page, 'rehab-1-worker-eligibility');

    await page.getByTestId('rehab-apply').first().click();
    await page.getByTestId('rehab-apply-form').waitFor();
    await page.locator('#rehab-summary').fill('右胫骨骨折内固定术后六周，膝关节活动受限，需住院功能康复训练。');
    await page.locator('#rehab-address').fill('浦东新区张杨路 100 弄 5 号');
    await pick(page, 'rehab-pref-0', '收治该病种');
    await page.locator('#rehab-pref-reason-0').fill('离家近，家属方便照护');
    await page.getByTestId('rehab-add-pref').click();
    await page.locator('#rehab-pref-1').click();
    // the second choice: another hospital that takes the condition (one dropdown open: the first has finished closing)
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await expect.poll(() => dropdown.count()).toBe(1);
    await dropdown.locator('.ant-select-item-option', { hasText: '收治该病种' }).nth(1).click();
    await dropdownsClosed(page);
    await page.locator('#rehab-pref-reason-1').fill('康复专科医院');
    await cleanZh(page, '申请住院康复');
    await phoneFits(page, '申请住院康复');
    await shot(page, 'rehab-2-worker-apply-form');
    await page.getByTestId('rehab-apply-submit').click();
    await page.getByTestId('rehab-view-case').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '诊断证明.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('.ant-message-success').waitFor();
    await shot(page, 'rehab-3-worker-submitted');
    await page.getByTestId('rehab-view-case').click();
    await page.getByTestId('rehab-timeline').waitFor();
    caseId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('rehab-event').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('rehab-attachment').count()).toBe(1);
    expect(await page.getByTestId('rehab-status').first().getAttribute('data-status')).toBe('submitted');
    await cleanZh(page, '康复案件');
    await phoneFits(page, '康复案件');
    await shot(page, 'rehab-4-worker-case');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('the committee reads the review and places; the decision number is shown', async () => {
    const { page, errors } = await staff('demo.committee');
    await page.goto('/rehab/cases');
    await page.getByTestId('rehab-case-link').first().waitFor();
    await cleanZh(page, '康复申请与住院');
    await page.goto(`/rehab/cases/${caseId}`);
    await page.getByTestId('rehab-review-hospitals').waitFor();
    await page.getByTestId('rehab-proposal').waitFor();
    const proposal = await page.getByTestId('rehab-proposal').innerText();
    expect(proposal).toContain('系统建议');
    expect(await page.locator('[data-testid=rehab-review-hospitals] tbody tr').count()).toBe(7);
    // what the committee decides on: the injury, when it was recognised, the leave period, each hospital's speciality and beds
    const recognition = await page.getByTestId('rehab-review-recognition').innerText();
    for (const label of ['诊断', '受伤日期', '认定日期', '认定类型', '停工留薪期']) expect(recognition).toContain(label);
    expect(await page.getByTestId('rehab-review-decision-date').innerText()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByTestId('rehab-hospital-speciality').count()).toBe(7);
    expect((await page.getByTestId('rehab-hospital-speciality').allInnerTexts()).every((x) => x.trim() !== '')).toBe(true);
    expect(await page.locator('[data-testid=rehab-review-hospitals] thead').innerText()).toContain('可收治病种');
    expect(await page.getByTestId('rehab-review').innerText()).toContain('按提交申请之日核验');
    await page.locator('#rehab-decide-reason').fill('骨折术后功能障碍，符合住院康复条件；按本人第一意向安排。');
    await cleanZh(page, '审核与决定');
    await shot(page, 'rehab-5-committee-review');
    await page.getByTestId('rehab-decide').click();
    await page.getByTestId('rehab-decided').waitFor();
    const decided = await page.getByTestId('rehab-decided').innerText();
    expect(decided).toMatch(/决定书编号 \S+/);
    await expect.poll(async () => page.getByTestId('rehab-status').first().getAttribute('data-status')).toBe('placed');
    const c = await apiCall<{ hospitalName: string }>(page, 'GET', `/api/v1/rehab/cases/${caseId}`);
    hospital = c.body.hospitalName;
    expect(HOSPITALS).toContain(hospital);
    await shot(page, 'rehab-6-committee-decided');
    expect(errors).toEqual([]);
  });

  it('the hospital admits, records progress and discharges recommending retraining', async () => {
    // another hospital's list is empty and says what will come and what to do
    const other = await staff(`demo.hospital${((HOSPITALS.indexOf(hospital) + 1) % HOSPITALS.length) + 1}`);
    await other.page.goto('/rehab/cases');
    await other.page.getByTestId('rehab-cases-empty').waitFor();
    expect(await other.page.getByTestId('rehab-cases-empty').innerText()).toContain('劳鉴委作出安排后在此显示');
    await cleanZh(other.page, '医院：空列表');
    await shot(other.page, 'rehab-7a-hospital-empty');
    await other.page.context().close();

    const { page, errors } = await staff(`demo.hospital${HOSPITALS.indexOf(hospital) + 1}`);
    await page.goto('/rehab/cases');
    await page.getByTestId('rehab-case-link').first().waitFor();
    // the hospital's own list does not repeat its own name in a 康复医院 column
    expect(await page.locator('.ant-table-thead').first().innerText()).not.toContain('康复医院');
    await page.goto(`/rehab/cases/${caseId}`);
    await page.getByTestId('rehab-admit').click();
    await expect.poll(async () => page.getByTestId('rehab-status').first().getAttribute('data-status')).toBe('admitted');
    // the ward sees since when the patient stays and the days so far (Shanghai's day)
    expect(await page.getByTestId('rehab-admitted-on').innerText()).toBe(shanghaiToday());
    expect(await page.getByTestId('rehab-stay-days').innerText()).toBe('第 1 天');
    await page.getByTestId('rehab-progress').click();
    await page.locator('#reason').fill('膝关节屈曲已达 110 度，步态改善。');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.locator('[data-testid=rehab-event][data-kind=progress]').count()).toBe(1);
    await pick(page, 'rehab-discharge-outcome', '建议转岗培训');
    await pick(page, 'rehab-discharge-occupation', OCCUPATION, '养老');
    await page.locator('#rehab-discharge-summary').fill('功能基本恢复，不宜再从事高处作业，建议转岗培训。');
    await cleanZh(page, '医院：住院康复');
    await shot(page, 'rehab-7-hospital-discharge');
    await page.getByTestId('rehab-discharge').click();
    await expect.poll(async () => page.getByTestId('rehab-status').first().getAttribute('data-status')).toBe('discharged');
    expect(errors).toEqual([]);
  });

  it('the district officer issues the retraining voucher in one step', async () => {
    const { page, errors } = await staff('demo.pudong');
    await page.goto(`/rehab/cases/${caseId}`);
    await page.getByTestId('rehab-voucher-panel').waitFor();
    await cleanZh(page, '发放转岗培训券');
    await shot(page, 'rehab-8-district-voucher');
    expect(await page.locator('[data-testid=rehab-voucher-panel] .ant-select-selection-item').first().innerText()).toBe('职业技能提升补贴');
    await page.getByTestId('rehab-issue-voucher').click();
    await page.getByTestId('rehab-voucher-number').or(page.locator('.ant-message-error')).first().waitFor();
    expect(
      await page.locator('.ant-message-error').count(),
      await page
        .locator('.ant-message-error')
        .allInnerTexts()
        .then((x) => x.join()),
    ).toBe(0);
    expect((await page.getByTestId('rehab-voucher-number').innerText()).trim()).not.toBe('');
    await shot(page, 'rehab-9-district-issued');
    expect(errors).toEqual([]);
  });

  it('the worker sees the voucher and the matching classes near home (phone)', async () => {
    const who = demoWorkers().find((w) => w.username === 'demo.injured1')!;
    const { page, errors, ctx } = await newPage(s.browser, { mobile: true, baseURL: server.url });
    await signInWorker(page, who);
    await page.goto(`/rehab/cases/${caseId}`);
    await page.getByTestId('rehab-voucher').waitFor();
    await expect.poll(() => page.locator('[data-testid=rehab-event][data-kind=voucher_issued]').count()).toBe(1);
    const text = await cleanZh(page, '转岗培训券');
    expect(text).toContain('已出院');
    await phoneFits(page, '转岗培训券');
    await shot(page, 'rehab-10-worker-voucher');
    await page.getByTestId('rehab-view-voucher').click();
    await page.getByTestId('show-qr').waitFor();
    await shot(page, 'rehab-11-worker-voucher-detail');
    await phoneFits(page, '培训券');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
