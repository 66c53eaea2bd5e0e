import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canMoveClaim,
  checkEligibility,
  claimAmount,
  failedRules,
  groupByPayee,
  noticeEnded,
  noticePeriod,
  resolvePayee,
  shanghaiDate,
  type EligibilityFacts,
  type PayeeCandidate,
} from './rules.js';

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
    expect(rs).toHaveLength(10);
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
  ])('%s', (_name, patch, expected) => {
    const failed = failedRules(checkEligibility({ ...base, ...patch }));
    expect(failed.map((f) => f.rule)).toEqual(expected);
    for (const f of failed) expect(f.reason.length).toBeGreaterThan(5);
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
    ['in_review', 'in_batch', false],
  ] as const)('%s → %s: %s', (from, to, ok) => expect(canMoveClaim(from, to)).toBe(ok));
});
