/**
 * The subsidy module's to-do counts for the staff workbench (issue 17): what waits for someone in the caller's
 * scope. Each count is the same condition the page it links to lists, scoped in SQL on the one policy layer.
 */
import type { Queryable } from '../../db/index.js';
import { scopeSql, type Scope } from '../identity/index.js';

const one = async (q: Queryable, sql: string, params: unknown[]): Promise<number> => Number((await q.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);

/** Claims waiting in review (核验) in the scope (a district: its district's claims). */
export function countClaimsInReview(q: Queryable, scope: Scope): Promise<number> {
  const params: unknown[] = [];
  return one(
    q,
    `SELECT count(*)::int AS n FROM subsidy_claims WHERE status = 'in_review' AND ${scopeSql(scope, { district: 'district_code' }, params)}`,
    params,
  );
}

/**
 * Claims in review because no budget exists for their (year, district, programme) — the "budgets missing" to-do:
 * `claims` waiting, over `budgets` distinct (year, district, programme).
 */
export async function countBudgetsMissing(q: Queryable, scope: Scope): Promise<{ claims: number; budgets: number }> {
  const params: unknown[] = ['NO_BUDGET'];
  const { rows } = await q.query<{ claims: number; budgets: number }>(
    `SELECT count(*)::int AS claims, count(DISTINCT (year, district_code, programme_id))::int AS budgets FROM subsidy_claims
      WHERE status = 'in_review'
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(rules) e
                     WHERE COALESCE(e->>'code', CASE WHEN (e->>'passed')::boolean THEN NULL ELSE e->>'rule' END) = $1)
        AND ${scopeSql(scope, { district: 'district_code' }, params)}`,
    params,
  );
  return { claims: Number(rows[0]?.claims ?? 0), budgets: Number(rows[0]?.budgets ?? 0) };
}

/** Objections (异议) still open, by their claim's district. */
export function countOpenObjections(q: Queryable, scope: Scope): Promise<number> {
  const params: unknown[] = [];
  return one(
    q,
    `SELECT count(*)::int AS n FROM claim_objections o JOIN subsidy_claims c ON c.id = o.claim_id
      WHERE o.status = 'open' AND ${scopeSql(scope, { district: 'c.district_code' }, params)}`,
    params,
  );
}

/** Batches built and waiting for a checker — only those another account made (maker ≠ checker). */
export function countBatchesToApprove(q: Queryable, checkerId: string): Promise<number> {
  return one(q, "SELECT count(*)::int AS n FROM disbursement_batches WHERE status = 'draft' AND maker_id <> $1", [checkerId]);
}

/** Batches whose bank files were generated and whose bank results are not yet imported. */
export function countBankResultsToImport(q: Queryable): Promise<number> {
  return one(q, "SELECT count(*)::int AS n FROM disbursement_batches WHERE status IN ('file_ready', 'reconciling')", []);
}

/** Claims whose payment failed, to re-queue once the payee's account is corrected (支付失败再申请). */
export function countFailedPayments(q: Queryable, scope: Scope): Promise<number> {
  const params: unknown[] = [];
  return one(q, `SELECT count(*)::int AS n FROM subsidy_claims WHERE status = 'failed' AND ${scopeSql(scope, { district: 'district_code' }, params)}`, params);
}
