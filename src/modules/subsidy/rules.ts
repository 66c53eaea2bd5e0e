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

/** amount_fen = min(round_half_up(standard × uplift × ratio), fee) — catalog's formula, one place. */
export function claimAmount(input: { standardFen: number; upliftPct: number; ratioPct: number; feeFen: number }): number {
  return applySubsidyFormula(input);
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
