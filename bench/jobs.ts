/**
 * Jobs bench (issue 19 §4): with n open postings (default 100,000 across every occupation of the classification and all
 * 16 districts) and 10 × n persons, a worker's recommendations (`recommendFor`: certificates and training through their
 * modules, the indexed candidates, the ranking, the remembered impressions) against the bare baseline of scoring every
 * open posting for the same worker (the full scan), in the same run. Headline: recommendation p95 and the ratio.
 * PostgreSQL named by DATABASE_URL (its own database); BENCH_JOBS_PERSONS overrides the persons' count.
 */
import { SYSTEM } from '../src/modules/audit/index.js';
import * as persons from '../src/modules/persons/index.js';
import type { Actor } from '../src/modules/identity/index.js';
import { businessDate } from '../src/lib/time.js';
import { allOpenPostings, rankPostings, recommendFor, workerFacts } from '../src/modules/employment/index.js';
import { freshPostgres, result, round, seedPersons, type BenchContext, type BenchResult } from './lib.js';

export const defaultN = 100_000;
export const description = 'jobs: a worker’s recommendations (indexed candidates + ranking) vs scoring every open posting';

const WORKERS = 30;
const ROUNDS = 2;

const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

async function seedPostings(db: Awaited<ReturnType<typeof freshPostgres>>['db'], n: number): Promise<void> {
  await db.query(
    `WITH occ AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS k FROM occupations WHERE level = 4),
          d AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS k FROM districts)
     INSERT INTO job_postings (source, employer_name, title, occupation_code, level, district_code, address, lat_gcj02, lng_gcj02,
                               pay_min_fen, pay_max_fen, headcount, valid_from, valid_until)
     SELECT 'officer', '单位' || g, '岗位' || g, occ.code, CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 5 END, d.code, '地址 ' || g,
            30.9 + (g % 700) / 1000.0, 121.1 + (g % 900) / 1000.0, 500000 + (g % 50) * 10000, 700000 + (g % 50) * 10000, 1 + g % 5,
            $2::date - 10, $2::date + 60
       FROM generate_series(1, $1::int) g
       JOIN occ ON occ.i = g % occ.k
       JOIN d ON d.i = g % d.k`,
    [n, businessDate(new Date())],
  );
  await db.query('ANALYZE job_postings');
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const { db } = await freshPostgres(4);
  try {
    const personsN = Number(process.env.BENCH_JOBS_PERSONS ?? ctx.n * 10);
    ctx.log(`seeding ${personsN} persons and ${ctx.n} postings`);
    await seedPersons(db, personsN);
    await seedPostings(db, ctx.n);
    const occs = (await db.query<{ code: string }>(`SELECT code FROM occupations WHERE level = 4 ORDER BY code LIMIT 500`)).rows.map((r) => r.code);
    const actors: Actor[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const { person } = await db.tx((tx) =>
        persons.ensurePerson(tx, SYSTEM, { idNumber: persons.nthIdNumber(900_000 + i), name: `求职者${i}`, districtCode: '310115', categories: ['employed'] }),
      );
      await db.query(
        `INSERT INTO imported_certificates (certificate_number, certificate_type, person_id, occupation_code, level, issuer_name, issued_on)
         VALUES ($1, 'skill_level', $2, $3, 4, '评价机构', current_date), ($4, 'skill_level', $2, $5, 3, '评价机构', current_date)`,
        [`BENCH-A-${i}`, person.id, occs[(i * 7) % occs.length], `BENCH-B-${i}`, occs[(i * 13 + 1) % occs.length]],
      );
      actors.push({
        accountId: person.id,
        username: `w${i}`,
        role: 'worker',
        districtCode: null,
        orgId: null,
        personId: person.id,
        sessionId: '',
        mfaPassed: true,
        totpEnabled: false,
      });
    }
    const today = businessDate(new Date());
    const ours: number[] = [];
    const full: number[] = [];
    let checked = 0;
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      for (const a of actors) {
        const t0 = process.hrtime.bigint();
        const rec = await recommendFor(a, db, { coordSystem: 'gcj02', limit: 20 });
        ours.push(Number(process.hrtime.bigint() - t0) / 1e6);
        const t1 = process.hrtime.bigint();
        const w = await workerFacts(a, db, a.personId!, { coordSystem: 'gcj02' });
        const all = await allOpenPostings(db, today);
        const top = rankPostings(w, all, 20);
        full.push(Number(process.hrtime.bigint() - t1) / 1e6);
        // the indexed path finds what the full scan finds at the top (same scores)
        if (round_ === 0 && rec[0] && top[0] && Math.abs(rec[0].score - top[0].score) > 1e-9)
          throw new Error('the indexed recommendation differs from the full scan');
        checked++;
      }
    }
    const oursP95 = round(p95(ours), 1);
    const fullP95 = round(p95(full), 1);
    ctx.log(`recommendations p95 ${oursP95} ms; full scan p95 ${fullP95} ms; ${checked} requests`);
    return [
      result({ name: 'jobs.recommend.p95', value: oursP95, unit: 'ms', baseline: fullP95, ratio: round(fullP95 / oursP95, 1), engine: 'postgres', n: ctx.n }),
      result({
        name: 'jobs.recommend.median',
        value: round([...ours].sort((a, b) => a - b)[Math.floor(ours.length / 2)]!, 1),
        unit: 'ms',
        baseline: null,
        ratio: null,
        engine: 'postgres',
        n: ctx.n,
      }),
    ];
  } finally {
    await db.close();
  }
}
