/**
 * Disbursement at scale on PostgreSQL: N approved, noticed claims → batch building (chunked inclusion with
 * row locks) → pain.001.001.09 generation (streamed to a file, then XSD-validated with xmllint) → the bank
 * simulator's camt.054 → result import (XSD validation + chunked matching by EndToEndId, ledger
 * reserved → paid) → funds check. Seconds per step and the peak RSS of this process during the step, each
 * beside a bare baseline run in the same process (goals: ≤ 10 s per step at 100 000; RSS ≤ 300 MB).
 * The claims are seeded set-based (benchmark data: their vouchers are placeholders, so the voucher
 * settlement (核销) that the import does in each chunk's transaction — one set-based statement and one audit
 * entry per voucher — finds no voucher to settle here: its cost is not part of this benchmark).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { encrypt } from '../src/lib/crypto.js';
import { SYSTEM } from '../src/modules/audit/index.js';
import * as catalog from '../src/modules/catalog/index.js';
import type { Actor } from '../src/modules/identity/index.js';
import { simulateBank } from '../src/modules/subsidy/index.js';
import { validateXml } from '../src/modules/subsidy/index.js';
import { approveBatch, buildBatch, createBatch, generateFiles, importResults } from '../src/modules/subsidy/index.js';
import { checkFunds, lockAccount } from '../src/modules/subsidy/index.js';
import { freshPostgres, result, round, timed, withRssPeak, type BenchContext, type BenchResult } from './lib.js';

export const defaultN = 100_000;
export const description = 'disbursement: batch → pain.001 (XSD-valid) → camt.054 import (PostgreSQL)';

const PAIN_XSD = new URL('../src/modules/subsidy/xsd/pain.001.001.09.xsd', import.meta.url).pathname;
const fin = (n: number): Actor => ({
  accountId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  username: 'bench',
  role: 'finance',
  districtCode: null,
  orgId: null,
  personId: null,
  sessionId: 'bench',
  mfaPassed: true,
  totpEnabled: true,
});

const devNull = (): Writable =>
  new Writable({
    write(_c, _e, cb) {
      cb();
    },
  });

export async function run({ n, log: say }: BenchContext): Promise<BenchResult[]> {
  // every line carries the machine's 1-minute load average (2 cores): the timings are only comparable with it
  const log = (line: string) => say(`${line} [load ${loadavg()[0]!.toFixed(1)}]`);
  const { db } = await freshPostgres(8);
  const dir = mkdtempSync(join(tmpdir(), 'sv-bench-disb-'));
  const out: BenchResult[] = [];
  const add = (name: string, value: number, unit: string, baseline: number | null) =>
    out.push(
      result({
        name,
        value: round(value),
        unit,
        baseline: baseline === null ? null : round(baseline),
        ratio: baseline === null ? null : round(baseline / value),
        engine: 'postgres',
        n,
      }),
    );
  try {
    // ---------------------------------------------------------------- seed N approved, noticed claims
    const programme = (await catalog.getProgrammeByCode(db, 'SH-SKILL-UPGRADE'))!;
    const year = 2026;
    const amount = 200_000;
    await db.tx((tx) => catalog.setBudget(SYSTEM, tx, { programmeId: programme.id, districtCode: '310115', year, amountFen: amount * n * 2 }));
    const account = (await db.tx((tx) => lockAccount(tx, programme.id, '310115', year)))!;
    log(`seeding ${n} approved claims (set-based)`);
    const step = 20_000;
    for (let from = 0; from < n; from += step) {
      const k = Math.min(step, n - from);
      const accounts = Array.from({ length: k }, (_, i) => encrypt(`62220200${String(from + i).padStart(11, '0')}`));
      await db.query(
        `INSERT INTO subsidy_claims (number, voucher_id, person_id, programme_id, district_code, year, occupation_code, level, standard_fen, uplift_pct,
            ratio_pct, fee_fen, amount_fen, status, rules, payee_kind, payee_key, payee_name, payee_account_enc, payee_account_last4, payee_bank,
            budget_account_id, notice_published_at, notice_last_day)
         SELECT 'SC20261101' || lpad(($1::int + o)::text, 8, '0'), gen_random_uuid(), gen_random_uuid(), $2, '310115', $3, '4-10-01-05', 4, $4, 0,
                100, $4, $4, 'approved', '[]'::jsonb, 'person', 'person:' || ($1::int + o), '学员' || ($1::int + o), acc, right(acc, 4), '中国工商银行',
                $5, now() - interval '30 days', current_date - 20
           FROM unnest($6::text[]) WITH ORDINALITY AS t(acc, o)`,
        [from, programme.id, year, amount, account.id, accounts],
      );
    }
    await db.query(
      `INSERT INTO budget_ledger (account_id, claim_id, kind, debit, credit, amount_fen) SELECT budget_account_id, id, 'reserve', 'reserved', 'available', amount_fen FROM subsidy_claims`,
    );
    await db.query('UPDATE budget_accounts SET available_fen = available_fen - $2, reserved_fen = reserved_fen + $2 WHERE id = $1', [account.id, amount * n]);
    await db.query('VACUUM ANALYZE');

    // ---------------------------------------------------------------- 1. batch building
    const bareBuild = await timed(async () => {
      await db.query(
        `CREATE TEMP TABLE bare_payments AS SELECT id, number, amount_fen, payee_key, payee_name, payee_account_enc FROM subsidy_claims WHERE status = 'approved'`,
      );
    });
    await db.query('DROP TABLE bare_payments');
    const maker = fin(1);
    const build = await withRssPeak(() =>
      timed(async () => {
        const b = await db.tx((tx) => createBatch(maker, tx, { maxPayments: n }));
        return buildBatch(maker, db, b.id);
      }),
    );
    const batch = build.value.value;
    if (batch.paymentCount !== n) throw new Error(`batch holds ${batch.paymentCount}, expected ${n}`);
    log(`build: ${n} payments in ${round(build.value.seconds)} s (bare CREATE TABLE AS ${round(bareBuild.seconds)} s), peak RSS ${build.peakMb} MB`);
    add('disbursement.build.seconds', build.value.seconds, 's', bareBuild.seconds);
    add('disbursement.build.peak_rss', build.peakMb, 'MB', null);
    await db.tx((tx) => approveBatch(fin(2), tx, batch.id));

    // ---------------------------------------------------------------- 2. pain.001 generation
    const bareGen = await timed(async () => {
      const { rows } = await db.query<{ payee_account_enc: string; amount_fen: number }>(
        'SELECT payee_account_enc, amount_fen FROM disbursement_payments WHERE batch_id = $1',
        [batch.id],
      );
      const sink = devNull();
      for (const r of rows) sink.write(`<x>${r.payee_account_enc}${r.amount_fen}</x>`);
    });
    const painPath = join(dir, 'pain001.xml');
    const gen = await withRssPeak(() =>
      timed(async () => {
        const file = createWriteStream(painPath);
        const b = await generateFiles(maker, db, batch.id, file);
        file.end();
        await once(file, 'finish');
        return b;
      }),
    );
    log(
      `generate: pain.001 (${Math.round(statSync(painPath).size / 1048576)} MB) + its digest in ${round(gen.value.seconds)} s (bare SELECT+serialise ${round(bareGen.seconds)} s), peak RSS ${gen.peakMb} MB`,
    );
    add('disbursement.generate.seconds', gen.value.seconds, 's', bareGen.seconds);
    add('disbursement.generate.peak_rss', gen.peakMb, 'MB', null);
    const xsd = await timed(() => validateXml(createReadStream(painPath), PAIN_XSD));
    if (!xsd.value.ok) throw new Error(`pain.001 does not validate: ${xsd.value.errors.join('; ')}`);
    log(`pain.001 validates against the XSD (xmllint --stream, ${round(xsd.seconds)} s)`);
    add('disbursement.pain001_xsd.seconds', xsd.seconds, 's', null);

    // ---------------------------------------------------------------- bank simulator
    const camtPath = join(dir, 'camt054.xml');
    const failing = Array.from({ length: 100 }, (_, i) => `62220200${String(i * 997).padStart(11, '0')}`);
    const sim = await timed(async () => {
      const w = createWriteStream(camtPath);
      const r = await simulateBank(createReadStream(painPath), w, { failingAccounts: failing });
      w.end();
      await once(w, 'finish');
      return r;
    });
    log(`bank simulator: ${sim.value.booked} booked, ${sim.value.rejected} rejected in ${round(sim.seconds)} s`);

    // ---------------------------------------------------------------- 3. camt.054 import
    const bareImport = await timed(async () => {
      const { rows } = await db.query<{ end_to_end_id: string }>('SELECT end_to_end_id FROM disbursement_payments WHERE batch_id = $1', [batch.id]);
      await db.query('CREATE TEMP TABLE bare_results AS SELECT * FROM unnest($1::text[]) AS e2e', [rows.map((r) => r.end_to_end_id)]);
      await db.query("UPDATE disbursement_payments p SET reason = 'bare' FROM bare_results b WHERE p.end_to_end_id = b.e2e");
      await db.query('UPDATE disbursement_payments SET reason = NULL');
      await db.query('DROP TABLE bare_results');
    });
    const imp = await withRssPeak(() => timed(() => importResults(maker, db, () => createReadStream(camtPath), 'camt054')));
    const rep = imp.value.value;
    if (rep.applied !== n || rep.rejected !== sim.value.rejected)
      throw new Error(`import applied ${rep.applied}/${n}, rejected ${rep.rejected}/${sim.value.rejected}`);
    log(
      `import: ${rep.booked} paid, ${rep.rejected} failed in ${round(imp.value.seconds)} s incl. XSD validation (bare UPDATE-join ${round(bareImport.seconds)} s), peak RSS ${imp.peakMb} MB`,
    );
    add('disbursement.import.seconds', imp.value.seconds, 's', bareImport.seconds);
    add('disbursement.import.peak_rss', imp.peakMb, 'MB', null);
    const again = await timed(() => importResults(maker, db, () => createReadStream(camtPath), 'camt054'));
    if (!again.value.alreadyImported) throw new Error('the same file was imported twice');

    // ---------------------------------------------------------------- funds check
    const check = await timed(() => checkFunds(db));
    if (!check.value.ok) throw new Error(`funds check failed: ${check.value.problems[0]?.message}`);
    log(`funds check: consistent (${check.value.claims} claims) in ${round(check.seconds)} s`);
    add('disbursement.funds_check.seconds', check.seconds, 's', null);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
}
