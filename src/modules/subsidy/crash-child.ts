/**
 * Crash-test child (reliability.test.ts): runs ONE disbursement step against DATABASE_URL or the PGlite
 * folder PGLITE_DIR, so the test can kill -9 it mid-step and run it again.
 *   tsx crash-child.ts build <batchId> | generate <batchId> <outFile> | import <camtFile> | resume
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { loadConfig } from '../../config.js';
import { openDb } from '../../db/index.js';
import { configureProcess } from '../../platform.js';
import { SYSTEM } from '../audit/index.js';
import { buildBatch, generateFiles, importResults, resumeAll } from './disbursement.js';

async function main(): Promise<void> {
  const [step, a, b] = process.argv.slice(2);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  await configureProcess(config);
  const db = await openDb(config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: 4 } : { dataDir: process.env.PGLITE_DIR });
  try {
    if (step === 'build') await buildBatch(SYSTEM, db, a!);
    else if (step === 'generate') {
      const out = createWriteStream(b!);
      await generateFiles(SYSTEM, db, a!, out);
      out.end();
      await once(out, 'finish');
    } else if (step === 'import') await importResults(SYSTEM, db, () => createReadStream(a!), 'camt054');
    else if (step === 'resume') await resumeAll(SYSTEM, db);
    else throw new Error(`unknown step ${step}`);
    process.stdout.write('done\n');
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
