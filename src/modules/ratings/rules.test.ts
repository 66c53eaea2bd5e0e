/** 好差评 pure rules (issue 20 §3): who may rate when, and the counts — table-driven. */
import { describe, expect, it } from 'vitest';
import { countsByKind, decideServiceRating, type Served } from './rules.js';

const ME = 'p-1';
const served = (patch: Partial<Served> = {}): Served => ({ personId: ME, finished: true, districtCode: '310115', label: 'SC1', ...patch });

describe('decideServiceRating', () => {
  it.each([
    ['the person served, finished, not rated yet', served(), false, null],
    ['no such service', null, false, 'NOT_FOUND'],
    ['another person’s service (answers as absent)', served({ personId: 'p-2' }), false, 'NOT_FOUND'],
    ['another person’s unfinished service (still absent, not "not finished")', served({ personId: 'p-2', finished: false }), false, 'NOT_FOUND'],
    ['not finished yet', served({ finished: false }), false, 'SERVICE_NOT_FINISHED'],
    ['rated before', served(), true, 'SERVICE_ALREADY_RATED'],
    ['not finished and rated before cannot happen, but "not finished" is named first', served({ finished: false }), true, 'SERVICE_NOT_FINISHED'],
  ] as const)('%s', (_name, s, alreadyRated, want) => {
    expect(decideServiceRating({ served: s, personId: ME, alreadyRated })).toBe(want);
  });
});

describe('countsByKind', () => {
  it('every kind, in order, with stars, mean, good and bad shares', () => {
    const c = countsByKind([
      { kind: 'claim', stars: 5, n: 3 },
      { kind: 'claim', stars: 4, n: 1 },
      { kind: 'claim', stars: 1, n: 2 },
      { kind: 'rehab_case', stars: 3, n: 1 },
      { kind: 'unknown', stars: 5, n: 9 },
    ]);
    expect(c).toEqual([
      { kind: 'claim', ratings: 6, stars: [2, 0, 0, 1, 3], average: 3.5, goodPct: 66.7, badPct: 33.3 },
      { kind: 'rehab_case', ratings: 1, stars: [0, 0, 1, 0, 0], average: 3, goodPct: 0, badPct: 0 },
      { kind: 'appeal', ratings: 0, stars: [0, 0, 0, 0, 0], average: null, goodPct: null, badPct: null },
    ]);
  });
  it('no ratings at all: zeros and nulls', () => {
    expect(countsByKind([]).every((k) => k.ratings === 0 && k.average === null)).toBe(true);
  });
});
