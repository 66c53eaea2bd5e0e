/** Step 5 and the job: every pending step run once again — builds, generations, settlements (idempotent). */
import type { Db } from '../../../db/index.js';
import type { JobDef } from '../../../jobs/scheduler.js';
import { SYSTEM, type AuditActor } from '../../audit/index.js';
import { settleVouchers } from '../flows.js';
import { resumeBuilding } from './build.js';
import { generateFiles } from './files.js';

/** Runs every pending step once (the job / CLI `funds resume`): builds, generations, settlements. */
export async function resumeAll(by: AuditActor, db: Db): Promise<{ builds: number; files: number; settled: number }> {
  const r = await db.withAdvisoryLock('subsidy:resume', async () => {
    const builds = await resumeBuilding(by, db);
    const { rows } = await db.query<{ id: string }>("SELECT id FROM disbursement_batches WHERE status = 'generating' ORDER BY created_at");
    for (const b of rows) await generateFiles(by, db, b.id);
    const s = await settleVouchers(by, db);
    return { builds, files: rows.length, settled: s.settled };
  });
  return r ?? { builds: 0, files: 0, settled: 0 };
}

/** Every 10 minutes: resume interrupted steps and settle the vouchers of paid claims (idempotent). */
export const resumeJob: JobDef = {
  name: 'subsidy.resume',
  schedule: '*/10 * * * *',
  run: async (db) => ({ ...(await resumeAll(SYSTEM, db)) }),
};
