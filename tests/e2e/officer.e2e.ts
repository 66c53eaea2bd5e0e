/**
 * The officers' decision screens (issue 15, items 15–17) in a real browser, on a server of its own: the demo
 * world plus claims added through the services (tests/e2e/officer-world.ts, run while the server is stopped).
 *  15. finance makes a batch; the checker sees every payment (payee masked, masked account, bank, programme,
 *      amount) and the maker and checker by name, then approves.
 *  16. the district officer opens a claim that fails a rule: nothing is preselected, the rules read in Chinese,
 *      approving asks a reason and a second confirmation.
 *  17. lists: search, filters and 导出 Excel of what the filters show (batches, claims, persons, vouchers, audit log); the
 *      audit log shows actions in words and actors by name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_TOTP_SECRET, launch, newPage, shot, signIn, type Session } from './helpers';
import { freePort, startServer, type Server } from './server';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
let dataDir: string;
let server: Server;
let s: Session;
let world: { payable: number; failing: string[] };
const step = (what: string) => process.stderr.write(`[officer ${new Date().toISOString().slice(11, 19)}] ${what}\n`);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sv-officer-'));
  const port = await freePort();
  server = await startServer(dataDir, port); // migrates and seeds the demo world
  await server.stop();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'tests', 'e2e', 'officer-world.ts')], {
    cwd: process.cwd(),
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`officer world failed:\n${r.stdout}\n${r.stderr}`);
  world = JSON.parse(r.stdout.trim().split('\n').pop()!) as typeof world;
  server = await startServer(dataDir, port);
  s = await launch();
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function staff(username: string, totp = false): Promise<Page> {
  const { page } = await newPage(s.browser, { baseURL: server.url });
  await signIn(page, username, totp ? { totpSecret: DEMO_TOTP_SECRET } : {});
  return page;
}

/** The downloaded workbook's first sheet as rows of cell texts (row 1: the headings). */
async function workbook(d: Download): Promise<string[][]> {
  const path = join(dataDir, d.suggestedFilename());
  await d.saveAs(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c.value === null || c.value === undefined ? '' : String(c.value)));
    out.push(cells);
  });
  return out;
}

async function exportNow(page: Page): Promise<string[][]> {
  const dl = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  return workbook(await dl);
}

describe('officers’ decision screens', () => {
  it('15: the checker sees each payment and the maker and checker by name before approving', async () => {
    step('maker');
    const maker = await staff('demo.finance', true);
    await maker.goto('/batches');
    await maker.getByTestId('batch-new').click();
    await maker.locator('.ant-modal-footer .ant-btn-primary').click();
    await maker.locator('.ant-drawer').getByText('您是制单人').waitFor();
    await expect.poll(async () => maker.getByTestId('batch-maker').textContent()).toContain('资金专员 (demo)');

    step('checker');
    const checker = await staff('demo.finance2', true);
    await checker.goto('/batches');
    await checker.locator('.ant-table-row').first().locator('a').first().click();
    const drawer = checker.locator('.ant-drawer');
    await drawer.getByTestId('batch-payments').locator('.ant-table-row').first().waitFor();
    const rows = drawer.getByTestId('batch-payments').locator('.ant-table-row');
    expect(await rows.count()).toBe(world.payable);
    const first = (await rows.first().innerText()).replace(/\s+/g, ' ');
    expect(first).toMatch(/学\*+\d/); // the payee's name, masked
    expect(first).toMatch(/6222 \*{4} \*{4} \d{4}/); // the account, masked
    expect(first).toContain('中国工商银行');
    expect(first).toContain('职业技能提升补贴');
    expect(first).toMatch(/¥[\d,]+\.\d{2}/);
    expect(await checker.getByTestId('batch-maker').textContent()).toContain('资金专员 (demo)');
    const text = await drawer.innerText();
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/6222\d{8,}/);
    await shot(checker, 'officer-15-batch-check');
    await checker.getByTestId('batch-approve').click();
    await checker.locator('.ant-popconfirm').getByText(`共 ${world.payable} 笔`).waitFor();
    await checker.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(async () => checker.getByTestId('batch-checker').textContent()).toContain('资金复核员 (demo)');
    await shot(checker, 'officer-15-batch-approved');

    step('batches list: filter and export');
    await checker.goto('/batches');
    await checker.locator('.ant-table-row').first().waitFor();
    const list = await apiCall<{ total: number; items: Array<{ number: string }> }>(checker, 'GET', '/api/v1/subsidy/batches?status=approved');
    await checker.getByTestId('list-search').fill(list.body.items[0]!.number);
    await checker.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(async () => checker.locator('.ant-table-row').count()).toBe(1);
    const x = await exportNow(checker);
    expect(x[0]).toEqual(expect.arrayContaining(['批次号', '制单人', '复核人']));
    expect(x.slice(1).map((r) => r[0])).toEqual([list.body.items[0]!.number]);
    expect(x[1]).toEqual(expect.arrayContaining(['资金专员 (demo)', '资金复核员 (demo)']));
  });

  it('16: a claim that fails a rule: nothing preselected, rules in Chinese, a reason and a second confirmation', async () => {
    const officer = await staff('demo.pudong');
    await officer.goto('/claims');
    const number = world.failing[0]!;
    await officer.getByTestId('list-search').fill(number);
    await officer.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(async () => officer.locator('.ant-table-row').count()).toBe(1);
    await officer.locator('.ant-table-row').first().getByText(number).click();
    const drawer = officer.locator('.ant-drawer');
    await drawer.getByTestId('claim-failed-alert').waitFor();
    expect(await drawer.getByTestId('claim-failed-alert').textContent()).toContain('出勤率达标');
    // nothing preselected
    expect(await drawer.getByTestId('claim-decision').locator('input[type=radio]:checked').count()).toBe(0);
    const rules = await drawer.getByTestId('claim-rules').innerText();
    expect(rules).toContain('未通过');
    expect(rules).not.toMatch(/[A-Z]{3,}_[A-Z]+|attendance|subsidy voucher/i);
    expect(await drawer.innerText()).not.toMatch(UUID);
    await shot(officer, 'officer-16-claim-review');

    // submitting without a decision is refused by the form
    await officer.locator('#claim-opinion').fill('考勤记录经现场核实');
    await officer.getByTestId('claim-decide').click();
    await drawer.getByText('请选择审核结论').waitFor();
    await drawer.getByTestId('claim-decision').getByText('核准').click();
    await officer.locator('#claim-override').waitFor();
    await officer.getByTestId('claim-decide').click();
    await drawer.locator('#claim-override').locator('xpath=ancestor::div[contains(@class,"ant-form-item")]').locator('.ant-form-item-explain-error').waitFor();
    await officer.locator('#claim-override').fill('学员因病缺勤，已提供病假证明并补课');
    await officer.getByTestId('claim-decide').click();
    const confirm = officer.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('出勤率达标');
    await shot(officer, 'officer-16-claim-confirm');
    await officer.getByTestId('override-confirm').click();
    await expect.poll(async () => drawer.locator('[data-status]').first().getAttribute('data-status')).toBe('approved');
    await drawer.getByText('学员因病缺勤，已提供病假证明并补课').waitFor();
    await shot(officer, 'officer-16-claim-approved');
  });

  it('17: the district officer filters and exports claims, persons and the audit log (their district only)', async () => {
    const officer = await staff('demo.pudong');
    await officer.goto('/claims');
    await officer.locator('.ant-table-row').first().waitFor();
    const claims = await apiCall<{ total: number }>(officer, 'GET', '/api/v1/subsidy/claims?status=in_review');
    const x = await exportNow(officer); // the form starts on 待审核
    expect(x[0]).toEqual(expect.arrayContaining(['申请编号', '未通过的核验规则']));
    expect(x.slice(1)).toHaveLength(claims.body.total);
    expect(x.slice(1).map((r) => r[0])).not.toContain(world.failing[2]); // Xuhui's claim
    expect(x.flat().join('|')).not.toMatch(/6222\d{8,}/);
    await shot(officer, 'officer-17-claims');

    await officer.goto('/persons');
    await officer.locator('.ant-table-row').first().waitFor();
    const persons = await apiCall<{ total: number }>(officer, 'GET', '/api/v1/persons');
    const p = await exportNow(officer);
    expect(p.slice(1)).toHaveLength(persons.body.total);
    expect(p.slice(1).every((r) => r.includes('浦东新区'))).toBe(true);
    expect(p.flat().join('|')).not.toMatch(/\d{17}[\dX]/);

    await officer.goto('/vouchers/list');
    await officer.locator('.ant-table-row').first().waitFor();
    const vouchers = await apiCall<{ total: number }>(officer, 'GET', '/api/v1/vouchers');
    const v = await exportNow(officer);
    expect(v[0]).toEqual(expect.arrayContaining(['券号', '持券人', '状态']));
    expect(v.slice(1)).toHaveLength(vouchers.body.total);
    expect(v.slice(1).every((r) => r.includes('浦东新区'))).toBe(true);
    expect(await officer.locator('.ant-table-tbody').innerText()).not.toMatch(UUID);
    await shot(officer, 'officer-17-vouchers');

    await officer.goto('/audit');
    await officer.getByTestId('audit-action').first().waitFor();
    const body = await officer.locator('.ant-table-tbody').innerText();
    expect(body).toContain('核准补贴申请');
    expect(body).toContain('浦东新区人社局 (demo)');
    expect(body).not.toMatch(/\bclaim\.approve\b|\bdistrict_admin\b/);
    expect(body).not.toMatch(UUID); // objects by their numbers; ids only in the expanded row
    await shot(officer, 'officer-17-audit-log');
    const a = await exportNow(officer);
    expect(a[0]).toEqual(expect.arrayContaining(['时间', '操作人', '操作']));
    expect(a.slice(1).every((r) => r[7] === '310115')).toBe(true);
    expect(a.slice(1).some((r) => r[4] === '核准补贴申请' && r[2] === '浦东新区人社局 (demo)')).toBe(true);
  });
});
