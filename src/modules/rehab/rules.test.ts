import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, businessDate, businessInstant } from '../../lib/time.js';
import {
  CONDITIONS,
  caseEligibility,
  checkEligibility,
  conditionForIcd10,
  decisionNumber,
  leaveEnd,
  placementBlockers,
  plannedLastDay,
  proposePlacement,
  REASON_CODES,
  REASON_TEXT,
  sniffType,
  statusAfterDecision,
  stayDays,
  workingDaysToDecision,
  type EligibilityFacts,
} from './rules.js';

const rec = (over: Partial<NonNullable<EligibilityFacts['recognition']>> = {}): NonNullable<EligibilityFacts['recognition']> => ({
  status: 'final',
  leaveStart: '2026-10-01',
  leaveEnd: '2026-12-31',
  extensions: [],
  conditionCode: 'fracture',
  ...over,
});
const codes = (f: EligibilityFacts) => checkEligibility(f).map((r) => r.code);

describe('the nine conditions', () => {
  it('are nine, each with Chinese, English and ICD-10 prefixes', () => {
    expect(CONDITIONS).toHaveLength(9);
    for (const c of CONDITIONS) expect(c.zh && c.en && c.icd10.length).toBeTruthy();
  });
  it.each([
    ['S82.1', 'fracture'],
    ['S06.5', 'brain_injury'],
    ['S14.1', 'spinal_cord_injury'],
    ['S14.3', 'peripheral_nerve'],
    ['T21.2', 'burn'],
    ['R40.2', 'vegetative_state'],
    ['J62.8', null],
    [null, null],
  ])('ICD-10 %s suggests %s', (icd, want) => expect(conditionForIcd10(icd)).toBe(want));
});

describe('eligibility (named reasons)', () => {
  it.each<[string, EligibilityFacts, string[]]>([
    ['eligible', { recognition: rec(), openCase: false, today: '2026-11-01' }, []],
    ['no recognition', { recognition: null, openCase: false, today: '2026-11-01' }, ['NO_RECOGNITION']],
    ['not final', { recognition: rec({ status: 'under_review' }), openCase: false, today: '2026-11-01' }, ['RECOGNITION_NOT_FINAL']],
    ['before the leave period', { recognition: rec(), openCase: false, today: '2026-09-30' }, ['OUTSIDE_LEAVE_PERIOD']],
    ['after the leave period', { recognition: rec(), openCase: false, today: '2027-01-01' }, ['OUTSIDE_LEAVE_PERIOD']],
    ['inside an extension', { recognition: rec({ extensions: [{ until: '2027-02-28', reason: 'x' }] }), openCase: false, today: '2027-01-01' }, []],
    ['condition outside the nine', { recognition: rec({ conditionCode: null }), openCase: false, today: '2026-11-01' }, ['CONDITION_NOT_LISTED']],
    ['condition applied for overrides', { recognition: rec({ conditionCode: null }), conditionCode: 'burn', openCase: false, today: '2026-11-01' }, []],
    ['open case', { recognition: rec(), openCase: true, today: '2026-11-01' }, ['OPEN_CASE_EXISTS']],
    [
      'all at once, in a stable order',
      { recognition: rec({ status: 'under_review', conditionCode: 'pneumoconiosis' }), openCase: true, today: '2027-03-01' },
      ['RECOGNITION_NOT_FINAL', 'OUTSIDE_LEAVE_PERIOD', 'CONDITION_NOT_LISTED', 'OPEN_CASE_EXISTS'],
    ],
  ])('%s', (_name, facts, want) => expect(codes(facts)).toEqual(want));

  it('names the dates of the leave period and has Chinese and English text for every code', () => {
    const [r] = checkEligibility({ recognition: rec({ extensions: [{ until: '2027-01-15', reason: 'x' }] }), openCase: false, today: '2027-02-01' });
    expect(r).toMatchObject({ code: 'OUTSIDE_LEAVE_PERIOD', params: { start: '2026-10-01', end: '2027-01-15', today: '2027-02-01' } });
    for (const c of REASON_CODES) expect(REASON_TEXT[c].zh.length * REASON_TEXT[c].en.length).toBeGreaterThan(0);
  });

  // Property: the leave period's boundaries are Shanghai calendar days — the first instant of the start day
  // and the last instant of the (extended) end day in Asia/Shanghai are inside; one millisecond outside either is not.
  it('property: the leave-period boundaries hold at the Shanghai day edges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 3 }),
        (startOffset, length, extDays) => {
          const leaveStart = addDays('2024-01-01', startOffset);
          const end = addDays(leaveStart, length);
          const extensions = extDays.map((d) => ({ until: addDays(end, d), reason: 'x' }));
          const last = leaveEnd({ end, extensions });
          const r = rec({ leaveStart, leaveEnd: end, extensions });
          const at = (instant: Date) => codes({ recognition: r, openCase: false, today: businessDate(instant) });
          const first = businessInstant(leaveStart, 0, 0, 0, 0);
          const lastMs = businessInstant(last, 23, 59, 59, 999);
          expect(at(first)).toEqual([]);
          expect(at(lastMs)).toEqual([]);
          expect(at(new Date(first.getTime() - 1))).toEqual(['OUTSIDE_LEAVE_PERIOD']);
          expect(at(new Date(lastMs.getTime() + 1))).toEqual(['OUTSIDE_LEAVE_PERIOD']);
          // 16:00 UTC on the last day is already the next Shanghai day.
          expect(at(new Date(`${last}T16:00:00Z`))).toEqual(['OUTSIDE_LEAVE_PERIOD']);
          expect(at(new Date(`${last}T15:59:59.999Z`))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: an extension never shortens the period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(fc.integer({ min: -100, max: 200 }), { maxLength: 4 }), (len, xs) => {
        const end = addDays('2026-01-01', len);
        expect(leaveEnd({ end, extensions: xs.map((d) => ({ until: addDays(end, d), reason: 'x' })) }) >= end).toBe(true);
      }),
    );
  });
});

describe('the proposed placement', () => {
  const opt = (hospitalId: string, takesCondition: boolean, freeBeds: number, distanceM: number | null) => ({
    hospitalId,
    takesCondition,
    freeBeds,
    distanceM,
  });
  it.each([
    ['first preference that fits', ['a', 'b'], [opt('a', true, 1, 9000), opt('b', true, 1, 10)], { hospitalId: 'a', basis: 'preference', preferenceRank: 1 }],
    [
      'skips a preference without the condition',
      ['a', 'b'],
      [opt('a', false, 5, 10), opt('b', true, 1, 900)],
      { hospitalId: 'b', basis: 'preference', preferenceRank: 2 },
    ],
    ['skips a full preference', ['a', 'b'], [opt('a', true, 0, 10), opt('b', true, 2, 900)], { hospitalId: 'b', basis: 'preference', preferenceRank: 2 }],
    [
      'else the nearest that fits',
      ['a'],
      [opt('a', true, 0, 10), opt('b', true, 1, 5000), opt('c', true, 1, 800), opt('d', false, 9, 1)],
      { hospitalId: 'c', basis: 'nearest', preferenceRank: null },
    ],
    ['none fits', ['a'], [opt('a', false, 1, 1), opt('b', true, 0, 1)], null],
  ])('%s', (_n, prefs, options, want) => expect(proposePlacement(prefs, options)).toEqual(want));

  it('property: a proposal always takes the condition and has a bed, and prefers the worker’s order', () => {
    const option = fc.record({
      takesCondition: fc.boolean(),
      freeBeds: fc.integer({ min: 0, max: 3 }),
      distanceM: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(option, { minLength: 1, maxLength: 7 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }), (opts, prefIdx) => {
        const options = opts.map((o, i) => ({ ...o, hospitalId: `h${i}` }));
        const prefs = [...new Set(prefIdx.filter((i) => i < options.length).map((i) => `h${i}`))];
        const p = proposePlacement(prefs, options);
        const fits = options.filter((o) => o.takesCondition && o.freeBeds > 0);
        if (!fits.length) {
          expect(p).toBeNull();
          return;
        }
        const chosen = options.find((o) => o.hospitalId === p!.hospitalId)!;
        expect(chosen.takesCondition && chosen.freeBeds > 0).toBe(true);
        const firstPref = prefs.find((id) => fits.some((f) => f.hospitalId === id));
        if (firstPref) expect(p).toMatchObject({ hospitalId: firstPref, basis: 'preference' });
        else expect(p!.basis).toBe('nearest');
      }),
    );
  });
});

describe('case and decisions', () => {
  it.each([
    ['submitted', 'place', 'placed'],
    ['submitted', 'request_material', 'material_requested'],
    ['submitted', 'refuse', 'refused'],
    ['placed', 'place', 'placed'],
    ['refused', 'place', 'placed'],
    ['material_requested', 'place', null],
    ['admitted', 'place', null],
    ['admitted', 'extend', 'admitted'],
    ['submitted', 'extend', null],
    ['withdrawn', 'refuse', null],
  ] as const)('%s + %s → %s', (from, outcome, to) => expect(statusAfterDecision(from, outcome)).toBe(to));

  it('numbers decisions per year, four digits', () => {
    expect(decisionNumber(2026, 7)).toBe('沪劳鉴康〔2026〕0007号');
    expect(decisionNumber(2027, 12345)).toBe('沪劳鉴康〔2027〕12345号');
  });

  it('takes the material wait out of the time to decision, never below zero', () => {
    const s = new Date('2026-11-01T00:00:00Z');
    expect(workingDaysToDecision(s, new Date('2026-11-11T00:00:00Z'), 3 * 86_400_000)).toBe(7);
    expect(workingDaysToDecision(s, new Date('2026-11-02T00:00:00Z'), 5 * 86_400_000)).toBe(0);
  });

  it('counts the admission day in the planned stay', () => expect(plannedLastDay('2026-11-01', 30)).toBe('2026-11-30'));
});

describe('the committee judges the application on the day it was submitted (便民问答: 认定工伤且在停工留薪期内，9个病种之一)', () => {
  // leave period 2026-10-01 … 2026-12-31 (rec())
  it.each([
    ['place, submitted inside the period', 'place', rec(), 'fracture', '2026-12-30', []],
    ['place, submitted on the last day of the period', 'place', rec(), 'fracture', '2026-12-31', []],
    ['place, submitted the day after the period (a late confirmation)', 'place', rec(), 'fracture', '2027-01-01', ['OUTSIDE_LEAVE_PERIOD']],
    ['place, submitted before the period began', 'place', rec(), 'fracture', '2026-09-30', ['OUTSIDE_LEAVE_PERIOD']],
    ['place, submitted inside an extension', 'place', rec({ extensions: [{ until: '2027-02-28', reason: '延长' }] }), 'fracture', '2027-02-01', []],
    ['place, the recognition reopened (复议) since', 'place', rec({ status: 'under_review' }), 'fracture', '2026-11-01', ['RECOGNITION_NOT_FINAL']],
    ['place, the condition outside the nine', 'place', rec(), 'whiplash', '2026-11-01', ['CONDITION_NOT_LISTED']],
    ['place, no recognition', 'place', null, 'fracture', '2026-11-01', ['NO_RECOGNITION']],
    ['refuse is never blocked', 'refuse', rec({ status: 'under_review' }), 'fracture', '2027-01-01', []],
    ['asking for material is never blocked', 'request_material', rec({ status: 'under_review' }), 'fracture', '2027-01-01', []],
    ['extending a stay is never blocked', 'extend', rec(), 'fracture', '2027-03-01', []],
  ] as const)('%s', (_, outcome, recognition, condition, submittedOn, expected) => {
    expect(placementBlockers(outcome, recognition, condition, submittedOn).map((r) => r.code)).toEqual(expected);
  });

  it('the case is not counted against itself (the one open case is this one)', () => {
    expect(caseEligibility(rec(), 'fracture', '2026-11-01')).toEqual([]);
  });
});

describe('days in hospital so far (the admission day counts)', () => {
  it.each([
    [null, null, '2026-11-10', null],
    ['2026-11-10', null, '2026-11-10', 1],
    ['2026-11-01', null, '2026-11-10', 10],
    ['2026-11-01', '2026-11-05', '2026-12-31', 5],
    ['2026-12-30', null, '2027-01-02', 4],
  ] as const)('admitted %s, discharged %s, today %s → %s', (admitted, discharged, today, n) => expect(stayDays(admitted, discharged, today)).toBe(n));
});

describe('attachments by content', () => {
  it.each([
    ['%PDF-1.7', 'application/pdf'],
    ['\xff\xd8\xff\xe0JFIF', 'image/jpeg'],
    ['\x89PNG\r\n\x1a\n....', 'image/png'],
    ['GIF89a', null],
    ['MZ\x90\x00', null],
    ['', null],
  ])('%j → %s', (head, want) => expect(sniffType(Buffer.from(head, 'latin1'))).toBe(want));
});
