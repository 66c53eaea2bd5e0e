/** The vouchers module's to-do count for the staff workbench (issue 17). */
import type { Queryable } from '../../db/index.js';
import { scopeSql, type Scope } from '../identity/index.js';

/**
 * Issuances created but not run to the end: drafts and failed runs (targeted ones by district; an enterprise's or
 * provider's custom lists by organisation).
 */
export async function countIssuancesToRun(q: Queryable, scope: Scope): Promise<number> {
  const params: unknown[] = [];
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM issuances WHERE status IN ('draft', 'failed') AND ${scopeSql(scope, { district: 'district_code', org: 'org_id' }, params)}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}
