/**
 * The expiry pass (作废) at scale on PostgreSQL: N vouchers, 90 % past validity, voided by the real
 * `expireVouchers` (block-range chunks over voucher_states, each a conditional UPDATE + the pass's count + an
 * audit entry; the pass row is the vouchers' event) — beside a bare set-based UPDATE of the same rows in the
 * same run: seconds and the ratio bare/ours (goals: ≤ 60 s at 10 M, ratio ≥ 0.4).
 * Between the two the table is reset and CLUSTERed on its key, so both start from the layout issuance leaves.
 */
import type { Db } from '../src/db/index.js';
import { expireVouchers } from '../src/modules/vouchers/index.js';
import { freshPostgres, result, round, seedPersons, timed, type BenchContext, type BenchResult } from './lib.js';

export const defaultN = 10_000_000;
export const description = 'expiry pass vs a bare set-based UPDATE (PostgreSQL)';

const NOW = new Date('2026-12-01T00:00:00Z'); // 08:00 Shanghai, cut-off 2026-12-01

/** N vouchers of N / 10 persons over ten programmes, 90 % past validity, in issue order; vacuumed and checkpointed. */
async function seedVouchers(db: Db, n: number, log: BenchContext['log']): Promise<void> {
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
            g AS (SELECT id AS programme_id, row_number() OVER (ORDER BY code) - 1 AS j FROM programmes WHERE code LIKE 'BENCH-%'),
            ordered AS (
              SELECT x, p.id AS person_id, g.programme_id,
                     CASE WHEN x % 10 = 0 THEN date '2027-02-01' ELSE date '2026-11-01' END AS valid_until
                FROM generate_series($1::bigint, $2::bigint - 1) x
                JOIN p ON p.k = x / ${perPerson}
                JOIN g ON g.j = x % ${perPerson}
               ORDER BY x),
            -- ids drawn in issue order, as issuance draws them (time-ordered)
            src AS (SELECT sv_uuid7() AS id, ordered.* FROM ordered),
            s AS (
              INSERT INTO voucher_states (voucher_id, person_id, programme_id, kind, valid_until)
              SELECT id, person_id, programme_id, 'subsidy', valid_until FROM src ORDER BY x)
       INSERT INTO voucher_records (id, number, person_id, kind, programme_id, level, mode, district_code, ratio_pct, standard_fen, category, valid_from, valid_until)
       SELECT id, sv_voucher_number('2608', '310115', x), person_id, 'subsidy', programme_id, 4, 'targeted', '310115', 80, 200000, 'employed',
              date '2026-08-01', valid_until
         FROM src ORDER BY x`,
      [from, to],
    );
    log(`  … ${to} vouchers`);
  }
  await db.query('VACUUM ANALYZE voucher_states');
  await db.query('VACUUM ANALYZE voucher_records');
  await db.query('CHECKPOINT');
}

export async function run({ n, log }: BenchContext): Promise<BenchResult[]> {
  const { db } = await freshPostgres();
  try {
    await seedVouchers(db, n, log);
    const due = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM voucher_states WHERE status = 'issued' AND valid_until < '2026-12-01'")).rows[0]!
      .n;
    log(`${due} vouchers due`);

    const bare = await timed(() =>
      db.query("UPDATE voucher_states SET status = 'expired', status_changed_at = now() WHERE status = 'issued' AND valid_until < $1::date", ['2026-12-01']),
    );
    log(`bare UPDATE: ${bare.value.rowCount} rows in ${round(bare.seconds)} s; resetting`);
    await db.query("UPDATE voucher_states SET status = 'issued' WHERE status = 'expired'");
    await db.query('CLUSTER voucher_states USING voucher_states_pkey');
    await db.query('ANALYZE voucher_states');
    await db.query('CHECKPOINT');

    const ours = await timed(() => expireVouchers(db, { now: NOW }));
    log(`expiry pass: ${ours.value.expired} vouchers in ${round(ours.seconds)} s (${ours.value.chunks} chunks over ${ours.value.blocks} blocks)`);
    if (ours.value.expired !== due || bare.value.rowCount !== due)
      throw new Error(`counts differ: due ${due}, bare ${bare.value.rowCount}, ours ${ours.value.expired}`);
    const pointing = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM voucher_states WHERE expiry_pass_id = $1', [ours.value.passId])).rows[0]!.n;
    if (pointing !== due) throw new Error(`expected ${due} vouchers pointing to the pass, found ${pointing}`);
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
