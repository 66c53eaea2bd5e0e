/** Who matches an eligibility rule (set-based issuance): a SELECT over persons other modules embed. */
import { now as clockNow } from '../../lib/clock.js';
import { businessDate } from '../../lib/time.js';

export interface EligibilityRule {
  districtCodes?: string[];
  categoriesAny?: string[];
  hukou?: 'local' | 'nonlocal';
  ageMin?: number;
  ageMax?: number;
  sex?: 'M' | 'F';
  employerUscc?: string;
}

/** Today's date in Asia/Shanghai, 'YYYY-MM-DD'. */
export const shanghaiToday = (now: Date = clockNow()): string => businessDate(now);

/**
 * A SELECT of `id, district_code, categories, hukou, birth_date` from persons matching the rule, for
 * set-based issuance. Parameters are numbered from `firstParam`; ages are full years as of `asOf`
 * ('YYYY-MM-DD', default today in Asia/Shanghai).
 */
export function matchPersonsSql(rule: EligibilityRule, firstParam: number, asOf: string = shanghaiToday()): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${firstParam + params.length - 1}`;
  };
  const where: string[] = [];
  if (rule.districtCodes?.length) where.push(`district_code = ANY(${p(rule.districtCodes)}::text[])`);
  if (rule.categoriesAny?.length) where.push(`categories && ${p(rule.categoriesAny)}::text[]`);
  if (rule.hukou) where.push(`hukou = ${p(rule.hukou)}::text`);
  if (rule.sex) where.push(`sex = ${p(rule.sex)}::text`);
  if (rule.employerUscc) where.push(`employer_uscc = ${p(rule.employerUscc)}::text`);
  if (rule.ageMin !== undefined || rule.ageMax !== undefined) {
    const d = p(asOf);
    if (rule.ageMin !== undefined) where.push(`birth_date <= (${d}::date - make_interval(years => ${p(rule.ageMin)}::int))::date`);
    if (rule.ageMax !== undefined) where.push(`birth_date > (${d}::date - make_interval(years => ${p(rule.ageMax + 1)}::int))::date`);
  }
  return {
    sql: `SELECT id, district_code, categories, hukou, birth_date FROM persons${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
    params,
  };
}
