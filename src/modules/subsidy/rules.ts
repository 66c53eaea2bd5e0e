/**
 * Pure subsidy rules (DESIGN.md §4): eligibility as named checks with reasons, the amount, the public
 * notice period (公示, working days in Asia/Shanghai), the payee. No I/O: the service loads the facts.
 */
import { addDays, businessDate } from '../../lib/time.js';
import { applySubsidyFormula } from '../catalog/index.js';

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
  'ONCE_ONLY_RATIO',
  'ASSESSED_LEVEL_MATCHES_CLASS',
  'AMOUNT_POSITIVE',
  'PAYEE_ACCOUNT_KNOWN',
  'BUDGET_COVERS',
  // 技能提升补贴 (skill_upgrade programmes) only: see skillUpgradeRules
  'CERTIFICATE_TOO_OLD',
  'UI_CONTRIBUTION_TOO_SHORT',
  'SSC_FINANCIAL_INACTIVE',
  // 技能人才评价证书全国联网查询: the national lookup (or its simulator) confirms the certificate
  'CERTIFICATE_NATIONALLY_CONFIRMED',
] as const;
export type RuleName = (typeof RULES)[number];

/**
 * Rules that approval decides afresh, in its own transaction (the person's limits under their lock, the budget
 * by reserving it): a claim failing one of them is approved only if it now passes, never by an officer's
 * override. An officer may approve despite any other failed rule, with a reason of their own.
 */
export const REDECIDED_AT_APPROVAL: ReadonlySet<RuleName> = new Set<RuleName>([
  'SAME_OCCUPATION_LEVEL_ONCE',
  'NO_LOWER_LEVEL_AFTER_HIGHER',
  'MAX_SUBSIDIES_PER_YEAR',
  'APPRENTICESHIP_PERIOD_CAP',
  'BUDGET_COVERS',
]);

export interface RuleResult {
  rule: RuleName;
  passed: boolean;
  reason: string;
  /**
   * Stable reason code (the web maps it to zh-CN / English). A failed rule always has one in the claim's
   * reasons (`code ?? rule`); a passed rule carries one only when it has something to tell (a note, e.g.
   * ONCE_ONLY_RATIO_USED: the once-only ratio was not applied again).
   */
  code?: string;
  values?: Record<string, number>; // the figures the rule compared (the web words them), e.g. attendancePct, thresholdPct
}

/**
 * The per-person limits (DESIGN §4). They count the person's whole claim history (claims in review,
 * approved, held, in a batch, paid or failed — not rejected), are re-checked in the transaction of a manual
 * approval under the person's lock, and cannot be overridden by a reviewer (CLAIM_LIMIT_EXCEEDED).
 */
export const LIMIT_RULES = [
  'SAME_OCCUPATION_LEVEL_ONCE',
  'NO_LOWER_LEVEL_AFTER_HIGHER',
  'MAX_SUBSIDIES_PER_YEAR',
  'APPRENTICESHIP_PERIOD_CAP',
] as const satisfies readonly RuleName[];

/** Reason codes that are not rule names (a rule's specific failure, or a note). */
export const REASON_CODES = ['NO_BUDGET', 'BUDGET_EXHAUSTED', 'LEVEL_DIFFERS_FROM_CLASS', 'ONCE_ONLY_RATIO_USED', 'CERTIFICATE_NOT_CONFIRMED'] as const;

/** The claim's stable reason codes: every failed rule's code, then the notes of passed rules. */
export function reasonCodes(rs: readonly RuleResult[]): string[] {
  return [...rs.filter((r) => !r.passed).map((r) => r.code ?? r.rule), ...rs.filter((r) => r.passed && r.code).map((r) => r.code!)];
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
  /**
   * The assessed level differs from the class's level (confirmed by the assessor with a reason): the claim
   * goes to review with LEVEL_DIFFERS_FROM_CLASS. Absent/null: the levels agree (or the class has none).
   */
  levelChange?: { classLevel: number; reason: string } | null | undefined;
  /**
   * A once-only ratio (中职毕业学年学生 80 %, once) was already used by an earlier claim of the person: this
   * claim's amount uses the ratio that applies otherwise (`ratioPct`, 0 when none) and says so.
   */
  onceOnlyRatio?: { category: string; usedOnClaim: string; ratioPct: number; appliedCategory: string | null } | null | undefined;
  /**
   * The national certificate lookup's answer (assessment's adapter, or its simulator). Absent/null: not asked
   * (no certificate) — no rule. Not confirmed → review with CERTIFICATE_NOT_CONFIRMED and the lookup's reason.
   */
  nationalLookup?: { confirmed: true } | { confirmed: false; reason: 'not_found' | 'revoked' } | null | undefined;
}

/** The national lookup's rule (only when the lookup was asked). */
export function nationalLookupRule(l: EligibilityFacts['nationalLookup']): RuleResult[] {
  if (!l) return [];
  if (l.confirmed) return [{ rule: 'CERTIFICATE_NATIONALLY_CONFIRMED', passed: true, reason: 'the national certificate lookup confirms the certificate' }];
  return [
    {
      rule: 'CERTIFICATE_NATIONALLY_CONFIRMED',
      passed: false,
      code: 'CERTIFICATE_NOT_CONFIRMED',
      reason:
        l.reason === 'revoked'
          ? 'the national certificate lookup reports the certificate as revoked'
          : 'the national certificate lookup does not find the certificate',
    },
  ];
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

const rr = (rule: RuleName, passed: boolean, ok: string, ko: string, values?: RuleResult['values']) => ({ rule, passed, reason: passed ? ok : ko, values });

export type LimitFacts = Pick<
  EligibilityFacts,
  'occupationCode' | 'level' | 'year' | 'prior' | 'isStudent' | 'maxPerYear' | 'maxPerYearStudent' | 'apprenticeship'
>;

/** The yearly count (DESIGN §4: at most 2 subsidies a year, students 1): how many the year allows, has used, has left. */
export function yearlyAllowance(f: Pick<LimitFacts, 'year' | 'prior' | 'isStudent' | 'maxPerYear' | 'maxPerYearStudent'>): {
  max: number;
  used: number;
  remaining: number;
} {
  const used = f.prior.filter((p) => p.year === f.year).length;
  const max = f.isStudent ? f.maxPerYearStudent : f.maxPerYear;
  return { max, used, remaining: Math.max(0, max - used) };
}

/**
 * The per-person limits (LIMIT_RULES, in that order) against the person's other claims (`prior`: every
 * claim not rejected, in review included). Used when a claim is created and again when it is approved.
 */
export function checkLimits(f: LimitFacts): RuleResult[] {
  const r = rr;
  const sameOcc = f.prior.filter((p) => p.occupationCode === f.occupationCode);
  const sameLevel = sameOcc.some((p) => p.level === f.level);
  // lower level = larger number (5 is the lowest); levels 0 (no levels) are not ordered
  const higherBefore = f.level > 0 ? sameOcc.filter((p) => p.level > 0 && p.level < f.level).map((p) => p.level) : [];
  const { used: thisYear, max } = yearlyAllowance(f);
  return [
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
  ];
}

/** Every check, in a stable order; a claim is auto-approved only when all pass. */
export function checkEligibility(f: EligibilityFacts): RuleResult[] {
  const r = rr;
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
      f.attendancePct === null ? undefined : { attendancePct: f.attendancePct, thresholdPct: f.attendanceThresholdPct },
    ),
    r(
      'ASSESSMENT_PASSED_WITH_CERTIFICATE',
      f.passed && !!f.certificateNumber,
      'passed with a certificate',
      f.passed ? 'passed without a certificate number' : 'assessment not passed',
    ),
    ...checkLimits(f),
    f.onceOnlyRatio
      ? {
          rule: 'ONCE_ONLY_RATIO',
          passed: true,
          code: 'ONCE_ONLY_RATIO_USED',
          reason:
            `the once-only ratio of category ${f.onceOnlyRatio.category} was already used (claim ${f.onceOnlyRatio.usedOnClaim}): ` +
            (f.onceOnlyRatio.appliedCategory
              ? `the ratio of category ${f.onceOnlyRatio.appliedCategory} applies (${f.onceOnlyRatio.ratioPct} %)`
              : 'no other ratio applies'),
        }
      : r('ONCE_ONLY_RATIO', true, 'no once-only ratio used before', ''),
    f.levelChange
      ? {
          rule: 'ASSESSED_LEVEL_MATCHES_CLASS',
          passed: false,
          code: 'LEVEL_DIFFERS_FROM_CLASS',
          reason: `assessed ${levelName(f.level)}, the class is ${levelName(f.levelChange.classLevel)}: ${f.levelChange.reason}`,
        }
      : r('ASSESSED_LEVEL_MATCHES_CLASS', true, 'the assessed level is the class’s level', ''),
    r('AMOUNT_POSITIVE', f.amountFen > 0, 'amount above zero', 'the amount is zero (no subsidy ratio for the person’s categories)'),
    r('PAYEE_ACCOUNT_KNOWN', f.payeeAccountKnown, 'payee bank account on file', 'the payee has no bank account on file'),
    f.budgetAvailableFen === null
      ? { rule: 'BUDGET_COVERS', passed: false, code: 'NO_BUDGET', reason: `no budget set for the programme, district and year ${f.year}` }
      : f.budgetAvailableFen >= f.amountFen
        ? r('BUDGET_COVERS', true, 'the budget covers the amount', '')
        : { rule: 'BUDGET_COVERS', passed: false, code: 'BUDGET_EXHAUSTED', reason: 'the budget is exhausted' },
    ...nationalLookupRule(f.nationalLookup),
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

/** The business date (Asia/Shanghai) of an instant: src/lib/time.ts's, under the name the module's callers know. */
export const shanghaiDate = businessDate;

export function isWorkingDay(date: string, overrides: ReadonlyMap<string, 'holiday' | 'workday'>): boolean {
  const o = overrides.get(date);
  if (o) return o === 'workday';
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The notice runs for `days` working days starting the first working day after publication; returns the
 * first and last day. The claim becomes payable the day after the last (`payableFrom`). With `loadedYears`
 * (the years whose holidays the calendar holds), a notice counted on any day of a year not loaded — where
 * working days fall back to Monday–Friday — is `provisional` (shown as 暂定; recomputed when the year is loaded).
 */
export function noticePeriod(
  publishedAt: Date,
  days: number,
  calendar: readonly CalendarDay[],
  loadedYears?: ReadonlySet<number>,
): { publishedOn: string; firstDay: string; lastDay: string; payableFrom: string; provisional: boolean } {
  if (!Number.isInteger(days) || days < 1 || days > 60) throw new RangeError('notice days must be 1..60');
  const overrides = new Map(calendar.map((c) => [c.date, c.kind] as const));
  const publishedOn = shanghaiDate(publishedAt);
  let d = publishedOn;
  let firstDay = '';
  let counted = 0;
  let provisional = false;
  for (let guard = 0; counted < days; guard++) {
    if (guard > 400) throw new RangeError('calendar has no working days');
    d = addDays(d, 1);
    if (loadedYears && !loadedYears.has(Number(d.slice(0, 4)))) provisional = true;
    if (isWorkingDay(d, overrides)) {
      if (!firstDay) firstDay = d;
      counted++;
    }
  }
  return { publishedOn, firstDay, lastDay: d, payableFrom: addDays(d, 1), provisional };
}

/**
 * The city admin's to-do "load next year's holidays": due from one month before the calendar runs out (the
 * last day of the last loaded year; 12-31 → from 11-30, when the State Council has published the next
 * year's arrangement) until the next year is loaded. No year loaded at all: due, for the current year.
 */
export function calendarTodo(loadedYears: Iterable<number>, today: string): { due: boolean; lastDay: string | null; dueFrom: string | null; nextYear: number } {
  const years = [...loadedYears];
  if (years.length === 0) return { due: true, lastDay: null, dueFrom: null, nextYear: Number(today.slice(0, 4)) };
  const last = Math.max(...years);
  const lastDay = `${last}-12-31`;
  const dueFrom = `${last}-11-30`; // one month before 12-31
  return { due: today >= dueFrom, lastDay, dueFrom, nextYear: last + 1 };
}

export interface CalendarCsvDay extends CalendarDay {
  name: string;
}

export type CalendarCsvResult =
  { ok: true; days: CalendarCsvDay[]; years: number[] } | { ok: false; line: number; field: 'header' | 'date' | 'kind' | 'name' | 'body'; message: string };

const CSV_HEADER = ['date', 'kind', 'name'];

const isRealDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const MAX_CSV_ROWS = 2000;

type CalendarCsvRefusal = Extract<CalendarCsvResult, { ok: false }>;

/** One row of the calendar CSV (`line` its line number, the header being 1): the day, or the refusal naming the field. */
function calendarCsvRow(text: string, line: number, seen: Set<string>): CalendarCsvDay | CalendarCsvRefusal {
  const cells = text.split(',');
  if (text.trim() === '') return { ok: false, line, field: 'date', message: 'an empty line' };
  if (cells.length !== 3) return { ok: false, line, field: cells.length < 3 ? 'kind' : 'name', message: `3 columns expected, found ${cells.length}` };
  const [date, kind, name] = cells.map((c) => c.trim()) as [string, string, string];
  if (!isRealDate(date)) return { ok: false, line, field: 'date', message: `not a date (YYYY-MM-DD): ${date.slice(0, 20)}` };
  const year = Number(date.slice(0, 4));
  if (year < 2000 || year > 2100) return { ok: false, line, field: 'date', message: `year ${year} is out of range` };
  if (seen.has(date)) return { ok: false, line, field: 'date', message: `${date} appears twice` };
  seen.add(date);
  if (kind !== 'holiday' && kind !== 'workday') return { ok: false, line, field: 'kind', message: `kind must be holiday or workday, not ${kind.slice(0, 20)}` };
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (kind === 'workday' && dow !== 0 && dow !== 6)
    return { ok: false, line, field: 'kind', message: `${date} is a weekday: a make-up working day is a Saturday or Sunday` };
  if ([...name].length > 50 || [...name].some((ch) => ch.charCodeAt(0) < 0x20))
    return { ok: false, line, field: 'name', message: 'the name has more than 50 characters or a control character' };
  return { date, kind, name };
}

/**
 * Reads a working-day calendar in the CSV format of holidays-cn.csv: a header `date,kind,name`, then one
 * row per day off on a weekday or weekend day worked — `date` a real YYYY-MM-DD, `kind` `holiday` (a day
 * off) or `workday` (a make-up working day, only on a Saturday or Sunday), `name` the holiday (≤ 50
 * characters, may be empty). Each date once. Every year present is taken as a whole year. A refusal names
 * the line (1 = the header) and the field; nothing is partly read.
 */
export function parseCalendarCsv(text: string): CalendarCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) return { ok: false, line: 1, field: 'body', message: 'the file is empty' };
  const head = lines[0]!.split(',').map((c) => c.trim().toLowerCase());
  if (head.length !== 3 || head.some((c, i) => c !== CSV_HEADER[i]))
    return { ok: false, line: 1, field: 'header', message: `the header must be ${CSV_HEADER.join(',')}` };
  if (lines.length === 1) return { ok: false, line: 2, field: 'body', message: 'the file has no days' };
  if (lines.length - 1 > MAX_CSV_ROWS) return { ok: false, line: MAX_CSV_ROWS + 2, field: 'body', message: `more than ${MAX_CSV_ROWS} days` };
  const days: CalendarCsvDay[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const row = calendarCsvRow(lines[i]!, i + 1, seen);
    if ('ok' in row) return row;
    days.push(row);
  }
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort((a, b) => a - b);
  return { ok: true, days: days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)), years };
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

/**
 * Allowed claim transitions (a failed payment is re-queued as approved once the account is corrected; a rejection
 * overturned on appeal (申诉) sends the claim back to review, where the normal approval decides it again).
 */
export const CLAIM_TRANSITIONS: Record<ClaimState, readonly ClaimState[]> = {
  in_review: ['approved', 'rejected'],
  approved: ['held', 'in_batch', 'rejected'],
  held: ['approved', 'rejected'],
  rejected: ['in_review'],
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

// ------------------------------------------------------------------------------ skill upgrade (技能提升补贴)

/**
 * The skill-upgrade subsidy's own conditions (programme type skill_upgrade): the claim is made within
 * `claimWindowMonths` of the certificate's date (the day itself included: certificate 2025-03-15, window 12
 * → claims up to 2026-03-15); the person has paid unemployment insurance for at least `minUiMonths` months
 * (the social-insurance record, through its adapter); a payment to the person's social security card
 * account needs the card's financial function to be active (the card system, through its adapter).
 */
export interface SkillUpgradeFacts {
  certificateDate: string; // YYYY-MM-DD (Asia/Shanghai)
  claimDate: string; // YYYY-MM-DD (Asia/Shanghai)
  claimWindowMonths: number;
  /** Months of unemployment insurance paid; null = the record does not say. */
  uiMonths: number | null;
  minUiMonths: number;
  /** Whether the payment goes to the person's social security card account (payee: the person). */
  paidToSsc: boolean;
  /** The card's financial function: active / not active / unknown (null). */
  sscFinancialActive: boolean | null;
}

export function skillUpgradeRules(f: SkillUpgradeFacts): RuleResult[] {
  const r = (rule: RuleName, passed: boolean, ok: string, ko: string): RuleResult => ({ rule, passed, reason: passed ? ok : ko });
  const cert = parseDate(f.certificateDate);
  const lastDay = cert ? addMonthsClamped(cert, f.claimWindowMonths) : null;
  return [
    r(
      'CERTIFICATE_TOO_OLD',
      lastDay !== null && f.claimDate <= lastDay,
      `claimed on ${f.claimDate}, within ${monthsText(f.claimWindowMonths)} of the certificate (${f.certificateDate})`,
      lastDay === null
        ? 'the certificate date is unknown'
        : `claimed on ${f.claimDate}, more than ${monthsText(f.claimWindowMonths)} after the certificate (${f.certificateDate}; last day ${lastDay})`,
    ),
    r(
      'UI_CONTRIBUTION_TOO_SHORT',
      f.uiMonths !== null && f.uiMonths >= f.minUiMonths,
      `unemployment insurance paid for ${monthsText(f.uiMonths ?? 0)} (at least ${f.minUiMonths})`,
      f.uiMonths === null
        ? 'the social-insurance record does not say how long unemployment insurance was paid'
        : `unemployment insurance paid for ${monthsText(f.uiMonths)}, fewer than ${f.minUiMonths}`,
    ),
    r(
      'SSC_FINANCIAL_INACTIVE',
      !f.paidToSsc || f.sscFinancialActive === true,
      f.paidToSsc ? 'the social security card’s financial function is active' : 'not paid to the person’s social security card',
      f.sscFinancialActive === null
        ? 'the social security card’s financial function could not be confirmed'
        : 'the social security card’s financial function is not active',
    ),
  ];
}
