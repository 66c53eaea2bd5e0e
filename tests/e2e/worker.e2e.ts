/** The worker's mobile pages at 390×844: e-SSC (simulator) sign-in, apply, my vouchers, the renewing QR code. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkers, launch, newPage, shot, signInWorker, syntheticIdNumber, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('worker (mobile, 390×844)', () => {
  it('signs in with the e-SSC simulator, applies, sees the voucher and a QR code that counts down', async () => {
    const { page, errors, ctx } = await newPage(s.browser, { mobile: true });
    await page.goto('/essc');
    await page.getByTestId('essc-title').waitFor();
    expect(await page.getByTestId('essc-title').textContent()).toContain('电子社保卡');
    expect(await page.getByTestId('essc-title').textContent()).toContain('模拟器');
    await shot(page, 'worker-essc-signin');
    const who = demoWorkers()[0] ?? { idNumber: syntheticIdNumber(Date.now() % 1000), name: '测试工' };
    await signInWorker(page, who);
    expect(page.viewportSize()).toEqual({ width: 390, height: 844 });

    // apply (申领) for an occupation found by name
    await page.getByTestId('tab-/apply').click();
    await page.locator('#apply-occupation').fill('养老');
    await page.locator('.ant-select-item-option').first().click();
    await page.locator('button[type=submit]').click();
    await page.getByTestId('apply-reason').or(page.getByTestId('apply-error')).first().waitFor();
    await shot(page, 'worker-apply-result');

    await page.getByTestId('tab-/vouchers').click();
    await page.getByTestId('voucher-card').first().waitFor();
    await shot(page, 'worker-vouchers');
    await page.getByTestId('voucher-card').first().click();
    await page.getByTestId('show-qr').click();
    await page.getByTestId('voucher-qr').waitFor();
    const first = await page.getByTestId('qr-countdown').textContent();
    expect(first).toMatch(/\d+ 秒后自动刷新/);
    await page.waitForTimeout(2100);
    const later = await page.getByTestId('qr-countdown').textContent();
    expect(Number(/(\d+)/.exec(later!)![1])).toBeLessThan(Number(/(\d+)/.exec(first!)![1]));
    await shot(page, 'worker-voucher-qr');
    // the page fits the phone's width: nothing scrolls sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
