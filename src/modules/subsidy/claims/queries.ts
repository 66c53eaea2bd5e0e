/** Reading claims: one claim with its trail, the officers' list (scoped), the admins' to-dos. */
import type { z } from 'zod';
import type { Queryable } from '../../../db/index.js';
import * as catalog from '../../catalog/index.js';
import { scopeOf, scopeSql, type Actor } from '../../identity/index.js';
import { CLAIM_READERS, REVIEWERS } from '../policy.js';
import type { ClaimState } from '../rules.js';
import type { ClaimDetailSchema, ClaimTodoSchema } from '../schemas.js';
import { prefixPattern } from '../search.js';
import { claimFor, presentClaim, type ClaimRow, type ClaimView } from './claim-row.js';

export type ClaimDetail = z.infer<typeof ClaimDetailSchema>;

export async function getClaim(actor: Actor, q: Queryable, id: string): Promise<ClaimDetail> {
  const c = await claimFor(actor, q, id);
  const { rows } = await q.query<{ from_status: string | null; to_status: string; at: Date; reason: string | null }>(
    'SELECT from_status, to_status, at, reason FROM claim_events WHERE claim_id = $1 ORDER BY id',
    [id],
  );
  return { ...presentClaim(c), events: rows.map((e) => ({ from: e.from_status, to: e.to_status, at: e.at.toISOString(), reason: e.reason })) };
}

export interface ClaimFilter {
  status?: ClaimState | undefined;
  districtCode?: string | undefined;
  /** A reason code (a failed rule's code or a note's), e.g. NO_BUDGET. */
  reason?: string | undefined;
  /** A claim number or the payee's name, by its start. */
  q?: string | undefined;
  programmeId?: string | undefined;
  year?: number | undefined;
  limit: number;
  offset: number;
}

/** SQL: the claim has the reason code $n (as `reasonCodes` computes it: a failed rule's code or rule name, a note's code). */
const reasonMatches = (n: number): string => `EXISTS (SELECT 1 FROM jsonb_array_elements(rules) e
  WHERE COALESCE(e->>'code', CASE WHEN (e->>'passed')::boolean THEN NULL ELSE e->>'rule' END) = $${n})`;

/** The claims in the caller's scope (a district admin: its district's; a worker: its own) that the filters show. */
export async function listClaims(actor: Actor, q: Queryable, f: ClaimFilter): Promise<{ total: number; items: ClaimView[] }> {
  const scope = scopeOf(actor, CLAIM_READERS, 'not for this role');
  const term = prefixPattern(f.q);
  const params: unknown[] = [f.status ?? null, f.districtCode ?? null, term, f.programmeId ?? null, f.year ?? null, f.reason ?? null];
  const w = `WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR district_code = $2)
               AND ($3::text IS NULL OR number LIKE upper($3) OR payee_name LIKE $3) AND ($4::uuid IS NULL OR programme_id = $4)
               AND ($5::int IS NULL OR year = $5) AND ($6::text IS NULL OR ${reasonMatches(6)})
               AND ${scopeSql(scope, { district: 'district_code', person: 'person_id' }, params)}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM subsidy_claims ${w}`, params)).rows[0]!.n;
  const n = params.length;
  const { rows } = await q.query<ClaimRow>(`SELECT * FROM subsidy_claims ${w} ORDER BY created_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  return { total, items: rows.map((r) => presentClaim(r)) };
}

/** One to-do of the admins' home: claims waiting in review for a reason an admin must act on. */
export type ClaimTodo = z.infer<typeof ClaimTodoSchema>;

/**
 * The admins' to-dos from the claims (city admin: all districts; district admin: their district): claims in
 * review because no budget exists for their (year, district, programme), one item per such budget.
 */
export async function claimTodos(actor: Actor, q: Queryable): Promise<{ total: number; items: ClaimTodo[] }> {
  const scope = scopeOf(actor, REVIEWERS, 'not for this role');
  const params: unknown[] = ['NO_BUDGET'];
  const { rows } = await q.query<{ year: number; district_code: string | null; programme_id: string; n: number }>(
    `SELECT year, district_code, programme_id, count(*)::int AS n FROM subsidy_claims
      WHERE status = 'in_review' AND ${reasonMatches(1)} AND ${scopeSql(scope, { district: 'district_code' }, params)}
      GROUP BY year, district_code, programme_id ORDER BY year, district_code, programme_id`,
    params,
  );
  const items: ClaimTodo[] = [];
  for (const r of rows) {
    const p = await catalog.getProgramme(q, r.programme_id);
    items.push({ kind: 'NO_BUDGET', year: r.year, districtCode: r.district_code, programmeId: r.programme_id, programmeName: p?.name ?? null, claims: r.n });
  }
  return { total: items.length, items };
}
