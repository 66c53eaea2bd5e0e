/** Reading the figures: cube + not yet folded deltas, filtered, scoped in SQL, grouped by any dimensions. */
import type { Queryable } from '../../db/index.js';
import { invalid } from '../../lib/errors.js';
import { scopeCondition, type AnalyticsScope } from './policy.js';
import { monthStart, type Sum } from './rules.js';

export const GROUP_BY = ['district', 'trainingDistrict', 'programme', 'occupation', 'level', 'provider', 'month', 'category', 'class'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

const GROUP_COL: Record<GroupBy, string> = {
  district: 'person_district',
  trainingDistrict: 'training_district',
  programme: 'programme_id::text',
  occupation: 'occupation_code',
  level: 'level::text',
  provider: 'provider_id::text',
  month: `to_char(month, 'YYYY-MM')`,
  category: 'category',
  class: 'class_id::text',
};

export interface Filters {
  from?: string | undefined;
  to?: string | undefined;
  districtCode?: string | undefined;
  trainingDistrictCode?: string | undefined;
  programmeId?: string | undefined;
  occupationCode?: string | undefined;
  level?: number | undefined;
  providerId?: string | undefined;
  category?: string | undefined;
}

/** The key of a group whose dimension is missing. */
export const NONE = '-';

function whereOf(s: AnalyticsScope, f: Filters, params: unknown[]): string {
  const conds = [scopeCondition(s, params)];
  const eq = (col: string, v: unknown, cast = '') => {
    if (v === undefined || v === null) return;
    params.push(v);
    conds.push(`${col} = $${params.length}${cast}`);
  };
  const month = (v: string | undefined, field: string): string | undefined => {
    if (v === undefined) return undefined;
    const d = monthStart(v);
    if (!d) throw invalid(field, 'a month is YYYY-MM');
    return d;
  };
  const from = month(f.from, 'from');
  const to = month(f.to, 'to');
  if (from && to && from > to) throw invalid('from', 'from is after to');
  if (from) {
    params.push(from);
    conds.push(`month >= $${params.length}::date`);
  }
  if (to) {
    params.push(to);
    conds.push(`month <= $${params.length}::date`);
  }
  eq('person_district', f.districtCode);
  eq('training_district', f.trainingDistrictCode);
  eq('programme_id', f.programmeId, '::uuid');
  eq('occupation_code', f.occupationCode);
  eq('level', f.level, '::smallint');
  eq('provider_id', f.providerId, '::uuid');
  eq('category', f.category);
  return conds.join(' AND ');
}

/** group key (dimension values joined by '|') → metric → summed fact. */
export type Grouped = Map<string, Map<string, Sum>>;

/** Sums the facts in scope and filters, by the given dimensions (none: one group, key ''). */
export async function sumFacts(q: Queryable, s: AnalyticsScope, f: Filters, by: readonly GroupBy[]): Promise<Grouped> {
  const params: unknown[] = [];
  const where = whereOf(s, f, params);
  const key = by.length ? by.map((g) => `coalesce(${GROUP_COL[g]}, '${NONE}')`).join(` || '|' || `) : `''`;
  const { rows } = await q.query<{ k: string; metric: string; n: number; amount_fen: number; days: number }>(
    `SELECT ${key} AS k, metric, sum(n)::bigint AS n, sum(amount_fen)::bigint AS amount_fen, sum(days)::bigint AS days
       FROM (SELECT * FROM analytics_cube UNION ALL SELECT * FROM analytics_facts) f
      WHERE ${where}
      GROUP BY 1, 2`,
    params,
  );
  const out: Grouped = new Map();
  for (const r of rows) {
    let g = out.get(r.k);
    if (!g) out.set(r.k, (g = new Map()));
    g.set(r.metric, { n: Number(r.n), amountFen: Number(r.amount_fen), days: Number(r.days) });
  }
  return out;
}
