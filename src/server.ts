/** `npm start`: the whole platform in one process — HTTP, web app, jobs. */
import type { Config } from './config.js';
import { openPlatformDb } from './platform.js';
import { openDb } from './db/index.js';
import { attachReplica } from './db/replica.js';
import { buildApp } from './http/app.js';
import { seedDemoWorldIfEmpty, printDemoSignIns } from './demo/seed.js';
import { demoClassLines } from './demo/classes.js';
import { startQueues } from './jobs/queue.js';
import { startJobs } from './jobs/scheduler.js';
import { JOBS, QUEUES } from './modules/registry.js';

export async function startServer(config: Config): Promise<void> {
  const where = config.databaseUrl ? `PostgreSQL (${config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')})` : `PGlite in ${config.dataDir}`;
  process.stdout.write(`skillvoucher: opening ${where}\n`);
  const db = await openPlatformDb(config, { onMigration: (n) => process.stdout.write(`  migration ${n}\n`) });
  if (config.databaseUrl && config.databaseReadUrl) {
    // statistics and searches may read from the standby (src/db/replica.ts); it is never migrated or written
    attachReplica(db, await openDb({ databaseUrl: config.databaseReadUrl, poolSize: 10, failoverWaitMs: 0 }), config.readMaxLagS);
    process.stdout.write(`  statistics and searches read from the standby while it lags at most ${config.readMaxLagS} s\n`);
  }
  const demo = config.demo ? await seedDemoWorldIfEmpty(db, (msg) => process.stdout.write(`  ${msg}\n`)) : null;
  const app = await buildApp(db, config);
  const jobs = startJobs(db, app.log, JOBS);
  const queues = await startQueues(db, app.log, QUEUES);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  process.stdout.write(`\nskillvoucher is running: ${url}\n  API docs: ${url}/api/docs\n`);
  if (demo) printDemoSignIns(demo, url, await demoClassLines(db));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    jobs.stop();
    await app.close(); // stops accepting, waits for in-flight requests
    await queues.stop(); // the workers finish the jobs in hand
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
