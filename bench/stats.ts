/**
 * Statistics (issue 17) on PostgreSQL, each figure beside a bare baseline in the same run:
 *  - dashboard queries (summary, table by district, trend by month, funnel, provider league, drill-down) on the
 *    facts cube (+ unfolded deltas) vs computing the same figures with GROUP BY on the base tables (the
 *    rebuild's SQL): p95 of each, and the ratio (the headline);
 *  - hot-path overhead of keeping the facts current: admission under load (autocannon) with the facts switched
 *    off and on, back to back on the same world;
 *  - an .xlsx export of N rows (exceljs streaming, read page by page) vs `COPY … TO STDOUT (FORMAT csv)` of the
 *    same rows through psql; peak RSS of the export.
 * Scale: `--n` bulk vouchers (the full scale is 10,000,000; this shared 2-core machine runs a reduced
 * one — the results record n). The bulk story is generated set-based (bench data: placeholder identifiers).
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { Db } from '../src/db/index.js';
import * as analytics from '../src/modules/analytics/index.js';
import { benchEnv } from '../src/config.js';
import { benchUrl, result, round, seedPersons, timed, withRssPeak, type BenchContext, type BenchResult } from './lib.js';
import { load, trainingWorld } from './verify.js';

export const defaultN = 300_000;
export const description = 'statistics: dashboards on the cube vs GROUP BY on base tables, facts overhead on admission, xlsx export vs COPY (PostgreSQL)';
const HOT_VOUCHERS = benchEnv().statsHotVouchers;
const CITY = { role: 'city_admin', districtCode: null, orgId: null };

/** The bulk story, set-based: persons in four districts, vouchers in every state, admissions, check-ins, claims. */
async function seedStory(db: Db, n: number, classIds: string[], providerId: string, log: (s: string) => void): Promise<void> {
  log(`seeding the bulk story: ${n} vouchers`);
  await seedPersons(db, n);
  await db.query(`UPDATE persons SET district_code = (ARRAY['310115','310104','310101','310112'])[1 + abs(hashtext(id::text)) % 4] WHERE name LIKE 'bench%'`);
  await db.exec(`CREATE TABLE bench_v AS
    SELECT sv_uuid7() AS id, p.id AS person_id, row_number() OVER (ORDER BY p.id) AS g FROM persons p WHERE p.name LIKE 'bench%'`);
  const prog = (await db.query<{ id: string }>(`SELECT id::text FROM programmes WHERE code = 'SH-SKILL-UPGRADE'`)).rows[0]!.id;
  // issued over the last twelve months; 40 % still issued, 10 % expired, 5 % revoked, 45 % admitted / in training / settled
  await db.query(
    `INSERT INTO voucher_records (id, number, person_id, kind, programme_id, occupation_code, level, mode, district_code, ratio_pct, standard_fen,
                                  uplift_pct, category, valid_from, valid_until, issued_at)
     SELECT id, 'BENCH' || g, person_id, 'subsidy', $1, '4-10-01-05', 4, CASE WHEN g % 3 = 0 THEN 'on_demand' ELSE 'targeted' END, '310115', 100, 200000,
            0, CASE WHEN g % 2 = 0 THEN 'employed' ELSE 'registered_unemployed' END, date '2026-01-01', date '2027-12-31',
            timestamptz '2026-01-01 08:00+08' + (g % 330) * interval '1 day'
       FROM bench_v`,
    [prog],
  );
  await db.query(
    `INSERT INTO voucher_states (voucher_id, person_id, programme_id, kind, valid_until, status, status_changed_at)
     SELECT id, person_id, $1, 'subsidy', date '2027-12-31',
            CASE WHEN g % 20 < 8 THEN 'issued' WHEN g % 20 < 10 THEN 'expired' WHEN g % 20 = 10 THEN 'revoked' WHEN g % 20 = 19 THEN 'settled' ELSE 'in_training' END,
            timestamptz '2026-01-01 08:00+08' + (g % 330 + 20) * interval '1 day'
       FROM bench_v`,
    [prog],
  );
  await db.query(
    `INSERT INTO admissions (class_id, voucher_id, person_id, provider_id, via, admitted_at)
     SELECT ($1::uuid[])[1 + g % cardinality($1::uuid[])], id, person_id, $2, 'number', timestamptz '2026-01-01 08:00+08' + (g % 330 + 10) * interval '1 day'
       FROM bench_v WHERE g % 20 > 10`,
    [classIds, providerId],
  );
  await db.query(
    `INSERT INTO check_ins (session_id, class_id, person_id, voucher_id, provider_id, district_code, source, at, status)
     SELECT s.id, a.class_id, a.person_id, a.voucher_id, a.provider_id, '310115', 'online_import', a.admitted_at + interval '30 days',
            CASE WHEN hashtext(a.id::text) % 50 = 0 THEN 'flagged' ELSE 'accepted' END
       FROM admissions a JOIN class_sessions s ON s.class_id = a.class_id WHERE a.voucher_id IN (SELECT id FROM bench_v)`,
  );
  await db.query(
    `INSERT INTO subsidy_claims (number, voucher_id, person_id, programme_id, district_code, year, occupation_code, level, provider_id, class_id,
                                 standard_fen, uplift_pct, ratio_pct, fee_fen, amount_fen, status, rules, payee_kind, payee_key, created_at)
     SELECT 'BC' || a.id, a.voucher_id, a.person_id, $1, '310115', 2026, '4-10-01-05', 4, a.provider_id, a.class_id, 200000, 0, 100, 250000, 200000,
            (ARRAY['approved','paid','held','rejected','in_review'])[1 + abs(hashtext(a.id::text)) % 5], '[]'::jsonb, 'person', a.person_id::text,
            a.admitted_at + interval '60 days'
       FROM admissions a WHERE a.voucher_id IN (SELECT id FROM bench_v WHERE g % 20 IN (18, 19))`,
    [prog],
  );
  await db.exec('DROP TABLE bench_v; ANALYZE');
}

const p95 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
};

async function dashboards(db: Db, reps: number): Promise<Record<string, number>> {
  const queries: Record<string, () => Promise<unknown>> = {
    summary: () => analytics.summary(CITY, db, {}),
    by_district: () => analytics.table(CITY, db, { groupBy: 'district' }),
    trend: () => analytics.table(CITY, db, { groupBy: 'month', from: '2026-01', to: '2026-12' }),
    funnel: () => analytics.funnel(CITY, db, {}),
    league: () => analytics.league(CITY, db, {}),
    drill: () => analytics.drill(CITY, db, {}),
  };
  const out: Record<string, number> = {};
  for (const [name, q] of Object.entries(queries)) {
    await q();
    const ms: number[] = [];
    for (let i = 0; i < reps; i++) ms.push((await timed(q)).seconds * 1000);
    out[name] = round(p95(ms), 1);
  }
  return out;
}

/** The same figures computed per request from the base tables (the rebuild's GROUP BY), p95 ms. */
async function baseline(db: Db, reps: number): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < reps; i++)
    ms.push((await timed(() => db.query(`SELECT metric, sum(n) FROM (${analytics.FACTS_SQL}) f GROUP BY metric`, [new Date(), 80]))).seconds * 1000);
  return round(p95(ms), 1);
}

async function admitRun(w: Awaited<ReturnType<typeof trainingWorld>>, from: number, seconds: number): Promise<{ reqPerS: number; used: number }> {
  let k = from;
  const next = () => {
    const v = w.vouchers[k % w.vouchers.length]!;
    const c = w.classIds[k++ % w.classIds.length];
    return { path: `/api/v1/classes/${c}/admissions`, body: JSON.stringify({ voucherNumber: v.number, idNumber: v.idNumber }) };
  };
  const r = await load(w.base, 'POST', { 'content-type': 'application/json', authorization: `Bearer ${w.providerToken}` }, next, seconds);
  if (k > w.vouchers.length) throw new Error('ran out of vouchers: raise BENCH_STATS_HOT');
  return { reqPerS: r.reqPerS, used: k - from };
}

async function exportXlsx(db: Db, rows: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('培训券');
  ws.addRow(['券号', '状态', '发券时间', '区']).commit();
  let last = '';
  let written = 0;
  while (written < rows) {
    const page = await db.query<{ id: string; number: string; status: string; issued_at: Date; district_code: string }>(
      'SELECT id::text, number, status, issued_at, district_code FROM vouchers WHERE id > $1::uuid ORDER BY id LIMIT $2',
      [last || '00000000-0000-0000-0000-000000000000', Math.min(5000, rows - written)],
    );
    if (!page.rows.length) break;
    for (const r of page.rows) ws.addRow([r.number, r.status, r.issued_at, r.district_code]).commit();
    written += page.rows.length;
    last = page.rows[page.rows.length - 1]!.id;
  }
  ws.commit();
  await wb.commit();
  await finished(out);
}

function copyCsv(rows: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sql = `COPY (SELECT number, status, issued_at, district_code FROM vouchers ORDER BY id LIMIT ${rows}) TO STDOUT (FORMAT csv)`;
    const p = spawn('psql', [benchUrl(), '-qc', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}`))));
  });
}

export async function run({ n, log }: BenchContext): Promise<BenchResult[]> {
  const w = await trainingWorld(HOT_VOUCHERS, 20, log);
  const providerId = (await w.db.query<{ provider_id: string }>('SELECT provider_id::text FROM training_classes LIMIT 1')).rows[0]!.provider_id;
  const out: BenchResult[] = [];
  const r = (name: string, value: number, unit: string, base: number | null, ratio: number | null) =>
    out.push(result({ name: `stats.${name}`, value, unit, baseline: base, ratio, engine: 'postgres', n }));
  try {
    // hot path first, on the small world: admission with the facts off, then on, back to back
    const seconds = Math.max(3, Math.min(benchEnv().durationS, 5));
    log(`admission without facts: ${seconds} s`);
    analytics.setFactsRecording(false);
    const off = await admitRun(w, 0, seconds);
    analytics.setFactsRecording(true);
    log(`  ${off.reqPerS} req/s; admission with facts: ${seconds} s`);
    const on = await admitRun(w, off.used + 100, seconds);
    log(`  ${on.reqPerS} req/s`);
    r('admit_with_facts_req_per_s', on.reqPerS, 'req/s', off.reqPerS, round(on.reqPerS / off.reqPerS));

    await seedStory(w.db, n, w.classIds, providerId, log);
    const rb = await timed(() => analytics.rebuildCube(w.db));
    const cubeRows = (await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM analytics_cube')).rows[0]!.n;
    log(`cube rebuilt in ${round(rb.seconds, 1)} s: ${cubeRows} rows`);
    r('rebuild_s', round(rb.seconds, 2), 's', null, null);
    const dash = await dashboards(w.db, 20);
    const base = await baseline(w.db, 3);
    const worst = Math.max(...Object.values(dash));
    log(`dashboards p95 ms ${JSON.stringify(dash)}; GROUP BY on base tables p95 ${base} ms`);
    for (const [k, v] of Object.entries(dash)) r(`dashboard_${k}_p95_ms`, v, 'ms', base, round(base / Math.max(v, 0.1), 1));
    r('dashboard_worst_p95_ms', worst, 'ms', base, round(base / Math.max(worst, 0.1), 1));

    const rows = Math.min(n, 1_000_000);
    const file = join(tmpdir(), `sv-stats-bench-${process.pid}.xlsx`);
    const x = await withRssPeak(() => timed(() => exportXlsx(w.db, rows, file)));
    const c = await timed(() => copyCsv(rows));
    log(`xlsx ${rows} rows: ${round(x.value.seconds, 2)} s, peak RSS ${x.peakMb} MB; COPY csv: ${round(c.seconds, 2)} s`);
    r('xlsx_export_rows_per_s', Math.round(rows / x.value.seconds), 'rows/s', Math.round(rows / c.seconds), round(c.seconds / x.value.seconds));
    r('xlsx_export_peak_rss_mb', x.peakMb, 'MB', null, null);
    return out;
  } finally {
    analytics.setFactsRecording(true);
    await w.app.close();
    await w.db.close();
  }
}
