/** The attendance module's to-do count for the staff workbench (issue 17). */
import type { Queryable } from '../../db/index.js';
import { scopeSql, type Scope } from '../identity/index.js';

/** Check-ins flagged as suspicious and not yet reviewed, by the class's district (a provider: its own classes'). */
export async function countFlagsToReview(q: Queryable, scope: Scope): Promise<number> {
  const params: unknown[] = [];
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM check_ins WHERE status = 'flagged' AND ${scopeSql(scope, { district: 'district_code', org: 'provider_id' }, params)}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}
