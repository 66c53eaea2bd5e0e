/** Reading claims: one claim with its trail, the officers' list (scoped), the admins' to-dos. */
import type { z } from 'zod';
import type { Queryable } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { maskId, maskName } from '../../../lib/identifiers.js';
import * as catalog from '../../catalog/index.js';
import * as orgs from '../../orgs/index.js';
import * as persons from '../../persons/index.js';
import * as training from '../../training/index.js';
import { requireRole, scopeOf, scopeSql, type Actor, type Scope } from '../../identity/index.js';
import { CLAIM_READERS, CLAIM_SCOPE_COLUMNS, CLASS_CLAIM_READERS, REVIEWERS } from '../policy.js';
import { loadCalendar } from '../calendar.js';
import { yearlyAllowance, type ClaimState } from '../rules.js';
import { workingDaysWaited } from '../working-days.js';
import type { ClaimDetailSchema, ClaimTodoSchema, ClassClaimSchema } from '../schemas.js';
import { prefixPattern } from '../search.js';
import { claimFor, presentClaim, type ClaimRow, type ClaimView } from './claim-row.js';
import { isStudent, priorClaims } from './limits.js';

export type ClaimDetail = z.infer<typeof ClaimDetailSchema>;

export async function getClaim(actor: Actor, q: Queryable, id: string): Promise<ClaimDetail> {
  const c = await claimFor(actor, q, id);
  const { rows } = await q.query<{ from_status: string | null; to_status: string; at: Date; reason: string | null }>(
    'SELECT from_status, to_status, at, reason FROM claim_events WHERE claim_id = $1 ORDER BY id',
    [id],
  );
  return {
    ...presentClaim(c),
    events: rows.map((e) => ({ from: e.from_status, to: e.to_status, at: e.at.toISOString(), reason: e.reason })),
    context: await claimContext(q, c),
  };
}

/**
 * The decider's context of a claim (masked): who, which class at which provider, the pass and its certificate, the
 * yearly limit as an approval re-checks it now, and the person's other claims of every year (the history the limits
 * are checked against).
 */
async function claimContext(q: Queryable, c: ClaimRow): Promise<ClaimDetail['context']> {
  const person = await persons.getPerson(q, c.person_id);
  const cls = c.class_id ? await training.getClass(q, c.class_id) : null;
  const provider = c.provider_id ? await orgs.getOrg(q, c.provider_id) : null;
  const programme = await catalog.getProgramme(q, c.programme_id);
  const { rows: others } = await q.query<{ number: string; year: number; occupation_code: string; level: number; amount_fen: number; status: ClaimState }>(
    `SELECT number, year, occupation_code, level, amount_fen, status FROM subsidy_claims
      WHERE person_id = $1 AND id <> $2 ORDER BY created_at DESC, number DESC`,
    [c.person_id, c.id],
  );
  const student = isStudent(person?.categories ?? []);
  const prior = await priorClaims(q, c.person_id, c.voucher_id, { createdAt: c.created_at, number: c.number });
  const yearly = yearlyAllowance({
    year: c.year,
    prior,
    isStudent: student,
    maxPerYear: programme?.maxSubsidiesPerYear ?? 0,
    maxPerYearStudent: programme?.maxSubsidiesPerYearStudent ?? 0,
  });
  const occupationNames = new Map<string, string | null>();
  for (const code of new Set([c.occupation_code, ...others.map((o) => o.occupation_code)]))
    occupationNames.set(code, (await catalog.getOccupation(q, code))?.name ?? null);
  return {
    person: person ? { nameMasked: maskName(person.name), idMasked: maskId(person.idNumber) } : null,
    occupationName: occupationNames.get(c.occupation_code) ?? null,
    programmeName: programme?.name ?? null,
    class: cls ? { name: cls.name, providerName: provider?.name ?? null, startDate: cls.startDate, endDate: cls.endDate } : null,
    assessment: { passedOn: c.passed_on, certificateNumber: c.certificate_number },
    limits: { year: c.year, counted: yearly.used, max: yearly.max, student },
    otherClaims: others.map((o) => ({
      number: o.number,
      year: Number(o.year),
      occupationCode: o.occupation_code,
      occupationName: occupationNames.get(o.occupation_code) ?? null,
      level: o.level,
      amountFen: Number(o.amount_fen),
      status: o.status,
    })),
  };
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
export async function listClaims(actor: Actor, q: Queryable, f: ClaimFilter, now = clockNow()): Promise<{ total: number; items: ClaimView[] }> {
  const { total, rows } = await scopedClaims(scopeOf(actor, CLAIM_READERS, 'not for this role'), q, f);
  // a claim in review: how long it has waited (已等待 N 个工作日), in the calendar's working days
  const calendar = rows.some((r) => r.status === 'in_review') ? (await loadCalendar(q)).days : [];
  return {
    total,
    items: rows.map((r) => ({
      ...presentClaim(r, now),
      waitingWorkingDays: r.status === 'in_review' ? workingDaysWaited(r.created_at, now, calendar) : null,
    })),
  };
}

/**
 * The one query of the claims' lists: the claims in `scope` (placed by policy.ts `CLAIM_SCOPE_COLUMNS`, the SQL twin
 * of `claimPlacement`) that the filters show — one page of rows, their count, and the sum of those paid (to `payeeId`
 * alone in `paidToFen`, when given).
 */
export async function scopedClaims(
  scope: Scope,
  q: Queryable,
  f: ClaimFilter,
  payeeId: string | null = null,
): Promise<{ total: number; paidFen: number; paidToFen: number; rows: ClaimRow[] }> {
  const term = prefixPattern(f.q);
  const params: unknown[] = [f.status ?? null, f.districtCode ?? null, term, f.programmeId ?? null, f.year ?? null, f.reason ?? null];
  const w = `WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR district_code = $2)
               AND ($3::text IS NULL OR number LIKE upper($3) OR payee_name LIKE $3) AND ($4::uuid IS NULL OR programme_id = $4)
               AND ($5::int IS NULL OR year = $5) AND ($6::text IS NULL OR ${reasonMatches(6)})
               AND ${scopeSql(scope, CLAIM_SCOPE_COLUMNS, params)}`;
  const n = params.length;
  const sums = (
    await q.query<{ n: number; paid_fen: number | string; paid_to_fen: number | string }>(
      `SELECT count(*) AS n, coalesce(sum(amount_fen) FILTER (WHERE status = 'paid'), 0)::bigint AS paid_fen,
              coalesce(sum(amount_fen) FILTER (WHERE status = 'paid' AND payee_id = $${n + 1}::uuid), 0)::bigint AS paid_to_fen
         FROM subsidy_claims ${w}`,
      [...params, payeeId],
    )
  ).rows[0]!;
  // a queue awaiting a decision (审核中, 暂缓) is worked first come, first served; any other list shows the newest first
  const order = f.status === 'in_review' || f.status === 'held' ? 'created_at, id' : 'created_at DESC, id';
  const { rows } = await q.query<ClaimRow>(`SELECT * FROM subsidy_claims ${w} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  return { total: Number(sums.n), paidFen: Number(sums.paid_fen), paidToFen: Number(sums.paid_to_fen), rows };
}

export type ClassClaim = z.infer<typeof ClassClaimSchema>;

/**
 * The claims of a provider's own class (another provider's class answers 404): each trainee's amount and where
 * the money is (in review, approved and in public notice, in a batch, paid, failed), without the payee's account.
 */
export async function claimsOfClass(actor: Actor, q: Queryable, classId: string): Promise<{ total: number; items: ClassClaim[] }> {
  requireRole(actor, CLASS_CLAIM_READERS, 'not for this role');
  const cls = await training.readClass(actor, q, classId);
  const { rows } = await q.query<{
    number: string;
    voucher_id: string;
    amount_fen: number;
    status: ClaimState;
    payee_kind: ClassClaim['payeeKind'];
    notice_last_day: string | null;
    paid_at: Date | null;
    created_at: Date;
  }>(
    `SELECT c.number, c.voucher_id, c.amount_fen, c.status, c.payee_kind, c.notice_last_day::text AS notice_last_day, c.created_at,
            (SELECT max(e.at) FROM claim_events e WHERE e.claim_id = c.id AND e.to_status = 'paid') AS paid_at
       FROM subsidy_claims c WHERE c.class_id = $1 ORDER BY c.created_at, c.id`,
    [cls.id],
  );
  const items = rows.map((r) => ({
    number: r.number,
    voucherId: r.voucher_id,
    amountFen: Number(r.amount_fen),
    status: r.status,
    payeeKind: r.payee_kind,
    noticeLastDay: r.notice_last_day,
    paidAt: r.paid_at ? r.paid_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
  }));
  return { total: items.length, items };
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
