/**
 * Background jobs: idempotent set-based SQL, scheduled with croner in Asia/Shanghai, so several nodes can run
 * them. Each node fires every schedule; a run is guarded by the job's advisory lock (never two at once) and by
 * `job_runs` (one row per job and scheduled instant, written when the run ended): a node that fires for an
 * instant another node already ran skips it, so each job runs once per schedule across nodes; a run that
 * failed wrote no row, and the next node to fire for that instant runs it. The instant is the schedule's own
 * (croner's latest match at or before the firing node's clock), so nodes agree on it while their clocks differ
 * by less than the schedule's period. The jobs come from the module registry (src/modules/registry.ts).
 */
import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import { jobsEnabled } from '../config.js';
import type { Db } from '../db/index.js';
import { now } from '../lib/clock.js';

export interface JobDef {
  name: string;
  /** cron expression in Asia/Shanghai */
  schedule: string;
  run: (db: Db) => Promise<Record<string, unknown>>;
}

/** Runs a job now (the CLI's `jobs run`): only the advisory lock, no schedule. */
export async function runJob(db: Db, job: JobDef): Promise<Record<string, unknown> | null> {
  return db.withAdvisoryLock(`job:${job.name}`, () => job.run(db));
}

const NODE = `${hostname()}:${process.pid}`;

/** The scheduled instant a firing belongs to: the schedule's latest match at or before `at`. */
export function slotOf(schedule: string, at: Date): Date {
  const prev = new Cron(schedule, { timezone: 'Asia/Shanghai', paused: true }).previousRuns(1, new Date(at.getTime() + 1));
  return prev[0] ?? at;
}

export type ScheduledOutcome = { ran: true; result: Record<string, unknown> } | { ran: false; reason: 'locked' | 'done' };

/** One firing of a job's schedule on this node: runs it unless another node holds it or already ran this instant. */
export async function runScheduled(db: Db, job: JobDef, slot: Date): Promise<ScheduledOutcome> {
  const out = await db.withAdvisoryLock(`job:${job.name}`, async (): Promise<ScheduledOutcome> => {
    const done = await db.query('SELECT 1 FROM job_runs WHERE job = $1 AND slot = $2', [job.name, slot]);
    if (done.rows.length > 0) return { ran: false, reason: 'done' };
    const result = await job.run(db);
    await db.query('INSERT INTO job_runs (job, slot, node, finished_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [job.name, slot, NODE, now()]);
    return { ran: true, result };
  });
  return out ?? { ran: false, reason: 'locked' };
}

export function startJobs(db: Db, log: FastifyBaseLogger, jobs: readonly JobDef[], opts: { force?: boolean } = {}): { stop(): void } {
  if (!jobsEnabled() && !opts.force) return { stop() {} };
  const crons = jobs.map(
    (job) =>
      new Cron(job.schedule, { timezone: 'Asia/Shanghai', protect: true }, async () => {
        try {
          const r = await runScheduled(db, job, slotOf(job.schedule, now()));
          log.info(
            { job: job.name, result: r.ran ? r.result : `skipped: ${r.reason === 'done' ? 'another node ran it' : 'another node holds the lock'}` },
            'job ran',
          );
        } catch (err) {
          log.error({ err, job: job.name }, 'job failed');
        }
      }),
  );
  return { stop: () => crons.forEach((c) => c.stop()) };
}
