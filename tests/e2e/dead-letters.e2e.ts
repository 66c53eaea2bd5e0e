/**
 * Issue 20 §1's dead letters in Chromium, on a server of its own whose SMS go through the HTTP gateway adapter
 * (SMS_GATEWAY_URL) to a fake gateway this test runs on a loopback port — no switch inside the application. The
 * gateway first refuses every request (401: a wrong key, a refusal that sending again cannot cure), so the SMS of a
 * voucher-issued message is dead after its first attempt (so are the demo world's own SMS; they stay on the list). The city admin opens 投递失败, reads the row in zh-CN
 * (kind, channel, recipient, attempts, time; the gateway's own English words only behind 查看技术原因), "fixes the
 * cause" (the fake gateway now accepts), clicks 重新投递 and confirms: the row leaves the list, the delivery job sends
 * the SMS again and the gateway receives it with the same idempotency key. Screens: test-artefacts/dead-letters-*.png.
 *
 * The server runs at the coming 11:00 Shanghai time (libfaketime), outside the SMS quiet hours (22:00–08:00), so an
 * SMS is due at once whenever the test runs.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, cleanZh, DEMO_TOTP_SECRET, demoWorkerIn, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';
import { freePort, startServer, type Server } from './server';

const RAW = /[A-Z]{2,}_[A-Z_]+|voucher\.issued|\bsms\b/;

/** The fake SMS gateway: refuses (401) until `accept` is set; keeps every request it answered. */
interface FakeGateway {
  url: string;
  accept: boolean;
  requests: Array<{ status: number; to: string; text: string; idempotencyKey: string; signed: boolean }>;
  close: () => Promise<void>;
}

async function fakeGateway(): Promise<FakeGateway> {
  const port = await freePort();
  const g: FakeGateway = { url: `http://127.0.0.1:${port}/sms`, accept: false, requests: [], close: async () => undefined };
  const http: HttpServer = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const b = JSON.parse(body || '{}') as { to?: string; text?: string; idempotencyKey?: string };
      const status = g.accept ? 200 : 401;
      g.requests.push({
        status,
        to: b.to ?? '',
        text: b.text ?? '',
        idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
        signed: req.headers['x-sms-key'] === 'e2e-key' && typeof req.headers['x-sms-signature'] === 'string',
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(g.accept ? '{"ok":true}' : '{"error":"invalid api key"}');
    });
  });
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
  g.close = () => new Promise((r) => http.close(() => r()));
  return g;
}

/** Seconds from now to the coming 11:00 in Shanghai (UTC+8, no summer time). */
function secondsToShanghaiEleven(): number {
  const day = 86_400;
  const shanghaiSecondOfDay = (Math.floor(Date.now() / 1000) + 8 * 3600) % day;
  return (11 * 3600 - shanghaiSecondOfDay + day) % day;
}

let s: Session;
let server: Server;
let gateway: FakeGateway;
let offsetMs = 0;
beforeAll(async () => {
  gateway = await fakeGateway();
  const offset = secondsToShanghaiEleven();
  offsetMs = offset * 1000;
  server = await startServer(mkdtempSync(join(tmpdir(), 'sv-dead-letters-')), await freePort(), {
    fakeOffset: `+${offset}`,
    env: { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_KEY: 'e2e-key', SMS_GATEWAY_SECRET: 'e2e-secret-for-the-fake-gateway' },
  });
  s = await launch();
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
  await gateway?.close();
});

const worker = (n: number) => demoWorkerIn(server.log(), `demo.worker${n}`);

/** Polls `f` (the delivery job runs every minute) until it holds. */
async function until(page: Page, what: string, f: () => Promise<boolean> | boolean, ms = 180_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await page.waitForTimeout(2000);
  }
}

describe('投递失败: an SMS the gateway refused, delivered again by an officer', () => {
  it('the SMS dies at the refusing gateway; the city admin reads the row in Chinese, retries it and it is delivered', async () => {
    // the demo world's own SMS (seeded vouchers, admissions) meet the refusing gateway too; the worker's comes after
    // the worker applies for a voucher (API: the set-up, not the story); its voucher-issued message has an SMS
    const w = await newPage(s.browser, { mobile: true, baseURL: server.url });
    await signInWorker(w.page, worker(1));
    const me = await apiCall<{ phoneMasked: string | null }>(w.page, 'GET', '/api/v1/persons/me');
    const masked = me.body.phoneMasked;
    expect(masked, 'demo.worker1 has a phone on file').toBeTruthy();
    const before = gateway.requests.length;
    const applied = await apiCall<{ voucher?: { id: string } }>(w.page, 'POST', '/api/v1/vouchers/apply', { occupationCode: '4-10-01-05', level: 4 });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    await w.ctx.close();

    // the delivery job tries the SMS at the gateway, which refuses it: dead after the first attempt
    const toWorker = (r: FakeGateway['requests'][number]) => r.to.slice(0, 3) === masked!.slice(0, 3) && r.to.slice(-4) === masked!.slice(-4);
    const city = await newPage(s.browser, { baseURL: server.url });
    await signIn(city.page, 'demo.city', { totpSecret: DEMO_TOTP_SECRET, clockOffsetMs: offsetMs });
    await until(city.page, 'the worker’s SMS at the gateway', () => gateway.requests.slice(before).some(toWorker));
    const first = gateway.requests.slice(before).find(toWorker)!;
    expect(first.status).toBe(401);
    expect(first.signed, 'the request carried the key and a signature').toBe(true);
    expect(first.text).toContain('培训券');
    const key = first.idempotencyKey;
    type Dead = { items: Array<{ id: string; event: string; channel: string; attempts: number; lastError: string }> };
    const deadOf = async (id: string) => (await apiCall<Dead>(city.page, 'GET', '/api/v1/messages/dead-letters?limit=100')).body.items.find((d) => d.id === id);
    await until(city.page, 'the refused SMS in the dead letters', async () => !!(await deadOf(key)));
    const dead = (await deadOf(key))!;
    expect(dead).toMatchObject({ event: 'voucher.issued', channel: 'sms', attempts: 1 });
    expect(dead.lastError).toContain('401');
    expect(gateway.requests.filter((r) => r.idempotencyKey === key).map((r) => r.status)).toEqual([401]);

    // 投递失败 from the menu: the row in Chinese, the gateway's words behind a click
    await city.page.goto('/messages/dead-letters');
    await city.page.getByTestId('dead-letters-table').waitFor();
    const row = city.page.locator(`[data-testid=dead-letters-table] tr[data-row-key="${dead.id}"]`);
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('短信');
    expect(rowText).toContain('培训券');
    expect(rowText).toContain('查看技术原因');
    expect(rowText).not.toContain('401');
    await cleanZh(city.page, '投递失败', { raw: RAW });
    await shot(city.page, 'dead-letters-1-refused');
    await row.getByText('查看技术原因').click();
    await expect.poll(() => city.page.locator('.ant-popover:visible').innerText()).toContain('401');
    await shot(city.page, 'dead-letters-2-technical-detail');
    await row.getByText('查看技术原因').click();

    // the cause is fixed (the gateway accepts again); the officer puts the message back in the queue
    gateway.accept = true;
    await row.getByTestId('dead-letter-retry').click();
    const confirm = city.page.locator('.ant-popconfirm:visible');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('确认重新投递这条消息');
    await shot(city.page, 'dead-letters-3-confirm');
    await confirm.locator('.ant-btn-primary').click();
    await city.page.locator('.ant-message-success', { hasText: '已重新排队投递' }).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    await cleanZh(city.page, '投递失败（重新投递后）', { raw: RAW });
    await shot(city.page, 'dead-letters-4-retried');

    // the delivery job sends it again: the gateway accepts it under the same idempotency key; it stays off the list
    await until(city.page, 'the SMS delivered again', () => gateway.requests.some((r) => r.idempotencyKey === key && r.status === 200));
    expect(gateway.requests.filter((r) => r.idempotencyKey === key).map((r) => r.status)).toEqual([401, 200]);
    expect(gateway.requests.filter((r) => r.idempotencyKey === key && r.status === 200)[0]!.text).toBe(first.text);
    expect(await deadOf(key)).toBeUndefined();
    await city.page.getByRole('button', { name: /刷\s*新/ }).click();
    await city.page.getByTestId('dead-letters-table').locator('tbody tr').first().waitFor();
    expect(await row.count()).toBe(0);
    await shot(city.page, 'dead-letters-5-delivered');

    // the retry is in the audit log: who put which message back
    const auditLog = await apiCall<{ items: Array<{ action: string; entityId: string }> }>(
      city.page,
      'GET',
      `/api/v1/audit?action=message.retry&entityId=${dead.id}`,
    );
    expect(auditLog.status).toBe(200);
    expect(auditLog.body.items.map((a) => a.action)).toEqual(['message.retry']);
    expect(city.errors).toEqual([]);
    await city.ctx.close();
  });
});
