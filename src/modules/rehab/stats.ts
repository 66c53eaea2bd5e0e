/**
 * The module's statistics (数据回流, as the voucher statistics): applications, decisions by outcome and refusal
 * reason, time to decision (the material wait taken out), bed use per hospital, by district × month, and the
 * retraining vouchers issued from discharges. A district officer sees their district; the committee, city
 * admins and auditors the city (or one district they ask for). Periods are Asia/Shanghai business dates of the
 * application.
 */
import type { z } from 'zod';
import type { Queryable } from '../../db/index.js';
import { districtScope, type Actor } from '../identity/index.js';
import { hospitalStates } from './committee.js';
import { scopeFor, STATS_READERS } from './policy.js';
import type { StatsSchema } from './schemas.js';

export type RehabStats = z.infer<typeof StatsSchema>;

const SH = `AT TIME ZONE 'Asia/Shanghai'`;
/** The cases counted ($1 district, $2 from, $3 to), alias c. */
const IN_CASE = `($1::text IS NULL OR c.district_code = $1) AND ($2::date IS NULL OR (c.applied_at ${SH})::date >= $2) AND ($3::date IS NULL OR (c.applied_at ${SH})::date <= $3)`;
const n = (v: unknown): number => Number(v ?? 0);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

type Row = Record<string, unknown>;
const rowsOf = async (q: Queryable, sql: string, params: unknown[]): Promise<Row[]> => (await q.query<Row>(sql, params)).rows;

/** Counts by status, by decision outcome and by refusal reason. */
async function counts(q: Queryable, params: unknown[]) {
  const byStatus = await rowsOf(q, `SELECT c.status, count(*)::int AS n FROM rehab_cases c WHERE ${IN_CASE} GROUP BY c.status ORDER BY c.status`, params);
  const decisions = await rowsOf(
    q,
    `SELECT d.outcome, count(*)::int AS n FROM rehab_decisions d JOIN rehab_cases c ON c.id = d.case_id WHERE ${IN_CASE} GROUP BY d.outcome ORDER BY d.outcome`,
    params,
  );
  const refusals = await rowsOf(
    q,
    `SELECT d.refusal_reason, count(*)::int AS n FROM rehab_decisions d JOIN rehab_cases c ON c.id = d.case_id
      WHERE ${IN_CASE} AND d.outcome = 'refuse' GROUP BY d.refusal_reason ORDER BY d.refusal_reason`,
    params,
  );
  return {
    applications: byStatus.reduce((s, r) => s + n(r.n), 0),
    byStatus: byStatus.map((r) => ({ status: r.status as RehabStats['byStatus'][number]['status'], n: n(r.n) })),
    decisions: decisions.map((r) => ({ outcome: r.outcome as RehabStats['decisions'][number]['outcome'], n: n(r.n) })),
    refusalsByReason: refusals.map((r) => ({ refusalReason: r.refusal_reason as RehabStats['refusalsByReason'][number]['refusalReason'], n: n(r.n) })),
  };
}

/** Days from submission to the first decision, the material wait taken out. */
async function timeToDecision(q: Queryable, params: unknown[]): Promise<RehabStats['timeToDecision']> {
  const days = `extract(epoch FROM (c.decided_at - c.submitted_at)) / 86400 - c.paused_ms / 86400000.0`;
  const [t] = await rowsOf(
    q,
    `SELECT count(*)::int AS decided, round(avg(${days})::numeric, 1)::float8 AS avg_days, round(max(${days})::numeric, 1)::float8 AS max_days
       FROM rehab_cases c WHERE ${IN_CASE} AND c.decided_at IS NOT NULL AND c.submitted_at IS NOT NULL`,
    params,
  );
  return { decided: n(t!.decided), avgDays: num(t!.avg_days), maxDays: num(t!.max_days) };
}

/** Each hospital's beds, beds in use now, and the period's admissions and discharges. */
async function bedUse(q: Queryable, params: unknown[]): Promise<RehabStats['bedUse']> {
  const per = await rowsOf(
    q,
    `SELECT c.hospital_id, count(*) FILTER (WHERE c.admitted_at IS NOT NULL)::int AS admitted, count(*) FILTER (WHERE c.discharged_at IS NOT NULL)::int AS discharged
       FROM rehab_cases c WHERE ${IN_CASE} AND c.hospital_id IS NOT NULL GROUP BY c.hospital_id`,
    params,
  );
  const use = new Map(per.map((r) => [String(r.hospital_id), r]));
  return (await hospitalStates(q)).map((h) => ({
    hospitalId: h.id,
    name: h.name,
    beds: h.beds,
    occupied: h.occupied,
    admitted: n(use.get(h.id)?.admitted),
    discharged: n(use.get(h.id)?.discharged),
  }));
}

/** By district × month of application; and the retraining recommended and vouchers issued. */
async function byMonth(q: Queryable, params: unknown[]) {
  const months = await rowsOf(
    q,
    `SELECT c.district_code, to_char(c.applied_at ${SH}, 'YYYY-MM') AS month, count(*)::int AS applications,
            count(*) FILTER (WHERE c.status IN ('placed','admitted','discharged'))::int AS placed,
            count(*) FILTER (WHERE c.status = 'refused')::int AS refused,
            count(*) FILTER (WHERE c.admitted_at IS NOT NULL)::int AS admitted,
            count(*) FILTER (WHERE c.discharged_at IS NOT NULL)::int AS discharged
       FROM rehab_cases c WHERE ${IN_CASE} GROUP BY 1, 2 ORDER BY 2, 1`,
    params,
  );
  const [r] = await rowsOf(
    q,
    `SELECT count(*) FILTER (WHERE c.discharge_outcome = 'retraining_recommended')::int AS recommended, count(c.voucher_id)::int AS issued FROM rehab_cases c WHERE ${IN_CASE}`,
    params,
  );
  return {
    byDistrictMonth: months.map((m) => ({
      districtCode: String(m.district_code),
      month: String(m.month),
      applications: n(m.applications),
      placed: n(m.placed),
      refused: n(m.refused),
      admitted: n(m.admitted),
      discharged: n(m.discharged),
    })),
    retraining: { recommended: n(r!.recommended), vouchersIssued: n(r!.issued) },
  };
}

export async function rehabStats(
  actor: Actor,
  q: Queryable,
  f: { from?: string | undefined; to?: string | undefined; districtCode?: string | undefined },
): Promise<RehabStats> {
  scopeFor(actor, STATS_READERS, 'statistics are for officers, the committee and auditors');
  const district = districtScope(actor, f.districtCode);
  const params: unknown[] = [district, f.from ?? null, f.to ?? null];
  return {
    from: f.from ?? null,
    to: f.to ?? null,
    districtCode: district,
    ...(await counts(q, params)),
    timeToDecision: await timeToDecision(q, params),
    bedUse: await bedUse(q, params),
    ...(await byMonth(q, params)),
  };
}
