/**
 * 我能领吗？补多少？ (issue 20 §4): before applying, a worker picks a course — or an occupation and level (and the
 * programme) — and sees what the claim would decide on the same facts: eligible or why not, the subsidy, what they
 * pay themself, the subsidies left this year, the voucher's validity. The facts are loaded by the claim's own
 * loaders (claims/facts.ts, claims/limits.ts, skill-upgrade.ts) and decided by the claim's own function
 * (entitlement.ts `precheckDecision` → `claimDecision`); nothing here restates a rule. Read-only.
 */
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../identity/index.js';
import * as catalog from '../catalog/index.js';
import * as persons from '../persons/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { NO_VOUCHER, onceOnlyFacts, quoteRates, type RateSubject, type VoucherRates } from './claims/facts.js';
import { APPRENTICESHIP_DEFAULT_CAP_YEARS, apprenticeshipMonthsUsed, isStudent, priorClaims } from './claims/limits.js';
import { precheckDecision, type EntitlementFacts } from './entitlement.js';
import type { PrecheckAnswer, PrecheckView } from './precheck-schemas.js';
import { shanghaiDate, type RuleResult } from './rules.js';
import { skillUpgradeChecks } from './skill-upgrade.js';
import { workerOf } from './policy.js';

export interface PrecheckInput {
  courseId?: string | undefined;
  occupationCode?: string | undefined;
  level?: number | undefined;
  programmeId?: string | undefined;
}

/** What is being priced: the occupation and level, the fee when a course is chosen, the programmes weighed. */
interface Target {
  course: training.Course | null;
  occupation: { code: string; name: string };
  level: number;
  feeFen: number | null;
  programmes: catalog.Programme[];
}

async function programmeOrRefuse(q: Queryable, id: string, field: string): Promise<catalog.Programme> {
  const p = await catalog.getProgramme(q, id);
  if (!p) throw new AppError('PROGRAMME_UNKNOWN', 'no such programme', field);
  return p;
}

async function targetOf(q: Queryable, input: PrecheckInput): Promise<Target> {
  if (input.courseId) {
    const course = await training.getCourse(q, input.courseId);
    if (!course) throw notFound('course', 'courseId');
    const occupation = await catalog.getOccupation(q, course.occupationCode);
    const programme = await programmeOrRefuse(q, course.programmeId, 'courseId');
    return {
      course,
      occupation: occupation ?? { code: course.occupationCode, name: course.occupationCode },
      level: course.level,
      feeFen: course.feeFen,
      programmes: [programme],
    };
  }
  if (!input.occupationCode) throw new AppError('VALIDATION_FAILED', 'choose a course, or an occupation and a level', 'occupationCode');
  if (input.level === undefined) throw new AppError('VALIDATION_FAILED', 'choose the level of the occupation', 'level');
  const occupation = await catalog.getOccupation(q, input.occupationCode);
  if (!occupation) throw new AppError('OCCUPATION_UNKNOWN', `no occupation ${input.occupationCode}`, 'occupationCode');
  const programmes = input.programmeId
    ? [await programmeOrRefuse(q, input.programmeId, 'programmeId')]
    : (await catalog.listProgrammes(q, { status: 'open' })).filter((p) => vouchers.ON_DEMAND_TYPES.includes(p.type));
  return { course: null, occupation, level: input.level, feeFen: null, programmes };
}

/** States of a voucher whose claim is still to come (a pass makes the claim at once: assessed and later are claimed). */
const BEFORE_CLAIM: readonly string[] = ['issued', 'admitted', 'in_training'];

/**
 * The worker's open subsidy vouchers of a programme: the one this pre-check prices (same occupation and level, its
 * claim still to come), and whether another is open — 申领 is refused while one is (one open voucher per programme).
 */
async function openVouchers(q: Queryable, personId: string, programmeId: string, t: Target): Promise<{ fitting: vouchers.Voucher | null; other: boolean }> {
  const open = (await vouchers.vouchersOfPerson(q, personId)).filter(
    (v) => v.kind === 'subsidy' && v.programmeId === programmeId && (vouchers.OPEN_STATES as readonly string[]).includes(v.status),
  );
  const fit = open.find((v) => v.occupationCode === t.occupation.code && v.level === t.level && BEFORE_CLAIM.includes(v.status));
  return { fitting: fit ? await vouchers.getVoucher(q, fit.id) : null, other: !fit && open.length > 0 };
}

const reason = (code: string, detail: string): PrecheckAnswer['reasons'][number] => ({ code, detail });

/** The failed rules in words a screen can map: a zero amount says whether the standard or the ratio is missing. */
function reasonsOf(failed: readonly RuleResult[], standardFen: number): PrecheckAnswer['reasons'] {
  return failed.map((r) =>
    r.rule === 'AMOUNT_POSITIVE' ? reason(standardFen === 0 ? 'NO_STANDARD' : 'NO_RATIO', r.reason) : reason(r.code ?? r.rule, r.reason),
  );
}

/** One programme's answer for the person. */
async function answerFor(q: Queryable, person: persons.Person, p: catalog.Programme, t: Target, now: Date): Promise<PrecheckAnswer> {
  const today = shanghaiDate(now);
  const { fitting, other } = await openVouchers(q, person.id, p.id, t);
  const subject: RateSubject = {
    programmeId: p.id,
    occupationCode: t.occupation.code,
    personId: person.id,
    categories: person.categories,
    voucher: fitting as VoucherRates | null,
  };
  const rates = await quoteRates(q, subject, t.level);
  const programmeRules =
    p.type === 'skill_upgrade' ? await skillUpgradeChecks(q, { idNumber: person.idNumber, payeeKind: p.payee, certificateDate: today, now }) : [];
  const facts: EntitlementFacts = {
    voucherKind: fitting?.kind ?? 'subsidy',
    rates,
    once: await onceOnlyFacts(q, subject, t.level, rates),
    feeFen: t.feeFen,
    occupationCode: t.occupation.code,
    level: t.level,
    year: Number(today.slice(0, 4)),
    prior: await priorClaims(q, person.id, fitting?.id ?? NO_VOUCHER),
    isStudent: isStudent(person.categories),
    maxPerYear: p.maxSubsidiesPerYear,
    maxPerYearStudent: p.maxSubsidiesPerYearStudent,
    attendanceThresholdPct: p.attendanceThresholdPct,
    // 企业新型学徒制: a year's training (the standard is per year), within what the cap leaves
    apprenticeship:
      p.type === 'apprenticeship'
        ? {
            capYears: p.apprenticeshipCapYears ?? APPRENTICESHIP_DEFAULT_CAP_YEARS,
            periodMonths: 12,
            priorMonths: await apprenticeshipMonthsUsed(q, person.id, fitting?.id ?? NO_VOUCHER),
          }
        : null,
    programmeRules,
  };
  const d = precheckDecision(facts);
  // 申领 is refused while another voucher of the programme is open, and a closed programme issues none
  const own = [
    ...(other ? [reason('HOLDS_OTHER_VOUCHER', 'another open voucher of this programme is held (one at a time)')] : []),
    ...(!fitting && p.status !== 'open' ? [reason('PROGRAMME_CLOSED', `programme ${p.code} is closed`)] : []),
  ];
  const validity = fitting ? { validFrom: fitting.validFrom, validUntil: fitting.validUntil } : vouchers.validityFor(now, p.validityMonths);
  const reasons = [...own, ...reasonsOf(d.failed, d.rates.standardFen)];
  return {
    programmeId: p.id,
    programmeName: p.name,
    eligible: reasons.length === 0,
    reasons,
    notes: [
      ...d.notes.map((r) => reason(r.code ?? r.rule, r.reason)),
      // paid to the person's social security card account: none on file yet → the claim would wait for it
      ...(p.payee === 'person' && !person.bankAccount ? [reason('PAYEE_ACCOUNT_MISSING', 'no bank account linked to the social security card yet')] : []),
    ],
    subsidyFen: d.amountFen,
    selfPaidFen: d.selfPaidFen,
    feeFen: t.feeFen,
    standardFen: d.rates.standardFen,
    upliftPct: d.rates.upliftPct,
    ratioPct: d.rates.ratioPct,
    year: facts.year,
    maxThisYear: d.year.max,
    usedThisYear: d.year.used,
    remainingThisYear: d.year.remaining,
    attendanceThresholdPct: p.attendanceThresholdPct,
    voucher: { held: !!fitting, number: fitting?.number ?? null, ...validity, validityMonths: p.validityMonths },
  };
}

/** 我能领吗？补多少？ for the signed-in worker (their own person only). */
export async function precheck(actor: Actor, q: Queryable, input: PrecheckInput, now: Date = clockNow()): Promise<PrecheckView> {
  const person = await persons.getPerson(q, workerOf(actor, 'the pre-check is for a signed-in worker'));
  if (!person) throw notFound('person');
  const t = await targetOf(q, input);
  const answers: PrecheckAnswer[] = [];
  for (const p of t.programmes) answers.push(await answerFor(q, person, p, t, now));
  answers.sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.subsidyFen - a.subsidyFen);
  return {
    courseId: t.course?.id ?? null,
    courseName: t.course?.name ?? null,
    occupationCode: t.occupation.code,
    occupationName: t.occupation.name,
    level: t.level,
    answers,
  };
}
