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
import { recordClaimMoves } from '../analytics-facts.js';
import * as ledger from '../ledger.js';
import { OUTCOME_MET, claimDecision, type ClaimDecision, type EntitlementFacts } from '../entitlement.js';
import {
  apprenticeshipMonths,
  failedRules,
  payeeKey,
  reasonCodes,
  resolvePayee,
  shanghaiDate,
  type ApprenticeshipFacts,
  type EligibilityFacts,
  type PayeeCandidate,
  type RuleResult,
} from '../rules.js';
import { skillUpgradeChecks } from '../skill-upgrade.js';
import { approveInTx } from './approval.js';
import { claimEvent, lockPerson, type ClaimRow } from './claim-row.js';
import { onceOnlyFacts, quoteRates, type RateSubject } from './facts.js';
import { APPRENTICESHIP_DEFAULT_CAP_YEARS, apprenticeshipMonthsUsed, isStudent, priorClaims } from './limits.js';

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

async function loadSubjects(tx: Queryable, f: Pick<PassFacts, 'voucherId'>): Promise<Subjects> {
  const v = await vouchers.getVoucher(tx, f.voucherId);
  if (!v) throw notFound('voucher', 'voucherId');
  return subjectsOf(tx, v);
}

/** The voucher's holder and programme: two reads, independent of each other, at once. */
async function subjectsOf(q: Queryable, v: vouchers.Voucher): Promise<Subjects> {
  const { programmeId, occupationCode } = v;
  if (!programmeId || !occupationCode) throw new AppError('CLAIM_NOT_ELIGIBLE', 'the voucher names no programme and occupation', 'voucherId');
  const [person, programme] = await Promise.all([persons.getPerson(q, v.personId), catalog.getProgramme(q, programmeId)]);
  if (!person) throw notFound('person');
  if (!programme) throw notFound('programme');
  return { v: { ...v, programmeId, occupationCode }, person, programme };
}

/** The rate facts' subject: the voucher's programme and occupation, its holder, its snapshot. */
const rateSubject = (s: Subjects): RateSubject => ({
  programmeId: s.programme.id,
  occupationCode: s.v.occupationCode,
  personId: s.person.id,
  categories: s.person.categories,
  voucher: s.v,
});

/**
 * 企业新型学徒制: the standard is per apprentice per year — paid for the months of the training period, and
 * for at most the programme's cap (default 2 years) over all of the person's apprenticeship claims.
 */
async function apprenticeshipOf(tx: Queryable, s: Subjects, f: Pick<PassFacts, 'trainingStartOn' | 'trainingEndOn'>): Promise<ApprenticeshipFacts | null> {
  if (s.programme.type !== 'apprenticeship') return null;
  return {
    capYears: s.programme.apprenticeshipCapYears ?? APPRENTICESHIP_DEFAULT_CAP_YEARS,
    periodMonths: f.trainingStartOn && f.trainingEndOn ? apprenticeshipMonths(f.trainingStartOn, f.trainingEndOn) : null,
    priorMonths: await apprenticeshipMonthsUsed(tx, s.person.id, s.v.id),
  };
}

/** The facts of the person, the programme and the course (the pre-check decides on the same ones). */
async function entitlementFacts(
  tx: Queryable,
  s: Subjects,
  f: Pick<PassFacts, 'level' | 'feeFen' | 'trainingStartOn' | 'trainingEndOn'>,
  year: number,
  programmeRules: RuleResult[],
): Promise<EntitlementFacts> {
  const subject = rateSubject(s);
  // the rates (then the once-only ratio's facts, which need them), the person's prior claims and the apprenticeship
  // months are independent reads: asked at once (in a transaction they queue on its connection, in this order)
  const [{ rates, once }, prior, apprenticeship] = await Promise.all([
    quoteRates(tx, subject, f.level).then(async (rates) => ({ rates, once: await onceOnlyFacts(tx, subject, f.level, rates) })),
    priorClaims(tx, s.person.id, s.v.id),
    apprenticeshipOf(tx, s, f),
  ]);
  return {
    voucherKind: s.v.kind,
    rates,
    once,
    feeFen: f.feeFen,
    occupationCode: s.v.occupationCode,
    level: f.level,
    year,
    prior,
    isStudent: isStudent(s.person.categories),
    maxPerYear: s.programme.maxSubsidiesPerYear,
    maxPerYearStudent: s.programme.maxSubsidiesPerYearStudent,
    attendanceThresholdPct: s.programme.attendanceThresholdPct,
    apprenticeship,
    programmeRules,
  };
}

/** What the claim of a voucher trained in a class would be priced on: the class's level and fee (and period). */
export type ExpectedClaimInput = Pick<PassFacts, 'voucherId' | 'level' | 'feeFen' | 'trainingStartOn' | 'trainingEndOn'>;

/**
 * The subsidy the claim of this voucher will come to when its holder passes at this level in this class: the
 * claim's own loaders and decision (`claimDecision`) on the same facts, the outcome assumed met (as the pre-check
 * does). Assumes the assessed level is the class's and no other claim of the person uses a once-only ratio first.
 * Null for a voucher that carries no subsidy (check-in only, or no programme and occupation).
 */
export async function expectedClaimAmountFen(q: Queryable, f: ExpectedClaimInput, now: Date = clockNow()): Promise<number | null> {
  const v = await vouchers.getVoucher(q, f.voucherId);
  if (!v || v.kind !== 'subsidy' || !v.programmeId || !v.occupationCode) return null;
  const s = await subjectsOf(q, v);
  const facts = await entitlementFacts(q, s, f, Number(shanghaiDate(now).slice(0, 4)), []);
  return claimDecision(facts, OUTCOME_MET(facts)).amountFen;
}

/** The claim as decided before it is written: its decision, year and district, and the payee and budget account it looked at. */
interface Decided extends ClaimDecision {
  year: number;
  districtCode: string | null;
  payee: PayeeCandidate;
  account: ledger.BudgetAccount | null;
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

/**
 * Loads the facts and decides (entitlement.ts `claimDecision`, the pre-check's own function): the amount, the
 * eligibility rules and the skill-upgrade subsidy's own, with the payee and the budget account locked for it.
 */
async function decideClaimFor(tx: Tx, by: AuditActor, s: Subjects, f: PassFacts, now: Date): Promise<Decided> {
  const { v, person, programme } = s;
  const year = Number(f.assessedOn.slice(0, 4));
  const districtCode = v.districtCode ?? person.districtCode;
  const payee = resolvePayee(programme.payee, await payeeCandidates(tx, person, f.providerId));
  // 技能提升补贴: its own conditions (certificate age, unemployment insurance paid, the card's financial function)
  const programmeRules =
    programme.type === 'skill_upgrade'
      ? await skillUpgradeChecks(tx, { idNumber: person.idNumber, payeeKind: payee.kind, certificateDate: f.assessedOn, now })
      : [];
  const facts = await entitlementFacts(tx, s, f, year, programmeRules);
  const account = districtCode ? await ledger.lockAccount(tx, programme.id, districtCode, year, by.accountId) : null;
  const decision = claimDecision(facts, {
    admissionOnTime: f.admissionOnTime,
    attendancePct: f.attendancePct,
    passed: f.passed,
    certificateNumber: f.certificateNumber,
    payeeAccountKnown: !!payee.account,
    budgetAvailableFen: account ? account.availableFen : null,
    levelChange: f.levelChange ?? null,
    nationalLookup: f.nationalLookup ?? null,
  });
  return { ...decision, year, districtCode, payee, account };
}

/** The claim's row, in review (its number SC + the Shanghai date + a serial). */
async function insertClaim(tx: Tx, s: Subjects, f: PassFacts, d: Decided): Promise<ClaimRow> {
  const { payee } = d;
  const { rows } = await tx.query<ClaimRow>(
    `INSERT INTO subsidy_claims (number, voucher_id, result_id, person_id, programme_id, district_code, year, occupation_code, level, provider_id, class_id,
        standard_fen, uplift_pct, ratio_pct, fee_fen, amount_fen, status, rules, payee_kind, payee_id, payee_key, payee_name, payee_account_enc,
        payee_account_last4, payee_bank, budget_account_id, apprenticeship_months, ratio_category, passed_on, issuer_org_id, certificate_number)
     VALUES ('SC' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('subsidy_claim_serial')::text, 8, '0'),
        $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,'in_review',$16::jsonb,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27::date,$28::uuid,$29)
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
      d.rates.standardFen,
      d.rates.upliftPct,
      d.rates.ratioPct,
      d.feeFen,
      d.amountFen,
      JSON.stringify(d.rules),
      payee.kind,
      payee.id,
      payeeKey(payee),
      payee.name,
      payee.account ? encrypt(payee.account) : null,
      payee.account ? payee.account.slice(-4) : null,
      payee.bankName,
      d.account?.id ?? null,
      d.months,
      d.rates.ratioCategory,
      f.assessedOn,
      // 定制券: the enterprise (or provider) whose customised issuance issued the voucher sees the claim (补贴到账)
      await vouchers.issuerOrgOf(tx, s.v.id),
      f.certificateNumber,
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
  const d = await decideClaimFor(tx, by, s, f, now);
  const { rules } = d;
  const allPass = failedRules(rules).length === 0;
  let claim = await insertClaim(tx, s, f, d);
  await claimEvent(tx, by, claim.id, null, 'in_review', allPass ? null : reasonCodes(failedRules(rules)).join(','));
  await recordClaimMoves(tx, [{ claim, from: null, to: 'in_review', at: now }]);
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
