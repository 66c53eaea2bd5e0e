/**
 * 我能领吗？补多少？ (issue 20 §4) — one pure decision of a subsidy claim, which the claim itself
 * (claims/create.ts `createClaimForPass`) and the worker's pre-check (precheck.ts) both call on the same facts:
 * the rates after the once-only ratio, the amount (capped by the course fee), and every eligibility rule
 * (rules.ts `checkEligibility`, the skill-upgrade subsidy's own rules passed in). The pre-check only supplies the
 * facts of what has not happened yet (admitted on time, attended, passed with a certificate, the payee's account,
 * the budget) as met, and keeps the rules that depend on the person, the programme and the course. No I/O.
 */
import {
  apprenticeshipCoverage,
  checkEligibility,
  claimAmount,
  yearlyAllowance,
  type ApprenticeshipFacts,
  type EligibilityFacts,
  type PriorClaim,
  type RuleName,
  type RuleResult,
} from './rules.js';

/** The rates a claim's amount is computed with, and the person category whose ratio it uses. */
export interface Rates {
  standardFen: number;
  upliftPct: number;
  ratioPct: number;
  ratioCategory: string | null;
}

/** What the person's history says about a once-only ratio (中职毕业学年学生 80 %, once). */
export interface OnceOnlyFacts {
  /** The condition of the ratio's category ('once': a once-only ratio), null when none. */
  condition: string | null;
  /** The earlier claim (not rejected) that used this ratio, null when none. */
  usedOnClaim: string | null;
  /** The best ratio of the person's other categories the programme accepts (0 % / null when none). */
  other: { ratioPct: number; category: string | null };
}

export type OnceOnlyRatio = { category: string; usedOnClaim: string; ratioPct: number; appliedCategory: string | null };

/**
 * DESIGN §4: a once-only ratio is applied to one claim of the person. When an earlier claim used it, this one
 * takes the best ratio of the person's other categories (or none: 0 %), and says so.
 */
export function entitledRates(rates: Rates, once: OnceOnlyFacts): { rates: Rates; onceOnlyRatio: OnceOnlyRatio | null } {
  if (!rates.ratioCategory || once.condition !== 'once' || !once.usedOnClaim) return { rates, onceOnlyRatio: null };
  return {
    rates: { ...rates, ratioPct: once.other.ratioPct, ratioCategory: once.other.category },
    onceOnlyRatio: { category: rates.ratioCategory, usedOnClaim: once.usedOnClaim, ratioPct: once.other.ratioPct, appliedCategory: once.other.category },
  };
}

/**
 * The amount: min(round_half_up(standard × uplift × ratio [× months/12]), fee). No course fee known → not capped
 * by one (the fee taken is the uplifted standard at 100 %).
 */
export function entitledAmount(r: Rates, feeFen: number | null, months: number | null): { feeFen: number; amountFen: number } {
  const { standardFen, upliftPct, ratioPct } = r;
  const fee = feeFen ?? claimAmount({ standardFen, upliftPct, ratioPct: 100, feeFen: Number.MAX_SAFE_INTEGER, months });
  return { feeFen: fee, amountFen: claimAmount({ standardFen, upliftPct, ratioPct, feeFen: fee, months }) };
}

/** The facts that depend on the person, the programme and the course — known before any training. */
export interface EntitlementFacts {
  voucherKind: 'subsidy' | 'checkin_only';
  /** The voucher's (or the catalogue's) rates, before the once-only ratio. */
  rates: Rates;
  once: OnceOnlyFacts;
  /** The course fee; null when unknown (no course chosen). */
  feeFen: number | null;
  occupationCode: string;
  level: number;
  year: number;
  prior: readonly PriorClaim[];
  isStudent: boolean;
  maxPerYear: number;
  maxPerYearStudent: number;
  attendanceThresholdPct: number;
  apprenticeship: ApprenticeshipFacts | null;
  /** The skill-upgrade subsidy's own rules (rules.ts `skillUpgradeRules`, through skill-upgrade.ts), [] for other programmes. */
  programmeRules: readonly RuleResult[];
}

/** What happens in training, assessment and payment: known only when the claim is made. */
export interface OutcomeFacts {
  admissionOnTime: boolean | null;
  attendancePct: number | null;
  passed: boolean;
  certificateNumber: string | null;
  payeeAccountKnown: boolean;
  budgetAvailableFen: number | null;
  levelChange: EligibilityFacts['levelChange'];
  nationalLookup: EligibilityFacts['nationalLookup'];
}

export interface ClaimDecision {
  rates: Rates;
  onceOnlyRatio: OnceOnlyRatio | null;
  feeFen: number;
  amountFen: number;
  /** Apprenticeship: the months subsidised (the standard is per year); null for other programmes. */
  months: number | null;
  rules: RuleResult[];
}

/** The claim's decision: its rates, its amount and every rule, in the claim's order. */
export function claimDecision(f: EntitlementFacts, o: OutcomeFacts): ClaimDecision {
  const { rates, onceOnlyRatio } = entitledRates(f.rates, f.once);
  const months = f.apprenticeship ? apprenticeshipCoverage(f.apprenticeship).subsidisedMonths : null;
  const { feeFen, amountFen } = entitledAmount(rates, f.feeFen, months);
  const rules = checkEligibility({
    voucherKind: f.voucherKind,
    admissionOnTime: o.admissionOnTime,
    attendancePct: o.attendancePct,
    attendanceThresholdPct: f.attendanceThresholdPct,
    passed: o.passed,
    certificateNumber: o.certificateNumber,
    occupationCode: f.occupationCode,
    level: f.level,
    year: f.year,
    prior: f.prior,
    isStudent: f.isStudent,
    maxPerYear: f.maxPerYear,
    maxPerYearStudent: f.maxPerYearStudent,
    amountFen,
    payeeAccountKnown: o.payeeAccountKnown,
    budgetAvailableFen: o.budgetAvailableFen,
    apprenticeship: f.apprenticeship,
    levelChange: o.levelChange,
    onceOnlyRatio,
    nationalLookup: o.nationalLookup,
  });
  rules.push(...f.programmeRules);
  return { rates, onceOnlyRatio, feeFen, amountFen, months, rules };
}

/**
 * The rules the pre-check leaves to later: they depend on the training, the assessment, the certificate's date,
 * the payee's account and the budget at the time of the claim. Every other rule is decided by the pre-check.
 */
export const DECIDED_LATER: ReadonlySet<RuleName> = new Set<RuleName>([
  'ADMISSION_ON_TIME',
  'ATTENDANCE_THRESHOLD',
  'ASSESSMENT_PASSED_WITH_CERTIFICATE',
  'ASSESSED_LEVEL_MATCHES_CLASS',
  'PAYEE_ACCOUNT_KNOWN',
  'BUDGET_COVERS',
  'CERTIFICATE_TOO_OLD',
  'CERTIFICATE_NATIONALLY_CONFIRMED',
]);

/** The outcome a pre-check assumes: everything still to come goes as it should. */
export const OUTCOME_MET = (f: Pick<EntitlementFacts, 'attendanceThresholdPct'>): OutcomeFacts => ({
  admissionOnTime: true,
  attendancePct: f.attendanceThresholdPct,
  passed: true,
  certificateNumber: 'to be issued',
  payeeAccountKnown: true,
  budgetAvailableFen: Number.MAX_SAFE_INTEGER,
  levelChange: null,
  nationalLookup: null,
});

export interface PrecheckDecision {
  eligible: boolean;
  /** The failed rules the person, programme and course decide (each with its code and reason). */
  failed: RuleResult[];
  /** Notes of passed rules (e.g. ONCE_ONLY_RATIO_USED). */
  notes: RuleResult[];
  rates: Rates;
  amountFen: number;
  /** What the worker pays themself: fee − subsidy, never below 0; null when the fee is unknown. */
  selfPaidFen: number | null;
  months: number | null;
  year: { max: number; used: number; remaining: number };
}

/** The pre-check: the claim's decision on the same facts, the rest of the story assumed to go well. */
export function precheckDecision(f: EntitlementFacts): PrecheckDecision {
  const d = claimDecision(f, OUTCOME_MET(f));
  const mine = d.rules.filter((r) => !DECIDED_LATER.has(r.rule));
  const failed = mine.filter((r) => !r.passed);
  return {
    eligible: failed.length === 0,
    failed,
    notes: mine.filter((r) => r.passed && r.code),
    rates: d.rates,
    amountFen: d.amountFen,
    selfPaidFen: f.feeFen === null ? null : Math.max(0, f.feeFen - d.amountFen),
    months: d.months,
    year: yearlyAllowance(f),
  };
}
