/**
 * Issue 20 §4 (我能领吗？补多少？) in Chromium on a phone: demo.worker1 (no voucher yet) finds the demo course, taps
 * 我能领吗？ on its card and reads the answer — eligible, the subsidy, what they pay, the subsidies left this year, the
 * validity of a voucher applied for today — the same figures the API decides; then from the apply page checks an
 * occupation and level with no course. demo.worker7, who trains on that course with a voucher, sees their own
 * voucher's validity. No English, raw code or id on the zh-CN screens. (The service rating 好差评 needs a paid
 * claim, which the demo world does not hold: it is covered by the API tests, src/modules/ratings/ratings.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';
import { freePort, startServer, type Server } from './server';

let s: Session;
// A server of its own: demo.worker1 holds no voucher here whatever the other stories did to theirs (worker.e2e.ts and
// messages.e2e.ts apply for that worker on the shared server).
let server: Server;
beforeAll(async () => {
  server = await startServer(mkdtempSync(join(tmpdir(), 'sv-precheck-')), await freePort());
  s = await launch();
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

const worker = (n: number) => {
  const m = new RegExp(`worker\\s+demo\\.worker${n}\\s+e-SSC simulator: ID (\\d{17}[\\dX]) \\(([^)]+)\\)`).exec(server.log());
  if (!m) throw new Error(`demo.worker${n} is not in the server log`);
  return { username: `demo.worker${n}`, idNumber: m[1]!, name: m[2]! };
};
const yuan = (f: number): string => `¥${Math.floor(f / 100).toLocaleString('en-US')}.${String(f % 100).padStart(2, '0')}`;
/** What a zh-CN screen must not show: English rule codes, field names, UUIDs. */
const RAW = /[A-Z]{2,}_[A-Z_]+|[0-9a-f]{8}-[0-9a-f]{4}-|courseId|occupationCode|subsidyFen/;

interface Answer {
  eligible: boolean;
  subsidyFen: number;
  selfPaidFen: number | null;
  remainingThisYear: number;
  maxThisYear: number;
  voucher: { held: boolean; number: string | null; validUntil: string };
}

describe('我能领吗？补多少？', () => {
  it('a worker without a voucher pre-checks a course from its card and sees the amount', async () => {
    const { page, errors } = await newPage(s.browser, { mobile: true, baseURL: server.url });
    await signInWorker(page, worker(1));
    await page.goto('/courses');
    const card = page.getByTestId('course-card').filter({ hasText: '第三期' }).first();
    await card.waitFor();
    await card.getByTestId('course-precheck').click();
    const answer = page.getByTestId('precheck-answer');
    await answer.waitFor();
    expect(page.url()).toMatch(/\/precheck\?courseId=/);
    const courseId = new URL(page.url()).searchParams.get('courseId')!;
    const api = await apiCall<{ answers: Answer[] }>(page, 'GET', `/api/v1/precheck?courseId=${courseId}`);
    expect(api.status).toBe(200);
    const a = api.body.answers[0]!;
    expect(a.eligible).toBe(true);
    expect(await answer.getByTestId('precheck-verdict').innerText()).toBe('符合补贴条件');
    expect(await answer.getByTestId('precheck-subsidy').innerText()).toBe(yuan(a.subsidyFen));
    expect(await answer.getByTestId('precheck-self-paid').innerText()).toBe(yuan(a.selfPaidFen!));
    expect(await answer.getByTestId('precheck-remaining').innerText()).toContain(`${a.remainingThisYear} 次`);
    expect(await answer.getByTestId('precheck-validity').innerText()).toContain('今天申领');
    expect(a.subsidyFen).toBeGreaterThan(0);
    await shot(page, 'precheck-course');
    const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(body).not.toMatch(RAW);

    // 去申领 carries what was just checked to the form — the course's occupation, its level (四级), the programme —
    // so the voucher applied for is the one whose subsidy was shown (the form used to open blank on 五级)
    await page.getByTestId('precheck-apply').click();
    await page.getByTestId('page-/apply').waitFor();
    const form = page.locator('form');
    await form.getByText('养老护理员 4-10-01-05').waitFor();
    expect(await form.innerText()).toContain('四级/中级工');
    expect(await form.innerText()).toContain('职业技能提升补贴');
    await shot(page, 'precheck-apply-carried');
    await form.locator('button[type=submit]').click();
    await page.getByTestId('apply-reason').waitFor();
    const held = await apiCall<{ items: Array<{ occupationCode: string; level: number }> }>(page, 'GET', '/api/v1/vouchers/mine');
    expect(held.body.items).toHaveLength(1);
    expect(held.body.items[0]).toMatchObject({ occupationCode: '4-10-01-05', level: 4 });
    expect(errors).toEqual([]);
  });

  it('from the apply page: an occupation and level without a course (the self-paid part waits for a course)', async () => {
    const { page, errors } = await newPage(s.browser, { mobile: true, baseURL: server.url });
    await signInWorker(page, worker(2));
    await page.goto('/apply');
    await page.getByTestId('precheck-entry').waitFor();
    await shot(page, 'precheck-apply-entry');
    await page.getByTestId('precheck-open').click();
    await page.locator('#precheck-occupation').click();
    await page.locator('#precheck-occupation').fill('养老护理');
    await page.locator('.ant-select-item-option', { hasText: '养老护理员' }).first().click();
    await page.getByTestId('precheck-submit').click();
    const answer = page.getByTestId('precheck-answer');
    await answer.waitFor();
    expect(await answer.innerText()).toContain('选定课程后可算出自付金额');
    expect(await answer.getByTestId('precheck-subsidy').innerText()).toMatch(/^¥[\d,]+\.\d{2}$/);
    await shot(page, 'precheck-occupation');
    const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(body).not.toMatch(RAW);
    expect(errors).toEqual([]);
  });

  it('a trainee holding a fitting voucher sees that voucher’s validity', async () => {
    const { page, errors } = await newPage(s.browser, { mobile: true, baseURL: server.url });
    await signInWorker(page, worker(4));
    await page.goto('/courses');
    const card = page.getByTestId('course-card').filter({ hasText: '第三期' }).first();
    await card.waitFor();
    await card.getByTestId('course-precheck').click();
    const answer = page.getByTestId('precheck-answer');
    await answer.waitFor();
    const courseId = new URL(page.url()).searchParams.get('courseId')!;
    const a = (await apiCall<{ answers: Answer[] }>(page, 'GET', `/api/v1/precheck?courseId=${courseId}`)).body.answers[0]!;
    expect(a.voucher.held).toBe(true);
    expect(await answer.getByTestId('precheck-validity').innerText()).toContain(a.voucher.number!);
    await shot(page, 'precheck-held-voucher');
    expect((await page.locator('body').innerText()).replace(/\s+/g, ' ')).not.toMatch(RAW);
    expect(errors).toEqual([]);
  });

  it('the district officer reads the 好差评 statistics page: every kind of service, in Chinese', async () => {
    const { page, errors } = await newPage(s.browser, { baseURL: server.url });
    await signIn(page, 'demo.pudong');
    await page.goto('/service-ratings');
    const table = page.getByTestId('service-rating-stats');
    await table.waitFor();
    const text = (await table.innerText()).replace(/\s+/g, ' ');
    for (const kind of ['补贴发放', '工伤康复', '申诉']) expect(text).toContain(kind);
    await shot(page, 'precheck-rating-stats');
    expect((await page.locator('body').innerText()).replace(/\s+/g, ' ')).not.toMatch(RAW);
    expect(errors).toEqual([]);
  });
});
