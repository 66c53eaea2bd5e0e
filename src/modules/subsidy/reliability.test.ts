/**
 * Reliability: kill -9 a child process in the middle of batch building, bank-file generation and result
 * import, then run the step again: it converges, nothing is paid twice, and the money invariant holds.
 * PostgreSQL: the children use the test database. PGlite: the children open a PGlite data folder (one
 * process at a time, like the embedded deployment restarting).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, createWriteStream, createReadStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDb, type Db } from '../../db/index.js';
import { createTestDb, testConfig } from '../../test/harness.js';
import { configureProcess } from '../../platform.js';
import type { Actor } from '../identity/actor.js';
import * as vouchers from '../vouchers/service.js';
import { simulateBank } from './bank-simulator.js';
import { validateXml } from './bankfiles.js';
import { approveBatch, createBatch } from './disbursement.js';
import * as ledger from './ledger.js';
import { anyOccupation, approvedClaims, endNotice, setBudget, skillUpgrade } from './test-world.js';
import * as persons from '../persons/service.js';

const N = 120;
const FAILING = 5;
const YEAR = new Date().getUTCFullYear();
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const PAIN_XSD = new URL('./xsd/pain.001.001.09.xsd', import.meta.url).pathname;
const pg = !!process.env.DATABASE_URL;

const fin = (n: number): Actor => ({
  accountId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  username: 'f',
  role: 'finance',
  districtCode: null,
  orgId: null,
  personId: null,
  sessionId: 's',
  mfaPassed: true,
  totpEnabled: true,
});

let dir = '';
let childEnv: Record<string, string> = {};
let pgDb: Db | null = null;

/** The database for the parent's checks (PGlite: opened only while no child runs). */
async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (pgDb) return fn(pgDb);
  const db = await openDb({ dataDir: join(dir, 'pg') });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the child; with killAfter, sends SIGKILL once it reported that many chunk steps. */
function runChild(args: string[], env: Record<string, string> = {}, killAfter?: { step: string; count: number }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      env: { ...process.env, ...childEnv, ...env, SUBSIDY_TRACE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let seen = 0;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr += d;
      if (killAfter) {
        seen += d.split('\n').filter((l) => l === `step ${killAfter.step}`).length;
        if (seen >= killAfter.count && child.exitCode === null) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const SLOW = { SUBSIDY_STEP_DELAY_MS: '300', SUBSIDY_BUILD_CHUNK: '10', SUBSIDY_FILE_PAGE: '10', SUBSIDY_IMPORT_CHUNK: '10' };

let batchId = '';
const failingAccounts: string[] = [];

beforeAll(async () => {
  const config = testConfig();
  await configureProcess(config);
  dir = mkdtempSync(join(tmpdir(), 'sv-crash-'));
  let db: Db;
  if (pg) {
    db = await createTestDb(8);
    pgDb = db;
    const name = (await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    childEnv = { DATABASE_URL: u.toString() };
  } else {
    db = await openDb({ dataDir: join(dir, 'pg'), loadDataDir: new Blob([readFileSync(inject('templateDump'))]) });
    childEnv = { DATABASE_URL: '', PGLITE_DIR: join(dir, 'pg') };
  }
  const programmeId = (await skillUpgrade(db)).id;
  const occupation = await anyOccupation(db);
  await setBudget(db, programmeId, 1_000_000_000, YEAR);
  const ids = await approvedClaims(db, N, programmeId, occupation, 7000);
  await endNotice(db);
  for (const id of ids.slice(0, FAILING)) {
    const p = (await db.query<{ person_id: string }>('SELECT person_id FROM subsidy_claims WHERE id = $1', [id])).rows[0]!.person_id;
    failingAccounts.push((await persons.getPerson(db, p))!.bankAccount!);
  }
  batchId = (await db.tx((tx) => createBatch(fin(1), tx, {}))).id;
  if (!pg) await db.close();
}, 300_000);

afterAll(async () => {
  await pgDb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const funds = () => withDb((db) => ledger.checkFunds(db));

describe(`kill -9 during disbursement steps (${pg ? 'postgres' : 'pglite'})`, () => {
  it('batch building: killed mid-way, rerun converges to one batch with every claim once', async () => {
    const killed = await runChild(['build', batchId], SLOW, { step: 'build', count: 3 });
    expect(killed.signal).toBe('SIGKILL');
    const partial = await withDb(async (db) => {
      const b = (await db.query<{ status: string }>('SELECT status FROM disbursement_batches WHERE id = $1', [batchId])).rows[0]!;
      const n = (await db.query<{ n: number }>('SELECT count(*) AS n FROM disbursement_payments WHERE batch_id = $1', [batchId])).rows[0]!.n;
      return { status: b.status, n };
    });
    expect(partial.status).toBe('building');
    expect(partial.n).toBeGreaterThan(0);
    expect(partial.n).toBeLessThan(N);
    const rerun = await runChild(['build', batchId]);
    expect(rerun.stderr.replace(/step build\n/g, '')).toBe('');
    expect(rerun.code).toBe(0);
    const b = await withDb(
      async (db) => (await db.query<{ status: string; payment_count: number }>('SELECT * FROM disbursement_batches WHERE id = $1', [batchId])).rows[0]!,
    );
    expect(b).toMatchObject({ status: 'draft', payment_count: N });
    expect((await funds()).problems).toEqual([]);
    await withDb((db) => db.tx((tx) => approveBatch(fin(2), tx, batchId)));
  }, 180_000);

  it('file generation: killed mid-way, rerun yields the same, XSD-valid file', async () => {
    const out1 = join(dir, 'partial.xml');
    const killed = await runChild(['generate', batchId, out1], SLOW, { step: 'file', count: 3 });
    expect(killed.signal).toBe('SIGKILL');
    expect(
      await withDb(async (db) => (await db.query<{ status: string }>('SELECT status FROM disbursement_batches WHERE id = $1', [batchId])).rows[0]!.status),
    ).toBe('generating');
    const out = join(dir, 'pain001.xml');
    const rerun = await runChild(['generate', batchId, out]);
    expect(rerun.code).toBe(0);
    const xml = readFileSync(out);
    expect((await validateXml(xml, PAIN_XSD)).errors).toEqual([]);
    const b = await withDb(
      async (db) => (await db.query<{ status: string; file_sha256: string }>('SELECT * FROM disbursement_batches WHERE id = $1', [batchId])).rows[0]!,
    );
    expect(b.status).toBe('file_ready');
    expect(b.file_sha256).toBe(createHash('sha256').update(xml).digest('hex'));
  }, 180_000);

  it('result import: killed mid-way, rerun converges; nothing paid twice; the same file again changes nothing', async () => {
    const camt = join(dir, 'camt054.xml');
    const w = createWriteStream(camt);
    await simulateBank(createReadStream(join(dir, 'pain001.xml')), w, { failingAccounts, at: new Date('2026-11-27T02:00:00Z') });
    w.end();
    await once(w, 'finish');
    const killed = await runChild(['import', camt], SLOW, { step: 'import', count: 3 });
    expect(killed.signal).toBe('SIGKILL');
    const mid = await withDb(
      async (db) => (await db.query<{ n: number }>("SELECT count(*) AS n FROM subsidy_claims WHERE status IN ('paid','failed')")).rows[0]!.n,
    );
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(N);
    expect((await funds()).problems).toEqual([]);
    const rerun = await runChild(['import', camt]);
    expect(rerun.code).toBe(0);
    const again = await runChild(['import', camt]);
    expect(again.code).toBe(0);
    const settle = await runChild(['resume']);
    expect(settle.code).toBe(0);
    await withDb(async (db) => {
      const counts = (await db.query<{ status: string; n: number }>('SELECT status, count(*) AS n FROM subsidy_claims GROUP BY status ORDER BY status')).rows;
      expect(counts).toEqual([
        { status: 'failed', n: FAILING },
        { status: 'paid', n: N - FAILING },
      ]);
      const pays = (await db.query<{ n: number }>("SELECT count(*) AS n FROM budget_ledger WHERE kind = 'pay'")).rows[0]!.n;
      expect(pays).toBe(N - FAILING);
      const dupPay = (await db.query("SELECT claim_id FROM budget_ledger WHERE kind = 'pay' GROUP BY claim_id HAVING count(*) > 1")).rows;
      expect(dupPay).toEqual([]);
      const imp = (await db.query<{ status: string; applied: number; entries: number }>('SELECT status, applied, entries FROM bank_result_imports')).rows;
      expect(imp).toEqual([{ status: 'done', applied: N, entries: N }]);
      const paidFen = (await db.query<{ fen: number }>("SELECT sum(amount_fen)::bigint AS fen FROM subsidy_claims WHERE status = 'paid'")).rows[0]!.fen;
      expect((await ledger.listAccounts(db))[0]!.paidFen).toBe(paidFen);
      const { rows: paid } = await db.query<{ voucher_id: string }>("SELECT voucher_id FROM subsidy_claims WHERE status = 'paid' LIMIT 3");
      for (const p of paid) expect((await vouchers.getVoucher(db, p.voucher_id))!.status).toBe('settled');
      expect((await ledger.checkFunds(db)).problems).toEqual([]);
    });
  }, 180_000);
});
