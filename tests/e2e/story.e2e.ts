/**
 * The whole story in a real browser, on its own server (it restarts it twice):
 *  1. a worker applies (申领) and registers for a class; the provider admits them by scanning the worker's
 *     live voucher QR code (decoded in the page by the bundled ZXing WASM) and files the opening report;
 *  2. the daily class job opens the class (run with the CLI while the server is stopped); the worker checks
 *     in with a mocked geolocation; the assessor records a pass; the worker sees the approved subsidy;
 *  3. eight days later (the server under libfaketime, after the 5-working-day public notice) finance makes a
 *     batch, a second officer approves it, the bank file goes to the bank simulator, its camt.054 answer is
 *     uploaded, and the worker sees the subsidy paid.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { simulateBank } from '../../src/modules/subsidy/bank-simulator';
import { apiCall, DEMO_TOTP_SECRET, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';
import { freePort, hasFaketime, runCli, startServer, type Server } from './server';

const VENUE = { latitude: 31.2397, longitude: 121.4998 }; // WGS-84
const OCCUPATION = '4-10-01-05';
const EIGHT_DAYS = 8 * 86_400_000;

let s: Session;
let server: Server;
let dataDir: string;
let port: number;
let worker: { idNumber: string; name: string };
const step = (what: string) => process.stderr.write(`[story ${new Date().toISOString().slice(11, 19)}] ${what}\n`);
const shanghaiDayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const shanghaiToday = () => shanghaiDayOf(new Date());

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sv-story-'));
  port = await freePort();
  server = await startServer(dataDir, port);
  const m = /worker\s+demo\.worker\d+\s+e-SSC simulator: ID (\d{17}[\dX]) \(([^)]+)\)/.exec(server.log());
  if (!m) throw new Error(`no demo worker in the server output:\n${server.log()}`);
  worker = { idNumber: m[1]!, name: m[2]! };
  s = await launch();
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function staff(username: string, opts: { totp?: boolean; clockOffsetMs?: number } = {}): Promise<Page> {
  const { page } = await newPage(s.browser, { baseURL: server.url });
  await signIn(page, username, { ...(opts.totp ? { totpSecret: DEMO_TOTP_SECRET } : {}), clockOffsetMs: opts.clockOffsetMs ?? 0 });
  return page;
}

describe('the whole story', () => {
  let voucher: { id: string; number: string; programme: { id: string }; districtCode: string };
  let classId: string;

  it('apply → register → the provider scans the QR, admits and files the opening report', async () => {
    step('apply');
    // the worker applies on the phone
    const w = await newPage(s.browser, { mobile: true, baseURL: server.url });
    await signInWorker(w.page, worker);
    await w.page.getByTestId('tab-/apply').click();
    await w.page.locator('#apply-occupation').fill('养老护理');
    await w.page.locator('.ant-select-item-option', { hasText: OCCUPATION }).first().click();
    // the level is chosen, never pre-set (the story's course is 五级)
    await w.page.locator('#apply-level').click();
    await w.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '五级/初级工' }).click();
    await w.page.locator('button[type=submit]').click();
    await w.page.getByTestId('apply-reason').waitFor();
    const mine = await apiCall<{ items: Array<typeof voucher & { kind: string; occupationCode: string; status: string }> }>(
      w.page,
      'GET',
      '/api/v1/vouchers/mine',
    );
    const v = mine.body.items.find((x) => x.kind === 'subsidy' && x.occupationCode === OCCUPATION && x.status === 'issued');
    expect(v).toBeTruthy();
    voucher = v!;

    step('admin set-up');
    // the city admin: opening report due on the start day, the provider approved, a budget
    const admin = await staff('demo.city', { totp: true });
    expect((await apiCall(admin, 'PATCH', `/api/v1/programmes/${voucher.programme.id}`, { openingDeadlineDays: 0 })).status).toBe(200);
    const budget = await apiCall(admin, 'PUT', '/api/v1/budgets', {
      programmeId: voucher.programme.id,
      districtCode: voucher.districtCode,
      year: Number(shanghaiToday().slice(0, 4)),
      amountFen: 1_000_000_00,
    });
    expect(budget.status).toBe(200);

    step('provider venue');
    // the provider: a venue through the page (the coordinate check catches swapped numbers), course and class
    const p = await staff('demo.provider');
    const org = await apiCall<{ id: string; districtCode: string }>(p, 'GET', '/api/v1/orgs/me');
    const grant = await apiCall(admin, 'POST', `/api/v1/providers/${org.body.id}/approvals`, { programmeId: voucher.programme.id, occupationCode: OCCUPATION });
    expect([200, 201, 409]).toContain(grant.status);
    await p.goto('/venues');
    await p.getByTestId('venue-new').click();
    await p.locator('#venue-name').fill('浦东培训楼 (e2e)');
    await p.locator('#venue-address').fill('上海市浦东新区世纪大道 1 号');
    await p.locator('#venue-district').click();
    await p.keyboard.type('浦东');
    await p.keyboard.press('Enter');
    await p.getByLabel('WGS-84（GPS 原始坐标）').check();
    await p.locator('#venue-lat').fill(String(VENUE.longitude));
    await p.locator('#venue-lng').fill(String(VENUE.latitude));
    await p.getByTestId('coord-problem').waitFor();
    await p.locator('#venue-lat').fill(String(VENUE.latitude));
    await p.locator('#venue-lng').fill(String(VENUE.longitude));
    await shot(p, 'provider-venue-form');
    await p.locator('.ant-modal-footer .ant-btn-primary').click();
    await p.locator('.ant-table-row', { hasText: '浦东培训楼 (e2e)' }).waitFor();
    await shot(p, 'provider-venues');
    const venues = await apiCall<{ items: Array<{ id: string; name: string }> }>(p, 'GET', '/api/v1/venues');
    const venue = venues.body.items.find((x) => x.name === '浦东培训楼 (e2e)')!;
    const course = await apiCall<{ id: string }>(p, 'POST', '/api/v1/courses', {
      programmeId: voucher.programme.id,
      occupationCode: OCCUPATION,
      level: 5,
      name: '养老护理员（五级）e2e',
      hours: 8,
      feeFen: 180000,
    });
    expect(course.status).toBe(201);
    const startsAt = new Date(Date.now() + 40 * 60_000);
    const cls = await apiCall<{ id: string }>(p, 'POST', '/api/v1/classes', {
      courseId: course.body.id,
      name: '养老护理员 e2e 班',
      venueId: venue.id,
      capacity: 10,
      startDate: shanghaiToday(),
      // after 23:20 in Shanghai the session ends tomorrow: the class runs to the day its session ends
      endDate: shanghaiDayOf(new Date(startsAt.getTime() + 3_600_000)),
      sessions: [{ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() }],
    });
    expect(cls.status).toBe(201);
    classId = cls.body.id;

    step('register');
    // the worker finds the class and registers with the voucher
    await w.page.getByTestId('tab-/courses').click();
    await w.page.locator('#course-q').fill('e2e');
    await w.page.getByTestId('course-search').click();
    await w.page.getByTestId('course-register').first().click();
    await w.page.locator('#register-ok').click();
    await w.page.getByTestId('registered').waitFor();
    await shot(w.page, 'worker-courses');

    step('QR');
    // the worker shows the QR code; the provider reads it from a photo of the phone's screen
    await w.page.goto(`/vouchers/${voucher.id}`);
    await w.page.getByTestId('show-qr').click();
    await w.page.getByTestId('voucher-qr').waitFor();
    const photo = join(dataDir, 'qr.png');
    writeFileSync(photo, await w.page.getByTestId('voucher-qr').screenshot());

    await p.goto(`/classes/${classId}`);
    await p.getByTestId('report-countdown').waitFor();
    await p.locator('input[type=file]').first().setInputFiles(photo);
    await p.getByTestId('verify-result').waitFor();
    expect(await p.getByTestId('verify-result').textContent()).toContain(voucher.number);
    await shot(p, 'provider-verify');
    step('admit');
    await p.getByTestId('admit').click();
    await expect.poll(async () => (await apiCall<{ roster: unknown[] }>(p, 'GET', `/api/v1/classes/${classId}/roster`)).body.roster.length).toBe(1);
    // the QR code is single-use for admissions: the same photo is refused
    await p.locator('input[type=file]').first().setInputFiles(photo);
    // …and the clerk reads why in Chinese, not the rule's codes (VOUCHER_NOT_ISSUED, QR_TOKEN_REPLAYED)
    await p.getByTestId('verify-reason').first().waitFor();
    const refusal = (await p.getByTestId('verify-result').textContent()) ?? '';
    expect(refusal).toContain('该二维码已被使用');
    expect(refusal).not.toMatch(/[A-Z]+_[A-Z_]+/);
    step('report');
    await p.getByTestId('file-report').click();
    await p.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(async () => p.getByTestId('class-state').textContent()).toContain('已反馈');
    await p.getByRole('tab', { name: /花名册/ }).click();
    await shot(p, 'provider-class-roster');
  }, 900_000);

  it('the class opens; the worker checks in where the venue is; the assessor records a pass; the worker sees the subsidy', async () => {
    step('restart for the class job');
    await server.stop();
    expect(runCli(dataDir, 'jobs', 'classes')).toContain('classes:');
    server = await startServer(dataDir, port);

    step('check-in');
    // checking in far away is refused with the distance; at the venue it is accepted
    const far = await newPage(s.browser, {
      mobile: true,
      baseURL: server.url,
      geolocation: { latitude: VENUE.latitude + 0.05, longitude: VENUE.longitude, accuracy: 20 },
    });
    await signInWorker(far.page, worker);
    await far.page.getByTestId('tab-/training').click();
    await far.page.getByTestId('checkin').click();
    await expect.poll(async () => far.page.getByTestId('checkin-result').textContent()).toContain('不在培训场地范围内');
    await shot(far.page, 'worker-checkin-refused');
    await far.ctx.close();

    const w = await newPage(s.browser, { mobile: true, baseURL: server.url, geolocation: { ...VENUE, accuracy: 15 } });
    await signInWorker(w.page, worker);
    await w.page.getByTestId('tab-/training').click();
    await w.page.getByTestId('checkin').click();
    await expect.poll(async () => w.page.getByTestId('checkin-result').textContent()).toContain('签到成功');
    await shot(w.page, 'worker-checkin');

    step('assessment assignment');
    // the city admin assigns the class to the demo assessment body on the 考评安排 page (only that body may record its results)
    const admin = await staff('demo.city', { totp: true });
    await admin.goto('/assessment/assignments');
    await admin.getByTestId('assignment-new').click();
    await admin.locator('#assign-class').click();
    await admin.keyboard.type('养老护理员 e2e 班');
    await admin.locator('.ant-select-item-option', { hasText: '养老护理员 e2e 班' }).first().click();
    await admin.locator('#assign-body').click();
    await admin.locator('.ant-select-item-option[title="上海市职业技能鉴定评价中心 (demo)"]').click();
    await shot(admin, 'admin-assessment-assign');
    await admin.locator('.ant-modal-footer .ant-btn-primary').click();
    await admin
      .locator('.ant-table-row', { hasText: '养老护理员 e2e 班' })
      .getByTestId('assignment-body')
      .filter({ hasText: '职业技能鉴定评价中心' })
      .waitFor();
    await shot(admin, 'admin-assessment-assignments');

    step('assessor');
    const a = await staff('demo.assessor');
    await a.goto('/results');
    await a.getByTestId('assigned-class').filter({ hasText: '养老护理员 e2e 班' }).waitFor();
    await a.getByTestId('result-new').click();
    await a.locator('#result-voucher').fill(voucher.number);
    await a.locator('.ant-modal .ant-radio-wrapper', { hasText: /^合格$/ }).click();
    await a.locator('#result-cert').fill('ZS-E2E-000001');
    await a.locator('.ant-modal-footer .ant-btn-primary').click();
    await a.getByTestId('result-confirm').filter({ hasText: '生成补贴申请' }).waitFor();
    await a.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await a.locator('.ant-table-row', { hasText: voucher.number }).waitFor();
    await shot(a, 'assessor-results');

    step('worker subsidy');
    await w.page.getByTestId('tab-/results').click();
    await w.page.getByTestId('subsidy-card').waitFor();
    expect(await w.page.getByTestId('subsidy-amount').textContent()).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/);
    await shot(w.page, 'worker-subsidy-approved');
  }, 900_000);

  it('after the public notice finance pays through maker, checker, bank file and bank answer; the worker sees it paid', async () => {
    expect(hasFaketime(), 'this step needs libfaketime (apt-get install -y faketime) to stand after the public notice').toBe(true);
    await server.stop();
    server = await startServer(dataDir, port, { fakeOffset: '+8d' });

    step('maker');
    const maker = await staff('demo.finance', { totp: true, clockOffsetMs: EIGHT_DAYS });
    await maker.goto('/batches');
    await maker.getByTestId('batch-new').click();
    await maker.locator('.ant-modal-footer .ant-btn-primary').click();
    await maker.locator('.ant-drawer').getByText('您是制单人').waitFor();
    await shot(maker, 'finance-batch-maker');
    // the payment lines' headers each stay on one line, also beside an enterprise's long name
    const payments = maker.locator('.ant-drawer').getByTestId('batch-payments');
    await payments.locator('.ant-table-row').first().waitFor();
    // a small table's one-line header is ~40 px; squeezed to a character per line it was 90 px and more
    const headerHeight = await payments.locator('thead').evaluate((el) => el.getBoundingClientRect().height);
    expect(headerHeight).toBeLessThan(50);
    // and the amount is in view beside the payee, without scrolling the table sideways
    const amountCell = payments.locator('.ant-table-row').first().locator('td', { hasText: '¥' }).first();
    const [cellBox, drawerBox] = [await amountCell.boundingBox(), await maker.locator('.ant-drawer-content').boundingBox()];
    expect(cellBox!.x + cellBox!.width).toBeLessThanOrEqual(drawerBox!.x + drawerBox!.width);
    const list = await apiCall<{ items: Array<{ id: string; paymentCount: number }> }>(maker, 'GET', '/api/v1/subsidy/batches');
    const batch = list.body.items[0]!;
    expect(batch.paymentCount).toBeGreaterThanOrEqual(1);

    step('checker');
    const checker = await staff('demo.finance2', { totp: true, clockOffsetMs: EIGHT_DAYS });
    await checker.goto('/batches');
    await checker.locator('.ant-table-row').first().locator('a').first().click();
    await checker.getByTestId('batch-approve').click();
    await checker.locator('.ant-popconfirm .ant-btn-primary').click();
    await checker.getByTestId('batch-generate').click();
    await checker.getByTestId('download-pain001').waitFor({ timeout: 60_000 });
    await shot(checker, 'finance-batch-files');

    step('bank');
    const pain = join(dataDir, 'batch.pain001.xml');
    const camt = join(dataDir, 'bank.camt054.xml');
    const dl = checker.waitForEvent('download');
    await checker.getByTestId('download-pain001').click();
    await (await dl).saveAs(pain);
    expect(readFileSync(pain, 'utf8')).toContain('pain.001.001.09');
    const out = createWriteStream(camt);
    const sim = await simulateBank(createReadStream(pain), out, { at: new Date(Date.now() + EIGHT_DAYS) });
    out.end();
    await once(out, 'finish');
    expect(sim.booked).toBeGreaterThanOrEqual(1);

    await checker.keyboard.press('Escape');
    await checker.locator('input[type=file]').first().setInputFiles(camt);
    await expect.poll(async () => checker.getByTestId('bank-report').textContent(), { timeout: 60_000 }).toMatch(/成功 [1-9]/);
    await shot(checker, 'finance-reconciliation');

    step('worker paid');
    const w = await newPage(s.browser, { mobile: true, baseURL: server.url });
    await signInWorker(w.page, worker);
    await w.page.getByTestId('tab-/results').click();
    await w.page.getByTestId('subsidy-card').waitFor();
    await expect.poll(async () => w.page.getByTestId('subsidy-card').first().textContent()).toContain('已支付');
    await shot(w.page, 'worker-subsidy-paid');

    // the bank's answer settled (核销) the voucher at import: it reads 已核销 and offers no QR code any more
    step('worker voucher settled');
    await w.page.getByTestId('tab-/vouchers').click();
    const card = w.page.getByTestId('voucher-card').filter({ hasText: '已核销' });
    await card.first().waitFor();
    await card.first().click();
    await w.page.getByTestId('no-qr').waitFor();
    expect(await w.page.getByTestId('show-qr').count()).toBe(0);
    expect(await w.page.locator('body').innerText()).toContain('已核销');
    await w.page.getByTestId('voucher-paid-note').first().waitFor(); // no "estimated subsidy" on a paid voucher
    await shot(w.page, 'worker-voucher-settled');
  }, 900_000);
});
