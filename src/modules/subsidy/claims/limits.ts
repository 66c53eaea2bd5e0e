/**
 * Per-person limits (DESIGN §4), counted over every claim of the person not rejected (in review included):
 * same occupation and level once, no lower after higher, the yearly count, the apprenticeship cap, the
 * once-only ratio. Read under the person's lock; re-decided at a manual approval (recheckLimits).
 */
import type { Queryable, Tx } from '../../../db/index.js';
import { AppError, notFound } from '../../../lib/errors.js';
import * as catalog from '../../catalog/index.js';
import * as persons from '../../persons/index.js';
import { apprenticeshipCoverage, checkLimits, reasonCodes, type ApprenticeshipFacts, type PriorClaim, type RuleResult } from '../rules.js';
import { lockPerson, type ClaimRow } from './claim-row.js';

/** DESIGN §4: the apprenticeship subsidy runs at most 2 years when the programme sets no cap of its own. */
export const APPRENTICESHIP_DEFAULT_CAP_YEARS = 2;
const STUDENT_CATEGORIES = ['college_graduating', 'secondary_vocational_graduating'];

/** Whether the person's categories make a student (the yearly count for students applies). */
export const isStudent = (categories: readonly string[]): boolean => categories.some((c) => STUDENT_CATEGORIES.includes(c));

/**
 * Claims that count for a person's limits: every one not rejected (in review included). When a claim is
 * re-checked at its approval ($3/$4 = its created_at and number), a claim still in review counts only if it
 * came first: a later duplicate waiting in review does not block the earlier claim, the earlier one blocks it.
 */
const COUNTING = `(status IN ('approved','held','in_batch','paid','failed')
   OR (status = 'in_review' AND ($3::timestamptz IS NULL OR created_at < $3 OR (created_at = $3 AND number < $4))))`;

/** The claim being re-checked (null when a claim is being created: every claim not rejected counts). */
type Before = { createdAt: Date; number: string } | null;
const beforeParams = (b: Before): [Date | null, string | null] => [b?.createdAt ?? null, b?.number ?? null];

/**
 * The person's other claims that count for the limits (DESIGN §4), read under the person's lock — the caller
 * holds `lockPerson` — so two decisions for the same person are taken one after the other.
 */
export async function priorClaims(tx: Queryable, personId: string, exceptVoucherId: string, before: Before = null): Promise<PriorClaim[]> {
  const { rows } = await tx.query<{ occupation_code: string; level: number; year: number }>(
    `SELECT occupation_code, level, year FROM subsidy_claims WHERE person_id = $1 AND voucher_id <> $2 AND ${COUNTING}`,
    [personId, exceptVoucherId, ...beforeParams(before)],
  );
  return rows.map((p) => ({ occupationCode: p.occupation_code, level: p.level, year: p.year }));
}

/** An earlier claim (not rejected) of the person that used the once-only ratio of `category`, if any. */
export async function onceRatioUsedOn(
  tx: Queryable,
  personId: string,
  exceptVoucherId: string,
  category: string,
  before: Before = null,
): Promise<string | null> {
  const { rows } = await tx.query<{ number: string }>(
    `SELECT number FROM subsidy_claims WHERE person_id = $1 AND voucher_id <> $2 AND ratio_category = $5 AND ${COUNTING} ORDER BY created_at, number LIMIT 1`,
    [personId, exceptVoucherId, ...beforeParams(before), category],
  );
  return rows[0]?.number ?? null;
}

/** The condition of a person category's ratio ('once': a once-only ratio), null when none. */
export async function ratioCondition(q: Queryable, category: string | null): Promise<string | null> {
  if (!category) return null;
  return (await catalog.listRatios(q)).find((r) => r.category === category)?.condition ?? null;
}

/** Months of apprenticeship the person's other claims not rejected already subsidise (at creation). */
export async function apprenticeshipMonthsUsed(tx: Queryable, personId: string, exceptVoucherId: string): Promise<number> {
  const { rows } = await tx.query<{ months: number }>(
    `SELECT COALESCE(sum(apprenticeship_months), 0)::int AS months FROM subsidy_claims
      WHERE person_id = $1 AND voucher_id <> $2 AND apprenticeship_months IS NOT NULL AND status <> 'rejected'`,
    [personId, exceptVoucherId],
  );
  return rows[0]!.months;
}

/** The apprenticeship facts of a claim being re-checked: its months against what the claims counting before it used. */
async function recheckedApprenticeship(tx: Tx, c: ClaimRow, capYears: number | null): Promise<ApprenticeshipFacts | null> {
  if (c.apprenticeship_months === null) return null;
  const { rows: used } = await tx.query<{ months: number }>(
    `SELECT COALESCE(sum(apprenticeship_months), 0)::int AS months FROM subsidy_claims
      WHERE person_id = $1 AND voucher_id <> $2 AND apprenticeship_months IS NOT NULL AND ${COUNTING}`,
    [c.person_id, c.voucher_id, c.created_at, c.number],
  );
  return { capYears: capYears ?? APPRENTICESHIP_DEFAULT_CAP_YEARS, periodMonths: c.apprenticeship_months, priorMonths: used[0]!.months };
}

/** The cap leaves fewer months than the claim covers (a failure checkLimits does not name by itself). */
function apprenticeshipShortfall(c: ClaimRow, apprenticeship: ApprenticeshipFacts | null, failed: readonly RuleResult[]): RuleResult | null {
  if (!apprenticeship || failed.some((r) => r.rule === 'APPRENTICESHIP_PERIOD_CAP')) return null;
  const cov = apprenticeshipCoverage(apprenticeship);
  if (cov.subsidisedMonths >= (c.apprenticeship_months ?? 0)) return null;
  return {
    rule: 'APPRENTICESHIP_PERIOD_CAP',
    passed: false,
    reason: `the claim covers ${c.apprenticeship_months} months but only ${cov.remainingMonths} remain of the ${cov.capMonths}-month cap`,
  };
}

/** The once-only ratio the claim uses is already used by an earlier claim of the person. */
async function onceOnlyRatioFailure(tx: Tx, c: ClaimRow): Promise<RuleResult | null> {
  if (!c.ratio_category || (await ratioCondition(tx, c.ratio_category)) !== 'once') return null;
  const usedOn = await onceRatioUsedOn(tx, c.person_id, c.voucher_id, c.ratio_category, { createdAt: c.created_at, number: c.number });
  if (!usedOn) return null;
  return {
    rule: 'ONCE_ONLY_RATIO',
    passed: false,
    code: 'ONCE_ONLY_RATIO_USED',
    reason: `the once-only ratio of category ${c.ratio_category} is already used by claim ${usedOn}`,
  };
}

/**
 * A manual approval re-checks the per-person limits (LIMIT_RULES and the once-only ratio) against the
 * person's whole claim history, under the person's lock, in the approval's transaction. The limits are not a
 * reviewer's judgement: a failing one refuses the approval (CLAIM_LIMIT_EXCEEDED, the failed rules named).
 */
export async function recheckLimits(tx: Tx, c: ClaimRow): Promise<void> {
  await lockPerson(tx, c.person_id);
  const person = await persons.getPerson(tx, c.person_id);
  const programme = await catalog.getProgramme(tx, c.programme_id);
  if (!person || !programme) throw notFound('claim');
  const apprenticeship = await recheckedApprenticeship(tx, c, programme.apprenticeshipCapYears);
  const failed = checkLimits({
    occupationCode: c.occupation_code,
    level: c.level,
    year: c.year,
    prior: await priorClaims(tx, c.person_id, c.voucher_id, { createdAt: c.created_at, number: c.number }),
    isStudent: isStudent(person.categories),
    maxPerYear: programme.maxSubsidiesPerYear,
    maxPerYearStudent: programme.maxSubsidiesPerYearStudent,
    apprenticeship,
  }).filter((r) => !r.passed);
  const shortfall = apprenticeshipShortfall(c, apprenticeship, failed);
  if (shortfall) failed.push(shortfall);
  const onceOnly = await onceOnlyRatioFailure(tx, c);
  if (onceOnly) failed.push(onceOnly);
  if (failed.length)
    throw new AppError('CLAIM_LIMIT_EXCEEDED', failed.map((r) => r.reason).join('; '), 'decision', {
      reasons: reasonCodes(failed),
      rules: failed,
    });
}
