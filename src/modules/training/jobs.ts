/** The class job: at the start date reported classes open (vouchers → in_training), unreported ones are cancelled; past the end date classes end (check-in-only vouchers → completed). */
import type { JobDef } from '../../jobs/scheduler.js';
import { runClassJob } from './class-job.js';

export const classJob: JobDef = {
  name: 'training.classes',
  // 00:10 Asia/Shanghai, after the voucher expiry pass; idempotent, so an extra run is harmless.
  schedule: '10 0 * * *',
  run: async (db) => ({ ...(await runClassJob(db)) }),
};
