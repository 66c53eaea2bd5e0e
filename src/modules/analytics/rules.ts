/** The statistics' pure rules: the metric list, figures from summed facts, the funnel and the league. */

/** Additive metrics kept as facts (counts; the claims' also carry fen). */
export const COUNT_METRICS = [
  'issued',
  'applied',
  'registered',
  'admitted',
  'classesOpened',
  'classesReportedOnTime',
  'classesCancelled',
  'sessionsHeld',
  'checkInsCounted',
  'checkInsFlagged',
  'checkInsOverturned',
  'expectedCheckIns',
  'attendedEnough',
  'assessed',
  'passed',
  'certificates',
  'claimsInReview',
  'claimsApproved',
  'claimsHeld',
  'claimsRejected',
  'claimsPaid',
  'claimsFailed',
  'settled',
  'expired',
  'revoked',
  'objections',
] as const;
export type CountMetric = (typeof COUNT_METRICS)[number];

/** The claim metrics whose amounts are reported (`<metric>Fen`). */
export const FEN_METRICS = ['claimsInReview', 'claimsApproved', 'claimsHeld', 'claimsRejected', 'claimsPaid', 'claimsFailed'] as const;
type FenKey = `${(typeof FEN_METRICS)[number]}Fen`;

export type Metrics = Record<CountMetric, number> &
  Record<FenKey, number> & {
    attendanceRate: number | null;
    passRate: number | null;
    avgDaysIssueToAdmission: number | null;
    avgDaysPassToPayment: number | null;
  };

/** One summed fact: a metric's count, amount and days. */
export interface Sum {
  n: number;
  amountFen: number;
  days: number;
}

/** A ratio, 4 decimals; null when nothing to divide by. */
export const ratio = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);
const avg = (days: number, n: number): number | null => (n > 0 ? Math.round((days / n) * 10) / 10 : null);

/** The figures of one group from its summed facts (a missing metric is 0). */
export function metricsOf(sums: ReadonlyMap<string, Sum>): Metrics {
  const m = {} as Record<string, number | null>;
  for (const k of COUNT_METRICS) m[k] = sums.get(k)?.n ?? 0;
  for (const k of FEN_METRICS) m[`${k}Fen`] = sums.get(k)?.amountFen ?? 0;
  const out = m as Metrics;
  out.attendanceRate = ratio(out.checkInsCounted, out.expectedCheckIns);
  out.passRate = ratio(out.passed, out.assessed);
  out.avgDaysIssueToAdmission = avg(sums.get('admitted')?.days ?? 0, out.admitted);
  out.avgDaysPassToPayment = avg(sums.get('claimsPaid')?.days ?? 0, out.claimsPaid);
  return out;
}

export const FUNNEL_STAGES = ['issued', 'registered', 'admitted', 'attendedEnough', 'assessed', 'passed', 'paid'] as const;
export type FunnelStageName = (typeof FUNNEL_STAGES)[number];
export interface FunnelStage {
  stage: FunnelStageName;
  count: number;
  rateFromPrevious: number | null;
  rateFromIssued: number | null;
}

/**
 * The stages whose count is not a part of the previous stage's: a provider admits at its desk (核验录取) without
 * an online registration (报名), so 录取 over 报名 is no conversion (it read 900 % in the demo world) — its rate
 * from the previous stage is null; its share of the vouchers issued stands.
 */
export const FUNNEL_NOT_FROM_PREVIOUS: readonly FunnelStageName[] = ['admitted'];

/** issued → registered → admitted → ≥ threshold attendance → assessed → passed → paid, with conversion rates. */
export function funnelOf(m: Metrics): FunnelStage[] {
  const counts: Record<FunnelStageName, number> = {
    issued: m.issued,
    registered: m.registered,
    admitted: m.admitted,
    attendedEnough: m.attendedEnough,
    assessed: m.assessed,
    passed: m.passed,
    paid: m.claimsPaid,
  };
  return FUNNEL_STAGES.map((stage, i) => ({
    stage,
    count: counts[stage],
    rateFromPrevious: i === 0 || FUNNEL_NOT_FROM_PREVIOUS.includes(stage) ? null : ratio(counts[stage], counts[FUNNEL_STAGES[i - 1]!]),
    rateFromIssued: i === 0 ? null : ratio(counts[stage], counts.issued),
  }));
}

/** A provider × programme line of the league from its figures. */
export function leagueLine(m: Metrics): {
  admitted: number;
  assessed: number;
  passed: number;
  passRate: number | null;
  attendanceRate: number | null;
  checkInsFlagged: number;
  objections: number;
  completionRate: number | null;
  claimsPaidFen: number;
} {
  return {
    admitted: m.admitted,
    assessed: m.assessed,
    passed: m.passed,
    passRate: m.passRate,
    attendanceRate: m.attendanceRate,
    checkInsFlagged: m.checkInsFlagged,
    objections: m.objections,
    completionRate: ratio(m.assessed, m.admitted),
    claimsPaidFen: m.claimsPaidFen,
  };
}

/** The league's order: pass rate, then attendance, then fewer flagged check-ins (nulls last). */
export function compareLeague(a: { passRate: number | null; attendanceRate: number | null; checkInsFlagged: number }, b: typeof a): number {
  const num = (x: number | null) => (x === null ? -1 : x);
  return num(b.passRate) - num(a.passRate) || num(b.attendanceRate) - num(a.attendanceRate) || a.checkInsFlagged - b.checkInsFlagged;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** `YYYY-MM` → the month's first day, or null when not a month. */
export function monthStart(m: string): string | null {
  return MONTH.test(m) ? `${m}-01` : null;
}

/** Budget execution rate (执行率): paid over allocated. */
export const executionRate = (paidFen: number, allocatedFen: number): number | null => ratio(paidFen, allocatedFen);
