import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  apprenticeshipCoverage,
  apprenticeshipMonths,
  canMoveClaim,
  checkEligibility,
  checkLimits,
  claimAmount,
  failedRules,
  groupByPayee,
  noticeEnded,
  noticePeriod,
  reasonCodes,
  resolvePayee,
  shanghaiDate,
  type EligibilityFacts,
  type PayeeCandidate,
} from './rules.js';
import { calendarTodo, parseCalendarCsv } from './rules.js';
import { readFileSync } from 'node:fs';

const base: EligibilityFacts = {
  voucherKind: 'subsidy',
  admissionOnTime: true,
  attendancePct: 90,
  attendanceThresholdPct: 80,
  passed: true,
  certificateNumber: 'C-2026-0001',
  occupationCode: '4-10-01-05',
  level: 4,
  year: 2026,
  prior: [],
  isStudent: false,
  maxPerYear: 2,
  maxPerYearStudent: 1,
  amountFen: 200000,
  payeeAccountKnown: true,
  budgetAvailableFen: 1_000_000,
};

describe('eligibility', () => {
  it('all checks pass for a clean case', () => {
    const rs = checkEligibility(base);
    expect(rs).toHaveLength(13);
    expect(rs.find((r) => r.rule === 'APPRENTICESHIP_PERIOD_CAP')).toEqual({
      rule: 'APPRENTICESHIP_PERIOD_CAP',
      passed: true,
      reason: 'not an apprenticeship programme',
    });
    expect(failedRules(rs)).toEqual([]);
  });

  it.each<[string, Partial<EligibilityFacts>, string[]]>([
    ['check-in-only voucher', { voucherKind: 'checkin_only' }, ['VOUCHER_SUBSIDY_KIND']],
    ['late admission', { admissionOnTime: false }, ['ADMISSION_ON_TIME']],
    ['admission unknown', { admissionOnTime: null }, ['ADMISSION_ON_TIME']],
    ['attendance below threshold', { attendancePct: 79 }, ['ATTENDANCE_THRESHOLD']],
    ['attendance exactly at threshold', { attendancePct: 80 }, []],
    ['attendance unknown', { attendancePct: null }, ['ATTENDANCE_THRESHOLD']],
    ['failed assessment', { passed: false }, ['ASSESSMENT_PASSED_WITH_CERTIFICATE']],
    ['no certificate', { certificateNumber: null }, ['ASSESSMENT_PASSED_WITH_CERTIFICATE']],
    ['same occupation and level before', { prior: [{ occupationCode: '4-10-01-05', level: 4, year: 2025 }] }, ['SAME_OCCUPATION_LEVEL_ONCE']],
    ['same level, other occupation', { prior: [{ occupationCode: '6-01-01-01', level: 4, year: 2025 }] }, []],
    ['lower level after a higher one', { prior: [{ occupationCode: '4-10-01-05', level: 3, year: 2025 }] }, ['NO_LOWER_LEVEL_AFTER_HIGHER']],
    ['higher level after a lower one', { prior: [{ occupationCode: '4-10-01-05', level: 5, year: 2025 }] }, []],
    ['no-level certificate after a levelled one', { level: 0, prior: [{ occupationCode: '4-10-01-05', level: 3, year: 2025 }] }, []],
    [
      'third subsidy in a year',
      {
        prior: [
          { occupationCode: 'a', level: 5, year: 2026 },
          { occupationCode: 'b', level: 5, year: 2026 },
        ],
      },
      ['MAX_SUBSIDIES_PER_YEAR'],
    ],
    ['second subsidy in a year (allowed)', { prior: [{ occupationCode: 'a', level: 5, year: 2026 }] }, []],
    ['student: second in a year', { isStudent: true, prior: [{ occupationCode: 'a', level: 5, year: 2026 }] }, ['MAX_SUBSIDIES_PER_YEAR']],
    [
      'prior year does not count',
      {
        prior: [
          { occupationCode: 'a', level: 5, year: 2025 },
          { occupationCode: 'b', level: 5, year: 2025 },
        ],
      },
      [],
    ],
    ['zero amount', { amountFen: 0 }, ['AMOUNT_POSITIVE']],
    ['no payee account', { payeeAccountKnown: false }, ['PAYEE_ACCOUNT_KNOWN']],
    ['budget exhausted', { budgetAvailableFen: 199_999 }, ['BUDGET_COVERS']],
    ['budget exactly enough', { budgetAvailableFen: 200_000 }, []],
    ['no budget', { budgetAvailableFen: null }, ['BUDGET_COVERS']],
    ['apprenticeship, first year', { apprenticeship: { capYears: 2, periodMonths: 12, priorMonths: 0 } }, []],
    ['apprenticeship, exactly the 2 years', { apprenticeship: { capYears: 2, periodMonths: 24, priorMonths: 0 } }, []],
    ['apprenticeship, second year after the first', { apprenticeship: { capYears: 2, periodMonths: 12, priorMonths: 12 } }, []],
    ['apprenticeship, period longer than the cap (capped, passes)', { apprenticeship: { capYears: 2, periodMonths: 30, priorMonths: 0 } }, []],
    ['apprenticeship, 2 years already claimed', { apprenticeship: { capYears: 2, periodMonths: 6, priorMonths: 24 } }, ['APPRENTICESHIP_PERIOD_CAP']],
    ['apprenticeship, more than the cap already claimed', { apprenticeship: { capYears: 2, periodMonths: 1, priorMonths: 30 } }, ['APPRENTICESHIP_PERIOD_CAP']],
    ['apprenticeship, period unknown', { apprenticeship: { capYears: 2, periodMonths: null, priorMonths: 0 } }, ['APPRENTICESHIP_PERIOD_CAP']],
    ['apprenticeship, programme cap of 1 year used', { apprenticeship: { capYears: 1, periodMonths: 12, priorMonths: 12 } }, ['APPRENTICESHIP_PERIOD_CAP']],
  ])('%s', (_name, patch, expected) => {
    const failed = failedRules(checkEligibility({ ...base, ...patch }));
    expect(failed.map((f) => f.rule)).toEqual(expected);
    for (const f of failed) expect(f.reason.length).toBeGreaterThan(5);
  });
});

describe('reason codes (stable, on the claim)', () => {
  it.each<[string, Partial<EligibilityFacts>, string[]]>([
    ['clean', {}, []],
    ['no budget for the year, district and programme', { budgetAvailableFen: null }, ['NO_BUDGET']],
    ['budget exhausted', { budgetAvailableFen: 1 }, ['BUDGET_EXHAUSTED']],
    ['level differs from the class', { levelChange: { classLevel: 3, reason: '考生申报四级' } }, ['LEVEL_DIFFERS_FROM_CLASS']],
    [
      'once-only ratio used before (a note, not a failure)',
      { onceOnlyRatio: { category: 'secondary_vocational_graduating', usedOnClaim: 'SC1', ratioPct: 80, appliedCategory: 'employed' } },
      ['ONCE_ONLY_RATIO_USED'],
    ],
    [
      'once-only ratio used, nothing else applies: amount zero',
      { amountFen: 0, onceOnlyRatio: { category: 'secondary_vocational_graduating', usedOnClaim: 'SC1', ratioPct: 0, appliedCategory: null } },
      ['AMOUNT_POSITIVE', 'ONCE_ONLY_RATIO_USED'],
    ],
    ['a failed rule without a specific code is named by the rule', { attendancePct: 10, budgetAvailableFen: null }, ['ATTENDANCE_THRESHOLD', 'NO_BUDGET']],
  ])('%s', (_name, patch, codes) => {
    const rs = checkEligibility({ ...base, ...patch });
    expect(reasonCodes(rs)).toEqual(codes);
    for (const r of rs.filter((x) => !x.passed || x.code)) expect(r.reason.length).toBeGreaterThan(5);
  });

  it('the level change names the class level and the assessor’s reason', () => {
    const r = checkEligibility({ ...base, levelChange: { classLevel: 3, reason: '考生申报四级' } }).find((x) => x.rule === 'ASSESSED_LEVEL_MATCHES_CLASS')!;
    expect(r).toMatchObject({ passed: false, code: 'LEVEL_DIFFERS_FROM_CLASS' });
    expect(r.reason).toContain('level 3');
    expect(r.reason).toContain('考生申报四级');
  });
});

describe('limits (checked at creation and again at approval)', () => {
  const limitsOf = (prior: EligibilityFacts['prior'], patch: Partial<EligibilityFacts> = {}) =>
    checkLimits({ ...base, prior, ...patch })
      .filter((r) => !r.passed)
      .map((r) => r.rule);
  it.each<[string, EligibilityFacts['prior'], Partial<EligibilityFacts>, string[]]>([
    ['no history', [], {}, []],
    ['same occupation and level', [{ occupationCode: '4-10-01-05', level: 4, year: 2024 }], {}, ['SAME_OCCUPATION_LEVEL_ONCE']],
    ['same occupation, no-level certificate twice', [{ occupationCode: '4-10-01-05', level: 0, year: 2024 }], { level: 0 }, ['SAME_OCCUPATION_LEVEL_ONCE']],
    ['lower after higher', [{ occupationCode: '4-10-01-05', level: 2, year: 2024 }], {}, ['NO_LOWER_LEVEL_AFTER_HIGHER']],
    [
      'same level, this year, twice before',
      [
        { occupationCode: '4-10-01-05', level: 4, year: 2026 },
        { occupationCode: 'x', level: 5, year: 2026 },
      ],
      {},
      ['SAME_OCCUPATION_LEVEL_ONCE', 'MAX_SUBSIDIES_PER_YEAR'],
    ],
    ['student, one this year', [{ occupationCode: 'x', level: 5, year: 2026 }], { isStudent: true }, ['MAX_SUBSIDIES_PER_YEAR']],
    ['apprenticeship cap used', [], { apprenticeship: { capYears: 2, periodMonths: 12, priorMonths: 24 } }, ['APPRENTICESHIP_PERIOD_CAP']],
  ])('%s', (_name, prior, patch, rules) => {
    expect(limitsOf(prior, patch)).toEqual(rules);
  });
});

describe('apprenticeship (企业新型学徒制): per year, at most 2 years', () => {
  it.each<[string, string, number | null]>([
    ['2026-01-01', '2026-12-31', 12],
    ['2026-01-10', '2027-01-09', 12],
    ['2026-01-10', '2027-01-10', 13], // a begun month counts as a whole one
    ['2026-03-01', '2028-02-29', 24],
    ['2026-03-01', '2028-08-31', 30],
    ['2026-11-27', '2026-11-27', 1],
    ['2026-11-27', '2026-12-26', 1],
    ['2026-11-27', '2026-12-27', 2],
    ['2026-01-31', '2026-02-27', 1],
    ['2027-01-01', '2026-12-31', null], // end before start
    ['2026-02-30', '2026-12-31', null], // not a date
    ['2026-1-1', '2026-12-31', null],
  ])('%s .. %s → %s months', (start, end, months) => {
    expect(apprenticeshipMonths(start, end)).toBe(months);
  });

  it.each([
    // cap years, period, prior → subsidised, remaining
    [2, 12, 0, 12, 24],
    [2, 24, 0, 24, 24],
    [2, 30, 0, 24, 24],
    [2, 12, 18, 6, 6],
    [2, 12, 24, 0, 0],
    [2, 12, 40, 0, 0],
    [3, 30, 0, 30, 36],
    [2, null, 0, 0, 24],
  ] as const)('cap %i years, period %s, %i before → %i subsidised (%i left)', (capYears, periodMonths, priorMonths, subsidised, remaining) => {
    const c = apprenticeshipCoverage({ capYears, periodMonths, priorMonths });
    expect([c.subsidisedMonths, c.remainingMonths]).toEqual([subsidised, remaining]);
  });

  it('the reason names the months and the cap', () => {
    const rule = (f: EligibilityFacts['apprenticeship']) =>
      checkEligibility({ ...base, apprenticeship: f }).find((r) => r.rule === 'APPRENTICESHIP_PERIOD_CAP')!;
    expect(rule({ capYears: 2, periodMonths: 30, priorMonths: 0 }).reason).toBe(
      "24 of the period's 30 months subsidised (0 claimed before; at most 2 years (24 months) per apprentice)",
    );
    expect(rule({ capYears: 2, periodMonths: 12, priorMonths: 24 }).reason).toBe(
      'apprenticeship subsidy already claimed for 24 months: at most 2 years (24 months) per apprentice',
    );
    expect(rule({ capYears: 2, periodMonths: 12, priorMonths: 0 }).reason).toBe('12 months subsidised, 12 of at most 2 years (24 months) per apprentice');
  });

  it('never subsidises more than the cap over a person’s claims, whatever the periods', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }), (capYears, periods) => {
        let prior = 0;
        for (const p of periods) prior += apprenticeshipCoverage({ capYears, periodMonths: p, priorMonths: prior }).subsidisedMonths;
        return (
          prior <= capYears * 12 &&
          prior ===
            Math.min(
              capYears * 12,
              periods.reduce((a, b) => a + b, 0),
            )
        );
      }),
    );
  });

  it.each([
    // standard per year, months, uplift, ratio, fee → amount
    [500000, 12, 0, 100, 9_999_999, 500000],
    [500000, 24, 0, 100, 9_999_999, 1000000],
    [500000, 6, 0, 80, 9_999_999, 200000],
    [500000, 7, 0, 80, 9_999_999, 233333], // 233,333.33 rounds down
    [400000, 1, 0, 100, 9_999_999, 33333], // 33,333.33
    [100000, 1, 0, 50, 9_999_999, 4167], // 4,166.67 rounds up
    [500000, 24, 0, 100, 600000, 600000], // capped by the fee
    [500000, 0, 0, 100, 9_999_999, 0],
    [500000, null, 0, 80, 9_999_999, 400000], // not an apprenticeship: the plain formula
  ] as const)('standard %i/year × %s months, +%i %, ratio %i %, fee %i → %i', (standardFen, months, upliftPct, ratioPct, feeFen, amount) => {
    expect(claimAmount({ standardFen, upliftPct, ratioPct, feeFen, months })).toBe(amount);
  });
  it('12 months equals the plain formula; months are a non-negative integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (s, u, r) => {
        const fee = 99_999_999;
        return (
          claimAmount({ standardFen: s, upliftPct: u, ratioPct: r, feeFen: fee, months: 12 }) ===
          claimAmount({ standardFen: s, upliftPct: u, ratioPct: r, feeFen: fee })
        );
      }),
    );
    expect(() => claimAmount({ standardFen: 1, upliftPct: 0, ratioPct: 100, feeFen: 1, months: -1 })).toThrow(RangeError);
    expect(() => claimAmount({ standardFen: 1, upliftPct: 0, ratioPct: 101, feeFen: 1, months: 1 })).toThrow(RangeError);
  });
});

describe('amount', () => {
  it.each([
    // standard, uplift, ratio, fee → amount
    [150000, 0, 100, 999999, 150000],
    [150000, 30, 100, 999999, 195000],
    [200000, 0, 80, 999999, 160000],
    [250000, 30, 80, 999999, 260000],
    [150000, 0, 80, 100000, 100000], // capped by the fee
    [333, 0, 50, 999999, 167], // 166.5 rounds half up
    [100000, 0, 0, 999999, 0],
  ])('standard %i, +%i %, ratio %i %, fee %i → %i', (standardFen, upliftPct, ratioPct, feeFen, amount) => {
    expect(claimAmount({ standardFen, upliftPct, ratioPct, feeFen })).toBe(amount);
  });
  it('never exceeds the fee nor the uplifted standard', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (s, u, r, fee) => {
          const a = claimAmount({ standardFen: s, upliftPct: u, ratioPct: r, feeFen: fee });
          return a <= fee && a <= Math.ceil((s * (100 + u)) / 100) && a >= 0;
        },
      ),
    );
  });
});

describe('public notice (公示)', () => {
  const cal = [
    { date: '2026-10-01', kind: 'holiday' as const },
    { date: '2026-10-02', kind: 'holiday' as const },
    { date: '2026-10-05', kind: 'holiday' as const },
    { date: '2026-10-06', kind: 'holiday' as const },
    { date: '2026-10-07', kind: 'holiday' as const },
    { date: '2026-10-10', kind: 'workday' as const }, // Saturday make-up working day
  ];
  it.each([
    // published at (UTC) → first, last, payable
    ['2026-11-23T02:00:00Z', '2026-11-24', '2026-11-30', '2026-12-01'], // Monday: Tue..Fri + Mon
    ['2026-11-27T02:00:00Z', '2026-11-30', '2026-12-04', '2026-12-05'], // Friday: next Mon..Fri
    ['2026-11-27T17:00:00Z', '2026-11-30', '2026-12-04', '2026-12-05'], // Saturday 01:00 in Shanghai
    ['2026-09-30T02:00:00Z', '2026-10-08', '2026-10-13', '2026-10-14'], // National Day: 8, 9, 10 (Saturday make-up), 12, 13
  ])('published %s → %s .. %s', (at, first, last, payable) => {
    const p = noticePeriod(new Date(at), 5, cal);
    expect([p.firstDay, p.lastDay, p.payableFrom]).toEqual([first, last, payable]);
  });
  it('Shanghai dates, not the machine zone', () => {
    expect(shanghaiDate(new Date('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
    expect(noticeEnded('2026-11-30', new Date('2026-11-30T15:59:59Z'))).toBe(false);
    expect(noticeEnded('2026-11-30', new Date('2026-11-30T16:00:00Z'))).toBe(true);
  });
  it('always spans exactly n working days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 10 }), (dayOffset, n) => {
        const at = new Date(Date.UTC(2025, 0, 1) + dayOffset * 86400000);
        const p = noticePeriod(at, n, []);
        let count = 0;
        for (let d = new Date(`${p.firstDay}T00:00:00Z`); d.toISOString().slice(0, 10) <= p.lastDay; d.setUTCDate(d.getUTCDate() + 1)) {
          const dow = d.getUTCDay();
          if (dow !== 0 && dow !== 6) count++;
        }
        return count === n && p.firstDay > p.publishedOn;
      }),
    );
  });
});

describe('payee', () => {
  const person: PayeeCandidate = { kind: 'person', id: 'p1', name: '张三', account: '6222', bankName: 'ICBC' };
  const provider: PayeeCandidate = { kind: 'provider', id: 'o1', name: '培训学校', account: '3100', bankName: 'CCB' };
  const enterprise: PayeeCandidate = { kind: 'enterprise', id: 'e1', name: '企业', account: '3101', bankName: 'BOC' };
  it.each([
    ['person', person],
    ['provider', provider],
    ['enterprise', enterprise],
  ] as const)('programme payee %s', (kind, expected) => {
    expect(resolvePayee(kind, { person, provider, enterprise })).toEqual(expected);
  });
  it('an unknown enterprise yields a payee without account (the claim goes to review)', () => {
    expect(resolvePayee('enterprise', { person, provider, enterprise: null }).account).toBeNull();
  });
  it('groups payments per payee', () => {
    expect(
      groupByPayee([
        { payeeKey: 'provider:o1', amountFen: 100 },
        { payeeKey: 'person:p1', amountFen: 50 },
        { payeeKey: 'provider:o1', amountFen: 200 },
      ]),
    ).toEqual([
      { payeeKey: 'person:p1', count: 1, amountFen: 50 },
      { payeeKey: 'provider:o1', count: 2, amountFen: 300 },
    ]);
  });
});

describe('claim state machine', () => {
  it.each([
    ['in_review', 'approved', true],
    ['approved', 'in_batch', true],
    ['in_batch', 'paid', true],
    ['in_batch', 'failed', true],
    ['failed', 'approved', true],
    ['paid', 'approved', false],
    ['rejected', 'approved', false],
    ['rejected', 'in_review', true],
    ['rejected', 'in_batch', false],
    ['in_review', 'in_batch', false],
  ] as const)('%s → %s: %s', (from, to, ok) => expect(canMoveClaim(from, to)).toBe(ok));
});

describe("working days know China's holidays (holidays-cn.csv, 2025–2026)", () => {
  const parsed = parseCalendarCsv(readFileSync(new URL('./data/holidays-cn.csv', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`holidays-cn.csv: line ${parsed.line} ${parsed.field}: ${parsed.message}`);
  const loaded = new Set(parsed.years);
  it('the CSV holds the two years, 72 days', () => {
    expect(parsed.years).toEqual([2025, 2026]);
    expect(parsed.days).toHaveLength(72);
  });
  // published on (Shanghai) → first day, last day, provisional; the notice lasts 5 working days from the
  // first working day after publication
  it.each([
    ['2026-09-30T10:00:00+08:00', '2026-10-08', '2026-10-13', false], // 国庆: 8, 9, 10 (Saturday worked), 12, 13
    ['2026-02-13T10:00:00+08:00', '2026-02-14', '2026-02-27', false], // 春节: 14 (Saturday worked), 24, 25, 26, 27
    ['2026-04-30T10:00:00+08:00', '2026-05-06', '2026-05-11', false], // 劳动节: 6, 7, 8, 9 (Saturday worked), 11
    ['2025-09-30T10:00:00+08:00', '2025-10-09', '2025-10-14', false], // 2025 国庆 + 中秋: 9, 10, 11 (Saturday worked), 13, 14
    ['2026-12-29T10:00:00+08:00', '2026-12-30', '2027-01-05', true], // runs into 2027, not loaded: Monday–Friday, provisional
    ['2027-09-30T10:00:00+08:00', '2027-10-01', '2027-10-07', true], // past the last loaded year: Monday–Friday (no National Day), provisional
    ['2026-12-23T10:00:00+08:00', '2026-12-24', '2026-12-30', false], // ends inside 2026: not provisional
  ])('published %s → %s .. %s (provisional: %s)', (at, first, last, provisional) => {
    const p = noticePeriod(new Date(at), 5, parsed.days, loaded);
    expect([p.firstDay, p.lastDay, p.provisional]).toEqual([first, last, provisional]);
  });
  it('once 2027 is loaded the same notice is no longer provisional', () => {
    const p = noticePeriod(new Date('2026-12-29T10:00:00+08:00'), 5, parsed.days, new Set([2025, 2026, 2027]));
    expect(p.provisional).toBe(false);
  });
  it('without the years known (older callers), never provisional', () => {
    expect(noticePeriod(new Date('2030-01-02T10:00:00+08:00'), 5, []).provisional).toBe(false);
  });
  it.each([
    [[2025, 2026], '2026-11-29', false, 2027],
    [[2025, 2026], '2026-11-30', true, 2027], // one month before 2026-12-31
    [[2025, 2026], '2027-01-05', true, 2027], // ran out, still not loaded
    [[2025, 2026, 2027], '2026-12-06', false, 2028], // loaded: the to-do is gone
    [[], '2026-12-06', true, 2026],
  ])('loaded %j, today %s → to-do due %s for %i', (years, today, due, next) => {
    expect(calendarTodo(years, today)).toMatchObject({ due, nextYear: next });
  });
});

describe('calendar CSV: a malformed file is refused naming the line and field', () => {
  const ok = 'date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,workday,春节\n';
  it('reads a good file (BOM, CRLF and a trailing blank line tolerated)', () => {
    expect(parseCalendarCsv(`\uFEFF${ok.replace(/\n/g, '\r\n')}\r\n`)).toEqual({
      ok: true,
      years: [2027],
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节' },
      ],
    });
  });
  it.each([
    ['', 1, 'body'],
    ['day,kind,name\n2027-01-01,holiday,元旦', 1, 'header'],
    ['date,kind,name\n', 2, 'body'],
    ['date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节', 3, 'date'],
    ['date,kind,name\n2027/01/01,holiday,元旦', 2, 'date'],
    ['date,kind,name\n2027-13-01,holiday,元旦', 2, 'date'],
    ['date,kind,name\n2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦', 3, 'date'],
    ['date,kind,name\n2027-01-01,day-off,元旦', 2, 'kind'],
    ['date,kind,name\n2027-01-04,workday,春节', 2, 'kind'], // a Monday cannot be a make-up working day
    ['date,kind,name\n2027-01-01,holiday', 2, 'kind'],
    ['date,kind,name\n2027-01-01,holiday,元旦,extra', 2, 'name'],
    [`date,kind,name\n2027-01-01,holiday,${'节'.repeat(51)}`, 2, 'name'],
    ['date,kind,name\n2027-01-01,holiday,元旦\n\n2027-02-06,workday,春节', 3, 'date'],
  ])('%j → line %i, field %s', (text, line, field) => {
    expect(parseCalendarCsv(text)).toMatchObject({ ok: false, line, field });
  });
});
