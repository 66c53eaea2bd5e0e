/** Yearly budgets per programme × district (预算): read by the issuance, set by a city admin. */
import type { Queryable, Tx } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import { districtScope, requireRole, type Actor } from '../identity/index.js';
import { BUDGET_READERS } from './policy.js';
import { BudgetSet, type BudgetQueryInput, type BudgetSetInput } from './schemas.js';
import { check, getDistrict, requireCityAdmin, requireProgramme, type Budget } from './service.js';

interface BudgetRow {
  id: string;
  programme_id: string;
  programme_code: string;
  district_code: string;
  district_name: string;
  year: number;
  amount_fen: number;
}
const presentBudget = (r: BudgetRow): Budget => ({
  id: r.id,
  programmeId: r.programme_id,
  programmeCode: r.programme_code,
  districtCode: r.district_code,
  districtName: r.district_name,
  year: r.year,
  amountFen: r.amount_fen,
});
const BUDGET_SELECT = `SELECT b.id, b.programme_id, p.code AS programme_code, b.district_code, d.name AS district_name, b.year, b.amount_fen
  FROM budgets b JOIN programmes p ON p.id = b.programme_id JOIN districts d ON d.code = b.district_code`;

export async function getBudget(q: Queryable, programmeId: string, districtCode: string, year: number): Promise<{ id: string; amountFen: number } | null> {
  if (!isUuid(programmeId)) return null;
  const { rows } = await q.query<{ id: string; amount_fen: number }>(
    'SELECT id, amount_fen FROM budgets WHERE programme_id = $1 AND district_code = $2 AND year = $3',
    [programmeId, districtCode, year],
  );
  return rows[0] ? { id: rows[0].id, amountFen: rows[0].amount_fen } : null;
}

/** Budgets: city-wide roles see all; a district admin sees its own district's only (another → 404). */
export async function listBudgets(actor: Actor, q: Queryable, f: Partial<BudgetQueryInput>): Promise<{ total: number; items: Budget[] }> {
  requireRole(actor, BUDGET_READERS, 'budgets are for admins, finance and auditors');
  const district = districtScope(actor, f.districtCode);
  const params = [f.year ?? null, f.programmeId ?? null, district];
  const w = 'WHERE ($1::int IS NULL OR b.year = $1) AND ($2::uuid IS NULL OR b.programme_id = $2) AND ($3::text IS NULL OR b.district_code = $3)';
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM budgets b ${w}`, params)).rows[0]?.n ?? 0;
  const { rows } = await q.query<BudgetRow>(`${BUDGET_SELECT} ${w} ORDER BY b.year DESC, p.code, b.district_code LIMIT $4 OFFSET $5`, [
    ...params,
    f.limit ?? 200,
    f.offset ?? 0,
  ]);
  return { total, items: rows.map(presentBudget) };
}

/** Sets a programme × district × year budget (creates it when absent). */
export async function setBudget(by: AuditActor, tx: Tx, input: BudgetSetInput): Promise<Budget> {
  requireCityAdmin(by);
  const v = check(BudgetSet, input);
  const p = await requireProgramme(tx, v.programmeId);
  if (!(await getDistrict(tx, v.districtCode))) throw new AppError('DISTRICT_UNKNOWN', `unknown district ${v.districtCode}`, 'districtCode');
  const { rows: old } = await tx.query<{ amount_fen: number }>(
    'SELECT amount_fen FROM budgets WHERE programme_id = $1 AND district_code = $2 AND year = $3 FOR UPDATE',
    [p.id, v.districtCode, v.year],
  );
  const from = old[0]?.amount_fen ?? null;
  if (from === v.amountFen) {
    const { rows: same } = await tx.query<BudgetRow>(`${BUDGET_SELECT} WHERE b.programme_id = $1 AND b.district_code = $2 AND b.year = $3`, [
      p.id,
      v.districtCode,
      v.year,
    ]);
    return presentBudget(same[0]!);
  }
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO budgets (programme_id, district_code, year, amount_fen) VALUES ($1, $2, $3, $4)
     ON CONFLICT ON CONSTRAINT budgets_key DO UPDATE SET amount_fen = EXCLUDED.amount_fen, updated_at = now() RETURNING id`,
    [p.id, v.districtCode, v.year, v.amountFen],
  );
  const id = rows[0]!.id;
  await audit.record(tx, by, {
    action: 'catalog.budget.set',
    entityType: 'budget',
    entityId: id,
    districtCode: v.districtCode,
    detail: { programmeCode: p.code, districtCode: v.districtCode, year: v.year, from, to: v.amountFen },
  });
  const { rows: out } = await tx.query<BudgetRow>(`${BUDGET_SELECT} WHERE b.id = $1`, [id]);
  return presentBudget(out[0]!);
}

/**
 * The budgets of a year, optionally one district's / one programme's, unscoped: for a caller that scopes them
 * itself (the statistics' budget execution, analytics/service.ts `budget`). Ordered by district, programme.
 */
export async function budgetsOfYear(q: Queryable, year: number, f: { districtCode?: string | null; programmeId?: string | null } = {}): Promise<Budget[]> {
  if (f.programmeId && !isUuid(f.programmeId)) return [];
  const { rows } = await q.query<BudgetRow>(
    `${BUDGET_SELECT} WHERE b.year = $1 AND ($2::text IS NULL OR b.district_code = $2) AND ($3::uuid IS NULL OR b.programme_id = $3)
      ORDER BY b.district_code, b.programme_id`,
    [year, f.districtCode ?? null, f.programmeId ?? null],
  );
  return rows.map(presentBudget);
}
