/**
 * The expiry pass (作废) at scale on PostgreSQL: N vouchers, 90 % past validity, voided by the real
 * `expireVouchers` (chunked conditional UPDATE + set-based event rows + one audit entry) — beside a bare
 * set-based UPDATE of the same rows in the same run (then reset and VACUUM before ours): seconds and the
 * ratio bare/ours (goals: ≤ 60 s at 10 M, ratio ≥ 0.4).
 */
import { expireVouchers } from '../src/modules/vouchers/expiry.js';
import { freshPostgres, result, round, seedPersons, timed, type BenchContext, type BenchResult } from './lib.js';

export const defaultN = 10_000_000;
export const description = 'expiry pass vs a bare set-based UPDATE (PostgreSQL)';

const NOW = new Date('2026-12-01T00:00:00Z'); // 08:00 Shanghai, cut-off 2026-12-01

export async function run({ n, log }: BenchContext): Promise<BenchResult[]> {
  const { db } = await freshPostgres();
  try {
    const perPerson = 10;
    const people = Math.ceil(n / perPerson);
    log(`seeding ${people} persons, ${perPerson} programmes, ${n} vouchers (90 % past validity)`);
    await seedPersons(db, people);
    await db.query(
      `INSERT INTO programmes (code, name, type, funding_source, payee, eligible_categories)
       SELECT 'BENCH-' || g, 'bench ' || g, 'skill_upgrade', 'unemployment_insurance_fund', 'person', ARRAY['employed'] FROM generate_series(1, $1::int) g`,
      [perPerson],
    );
    const step = 1_000_000;
    for (let from = 0; from < n; from += step) {
      const to = Math.min(n, from + step);
      await db.query(
        `WITH p AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM persons),
              g AS (SELECT id AS programme_id, row_number() OVER (ORDER BY code) - 1 AS j FROM programmes WHERE code LIKE 'BENCH-%')
         INSERT INTO vouchers (number, person_id, kind, programme_id, level, mode, district_code, ratio_pct, standard_fen, category, valid_from, valid_until, status)
         SELECT sv_voucher_number('2608', '310115', x), p.id, 'subsidy', g.programme_id, 4, 'targeted', '310115', 80, 200000, 'employed',
                date '2026-08-01', CASE WHEN x % 10 = 0 THEN date '2027-02-01' ELSE date '2026-11-01' END, 'issued'
           FROM generate_series($1::bigint, $2::bigint - 1) x
           JOIN p ON p.k = x / ${perPerson}
           JOIN g ON g.j = x % ${perPerson}`,
        [from, to],
      );
      log(`  … ${to} vouchers`);
    }
    await db.query('VACUUM ANALYZE vouchers');
    const due = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM vouchers WHERE status = 'issued' AND valid_until < '2026-12-01'")).rows[0]!.n;
    log(`${due} vouchers due`);

    const bare = await timed(() =>
      db.query("UPDATE vouchers SET status = 'expired', status_changed_at = now() WHERE status = 'issued' AND valid_until < $1::date", ['2026-12-01']),
    );
    log(`bare UPDATE: ${bare.value.rowCount} rows in ${round(bare.seconds)} s; resetting`);
    await db.query("UPDATE vouchers SET status = 'issued' WHERE status = 'expired'");
    await db.query('VACUUM ANALYZE vouchers');
    await db.query('CHECKPOINT');

    const ours = await timed(() => expireVouchers(db, { now: NOW, chunkSize: 100_000 }));
    log(`expiry pass: ${ours.value.expired} vouchers in ${round(ours.seconds)} s (${ours.value.chunks} chunks)`);
    if (ours.value.expired !== due || bare.value.rowCount !== due)
      throw new Error(`counts differ: due ${due}, bare ${bare.value.rowCount}, ours ${ours.value.expired}`);
    const events = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM voucher_events WHERE to_status = 'expired'")).rows[0]!.n;
    if (events !== due) throw new Error(`expected ${due} events, found ${events}`);
    return [
      result({
        name: 'expiry.seconds',
        value: round(ours.seconds),
        unit: 's',
        baseline: round(bare.seconds),
        ratio: round(bare.seconds / ours.seconds),
        engine: 'postgres',
        n,
      }),
      result({
        name: 'expiry.vouchers_per_s',
        value: Math.round(due / ours.seconds),
        unit: 'vouchers/s',
        baseline: Math.round(due / bare.seconds),
        ratio: round(bare.seconds / ours.seconds),
        engine: 'postgres',
        n,
      }),
    ];
  } finally {
    await db.close();
  }
}
