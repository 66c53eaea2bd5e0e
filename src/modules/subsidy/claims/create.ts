/**
 * A claim is created when a pass is recorded (the assessment module calls createClaimForPass): the amount
 * quoted, the per-person limits and the eligibility rules decided under the person's lock, then approved at
 * once when every rule passes, else in review with the failed rules listed.
 */
import type { Queryable, Tx } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { encrypt } from '../../../lib/crypto.js';
import { AppError, notFound } from '../../../lib/errors.js';
import * as audit from '../../audit/index.js';
import type { AuditActor } from '../../audit/index.js';
import * as catalog from '../../catalog/index.js';
import * as orgs from '../../orgs/index.js';
import * as persons from '../../persons/index.js';
import * as vouchers from '../../vouchers/index.js';
import * as ledger from '../ledger.js';
import {
  apprenticeshipCoverage,
  apprenticeshipMonths,
  checkEligibility,
  claimAmount,
  failedRules,
  payeeKey,
  reasonCodes,
  resolvePayee,
  type ApprenticeshipFacts,
  type EligibilityFacts,
  type PayeeCandidate,
  type RuleResult,
} from '../rules.js';
import { skillUpgradeChecks } from '../skill-upgrade.js';
import { approveInTx } from './approval.js';
import { claimEvent, lockPerson, type ClaimRow } from './claim-row.js';
import { APPRENTICESHIP_DEFAULT_CAP_YEARS, apprenticeshipMonthsUsed, isStudent, onceRatioUsedOn, priorClaims, ratioCondition } from './limits.js';

/** What the assessment (and training/attendance) side knows about the pass. */
export interface PassFacts {
  voucherId: string;
  resultId: string | null;
  passed: boolean;
  certificateNumber: string | null;
  level: number;
  assessedOn: string; // YYYY-MM-DD (Asia/Shanghai)
  providerId: string | null;
  classId: string | null;
  /** The course fee in fen; null when unknown (then the subsidy is not capped by it). */
  feeFen: number | null;
  /** null: unknown (the training module did not say) → the rule fails and a reviewer decides. */
  admissionOnTime: boolean | null;
  attendancePct: number | null;
  /** The class's first and last day (apprenticeship: the 学徒培训期 the subsidy covers); absent/null = unknown. */
  trainingStartOn?: string | null | undefined;
  trainingEndOn?: string | null | undefined;
  /**
   * The assessed level differs from the class's: the class's level and the assessor's confirmed reason
   * (the claim goes to review with LEVEL_DIFFERS_FROM_CLASS). Absent/null: same level.
   */
  levelChange?: { classLevel: number; reason: string } | null | undefined;
  /** The national certificate lookup's answer (assessment asks its adapter); absent: not asked. */
  nationalLookup?: EligibilityFacts['nationalLookup'];
}

/** The voucher, its holder and its programme (a voucher with an occupation). */
interface Subjects {
  v: vouchers.Voucher & { programmeId: string; occupationCode: string };
  person: persons.Person;
  programme: catalog.Programme;
}

/** The rates the amount is computed with, and the category whose ratio it uses. */
interface Rates {
  standardFen: number;
  upliftPct: number;
  ratioPct: number;
  ratioCategory: string | null;
}

type OnceOnlyRatio = { category: string; usedOnClaim: string; ratioPct: number; appliedCategory: string | null };

/** The claim as decided before it is written. */
interface Draft extends Rates {
  year: number;
  districtCode: string | null;
  feeFen: number;
  amountFen: number;
  months: number | null;
  apprenticeship: ApprenticeshipFacts | null;
  onceOnlyRatio: OnceOnlyRatio | null;
}

async function loadSubjects(tx: Tx, f: PassFacts): Promise<Subjects> {
  const v = await vouchers.getVoucher(tx, f.voucherId);
  if (!v) throw notFound('voucher', 'voucherId');
  if (!v.programmeId || !v.occupationCode) throw new AppError('CLAIM_NOT_ELIGIBLE', 'the voucher names no programme and occupation', 'voucherId');
  const person = await persons.getPerson(tx, v.personId);
  if (!person) throw notFound('person');
  const programme = await catalog.getProgramme(tx, v.programmeId);
  if (!programme) throw notFound('programme');
  return { v: { ...v, programmeId: v.programmeId, occupationCode: v.occupationCode }, person, programme };
}

/** The catalogue's quote for these categories, or null when no standard is set (STANDARD_MISSING). */
async function quoteOrNull(tx: Tx, s: Subjects, level: number, categories: readonly string[]): Promise<catalog.SubsidyQuote | null> {
  try {
    return await catalog.quoteSubsidy(tx, { programmeId: s.programme.id, occupationCode: s.v.occupationCode, level, categories });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'STANDARD_MISSING') throw e;
    return null;
  }
}

/** The voucher's own rates when it was issued for this level, else the catalogue's quote (none: all zero). */
async function quoteRates(tx: Tx, s: Subjects, level: number): Promise<Rates> {
  const { v } = s;
  const ratioCategory = v.kind === 'subsidy' ? v.category : null;
  if (v.standardFen !== null && v.level === level) return { standardFen: v.standardFen, upliftPct: v.upliftPct, ratioPct: v.ratioPct, ratioCategory };
  const quote = await quoteOrNull(tx, s, level, s.person.categories);
  if (!quote) return { standardFen: 0, upliftPct: 0, ratioPct: 0, ratioCategory };
  return {
    standardFen: quote.standardFen,
    upliftPct: quote.upliftPct,
    ratioPct: v.kind === 'subsidy' ? v.ratioPct || quote.ratioPct : 0,
    ratioCategory: v.kind === 'subsidy' && !v.ratioPct ? quote.category : ratioCategory,
  };
}

/**
 * DESIGN §4: a once-only ratio (中职毕业学年学生 80 %, once) is applied to one claim of the person. When an
 * earlier claim (not rejected) used it, this one takes the best ratio of the person's other categories
 * that the programme accepts (e.g. 在职从业人员 80 %, 失业人员 100 %), or none (0 %: the claim waits in
 * review with AMOUNT_POSITIVE failed); the claim carries ONCE_ONLY_RATIO_USED either way.
 */
async function applyOnceOnlyRatio(tx: Tx, s: Subjects, level: number, rates: Rates): Promise<{ rates: Rates; onceOnlyRatio: OnceOnlyRatio | null }> {
  const category = rates.ratioCategory;
  if (!category || (await ratioCondition(tx, category)) !== 'once') return { rates, onceOnlyRatio: null };
  const usedOn = await onceRatioUsedOn(tx, s.person.id, s.v.id, category);
  if (!usedOn) return { rates, onceOnlyRatio: null };
  const others = s.person.categories.filter((c) => c !== category);
  const other = (others.length ? await quoteOrNull(tx, s, level, others) : null) ?? { ratioPct: 0, category: null };
  return {
    rates: { ...rates, ratioPct: other.ratioPct, ratioCategory: other.category },
    onceOnlyRatio: { category, usedOnClaim: usedOn, ratioPct: other.ratioPct, appliedCategory: other.category },
  };
}

/**
 * 企业新型学徒制: the standard is per apprentice per year — paid for the months of the training period, and
 * for at most the programme's cap (default 2 years) over all of the person's apprenticeship claims.
 */
async function apprenticeshipOf(tx: Tx, s: Subjects, f: PassFacts): Promise<{ apprenticeship: ApprenticeshipFacts | null; months: number | null }> {
  if (s.programme.type !== 'apprenticeship') return { apprenticeship: null, months: null };
  const apprenticeship: ApprenticeshipFacts = {
    capYears: s.programme.apprenticeshipCapYears ?? APPRENTICESHIP_DEFAULT_CAP_YEARS,
    periodMonths: f.trainingStartOn && f.trainingEndOn ? apprenticeshipMonths(f.trainingStartOn, f.trainingEndOn) : null,
    priorMonths: await apprenticeshipMonthsUsed(tx, s.person.id, s.v.id),
  };
  return { apprenticeship, months: apprenticeshipCoverage(apprenticeship).subsidisedMonths };
}

/** The amount, the year, the district and the facts the rules need. */
async function draftClaim(tx: Tx, s: Subjects, f: PassFacts): Promise<Draft> {
  const { rates, onceOnlyRatio } = await applyOnceOnlyRatio(tx, s, f.level, await quoteRates(tx, s, f.level));
  const { apprenticeship, months } = await apprenticeshipOf(tx, s, f);
  const { standardFen, upliftPct, ratioPct } = rates;
  // no course fee known → not capped by one (the uplifted standard at 100 %)
  const feeFen = f.feeFen ?? claimAmount({ standardFen, upliftPct, ratioPct: 100, feeFen: Number.MAX_SAFE_INTEGER, months });
  const amountFen = claimAmount({ standardFen, upliftPct, ratioPct, feeFen, months });
  const year = Number(f.assessedOn.slice(0, 4));
  return { ...rates, year, districtCode: s.v.districtCode ?? s.person.districtCode, feeFen, amountFen, months, apprenticeship, onceOnlyRatio };
}

/** Who may be paid: the person, the training provider, the person's employer (resolved by the programme's payee). */
export async function payeeCandidates(
  q: Queryable,
  person: persons.Person,
  providerId: string | null,
): Promise<{ person: PayeeCandidate; provider: PayeeCandidate | null; enterprise: PayeeCandidate | null }> {
  const org = (o: orgs.Org | null, kind: 'provider' | 'enterprise'): PayeeCandidate | null =>
    o ? { kind, id: o.id, name: o.name, account: o.bankAccount, bankName: o.bankName } : null;
  return {
    person: { kind: 'person', id: person.id, name: person.name, account: person.bankAccount, bankName: person.bankName },
    provider: providerId ? org(await orgs.getOrg(q, providerId), 'provider') : null,
    enterprise: person.employerUscc ? org(await orgs.findOrgByUscc(q, person.employerUscc), 'enterprise') : null,
  };
}

/** The eligibility rules (and the skill-upgrade subsidy's own), with the payee and the budget account they looked at. */
async function decideRules(
  tx: Tx,
  by: AuditActor,
  s: Subjects,
  f: PassFacts,
  d: Draft,
  now: Date,
): Promise<{ rules: RuleResult[]; payee: PayeeCandidate; account: ledger.BudgetAccount | null }> {
  const { v, person, programme } = s;
  const prior = await priorClaims(tx, person.id, v.id);
  const payee = resolvePayee(programme.payee, await payeeCandidates(tx, person, f.providerId));
  const account = d.districtCode ? await ledger.lockAccount(tx, programme.id, d.districtCode, d.year, by.accountId) : null;
  const rules = checkEligibility({
    voucherKind: v.kind,
    admissionOnTime: f.admissionOnTime,
    attendancePct: f.attendancePct,
    attendanceThresholdPct: programme.attendanceThresholdPct,
    passed: f.passed,
    certificateNumber: f.certificateNumber,
    occupationCode: v.occupationCode,
    level: f.level,
    year: d.year,
    prior,
    isStudent: isStudent(person.categories),
    maxPerYear: programme.maxSubsidiesPerYear,
    maxPerYearStudent: programme.maxSubsidiesPerYearStudent,
    amountFen: d.amountFen,
    payeeAccountKnown: !!payee.account,
    budgetAvailableFen: account ? account.availableFen : null,
    apprenticeship: d.apprenticeship,
    levelChange: f.levelChange ?? null,
    onceOnlyRatio: d.onceOnlyRatio,
    nationalLookup: f.nationalLookup ?? null,
  });
  // 技能提升补贴: its own conditions (certificate age, unemployment insurance paid, the card's financial function)
  if (programme.type === 'skill_upgrade')
    rules.push(...(await skillUpgradeChecks(tx, { idNumber: person.idNumber, payeeKind: payee.kind, certificateDate: f.assessedOn, now })));
  return { rules, payee, account };
}

/** The claim's row, in review (its number SC + the Shanghai date + a serial). */
async function insertClaim(
  tx: Tx,
  s: Subjects,
  f: PassFacts,
  d: Draft,
  decided: { rules: RuleResult[]; payee: PayeeCandidate; account: ledger.BudgetAccount | null },
): Promise<ClaimRow> {
  const { payee } = decided;
  const { rows } = await tx.query<ClaimRow>(
    `INSERT INTO subsidy_claims (number, voucher_id, result_id, person_id, programme_id, district_code, year, occupation_code, level, provider_id, class_id,
        standard_fen, uplift_pct, ratio_pct, fee_fen, amount_fen, status, rules, payee_kind, payee_id, payee_key, payee_name, payee_account_enc,
        payee_account_last4, payee_bank, budget_account_id, apprenticeship_months, ratio_category)
     VALUES ('SC' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('subsidy_claim_serial')::text, 8, '0'),
        $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,'in_review',$16::jsonb,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26)
     RETURNING *`,
    [
      s.v.id,
      f.resultId,
      s.person.id,
      s.programme.id,
      d.districtCode,
      d.year,
      s.v.occupationCode,
      f.level,
      f.providerId,
      f.classId,
      d.standardFen,
      d.upliftPct,
      d.ratioPct,
      d.feeFen,
      d.amountFen,
      JSON.stringify(decided.rules),
      payee.kind,
      payee.id,
      payeeKey(payee),
      payee.name,
      payee.account ? encrypt(payee.account) : null,
      payee.account ? payee.account.slice(-4) : null,
      payee.bankName,
      decided.account?.id ?? null,
      d.months,
      d.ratioCategory,
    ],
  );
  return rows[0]!;
}

/**
 * Creates the claim for a recorded pass (one per voucher: a repeat returns the existing claim). All rules
 * pass → approved (budget reserved, voucher → approved, notice published); otherwise in_review.
 */
export async function createClaimForPass(tx: Tx, by: AuditActor, f: PassFacts, now: Date = clockNow()): Promise<ClaimRow> {
  const existing = await tx.query<ClaimRow>('SELECT * FROM subsidy_claims WHERE voucher_id = $1', [f.voucherId]);
  if (existing.rows[0]) return existing.rows[0];
  const s = await loadSubjects(tx, f);
  // one person's claims are decided one at a time (limits per person and year)
  await lockPerson(tx, s.person.id);
  const d = await draftClaim(tx, s, f);
  const decided = await decideRules(tx, by, s, f, d, now);
  const { rules } = decided;
  const allPass = failedRules(rules).length === 0;
  let claim = await insertClaim(tx, s, f, d, decided);
  await claimEvent(tx, by, claim.id, null, 'in_review', allPass ? null : reasonCodes(failedRules(rules)).join(','));
  if (allPass) claim = await approveInTx(tx, by, claim, null, now);
  await audit.record(tx, by, {
    action: 'claim.create',
    entityType: 'subsidy_claim',
    entityId: claim.id,
    districtCode: d.districtCode,
    detail: {
      number: claim.number,
      voucherId: s.v.id,
      amountFen: d.amountFen,
      status: claim.status,
      failed: failedRules(rules).map((r) => r.rule),
      reasons: reasonCodes(rules),
    },
  });
  return claim;
}
