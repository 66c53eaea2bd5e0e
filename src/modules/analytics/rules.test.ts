/** The statistics' pure rules, table-driven: figures from sums, the funnel's rates, the league's order, months. */
import { describe, expect, it } from 'vitest';
import { compareLeague, executionRate, funnelOf, metricsOf, monthStart, ratio, type Sum } from './rules.js';
import { noneLabel } from './labels.js';

const sums = (o: Record<string, Partial<Sum>>): Map<string, Sum> =>
  new Map(Object.entries(o).map(([k, v]) => [k, { n: v.n ?? 0, amountFen: v.amountFen ?? 0, days: v.days ?? 0 }]));

describe('metricsOf', () => {
  it.each([
    ['nothing', {}, { issued: 0, attendanceRate: null, passRate: null, avgDaysIssueToAdmission: null, claimsPaidFen: 0 }],
    [
      'rates and averages',
      { checkInsCounted: { n: 8 }, expectedCheckIns: { n: 12 }, assessed: { n: 4 }, passed: { n: 3 }, admitted: { n: 4, days: 10 } },
      { attendanceRate: 0.6667, passRate: 0.75, avgDaysIssueToAdmission: 2.5 },
    ],
    ['claims carry fen', { claimsPaid: { n: 2, amountFen: 400_000, days: 31 } }, { claimsPaid: 2, claimsPaidFen: 400_000, avgDaysPassToPayment: 15.5 }],
  ])('%s', (_n, input, expected) => {
    expect(metricsOf(sums(input))).toMatchObject(expected);
  });
});

describe('ratio, executionRate, monthStart', () => {
  it.each([
    [1, 3, 0.3333],
    [0, 5, 0],
    [5, 0, null],
  ])('ratio(%d, %d) = %s', (a, b, r) => expect(ratio(a, b)).toBe(r));
  it('execution rate is paid over allocated', () => {
    expect(executionRate(250_000, 1_000_000)).toBe(0.25);
    expect(executionRate(1, 0)).toBeNull();
  });
  it.each([
    ['2026-01', '2026-01-01'],
    ['2026-12', '2026-12-01'],
    ['2026-13', null],
    ['2026-1', null],
    ['26-01', null],
  ])('monthStart(%s) = %s', (m, d) => expect(monthStart(m)).toBe(d));
});

describe('funnel', () => {
  it('issued → … → paid, each rate from the previous stage (but 录取 from 报名) and from issued', () => {
    const m = metricsOf(
      sums({
        issued: { n: 100 },
        registered: { n: 50 },
        admitted: { n: 40 },
        attendedEnough: { n: 30 },
        assessed: { n: 20 },
        passed: { n: 10 },
        claimsPaid: { n: 5 },
      }),
    );
    expect(funnelOf(m).map((s) => [s.stage, s.count, s.rateFromPrevious, s.rateFromIssued])).toEqual([
      ['issued', 100, null, null],
      ['registered', 50, 0.5, 0.5],
      // admitted at the desk without a registration too: no rate from 报名, its share of the issued stands
      ['admitted', 40, null, 0.4],
      ['attendedEnough', 30, 0.75, 0.3],
      ['assessed', 20, 0.6667, 0.2],
      ['passed', 10, 0.5, 0.1],
      ['paid', 5, 0.5, 0.05],
    ]);
  });
  it('more admissions than registrations (desk admissions) never read as a conversion above 100 %', () => {
    const f = funnelOf(metricsOf(sums({ issued: { n: 158 }, registered: { n: 1 }, admitted: { n: 9 }, attendedEnough: { n: 5 } })));
    expect(f.map((s) => [s.stage, s.rateFromPrevious])).toEqual([
      ['issued', null],
      ['registered', 0.0063],
      ['admitted', null],
      ['attendedEnough', 0.5556],
      ['assessed', 0],
      ['passed', null],
      ['paid', null],
    ]);
    expect(f[2]!.rateFromIssued).toBe(0.057);
  });
  it('an empty stage gives null rates after it, never a division by zero', () => {
    const f = funnelOf(metricsOf(sums({ issued: { n: 10 } })));
    expect(f[1]).toEqual({ stage: 'registered', count: 0, rateFromPrevious: 0, rateFromIssued: 0 });
    expect(f[2]).toEqual({ stage: 'admitted', count: 0, rateFromPrevious: null, rateFromIssued: 0 });
  });
});

describe('league order', () => {
  it('pass rate, then attendance, then fewer flagged check-ins; unknown rates last', () => {
    const rows = [
      { id: 'a', passRate: null, attendanceRate: 0.9, checkInsFlagged: 0 },
      { id: 'b', passRate: 0.8, attendanceRate: 0.7, checkInsFlagged: 3 },
      { id: 'c', passRate: 0.8, attendanceRate: 0.9, checkInsFlagged: 5 },
      { id: 'd', passRate: 0.8, attendanceRate: 0.9, checkInsFlagged: 1 },
    ];
    expect([...rows].sort(compareLeague).map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('noneLabel: the row of facts without a dimension, named for what it holds', () => {
  it.each([
    ['trainingDistrict', '（未参加培训）'],
    ['provider', '（未参加培训）'],
    ['class', '（未参加培训）'],
    ['district', '（户籍区未登记）'],
    ['programme', '（未标明）'],
    ['category', '（未标明）'],
  ] as const)('%s → %s', (by, label) => {
    expect(noneLabel(by)).toBe(label);
  });
});
