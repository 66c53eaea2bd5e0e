/**
 * kill -9 of the delivery worker mid-delivery, on both engines: a worker process (tsx, its own database
 * connection — PGlite: the same data folder) relays the outbox into the pg-boss queue and works its jobs; it is
 * killed while the gateway holds its request for the first SMS (the gateway already has it). Its transaction never
 * commits and its pg-boss job stays active. After the job's expiry (2 s here) a second worker process has pg-boss
 * expire it and run it again, and delivers everything: each in-app message once, each SMS accepted by the gateway
 * once (the repeated request carries the same Idempotency-Key, which the gateway answers without sending again),
 * every outbox row sent, each enqueued once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabaseUrl } from '../../config.js';
import { openDb, type Db } from '../../db/index.js';
import { configureProcess } from '../../platform.js';
import { businessDate } from '../../lib/time.js';
import { resetClock, setClock } from '../../lib/clock.js';
import { createTestDb, testConfig } from '../../test/harness.js';
import * as audit from '../audit/index.js';
import * as persons from '../persons/index.js';
import { notify } from './service.js';

const SECRET = 'crash-secret';
const CLOCK = `${businessDate(new Date())}T09:00:00+08:00`;
let server: Server;
let gatewayUrl: string;
/** Keys the gateway sent to a phone (once each). */
const toPhone: string[] = [];
const received: string[] = [];
let holdFirst: ((res: ServerResponse) => void) | null = null;

let db: Db | null = null;
let dataDir: string | null = null;
let databaseUrl: string | undefined;
const PEOPLE = 3;

/**
 * The fake gateway, idempotent as real ones are: the first request with a key goes to the phone; a repeated key is
 * answered 200 without sending again. It holds its answer to the very first request (the worker is killed then).
 */
function gateway(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    const key = String(req.headers['idempotency-key']);
    received.push(key);
    if (!toPhone.includes(key)) toPhone.push(key);
    if (holdFirst) {
      const h = holdFirst;
      holdFirst = null;
      h(res); // never answered: the worker is killed while waiting
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
}

function worker(): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; out: string; err: string }> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SMS_GATEWAY_URL: gatewayUrl,
    SMS_GATEWAY_KEY: 'crash',
    SMS_GATEWAY_SECRET: SECRET,
    SV_TEST_CLOCK_AT: CLOCK,
    NODE_ENV: 'test',
    JOBS: 'off',
    // the queue: a job left active by a killed worker expires after 2 s and is run again at once
    MESSAGES_JOB_EXPIRE_SECONDS: '2',
    MESSAGES_RETRY_DELAY_SECONDS: '0',
    MESSAGES_RETRY_BACKOFF: 'off',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else {
    delete env.DATABASE_URL;
    env.DATA_DIR = dataDir!;
  }
  // node itself runs the worker (tsx as a loader): SIGKILL reaches the process that delivers, not a wrapper
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/test/messages-worker.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out, err })),
  );
  return { child, done };
}

beforeAll(async () => {
  server = createServer(gateway);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  await configureProcess(testConfig());
  setClock({ at: new Date(CLOCK) });
  if (testDatabaseUrl()) {
    db = await createTestDb(4);
    const name = (await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
    const u = new URL(testDatabaseUrl()!);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'sv-msg-crash-'));
    db = await openDb({ dataDir, loadDataDir: new Blob([readFileSync(inject('templateDump'))]) });
  }
  await db.tx(async (tx) => {
    for (let i = 0; i < PEOPLE; i++) {
      const { person } = await persons.ensurePerson(tx, audit.SYSTEM, {
        idNumber: persons.nthIdNumber(900_000 + i),
        name: `陈小${i}`,
        districtCode: '310115',
        phone: `1390000000${i}`,
        categories: ['employed'],
      });
      await notify(tx, { event: 'claim.approved', key: `crash-${i}`, personId: person.id, vars: { amountYuan: `${i + 1},000.00` } });
    }
  });
  if (!databaseUrl) {
    await db.close(); // PGlite: one process at a time owns the data folder
    db = null;
  }
}, 120_000);

afterAll(async () => {
  resetClock();
  await db?.close();
  await new Promise((r) => server.close(r));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 of the delivery worker', () => {
  it('mid-delivery: the next worker delivers each message once', async () => {
    const held = new Promise<void>((resolve) => {
      holdFirst = () => resolve();
    });
    const first = worker();
    await Promise.race([held, first.done.then((r) => Promise.reject(new Error(`the first worker ended before the gateway got a request: ${r.err}`)))]);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(received).toHaveLength(1);

    // the killed worker's pg-boss job is still active (its row still queued under it): pg-boss must expire it
    if (!db) db = await openDb({ dataDir: dataDir! });
    const active = (
      await db.query<{ state: string; outbox_state: string }>(
        `SELECT j.state::text AS state, o.state AS outbox_state FROM pgboss.job j JOIN message_outbox o ON o.job_id = j.id WHERE o.id::text = $1`,
        [received[0]],
      )
    ).rows;
    expect(active).toEqual([{ state: 'active', outbox_state: 'queued' }]);
    if (!databaseUrl) {
      await db.close();
      db = null;
    }
    await new Promise((r) => setTimeout(r, 3_000)); // past the job's expiry (2 s)

    const second = await worker().done;
    expect(second.err).toBe('');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ retried: 0, dead: 0 });
    expect((JSON.parse(second.out) as { sent: number }).sent).toBeGreaterThanOrEqual(1); // at least the killed worker's SMS

    if (!db) db = await openDb({ dataDir: dataDir! });
    const rows = (await db.query<{ id: string; channel: string; state: string }>(`SELECT id, channel, state FROM message_outbox WHERE key LIKE 'crash-%'`))
      .rows;
    expect(rows).toHaveLength(PEOPLE * 2);
    expect(rows.map((r) => r.state)).toEqual(rows.map(() => 'sent'));
    const inbox = (
      await db.query<{ outbox_id: string }>(`SELECT i.outbox_id FROM message_inbox i JOIN message_outbox o ON o.id = i.outbox_id WHERE o.key LIKE 'crash-%'`)
    ).rows;
    expect(inbox).toHaveLength(PEOPLE);
    const sms = rows.filter((r) => r.channel === 'sms').map((r) => r.id);
    expect([...toPhone].sort()).toEqual([...sms].sort());
    // the killed worker's SMS reached the gateway twice with the same key (sent to the phone once), the others once
    expect(received).toHaveLength(PEOPLE + 1);
    expect(received.filter((k) => k === received[0])).toHaveLength(2);
    // each row enqueued once: one job each, completed; the killed worker's job ran twice (pg-boss's retry after its expiry)
    const jobs = (
      await db.query<{ outbox_id: string; state: string; retry_count: number }>(
        `SELECT (j.data->>'outboxId') AS outbox_id, j.state::text AS state, j.retry_count FROM pgboss.job j
          WHERE j.name = 'messages-deliver' AND (j.data->>'outboxId')::uuid IN (SELECT id FROM message_outbox WHERE key LIKE 'crash-%')`,
      )
    ).rows;
    expect(jobs).toHaveLength(PEOPLE * 2);
    expect(new Set(jobs.map((j) => j.outbox_id)).size).toBe(PEOPLE * 2);
    expect(jobs.map((j) => j.state)).toEqual(jobs.map(() => 'completed'));
    expect(jobs.find((j) => j.outbox_id === received[0])?.retry_count).toBe(1);
  }, 120_000);
});
