/**
 * Issue 20 §3's story in Chromium, on a server of its own (the demo world plus a claim made through the services,
 * tests/e2e/appeals-world.ts): the district officer rejects the claim → the worker (phone 390×844) reads the reason
 * on 我的补贴, taps 申诉, writes why and attaches a file → 我的申诉 shows it with its due date → the officer
 * (desktop) opens 申诉处理, reads the original decision and the text, takes it up and overturns it with a reason →
 * the worker sees the claim back in review and the answer. Every zh-CN screen is read for English words, UUIDs and
 * ISO timestamps, and photographed (test-artefacts/appeals-*.png).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, cleanZh, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';
import { startServerWithWorld, type Server } from './server';

// a 1×1 PNG: the server decides the type from these bytes
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const OPINION = '证书信息与全国联网查询结果不一致';
const TEXT = '我的证书已在全国联网查询中登记，驳回理由有误，请复核。';
const ANSWER = '经核实证书真实有效，撤销原驳回决定，补贴申请退回重新审核。';

let dataDir: string;
let server: Server;
let s: Session;
let world: { claimId: string; claimNumber: string; idNumber: string; name: string };
let worker: Page;
let officer: Page;

beforeAll(async () => {
  ({ dataDir, server, world } = await startServerWithWorld<typeof world>('sv-appeals-', 'appeals-world.ts'));
  s = await launch();
  worker = (await newPage(s.browser, { mobile: true, baseURL: server.url })).page;
  officer = (await newPage(s.browser, { baseURL: server.url })).page;
  await signIn(officer, 'demo.pudong');
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('申诉: a worker appeals a rejected claim, the officer overturns it, the claim changes', () => {
  it('the district officer rejects the claim; the worker reads why on 我的补贴 and taps 申诉 (phone)', async () => {
    const rejected = await apiCall<{ status: string }>(officer, 'POST', `/api/v1/subsidy/claims/${world.claimId}/decision`, {
      decision: 'reject',
      opinion: OPINION,
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    await signInWorker(worker, world);
    await worker.getByTestId('tab-/results').click();
    const card = worker.getByTestId('subsidy-card').first();
    await card.getByTestId('claim-rejected-reason').waitFor();
    expect(await card.getByTestId('claim-rejected-reason').innerText()).toContain(OPINION);
    expect(await card.locator('[data-status]').getAttribute('data-status')).toBe('rejected');
    await cleanZh(worker, '我的补贴 (驳回)');
    await shot(worker, 'appeals-1-claim-rejected');
    await card.getByTestId('claim-appeal').click();
    await worker.getByTestId('appeal-form').waitFor();
  });

  it('the worker writes the grounds, attaches a file and submits; 我的申诉 shows it with its due date (phone)', async () => {
    // an empty text is refused by the form, nothing sent
    await worker.getByTestId('appeal-submit').click();
    await worker.locator('.ant-form-item-explain-error').first().waitFor();
    await worker.getByTestId('appeal-text-input').fill(TEXT);
    const png = join(dataDir, '证书照片.png');
    writeFileSync(png, PNG);
    await worker.locator('.ant-upload input[type=file]').setInputFiles(png);
    await worker.getByText('证书照片.png').waitFor();
    await cleanZh(worker, '提出申诉');
    await shot(worker, 'appeals-2-form');
    await worker.getByTestId('appeal-submit').click();
    await worker.getByTestId('appeal-submitted').waitFor();
    expect(await worker.getByTestId('appeal-submitted').innerText()).toMatch(/\d{4}-\d{2}-\d{2} 前答复/);
    await shot(worker, 'appeals-3-submitted');
    await worker.getByTestId('appeal-to-mine').click();
    const card = worker.getByTestId('appeal-card').first();
    await card.waitFor();
    expect(await card.getByTestId('appeal-state').getAttribute('data-state')).toBe('submitted');
    expect(await card.getByTestId('appeal-deadline').innerText()).toContain('办理时限');
    await cleanZh(worker, '我的申诉');
    await shot(worker, 'appeals-4-mine-submitted');

    // 申诉 again on the same claim: the page says one is being handled (its number) instead of a form the server refuses
    await worker.getByTestId('tab-/results').click();
    await worker.getByTestId('subsidy-card').first().getByTestId('claim-appeal').click();
    await worker.getByTestId('appeal-pending').waitFor();
    expect(await worker.getByTestId('appeal-form').count()).toBe(0);
    const mine = await apiCall<{ items: Array<{ number: string; objectId: string }> }>(worker, 'GET', '/api/v1/appeals/mine');
    expect(await worker.locator('.ant-result').innerText()).toContain(mine.body.items.find((a) => a.objectId === world.claimId)!.number);
    await cleanZh(worker, '申诉已在办理中');
    await shot(worker, 'appeals-4b-already-open');
  });

  it('the officer opens 申诉处理, reads the decision, the text and the file, takes it up and overturns it (desktop)', async () => {
    await officer.goto('/appeals');
    await officer.getByTestId('appeals-page').waitFor();
    const row = officer.locator('tr', { hasText: world.claimNumber }).first();
    await row.waitFor();
    await cleanZh(officer, '申诉处理');
    await shot(officer, 'appeals-5-queue');
    await row.click();
    const drawer = officer.locator('.ant-drawer-content');
    await drawer.getByTestId('appeal-details').waitFor();
    expect(await drawer.getByTestId('appeal-original-reason').innerText()).toBe(OPINION);
    expect(await drawer.getByTestId('appeal-text').innerText()).toBe(TEXT);
    expect(await drawer.innerText()).toContain('证书照片.png');
    expect(await drawer.innerText()).not.toContain(world.name); // the person is masked
    await drawer.getByTestId('appeal-take').click();
    await officer.locator('.ant-modal-confirm .ant-btn-primary').click();
    await drawer.getByTestId('appeal-overturn').waitFor();
    await drawer.getByTestId('appeal-overturn').click();
    const modal = officer.locator('.ant-modal', { hasText: '撤销原决定？' });
    await modal.waitFor();
    // no reason: refused by the form
    await officer.locator('#appeal-answer-ok').click();
    await modal.locator('.ant-form-item-explain-error').waitFor();
    await officer.getByTestId('appeal-reason').fill(ANSWER);
    await cleanZh(officer, '撤销确认');
    await shot(officer, 'appeals-6-overturn-confirm');
    await officer.locator('#appeal-answer-ok').click();
    await drawer.getByTestId('appeal-effect').waitFor();
    expect(await drawer.getByTestId('appeal-effect').innerText()).toContain('退回重新审核');
    expect(await drawer.getByTestId('appeal-state').getAttribute('data-state')).toBe('answered');
    await cleanZh(officer, '申诉已答复');
    await shot(officer, 'appeals-7-overturned');
    const claim = await apiCall<{ status: string }>(officer, 'GET', `/api/v1/subsidy/claims/${world.claimId}`);
    expect(claim.body.status).toBe('in_review');
  });

  it('the worker sees the claim back in review and the answer in 我的申诉 (phone)', async () => {
    await worker.goto('/results');
    const card = worker.getByTestId('subsidy-card').first();
    await card.waitFor();
    await expect.poll(() => card.locator('[data-status]').first().getAttribute('data-status')).toBe('in_review');
    expect(await card.getByTestId('claim-appeal').count()).toBe(0);
    await cleanZh(worker, '我的补贴 (重新审核)');
    await shot(worker, 'appeals-8-claim-in-review');
    await worker.goto('/appeals');
    const a = worker.getByTestId('appeal-card').first();
    await a.getByTestId('appeal-card-answer').waitFor();
    expect(await a.getByTestId('appeal-card-answer').innerText()).toContain(ANSWER);
    expect(await a.getByTestId('appeal-card-answer').innerText()).toContain('撤销原决定');
    await cleanZh(worker, '我的申诉 (已答复)');
    await shot(worker, 'appeals-9-mine-answered');
  });
});
