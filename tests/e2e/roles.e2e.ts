/** The main page of each remaining role, on the shared server: provider, enterprise, district admin, finance, assessor. */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../src/lib/identifiers';
import { apiCall, cleanZh, DEMO_TOTP_SECRET, demoWorkers, launch, newPage, shot, signIn, signInWorker, syntheticIdNumber, type Session } from './helpers';

let s: Session;
const dir = mkdtempSync(join(tmpdir(), 'sv-e2e-files-'));
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('role consoles', () => {
  it('provider: venues (the coordinate check refuses swapped numbers) and classes', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.provider');
    await page.getByRole('menuitem', { name: '培训管理' }).click();
    await page.getByRole('menuitem', { name: '培训场地' }).click();
    await page.getByTestId('venue-new').click();
    await page.locator('#venue-lat').fill('121.4998');
    await page.locator('#venue-lng').fill('31.2397');
    expect(await page.getByTestId('coord-problem').textContent()).toContain('填反');
    await page.keyboard.press('Escape');
    // a new course has no preset level: each level is offered with the standard it pays (a wrong default underpays)
    await page.getByRole('menuitem', { name: '课程' }).click();
    await page.getByRole('button', { name: /新增课程/ }).click();
    await page.locator('.ant-modal #programmeId').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '职业技能提升补贴' }).click();
    expect(await page.locator('.ant-modal .ant-select-selection-item', { hasText: '级' }).count()).toBe(0);
    await page.locator('#course-level').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '补贴标准 ¥' }).count()).toBe(6);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem', { name: '班级' }).click();
    await page.getByTestId('class-new').waitFor();
    // the class list names each occupation, not only its code
    await page.getByTestId('occupation').filter({ hasText: '养老护理员' }).first().waitFor();
    await shot(page, 'provider-classes');
    // the class takes its occupation, level and fee from the course: the form shows them once one is picked
    await page.getByTestId('class-new').click();
    await page.locator('.ant-modal #courseId').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await expect.poll(() => page.getByTestId('class-course-facts').innerText()).toMatch(/养老护理员.*四级\/中级工.*¥2,800\.00/);
    await page.keyboard.press('Escape');
    // the ended class shows its subsidy claims and where the money is (a tab of its own, with a hint while empty)
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await page.locator('a', { hasText: '第一期 (demo)' }).click();
    await page.getByRole('tab', { name: /补贴申请/ }).click();
    await page.getByTestId('class-claims').waitFor();
    expect(await page.getByText('学员考核合格后自动生成补贴申请').count()).toBe(1);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('enterprise: customised issuance — template, upload, per-row errors', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.enterprise');
    await page.getByRole('menuitem', { name: '定制发放' }).click();
    await page.getByTestId('issuance-custom').click();
    await page.locator('#iss-name').fill('2026 年员工技能提升 (e2e)');
    await page.locator('#iss-programme').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('custom-template').waitFor();
    const dl = page.waitForEvent('download');
    await page.getByTestId('custom-template').click();
    expect((await dl).suggestedFilename()).toMatch(/\.xlsx$/);
    const csv = join(dir, 'staff.csv');
    writeFileSync(
      csv,
      [
        '姓名 name,身份证号 idNumber,区代码 districtCode,户籍 hukou,人员类别 categories',
        `王员工,${syntheticIdNumber(Date.now() % 1000, '310115', '19880512')},310115,local,employed`,
        '李错误,310115198805120000,310115,local,employed',
      ].join('\n'),
    );
    await page.locator('input[type=file]').first().setInputFiles(csv);
    // issuing cannot be undone: the upload is confirmed first
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '上传并发放' }).click();
    await page.getByTestId('custom-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('custom-report').textContent()).toMatch(/共 2 行/);
    expect(await page.locator('.ant-drawer').textContent()).toContain('身份证号码无效');
    // the row's column by its heading, not the field's code
    expect(await page.locator('.ant-drawer').textContent()).not.toContain('idNumber');
    // the good row's employee appears in the batch's 发放名单, masked
    await expect.poll(() => page.getByTestId('issuance-vouchers').innerText()).toContain('王*工');
    await shot(page, 'enterprise-custom-issuance');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('district admin: a targeted issuance previewed, run, and followed to 100 %', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.pudong');
    await page.getByRole('menuitem', { name: '培训券发放' }).click();
    await page.getByTestId('issuance-targeted').click();
    await page.locator('#iss-name').fill('浦东失业人员精准发放 (e2e)');
    await page.locator('#iss-programme').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('issuance-preview').click();
    await page.getByTestId('preview-result').waitFor();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('issuance-run').click();
    await page.locator('.ant-drawer [data-status="done"]').waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('issuance-progress').getAttribute('class')).toContain('ant-progress-status-success');
    await shot(page, 'district-admin-issuance');
    await page.goto('/claims');
    await page.locator('.ant-pro-table').waitFor();
    await page.goto('/check-in-flags');
    await page.locator('.ant-pro-table').waitFor();
    // 账号安全 names the officer's district by name (浦东新区), not its division code
    await page.getByRole('menuitem', { name: '账号安全' }).click();
    const district = page.locator('.ant-descriptions-item-label', { hasText: /^区$/ }).locator('xpath=following-sibling::td[1]');
    await expect.poll(() => district.innerText()).toBe('浦东新区');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('finance: the disbursement batches page, with maker/checker controls', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.finance', { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '补贴核拨' }).click();
    await page.getByRole('menuitem', { name: '代发批次' }).click();
    await page.getByTestId('batch-new').waitFor();
    await page.getByTestId('bank-upload').waitFor();
    await shot(page, 'finance-batches');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('provider on a phone: 核验与录取 and the staff header fit 390 px', async () => {
    const { page, errors, ctx } = await newPage(s.browser, { mobile: true });
    await signIn(page, 'demo.provider');
    await page.goto('/classes');
    await page.getByText('第二期').first().click();
    await page.getByRole('tab', { name: '核验与录取' }).click();
    await page.locator('#verify-number').waitFor();
    const widths = await page.evaluate(() => {
      const right = (sel: string) => Math.max(...[...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().right));
      return {
        page: document.documentElement.scrollWidth,
        inputs: right('#verify-number, #verify-id'),
        header: right('.ant-pro-global-header-header-actions *'),
      };
    });
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.inputs).toBeLessThanOrEqual(390);
    expect(widths.header).toBeLessThanOrEqual(390);
    await shot(page, 'provider-desk-phone');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('assessor: results entry and import', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.assessor');
    await page.getByRole('menuitem', { name: '考核结果' }).click();
    await page.getByTestId('result-new').click();
    await page.locator('#result-voucher').fill('SV0000000000000000');
    // no outcome is preset: saving without one asks for it
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('请选择考核结果（合格或不合格）').waitFor();
    await page.locator('.ant-modal .ant-radio-wrapper', { hasText: '不合格' }).click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    // the assessor reads back what a fail sets off before it is final
    const confirm = page.getByTestId('result-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('该培训券将关闭');
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.locator('.ant-message-error').waitFor();
    // the clerk gives up on that number: the entry form closes (left open, or fading, it would take the next click)
    const entry = page.locator('.ant-modal', { hasText: '录入结果' });
    await entry.locator('.ant-modal-close').click();
    await entry.waitFor({ state: 'hidden' });
    await shot(page, 'assessor-results-empty');

    // the list names each candidate first, masked (考生), as a clerk cross-checks people; no id, code or English
    expect(await page.locator('.ant-pro-table .ant-table-thead th').first().innerText()).toBe('考生');
    await expect.poll(() => page.getByTestId('result-candidate').count()).toBeGreaterThan(0);
    for (const name of await page.getByTestId('result-candidate').allInnerTexts()) expect(name).toMatch(/^\p{Script=Han}\*+\p{Script=Han}?$/u);
    await cleanZh(page, 'assessor results', { raw: /rows\.\d|in_review|skill_level/ });

    // demo.worker9's voucher number, as the clerk has it on the roster (set-up through the API, not under test)
    const worker = demoWorkers().find((w) => w.username === 'demo.worker9')!;
    const w = await newPage(s.browser, { mobile: true });
    await signInWorker(w.page, worker);
    const mine = await apiCall<{ items: Array<{ number: string; status: string; kind: string }> }>(w.page, 'GET', '/api/v1/vouchers/mine');
    await w.ctx.close();
    const voucher = mine.body.items.find((v) => v.kind === 'subsidy' && ['in_training', 'assessed', 'approved', 'settled'].includes(v.status))!;
    expect(voucher).toBeTruthy();

    // 录入结果 from the ended class's row: the class and its level are filled in (the class's 四级, not empty)
    const row = page.locator('[data-testid=assigned-classes] .ant-table-row', { hasText: '养老护理员(四级) 第一期' });
    await row.getByTestId('assigned-record').click();
    const form = page.locator('.ant-modal', { hasText: '录入结果' });
    const picked = (id: string) => form.locator('.ant-select', { has: page.locator(id) }).locator('.ant-select-selection-item');
    await expect.poll(() => picked('#result-level').innerText()).toBe('四级/中级工');
    const classPicked = await picked('#result-class').innerText();
    expect(classPicked).toContain('养老护理员(四级) 第一期');
    expect(classPicked).toContain('养老护理员 · 四级/中级工');
    expect(classPicked).not.toMatch(/\d-\d{2}-\d{2}-\d{2}/);
    await form.locator('#result-voucher').fill(voucher.number);
    await form.locator('.ant-radio-wrapper', { hasText: /^合格$/ }).click();
    await form.locator('#result-cert').fill('ZS-2026-E2E-0009');
    await shot(page, 'assessor-entry-form');
    await cleanZh(page, 'result entry form', { raw: /skill_level|assessedOn|voucherNumber/ });
    if (voucher.status === 'in_training') {
      await form.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId('result-confirm').waitFor();
      await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
      await page.locator('.ant-message-success').waitFor();
    } else await page.keyboard.press('Escape');
    // the recorded result names demo.worker9, masked, never in full
    await expect.poll(() => page.getByTestId('result-candidate').allInnerTexts()).toContain(maskName(worker.name));
    expect(await page.locator('body').innerText()).not.toContain(worker.name);
    await shot(page, 'assessor-results');

    // a sheet with bad rows: each refusal names the row, the column as the sheet heads it and what it needs, in Chinese
    const csv = ['券号,结果,成绩,等级,证书编号,证书类型,考核日期', `${voucher.number},也许,90,4,,职业技能等级证书,2026-01-05`, `,合格,90,4,,,2026-01-05`].join(
      '\n',
    );
    await page.locator('.ant-upload input[type=file]').setInputFiles({ name: 'results.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const report = page.locator('.ant-modal', { hasText: '批量导入结果' });
    await report.getByTestId('result-import-summary').waitFor();
    const reportText = await report.innerText();
    expect(reportText).toContain('结果');
    expect(reportText).toContain('请填写“合格”或“不合格”');
    expect(reportText).toContain('合格须填写证书编号');
    expect(reportText).not.toMatch(/rows\.|[A-Za-z]{4,}/);
    await shot(page, 'assessor-import-report');
    await report.locator('.ant-btn-primary').click();

    // 证书库: the body's certificates, holder masked, occupation by name; its template to import earlier ones
    await page.getByRole('menuitem', { name: '证书库' }).click();
    await page.getByTestId('registry-import').waitFor();
    await page.getByRole('button', { name: '下载模板' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    // (other stories' certificate numbers carry their name: ZS-TODO-E2E-0001, ZS-TIMELINE-E2E-0001)
    await cleanZh(page, 'certificate registry', { allowed: ['English', 'demo', 'Excel', 'TODO', 'TIMELINE'], raw: /skill_level|recorded|imported/ });
    await shot(page, 'assessor-certificate-registry');
    // only the page's own menu item is lit (证书查询, /certificates, was lit as well)
    expect(await page.locator('.ant-menu-item-selected').allInnerTexts()).toEqual(['证书库']);
    // a number that is not there: the empty list says so and what to do
    await page.locator('#certificateNumber').fill('ZS-0000-000000');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => page.getByTestId('registry-empty').innerText()).toContain('没有该证书编号');
    await shot(page, 'assessor-certificate-registry-none');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
