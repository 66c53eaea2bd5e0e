/** The evaluation rules, table-driven, with property tests of the running sums and the coverage. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coverageOf,
  decideRating,
  editableUntil,
  isLowScore,
  RATING_DIMENSIONS,
  scoreOf,
  totalsDelta,
  type RatingFacts,
  type Scores,
  type Totals,
} from './rules.js';

const NOW = new Date('2026-12-06T02:00:00Z');
const base: RatingFacts = { classState: 'ended', admitted: true, meetsThreshold: true, editableUntil: null, now: NOW };

describe('decideRating', () => {
  it.each([
    ['a completer of an ended class, first rating', {}, null],
    ['not admitted (never, withdrawn or cancelled)', { admitted: false }, 'RATING_NOT_A_TRAINEE'],
    ['not admitted and the class still open: not a trainee first', { admitted: false, classState: 'open' }, 'RATING_NOT_A_TRAINEE'],
    ['the class is still under way', { classState: 'open' }, 'RATING_CLASS_NOT_ENDED'],
    ['the class was cancelled', { classState: 'cancelled' }, 'RATING_CLASS_NOT_ENDED'],
    ['the class is reported, not started', { classState: 'reported' }, 'RATING_CLASS_NOT_ENDED'],
    ['attendance below the threshold', { meetsThreshold: false }, 'RATING_ATTENDANCE_BELOW_THRESHOLD'],
    ['a change within the window', { editableUntil: new Date(NOW.getTime() + 1) }, null],
    ['a change at the last instant', { editableUntil: NOW }, null],
    ['a change one millisecond late', { editableUntil: new Date(NOW.getTime() - 1) }, 'RATING_CHANGE_WINDOW_CLOSED'],
  ] as const)('%s', (_name, over, expected) => {
    expect(decideRating({ ...base, ...over })).toBe(expected);
  });

  it('a rating can be changed for exactly 30 days', () => {
    const at = new Date('2026-01-31T16:30:00Z');
    expect(editableUntil(at).toISOString()).toBe('2026-03-02T16:30:00.000Z');
  });
});

describe('scores', () => {
  it.each([
    ['no rating', { ratings: 0, sums: { teaching: 0, practical: 0, venue: 0, organisation: 0 } }, null, [null, null, null, null]],
    ['one rating 5/4/3/2', { ratings: 1, sums: { teaching: 5, practical: 4, venue: 3, organisation: 2 } }, 3.5, [5, 4, 3, 2]],
    ['three ratings, rounding half up', { ratings: 3, sums: { teaching: 14, practical: 13, venue: 11, organisation: 12 } }, 4.2, [4.7, 4.3, 3.7, 4]],
  ] as const)('%s', (_n, totals, overall, dims) => {
    const s = scoreOf(totals as Totals);
    expect(s.overall).toBe(overall);
    expect(RATING_DIMENSIONS.map((d) => s.dimensions[d])).toEqual(dims);
  });

  it('low: below 3.0 with at least 3 ratings', () => {
    const t = (n: number, each: number): Totals => ({ ratings: n, sums: { teaching: n * each, practical: n * each, venue: n * each, organisation: n * each } });
    expect(isLowScore(scoreOf(t(3, 2)))).toBe(true);
    expect(isLowScore(scoreOf(t(2, 1)))).toBe(false);
    expect(isLowScore(scoreOf(t(5, 3)))).toBe(false);
  });

  const star = fc.integer({ min: 1, max: 5 });
  const scores = fc.record({ teaching: star, practical: star, venue: star, organisation: star }) as fc.Arbitrary<Scores>;

  it('property: running sums built from gives and changes equal the sums of the final ratings', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), scores), { maxLength: 60 }), (ops) => {
        const current = new Map<number, Scores>();
        const running: Totals = { ratings: 0, sums: { teaching: 0, practical: 0, venue: 0, organisation: 0 } };
        for (const [who, s] of ops) {
          const d = totalsDelta(current.get(who) ?? null, s);
          running.ratings += d.ratings;
          for (const k of RATING_DIMENSIONS) running.sums[k] += d.sums[k];
          current.set(who, s);
        }
        expect(running.ratings).toBe(current.size);
        for (const k of RATING_DIMENSIONS) expect(running.sums[k]).toBe([...current.values()].reduce((a, s) => a + s[k], 0));
        const sc = scoreOf(running);
        if (current.size > 0) {
          expect(sc.overall).toBeGreaterThanOrEqual(1);
          expect(sc.overall).toBeLessThanOrEqual(5);
        }
      }),
    );
  });
});

describe('coverage', () => {
  it.each([
    [0, 0, null, false],
    [10, 8, 80, true],
    [10, 7, 70, false],
    [3, 2, 66.7, false],
    [5, 5, 100, true],
  ] as const)('%i completers, %i rated → %s %%', (c, r, pct, meets) => {
    expect(coverageOf(c, r)).toEqual({ completers: c, rated: r, ratePct: pct, meetsTarget: meets });
  });

  it('property: the rate stays within 0..100 and meets the target exactly at 80 %', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (c, r) => {
        const v = coverageOf(c, r);
        if (c === 0) {
          expect(v.ratePct).toBeNull();
          expect(v.meetsTarget).toBe(false);
        } else {
          expect(v.ratePct!).toBeGreaterThanOrEqual(0);
          expect(v.ratePct!).toBeLessThanOrEqual(100);
          expect(v.meetsTarget).toBe(Math.min(r, c) * 100 >= 80 * c);
        }
      }),
    );
  });

  it('refuses counts that are not whole', () => {
    expect(() => coverageOf(1.5, 1)).toThrow(RangeError);
    expect(() => coverageOf(-1, 0)).toThrow(RangeError);
  });
});
