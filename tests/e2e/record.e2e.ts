/**
 * Issue 19 part 1 in Chromium: a worker opens 培训档案 on the phone (390×844), downloads the signed PDF, the QR
 * code's public page confirms it (masked name, issue date, digest), the file uploaded there is genuine, and a
 * copy altered in one byte is reported as altered. Screens in test-artefacts/record-*.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkers, launch, newPage, shot, signInWorker, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('the lifelong training record (issue 19)', () => {
  it('a worker downloads the record PDF on the phone; the public page verifies it and reports an altered copy', async () => {
    const who = demoWorkers().find((w) => w.username === 'demo.worker7');
    if (!who) throw new Error('demo.worker7 is not in the server log');
    const { page, errors, ctx } = await newPage(s.browser, { mobile: true });
    await signInWorker(page, who);
    await page.getByTestId('nav-me').click();
    await page.getByTestId('me-link-/record').click();
    await page.getByTestId('record-page').waitFor();
    // the ended class of the demo world: a voucher, an admission and the check-ins, in time order
    await page.locator('[data-testid=record-entry][data-kind=attendance]').first().waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('终身职业技能电子培训档案');
    expect(text).toContain('培训签到');
    // the voucher's number says what it is (a clerk asks for the 券号); the totals carry their units
    expect(text).toMatch(/券号 SV\d+/);
    expect(text).toMatch(/累计培训学时\s*\d+\s*学时/);
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'record-worker-phone');

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-download').click()]);
    const file = join(process.cwd(), 'test-artefacts', 'record-downloaded.pdf');
    await dl.saveAs(file);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text1 = pdf.toString('latin1');
    const ref = /\/SvDocumentId (\d+) 0 R/.exec(text1)!;
    const id = new RegExp(`(?:^|\\s)${ref[1]} 0 obj\\s*\\((${UUID.source})\\)`).exec(text1)![1]!;

    // the QR code's page: no sign-in, the masked name and the issue date
    const pub = await newPage(s.browser, { mobile: true });
    await pub.page.goto(`/public/verify/${id}`);
    await pub.page.getByTestId('verify-document').waitFor();
    expect(await pub.page.getByTestId('verify-holder').textContent()).toMatch(/\*/);
    expect(await pub.page.getByTestId('verify-holder').textContent()).not.toBe(who.name);
    expect(await pub.page.locator('body').innerText()).toContain('签名有效');
    await shot(pub.page, 'record-verify-by-qr');

    // the file itself: genuine
    await pub.page.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => pub.page.getByTestId('verify-outcome').getAttribute('data-outcome')).toBe('genuine');
    await shot(pub.page, 'record-verify-genuine');

    // one byte changed inside the document: reported as altered
    const altered = Buffer.from(pdf);
    const at = altered.indexOf('/SvDocumentId') - 40;
    altered[at] = altered[at] === 0x41 ? 0x42 : 0x41;
    const alteredFile = join(process.cwd(), 'test-artefacts', 'record-altered.pdf');
    writeFileSync(alteredFile, altered);
    await pub.page.locator('input[type=file]').setInputFiles(alteredFile);
    await expect.poll(() => pub.page.getByTestId('verify-outcome').getAttribute('data-outcome')).toBe('tampered');
    expect(await pub.page.getByTestId('verify-outcome').innerText()).toContain('已被改动');
    await shot(pub.page, 'record-verify-tampered');
    expect(pub.errors).toEqual([]);
    expect(errors).toEqual([]);
    await pub.ctx.close();
    await ctx.close();
  });
});
