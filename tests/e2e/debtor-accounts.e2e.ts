/** The debtor account per funding source (付款账户) on the budgets page: the city admin edits, finance reads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOTP_SECRET, launch, newPage, shot, signIn, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('debtor accounts per funding source', () => {
  it('city admin: sees one account per fund in Chinese, a wrong number is a sentence, a good one is saved; finance reads without editing', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.city', { totpSecret: DEMO_TOTP_SECRET });
    await page.goto('/catalogue/budgets');
    const card = page.getByTestId('debtor-accounts');
    await card.locator('.ant-table-row').nth(2).waitFor();
    const text = (await card.textContent()) ?? '';
    for (const fund of ['就业补助资金', '失业保险基金', '地方教育附加专项资金']) expect(text).toContain(fund);
    expect(text).toContain('31001500000050000003');
    // no raw codes or field names on the zh-CN screen
    expect(text).not.toMatch(/[a-z]+_[a-z_]+|fundingSource|accountNumber/);

    const row = card.locator('.ant-table-row', { hasText: '地方教育附加专项资金' });
    await row.getByRole('button', { name: '修改付款账户' }).click();
    const modal = page.locator('.ant-modal-wrap:visible');
    await modal.locator('#accountNumber').fill('3100-ABC');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(async () => modal.textContent()).toContain('账号为 8 至 34 位数字');
    await modal.locator('#accountNumber').fill('3100 1500 0000 5000 0321');
    await modal.locator('#bankName').fill('上海银行');
    await shot(page, 'city-admin-debtor-account-edit');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(async () => row.textContent()).toContain('31001500000050000321');
    expect(await row.textContent()).toContain('上海银行');
    await shot(page, 'city-admin-debtor-accounts');
    expect(errors).toEqual([]);
    await ctx.close();

    const fin = await newPage(s.browser);
    await signIn(fin.page, 'demo.finance', { totpSecret: DEMO_TOTP_SECRET });
    await fin.page.goto('/catalogue/budgets');
    const finCard = fin.page.getByTestId('debtor-accounts');
    await finCard.locator('.ant-table-row', { hasText: '31001500000050000321' }).waitFor();
    expect(await finCard.getByRole('button', { name: '修改付款账户' }).count()).toBe(0);
    expect(fin.errors).toEqual([]);
    await fin.ctx.close();
  });
});
