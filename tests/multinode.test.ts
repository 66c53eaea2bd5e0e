/**
 * Several API nodes on one database (issue 21). On PostgreSQL, with real separate nodes:
 *  - sessions: node A is this process's app, node B a second `skillvoucher start` process on the same database;
 *    a sign-out or a disabled account on A is refused by B once B's session cache time (SESSION_CACHE_MS) has
 *    passed — the documented bound;
 *  - jobs: two nodes (two connection pools, each its own database sessions and croner schedules) fire the same
 *    schedule; each scheduled instant runs once, and a failed run is taken by the other node.
 * The once-per-instant record (job_runs) is checked on both engines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../src/config.js';
import { openDb, type Db } from '../src/db/index.js';
import { runScheduled, slotOf, startJobs, type JobDef } from '../src/jobs/scheduler.js';
import { createTestApp, engine, type TestApp } from '../src/test/harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CACHE_MS = 3_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ sessionCacheMs: CACHE_MS });
});
afterAll(async () => {
  await t.close();
});

/** A counting job; `fail` makes its next run throw. */
function countingJob(schedule = '* * * * * *'): JobDef & { runs: number; fail: boolean } {
  const job = {
    name: `multinode-test-${Math.random().toString(36).slice(2, 8)}`,
    schedule,
    runs: 0,
    fail: false,
    run: async () => {
      await sleep(150);
      if (job.fail) {
        job.fail = false;
        throw new Error('the run failed');
      }
      job.runs++;
      return { runs: job.runs };
    },
  };
  return job;
}

describe('scheduled jobs: once per scheduled instant', () => {
  it('a second firing for the same instant skips; a failed run is taken by the next firing; the next instant runs', async () => {
    const job = countingJob('0 3 * * *');
    const slot = slotOf(job.schedule, new Date('2026-12-08T00:00:00Z')); // 08:00 Shanghai → 03:00 that day
    expect(slot.toISOString()).toBe('2026-12-07T19:00:00.000Z');
    job.fail = true;
    await expect(runScheduled(t.db, job, slot)).rejects.toThrow('the run failed');
    expect(await runScheduled(t.db, job, slot)).toMatchObject({ ran: true });
    expect(await runScheduled(t.db, job, slot)).toEqual({ ran: false, reason: 'done' });
    expect(await runScheduled(t.db, job, new Date(slot.getTime() + 86_400_000))).toMatchObject({ ran: true });
    expect(job.runs).toBe(2);
    expect(await t.count('job_runs', `job = '${job.name}'`)).toBe(2);
  });
});

if (engine() === 'postgres') {
  describe('two nodes on PostgreSQL', () => {
    let other: Db;
    beforeAll(async () => {
      other = await openDb({ databaseUrl: await sameDatabaseUrl(t.db), poolSize: 4 });
    });
    afterAll(async () => {
      await other.close();
    });

    it('two nodes firing the same instant at once: one runs it, the other skips (lock or done)', async () => {
      const job = countingJob('0 4 * * *');
      const slot = slotOf(job.schedule, new Date('2026-12-09T00:00:00Z'));
      const outs = await Promise.all([runScheduled(t.db, job, slot), runScheduled(other, job, slot)]);
      expect(outs.filter((o) => o.ran)).toHaveLength(1);
      expect(job.runs).toBe(1);
      // one failing on node A: node B runs that instant
      const slot2 = new Date(slot.getTime() + 86_400_000);
      job.fail = true;
      await expect(runScheduled(t.db, job, slot2)).rejects.toThrow();
      expect(await runScheduled(other, job, slot2)).toMatchObject({ ran: true });
      expect(await runScheduled(t.db, job, slot2)).toEqual({ ran: false, reason: 'done' });
      expect(job.runs).toBe(2);
    });

    it('both nodes on a per-second schedule (croner) for 4 s: every instant ran exactly once', async () => {
      const job = countingJob('* * * * * *');
      const log = { info: () => undefined, error: () => undefined } as never;
      const a = startJobs(t.db, log, [job], { force: true });
      const b = startJobs(other, log, [job], { force: true });
      await sleep(4_200);
      a.stop();
      b.stop();
      await sleep(400); // a run in progress ends
      const rows = (await t.db.query<{ slot: Date; n: number }>('SELECT slot, count(*)::int AS n FROM job_runs WHERE job = $1 GROUP BY slot', [job.name])).rows;
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(job.runs).toBe(rows.length);
    });

    describe('sessions across two processes', () => {
      let node: ChildProcess;
      let base: string;
      beforeAll(async () => {
        const port = await freePort();
        base = `http://127.0.0.1:${port}`;
        node = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--no-demo'], {
          stdio: 'ignore',
          env: {
            ...process.env,
            NODE_ENV: 'test',
            DATABASE_URL: await sameDatabaseUrl(t.db),
            PORT: String(port),
            HOST: '127.0.0.1',
            JOBS: 'off',
            LOG_LEVEL: 'silent',
            SESSION_CACHE_MS: String(CACHE_MS),
          },
        });
        for (let i = 0; i < 240; i++) {
          const ok = await fetch(`${base}/api/ready`).then(
            (r) => r.status === 200,
            () => false,
          );
          if (ok) return;
          await sleep(250);
        }
        throw new Error('node B did not start');
      }, 90_000);
      afterAll(() => {
        if (node.pid) process.kill(node.pid, 'SIGKILL');
      });

      const onB = (token: string) => fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

      it('a sign-out on node A is refused by node B within SESSION_CACHE_MS', async () => {
        const token = await t.fx.tokenFor(t.db, 'provider');
        expect(await onB(token)).toBe(200); // B now holds the session in its cache
        const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}` } });
        expect(out.statusCode).toBeLessThan(300);
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
        await sleep(CACHE_MS + 300);
        expect(await onB(token)).toBe(401);
      });

      it('an account disabled on node A is refused by node B within SESSION_CACHE_MS', async () => {
        const token = await t.fx.tokenFor(t.db, 'worker');
        expect(await onB(token)).toBe(200);
        const res = await t.call('PATCH', `/api/v1/accounts/${t.fx.accounts.worker!.id}`, { as: 'city_admin', body: { status: 'disabled' } });
        expect(res.statusCode).toBe(200);
        await sleep(CACHE_MS + 300);
        expect(await onB(token)).toBe(401);
      });
    });
  });
}

/** The URL of the database `db` is connected to (the harness made it for this file). */
async function sameDatabaseUrl(db: Db): Promise<string> {
  const name = (await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
  const u = new URL(testDatabaseUrl()!);
  u.pathname = `/${name}`;
  return u.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}
