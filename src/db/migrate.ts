/**
 * Committed SQL migrations: src/db/migrations/*.sql and src/modules/<domain>/migrations/*.sql, each named
 * `<YYYYMMDDHHMMSS>_<what>.sql`, applied once each in file-name order, under an advisory lock so several
 * nodes can start together. A changed file that was already applied is refused (checksum).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installQueue } from '../jobs/queue.js';
import { lockKey, type Db } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const srcRoot = join(here, '..');

export interface Migration {
  name: string;
  path: string;
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  const dirs = [join(srcRoot, 'db', 'migrations')];
  const modulesDir = join(srcRoot, 'modules');
  for (const m of readdirSync(modulesDir)) {
    const d = join(modulesDir, m, 'migrations');
    if (existsSync(d)) dirs.push(d);
  }
  const out: Migration[] = [];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) {
      if (!f.endsWith('.sql')) continue;
      if (!/^\d{14}_[a-z0-9_]+\.sql$/.test(f)) throw new Error(`migration file name ${f} must be <YYYYMMDDHHMMSS>_<name>.sql`);
      const path = join(d, f);
      const sql = readFileSync(path, 'utf8');
      out.push({ name: basename(f, '.sql'), path, sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const seen = new Set<string>();
  for (const m of out) {
    if (seen.has(m.name)) throw new Error(`duplicate migration ${m.name}`);
    seen.add(m.name);
  }
  return out;
}

export async function migrate(db: Db, onApply?: (name: string) => void): Promise<string[]> {
  const applied: string[] = [];
  await db.tx(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey('skillvoucher:migrate')]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (await tx.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).rows.map((r) => [r.name, r.checksum]),
    );
    for (const m of listMigrations()) {
      const prior = done.get(m.name);
      if (prior !== undefined) {
        if (prior !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      applied.push(m.name);
      onApply?.(m.name);
    }
  });
  // the job queue's own schema (pg-boss, schema pgboss): installed, or upgraded to the installed pg-boss's version
  await installQueue(db);
  return applied;
}
