/**
 * The HTTP SMS adapter against a local fake gateway: every request is signed (HMAC-SHA256 over timestamp, nonce
 * and body, checked by the fake with the shared secret), carries the outbox row's id as Idempotency-Key; a 5xx is
 * tried again after the back-off and a 4xx goes to the dead-letter list — on both engines, through the worker.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../lib/clock.js';
import { businessDate } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { configureSmsGateway, HttpSmsGateway, signSms, SmsSendError } from './gateway.js';
import { deliverDue, notify } from './service.js';

const SECRET = 'test-secret-不要用于生产';
const KEY = 'sv-test';

interface Received {
  to: string;
  text: string;
  key: string;
  signatureOk: boolean;
}

/** A fake gateway: answers by the script (status per call), checks signatures, dedupes by Idempotency-Key. */
function fakeGateway() {
  const state = { script: [] as number[], received: [] as Received[], delivered: new Map<string, number>() };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const h = (n: string) => String(req.headers[n] ?? '');
      const want = Buffer.from(signSms(SECRET, h('x-sms-timestamp'), h('x-sms-nonce'), body));
      const got = Buffer.from(h('x-sms-signature'));
      const signatureOk = h('x-sms-key') === KEY && got.length === want.length && timingSafeEqual(got, want);
      const json = JSON.parse(body) as { to: string; text: string; idempotencyKey: string };
      state.received.push({ to: json.to, text: json.text, key: h('idempotency-key'), signatureOk });
      const status = !signatureOk ? 401 : (state.script.shift() ?? 200);
      if (status === 200) state.delivered.set(json.idempotencyKey, (state.delivered.get(json.idempotencyKey) ?? 0) + 1);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 200 ? { ok: true } : { error: `status ${status}` }));
    });
  });
  return { server, state };
}

let t: TestApp;
let fake: ReturnType<typeof fakeGateway>;
let url: string;
let day: string;
let seq = 0;
const at = (hm: string) => new Date(`${day}T${hm}:00+08:00`);

beforeAll(async () => {
  t = await createTestApp();
  fake = fakeGateway();
  await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/sms`;
  day = businessDate(new Date());
});
afterAll(async () => {
  resetClock();
  await new Promise((r) => fake.server.close(r));
  await t.close();
});
beforeEach(() => {
  setClock({ at: at('09:00') });
  fake.state.script = [];
  fake.state.received = [];
});

const gw = (secret = SECRET) => new HttpSmsGateway({ url, key: KEY, secret, timeoutMs: 5_000 });

async function smsRow(): Promise<{ id: string; key: string }> {
  const key = `gw-${++seq}`;
  await t.db.tx((tx) => notify(tx, { event: 'claim.approved', key, personId: t.fx.persons.worker!.id, vars: { amountYuan: '1,200.00' } }));
  return { id: (await t.db.query<{ id: string }>(`SELECT id FROM message_outbox WHERE key = $1 AND channel = 'sms'`, [key])).rows[0]!.id, key };
}
const stateOf = async (id: string) =>
  (
    await t.db.query<{ state: string; attempts: number; last_error: string | null }>('SELECT state, attempts, last_error FROM message_outbox WHERE id = $1', [
      id,
    ])
  ).rows[0]!;

describe('the HTTP SMS gateway', () => {
  it('signs each request; the fake checks the signature and receives the text and the idempotency key', async () => {
    const { id } = await smsRow();
    await deliverDue(t.db, { gateway: () => gw() });
    expect(fake.state.received).toEqual([{ to: '13800000000', text: expect.stringContaining('1,200.00 元') as string, key: id, signatureOk: true }]);
    expect(await stateOf(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('a wrong secret is refused by the gateway (4xx): a dead letter at once', async () => {
    const { id } = await smsRow();
    await deliverDue(t.db, { gateway: () => gw('wrong') });
    expect(fake.state.received.map((r) => r.signatureOk)).toEqual([false]);
    expect(await stateOf(id)).toMatchObject({ state: 'dead', attempts: 1, last_error: expect.stringContaining('401') as string });
  });

  it('5xx: tried again after the back-off, then sent once', async () => {
    const { id } = await smsRow();
    fake.state.script = [503, 502];
    await deliverDue(t.db, { gateway: () => gw() });
    expect(await stateOf(id)).toMatchObject({ state: 'queued', attempts: 1, last_error: expect.stringContaining('503') as string });
    setClock({ at: at('09:01') });
    await deliverDue(t.db, { gateway: () => gw() });
    expect(await stateOf(id)).toMatchObject({ state: 'queued', attempts: 2 });
    setClock({ at: at('09:05') });
    await deliverDue(t.db, { gateway: () => gw() });
    expect(await stateOf(id)).toMatchObject({ state: 'sent', attempts: 3 });
    expect(fake.state.received.map((r) => r.key)).toEqual([id, id, id]);
    expect(fake.state.delivered.get(id)).toBe(1);
  });

  it('4xx (a bad number): a dead letter without retries; the officer retries it and it goes', async () => {
    const { id } = await smsRow();
    fake.state.script = [400];
    await deliverDue(t.db, { gateway: () => gw() });
    expect(await stateOf(id)).toMatchObject({ state: 'dead', attempts: 1 });
    setClock({ at: at('12:00') });
    await deliverDue(t.db, { gateway: () => gw() });
    expect(fake.state.received).toHaveLength(1);
    expect((await t.call('POST', `/api/v1/messages/dead-letters/${id}/retry`, { as: 'city_admin' })).statusCode).toBe(200);
    await deliverDue(t.db, { gateway: () => gw() });
    expect(await stateOf(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('the SMS page follows the gateway: configured real gateway → gateway, a text it delivered → via gateway (not simulated)', async () => {
    const { id } = await smsRow();
    const listed = async () => {
      const r = await t.call('GET', '/api/v1/messages/sms-simulator?limit=500', { as: 'city_admin' });
      expect(r.statusCode).toBe(200);
      const body = r.json() as { gateway: string; items: Array<{ id: string; state: string; via: string | null }> };
      return { gateway: body.gateway, row: body.items.find((x) => x.id === id) };
    };
    configureSmsGateway({ kind: 'http', url, key: KEY, secret: SECRET });
    try {
      expect(await listed()).toMatchObject({ gateway: 'gateway', row: { state: 'scheduled', via: null } });
      await deliverDue(t.db);
      expect(fake.state.delivered.get(id)).toBe(1);
      expect(await listed()).toMatchObject({ gateway: 'gateway', row: { state: 'sent', via: 'gateway' } });
    } finally {
      configureSmsGateway({ kind: 'simulator' });
    }
    // back on the simulator: the page says so, and the text the gateway delivered still says it went through the gateway
    expect(await listed()).toMatchObject({ gateway: 'simulator', row: { state: 'sent', via: 'gateway' } });
    expect(await t.count('sms_simulator_sent', `idempotency_key = '${id}'`)).toBe(0);
  });

  it('an unreachable gateway is a retryable failure; 429 too', async () => {
    const dead = new HttpSmsGateway({ url: 'http://127.0.0.1:1/sms', key: KEY, secret: SECRET, timeoutMs: 2_000 });
    await expect(dead.send('13800000000', 'x', 'k')).rejects.toMatchObject({ permanent: false });
    fake.state.script = [429];
    const e = await gw()
      .send('13800000000', 'x', 'k2')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmsSendError);
    expect(e).toMatchObject({ permanent: false });
  });
});
