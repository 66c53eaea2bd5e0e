import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  admitReasons,
  businessDate,
  businessInstant,
  canTransitionClass,
  CLASS_STATES,
  gcj02ToWgs84,
  EARTH_RADIUS_M,
  haversineM,
  openingDeadline,
  openingDeadlinePassed,
  outOfChina,
  toStored,
  fromStored,
  wgs84ToGcj02,
  type AdmitFacts,
  type ClassState,
} from './rules.js';
import { ADMITTING_STATES, decideAdmission, DECIDED_BY_WRITES, VOUCHER_REASONS, writtenRefusal, type AdmitReason } from './rules.js';

describe('opening / roster deadline (Asia/Shanghai)', () => {
  it.each([
    // start date, days, deadline as UTC instant
    ['2026-12-10', 3, '2026-12-07T15:59:59.999Z'],
    ['2026-12-01', 3, '2026-11-28T15:59:59.999Z'], // across a month end (30-day month)
    ['2026-11-02', 3, '2026-10-30T15:59:59.999Z'], // 31-day month
    ['2027-03-01', 3, '2027-02-26T15:59:59.999Z'], // non-leap February
    ['2028-03-02', 3, '2028-02-28T15:59:59.999Z'], // leap year: 29 Feb sits between
    ['2028-03-01', 1, '2028-02-29T15:59:59.999Z'], // deadline on the leap day itself
    ['2100-03-01', 1, '2100-02-28T15:59:59.999Z'], // 2100 is not a leap year
    ['2027-01-02', 3, '2026-12-30T15:59:59.999Z'], // across a year end
    ['2027-01-01', 1, '2026-12-31T15:59:59.999Z'],
    ['2026-12-10', 0, '2026-12-10T15:59:59.999Z'], // zero days: the start day itself
    ['2026-12-10', 7, '2026-12-03T15:59:59.999Z'], // a programme with a longer lead
  ])('start %s, %i days → %s', (start, days, expected) => {
    expect(openingDeadline(start, days).toISOString()).toBe(expected);
  });

  it('defaults to 3 days', () => {
    expect(openingDeadline('2026-12-10').toISOString()).toBe('2026-12-07T15:59:59.999Z');
  });

  it.each([
    // instants given in other zones, start 2026-12-10, 3 days → deadline 2026-12-07 23:59:59.999 +08:00
    ['2026-12-07T23:59:59.999+08:00', false],
    ['2026-12-08T00:00:00.000+08:00', true],
    ['2026-12-07T15:59:59.999Z', false],
    ['2026-12-07T16:00:00.000Z', true],
    ['2026-12-07T10:59:59.999-05:00', false], // New York, still 7 Dec 23:59 in Shanghai
    ['2026-12-07T11:00:00.000-05:00', true],
    ['2026-12-08T00:59:59.999+09:00', false], // Tokyo: already 8 Dec there, 7 Dec in Shanghai
    ['2026-12-08T01:00:00.000+09:00', true],
    ['2026-12-07T16:59:59.999+01:00', false], // Berlin
    ['2026-12-08T05:30:00.000+13:45', false], // Chatham Islands: 8 Dec there, 7 Dec 23:45 in Shanghai
    ['2026-12-08T05:45:00.000+13:45', true],
  ])('now %s → passed %s', (now, passed) => {
    expect(openingDeadlinePassed(new Date(now), '2026-12-10', 3)).toBe(passed);
  });

  it('a DST-observing zone on both sides of its change (March 2027, New York)', () => {
    // start 2027-03-17 → deadline 2027-03-14 23:59:59.999 +08:00 = 2027-03-14T15:59:59.999Z; NY switched to EDT at 07:00Z that day.
    expect(openingDeadlinePassed(new Date('2027-03-14T11:59:59.999-04:00'), '2027-03-17', 3)).toBe(false);
    expect(openingDeadlinePassed(new Date('2027-03-14T12:00:00.000-04:00'), '2027-03-17', 3)).toBe(true);
  });

  it.each(['2026-02-30', '2026-13-01', '26-12-01', ''])('refuses the impossible date %s', (d) => {
    expect(() => openingDeadline(d, 3)).toThrow(RangeError);
  });

  it.each([-1, 1.5, 366])('refuses days = %s', (n) => {
    expect(() => openingDeadline('2026-12-10', n)).toThrow(RangeError);
  });

  it.each([
    ['2026-11-26T15:59:59.999Z', '2026-11-26'],
    ['2026-11-26T16:00:00.000Z', '2026-11-27'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('businessDate(%s) = %s', (iso, d) => {
    expect(businessDate(new Date(iso))).toBe(d);
  });

  it('property: the deadline is the last millisecond of a Shanghai day, `days` days before the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 80 }), fc.integer({ min: 0, max: 30 }), (offset, days) => {
        const start = addDays('2000-01-01', offset);
        const dl = openingDeadline(start, days);
        expect(businessDate(dl)).toBe(addDays(start, -days));
        expect(businessDate(new Date(dl.getTime() + 1))).toBe(addDays(start, -days + 1));
        expect(dl.getTime()).toBe(businessInstant(addDays(start, -days), 23, 59, 59, 999).getTime());
      }),
    );
  });
});

describe('class state machine', () => {
  const allowed: Array<[ClassState, ClassState]> = [
    ['draft', 'reported'],
    ['reported', 'open'],
    ['open', 'ended'],
    ['draft', 'cancelled'],
    ['reported', 'cancelled'],
  ];
  const pairs = CLASS_STATES.flatMap((from) => CLASS_STATES.map((to) => [from, to] as [ClassState, ClassState]));
  it.each(pairs)('%s → %s', (from, to) => {
    expect(canTransitionClass(from, to)).toBe(allowed.some(([a, b]) => a === from && b === to));
  });
});

describe('WGS-84 ⇄ GCJ-02', () => {
  // Known pairs published with the reference implementation (eviltransform test suite).
  it.each([
    ['Shanghai', 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
    ['Shenzhen', 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
    ['Beijing', 39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
  ])('%s', (_name, wLat, wLng, gLat, gLng) => {
    const g = wgs84ToGcj02({ lat: wLat, lng: wLng });
    expect(g.lat).toBeCloseTo(gLat, 9);
    expect(g.lng).toBeCloseTo(gLng, 9);
    const w = gcj02ToWgs84({ lat: gLat, lng: gLng });
    expect(Math.abs(w.lat - wLat)).toBeLessThan(1e-6);
    expect(Math.abs(w.lng - wLng)).toBeLessThan(1e-6);
  });

  it.each([
    ['London', 51.5074, -0.1278],
    ['Sydney', -33.8688, 151.2093],
    ['north of the box', 56.0, 120.0],
    ['west of the box', 40.0, 72.0],
  ])('outside China’s bounding box GCJ-02 = WGS-84 (%s)', (_n, lat, lng) => {
    const p = { lat, lng };
    expect(outOfChina(p)).toBe(true);
    expect(wgs84ToGcj02(p)).toEqual(p);
    expect(gcj02ToWgs84(p)).toEqual(p);
  });

  it('the offset inside China is a few hundred metres', () => {
    const p = { lat: 31.2304, lng: 121.4737 }; // People’s Square, Shanghai
    const d = haversineM(p, wgs84ToGcj02(p));
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(700);
  });

  it('property: gcj02ToWgs84 inverts wgs84ToGcj02 to < 1e-6° anywhere in China', () => {
    fc.assert(
      fc.property(fc.double({ min: 18, max: 53, noNaN: true }), fc.double({ min: 74, max: 134, noNaN: true }), (lat, lng) => {
        const back = gcj02ToWgs84(wgs84ToGcj02({ lat, lng }));
        expect(Math.abs(back.lat - lat)).toBeLessThan(1e-6);
        expect(Math.abs(back.lng - lng)).toBeLessThan(1e-6);
      }),
    );
  });

  it('storage is GCJ-02: a WGS-84 input is converted, a GCJ-02 input kept, and read back in either system', () => {
    const w = { lat: 31.1774276, lng: 121.5272106 };
    const stored = toStored(w, 'wgs84');
    expect(stored.lat).toBeCloseTo(31.17530398364597, 9);
    expect(toStored(stored, 'gcj02')).toEqual(stored);
    const back = fromStored(stored, 'wgs84');
    expect(Math.abs(back.lat - w.lat)).toBeLessThan(1e-6);
    expect(fromStored(stored, 'gcj02')).toEqual(stored);
  });
});

describe('haversine', () => {
  it.each([
    // a, b, metres, tolerance
    [{ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, 111_195, 1],
    [{ lat: 0, lng: 0 }, { lat: 1, lng: 0 }, 111_195, 1],
    [{ lat: 31.2304, lng: 121.4737 }, { lat: 31.2304, lng: 121.4737 }, 0, 0],
    [{ lat: 31.2304, lng: 121.4737 }, { lat: 39.9042, lng: 116.4074 }, 1_067_000, 2_000], // Shanghai–Beijing
    [{ lat: 90, lng: 0 }, { lat: -90, lng: 0 }, Math.PI * 6_371_008.8, 1], // pole to pole
  ])('%o ↔ %o ≈ %i m', (a, b, m, tol) => {
    expect(Math.abs(haversineM(a, b) - m)).toBeLessThanOrEqual(tol);
  });

  // Near antipodes h = 1 − δ and asin(√h) is ill-conditioned: h's rounding of a couple of ulps (2ε) moves a
  // distance by up to 2R·√(2ε) ≈ 0.27 m, and the inequality compares two such distances. The fixed 1 cm used
  // before failed on a random seed in CI (2.6 cm over); a 400,000-case probe plus adversarial near-antipodal
  // points found at most 0.19 m. Geofences are a few hundred metres: this is float precision, not the rule.
  const ANTIPODAL_SLACK_M = 2 * (2 * EARTH_RADIUS_M * Math.sqrt(2 * Number.EPSILON));
  it('property: symmetric, non-negative, triangle inequality', () => {
    const pt = fc.record({ lat: fc.double({ min: -89, max: 89, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });
    fc.assert(
      fc.property(pt, pt, pt, (a, b, c) => {
        const ab = haversineM(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(Math.abs(ab - haversineM(b, a))).toBeLessThan(1e-6);
        expect(haversineM(a, c)).toBeLessThanOrEqual(ab + haversineM(b, c) + ANTIPODAL_SLACK_M);
      }),
    );
  });
});

describe('admitReasons', () => {
  const base: AdmitFacts = {
    voucherStatus: 'issued',
    voucherValidFrom: '2026-11-01',
    voucherValidUntil: '2027-02-01',
    voucherProgrammeId: 'p1',
    voucherOccupationCode: '4-10-01-01',
    voucherLevel: 4,
    classProgrammeId: 'p1',
    classOccupationCode: '4-10-01-01',
    classLevel: 4,
    classState: 'draft',
    deadline: openingDeadline('2026-12-10', 3),
    seatsLeft: 3,
    holdsSeat: false,
    providerActive: true,
    providerApproved: true,
    nonceUsed: false,
    now: new Date('2026-12-01T02:00:00Z'),
  };
  it.each<[string, Partial<AdmitFacts>, string[]]>([
    ['admissible', {}, []],
    ['admitted already', { voucherStatus: 'admitted' }, ['VOUCHER_NOT_ISSUED']],
    ['expired status', { voucherStatus: 'expired' }, ['VOUCHER_EXPIRED']],
    ['validity passed while issued', { voucherValidUntil: '2026-11-30' }, ['VOUCHER_EXPIRED']],
    ['not yet valid', { voucherValidFrom: '2026-12-02' }, ['VOUCHER_NOT_YET_VALID']],
    ['other programme', { classProgrammeId: 'p2' }, ['PROGRAMME_MISMATCH']],
    ['other occupation', { classOccupationCode: '4-03-02-01' }, ['OCCUPATION_MISMATCH']],
    ['open voucher (no occupation)', { voucherOccupationCode: null, voucherLevel: null }, []],
    ['other level', { classLevel: 3 }, ['LEVEL_MISMATCH']],
    ['suspended provider', { providerActive: false }, ['PROVIDER_SUSPENDED']],
    ['not approved', { providerApproved: false }, ['PROVIDER_NOT_APPROVED']],
    ['class reported', { classState: 'reported' }, ['CLASS_NOT_ADMITTING']],
    ['after the deadline', { now: new Date('2026-12-07T16:00:00Z') }, ['OPENING_DEADLINE_PASSED']],
    ['at the deadline', { now: new Date('2026-12-07T15:59:59.999Z') }, []],
    ['full', { seatsLeft: 0 }, ['CLASS_FULL']],
    ['full but registered', { seatsLeft: 0, holdsSeat: true }, []],
    ['replayed token', { nonceUsed: true }, ['QR_TOKEN_REPLAYED']],
    ['several at once', { providerActive: false, classLevel: 5, seatsLeft: 0 }, ['LEVEL_MISMATCH', 'PROVIDER_SUSPENDED', 'CLASS_FULL']],
  ])('%s', (_n, patch, reasons) => {
    expect(admitReasons({ ...base, ...patch })).toEqual(reasons);
  });
});

describe('the Shanghai wall clock: the fixed-offset fast path agrees with the time-zone database', () => {
  it('for 2,000 instants from 1991-09-16 to 2040, and before it (DST years) uses the database', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    const from = Date.UTC(1991, 8, 16);
    const to = Date.UTC(2040, 0, 1);
    for (let i = 0; i < 2000; i++) {
      const t = new Date(from + Math.floor(((to - from) * i) / 1999) + (i % 86_400) * 997);
      expect(businessDate(t)).toBe(fmt.format(t));
    }
    // an instant of the DST years (1986–1991) takes the time-zone database's path
    const dst = new Date('1988-04-16T15:30:00Z');
    expect(businessDate(dst)).toBe(fmt.format(dst));
  });
});

describe('decideAdmission: one decision for admit, the batch, verify, register and the fitting vouchers', () => {
  const base: AdmitFacts = {
    voucherStatus: 'issued',
    voucherValidFrom: '2026-11-01',
    voucherValidUntil: '2027-02-01',
    voucherProgrammeId: 'p1',
    voucherOccupationCode: '4-10-01-01',
    voucherLevel: 4,
    classProgrammeId: 'p1',
    classOccupationCode: '4-10-01-01',
    classLevel: 4,
    classState: 'draft',
    deadline: openingDeadline('2026-12-10', 3),
    seatsLeft: 3,
    holdsSeat: false,
    providerActive: true,
    providerApproved: true,
    nonceUsed: false,
    now: new Date('2026-12-01T02:00:00Z'),
  };
  // case, facts changed, reasons left to the caller's writes, every reason, the refusal
  it.each<[string, Partial<AdmitFacts>, readonly AdmitReason[], AdmitReason[], AdmitReason | null]>([
    ['admissible', {}, [], [], null],
    ['admissible, the writes deciding state and seat', {}, DECIDED_BY_WRITES, [], null],
    ['verify: a full class is a reason and the refusal', { seatsLeft: 0 }, [], ['CLASS_FULL'], 'CLASS_FULL'],
    ['admission: the seat is the write’s to decide', { seatsLeft: 0 }, DECIDED_BY_WRITES, ['CLASS_FULL'], null],
    ['admission: the voucher’s state is the write’s to decide', { voucherStatus: 'admitted' }, DECIDED_BY_WRITES, ['VOUCHER_NOT_ISSUED'], null],
    [
      'registration: the seat is its write’s, the state is not',
      { voucherStatus: 'admitted', seatsLeft: 0 },
      ['CLASS_FULL'],
      ['VOUCHER_NOT_ISSUED', 'CLASS_FULL'],
      'VOUCHER_NOT_ISSUED',
    ],
    [
      'the first reason not left to the writes refuses',
      { voucherStatus: 'admitted', classLevel: 3, providerActive: false },
      DECIDED_BY_WRITES,
      ['VOUCHER_NOT_ISSUED', 'LEVEL_MISMATCH', 'PROVIDER_SUSPENDED'],
      'LEVEL_MISMATCH',
    ],
    ['an expired voucher is not left to the writes', { voucherValidUntil: '2026-11-30' }, DECIDED_BY_WRITES, ['VOUCHER_EXPIRED'], 'VOUCHER_EXPIRED'],
    ['after the deadline', { now: new Date('2026-12-07T16:00:00Z') }, DECIDED_BY_WRITES, ['OPENING_DEADLINE_PASSED'], 'OPENING_DEADLINE_PASSED'],
    ['a replayed token', { nonceUsed: true }, DECIDED_BY_WRITES, ['QR_TOKEN_REPLAYED'], 'QR_TOKEN_REPLAYED'],
  ])('%s', (_n, patch, later, reasons, refusal) => {
    const d = decideAdmission({ ...base, ...patch }, later);
    expect(d.reasons).toEqual(reasons);
    expect(d.refusal).toBe(refusal);
    // the decision's reasons are the rule's, whatever the writes decide
    expect(d.reasons).toEqual(admitReasons({ ...base, ...patch }));
  });

  it.each<[string, { seated: boolean } | undefined, AdmitReason | null]>([
    ['a seat held: through', { seated: true }, null],
    ['no free seat was left', { seated: false }, 'CLASS_FULL'],
    ['no row written', undefined, 'CLASS_FULL'],
  ])('what the write decided — %s', (_n, row, refusal) => {
    expect(writtenRefusal(row)).toBe(refusal);
  });
});

describe('each admission reason is true to its facts: the voucher’s state, the class’s state and the deadline apart', () => {
  // a class starting 2026-12-10 (deadline 2026-12-07 23:59:59.999 Shanghai), a voucher otherwise fitting it
  const base: AdmitFacts = {
    voucherStatus: 'issued',
    voucherValidFrom: '2026-11-01',
    voucherValidUntil: '2027-02-01',
    voucherProgrammeId: 'p1',
    voucherOccupationCode: '4-10-01-01',
    voucherLevel: 4,
    classProgrammeId: 'p1',
    classOccupationCode: '4-10-01-01',
    classLevel: 4,
    classState: 'draft',
    deadline: openingDeadline('2026-12-10', 3),
    seatsLeft: 3,
    holdsSeat: false,
    providerActive: true,
    providerApproved: true,
    nonceUsed: false,
    now: new Date('2026-12-01T02:00:00Z'),
  };
  const BEFORE = new Date('2026-12-07T15:59:59.999Z');
  const AFTER = new Date('2026-12-08T01:00:00Z');
  it.each<[string, string, ClassState, Date, AdmitReason[]]>([
    // the desk's case: a voucher in training elsewhere shown at a class that has started, after its deadline —
    // the class does not admit in its state (培训中, not 已结班/已取消) AND the deadline passed AND the voucher is not issued
    [
      'in training elsewhere, a started class, after the deadline',
      'in_training',
      'open',
      AFTER,
      ['VOUCHER_NOT_ISSUED', 'CLASS_NOT_ADMITTING', 'OPENING_DEADLINE_PASSED'],
    ],
    [
      'admitted elsewhere, a started class, after the deadline',
      'admitted',
      'open',
      AFTER,
      ['VOUCHER_NOT_ISSUED', 'CLASS_NOT_ADMITTING', 'OPENING_DEADLINE_PASSED'],
    ],
    // a class still taking admissions by its state: only the deadline and the voucher speak
    ['in training elsewhere, a draft class, after the deadline', 'in_training', 'draft', AFTER, ['VOUCHER_NOT_ISSUED', 'OPENING_DEADLINE_PASSED']],
    ['in training elsewhere, a draft class, before the deadline', 'in_training', 'draft', BEFORE, ['VOUCHER_NOT_ISSUED']],
    ['issued, a draft class, after the deadline', 'issued', 'draft', AFTER, ['OPENING_DEADLINE_PASSED']],
    // the class's state alone: reported before its deadline (the roster is filed and fixed)
    ['issued, a reported class, before the deadline', 'issued', 'reported', BEFORE, ['CLASS_NOT_ADMITTING']],
    ['issued, a reported class, after the deadline', 'issued', 'reported', AFTER, ['CLASS_NOT_ADMITTING', 'OPENING_DEADLINE_PASSED']],
    ['issued, an ended class', 'issued', 'ended', AFTER, ['CLASS_NOT_ADMITTING', 'OPENING_DEADLINE_PASSED']],
    ['issued, a class cancelled before its deadline', 'issued', 'cancelled', BEFORE, ['CLASS_NOT_ADMITTING']],
    // the voucher's own reason names what it is: an expired voucher is expired, not "not issued"
    ['expired, a draft class, before the deadline', 'expired', 'draft', BEFORE, ['VOUCHER_EXPIRED']],
    ['assessed, an ended class', 'assessed', 'ended', AFTER, ['VOUCHER_NOT_ISSUED', 'CLASS_NOT_ADMITTING', 'OPENING_DEADLINE_PASSED']],
  ])('%s', (_n, voucherStatus, classState, now, reasons) => {
    expect(admitReasons({ ...base, voucherStatus, classState, now })).toEqual(reasons);
  });

  it('CLASS_NOT_ADMITTING exactly when the class’s state does not admit, OPENING_DEADLINE_PASSED exactly when the deadline passed, whatever the voucher', () => {
    for (const classState of CLASS_STATES)
      for (const voucherStatus of ['issued', 'admitted', 'in_training', 'assessed', 'expired', 'revoked'])
        for (const now of [BEFORE, AFTER]) {
          const reasons = admitReasons({ ...base, voucherStatus, classState, now });
          expect(reasons.includes('CLASS_NOT_ADMITTING'), `${classState} ${voucherStatus}`).toBe(!ADMITTING_STATES.includes(classState));
          expect(reasons.includes('OPENING_DEADLINE_PASSED'), `${classState} ${voucherStatus} ${now.toISOString()}`).toBe(now === AFTER);
          // the voucher's own reason depends on the voucher only
          expect(reasons.filter((r) => VOUCHER_REASONS.includes(r))).toEqual(
            voucherStatus === 'issued' ? [] : [voucherStatus === 'expired' ? 'VOUCHER_EXPIRED' : 'VOUCHER_NOT_ISSUED'],
          );
        }
  });
});
