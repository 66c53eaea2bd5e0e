/**
 * Migrates one template database per test run; every test file clones it:
 *  - PGlite: a data-folder dump written to .tmp/, loaded per file;
 *  - PostgreSQL (DATABASE_URL): a template database, cloned with CREATE DATABASE … TEMPLATE.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { testDatabaseUrl } from '../config.js';
import { openDb, isPglite } from '../db/index.js';
import { migrate } from '../db/migrate.js';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    templateDump: string;
    runId: string;
  }
}

function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const name = `sv_test_template_${runId}`;
  const TEMPLATE_DUMP = join(process.cwd(), '.tmp', `pglite-template-${runId}.tar.gz`);
  project.provide('runId', runId);
  project.provide('templateDb', name);
  project.provide('templateDump', TEMPLATE_DUMP);
  const url = testDatabaseUrl();
  if (!url) {
    const db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
    if (!isPglite(db)) throw new Error('unreachable');
    const blob = await db.dump();
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
    writeFileSync(TEMPLATE_DUMP, Buffer.from(await blob.arrayBuffer()));
    await db.close();
    return async () => rmSync(TEMPLATE_DUMP, { force: true });
  }
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  // Leftovers of killed runs, older than two hours (a concurrent run's databases are younger and kept).
  const old = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'sv_test_%'");
  for (const r of old.rows) {
    const parts = r.datname.split('_');
    const born = parseInt(parts[parts.length - 2] ?? '', 36);
    if (Number.isFinite(born) && Date.now() - born > 2 * 3_600_000)
      await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => undefined);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: u.toString(), poolSize: 2 });
  await migrate(db);
  await db.close();
  await admin.end();
  return async () => {
    const a = new pg.Client({ connectionString: adminUrl(url) });
    await a.connect();
    const left = await a.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`sv_test_%${runId}%`]);
    for (const r of left.rows) await a.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => undefined);
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await a.end();
  };
}
