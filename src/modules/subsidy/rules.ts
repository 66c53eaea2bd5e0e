/**
 * Pure subsidy rules (DESIGN.md §4): eligibility as named checks with reasons, the amount, the public
 * notice period (公示, working days in Asia/Shanghai), the payee. No I/O: the service loads the facts.
 */
import { applySubsidyFormula } from '../catalog/rules.js';

/** Names of the eligibility checks; each failing one is listed on the claim with its reason. */
export const RULES = [
  'VOUCHER_SUBSIDY_KIND',
  'ADMISSION_ON_TIME',
  'ATTENDANCE_THRESHOLD',
  'ASSESSMENT_PASSED_WITH_CERTIFICATE',
  'SAME_OCCUPATION_LEVEL_ONCE',
  'NO_LOWER_LEVEL_AFTER_HIGHER',
  'MAX_SUBSIDIES_PER_YEAR',
  'APPRENTICESHIP_PERIOD_CAP',
  'AMOUNT_POSITIVE',
  'PAYEE_ACCOUNT_KNOWN',
  'BUDGET_COVERS',
] as const;
export type RuleName = (typeof RULES)[number];

export interface RuleResult {
  rule: RuleName;
  passed: boolean;
  reason: string;
}

/** A previous (not rejected) claim of the same person. */
export interface PriorClaim {
  occupationCode: string;
  level: number; // 1 highest … 5 lowest, 0 = certificate without levels
  year: number;
}

export interface EligibilityFacts {
  voucherKind: 'subsidy' | 'checkin_only';
  /** null = the training module could not tell (recorded as a failed check: a reviewer decides). */
  admissionOnTime: boolean | null;
  attendancePct: number | null;
  attendanceThresholdPct: number;
  passed: boolean;
  certificateNumber: string | null;
  occupationCode: string;
  level: number;
  year: number;
  prior: readonly PriorClaim[];
  isStudent: boolean;
  maxPerYear: number;
  maxPerYearStudent: number;
  amountFen: number;
  payeeAccountKnown: boolean;
  /** null = no budget set for the programme × district × year. */
  budgetAvailableFen: number | null;
  /** 企业新型学徒制 only (absent/null for other programmes): the period covered and the cap. */
  apprenticeship?: ApprenticeshipFacts | null | undefined;
}

// ------------------------------------------------------------------------ apprenticeship (企业新型学徒制)

/**
 * The apprenticeship subsidy is a standard per apprentice per year, paid for the 学徒培训期 (the class's
 * first to last day) and for at most `capYears` years per apprentice over all apprenticeship claims
 * (DESIGN §4: at most 2 years). Counted in months: a begun month counts as a whole one (不足一个月按一个月计).
 */
export interface ApprenticeshipFacts {
  /** The programme's cap in years (catalog `apprenticeshipCapYears`, default 2). */
  capYears: number;
  /** Months of the training period of this claim; null = unknown (no class dates). */
  periodMonths: number | null;
  /** Months already claimed for this person under apprenticeship programmes (claims not rejected). */
  priorMonths: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(s: string): { y: number; m: number; d: number } | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? { y, m: mo, d } : null;
}

/** `date` + n calendar months, the day clamped to the month's end (01-31 + 1 month = 02-28/29). */
function addMonthsClamped(date: { y: number; m: number; d: number }, n: number): string {
  const idx = date.y * 12 + (date.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(date.d, last)).padStart(2, '0')}`;
}

/**
 * Months of a training period from its first to its last day (both included): whole months, plus one for
 * a begun month. 2026-01-10..2027-01-09 → 12; ..2027-01-10 → 13; one day → 1. Null when a date is not a
 * real YYYY-MM-DD date or the end is before the start.
 */
export function apprenticeshipMonths(startOn: string, endOn: string): number | null {
  const a = parseDate(startOn);
  const b = parseDate(endOn);
  if (!a || !b || endOn < startOn) return null;
  const dayAfterEnd = addDays(endOn, 1);
  let whole = (b.y - a.y) * 12 + (b.m - a.m);
  while (whole > 0 && addMonthsClamped(a, whole) > dayAfterEnd) whole--;
  return whole + (addMonthsClamped(a, whole) <= endOn ? 1 : 0);
}

/** How many months of this period are subsidised: the period, but no more than what the cap leaves. */
export function apprenticeshipCoverage(f: ApprenticeshipFacts): { capMonths: number; remainingMonths: number; subsidisedMonths: number } {
  const capMonths = Math.max(0, Math.trunc(f.capYears)) * 12;
  const remainingMonths = Math.max(0, capMonths - Math.max(0, f.priorMonths));
  return { capMonths, remainingMonths, subsidisedMonths: f.periodMonths === null ? 0 : Math.min(Math.max(0, f.periodMonths), remainingMonths) };
}

const monthsText = (n: number): string => `${n} month${n === 1 ? '' : 's'}`;

function apprenticeshipRule(f: ApprenticeshipFacts | null | undefined): { passed: boolean; ok: string; ko: string } {
  if (!f) return { passed: true, ok: 'not an apprenticeship programme', ko: '' };
  const c = apprenticeshipCoverage(f);
  const cap = `at most ${f.capYears} years (${c.capMonths} months) per apprentice`;
  if (f.periodMonths === null)
    return { passed: false, ok: '', ko: 'the apprenticeship period is unknown (no class dates): the months to subsidise cannot be counted' };
  if (c.remainingMonths === 0) return { passed: false, ok: '', ko: `apprenticeship subsidy already claimed for ${monthsText(f.priorMonths)}: ${cap}` };
  if (c.subsidisedMonths < f.periodMonths)
    return {
      passed: true,
      ok: `${c.subsidisedMonths} of the period's ${monthsText(f.periodMonths)} subsidised (${f.priorMonths} claimed before; ${cap})`,
      ko: '',
    };
  return { passed: true, ok: `${monthsText(f.periodMonths)} subsidised, ${f.priorMonths + f.periodMonths} of ${cap}`, ko: '' };
}

const levelName = (l: number): string => (l === 0 ? 'no-level certificate' : `level ${l}`);

/** Every check, in a stable order; a claim is auto-approved only when all pass. */
export function checkEligibility(f: EligibilityFacts): RuleResult[] {
  const r = (rule: RuleName, passed: boolean, ok: string, ko: string): RuleResult => ({ rule, passed, reason: passed ? ok : ko });
  const sameOcc = f.prior.filter((p) => p.occupationCode === f.occupationCode);
  const sameLevel = sameOcc.some((p) => p.level === f.level);
  // lower level = larger number (5 is the lowest); levels 0 (no levels) are not ordered
  const higherBefore = f.level > 0 ? sameOcc.filter((p) => p.level > 0 && p.level < f.level).map((p) => p.level) : [];
  const thisYear = f.prior.filter((p) => p.year === f.year).length;
  const max = f.isStudent ? f.maxPerYearStudent : f.maxPerYear;
  return [
    r('VOUCHER_SUBSIDY_KIND', f.voucherKind === 'subsidy', 'subsidy voucher', 'a check-in-only voucher carries no subsidy'),
    r(
      'ADMISSION_ON_TIME',
      f.admissionOnTime === true,
      'admitted before the opening deadline',
      f.admissionOnTime === null ? 'admission record not found' : 'admitted after the opening deadline',
    ),
    r(
      'ATTENDANCE_THRESHOLD',
      f.attendancePct !== null && f.attendancePct >= f.attendanceThresholdPct,
      `attendance ${f.attendancePct ?? 0} % ≥ ${f.attendanceThresholdPct} %`,
      f.attendancePct === null ? 'attendance unknown' : `attendance ${f.attendancePct} % < ${f.attendanceThresholdPct} %`,
    ),
    r(
      'ASSESSMENT_PASSED_WITH_CERTIFICATE',
      f.passed && !!f.certificateNumber,
      'passed with a certificate',
      f.passed ? 'passed without a certificate number' : 'assessment not passed',
    ),
    r(
      'SAME_OCCUPATION_LEVEL_ONCE',
      !sameLevel,
      'first subsidy for this occupation and level',
      `already subsidised for ${f.occupationCode} ${levelName(f.level)}`,
    ),
    r(
      'NO_LOWER_LEVEL_AFTER_HIGHER',
      higherBefore.length === 0,
      'no higher level subsidised before',
      `already subsidised for ${f.occupationCode} level ${Math.min(...(higherBefore.length ? higherBefore : [0]))}, higher than level ${f.level}`,
    ),
    r(
      'MAX_SUBSIDIES_PER_YEAR',
      thisYear < max,
      `${thisYear + 1} of at most ${max} in ${f.year}`,
      `already ${thisYear} subsidies in ${f.year} (at most ${max}${f.isStudent ? ' for students' : ''})`,
    ),
    (() => {
      const a = apprenticeshipRule(f.apprenticeship);
      return r('APPRENTICESHIP_PERIOD_CAP', a.passed, a.ok, a.ko);
    })(),
    r('AMOUNT_POSITIVE', f.amountFen > 0, 'amount above zero', 'the amount is zero (no subsidy ratio for the person’s categories)'),
    r('PAYEE_ACCOUNT_KNOWN', f.payeeAccountKnown, 'payee bank account on file', 'the payee has no bank account on file'),
    r(
      'BUDGET_COVERS',
      f.budgetAvailableFen !== null && f.budgetAvailableFen >= f.amountFen,
      'the budget covers the amount',
      f.budgetAvailableFen === null ? 'no budget set for the programme, district and year' : 'the budget is exhausted',
    ),
  ];
}

export const failedRules = (rs: readonly RuleResult[]): RuleResult[] => rs.filter((x) => !x.passed);

/**
 * amount_fen = min(round_half_up(standard × uplift × ratio), fee) — catalog's formula, one place. With
 * `months` (apprenticeship: the standard is per year) the standard is prorated in the same exact rounding:
 * min(round_half_up(standard × months/12 × uplift × ratio), fee).
 */
export function claimAmount(input: { standardFen: number; upliftPct: number; ratioPct: number; feeFen: number; months?: number | null | undefined }): number {
  const { months, ...formula } = input;
  if (months === undefined || months === null) return applySubsidyFormula(formula);
  if (!Number.isInteger(months) || months < 0) throw new RangeError('months must be a non-negative integer');
  // the formula's own checks (non-negative integers, ratio ≤ 100) on the un-prorated inputs
  applySubsidyFormula({ ...formula, feeFen: 0 });
  const num = BigInt(formula.standardFen) * BigInt(months) * BigInt(100 + formula.upliftPct) * BigInt(formula.ratioPct);
  const den = 120_000n; // 12 months × 100 % × 100 %
  const rounded = (2n * num + den) / (2n * den);
  const fee = BigInt(formula.feeFen);
  return Number(rounded < fee ? rounded : fee);
}

// ------------------------------------------------------------------------------------------ public notice

/** Calendar overrides: a public holiday (休) on a weekday, or a make-up working day (补班) on a weekend. */
export interface CalendarDay {
  date: string; // YYYY-MM-DD
  kind: 'holiday' | 'workday';
}

/** The business date (Asia/Shanghai) of an instant. */
export function shanghaiDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, overrides: ReadonlyMap<string, 'holiday' | 'workday'>): boolean {
  const o = overrides.get(date);
  if (o) return o === 'workday';
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The notice runs for `days` working days starting the first working day after publication; returns the
 * first and last day. The claim becomes payable the day after the last (`payableFrom`).
 */
export function noticePeriod(
  publishedAt: Date,
  days: number,
  calendar: readonly CalendarDay[],
): { publishedOn: string; firstDay: string; lastDay: string; payableFrom: string } {
  if (!Number.isInteger(days) || days < 1 || days > 60) throw new RangeError('notice days must be 1..60');
  const overrides = new Map(calendar.map((c) => [c.date, c.kind] as const));
  const publishedOn = shanghaiDate(publishedAt);
  let d = publishedOn;
  let firstDay = '';
  let counted = 0;
  for (let guard = 0; counted < days; guard++) {
    if (guard > 400) throw new RangeError('calendar has no working days');
    d = addDays(d, 1);
    if (isWorkingDay(d, overrides)) {
      if (!firstDay) firstDay = d;
      counted++;
    }
  }
  return { publishedOn, firstDay, lastDay: d, payableFrom: addDays(d, 1) };
}

/** Whether the notice has ended by `now` (business date after the last notice day). */
export const noticeEnded = (lastDay: string, now: Date): boolean => shanghaiDate(now) > lastDay;

// ------------------------------------------------------------------------------------------------- payee

export type PayeeKind = 'person' | 'provider' | 'enterprise';

export interface PayeeCandidate {
  kind: PayeeKind;
  id: string | null;
  name: string | null;
  account: string | null;
  bankName: string | null;
}

/**
 * The programme says who is paid: the trainee (the bank account linked to the social security card), the
 * training provider, or the enterprise (the trainee's employer). Returns the chosen payee.
 */
export function resolvePayee(
  programmePayee: PayeeKind,
  c: { person: PayeeCandidate; provider: PayeeCandidate | null; enterprise: PayeeCandidate | null },
): PayeeCandidate {
  if (programmePayee === 'person') return c.person;
  if (programmePayee === 'provider') return c.provider ?? { kind: 'provider', id: null, name: null, account: null, bankName: null };
  return c.enterprise ?? { kind: 'enterprise', id: null, name: null, account: null, bankName: null };
}

/** Payments are grouped per payee (kind + id; a person without id falls back to the account). */
export const payeeKey = (p: Pick<PayeeCandidate, 'kind' | 'id' | 'account'>): string => `${p.kind}:${p.id ?? p.account ?? '-'}`;

export function groupByPayee<T extends { payeeKey: string; amountFen: number }>(
  items: readonly T[],
): Array<{ payeeKey: string; count: number; amountFen: number }> {
  const m = new Map<string, { payeeKey: string; count: number; amountFen: number }>();
  for (const it of items) {
    const g = m.get(it.payeeKey) ?? { payeeKey: it.payeeKey, count: 0, amountFen: 0 };
    g.count++;
    g.amountFen += it.amountFen;
    m.set(it.payeeKey, g);
  }
  return [...m.values()].sort((a, b) => (a.payeeKey < b.payeeKey ? -1 : a.payeeKey > b.payeeKey ? 1 : 0));
}

// ------------------------------------------------------------------------------------------ state machines

export const CLAIM_STATES = ['in_review', 'approved', 'held', 'rejected', 'in_batch', 'paid', 'failed'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

/** Allowed claim transitions (a failed payment is re-queued as approved once the account is corrected). */
export const CLAIM_TRANSITIONS: Record<ClaimState, readonly ClaimState[]> = {
  in_review: ['approved', 'rejected'],
  approved: ['held', 'in_batch', 'rejected'],
  held: ['approved', 'rejected'],
  rejected: [],
  in_batch: ['paid', 'failed', 'approved'],
  paid: [],
  failed: ['approved', 'rejected'],
};
export const canMoveClaim = (from: ClaimState, to: ClaimState): boolean => CLAIM_TRANSITIONS[from].includes(to);

/**
 * Batch: draft (built by the maker) → approved (by a checker ≠ maker) → file_ready (bank file generated)
 * → sent → reconciled (every payment has a result). Building and generation are resumable: `building`
 * and `generating` are re-entered by a rerun after a crash.
 */
export const BATCH_STATES = ['building', 'draft', 'approved', 'generating', 'file_ready', 'reconciling', 'reconciled', 'cancelled'] as const;
export type BatchState = (typeof BATCH_STATES)[number];
