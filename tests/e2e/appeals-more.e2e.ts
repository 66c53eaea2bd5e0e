/**
 * Issue 20 §3's other appeals in Chromium, on a server of its own (the demo world plus one flagged check-in made
 * through the attendance service, tests/e2e/appeals-checkin-world.ts); appeals.e2e.ts has the worker's claim appeal.
 *  - A provider appeals a check-in of its class rejected on review: the district officer rejects the flagged check-in
 *    (API, set-up) → demo.provider (desktop) sees it 无效 on the class's 考勤表, taps 申诉, writes why, attaches the
 *    sign-in sheet → 我的申诉 → the officer overturns it in 申诉处理 → the check-in counts on the provider's sheet
 *    and the provider reads the answer.
 *  - A rehabilitation refusal appealed by the worker: demo.injured1 applies and the committee refuses (API, set-up)
 *    → the worker (phone 390×844) reads the refusal on the case, taps 申诉 and submits → the officer overturns it →
 *    the case is re-opened on the worker's page (待劳鉴委决定, a 重新受理 step on the timeline).
 * Every zh-CN screen is read for English words, UUIDs and ISO timestamps, and photographed (test-artefacts/appeals2-*.png).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, cleanZh, demoWorkerIn, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';
import { startServerWithWorld, type Server } from './server';

const RAW = /[A-Z]{2,}_[A-Z_]+|check_in|rehab_refusal|rejected_after_review/;
const zh = { allowed: ['English', 'demo', 'Excel'], raw: RAW };
// a 1×1 PNG: the server decides the type from these bytes
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let dataDir: string;
let server: Server;
let s: Session;
let world: { checkInId: string; status: string; classId: string; trainee: string };
let officer: Page;

beforeAll(async () => {
  ({ dataDir, server, world } = await startServerWithWorld<typeof world>('sv-appeals2-', 'appeals-checkin-world.ts'));
  s = await launch();
  officer = (await newPage(s.browser, { baseURL: server.url })).page;
  await signIn(officer, 'demo.pudong');
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const demoWorker = (username: string) => demoWorkerIn(server.log(), username);

/** The appellant's form (the worker's phone page or the provider's staff page): the grounds, a file, submit. */
async function submitAppeal(page: Page, text: string, file: string, shotName: string): Promise<void> {
  await page.getByTestId('appeal-form').waitFor();
  await page.getByTestId('appeal-text-input').fill(text);
  const path = join(dataDir, file);
  writeFileSync(path, PNG);
  await page.locator('.ant-upload input[type=file]').setInputFiles(path);
  await page.getByText(file).waitFor();
  await cleanZh(page, '提出申诉', zh);
  await shot(page, shotName);
  await page.getByTestId('appeal-submit').click();
  await page.getByTestId('appeal-submitted').waitFor();
  expect(await page.getByTestId('appeal-submitted').innerText()).toMatch(/\d{4}-\d{2}-\d{2} 前答复/);
}

/** The officer's 申诉处理: opens the appeal by its number, checks what it shows, takes it up and overturns it. */
async function overturn(number: string, original: string, text: string, answer: string, shotName: string): Promise<string> {
  await officer.goto('/appeals');
  await officer.getByTestId('appeals-page').waitFor();
  const row = officer.locator('tr', { hasText: number }).first();
  await row.waitFor();
  await cleanZh(officer, '申诉处理', zh);
  await row.getByTestId(`appeal-open-${number}`).click();
  const drawer = officer.locator('.ant-drawer-content');
  await drawer.getByTestId('appeal-details').waitFor();
  expect(await drawer.getByTestId('appeal-original-reason').innerText()).toBe(original);
  expect(await drawer.getByTestId('appeal-text').innerText()).toBe(text);
  await drawer.getByTestId('appeal-take').click();
  await officer.locator('.ant-modal-confirm .ant-btn-primary').click();
  await drawer.getByTestId('appeal-overturn').waitFor();
  await drawer.getByTestId('appeal-overturn').click();
  await officer.locator('.ant-modal', { hasText: '撤销原决定？' }).waitFor();
  await officer.getByTestId('appeal-reason').fill(answer);
  await officer.locator('#appeal-answer-ok').click();
  await drawer.getByTestId('appeal-effect').waitFor();
  expect(await drawer.getByTestId('appeal-state').getAttribute('data-state')).toBe('answered');
  await cleanZh(officer, '申诉已答复', zh);
  await shot(officer, shotName);
  const effect = await drawer.getByTestId('appeal-effect').innerText();
  await officer.locator('.ant-drawer-close').click();
  return effect;
}

interface MyAppeal {
  id: string;
  number: string;
  kind: string;
  objectId: string;
  state: string;
}

describe('申诉 by a provider: a check-in of its class rejected on review', () => {
  const NOTE = '定位精度差，疑似代签';
  const TEXT = '该学员当天本人到课，附当日纸质签到表，请复核。';
  const ANSWER = '经核对签到表和授课记录，学员当天到课，撤销原复核结论，该次签到计入出勤。';
  let provider: Page;
  let number = '';

  it('the officer rejects the flagged check-in (set-up); the provider sees it 无效 on 考勤表 and taps 申诉 (desktop)', async () => {
    expect(world.status).toBe('flagged');
    const r = await apiCall<{ status: string }>(officer, 'POST', `/api/v1/check-in-flags/${world.checkInId}/decision`, { decision: 'reject', note: NOTE });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('rejected_after_review');

    provider = (await newPage(s.browser, { baseURL: server.url })).page;
    await signIn(provider, 'demo.provider');
    await provider.goto(`/classes/${world.classId}`);
    await provider.getByTestId('page-/classes/:id').waitFor();
    await provider.getByRole('tab', { name: '考勤表' }).click();
    const appealLink = provider.getByTestId('checkin-appeal');
    await appealLink.waitFor();
    expect(await appealLink.count()).toBe(1);
    const row = provider.locator('tr', { has: appealLink });
    // the trainee's name is masked on the provider's sheet (郑*丹)
    expect(await row.innerText()).toMatch(new RegExp(`^${world.trainee[0]}\\*`));
    expect(await row.innerText()).toContain('无效');
    await cleanZh(provider, '考勤表 (无效的签到)', zh);
    await shot(provider, 'appeals2-1-provider-attendance-rejected');
    await appealLink.click();
    expect(provider.url()).toContain(`/appeals/new/check_in/${world.checkInId}`);

    // the trainee (demo.worker5) on the phone: the rejected 课次 stands in the list as it opens (not among 30 rows),
    // saying why — the flag in words and the officer's note — beside its 申诉
    const trainee = (await newPage(s.browser, { mobile: true, baseURL: server.url })).page;
    await signInWorker(trainee, demoWorker('demo.worker5'));
    await trainee.goto('/training');
    const rejected = trainee.locator('[data-testid=session-row][data-state=rejected]');
    await rejected.waitFor();
    expect(await rejected.getByTestId('session-why').innerText()).toBe(`异常：定位精度差。 复核意见：${NOTE}`);
    expect(await rejected.getByTestId('checkin-appeal').count()).toBe(1);
    await cleanZh(trainee, '我的培训 (无效的签到)', zh);
    await shot(trainee, 'appeals2-1b-worker-training-rejected');
    await trainee.context().close();
  });

  it('the provider writes the grounds, attaches the sign-in sheet and submits; 我的申诉 shows it (desktop)', async () => {
    await submitAppeal(provider, TEXT, '签到表.png', 'appeals2-2-provider-form');
    await shot(provider, 'appeals2-3-provider-submitted');
    await provider.getByTestId('appeal-to-mine').click();
    await provider.getByTestId('page-/my-appeals').waitFor();
    const card = provider.getByTestId('appeal-card').first();
    await card.waitFor();
    expect(await card.getByTestId('appeal-state').getAttribute('data-state')).toBe('submitted');
    expect(await card.innerText()).toContain('签到复核未通过');
    await cleanZh(provider, '我的申诉 (机构)', zh);
    await shot(provider, 'appeals2-4-provider-mine');
    const mine = await apiCall<{ items: MyAppeal[] }>(provider, 'GET', '/api/v1/appeals/mine');
    const a = mine.body.items.find((x) => x.kind === 'check_in' && x.objectId === world.checkInId);
    expect(a).toBeTruthy();
    number = a!.number;
  });

  it('the officer overturns it in 申诉处理; the check-in counts on the provider’s sheet and the answer is in 我的申诉', async () => {
    const effect = await overturn(number, NOTE, TEXT, ANSWER, 'appeals2-5-officer-checkin-overturned');
    expect(effect).toContain('该次签到已计入出勤');
    await provider.goto(`/classes/${world.classId}`);
    await provider.getByTestId('page-/classes/:id').waitFor();
    await provider.getByRole('tab', { name: '考勤表' }).click();
    await provider.locator('tr', { hasText: '出勤' }).first().waitFor();
    expect(await provider.getByTestId('checkin-appeal').count()).toBe(0);
    const att = await apiCall<{ trainees: Array<{ sessions: Array<{ checkInId: string | null; mark: string }> }> }>(
      provider,
      'GET',
      `/api/v1/classes/${world.classId}/attendance`,
    );
    const mark = att.body.trainees.flatMap((t) => t.sessions).find((x) => x.checkInId === world.checkInId);
    expect(mark?.mark).toBe('attended');
    await cleanZh(provider, '考勤表 (撤销后)', zh);
    await shot(provider, 'appeals2-6-provider-attendance-counts');
    await provider.goto('/my-appeals');
    const card = provider.getByTestId('appeal-card').first();
    await card.getByTestId('appeal-card-answer').waitFor();
    expect(await card.getByTestId('appeal-card-answer').innerText()).toContain(ANSWER);
    expect(await card.getByTestId('appeal-card-answer').innerText()).toContain('撤销原决定');
    await cleanZh(provider, '我的申诉 (机构, 已答复)', zh);
    await shot(provider, 'appeals2-7-provider-mine-answered');
  });
});

describe('申诉 by a worker: a rehabilitation application refused by the committee', () => {
  const REFUSAL = '目前功能恢复良好，无需住院康复。';
  const TEXT = '复查显示膝关节屈曲仅 60 度，行走困难，确需住院康复，附复查报告。';
  const ANSWER = '复查材料显示功能障碍明显，撤销原不予安排决定，请劳动能力鉴定委员会重新决定。';
  let worker: Page;
  let caseId = '';
  let number = '';

  it('the worker applies and the committee refuses (set-up); the worker reads the refusal and taps 申诉 (phone)', async () => {
    worker = (await newPage(s.browser, { mobile: true, baseURL: server.url })).page;
    await signInWorker(worker, demoWorker('demo.injured1'));
    const recs = await apiCall<{ items: Array<{ id: string }> }>(worker, 'GET', '/api/v1/rehab/recognitions');
    expect(recs.body.items.length).toBeGreaterThan(0);
    const hospitals = await apiCall<{ items: Array<{ id: string }> }>(worker, 'GET', '/api/v1/rehab/hospitals');
    const applied = await apiCall<{ id: string }>(worker, 'POST', '/api/v1/rehab/cases', {
      recognitionId: recs.body.items[0]!.id,
      conditionCode: 'fracture',
      treatmentSummary: '右胫骨骨折内固定术后六周，膝关节活动受限。',
      homeAddress: '浦东新区张杨路 100 弄 5 号',
      homeLocation: { lat: 31.2286, lng: 121.529 },
      preferences: [{ hospitalId: hospitals.body.items[0]!.id, reason: '离家近' }],
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    caseId = applied.body.id;
    const committee = (await newPage(s.browser, { baseURL: server.url })).page;
    await signIn(committee, 'demo.committee');
    const refused = await apiCall<{ status: string }>(committee, 'POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      outcome: 'refuse',
      refusalReason: 'not_needed',
      reason: REFUSAL,
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(201);
    expect(refused.body.status).toBe('refused');
    await committee.context().close();

    await worker.goto(`/rehab/cases/${caseId}`);
    await worker.getByTestId('rehab-appeal').waitFor();
    expect(await worker.getByTestId('rehab-status').first().getAttribute('data-status')).toBe('refused');
    expect(await worker.locator('body').innerText()).toContain(REFUSAL);
    await cleanZh(worker, '康复案件 (不予安排)', zh);
    await shot(worker, 'appeals2-8-worker-rehab-refused');
    expect(await worker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await worker.getByTestId('rehab-appeal').click();
  });

  it('the worker writes the grounds, attaches the report and submits; 我的申诉 shows it (phone)', async () => {
    await submitAppeal(worker, TEXT, '复查报告.png', 'appeals2-9-worker-form');
    await worker.getByTestId('appeal-to-mine').click();
    const card = worker.getByTestId('appeal-card').first();
    await card.waitFor();
    expect(await card.getByTestId('appeal-state').getAttribute('data-state')).toBe('submitted');
    expect(await card.innerText()).toContain('工伤康复申请未获安排');
    await cleanZh(worker, '我的申诉 (康复)', zh);
    await shot(worker, 'appeals2-10-worker-mine');
    const mine = await apiCall<{ items: MyAppeal[] }>(worker, 'GET', '/api/v1/appeals/mine');
    number = mine.body.items.find((x) => x.kind === 'rehab_refusal' && x.objectId === caseId)!.number;
    expect(number).toMatch(/^SS\d{14}$/);
  });

  it('the officer overturns it; the case is re-opened on the worker’s page (phone)', async () => {
    const effect = await overturn(number, REFUSAL, TEXT, ANSWER, 'appeals2-11-officer-rehab-overturned');
    expect(effect).toContain('康复申请已重新受理');
    await worker.goto(`/rehab/cases/${caseId}`);
    await worker.getByTestId('rehab-timeline').waitFor();
    await expect.poll(() => worker.getByTestId('rehab-status').first().getAttribute('data-status')).toBe('submitted');
    expect(await worker.getByTestId('rehab-appeal').count()).toBe(0);
    await expect.poll(() => worker.locator('[data-testid=rehab-event][data-kind=reopened]').count()).toBe(1);
    await cleanZh(worker, '康复案件 (重新受理)', zh);
    await shot(worker, 'appeals2-12-worker-rehab-reopened');
    expect(await worker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await worker.goto('/appeals');
    const a = worker.getByTestId('appeal-card').first();
    await a.getByTestId('appeal-card-answer').waitFor();
    expect(await a.getByTestId('appeal-card-answer').innerText()).toContain(ANSWER);
    await cleanZh(worker, '我的申诉 (康复, 已答复)', zh);
    await shot(worker, 'appeals2-13-worker-mine-answered');
  });
});
