/**
 * Issue 17's screens in a real browser on the shared demo server: the statistics centre shows the analytics API's
 * figures unchanged and its exports download and open with exceljs; each staff role's workbench (home page) shows
 * the counts the workbench API answers, and a to-do's link leads to the page that lists the work.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_TOTP_SECRET, launch, newPage, shot, signIn, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

interface Workbench {
  role: string;
  todos: Array<{ kind: string; count: number; link: string }>;
  total: number;
}
interface Summary {
  scope: { label: string };
  metrics: Record<string, number | null>;
}
interface Funnel {
  stages: Array<{ stage: string; count: number; rateFromPrevious: number | null }>;
}

const TOTP_ROLES = new Set(['demo.city', 'demo.finance', 'demo.finance2']);
const signInAs = async (page: Parameters<typeof signIn>[0], username: string) =>
  signIn(page, username, TOTP_ROLES.has(username) ? { totpSecret: DEMO_TOTP_SECRET } : {});

/** Chinese screens show no English words, raw codes or UUIDs. */
async function noRawText(page: Parameters<typeof signIn>[0], root: string): Promise<void> {
  const text = (await page.getByTestId(root).innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
  expect(text).not.toMatch(/\b[A-Z][A-Z_]{4,}\b/);
  expect(text).not.toMatch(/\b(undefined|null|NaN|stats\.|workbench\.|analytics\.)\b/);
}

describe('the statistics centre', () => {
  it('the city admin sees the API’s figures; an export downloads and opens with exceljs', async () => {
    const { ctx, page, errors } = await newPage(s.browser);
    await signInAs(page, 'demo.city');
    const summary = (await apiCall<Summary>(page, 'GET', '/api/v1/analytics/summary')).body;
    const funnel = (await apiCall<Funnel>(page, 'GET', '/api/v1/analytics/funnel')).body;
    await page.goto('/stats');
    await page.getByTestId('stats-centre').waitFor();
    await expect.poll(async () => page.getByTestId('stats-progress').count(), { timeout: 60_000 }).toBe(0);
    for (const k of ['issued', 'applied', 'registered', 'admitted', 'assessed', 'passed', 'settled', 'expired']) {
      expect(await page.getByTestId(`stat-${k}`).getAttribute('data-value'), k).toBe(String(summary.metrics[k]));
    }
    for (const st of funnel.stages) {
      expect(Number((await page.getByTestId(`funnel-${st.stage}`).innerText()).replace(/,/g, '')), st.stage).toBe(st.count);
    }
    // no stage converts above 100 % (admissions at the desk outnumber registrations: 录取 has no rate from 报名)
    expect(funnel.stages.every((st) => st.rateFromPrevious === null || st.rateFromPrevious <= 1)).toBe(true);
    const shownRates = [...(await page.getByTestId('funnel-table').innerText()).matchAll(/([\d.]+)%/g)].map((m) => Number(m[1]));
    expect(shownRates.length).toBeGreaterThan(0);
    expect(shownRates.filter((r) => r > 100)).toEqual([]);
    await page.getByTestId('funnel-note').waitFor();
    expect(await page.getByTestId('stats-scope').innerText()).toContain(summary.scope.label);
    await page.getByTestId('district-map').locator('canvas').first().waitFor();
    await shot(page, 'stats-centre-city');
    await noRawText(page, 'stats-centre');

    const dir = mkdtempSync(join(tmpdir(), 'sv-stats-'));
    const dl = page.waitForEvent('download');
    await page.getByTestId('export-league-xlsx').click();
    const file = join(dir, (await dl).suggestedFilename());
    await (await dl).saveAs(file);
    expect(file).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const top = [1, 2, 3, 4].map((r) => (ws.getRow(r).values as unknown[]).filter(Boolean).join(' ')).join('\n');
    expect(top).toContain(summary.scope.label);
    expect(ws.rowCount).toBeGreaterThanOrEqual(4);

    const csv = page.waitForEvent('download');
    await page.getByTestId('export-funnel-csv').click();
    expect((await csv).suggestedFilename()).toMatch(/\.csv$/);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('a district admin sees its district’s figures; the drill-down goes city → district → provider', async () => {
    const { ctx, page, errors } = await newPage(s.browser);
    await signInAs(page, 'demo.pudong');
    const summary = (await apiCall<Summary>(page, 'GET', '/api/v1/analytics/summary')).body;
    await page.goto('/stats');
    await expect.poll(async () => page.getByTestId('stats-progress').count(), { timeout: 60_000 }).toBe(0);
    expect(await page.getByTestId('stat-issued').getAttribute('data-value')).toBe(String(summary.metrics.issued));
    expect(await page.getByTestId('filter-district').count()).toBe(0);
    const firstRow = page.getByTestId('drill-table').locator('.ant-table-row a').first();
    if (await firstRow.count()) {
      await firstRow.click();
      await expect.poll(async () => (await page.getByTestId('drill-path').innerText()).split('/').length).toBeGreaterThan(1);
    }
    await shot(page, 'stats-centre-district');
    await noRawText(page, 'stats-centre');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('an enterprise’s 出勤率 is its employees’ check-ins over the sessions they had to attend; without a session held it reads — with a note', async () => {
    const { ctx, page, errors } = await newPage(s.browser);
    await signInAs(page, 'demo.enterprise');
    const m = (await apiCall<Summary>(page, 'GET', '/api/v1/analytics/summary')).body.metrics;
    // the demo's 定制班: three employees at 100 %, 90 %, 100 % of its ten sessions
    expect(m.attendedEnough).toBeGreaterThan(0);
    expect(m.attendanceRate).toBeCloseTo(Number(m.checkInsCounted) / Number(m.expectedCheckIns), 4);
    expect(m.attendanceRate!).toBeGreaterThan(0.9);
    await page.getByTestId('kpi-attendanceRate').waitFor();
    expect(await page.getByTestId('kpi-attendanceRate').innerText()).toContain(`${(m.attendanceRate! * 100).toFixed(1)}%`);
    await page.goto('/stats');
    await expect.poll(async () => page.getByTestId('stats-progress').count(), { timeout: 60_000 }).toBe(0);
    expect(await page.getByTestId('stat-attendanceRate').getAttribute('data-value')).toBe(String(m.attendanceRate));
    await shot(page, 'stats-centre-enterprise');
    expect(errors).toEqual([]);
    await ctx.close();

    const other = await newPage(s.browser);
    await signInAs(other.page, 'demo.enterprise2');
    expect((await apiCall<Summary>(other.page, 'GET', '/api/v1/analytics/summary')).body.metrics.attendanceRate).toBeNull();
    await other.page.getByTestId('kpi-attendanceRate-note').waitFor();
    expect(await other.page.getByTestId('kpi-attendanceRate').innerText()).toMatch(/—[\s\S]*尚无已结束的课次/);
    expect(await other.page.getByTestId('kpi-attendanceRate').innerText()).not.toContain('0.0%');
    expect(other.errors).toEqual([]);
    await other.ctx.close();
  });
});

const STAFF = [
  'demo.city',
  'demo.pudong',
  'demo.xuhui',
  'demo.finance',
  'demo.auditor',
  'demo.provider',
  'demo.enterprise',
  'demo.assessor',
  'demo.committee',
  'demo.hospital1',
];

describe('the workbench of each staff role', () => {
  for (const username of STAFF) {
    it(`${username}: the counts on the home equal the API’s; a to-do leads to its page`, async () => {
      const { ctx, page, errors } = await newPage(s.browser);
      await signInAs(page, username);
      const w = (await apiCall<Workbench>(page, 'GET', '/api/v1/workbench')).body;
      await page.goto('/');
      await page.getByTestId('workbench-todos').waitFor();
      if (w.todos.length === 0) {
        await page.getByTestId('workbench-empty').waitFor();
      } else {
        await page.getByTestId(`todo-${w.todos[0]!.kind}`).waitFor();
        for (const x of w.todos) {
          const badge = page.getByTestId(`todo-count-${x.kind}`);
          await expect.poll(async () => Number((await badge.innerText()).replace(/\D/g, '') || '0'), { message: x.kind }).toBe(x.count);
        }
      }
      await shot(page, `workbench-${username.replace('demo.', '')}`);
      await noRawText(page, 'workbench-todos');
      if (w.todos.length) {
        const x = w.todos.find((t) => t.count > 0) ?? w.todos[0]!;
        await page.getByTestId(`todo-go-${x.kind}`).click();
        const [path, search] = x.link.split('?');
        await expect.poll(async () => new URL(page.url()).pathname).toBe(path);
        if (search) expect(new URL(page.url()).search).toBe(`?${search}`);
        // the page renders (not the not-found screen)
        await page.locator('.ant-pro-page-container, .ant-card, .ant-table').first().waitFor();
        await shot(page, `workbench-${username.replace('demo.', '')}-todo`);
      }
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});

describe('康复统计 (rehabilitation statistics)', () => {
  it('the committee sees the API’s figures and the seven designated hospitals’ beds, in words', async () => {
    const { ctx, page, errors } = await newPage(s.browser);
    await signInAs(page, 'demo.committee');
    const api = (await apiCall<{ applications: number; bedUse: Array<{ name: string; beds: number; occupied: number }> }>(page, 'GET', '/api/v1/rehab/stats'))
      .body;
    await page.goto('/');
    // the menu group may already be open (it remembers): open it only when its item is hidden
    const item = page.getByRole('menuitem', { name: '康复统计' });
    await page.getByTestId('workbench-todos').waitFor();
    if (!(await item.isVisible())) await page.getByRole('menuitem', { name: '工伤康复' }).click();
    await item.click();
    await page.getByTestId('rehab-stats-beds').waitFor();
    await expect.poll(async () => Number((await page.getByTestId('rehab-stats-applications').innerText()).replace(/\D/g, ''))).toBe(api.applications);
    const rows = page.getByTestId('rehab-stats-beds').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(api.bedUse.length);
    expect(api.bedUse).toHaveLength(7);
    for (const h of api.bedUse) await page.getByTestId('rehab-stats-beds').getByText(h.name, { exact: true }).waitFor();
    await shot(page, 'rehab-stats-committee');
    for (const id of ['rehab-stats-beds', 'rehab-stats-status', 'rehab-stats-decisions', 'rehab-stats-filters']) await noRawText(page, id);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
