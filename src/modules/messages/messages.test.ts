/**
 * The messages module on the real app and database (both engines): the outbox is written in the event's
 * transaction (a rolled-back event sends nothing), each event is delivered once under repeated notifications,
 * retries and concurrent workers, preferences and quiet hours are honoured, and the inbox, preferences,
 * simulator and dead-letter routes answer their owners only (another account's message → 404), refusing bad
 * input with nothing written.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { now as clockNow, resetClock, setClock } from '../../lib/clock.js';
import { addDays, businessDate } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { SmsSendError, type SmsGateway } from './gateway.js';
import { deliverDue, notify } from './service.js';

let t: TestApp;
let day: string;
const at = (d: string, hm: string) => new Date(`${d}T${hm}:00+08:00`);
let workerPerson: string;
let workerBPerson: string;
let seq = 0;

/** A gateway that fails `failures` times (not permanently, or permanently), then accepts; it counts what it accepted. */
function flaky(failures: number, permanent = false): SmsGateway & { accepted: string[]; calls: number } {
  const g = {
    name: 'test',
    accepted: [] as string[],
    calls: 0,
    async send(_to: string, _text: string, key: string) {
      g.calls++;
      if (g.calls <= failures) throw new SmsSendError(permanent ? 'gateway answered 400: bad number' : 'gateway answered 503', permanent);
      g.accepted.push(key);
    },
  };
  return g;
}

const voucherIssued = (personId: string, key = `v-${++seq}`) =>
  ({ event: 'voucher.issued', key, personId, vars: { voucherNo: `SH2026${seq}`, validThrough: '2027-03-31' }, link: `/vouchers/${key}` }) as const;

const outbox = async (key: string) =>
  (
    await t.db.query<{ channel: string; state: string; attempts: number; next_attempt_at: Date }>(
      'SELECT channel, state, attempts, next_attempt_at FROM message_outbox WHERE key = $1 ORDER BY channel',
      [key],
    )
  ).rows;

beforeAll(async () => {
  t = await createTestApp();
  workerPerson = t.fx.persons.worker!.id;
  workerBPerson = t.fx.persons.worker_b!.id;
  day = businessDate(new Date());
});
afterAll(async () => {
  resetClock();
  await t.close();
});
beforeEach(() => {
  setClock({ at: at(day, '10:00') });
});

describe('the outbox, in the transaction of the event', () => {
  it('a rolled-back event leaves no message', async () => {
    const n = voucherIssued(workerPerson);
    await expect(
      t.db.tx(async (tx) => {
        expect(await notify(tx, n)).toBe(2); // in-app and SMS
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await t.count('message_outbox', `key = '${n.key}'`)).toBe(0);
  });

  it('the same event notified twice is written once, and delivered once even when workers run together and again', async () => {
    const n = voucherIssued(workerPerson);
    expect(await t.db.tx((tx) => notify(tx, n))).toBe(2);
    expect(await t.db.tx((tx) => notify(tx, n))).toBe(0);
    const g = flaky(0);
    await Promise.all([deliverDue(t.db, { gateway: () => g }), deliverDue(t.db, { gateway: () => g }), deliverDue(t.db, { gateway: () => g })]);
    await deliverDue(t.db, { gateway: () => g });
    expect((await outbox(n.key)).map((r) => [r.channel, r.state, r.attempts])).toEqual([
      ['inbox', 'sent', 1],
      ['sms', 'sent', 1],
    ]);
    expect(await t.count('message_inbox i JOIN message_outbox o ON o.id = i.outbox_id', `o.key = '${n.key}'`)).toBe(1);
    expect(g.accepted.length).toBe(1);
  });

  it('an unknown event, a missing variable or no recipient is a programming error, nothing written', async () => {
    const before = await t.count('message_outbox');
    await expect(t.db.tx((tx) => notify(tx, { event: 'voucher.issued', key: 'x', personId: workerPerson, vars: { voucherNo: '1' } }))).rejects.toThrow(
      /needs validThrough/,
    );
    await expect(t.db.tx((tx) => notify(tx, { event: 'nope' as never, key: 'x', personId: workerPerson, vars: {} }))).rejects.toThrow(/unknown event/);
    await expect(t.db.tx((tx) => notify(tx, { event: 'claim.held', key: 'x', vars: { reason: 'r' } }))).rejects.toThrow(/no recipient/);
    expect(await t.count('message_outbox')).toBe(before);
  });
});

describe('retries, back-off and the dead-letter list', () => {
  it('a failing gateway is tried again after the back-off, and the message is sent once', async () => {
    const n = voucherIssued(workerPerson);
    await t.db.tx((tx) => notify(tx, n));
    const g = flaky(2);
    const first = await deliverDue(t.db, { gateway: () => g });
    expect(first).toMatchObject({ sent: 1, retried: 1 }); // the inbox went; the SMS failed
    let sms = (await outbox(n.key))[1]!;
    expect([sms.state, sms.attempts, sms.next_attempt_at.toISOString()]).toEqual(['queued', 1, new Date(at(day, '10:00').getTime() + 30_000).toISOString()]);
    expect((await deliverDue(t.db, { gateway: () => g })).retried).toBe(0); // not due yet
    setClock({ at: new Date(at(day, '10:00').getTime() + 31_000) });
    expect((await deliverDue(t.db, { gateway: () => g })).retried).toBe(1);
    setClock({ at: at(day, '10:10') });
    expect((await deliverDue(t.db, { gateway: () => g })).sent).toBe(1);
    sms = (await outbox(n.key))[1]!;
    expect([sms.state, sms.attempts]).toEqual(['sent', 3]);
    expect(g.accepted).toHaveLength(1);
  });

  it('a refusal by the gateway goes to the dead-letter list; officers see it in their scope; a retry re-queues it', async () => {
    const n = voucherIssued(workerPerson);
    await t.db.tx((tx) => notify(tx, n));
    const refused = flaky(1, true);
    expect(await deliverDue(t.db, { gateway: () => refused })).toMatchObject({ sent: 1, dead: 1 });
    const id = (await t.db.query<{ id: string }>(`SELECT id FROM message_outbox WHERE key = $1 AND channel = 'sms'`, [n.key])).rows[0]!.id;

    const city = await t.call('GET', '/api/v1/messages/dead-letters', { as: 'city_admin' });
    expect(city.statusCode).toBe(200);
    const item = city.json().items.find((x: { id: string }) => x.id === id);
    expect(item).toMatchObject({ event: 'voucher.issued', channel: 'sms', attempts: 1, lastError: 'gateway answered 400: bad number' });
    expect(item.recipientLabel).not.toContain('王小'); // masked
    expect((await t.call('GET', '/api/v1/messages/dead-letters', { as: 'district_admin' })).json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await t.call('GET', '/api/v1/messages/dead-letters', { as: 'district_admin_b' })).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await t.call('GET', '/api/v1/messages/dead-letters', { as: 'auditor' })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/messages/dead-letters', { as: 'worker' })).statusCode).toBe(403);

    // refusals: nothing written
    const audits = await t.count('audit_log');
    expect((await t.call('POST', `/api/v1/messages/dead-letters/${id}/retry`, { as: 'auditor' })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/v1/messages/dead-letters/${id}/retry`, { as: 'district_admin_b' })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/messages/dead-letters/not-an-id/retry`, { as: 'city_admin' })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'params.id',
    });
    expect(await t.count('audit_log')).toBe(audits);
    expect(await t.count('message_outbox', `id = '${id}' AND state = 'dead'`)).toBe(1);

    const retry = await t.call('POST', `/api/v1/messages/dead-letters/${id}/retry`, { as: 'district_admin' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ id, state: 'queued' });
    expect((await t.call('POST', `/api/v1/messages/dead-letters/${id}/retry`, { as: 'city_admin' })).statusCode).toBe(404); // no longer dead
    const g = flaky(0);
    expect((await deliverDue(t.db, { gateway: () => g })).sent).toBe(1);
    expect(g.accepted).toEqual([id]);
  });

  it('after the last attempt the message is a dead letter', async () => {
    const n = voucherIssued(workerPerson);
    await t.db.tx((tx) => notify(tx, n));
    const down = flaky(99);
    for (let i = 0; i < 5; i++) {
      setClock({ at: new Date(at(day, '10:00').getTime() + i * 3_600_000) });
      await deliverDue(t.db, { gateway: () => down });
    }
    const sms = (await outbox(n.key))[1]!;
    expect([sms.state, sms.attempts]).toEqual(['dead', 5]);
    expect(down.calls).toBe(5);
  });
});

describe('preferences and quiet hours', () => {
  it('SMS in the quiet hours waits for 08:00 (never dropped); the in-app message goes at once', async () => {
    setClock({ at: at(day, '23:10') });
    const n = voucherIssued(workerPerson);
    await t.db.tx((tx) => notify(tx, n));
    const g = flaky(0);
    await deliverDue(t.db, { gateway: () => g });
    let rows = await outbox(n.key);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'queued']);
    expect(rows[1]!.next_attempt_at.toISOString()).toBe(at(addDays(day, 1), '08:00').toISOString());
    setClock({ at: at(addDays(day, 1), '07:59') });
    await deliverDue(t.db, { gateway: () => g });
    expect(g.accepted).toHaveLength(0);
    setClock({ at: at(addDays(day, 1), '08:00') });
    await deliverDue(t.db, { gateway: () => g });
    rows = await outbox(n.key);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent']);
    expect(g.accepted).toHaveLength(1);
  });

  it('reminders off: a non-essential reminder is not sent; essential messages still are; SMS off: in-app only', async () => {
    const put = await t.call('PUT', '/api/v1/messages/preferences', { as: 'worker', body: { reminders: false } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ sms: true, reminders: false, smsAvailable: true, quietHours: { from: '22:00', to: '08:00' } });
    const reminder = {
      event: 'voucher.expiring',
      key: `rem-${++seq}`,
      personId: workerPerson,
      vars: { voucherNo: 'SH1', days: '30', validThrough: '2027-01-07' },
    } as const;
    const decision = { event: 'claim.rejected', key: `claim-${++seq}`, personId: workerPerson, vars: { reason: '证书未核验' } } as const;
    await t.db.tx(async (tx) => {
      await notify(tx, reminder);
      await notify(tx, decision);
    });
    const g = flaky(0);
    await deliverDue(t.db, { gateway: () => g });
    expect((await outbox(reminder.key)).map((r) => r.state)).toEqual(['skipped', 'skipped']);
    expect((await outbox(decision.key)).map((r) => r.state)).toEqual(['sent', 'sent']);

    await t.call('PUT', '/api/v1/messages/preferences', { as: 'worker', body: { sms: false, reminders: true } });
    const again = { ...decision, key: `claim-${++seq}` };
    await t.db.tx((tx) => notify(tx, again));
    await deliverDue(t.db, { gateway: () => g });
    expect((await outbox(again.key)).map((r) => r.state)).toEqual(['sent', 'skipped']);
    expect(g.accepted).toHaveLength(1);
    await t.call('PUT', '/api/v1/messages/preferences', { as: 'worker', body: { sms: true } });
  });

  it('preferences: staff have no phone on file; a refusal writes nothing', async () => {
    expect((await t.call('GET', '/api/v1/messages/preferences', { as: 'provider' })).json()).toMatchObject({ sms: true, reminders: true, smsAvailable: false });
    const before = [await t.count('message_preferences'), await t.count('audit_log')];
    for (const body of [{}, { sms: 'yes' }, { reminders: true, extra: 1 }]) {
      const r = await t.call('PUT', '/api/v1/messages/preferences', { as: 'provider', body });
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().code).toBe('VALIDATION_FAILED');
    }
    expect([await t.count('message_preferences'), await t.count('audit_log')]).toEqual(before);
    expect((await t.call('PUT', '/api/v1/messages/preferences', { body: { sms: false } })).statusCode).toBe(401);
  });
});

describe('the inbox routes', () => {
  it('lists the owner’s messages in their language, counts unread, marks read; another account’s message → 404', async () => {
    const mine = {
      event: 'payment.paid',
      key: `pay-${++seq}`,
      personId: workerPerson,
      vars: { amountYuan: '1,500.00', accountTail: '6789' },
      link: null,
    } as const;
    const theirs = { event: 'payment.paid', key: `pay-${++seq}`, personId: workerBPerson, vars: { amountYuan: '900.00', accountTail: '1111' } } as const;
    const staff = {
      event: 'class.report_due',
      key: `rep-${++seq}`,
      accountId: t.fx.accounts.provider!.id,
      vars: { className: '电工四级班', dueDate: '2026-12-20' },
    } as const;
    await t.db.tx(async (tx) => {
      await notify(tx, mine);
      await notify(tx, theirs);
      await notify(tx, staff);
    });
    await deliverDue(t.db, { gateway: () => flaky(0) });

    const zh = await t.call('GET', '/api/v1/messages/inbox?unread=true', { as: 'worker' });
    expect(zh.statusCode).toBe(200);
    const item = zh.json().items.find((x: { event: string; body: string }) => x.event === 'payment.paid');
    expect(item).toMatchObject({ title: '补贴已到账', body: '培训补贴 1,500.00 元已发放至尾号 6789 的账户。', link: null, readAt: null });
    expect(zh.json().items.some((x: { body: string }) => x.body.includes('1111'))).toBe(false);
    const titleOf = (items: Array<{ id: string; title: string }>) => items.find((x) => x.id === item.id)?.title;
    const en = await t.call('GET', '/api/v1/messages/inbox?limit=100', { as: 'worker', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(titleOf(en.json().items)).toBe('Subsidy paid');
    expect(titleOf((await t.call('GET', '/api/v1/messages/inbox?limit=100&lang=en', { as: 'worker' })).json().items)).toBe('Subsidy paid');
    expect(
      titleOf((await t.call('GET', '/api/v1/messages/inbox?limit=100', { as: 'worker', headers: { 'accept-language': 'zh-CN,en;q=0.5' } })).json().items),
    ).toBe('补贴已到账');
    const unread = (await t.call('GET', '/api/v1/messages/unread-count', { as: 'worker' })).json().unread;
    expect(unread).toBe(zh.json().unread);
    expect(unread).toBeGreaterThan(0);

    const prov = await t.call('GET', '/api/v1/messages/inbox', { as: 'provider' });
    expect(prov.json().items.map((x: { event: string }) => x.event)).toEqual(['class.report_due']);
    const other = (await t.call('GET', '/api/v1/messages/inbox', { as: 'worker_b' })).json().items[0];
    expect(other.body).toContain('1111');

    const audits = await t.count('audit_log');
    expect((await t.call('POST', `/api/v1/messages/inbox/${other.id}/read`, { as: 'worker' })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/messages/inbox/${other.id}/read`, { as: 'provider' })).statusCode).toBe(404);
    const bad = await t.call('POST', '/api/v1/messages/inbox/123/read', { as: 'worker' });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.id' });
    expect((await t.call('GET', '/api/v1/messages/inbox?unread=maybe', { as: 'worker' })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'querystring.unread',
    });
    expect(await t.count('audit_log')).toBe(audits);
    expect(await t.count('message_inbox', 'read_at IS NOT NULL')).toBe(0);

    const read = await t.call('POST', `/api/v1/messages/inbox/${item.id}/read`, { as: 'worker' });
    expect(read.json()).toEqual({ id: item.id, readAt: clockNow().toISOString() });
    expect((await t.call('GET', '/api/v1/messages/unread-count', { as: 'worker' })).json().unread).toBe(unread - 1);
    const all = await t.call('POST', '/api/v1/messages/inbox/read-all', { as: 'worker' });
    expect(all.json()).toEqual({ updated: unread - 1 });
    expect((await t.call('GET', '/api/v1/messages/unread-count', { as: 'worker' })).json().unread).toBe(0);
    expect((await t.call('GET', '/api/v1/messages/unread-count', { as: 'worker_b' })).json().unread).toBeGreaterThan(0);
    expect((await t.call('GET', '/api/v1/messages/inbox?unread=false', { as: 'worker' })).json().total).toBe(unread);
  });

  it('the SMS simulator shows what it sent and what waits, phones masked, to city admins and auditors only', async () => {
    setClock({ at: at(day, '22:30') });
    const n = voucherIssued(workerPerson);
    await t.db.tx((tx) => notify(tx, n));
    setClock({ at: at(day, '10:00') });
    const sent = voucherIssued(workerPerson);
    await t.db.tx((tx) => notify(tx, sent));
    await deliverDue(t.db); // the built-in simulator
    const r = await t.call('GET', '/api/v1/messages/sms-simulator?limit=500', { as: 'auditor' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Array<{ id: string; phoneMasked: string; text: string; state: string; scheduledFor: string; sentAt: string | null }>;
    const ids = async (key: string) =>
      (await t.db.query<{ id: string }>(`SELECT id FROM message_outbox WHERE key = $1 AND channel = 'sms'`, [key])).rows[0]!.id;
    const s = items.find((x) => x.text.includes(`${sent.vars.voucherNo}）`));
    expect(r.json().gateway).toBe('simulator'); // nothing configured: the built-in simulator
    expect(s).toMatchObject({ id: await ids(sent.key), phoneMasked: '138****0000', state: 'sent', via: 'simulator' });
    expect(s!.text).toBe(
      `【上海职业培训券】职业培训券已发放：您的职业培训券（编号 ${sent.vars.voucherNo}）已发放，有效期至 2027-03-31。请在有效期内报名培训。`,
    );
    const waiting = items.find((x) => x.text.includes(`${n.vars.voucherNo}）`));
    expect(waiting).toMatchObject({
      state: 'scheduled',
      phoneMasked: '138****0000',
      sentAt: null,
      via: null,
      scheduledFor: at(addDays(day, 1), '08:00').toISOString(),
    });
    expect(await t.count('sms_simulator_sent', `idempotency_key = '${await ids(sent.key)}'`)).toBe(1);
    expect(r.body).not.toContain('13800000000');
    expect((await t.call('GET', '/api/v1/messages/sms-simulator', { as: 'district_admin' })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/messages/sms-simulator', { as: 'worker' })).statusCode).toBe(403);
  });
});
