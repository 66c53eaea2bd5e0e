/** Staff consoles in a real browser: sign-in (password + TOTP), menus by role, the main page of each role. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_TOTP_SECRET, launch, newPage, shot, signIn, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('staff consoles', () => {
  it('auditor: signs in, browses the audit log and verifies the chain', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.auditor');
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByText('校验审计链').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('verify-chain').click();
    await expect.poll(async () => page.getByTestId('verify-result').textContent()).toContain('审计链完整');
    await shot(page, 'auditor-audit-log');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('city admin: password + TOTP, persons (masked, searchable), programmes and English switch', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    // a wrong password is refused with the sentence of its code
    await page.goto('/login');
    await page.locator('#username').fill('demo.city');
    await page.locator('#password').fill('wrong-password');
    await page.locator('button[type=submit]').click();
    await expect.poll(async () => page.getByTestId('signin-error').textContent()).toContain('用户名或密码错误');
    await signIn(page, 'demo.city', { totpSecret: DEMO_TOTP_SECRET });
    const created = await apiCall<{ id: string; idNumberMasked: string }>(page, 'POST', '/api/v1/persons', {
      idNumber: '11010519491231002X',
      name: '张测试',
      phone: '13800138000',
      districtCode: '310115',
      hukou: 'local',
      categories: ['registered_unemployed'],
    });
    expect([201, 409]).toContain(created.status);
    await page.getByRole('menuitem', { name: '人员信息' }).click();
    await page.getByText('张测试').waitFor();
    const row = page.locator('.ant-table-row', { hasText: '张测试' });
    await expect.poll(async () => row.textContent()).toContain('110***********002X');
    await expect.poll(async () => row.textContent()).toContain('138****8000');
    await shot(page, 'city-admin-persons');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/^persons-.*\.xlsx$/);

    await page.getByRole('menuitem', { name: '政策目录' }).click();
    await page.getByRole('menuitem', { name: '培训项目与补贴标准' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'city-admin-programmes');
    await page.getByRole('menuitem', { name: '补贴比例' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('menuitem', { name: '预算' }).click();
    await page.getByText('设定预算').waitFor();
    await shot(page, 'city-admin-budgets');

    await page.getByTestId('lang-switch').click();
    await page.getByRole('menuitem', { name: 'Persons' }).waitFor();
    await shot(page, 'city-admin-english');
    await page.getByTestId('lang-switch').click();
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('district admin: sees persons of the district and no catalogue edit buttons', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.pudong');
    await page.getByRole('menuitem', { name: '人员信息' }).click();
    await page.locator('.ant-pro-table').waitFor();
    await page.getByRole('menuitem', { name: '政策目录' }).click();
    await page.getByRole('menuitem', { name: '培训项目与补贴标准' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByText('新增培训项目').count()).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
