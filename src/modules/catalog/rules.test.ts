import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applySubsidyFormula, bestRatio, ratioConditionHolds } from './rules.js';

describe('applySubsidyFormula', () => {
  it.each([
    // standard, uplift, ratio, fee → amount
    { standardFen: 150000, upliftPct: 0, ratioPct: 100, feeFen: 999999, want: 150000 },
    { standardFen: 150000, upliftPct: 0, ratioPct: 80, feeFen: 999999, want: 120000 },
    { standardFen: 150000, upliftPct: 30, ratioPct: 100, feeFen: 999999, want: 195000 },
    { standardFen: 350000, upliftPct: 30, ratioPct: 80, feeFen: 999999, want: 364000 },
    { standardFen: 100000, upliftPct: 0, ratioPct: 80, feeFen: 50000, want: 50000 }, // capped at the fee
    { standardFen: 200000, upliftPct: 30, ratioPct: 0, feeFen: 300000, want: 0 },
    { standardFen: 0, upliftPct: 30, ratioPct: 100, feeFen: 300000, want: 0 },
    { standardFen: 12345, upliftPct: 0, ratioPct: 80, feeFen: 999999, want: 9876 }, // 9876.0 exactly
    { standardFen: 1, upliftPct: 0, ratioPct: 50, feeFen: 10, want: 1 }, // 0.5 rounds half up
    { standardFen: 1, upliftPct: 0, ratioPct: 49, feeFen: 10, want: 0 }, // 0.49 rounds down
    { standardFen: 3, upliftPct: 30, ratioPct: 50, feeFen: 10, want: 2 }, // 1.95 → 2
    { standardFen: 5, upliftPct: 30, ratioPct: 100, feeFen: 10, want: 7 }, // 6.5 → 7 (half up, not even)
    { standardFen: 15, upliftPct: 10, ratioPct: 100, feeFen: 100, want: 17 }, // 16.5 → 17; float 15*1.1 = 16.500000000000004
    { standardFen: 199999, upliftPct: 30, ratioPct: 80, feeFen: 10 ** 9, want: 207999 }, // 207998.96
    { standardFen: 150000, upliftPct: 0, ratioPct: 100, feeFen: 0, want: 0 },
  ])('$standardFen × (100+$upliftPct)% × $ratioPct%, fee $feeFen → $want', ({ want, ...input }) => {
    expect(applySubsidyFormula(input)).toBe(want);
  });

  it.each([
    { standardFen: -1, upliftPct: 0, ratioPct: 80, feeFen: 1 },
    { standardFen: 1.5, upliftPct: 0, ratioPct: 80, feeFen: 1 },
    { standardFen: 1, upliftPct: 0, ratioPct: 101, feeFen: 1 },
    { standardFen: 1, upliftPct: -1, ratioPct: 80, feeFen: 1 },
    { standardFen: 1, upliftPct: 0, ratioPct: 80, feeFen: -5 },
  ])('refuses out-of-range input %o', (input) => {
    expect(() => applySubsidyFormula(input)).toThrow(RangeError);
  });

  const arb = fc.record({
    standardFen: fc.integer({ min: 0, max: 100_000_000 }),
    upliftPct: fc.integer({ min: 0, max: 100 }),
    ratioPct: fc.integer({ min: 0, max: 100 }),
    feeFen: fc.integer({ min: 0, max: 200_000_000 }),
  });

  it('never exceeds the fee and is never negative', () => {
    fc.assert(
      fc.property(arb, (i) => {
        const a = applySubsidyFormula(i);
        return Number.isSafeInteger(a) && a >= 0 && a <= i.feeFen;
      }),
    );
  });

  it('is monotone in the ratio', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 100 }), (i, other) => {
        const lo = Math.min(i.ratioPct, other);
        const hi = Math.max(i.ratioPct, other);
        return applySubsidyFormula({ ...i, ratioPct: lo }) <= applySubsidyFormula({ ...i, ratioPct: hi });
      }),
    );
  });

  it('equals the exactly rounded rational when below the fee', () => {
    fc.assert(
      fc.property(arb, (i) => {
        const num = BigInt(i.standardFen) * BigInt(100 + i.upliftPct) * BigInt(i.ratioPct);
        const floor = num / 10_000n;
        const rem = num % 10_000n;
        const exact = Number(rem * 2n >= 10_000n ? floor + 1n : floor);
        return applySubsidyFormula({ ...i, feeFen: Number.MAX_SAFE_INTEGER }) === exact;
      }),
    );
  });
});

describe('ratio conditions', () => {
  it.each([
    [null, 5, true],
    ['once', 0, true],
    ['level<=4', 4, true],
    ['level<=4', 1, true],
    ['level<=4', 5, false], // 初级 is below 中级
    ['level<=4', 0, false], // no-level certificate is not 中级 or above
    ['bogus', 3, false],
  ] as const)('%s at level %i → %s', (cond, level, want) => {
    expect(ratioConditionHolds(cond, level)).toBe(want);
  });

  const options = [
    { category: 'registered_unemployed', ratioPct: 100, condition: null },
    { category: 'employed', ratioPct: 80, condition: null },
    { category: 'college_graduating', ratioPct: 80, condition: 'level<=4' },
  ];

  it.each([
    {
      cats: ['employed', 'registered_unemployed'],
      accepted: ['employed', 'registered_unemployed'],
      level: 5,
      want: { category: 'registered_unemployed', ratioPct: 100 },
    },
    { cats: ['employed', 'registered_unemployed'], accepted: ['employed'], level: 5, want: { category: 'employed', ratioPct: 80 } },
    { cats: ['college_graduating'], accepted: ['college_graduating'], level: 5, want: { category: null, ratioPct: 0 } },
    { cats: ['college_graduating'], accepted: ['college_graduating'], level: 3, want: { category: 'college_graduating', ratioPct: 80 } },
    { cats: [], accepted: ['employed'], level: 3, want: { category: null, ratioPct: 0 } },
    { cats: ['unknown_category'], accepted: ['unknown_category'], level: 3, want: { category: null, ratioPct: 0 } },
  ])('bestRatio $cats accepted $accepted level $level', ({ cats, accepted, level, want }) => {
    expect(bestRatio(options, cats, accepted, level)).toEqual(want);
  });
});
