/**
 * Background jobs: idempotent set-based SQL, guarded by an advisory lock so several nodes can run them,
 * scheduled with croner in Asia/Shanghai. Modules add their jobs to JOBS.
 */
import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/index.js';

export interface JobDef {
  name: string;
  /** cron expression in Asia/Shanghai */
  schedule: string;
  run: (db: Db) => Promise<Record<string, unknown>>;
}

export const JOBS: JobDef[] = [];

export async function runJob(db: Db, job: JobDef): Promise<Record<string, unknown> | null> {
  return db.withAdvisoryLock(`job:${job.name}`, () => job.run(db));
}

export function startJobs(db: Db, log: FastifyBaseLogger): { stop(): void } {
  if (process.env.JOBS === 'off') return { stop() {} };
  const crons = JOBS.map(
    (job) =>
      new Cron(job.schedule, { timezone: 'Asia/Shanghai', protect: true }, async () => {
        try {
          const r = await runJob(db, job);
          log.info({ job: job.name, result: r ?? 'skipped: another node holds the lock' }, 'job ran');
        } catch (err) {
          log.error({ err, job: job.name }, 'job failed');
        }
      }),
  );
  return { stop: () => crons.forEach((c) => c.stop()) };
}
