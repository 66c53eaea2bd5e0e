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
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_TOTP_SECRET, launch, newPage, shot, signIn, type Session } from './helpers';
import { startServerWithWorld, type Server } from './server';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
let dataDir: string;
let server: Server;
let s: Session;
let world: { payable: number; failing: string[]; returned: { number: string; tail: string } };
const step = (what: string) => process.stderr.write(`[officer ${new Date().toISOString().slice(11, 19)}] ${what}\n`);

beforeAll(async () => {
  ({ dataDir, server, world } = await startServerWithWorld<typeof world>('sv-officer-', 'officer-world.ts'));
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
    // no draft batch yet (the demo world's one batch is reconciled): the empty list says how many approved claims
    // are ready and offers to make the batch
    await maker.goto('/batches?status=draft');
    expect(await maker.getByTestId('batches-ready').innerText()).toContain(`有 ${world.payable} 笔已核准、公示期满的补贴申请`);
    await maker.getByTestId('batches-empty-new').waitFor();
    const readyAmount = /合计 (¥[\d,]+\.\d{2})/.exec(await maker.getByTestId('batches-ready').innerText())![1]!;
    // before making it, the dialog says what the batch will take, and its button says what it does
    await maker.getByTestId('batch-new').click();
    const dialog = maker.locator('.ant-modal');
    const create = dialog.getByTestId('batch-create');
    await expect.poll(async () => dialog.getByTestId('batch-preview').innerText()).toContain(`将纳入 ${world.payable} 笔，合计 ${readyAmount}`);
    expect((await create.innerText()).replace(/\s/g, '')).toBe('生成批次');
    expect(await create.isEnabled()).toBe(true);
    await shot(maker, 'officer-15-batch-new');
    // a district none of whose claims is payable: said plainly, and nothing to make (read-only: the dialog is closed)
    await dialog.locator('#districtCode').click();
    await maker.locator('.ant-select-item-option', { hasText: '黄浦区' }).click();
    await expect.poll(async () => dialog.getByTestId('batch-preview').innerText()).toContain('没有可代发的补贴申请');
    expect(await create.isDisabled()).toBe(true);
    expect(await dialog.innerText()).not.toMatch(UUID);
    await shot(maker, 'officer-15-batch-new-none');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await maker.getByTestId('batch-new').click();
    await expect.poll(async () => maker.locator('.ant-modal').getByTestId('batch-preview').innerText()).toContain(`将纳入 ${world.payable} 笔`);
    await maker.locator('.ant-modal').getByTestId('batch-create').click();
    await maker.locator('.ant-drawer').getByText('您是制单人').waitFor();
    // the drawer says when the batch was made (Shanghai) and for which district (all: 全市)
    expect(await maker.getByTestId('batch-district').innerText()).toBe('全市');
    expect(await maker.getByTestId('batch-created-at').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await expect.poll(async () => maker.getByTestId('batch-maker').textContent()).toContain('资金专员 (demo)');
    // 作废批次 cannot be undone: it asks first, naming the batch, its count and total; keeping it changes nothing
    await maker.getByTestId('batch-cancel').click();
    const cancelAsk = await maker.locator('.ant-popconfirm').innerText();
    expect(cancelAsk).toMatch(new RegExp(`作废批次 B\\d+（共 ${world.payable} 笔，合计 ¥[\\d,]+\\.\\d{2}）`));
    expect(cancelAsk).toContain('不能恢复');
    await shot(maker, 'officer-15-batch-cancel-ask');
    await maker.locator('.ant-popconfirm').getByRole('button', { name: '保留批次' }).click();
    expect(await maker.locator('.ant-drawer').getByText('待复核').count()).toBeGreaterThan(0);

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
    // what the checker approves: the payees by kind, and the account the money leaves from (the fund's, fixed at approval)
    expect(await drawer.getByTestId('batch-payee-kinds').innerText()).toMatch(new RegExp(`^个人 ${world.payable} 笔 ¥[\\d,]+\\.\\d{2}$`));
    const debtor = await drawer.getByTestId('batch-debtors').innerText();
    expect(debtor).toContain('失业保险基金：失业保险基金支出户');
    expect(debtor).toContain('31001500000050000002');
    expect(debtor).toContain('复核通过时锁定');
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

  it('15: a payment the bank returned: the reason in words, 重新拨付 asks first and is refused until the account is corrected', async () => {
    const finance = await staff('demo.finance', true);
    await finance.goto('/claims?status=failed');
    await finance.getByTestId('list-search').fill(world.returned.number);
    await finance.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(async () => finance.locator('.ant-table-row').count()).toBe(1);
    await finance.locator('.ant-table-row').first().getByText(world.returned.number).click();
    const drawer = finance.locator('.ant-drawer');
    // the bank's reason in words (it came as "AC04: 账户已销户 account closed"), here and in the claim's trail
    expect(await drawer.getByTestId('claim-fail-reason').innerText()).toBe('账户已销户');
    expect(await drawer.innerText()).not.toMatch(/AC04|account closed/);
    await drawer.getByTestId('claim-requeue').waitFor();
    await shot(finance, 'officer-15-payment-returned');
    await drawer.getByTestId('claim-requeue-button').click();
    const ask = await finance.locator('.ant-modal-confirm').innerText();
    expect(ask).toMatch(/¥[\d,]+\.\d{2}/);
    expect(ask).toContain(`**** ${world.returned.tail}`);
    expect(ask).toContain('账户已销户');
    await shot(finance, 'officer-15-requeue-ask');
    await finance.getByTestId('requeue-confirm').click();
    // the account is as the bank returned it: refused in words, the claim still failed
    await finance.locator('.ant-message').getByText('尚未更正').waitFor();
    expect(await drawer.locator('.ant-tag', { hasText: '失败' }).count()).toBeGreaterThan(0);
    await drawer.getByTestId('claim-requeue-button').waitFor();
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
    // what the decider needs beside the rules: the person masked, the occupation by name, the attendance the claim
    // was decided with, the amount's calculation, the person's other claims this year
    const context = await drawer.getByTestId('claim-context').innerText();
    expect(context).toMatch(/学\*+\d · 310\*{11}\d{3}[\dX]/);
    expect(await drawer.getByTestId('claim-attendance').innerText()).toBe('出勤率 10%（要求不低于 80%）');
    expect(rules).toContain('出勤率 10%（要求不低于 80%）');
    expect(await drawer.getByTestId('claim-formula').innerText()).toMatch(
      /^补贴标准 ¥[\d,]+\.\d{2} × 补贴比例 \d+% = ¥[\d,]+\.\d{2}（不超过培训费 ¥[\d,]+\.\d{2}）$/,
    );
    // the pass and its certificate; the yearly limit as approval re-checks it; the person's other claims of every year
    expect(await drawer.getByTestId('claim-assessment').innerText()).toMatch(/^合格 · 证书编号 ZS-2026-31-0910 · 考核日期 \d{4}-\d{2}-\d{2}$/);
    expect(await drawer.getByTestId('claim-limits').innerText()).toMatch(/^\d{4} 年度已计入 0 次（不含本申请），每人每年最多 2 次$/);
    expect(await drawer.getByTestId('claim-others').innerText()).toContain('本人没有其他补贴申请');
    const whole = await drawer.innerText();
    expect(whole).not.toMatch(UUID);
    expect(whole).not.toMatch(/学员9\d\d/); // the payee (a person) is masked like the person
    expect(whole).toMatch(/个人 · 学\*+\d/);
    expect(whole.match(/补贴标准/g)).toHaveLength(1); // standard, ratio and fee once: in the calculation line
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
    // at 1440 px the side menu is open, in words (not folded to 政/机/培/补…)
    expect(await officer.locator('.ant-layout-sider-collapsed').count()).toBe(0);
    await officer.locator('.ant-layout-sider').getByText('补贴核拨').waitFor();
    // the workbench's link presets the status: the query form opens so the filter is in sight
    await officer.goto('/claims?status=in_review');
    await officer.locator('.ant-table-row').first().waitFor();
    await officer.locator('.ant-pro-query-filter').getByText('收起').waitFor();
    await officer.locator('.ant-pro-query-filter').getByText('待审核').waitFor();
    // the occupation by its name, the code beside it
    expect(await officer.locator('.ant-table-row').first().getByTestId('occupation').innerText()).toMatch(/^\p{Script=Han}.* \d-\d{2}-\d{2}-\d{2}$/u);
    // the queue is worked first come, first served: the page says so, lists the oldest first, each with its wait
    expect(await officer.getByTestId('claims-fifo-note').innerText()).toContain('先到先审');
    const stamps = await officer.getByTestId('claim-submitted').allInnerTexts();
    expect(stamps.length).toBe(await officer.locator('.ant-table-row').count());
    expect(stamps.every((x) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(x))).toBe(true);
    expect([...stamps].sort()).toEqual(stamps);
    for (const w of await officer.getByTestId('claim-waiting').allInnerTexts()) expect(w).toMatch(/^(今日提交|已等待 \d+ 个工作日)$/);
    expect(await officer.getByTestId('claim-waiting').count()).toBe(await officer.locator('.ant-table-row').count());
    await shot(officer, 'officer-17-claims-queue');
    // another status: no first-come note (the list is newest first)
    await officer.goto('/claims?status=approved');
    await officer.locator('.ant-table-row').first().waitFor();
    expect(await officer.getByTestId('claims-fifo-note').count()).toBe(0);
    expect(await officer.getByTestId('claim-waiting').count()).toBe(0);
    await officer.goto('/claims');
    await officer.locator('.ant-table-row').first().waitFor();
    await officer.locator('.ant-pro-query-filter').getByText('待审核').waitFor(); // the default filter shows even folded
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

    // empty lists say what would appear and what to do
    await officer.goto('/appeals');
    expect(await officer.getByTestId('appeals-empty').innerText()).toContain('提出申诉，申诉会出现在这里');
    await officer.goto('/issuances');
    expect(await officer.getByTestId('issuances-empty').innerText()).toContain('精准发放：');
    await shot(officer, 'officer-empty-issuances');

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
