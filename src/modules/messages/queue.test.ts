/**
 * The messages' delivery through pg-boss, on both engines: the relay puts each due outbox row on the queue as one
 * job in pgboss.job, recorded on the row in the same transaction, and never twice (also under relays running
 * together); a delivery that throws (a bug, not the gateway's refusal) is re-run by pg-boss, then moved to its
 * dead-letter queue, whose handler puts the row on the officers' 投递失败 list; an officer's retry goes through the
 * queue again; the running app's queue (workers, relay tick, maintenance) delivers without a drain and stops cleanly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../lib/clock.js';
import { businessDate } from '../../lib/time.js';
import { openDb } from '../../db/index.js';
import { QUEUE_SCHEMA, queueFor, startQueues, type QueueDef } from '../../jobs/queue.js';
import { createTestApp, engine, type TestApp } from '../../test/harness.js';
import { SmsSendError, type SmsGateway } from './gateway.js';
import { DEAD_LETTER_QUEUE, DELIVER_QUEUE, messageQueues, relayDue } from './deliver.js';
import { deliverDue, notify } from './service.js';

let t: TestApp;
let day: string;
let person: string;
let seq = 0;
const at = (d: string, hm: string) => new Date(`${d}T${hm}:00+08:00`);
const SETTINGS = { MESSAGES_RETRY_LIMIT: '2', MESSAGES_RETRY_DELAY_SECONDS: '0', MESSAGES_RETRY_BACKOFF: 'off' };
const saved: Record<string, string | undefined> = {};

const claimApproved = (key = `q-${++seq}`) => ({ event: 'claim.approved', key, personId: person, vars: { amountYuan: '1,000.00' } }) as const;

const good = (): SmsGateway & { accepted: string[] } => {
  const g = {
    name: 'test',
    accepted: [] as string[],
    async send(_to: string, _text: string, key: string) {
      g.accepted.push(key);
    },
  };
  return g;
};

/** A bug in delivery (not the gateway's answer): a TypeError, never an SmsSendError. */
const buggy: SmsGateway = {
  name: 'buggy',
  async send() {
    throw new TypeError('the adapter read a property of undefined');
  },
};

const rowsOf = async (key: string) =>
  (
    await t.db.query<{ id: string; channel: string; state: string; attempts: number; job_id: string | null; last_error: string | null }>(
      'SELECT id, channel, state, attempts, job_id, last_error FROM message_outbox WHERE key = $1 ORDER BY channel',
      [key],
    )
  ).rows;

const jobsOf = async (outboxId: string) =>
  (
    await t.db.query<{ id: string; name: string; state: string; retry_count: number }>(
      `SELECT id, name, state::text AS state, retry_count FROM pgboss.job WHERE data->>'outboxId' = $1 ORDER BY created_on, name`,
      [outboxId],
    )
  ).rows;

beforeAll(async () => {
  // this file's queue: two re-runs after a throw, at once (the default waits 30 s and more)
  for (const [k, v] of Object.entries(SETTINGS)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  t = await createTestApp();
  person = t.fx.persons.worker!.id;
  day = businessDate(new Date());
});
afterAll(async () => {
  resetClock();
  await t.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
beforeEach(() => {
  setClock({ at: at(day, '10:00') });
});

describe('the relay: outbox → pg-boss', () => {
  it('a due row becomes one job in pgboss.job, recorded on the row; the relay run again enqueues nothing', async () => {
    const n = claimApproved();
    await t.db.tx((tx) => notify(tx, n));
    expect((await rowsOf(n.key)).map((r) => r.job_id)).toEqual([null, null]);
    expect(await relayDue(t.db)).toBe(2);
    const rows = await rowsOf(n.key);
    for (const r of rows) {
      expect(r.job_id).not.toBeNull();
      const jobs = await jobsOf(r.id);
      expect(jobs).toEqual([{ id: r.job_id, name: DELIVER_QUEUE, state: 'created', retry_count: 0 }]);
    }
    expect(await relayDue(t.db)).toBe(0);
    const g = good();
    expect(await deliverDue(t.db, { gateway: () => g })).toMatchObject({ sent: 2 });
    for (const r of rows) expect((await jobsOf(r.id)).map((j) => j.state)).toEqual(['completed']);
    expect(g.accepted).toEqual([rows.find((r) => r.channel === 'sms')!.id]);
  });

  it('an SMS inside the quiet hours is not enqueued until 08:00', async () => {
    setClock({ at: at(day, '23:00') });
    const n = claimApproved();
    await t.db.tx((tx) => notify(tx, n));
    await deliverDue(t.db, { gateway: () => good() });
    const [inbox, sms] = await rowsOf(n.key);
    expect(inbox!.state).toBe('sent');
    expect([sms!.state, sms!.job_id]).toEqual(['queued', null]);
    expect(await jobsOf(sms!.id)).toEqual([]);
  });

  it('relays running together enqueue each row once', async () => {
    const keys: string[] = [];
    await t.db.tx(async (tx) => {
      for (let i = 0; i < 30; i++) {
        const n = claimApproved();
        keys.push(n.key);
        await notify(tx, n);
      }
    });
    const counts = await Promise.all([relayDue(t.db), relayDue(t.db), relayDue(t.db), relayDue(t.db)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
    const jobs = (
      await t.db.query<{ outbox_id: string; n: number }>(
        `SELECT o.id AS outbox_id, count(j.id) AS n FROM message_outbox o LEFT JOIN pgboss.job j ON j.data->>'outboxId' = o.id::text
          WHERE o.key = ANY($1::text[]) GROUP BY o.id`,
        [keys],
      )
    ).rows;
    expect(jobs).toHaveLength(60);
    expect(jobs.map((j) => j.n)).toEqual(jobs.map(() => 1));
    await deliverDue(t.db, { gateway: () => good() });
  });
});

describe('pg-boss retries, its dead-letter queue and the officers’ retry', () => {
  it('a delivery that throws is re-run by pg-boss, then dead-lettered onto 投递失败; the officer’s retry goes through the queue again', async () => {
    const n = claimApproved();
    await t.db.tx((tx) => notify(tx, n));
    const tally = await deliverDue(t.db, { gateway: () => buggy });
    expect(tally).toMatchObject({ sent: 1, dead: 1 }); // the in-app message; the SMS after pg-boss gave up
    const sms = (await rowsOf(n.key)).find((r) => r.channel === 'sms')!;
    expect(sms).toMatchObject({ state: 'dead', attempts: 3, last_error: 'the adapter read a property of undefined' });
    const jobs = await jobsOf(sms.id);
    // the delivery job ran three times (retryLimit 2) and failed; its dead-letter job marked the row
    expect(jobs.map((j) => [j.name, j.state])).toEqual([
      [DELIVER_QUEUE, 'failed'],
      [DEAD_LETTER_QUEUE, 'completed'],
    ]);
    expect(jobs[0]!.retry_count).toBe(2);
    expect(await t.count('audit_log', `entity_id = '${sms.id}' AND action = 'message.dead_letter'`)).toBe(1);

    // on 投递失败, in the recipient's district
    for (const who of ['city_admin', 'district_admin']) {
      const list = (await t.call('GET', '/api/v1/messages/dead-letters?limit=100', { as: who })).json() as {
        items: Array<{ id: string; lastError: string; attempts: number }>;
      };
      expect(list.items.find((x) => x.id === sms.id)).toMatchObject({ lastError: 'the adapter read a property of undefined', attempts: 3 });
    }

    const retry = await t.call('POST', `/api/v1/messages/dead-letters/${sms.id}/retry`, { as: 'city_admin' });
    expect(retry.statusCode).toBe(200);
    expect((await rowsOf(n.key)).find((r) => r.channel === 'sms')).toMatchObject({ state: 'queued', job_id: null });
    const g = good();
    expect(await deliverDue(t.db, { gateway: () => g })).toMatchObject({ sent: 1, dead: 0 });
    const again = await jobsOf(sms.id);
    expect(again.map((j) => [j.name, j.state])).toEqual([
      [DELIVER_QUEUE, 'failed'],
      [DEAD_LETTER_QUEUE, 'completed'],
      [DELIVER_QUEUE, 'completed'],
    ]);
    expect((await rowsOf(n.key)).find((r) => r.channel === 'sms')).toMatchObject({ state: 'sent', job_id: again[2]!.id });
    expect(g.accepted).toEqual([sms.id]);
  });

  it('a gateway failure keeps the messages’ own back-off: the job completes, the row is enqueued again when due', async () => {
    const n = claimApproved();
    await t.db.tx((tx) => notify(tx, n));
    const down: SmsGateway = {
      name: 'down',
      async send() {
        throw new SmsSendError('gateway answered 503', false);
      },
    };
    expect(await deliverDue(t.db, { gateway: () => down })).toMatchObject({ retried: 1 });
    const sms = (await rowsOf(n.key)).find((r) => r.channel === 'sms')!;
    expect([sms.state, sms.attempts, sms.job_id]).toEqual(['queued', 1, null]);
    expect((await jobsOf(sms.id)).map((j) => j.state)).toEqual(['completed']);
    setClock({ at: at(day, '10:10') });
    expect(await deliverDue(t.db, { gateway: () => good() })).toMatchObject({ sent: 1 });
    expect((await jobsOf(sms.id)).map((j) => j.state)).toEqual(['completed', 'completed']);
  });
});

describe('the running app’s queue', () => {
  it('its relay tick and workers deliver a new message without a drain, and it stops cleanly', async () => {
    const queues = await startQueues(t.db, t.app.log, [messageQueues], { force: true });
    try {
      const n = claimApproved();
      await t.db.tx((tx) => notify(tx, n));
      const until = performance.now() + 30_000;
      while ((await rowsOf(n.key)).some((r) => r.state !== 'sent')) {
        if (performance.now() > until) throw new Error(`not delivered: ${JSON.stringify(await rowsOf(n.key))}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const r of await rowsOf(n.key)) expect((await jobsOf(r.id)).map((j) => j.state)).toEqual(['completed']);
      expect(await t.count('sms_simulator_sent', `idempotency_key = '${(await rowsOf(n.key))[1]!.id}'`)).toBe(1);
    } finally {
      await queues.stop();
    }
  });
});

describe('the running app’s queue behind a backlog', () => {
  const waitFor = async (what: string, done: () => Promise<boolean>) => {
    // a guard, not a timing: with an hour's polling interval nothing after the first fetch would run without the fix
    const until = performance.now() + 45_000;
    while (!(await done())) {
      if (performance.now() > until) throw new Error(`never: ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('drains a mass issuance’s messages batch after batch, not one per polling interval', async () => {
    setClock({ at: at(day, '10:00') });
    const keys = Array.from({ length: 45 }, () => claimApproved());
    await t.db.tx(async (tx) => {
      for (const n of keys) await notify(tx, n);
    });
    const rows = `key = ANY(ARRAY[${keys.map((k) => `'${k.key}'`).join(',')}])`;
    const total = await t.count('message_outbox', rows);
    expect(total).toBe(90); // an inbox message and an SMS each
    expect(await relayDue(t.db)).toBeGreaterThanOrEqual(total);
    // an hour between polls: pg-boss fetches once at start, then only a batch that found jobs wakes it again
    const queues = await startQueues(t.db, t.app.log, [messageQueues], { force: true, pollingIntervalSeconds: 3600 });
    try {
      await waitFor('all 90 delivered', async () => (await t.count('message_outbox', `${rows} AND state = 'sent'`)) === total);
      expect(await t.count('message_outbox', `${rows} AND state <> 'sent'`)).toBe(0);
      const jobs = await t.db.query<{ state: string; n: number }>(
        `SELECT j.state::text AS state, count(*)::int AS n FROM pgboss.job j JOIN message_outbox o ON o.id = (j.data->>'outboxId')::uuid
          WHERE o.${rows} GROUP BY 1`,
      );
      expect(jobs.rows).toEqual([{ state: 'completed', n: total }]);
    } finally {
      await queues.stop();
      setClock({ at: at(day, '10:10') });
    }
  });

  it('a job that throws inside a batch is failed alone: the others of its batch complete', async () => {
    const QUEUE = 'test-batch-isolation';
    const handled: string[] = [];
    const def: QueueDef = {
      async setup(boss) {
        await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 0 });
      },
      workers: [
        {
          queue: QUEUE,
          batchSize: 10,
          async handle(_db, _boss, job) {
            const { n } = job.data as { n: number };
            if (n === 3) throw new TypeError('a bug in one job');
            handled.push(String(n));
          },
        },
      ],
    };
    // the jobs go in before the worker's first fetch: one batch
    const b = await queueFor(t.db, def);
    await b.insert([1, 2, 3, 4, 5, 6].map((n) => ({ name: QUEUE, data: { n } })));
    const queues = await startQueues(t.db, t.app.log, [messageQueues, def], { force: true, pollingIntervalSeconds: 3600 });
    const states = async () =>
      (await t.db.query<{ n: string; state: string }>(`SELECT data->>'n' AS n, state::text AS state FROM pgboss.job WHERE name = $1 ORDER BY 1`, [QUEUE])).rows;
    try {
      await waitFor('the batch handled', async () => (await states()).every((s) => s.state === 'completed' || s.state === 'failed'));
      expect(await states()).toEqual([
        { n: '1', state: 'completed' },
        { n: '2', state: 'completed' },
        { n: '3', state: 'failed' },
        { n: '4', state: 'completed' },
        { n: '5', state: 'completed' },
        { n: '6', state: 'completed' },
      ]);
      expect(handled.sort()).toEqual(['1', '2', '4', '5', '6']);
    } finally {
      await queues.stop();
    }
  });
});

// several processes share one server only on PostgreSQL (PGlite is one process)
if (engine() === 'postgres')
  describe('several API nodes starting together (PostgreSQL)', () => {
    it('each starts its queue on a fresh pg-boss schema: none fails, the queues exist once', async () => {
      const dbName = (await t.db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${dbName}`;
      // as on a first start: no pg-boss schema yet (our outbox rows keep no reference to it)
      await t.db.exec(`DROP SCHEMA ${QUEUE_SCHEMA} CASCADE`);
      await t.db.query('UPDATE message_outbox SET job_id = NULL');
      const nodes = await Promise.all([1, 2, 3].map(() => openDb({ databaseUrl: url.toString(), poolSize: 5 })));
      try {
        const started = await Promise.allSettled(nodes.map((db) => startQueues(db, t.app.log, [messageQueues], { force: true })));
        expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
        const queues = await t.db.query<{ name: string }>(`SELECT name FROM ${QUEUE_SCHEMA}.queue WHERE name = ANY($1) ORDER BY name`, [
          [DELIVER_QUEUE, DEAD_LETTER_QUEUE],
        ]);
        expect(queues.rows.map((r) => r.name)).toEqual([DELIVER_QUEUE, DEAD_LETTER_QUEUE].sort());
        for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
      } finally {
        await Promise.all(nodes.map((db) => db.close()));
      }
    });
  });
