/**
 * The job queue: pg-boss 10 on the application's own database (schema `pgboss`), on both engines with the same
 * code. pg-boss never opens a connection of its own: it is given a `db` adapter over our Db (or over one of our
 * transactions, so a job is inserted, fetched or completed inside it). Its maintenance scripts (`BEGIN; … COMMIT;`,
 * several statements, no parameters) run inside one of our transactions (rolled back on an error, on PGlite too,
 * whose one session must never be left in an aborted transaction); every other statement is one query.
 *
 * Two ways to use it:
 *  - `queueFor(db)`: a started PgBoss with no timers and no workers (the synchronous drains of the tests, the
 *    CLI and the test worker process fetch, complete and fail jobs themselves); one per Db, nothing to stop.
 *  - `startQueues(db, log, defs)`: the running app's queue — the same PgBoss, plus pg-boss's maintenance
 *    (expiry of jobs left active by a killed process, archiving), each definition's workers and its ticks (the
 *    outbox relays); stopped on shutdown.
 */
import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import { jobsEnabled } from '../config.js';
import { lockKey, type Db, type Queryable, type Tx } from '../db/index.js';

export const QUEUE_SCHEMA = 'pgboss';

export type Boss = PgBoss;
export type QueueJob<T = object> = PgBoss.JobWithMetadata<T>;

/** A maintenance script of pg-boss (`plans.locked`): BEGIN; …; COMMIT; — run as one of our transactions. */
const SCRIPT = /^\s*BEGIN;([\s\S]*?);?\s*COMMIT;?\s*$/;

const isDb = (q: Queryable): q is Db => typeof (q as Partial<Db>).tx === 'function';

/** pg-boss's `db` option over our database or one of our transactions (`{ db: bossDb(tx) }` runs a call in it). */
export function bossDb(q: Db | Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) {
        const script = SCRIPT.exec(text);
        if (script) {
          const body = script[1]!;
          if (isDb(q)) await q.tx((tx) => tx.exec(body));
          else await q.exec(body);
          return { rows: [] };
        }
        const r = await q.query(text);
        return { rows: r.rows ?? [], rowCount: r.rowCount };
      }
      const r = await q.query(text, values);
      return { rows: r.rows ?? [], rowCount: r.rowCount };
    },
  };
}

export interface QueueDef {
  /** Creates or updates the definition's queues (dead-letter queues first); run once per PgBoss. */
  setup(boss: Boss): Promise<void>;
  /** The running app's workers: one per queue, each job handled by `handle` (a throw: pg-boss retries it). */
  workers: ReadonlyArray<{
    queue: string;
    pollingIntervalSeconds?: number;
    /** Jobs taken per fetch (default 20), each handled on its own. */
    batchSize?: number;
    handle(db: Db, boss: Boss, job: QueueJob): Promise<unknown>;
  }>;
  /** Run every `everyMs` in the running app (e.g. a transactional outbox's relay into the queue). */
  ticks?: ReadonlyArray<{ name: string; everyMs: number; run(db: Db, boss: Boss): Promise<unknown> }>;
}

const bosses = new WeakMap<Db, Promise<Boss>>();
const setUp = new WeakMap<Boss, Map<QueueDef, Promise<void>>>();

function newBoss(db: Db, supervise: boolean): PgBoss {
  return new PgBoss({
    db: bossDb(db),
    schema: QUEUE_SCHEMA,
    migrate: true,
    schedule: false, // no pg-boss cron: our scheduler owns schedules
    supervise,
    ...(supervise ? { maintenanceIntervalSeconds: queueMaintenanceSeconds() } : {}),
  });
}

/** How often the running app's pg-boss maintenance runs (expiry of stuck jobs, archiving): QUEUE_MAINTENANCE_SECONDS, default 30. */
export function queueMaintenanceSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.QUEUE_MAINTENANCE_SECONDS ?? 30);
  return Number.isInteger(n) && n >= 1 ? n : 30;
}

/** Is this PostgreSQL's "deadlock detected" (40P01)? */
const isDeadlock = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === '40P01';

/**
 * Runs a queue set-up step (pg-boss's start: its schema; creating and updating our queues) one process at a time:
 * on PostgreSQL several API nodes start together, and two of them creating the same queue's partition while a third
 * runs pg-boss's maintenance once ended in "deadlock detected" at start-up. A transaction-level advisory lock held
 * on one connection while the step runs on others serialises the nodes; a deadlock with the maintenance of a node
 * already running is tried again (every step is idempotent). On PGlite there is one process and one connection:
 * the step just runs.
 */
async function setUpStep<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (db.engine !== 'postgres') return fn();
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.tx(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey('skillvoucher:queue-setup')]);
        return fn();
      });
    } catch (e) {
      if (!isDeadlock(e) || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** Installs (or upgrades) pg-boss's schema: part of the migrations. */
export async function installQueue(db: Db): Promise<void> {
  await queueFor(db);
}

/** The PgBoss of this database, started (schema installed), with `def`'s queues set up when given. */
export async function queueFor(db: Db, def?: QueueDef): Promise<Boss> {
  let p = bosses.get(db);
  if (!p) {
    const boss = newBoss(db, false);
    p = setUpStep(db, () => boss.start()).then(() => boss);
    bosses.set(db, p);
    p.catch(() => bosses.delete(db));
  }
  const boss = await p;
  if (def) await ensureSetUp(db, boss, def);
  return boss;
}

async function ensureSetUp(db: Db, boss: Boss, def: QueueDef): Promise<void> {
  let done = setUp.get(boss);
  if (!done) setUp.set(boss, (done = new Map()));
  let p = done.get(def);
  if (!p) {
    p = setUpStep(db, () => def.setup(boss));
    done.set(def, p);
    p.catch(() => done.delete(def));
  }
  await p;
}

export interface RunningQueues {
  stop(): Promise<void>;
}

/**
 * The running app's queue: pg-boss with its maintenance, every definition's workers and ticks. JOBS=off: nothing
 * runs (as for the scheduler). `stop` ends the ticks and the workers (waiting for the jobs in hand) and pg-boss.
 */
export async function startQueues(
  db: Db,
  log: FastifyBaseLogger,
  defs: readonly QueueDef[],
  opts: { force?: boolean; pollingIntervalSeconds?: number } = {},
): Promise<RunningQueues> {
  if (!jobsEnabled() && !opts.force) return { stop: async () => undefined };
  const boss = newBoss(db, true);
  boss.on('error', (err: unknown) => log.error({ err }, 'queue error'));
  await setUpStep(db, () => boss.start());
  // the drains of this process (deliverDue …) use the same PgBoss
  bosses.set(db, Promise.resolve(boss));
  for (const def of defs) await ensureSetUp(db, boss, def);
  let stopped = false;
  for (const def of defs) {
    for (const w of def.workers) {
      // pg-boss 10's worker waits its polling interval after every fetch, jobs or none: one job per fetch would
      // deliver one message per interval behind a mass issuance. So a batch per fetch, each job handled (and, if
      // it throws, failed — retried or dead-lettered by pg-boss) on its own, and a batch that found jobs wakes
      // the worker at once for the next: a backlog drains without waiting, an empty queue is polled.
      let workerId = '';
      workerId = await boss.work<object>(
        w.queue,
        { batchSize: w.batchSize ?? 20, includeMetadata: true, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? w.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs) {
            try {
              await w.handle(db, boss, job);
            } catch (err) {
              log.warn({ err, queue: w.queue, job: job.id }, 'queue job failed');
              await boss.fail(w.queue, job.id, err instanceof Error ? err : { message: String(err) });
            }
          }
          if (jobs.length > 0 && !stopped) boss.notifyWorker(workerId);
        },
      );
    }
  }
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  for (const def of defs) {
    for (const t of def.ticks ?? []) {
      let busy = false;
      timers.push(
        setInterval(() => {
          if (busy || stopped) return;
          busy = true;
          const p = t
            .run(db, boss)
            .catch((err: unknown) => log.error({ err, tick: t.name }, 'queue tick failed'))
            .finally(() => {
              busy = false;
              running.delete(p);
            });
          running.add(p);
        }, t.everyMs),
      );
    }
  }
  return {
    stop: async () => {
      if (stopped) return;
      stopped = true;
      timers.forEach((t) => clearInterval(t));
      await Promise.allSettled([...running]);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      bosses.delete(db);
    },
  };
}
