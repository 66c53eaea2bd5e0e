/**
 * The rehabilitation module's to-do counts for the staff workbench (issue 17), scoped in SQL on the one policy
 * layer (policy.CASE_COLUMNS): the committee sees every case, a hospital those placed at it, a district officer
 * its district's.
 */
import type { Queryable } from '../../db/index.js';
import { scopeSql, type Scope } from '../identity/index.js';
import { CASE_COLUMNS } from './policy.js';

async function count(q: Queryable, scope: Scope, where: string): Promise<number> {
  const params: unknown[] = [];
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM rehab_cases c WHERE ${where} AND ${scopeSql(scope, CASE_COLUMNS, params)}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}

/** What a case may wait for besides its status's own step (a list filter and a to-do each; alias c). */
export const PENDING_SQL = {
  extension: `c.status = 'admitted' AND c.extension_days IS NOT NULL`,
  voucher: `c.status = 'discharged' AND c.discharge_outcome = 'retraining_recommended' AND c.voucher_id IS NULL`,
} as const;

/** Applications submitted and waiting for the committee's decision (placement, material or refusal). */
export const countCasesToDecide = (q: Queryable, scope: Scope): Promise<number> => count(q, scope, `c.status = 'submitted'`);

/** Extension requests from hospitals waiting for the committee (the patient is in hospital). */
export const countExtensionsToDecide = (q: Queryable, scope: Scope): Promise<number> => count(q, scope, PENDING_SQL.extension);

/** Patients placed at the hospital and not admitted yet (the hospital confirms the admission). */
export const countPatientsToAdmit = (q: Queryable, scope: Scope): Promise<number> => count(q, scope, `c.status = 'placed'`);

/** Discharges recommending retraining whose targeted training voucher the district officer has not issued yet. */
export const countRetrainingVouchersToIssue = (q: Queryable, scope: Scope): Promise<number> => count(q, scope, PENDING_SQL.voucher);
