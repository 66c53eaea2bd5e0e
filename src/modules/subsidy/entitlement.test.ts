/**
 * Issue 20 §4 — the pre-check and the claim never disagree on the same facts. For generated facts (person
 * category → ratio, a once-only ratio used before or not, the history of past subsidies this year and before,
 * level, standard, uplift, ratio, fee, the programme's limits, the apprenticeship cap, the skill-upgrade
 * subsidy's own rules), the pre-check's answer (eligible or not, amount) equals what the claim computation decides
 * when the training goes well, and its reasons are exactly the claim's failed rules that do not depend on the
 * training. Plus table-driven cases with Shanghai's figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimDecision, DECIDED_LATER, OUTCOME_MET, precheckDecision, type EntitlementFacts, type OutcomeFacts } from './entitlement.js';
import { failedRules, type RuleResult } from './rules.js';

const OCCS = ['4-10-01-05', '4-10-01-03', '6-28-01-01'];
const YEAR = 2026;

const priorArb = fc.record({ occupationCode: fc.constantFrom(...OCCS), level: fc.integer({ min: 0, max: 5 }), year: fc.constantFrom(YEAR - 1, YEAR) });

const skillRule = (rule: 'UI_CONTRIBUTION_TOO_SHORT' | 'SSC_FINANCIAL_INACTIVE' | 'CERTIFICATE_TOO_OLD', passed: boolean): RuleResult => ({
  rule,
  passed,
  reason: passed ? 'met' : 'not met',
});

/** Facts of the person, the programme and the course, as the claim's loaders give them. */
const factsArb: fc.Arbitrary<EntitlementFacts> = fc
  .record({
    voucherKind: fc.constantFrom('subsidy' as const, 'subsidy' as const, 'checkin_only' as const),
    standardFen: fc.oneof(fc.constant(0), fc.integer({ min: 50_000, max: 400_000 })),
    upliftPct: fc.constantFrom(0, 0, 30),
    ratioPct: fc.constantFrom(0, 80, 100),
    ratioCategory: fc.constantFrom(null, 'registered_unemployed', 'secondary_vocational_graduating', 'employed'),
    onceCondition: fc.constantFrom(null, 'once', 'level<=4'),
    usedOnClaim: fc.option(fc.constant('SC2026010100000001'), { nil: null }),
    otherRatio: fc.record({ ratioPct: fc.constantFrom(0, 80, 100), category: fc.constantFrom(null, 'employed') }),
    feeFen: fc.option(fc.integer({ min: 0, max: 600_000 }), { nil: null }),
    occupationCode: fc.constantFrom(...OCCS),
    level: fc.integer({ min: 0, max: 5 }),
    prior: fc.array(priorArb, { maxLength: 4 }),
    isStudent: fc.boolean(),
    maxPerYear: fc.integer({ min: 1, max: 3 }),
    maxPerYearStudent: fc.integer({ min: 1, max: 2 }),
    attendanceThresholdPct: fc.constantFrom(60, 80, 90),
    apprenticeship: fc.option(fc.record({ capYears: fc.integer({ min: 1, max: 3 }), priorMonths: fc.integer({ min: 0, max: 40 }) }), { nil: null }),
    ui: fc.option(fc.boolean(), { nil: null }),
    ssc: fc.boolean(),
  })
  .map((g) => ({
    voucherKind: g.voucherKind,
    rates: { standardFen: g.standardFen, upliftPct: g.upliftPct, ratioPct: g.ratioPct, ratioCategory: g.ratioCategory },
    once: { condition: g.onceCondition, usedOnClaim: g.usedOnClaim, other: g.otherRatio },
    feeFen: g.feeFen,
    occupationCode: g.occupationCode,
    level: g.level,
    year: YEAR,
    prior: g.prior,
    isStudent: g.isStudent,
    maxPerYear: g.maxPerYear,
    maxPerYearStudent: g.maxPerYearStudent,
    attendanceThresholdPct: g.attendanceThresholdPct,
    apprenticeship: g.apprenticeship ? { ...g.apprenticeship, periodMonths: 12 } : null,
    // the skill-upgrade subsidy's own rules: unemployment insurance and the card are the person's; the certificate's age is the claim's
    programmeRules:
      g.ui === null ? [] : [skillRule('CERTIFICATE_TOO_OLD', true), skillRule('UI_CONTRIBUTION_TOO_SHORT', g.ui), skillRule('SSC_FINANCIAL_INACTIVE', g.ssc)],
  }));

/** What happens later: admission, attendance, the assessment, the payee's account, the budget, the certificate. */
const outcomeArb: fc.Arbitrary<OutcomeFacts> = fc.record({
  admissionOnTime: fc.constantFrom(true, false, null),
  attendancePct: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  passed: fc.boolean(),
  certificateNumber: fc.option(fc.constant('CERT-1'), { nil: null }),
  payeeAccountKnown: fc.boolean(),
  budgetAvailableFen: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  levelChange: fc.constantFrom(null, { classLevel: 3, reason: '考生报考四级' }),
  nationalLookup: fc.constantFrom(null, { confirmed: true as const }, { confirmed: false as const, reason: 'not_found' as const }),
});

/** The claim's failed rules the pre-check decides too (everything but the training, payee, budget and certificate). */
const ownFailures = (rules: readonly RuleResult[]): string[] =>
  failedRules(rules)
    .filter((r) => !DECIDED_LATER.has(r.rule))
    .map((r) => r.code ?? r.rule);

describe('the pre-check equals the claim (property, fast-check)', () => {
  it('when the training goes well, the claim is approved exactly when the pre-check says eligible, with the same amount', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const pre = precheckDecision(f);
        // the claim made after an on-time admission, full attendance, a pass with a certificate, a budget and an account
        const claim = claimDecision(f, { ...OUTCOME_MET(f), attendancePct: 100, certificateNumber: 'CERT-2026-0001', budgetAvailableFen: 10_000_000 });
        expect(pre.eligible).toBe(failedRules(claim.rules).length === 0);
        expect(pre.amountFen).toBe(claim.amountFen);
        expect(pre.selfPaidFen).toBe(f.feeFen === null ? null : Math.max(0, f.feeFen - claim.amountFen));
      }),
      { numRuns: 2000 },
    );
  });

  it('whatever happens later, the amount is the claim’s and the reasons are the claim’s failures that do not depend on the training', () => {
    fc.assert(
      fc.property(factsArb, outcomeArb, (f, o) => {
        const pre = precheckDecision(f);
        const claim = claimDecision(f, o);
        expect(pre.amountFen).toBe(claim.amountFen);
        expect(pre.failed.map((r) => r.code ?? r.rule)).toEqual(ownFailures(claim.rules));
        // a pre-check refusal is a claim that cannot be approved automatically
        if (!pre.eligible) expect(failedRules(claim.rules).length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('the subsidies left this year never go below 0 and count the claims of that year only', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const { year } = precheckDecision(f);
        const used = f.prior.filter((p) => p.year === f.year).length;
        expect(year.used).toBe(used);
        expect(year.remaining).toBe(Math.max(0, year.max - used));
        expect(year.max).toBe(f.isStudent ? f.maxPerYearStudent : f.maxPerYear);
      }),
    );
  });
});

const base: EntitlementFacts = {
  voucherKind: 'subsidy',
  rates: { standardFen: 200_000, upliftPct: 0, ratioPct: 100, ratioCategory: 'registered_unemployed' },
  once: { condition: null, usedOnClaim: null, other: { ratioPct: 0, category: null } },
  feeFen: 180_000,
  occupationCode: '4-10-01-05',
  level: 4,
  year: YEAR,
  prior: [],
  isStudent: false,
  maxPerYear: 2,
  maxPerYearStudent: 1,
  attendanceThresholdPct: 80,
  apprenticeship: null,
  programmeRules: [],
};

describe('the pre-check with Shanghai’s figures (table)', () => {
  it.each([
    [
      'unemployed, level 4 ¥2,000 × 100 %, fee ¥1,800: the fee caps it, nothing to pay',
      base,
      { eligible: true, amountFen: 180_000, selfPaidFen: 0, reasons: [] },
    ],
    [
      'employed 80 %, fee ¥3,000: ¥1,600 subsidy, ¥1,400 paid',
      { ...base, rates: { ...base.rates, ratioPct: 80, ratioCategory: 'employed' }, feeFen: 300_000 },
      { eligible: true, amountFen: 160_000, selfPaidFen: 140_000, reasons: [] },
    ],
    [
      'a shortage occupation (+30 %) at 80 %: ¥2,080',
      { ...base, rates: { ...base.rates, upliftPct: 30, ratioPct: 80 }, feeFen: 300_000 },
      { eligible: true, amountFen: 208_000, selfPaidFen: 92_000, reasons: [] },
    ],
    [
      'no course chosen: the subsidy is not capped, the self-paid part unknown',
      { ...base, feeFen: null },
      { eligible: true, amountFen: 200_000, selfPaidFen: null, reasons: [] },
    ],
    [
      'two subsidies already this year',
      {
        ...base,
        prior: [
          { occupationCode: '6-28-01-01', level: 5, year: YEAR },
          { occupationCode: '4-10-01-03', level: 4, year: YEAR },
        ],
      },
      { eligible: false, amountFen: 180_000, selfPaidFen: 0, reasons: ['MAX_SUBSIDIES_PER_YEAR'] },
    ],
    [
      'the same occupation and level before, and a higher level',
      {
        ...base,
        prior: [
          { occupationCode: '4-10-01-05', level: 4, year: YEAR - 1 },
          { occupationCode: '4-10-01-05', level: 3, year: YEAR - 1 },
        ],
      },
      { eligible: false, amountFen: 180_000, selfPaidFen: 0, reasons: ['SAME_OCCUPATION_LEVEL_ONCE', 'NO_LOWER_LEVEL_AFTER_HIGHER'] },
    ],
    [
      'no ratio for the person’s categories',
      { ...base, rates: { ...base.rates, ratioPct: 0, ratioCategory: null } },
      { eligible: false, amountFen: 0, selfPaidFen: 180_000, reasons: ['AMOUNT_POSITIVE'] },
    ],
    [
      'the once-only ratio used before, no other category: nothing',
      {
        ...base,
        rates: { ...base.rates, ratioPct: 80, ratioCategory: 'secondary_vocational_graduating' },
        once: { condition: 'once', usedOnClaim: 'SC1', other: { ratioPct: 0, category: null } },
      },
      { eligible: false, amountFen: 0, selfPaidFen: 180_000, reasons: ['AMOUNT_POSITIVE'] },
    ],
    [
      'a student’s one subsidy this year is used',
      { ...base, isStudent: true, prior: [{ occupationCode: '6-28-01-01', level: 5, year: YEAR }] },
      { eligible: false, amountFen: 180_000, selfPaidFen: 0, reasons: ['MAX_SUBSIDIES_PER_YEAR'] },
    ],
  ] as const)('%s', (_name, f, want) => {
    const d = precheckDecision(f);
    expect({ eligible: d.eligible, amountFen: d.amountFen, selfPaidFen: d.selfPaidFen, reasons: d.failed.map((r) => r.rule) }).toEqual(want);
  });

  it('a once-only ratio used before: the other category’s ratio applies, with the note', () => {
    const d = precheckDecision({
      ...base,
      rates: { ...base.rates, ratioPct: 80, ratioCategory: 'secondary_vocational_graduating' },
      once: { condition: 'once', usedOnClaim: 'SC1', other: { ratioPct: 100, category: 'registered_unemployed' } },
      feeFen: 300_000,
    });
    expect(d).toMatchObject({ eligible: true, amountFen: 200_000, rates: { ratioPct: 100, ratioCategory: 'registered_unemployed' } });
    expect(d.notes.map((n) => n.code)).toEqual(['ONCE_ONLY_RATIO_USED']);
  });
});
