/** The main page of each remaining role, on the shared server: provider, enterprise, district admin, finance, assessor. */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOTP_SECRET, launch, newPage, shot, signIn, syntheticIdNumber, type Session } from './helpers';

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
    await page.getByTestId('custom-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('custom-report').textContent()).toMatch(/共 2 行/);
    expect(await page.locator('.ant-drawer').textContent()).toContain('身份证号码无效');
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
    await page.keyboard.press('Escape');
    await shot(page, 'assessor-results-empty');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
