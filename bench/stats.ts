/**
 * Statistics (issue 17) on PostgreSQL, each figure beside a bare baseline in the same run:
 *  - dashboard queries (summary, table by district, trend by month, funnel, provider league, drill-down) on the
 *    facts cube (+ unfolded deltas) vs computing the same figures with GROUP BY on the base tables (the
 *    rebuild's SQL): p95 of each, and the ratio (the headline);
 *  - hot-path overhead of keeping the facts current (goal ≤ 5 %): admission and check-in under load (autocannon)
 *    with the facts switched off and on — pairs of short rounds back to back on the same world, the order
 *    alternating from pair to pair, the median of the pairs' ratios (each round in the log);
 *  - an .xlsx export of min(N, 1,000,000) rows through the analytics module's streamed writer (heading lines,
 *    keyset pages read one ahead) vs `COPY … TO STDOUT (FORMAT csv)` of the same rows through psql (goal ≥ 0.3 ×,
 *    peak RSS ≤ 300 MB); then where its time goes: the pages read alone, and the writer alone on the same number
 *    of rows made in memory (no database: the floor of any export through exceljs), each against the same COPY.
 * Scale: `--n` bulk vouchers (the issue's full scale is 10,000,000; this shared 2-core machine runs a reduced
 * one — the results record n). The bulk story is generated set-based (bench data: placeholder identifiers).
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/index.js';
import * as analytics from '../src/modules/analytics/index.js';
import { benchEnv } from '../src/config.js';
import { checkInWorld, fire, firstError } from './checkin.js';
import { result, round, seedPersons, timed, type BenchContext, type BenchResult } from './lib.js';
import { copyCsv, exportInChild } from './stats-export.js';
import { CONNECTIONS as ADMIT_CONNECTIONS, trainingWorld, type World } from './verify.js';

export const defaultN = 300_000;
export const description =
  'statistics: dashboards on the cube vs GROUP BY on base tables, facts overhead on admission and check-in, xlsx export vs COPY (PostgreSQL)';
const { statsRound: ADMIT_ROUND, statsPairs: PAIRS, statsOnly: ONLY } = benchEnv();
const CHECKIN_ROUND = 2 * ADMIT_ROUND;
/** Rounds of each hot path: a warm-up, then the pairs. */
const ROUNDS = 1 + 2 * PAIRS;
/** Admissions' classes of a real size, as in bench/admit.ts (a class of 10,000 seats: the seat search dominates). */
const CLASS_SIZE = 50;
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
    ms.push((await timed(() => db.query(`SELECT metric, sum(n) FROM (${analytics.factsSql()}) f GROUP BY metric`, [new Date(), 80]))).seconds * 1000);
  return round(p95(ms), 1);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** A hot path's round: `requests` requests from the `from`-th of its load, every one answered 2xx; its rate. */
type Round = (from: number, requests: number) => Promise<number>;

/**
 * What keeping the facts current costs a hot path: a warm-up round (facts on, not counted), then `PAIRS` pairs
 * of rounds with the facts off and on, back to back on the same world, the order alternating (off–on, on–off, …)
 * so that a drift of the machine weighs on both sides. Each round's rate is its requests over its own seconds.
 * The figure: the median of the pairs' ratios (on / off); the rates: the medians of each side.
 */
async function factsCost(label: string, perRound: number, runRound: Round, log: (s: string) => void): Promise<{ on: number; off: number; ratio: number }> {
  let from = 0;
  const measure = async (facts: boolean): Promise<number> => {
    analytics.setFactsRecording(facts);
    const rate = await runRound(from, perRound);
    from += perRound;
    return rate;
  };
  try {
    log(`${label}: warm-up ${round(await measure(true), 1)} req/s; ${PAIRS} pairs of rounds of ${perRound} requests`);
    const on: number[] = [];
    const off: number[] = [];
    const ratios: number[] = [];
    for (let p = 0; p < PAIRS; p++) {
      const order = p % 2 === 0 ? [false, true] : [true, false];
      const rate = new Map<boolean, number>();
      for (const facts of order) rate.set(facts, await measure(facts));
      on.push(rate.get(true)!);
      off.push(rate.get(false)!);
      ratios.push(rate.get(true)! / rate.get(false)!);
      const shown = order.map((f) => `${f ? 'on' : 'off'} ${round(rate.get(f)!, 1)}`).join(', ');
      log(`  ${label} pair ${p + 1}: ${shown} req/s → on/off ${round(ratios[p]!)}`);
    }
    const m = { on: round(median(on), 1), off: round(median(off), 1), ratio: round(median(ratios)) };
    log(`  ${label}: median on ${m.on}, off ${m.off} req/s; median ratio ${m.ratio} (pairs ${ratios.map((x) => round(x)).join(', ')})`);
    return m;
  } finally {
    analytics.setFactsRecording(true);
  }
}

/** A round of `requests` requests; refused unless every one was answered 2xx. */
async function fired(base: string, requests: number, next: Parameters<typeof fire>[2], connections?: number): Promise<number> {
  const r = await fire(base, requests, next, connections);
  if (r.ok !== requests) throw new Error(`${requests - r.ok} requests not answered 2xx ${JSON.stringify(r.other)}: ${JSON.stringify(firstError)}`);
  return r.total / r.seconds;
}

/** The check-in burst's route (bench/checkin.ts's world: each trainee checks in once), facts off and on. */
async function checkInCost(log: (s: string) => void): Promise<{ on: number; off: number; ratio: number }> {
  const w = await checkInWorld(ROUNDS * CHECKIN_ROUND, log);
  try {
    if (Date.now() > w.t0 + 10 * 60_000) throw new Error('the set-up took too long: the check-in window is closing');
    return await factsCost('check-in', CHECKIN_ROUND, (from, k) => fired(w.base, k, (i) => w.checkIn(from + i)), log);
  } finally {
    await w.close();
  }
}

/** Admission by number (bench/admit.ts's request, 50 connections, classes of 50 seats), facts off and on. */
function admitCost(w: World, log: (s: string) => void): Promise<{ on: number; off: number; ratio: number }> {
  const request = (k: number) => {
    const v = w.vouchers[k]!;
    return {
      path: `/api/v1/classes/${w.classIds[k % w.classIds.length]}/admissions`,
      headers: { authorization: `Bearer ${w.providerToken}` },
      body: JSON.stringify({ voucherNumber: v.number, idNumber: v.idNumber }),
    };
  };
  return factsCost('admission', ADMIT_ROUND, (from, k) => fired(w.base, k, (i) => request(from + i), ADMIT_CONNECTIONS), log);
}

export async function run({ n, log, dry }: BenchContext): Promise<BenchResult[]> {
  if (ONLY !== undefined && (ONLY !== 'hot' || !dry)) throw new Error('BENCH_STATS_ONLY=hot runs the hot paths alone, with --dry only');
  const out: BenchResult[] = [];
  const r = (name: string, value: number, unit: string, base: number | null, ratio: number | null) =>
    out.push(result({ name: `stats.${name}`, value, unit, baseline: base, ratio, engine: 'postgres', n }));
  // the hot paths first: check-in on its own world, then admission on the world the bulk story grows on
  const ck = await checkInCost(log);
  const vouchers = ROUNDS * ADMIT_ROUND;
  const w = await trainingWorld(vouchers, Math.ceil(vouchers / CLASS_SIZE), log, CLASS_SIZE);
  try {
    const ad = await admitCost(w, log);
    r('admit_with_facts_req_per_s', ad.on, 'req/s', ad.off, ad.ratio);
    r('checkin_with_facts_req_per_s', ck.on, 'req/s', ck.off, ck.ratio);
    if (ONLY === 'hot') return out;

    // the bulk story in the first 20 classes (its shape as before the admissions moved to classes of 50 seats)
    const providerId = (await w.db.query<{ provider_id: string }>('SELECT provider_id::text FROM training_classes LIMIT 1')).rows[0]!.provider_id;
    await seedStory(w.db, n, w.classIds.slice(0, 20), providerId, log);
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
    // each in a process of its own, as the CLI or an API node runs it (the peak RSS is that process's: not this
    // one's, which holds the bench's world); COPY through psql, also a process of its own
    const x = await exportInChild('export', rows, file);
    const c = await timed(() => copyCsv(rows));
    log(`xlsx ${rows} rows: ${round(x.seconds, 2)} s, peak RSS ${x.peakRssMb} MB; COPY csv: ${round(c.seconds, 2)} s`);
    r('xlsx_export_rows_per_s', Math.round(rows / x.seconds), 'rows/s', Math.round(rows / c.seconds), round(c.seconds / x.seconds));
    r('xlsx_export_peak_rss_mb', x.peakRssMb, 'MB', null, null);
    // where the time goes: the read alone, and the writer alone (the floor of any export through exceljs)
    const rd = await exportInChild('read', rows, file);
    const fl = await exportInChild('floor', rows, file);
    log(`  read alone ${round(rd.seconds, 2)} s; writer alone (no database) ${round(fl.seconds, 2)} s, peak RSS ${fl.peakRssMb} MB`);
    r('xlsx_read_only_rows_per_s', Math.round(rows / rd.seconds), 'rows/s', Math.round(rows / c.seconds), round(c.seconds / rd.seconds));
    r('xlsx_writer_floor_rows_per_s', Math.round(rows / fl.seconds), 'rows/s', Math.round(rows / c.seconds), round(c.seconds / fl.seconds));
    r('xlsx_writer_floor_peak_rss_mb', fl.peakRssMb, 'MB', null, null);
    rmSync(file, { force: true });
    return out;
  } finally {
    await w.app.close();
    await w.db.close();
  }
}
