/**
 * Issue 19 §4 in Chromium: demo.worker2 gets a certificate (imported by the city admin, as an assessment body's sheet
 * would bring it); the public employment service's postings are pulled and demo.enterprise posts a job; the worker's home
 * says postings match the certificate, the worker reads why, consents and marks interest on the phone; the enterprise sees
 * the candidate by name and records the contact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_TOTP_SECRET, demoWorkers, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => s?.close());

const TITLE = '养老护理员（demo 企业招聘）';

describe('jobs and recommendations', () => {
  it('a worker with a new certificate sees a matching job with why, consents and marks interest; the employer sees them by name', async () => {
    const worker = demoWorkers().find((w) => w.username === 'demo.worker2')!;
    const city = await newPage(s.browser);
    await signIn(city.page, 'demo.city', { totpSecret: DEMO_TOTP_SECRET });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const csv = `证书编号,证书类型,身份证号,姓名,职业代码,等级,发证机构,发证日期\nE2E-JOBS-0001,职业技能等级证书,${worker.idNumber},${worker.name},4-10-01-05,4,上海技能评价中心,${today}\n`;
    const imp = await city.page.request.fetch('/api/v1/certificates/import', { method: 'POST', data: csv, headers: { 'content-type': 'text/csv' } });
    expect(imp.status(), await imp.text()).toBe(200);
    expect((await imp.json()).imported).toBe(1);
    expect((await apiCall(city.page, 'POST', '/api/v1/jobs/feed/sync')).status).toBe(200);

    const ent = await newPage(s.browser);
    await signIn(ent.page, 'demo.enterprise');
    const until = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const posted = await apiCall<{ id: string }>(ent.page, 'POST', '/api/v1/jobs/postings', {
      title: TITLE,
      occupationCode: '4-10-01-05',
      level: 4,
      address: '浦东新区世纪大道 100 号',
      lat: 31.2355,
      lng: 121.5055,
      payMinFen: 700_000,
      payMaxFen: 900_000,
      headcount: 2,
      validUntil: until,
    });
    expect(posted.status).toBe(201);

    const { page, errors } = await newPage(s.browser, { mobile: true });
    await signInWorker(page, worker);
    await page.getByTestId('jobs-banner').click();
    const card = page.getByTestId('job-card').filter({ hasText: TITLE });
    await card.waitFor();
    expect(await card.getByTestId('job-reasons').innerText()).toContain('持有养老护理员四级证书');
    await card.getByTestId('job-consent').click();
    await card.getByTestId('job-interest').click();
    await expect.poll(async () => card.getByTestId('job-interest-state').textContent()).toBe('已同意用人单位联系您');
    await shot(page, 'jobs-worker-recommendations');
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(text).not.toMatch(/CERTIFICATE|SAME_DISTRICT|[0-9a-f]{8}-[0-9a-f]{4}-/);
    // what a worker decides on: the pay in whole 元 (not fen, not ¥….00), the employer's district, distances in 公里
    expect(await card.getByTestId('job-pay').innerText()).toBe('月薪 7,000 ~ 9,000 元');
    expect(await card.innerText()).toContain('浦东新区');
    expect(text).not.toMatch(/¥|\bkm\b/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // the consent line is a thumb-sized target
    const consentBox = await card.locator('.ant-checkbox-wrapper', { has: page.getByTestId('job-consent') }).boundingBox();
    expect(consentBox!.height).toBeGreaterThanOrEqual(44);

    // 岗位查询: how many postings were found, and an empty search says what to try next
    await page.getByText('岗位查询', { exact: true }).click();
    await expect.poll(async () => page.getByTestId('job-search-total').innerText()).toMatch(/^共 \d+ 个岗位$/);
    await page.getByTestId('job-search-card').filter({ hasText: TITLE }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const searchBox = await page.locator('.job-search .ant-input-search').boundingBox();
    expect(searchBox!.height).toBeGreaterThanOrEqual(44);
    await shot(page, 'jobs-worker-search');
    await page.getByPlaceholder('岗位或单位名称').fill('没有这个岗位');
    await page.getByPlaceholder('岗位或单位名称').press('Enter');
    await expect.poll(async () => page.getByTestId('job-search-empty').innerText()).toContain('换个关键词或区再试试');
    await shot(page, 'jobs-worker-search-empty');
    expect(errors).toEqual([]);

    await ent.page.goto('/job-postings');
    const row = ent.page.getByTestId('job-postings').locator('tr', { hasText: TITLE });
    await row.waitFor();
    // the employer's list: the pay range in 元 under a 月薪（元） head, the headcount in 人
    const head = await ent.page.getByTestId('job-postings').locator('thead').innerText();
    expect(head).toContain('月薪（元）');
    expect(head).toContain('招聘人数');
    const rowText = (await row.innerText()).replace(/\s+/g, ' ');
    expect(rowText).toContain('7,000 ~ 9,000');
    expect(rowText).toContain('2 人');
    expect(rowText).not.toMatch(/¥|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await shot(ent.page, 'jobs-enterprise-postings');
    await row.getByTestId('job-candidates-open').click();
    const drawer = ent.page.getByTestId('job-candidates');
    await drawer.getByText(worker.name).waitFor();
    await drawer.getByTestId('job-contacted').click();
    await drawer.getByText('已联系').first().waitFor();
    // the time the worker showed interest is labelled as such (not 评价时间), to the minute in Shanghai time
    const dhead = await drawer.locator('thead').innerText();
    expect(dhead).toContain('表示意向时间');
    expect(dhead).not.toContain('评价时间');
    expect(await drawer.locator('tbody').innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?!:)/);
    await shot(ent.page, 'jobs-enterprise-candidates');
    expect(ent.errors).toEqual([]);
  });
});
