/**
 * The facts computed from the base tables in one pass: the cube's backfill and rebuild (`stats rebuild`, the
 * nightly compaction) and the benchmark's "GROUP BY on the base tables" baseline. Each owner writes the SQL of
 * its own facts over its own tables (`analyticsFacts(kit)` on its face); this file only composes them — it names
 * no other module's table. The hot paths never come here, they append deltas through `recordFacts`.
 *
 * Every fact is (metric, person's district, training district, programme, occupation, level, provider, class,
 * issuing organisation, person category, Shanghai month, n, amount in fen, whole days). Month = the month the
 * event happened (see the README of the statistics).
 *
 * The contract between the owners: shared relations (CTEs) that later facts join by name —
 *   pd (persons)    id, district_code
 *   vd (vouchers)   id, person_id, issued_at, mode, status, status_changed_at, category, person_district,
 *                   programme_id, occupation_code, level, issuer_org_id          (joins pd)
 *   cd (training)   class_id, training_district, provider_id, programme_id, occupation_code, level, opened_at,
 *                   reported_at, report_deadline, cancelled_at, state
 *   la (training)   voucher_id, class_id: a voucher's latest admission
 *   ad (training)   voucher_id, person_id, class_id, admitted_at: admissions standing (status admitted)
 *   sess (training) class_id, total, held (sessions ended by the computation's instant)
 * and the kit's column lists: `dims` (a fact of voucher `v` in class `c`, either may be NULL), `voucherDims`
 * (no class), `classDims` (no person).
 */
import * as assessment from '../assessment/index.js';
import * as attendance from '../attendance/index.js';
import * as persons from '../persons/index.js';
import * as subsidy from '../subsidy/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';

/** What an owner's facts SQL may use: the shared column lists, the parameters, month and day expressions. */
export interface FactsKit {
  /** The dimension columns of a voucher fact (v = vd, c = cd, possibly NULL). */
  dims: string;
  /** The dimension columns of a voucher fact without a class (issue, expiry, revocation). */
  voucherDims: string;
  /** The dimension columns of a class fact (no person). */
  classDims: string;
  /** The instant of the computation (sessions held = ended by then), a timestamptz expression. */
  at: string;
  /** The attendance threshold in percent (≥ 80 % attendance), an int expression. */
  thresholdPct: string;
  /** First day of the Asia/Shanghai month of a timestamptz expression. */
  month: (ts: string) => string;
  /** Whole days between two timestamptz expressions (Shanghai calendar days). */
  daysBetween: (from: string, to: string) => string;
}

/** One owner's part: the shared relations it provides (in order) and its facts' SELECTs. */
export interface FactsSource {
  relations?: ReadonlyArray<readonly [name: string, sql: string]>;
  /** SELECTs yielding the cube's columns: metric, the 9 dimensions, month, n, amount_fen, days. */
  facts: readonly string[];
}

const KIT: FactsKit = {
  dims: `v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category`,
  voucherDims: `v.person_district, NULL::text AS training_district, v.programme_id, v.occupation_code, v.level,
  NULL::uuid AS provider_id, NULL::uuid AS class_id, v.issuer_org_id, v.category`,
  classDims: `NULL::text AS person_district, c.training_district, c.programme_id, c.occupation_code, c.level,
  c.provider_id, c.class_id, NULL::uuid AS issuer_org_id, NULL::text AS category`,
  at: '$1::timestamptz',
  thresholdPct: '$2::int',
  month: (ts) => `date_trunc('month', (${ts}) AT TIME ZONE 'Asia/Shanghai')::date`,
  daysBetween: (from, to) => `((${to}) AT TIME ZONE 'Asia/Shanghai')::date - ((${from}) AT TIME ZONE 'Asia/Shanghai')::date`,
};

/** The owners, relations in this order (a relation may join those before it). */
const owners = (): Array<(k: FactsKit) => FactsSource> => [
  persons.analyticsFacts,
  vouchers.analyticsFacts,
  training.analyticsFacts,
  attendance.analyticsFacts,
  assessment.analyticsFacts,
  subsidy.analyticsFacts,
];

const COLUMNS = `metric, person_district, training_district, programme_id, occupation_code, level, provider_id, class_id, issuer_org_id, category, month`;
export const CUBE_COLUMNS = `${COLUMNS}, n, amount_fen, days`;

/**
 * All facts, aggregated by every dimension. `$1` = the instant of the computation (sessions held = ended by
 * then), `$2` = the attendance threshold in percent (≥ 80 % attendance).
 */
export function factsSql(): string {
  const parts = owners().map((f) => f(KIT));
  const relations = parts.flatMap((p) => p.relations ?? []);
  const names = relations.map(([n]) => n);
  if (new Set(names).size !== names.length || names.includes('f')) throw new Error(`analytics: relation names clash (${names.join(', ')})`);
  const ctes = relations.map(([name, sql]) => `${name} AS (${sql})`);
  const facts = parts.flatMap((p) => p.facts).join('\n  UNION ALL\n  ');
  return `WITH ${[...ctes, `f AS (\n  ${facts}\n)`].join(',\n')}
SELECT ${COLUMNS}, sum(n)::bigint AS n, sum(amount_fen)::bigint AS amount_fen, sum(days)::bigint AS days
  FROM f GROUP BY ${COLUMNS}`;
}
