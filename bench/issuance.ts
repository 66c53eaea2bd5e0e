/**
 * Targeted issuance (精准发放) at scale. PostgreSQL: N persons matched, N vouchers issued by the real
 * `runIssuance` (set-based chunks, progress row, audit) — beside COPY of the very same rows into the same
 * tables in the same run (psql \copy of voucher_records and voucher_states, after a TRUNCATE): vouchers/s and the ratio (goal ≥ 0.5), and the
 * process's peak RSS during the run (goal ≤ 300 MB). PGlite: the same issuance of min(N, 100,000), seconds.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/index.js';
import { SYSTEM } from '../src/modules/audit/index.js';
import * as catalog from '../src/modules/catalog/index.js';
import type { Actor } from '../src/modules/identity/index.js';
import * as identity from '../src/modules/identity/index.js';
import { createIssuance, runIssuance } from '../src/modules/vouchers/index.js';
import { freshPglite, freshPostgres, result, round, seedPersons, timed, withRssPeak, type BenchContext, type BenchResult } from './lib.js';

export const defaultN = 1_000_000;
export const description = 'targeted issuance vs COPY of the same rows (PostgreSQL), and on PGlite';

async function defineAndRun(db: Db, chunkSize: number, log: (l: string) => void): Promise<{ seconds: number; issued: number }> {
  const account = await db.tx((tx) =>
    identity.createAccount(tx, SYSTEM, { username: `bench.${Date.now()}`, displayName: 'bench', role: 'city_admin', password: 'Bench-pass-2026-x' }),
  );
  const actor: Actor = {
    accountId: account.id,
    username: account.username,
    role: 'city_admin',
    districtCode: null,
    orgId: null,
    personId: null,
    sessionId: 'bench',
    mfaPassed: true,
    totpEnabled: true,
  };
  const programme = (await catalog.getProgrammeByCode(db, 'SH-SKILL-UPGRADE'))!;
  const iss = await db.tx((tx) =>
    createIssuance(actor, tx, { mode: 'targeted', name: 'bench', programmeId: programme.id, districtCode: '310115', occupationCode: '4-10-01-05', level: 4 }),
  );
  let last = 0;
  const { seconds, value } = await timed(() =>
    runIssuance(actor, db, iss.id, {
      chunkSize,
      onProgress: (v) => {
        if (v.processed - last >= 200_000) {
          last = v.processed;
          log(`  … ${v.processed}/${v.matchedTotal}`);
        }
      },
    }),
  );
  return { seconds, issued: value.issued };
}

export async function run({ n, log }: BenchContext): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  // ——— PostgreSQL ———
  {
    const { db, url } = await freshPostgres();
    log(`seeding ${n} persons`);
    await seedPersons(db, n);
    log('issuing');
    const { value: iss, peakMb } = await withRssPeak(() => defineAndRun(db, 20_000, log));
    log(`issued ${iss.issued} in ${round(iss.seconds)} s, peak RSS ${peakMb} MB`);
    if (iss.issued !== n) throw new Error(`expected ${n} vouchers, issued ${iss.issued}`);

    const dir = mkdtempSync(join(tmpdir(), 'sv-bench-'));
    const files = { records: join(dir, 'voucher_records.copy'), states: join(dir, 'voucher_states.copy') };
    try {
      const psql = (cmd: string) => execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', cmd], { stdio: ['ignore', 'ignore', 'inherit'] });
      // A voucher is a row of voucher_records and a row of voucher_states: the baseline copies both.
      psql(`\\copy voucher_records TO '${files.records}'`);
      psql(`\\copy voucher_states TO '${files.states}'`);
      log(`exported the same rows (${Math.round((statSync(files.records).size + statSync(files.states).size) / 1048576)} MB); TRUNCATE, then COPY them back`);
      await db.query('TRUNCATE voucher_records, voucher_states CASCADE');
      await db.query('CHECKPOINT');
      const copy = await timed(async () => {
        psql(`\\copy voucher_records FROM '${files.records}'`);
        psql(`\\copy voucher_states FROM '${files.states}'`);
      });
      const copied = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM vouchers')).rows[0]!.n;
      if (copied !== n) throw new Error(`COPY loaded ${copied} rows, expected ${n}`);
      log(`COPY ${copied} rows in ${round(copy.seconds)} s`);
      const ours = n / iss.seconds;
      const base = n / copy.seconds;
      out.push(
        result({
          name: 'issuance.vouchers_per_s',
          value: Math.round(ours),
          unit: 'vouchers/s',
          baseline: Math.round(base),
          ratio: round(ours / base),
          engine: 'postgres',
          n,
        }),
      );
      out.push(
        result({
          name: 'issuance.seconds',
          value: round(iss.seconds),
          unit: 's',
          baseline: round(copy.seconds),
          ratio: round(copy.seconds / iss.seconds),
          engine: 'postgres',
          n,
        }),
      );
      out.push(result({ name: 'issuance.peak_rss', value: peakMb, unit: 'MB', baseline: 300, ratio: round(peakMb / 300), engine: 'postgres', n }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.close();
    }
  }
  // ——— PGlite ———
  {
    const pn = Math.min(n, 100_000);
    const db = await freshPglite();
    log(`PGlite: seeding ${pn} persons`);
    await seedPersons(db, pn);
    const iss = await defineAndRun(db, 20_000, log);
    if (iss.issued !== pn) throw new Error(`PGlite: expected ${pn} vouchers, issued ${iss.issued}`);
    log(`PGlite: issued ${iss.issued} in ${round(iss.seconds)} s`);
    out.push(result({ name: 'issuance.pglite_seconds', value: round(iss.seconds), unit: 's', baseline: null, ratio: null, engine: 'pglite', n: pn }));
    await db.close();
  }
  return out;
}
