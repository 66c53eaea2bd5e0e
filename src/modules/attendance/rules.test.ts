import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../lib/errors.js';
import {
  EARTH_RADIUS_M,
  accuracyPoor,
  attendanceOf,
  checkinWindow,
  coordKey,
  evaluateFlags,
  fenceVerdict,
  gcj02ToWgs84,
  haversineM,
  identicalCoordinates,
  impossibleTravel,
  sharedDevice,
  shanghaiLocal,
  travelSpeedKmh,
  validateFix,
  wgs84ToGcj02,
  windowExtra,
  windowVerdict,
  type CheckinRecord,
  type Fix,
} from './rules.js';
import { decideCheckIn, type CheckInFacts } from './rules.js';

const VENUE = { lat: 31.2304, lng: 121.4737 }; // People's Square, as venues are stored (GCJ-02)
/** A point `m` metres due north of p (exact on the haversine sphere). */
const north = (p: { lat: number; lng: number }, m: number) => ({ lat: p.lat + (m / EARTH_RADIUS_M) * (180 / Math.PI), lng: p.lng });
const fix = (p: { lat: number; lng: number }, accuracyM = 10, coordSystem: 'wgs84' | 'gcj02' = 'gcj02'): Fix => ({ ...p, accuracyM, coordSystem });

describe('check-in window (default 60 min before to 15 min after, both edges inclusive)', () => {
  // The session starts 09:00 Asia/Shanghai on 2026-12-01 = 01:00Z.
  const start = new Date('2026-12-01T09:00:00+08:00');
  const w = checkinWindow(start);
  it('opens 08:00 and closes 09:15 Shanghai time', () => {
    expect(shanghaiLocal(w.opensAt)).toBe('2026-12-01 08:00:00');
    expect(shanghaiLocal(w.closesAt)).toBe('2026-12-01 09:15:00');
  });
  it.each([
    ['2026-12-01T07:59:59.999+08:00', 'too_early'],
    ['2026-12-01T08:00:00.000+08:00', 'inside'], // opening edge: inclusive
    ['2026-12-01T00:00:00.000Z', 'inside'], // 08:00 Shanghai given in UTC
    ['2026-11-30T19:00:00.000-05:00', 'inside'], // 08:00 Shanghai given in New York time (previous day there)
    ['2026-12-01T09:00:00+08:00', 'inside'],
    ['2026-12-01T10:15:00+09:00', 'inside'], // 09:15 Shanghai given in Tokyo time: closing edge, inclusive
    ['2026-12-01T09:15:00.000+08:00', 'inside'],
    ['2026-12-01T09:15:00.001+08:00', 'too_late'],
    ['2026-12-01T01:15:00.001Z', 'too_late'],
    ['2026-11-30T23:59:59.999Z', 'too_early'],
  ])('%s → %s', (at, verdict) => {
    expect(windowVerdict(new Date(at), w)).toBe(verdict);
  });
  it.each([
    [30, 5, '2026-12-01T08:29:59+08:00', 'too_early'],
    [30, 5, '2026-12-01T08:30:00+08:00', 'inside'],
    [30, 5, '2026-12-01T09:05:00+08:00', 'inside'],
    [30, 5, '2026-12-01T09:05:01+08:00', 'too_late'],
    [0, 0, '2026-12-01T09:00:00+08:00', 'inside'],
    [0, 0, '2026-12-01T09:00:00.001+08:00', 'too_late'],
  ])('programme setting %i/%i min: %s → %s', (before, after, at, verdict) => {
    expect(windowVerdict(new Date(at), checkinWindow(start, before, after))).toBe(verdict);
  });
  it('a session just after midnight Shanghai opens the previous Shanghai day', () => {
    const w2 = checkinWindow(new Date('2026-12-02T00:30:00+08:00'));
    expect(shanghaiLocal(w2.opensAt)).toBe('2026-12-01 23:30:00');
    expect(windowVerdict(new Date('2026-12-01T15:30:00Z'), w2)).toBe('inside');
  });
  it('the refusal extra carries the window in absolute and Shanghai time', () => {
    const at = new Date('2026-12-01T10:00:00+08:00');
    expect(windowExtra(w, windowVerdict(at, w), at)).toEqual({
      window: {
        opensAt: '2026-12-01T00:00:00.000Z',
        closesAt: '2026-12-01T01:15:00.000Z',
        opensAtLocal: '2026-12-01 08:00:00',
        closesAtLocal: '2026-12-01 09:15:00',
        timeZone: 'Asia/Shanghai',
      },
      at: '2026-12-01T02:00:00.000Z',
      verdict: 'too_late',
    });
  });
  it.each([[new Date('x')], [new Date(Number.NaN)]])('an invalid start is refused', (d) => {
    expect(() => checkinWindow(d)).toThrow(RangeError);
  });
  it('property: inside iff opensAt ≤ at ≤ closesAt', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200 * 60_000, max: 200 * 60_000 }), (offset) => {
        const at = new Date(start.getTime() + offset);
        const inside = offset >= -60 * 60_000 && offset <= 15 * 60_000;
        expect(windowVerdict(at, w) === 'inside').toBe(inside);
      }),
    );
  });
});

describe('coordinates are validated with the field named', () => {
  const ok = { lat: 31.2, lng: 121.4, accuracyM: 20 };
  it.each([
    [{ ...ok, lat: Number.NaN }, 'lat'],
    [{ ...ok, lng: Number.NaN }, 'lng'],
    [{ ...ok, accuracyM: Number.NaN }, 'accuracyM'],
    [{ ...ok, lat: Infinity }, 'lat'],
    [{ ...ok, lng: -Infinity }, 'lng'],
    [{ ...ok, accuracyM: Infinity }, 'accuracyM'],
    [{ ...ok, lat: 90.000001 }, 'lat'],
    [{ ...ok, lat: -90.5 }, 'lat'],
    [{ ...ok, lng: 180.1 }, 'lng'],
    [{ ...ok, lng: -181 }, 'lng'],
    [{ ...ok, accuracyM: -1 }, 'accuracyM'],
    [{ lng: 121.4, accuracyM: 20 }, 'lat'],
    [{ lat: 31.2, accuracyM: 20 }, 'lng'],
    [{ lat: 31.2, lng: 121.4 }, 'accuracyM'],
    [{ ...ok, lat: null }, 'lat'],
    [{ ...ok, lat: '31.2' }, 'lat'],
    [{ ...ok, coordSystem: 'bd09' }, 'coordSystem'],
  ])('%o → field %s', (input, field) => {
    try {
      validateFix(input);
      expect.unreachable('accepted an invalid fix');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION_FAILED');
      expect((e as AppError).field).toBe(field);
    }
  });
  it.each([[{ lat: 90, lng: 180, accuracyM: 0 }], [{ lat: -90, lng: -180, accuracyM: 5 }], [{ lat: 0, lng: 0, accuracyM: 0, coordSystem: 'gcj02' }]])(
    'edges accepted: %o',
    (input) => {
      expect(validateFix(input).lat).toBe(input.lat);
    },
  );
});

describe('haversine and GCJ-02', () => {
  it.each([
    [VENUE, VENUE, 0, 0],
    [{ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, (Math.PI / 180) * EARTH_RADIUS_M, 1e-6],
    [{ lat: 0, lng: 0 }, { lat: 0, lng: 180 }, Math.PI * EARTH_RADIUS_M, 0.001],
    [{ lat: 90, lng: 0 }, { lat: -90, lng: 0 }, Math.PI * EARTH_RADIUS_M, 0.001],
    // Shanghai → Beijing ≈ 1,067 km
    [VENUE, { lat: 39.9042, lng: 116.4074 }, 1_067_000, 3_000],
    [VENUE, north(VENUE, 500), 500, 1e-6],
  ])('%o → %o ≈ %f m', (a, b, m, tol) => {
    expect(Math.abs(haversineM(a, b) - m)).toBeLessThanOrEqual(tol);
  });
  it('property: symmetric, non-negative', () => {
    const p = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });
    fc.assert(
      fc.property(p, p, (a, b) => {
        const d = haversineM(a, b);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(Math.abs(d - haversineM(b, a))).toBeLessThan(1e-6);
      }),
    );
  });
  it('GCJ-02 shifts Shanghai by a few hundred metres and the inverse round-trips to < 1 cm', () => {
    const g = wgs84ToGcj02(VENUE);
    const shift = haversineM(g, VENUE);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
    expect(haversineM(gcj02ToWgs84(g), VENUE)).toBeLessThan(0.01);
  });
  it('outside China GCJ-02 is the identity', () => {
    expect(wgs84ToGcj02({ lat: 51.5, lng: -0.12 })).toEqual({ lat: 51.5, lng: -0.12 });
  });
});

describe('geofence: distance ≤ radius and accuracy ≤ bound, both inclusive', () => {
  const s = { radiusM: 500, accuracyMaxM: 100 };
  it.each([
    [0, 10, 'ok'],
    [499.999, 10, 'ok'],
    [500.001, 10, 'CHECKIN_OUTSIDE_GEOFENCE'],
    [5000, 10, 'CHECKIN_OUTSIDE_GEOFENCE'],
    [100, 100, 'ok'], // accuracy exactly the bound
    [100, 100.01, 'ok'], // worse than the bound but the whole circle is inside: taken, flagged
    [400, 100.01, 'CHECKIN_ACCURACY_TOO_POOR'], // circle crosses the fence: refused
    [450, 150, 'CHECKIN_ACCURACY_TOO_POOR'],
    [600, 150, 'CHECKIN_OUTSIDE_GEOFENCE'], // outside beats accuracy
  ])('distance %f m, accuracy %f m → %s', (m, acc, expected) => {
    const v = fenceVerdict(fix(north(VENUE, m), acc), VENUE, s);
    expect(v.ok ? 'ok' : v.code).toBe(expected);
    expect(Math.abs(v.distanceM - m)).toBeLessThan(1e-6);
    if (v.ok) expect(v.accuracyPoor).toBe(acc > 100);
    if (!v.ok && v.code === 'CHECKIN_OUTSIDE_GEOFENCE') expect(v.radiusM).toBe(500);
    if (!v.ok && v.code === 'CHECKIN_ACCURACY_TOO_POOR') expect(v).toMatchObject({ accuracyM: acc, accuracyMaxM: 100 });
  });
  it('a fix exactly on the fence (distance = radius) is inside', () => {
    const p = north(VENUE, 500);
    const d = haversineM(p, VENUE);
    expect(fenceVerdict(fix(p, 10), VENUE, { radiusM: d, accuracyMaxM: 100 }).ok).toBe(true);
    expect(fenceVerdict(fix(p, 10), VENUE, { radiusM: d - 1e-9, accuracyMaxM: 100 }).ok).toBe(false);
  });
  it('a WGS-84 fix of the venue is converted to GCJ-02 first; the same numbers taken as GCJ-02 are ≈ 500 m off', () => {
    const w = gcj02ToWgs84(VENUE);
    const asWgs = fenceVerdict(fix(w, 10, 'wgs84'), VENUE, { radiusM: 50, accuracyMaxM: 100 });
    expect(asWgs.ok).toBe(true);
    expect(asWgs.distanceM).toBeLessThan(0.05);
    expect(fenceVerdict(fix(w, 10, 'gcj02'), VENUE, { radiusM: 50, accuracyMaxM: 100 }).ok).toBe(false);
  });
  it('property: within the fence with good accuracy is always accepted', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 499.9, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (m, acc) => {
        expect(fenceVerdict(fix(north(VENUE, m), acc), VENUE, s).ok).toBe(true);
      }),
    );
  });
});

const rec = (over: Partial<CheckinRecord>): CheckinRecord => ({
  personId: 'p1',
  sessionId: 's1',
  at: new Date('2026-12-01T08:30:00+08:00'),
  lat: 31.23041,
  lng: 121.47371,
  accuracyM: 15,
  deviceId: 'dev-1',
  ...over,
});

describe('flag rules', () => {
  describe('shared device', () => {
    it.each([
      ['another trainee, same session, same device', [rec({ personId: 'p2', lat: 31.2305 })], true],
      ['another trainee, same device, other session', [rec({ personId: 'p2', sessionId: 's2' })], false],
      ['another trainee, other device', [rec({ personId: 'p2', deviceId: 'dev-2' })], false],
      ['the same trainee (a repeat)', [rec({})], false],
      ['nobody else', [], false],
    ])('%s → %s', (_n, others, fires) => {
      expect(sharedDevice(rec({}), others)).toBe(fires);
    });
    it('no device id never fires', () => {
      expect(sharedDevice(rec({ deviceId: null }), [rec({ personId: 'p2', deviceId: null })])).toBe(false);
    });
  });

  describe('identical coordinates (5 decimals)', () => {
    it.each([
      ['same to 5 decimals', { lat: 31.230411, lng: 121.473712 }, true],
      ['differs in the 5th decimal', { lat: 31.23042, lng: 121.47371 }, false],
      ['differs in longitude', { lat: 31.23041, lng: 121.47372 }, false],
      ['no coordinates', { lat: null, lng: null }, false],
    ])('%s → %s', (_n, other, fires) => {
      expect(identicalCoordinates(rec({}), [rec({ personId: 'p2', deviceId: 'dev-2', ...other })])).toBe(fires);
    });
    it('same coordinates in another session do not fire', () => {
      expect(identicalCoordinates(rec({}), [rec({ personId: 'p2', sessionId: 's2' })])).toBe(false);
    });
    it('coordKey rounds to 5 decimals', () => {
      expect(coordKey(31.230414, 121.473716)).toBe('31.23041,121.47372');
      expect(coordKey(null, 1)).toBeNull();
    });
  });

  describe('impossible travel (> 120 km/h between consecutive check-ins)', () => {
    const here = rec({ accuracyM: 0 });
    const at = (iso: string) => new Date(iso);
    it.each([
      // Shanghai → Beijing (≈ 1,070 km) in 2 hours
      ['1,070 km in 2 h before', rec({ sessionId: 's0', lat: 39.9042, lng: 116.4074, accuracyM: 0, at: at('2026-12-01T06:30:00+08:00') }), true],
      ['1,070 km in 2 days before', rec({ sessionId: 's0', lat: 39.9042, lng: 116.4074, accuracyM: 0, at: at('2026-11-29T08:30:00+08:00') }), false],
      [
        '30 km in 10 min after',
        rec({ sessionId: 's2', ...north(here as { lat: number; lng: number }, 30_000), accuracyM: 0, at: at('2026-12-01T08:40:00+08:00') }),
        true,
      ],
      [
        '30 km in 1 h after',
        rec({ sessionId: 's2', ...north(here as { lat: number; lng: number }, 30_000), accuracyM: 0, at: at('2026-12-01T09:30:00+08:00') }),
        false,
      ],
      ['same place a minute later', rec({ sessionId: 's2', accuracyM: 0, at: at('2026-12-01T08:31:00+08:00') }), false],
      ['another trainee far away', rec({ personId: 'p2', sessionId: 's0', lat: 39.9, lng: 116.4, at: at('2026-12-01T08:20:00+08:00') }), false],
      ['no coordinates', rec({ sessionId: 's0', lat: null, lng: null, at: at('2026-12-01T08:20:00+08:00') }), false],
    ])('%s → %s', (_n, other, fires) => {
      expect(impossibleTravel(here, [other])).toBe(fires);
    });
    it('only the consecutive check-ins count (an older far one is shadowed by a nearer, plausible one)', () => {
      const far = rec({ sessionId: 's0', lat: 39.9042, lng: 116.4074, at: at('2026-12-01T05:00:00+08:00') });
      const near = rec({ sessionId: 's1b', at: at('2026-12-01T08:00:00+08:00') });
      expect(impossibleTravel(here, [far, near])).toBe(false);
      expect(impossibleTravel(here, [far])).toBe(true);
    });
    it('accuracies are given the benefit of the doubt; same instant elsewhere is infinite speed', () => {
      const a = rec({ accuracyM: 500 });
      const b = rec({ sessionId: 's2', ...north({ lat: 31.23041, lng: 121.47371 }, 900), accuracyM: 500, at: a.at });
      expect(travelSpeedKmh(a, b)).toBe(0);
      expect(travelSpeedKmh({ ...a, accuracyM: 0 }, { ...b, accuracyM: 0 })).toBe(Infinity);
    });
    it('the limit is a parameter', () => {
      const other = rec({ sessionId: 's2', ...north({ lat: 31.23041, lng: 121.47371 }, 30_000), accuracyM: 0, at: at('2026-12-01T09:30:00+08:00') });
      expect(impossibleTravel(here, [other], 20)).toBe(true);
    });
  });

  describe('accuracy worse than the bound', () => {
    it.each([
      [99.9, false],
      [100, false],
      [100.1, true],
      [null, false],
    ])('accuracy %s → %s', (acc, fires) => {
      expect(accuracyPoor(rec({ accuracyM: acc }), 100)).toBe(fires);
    });
  });

  it('evaluateFlags lists every rule that fires, in order, and none for a clean check-in', () => {
    const c = rec({ accuracyM: 150 });
    const flags = evaluateFlags(c, {
      sameSession: [rec({ personId: 'p2' })],
      mine: [rec({ sessionId: 's0', lat: 39.9042, lng: 116.4074, at: new Date('2026-12-01T08:00:00+08:00') })],
      accuracyMaxM: 100,
    });
    expect(flags).toEqual(['shared_device', 'identical_coordinates', 'impossible_travel', 'accuracy_poor']);
    expect(evaluateFlags(rec({}), { sameSession: [rec({ personId: 'p2', deviceId: 'd2', lat: 31.2306 })], mine: [], accuracyMaxM: 100 })).toEqual([]);
  });
});

describe('attendance rate and eligibility', () => {
  it.each([
    [8, 10, 80, 80, true], // exactly the threshold: eligible
    [7, 10, 80, 70, false],
    [10, 10, 80, 100, true],
    [0, 10, 80, 0, false],
    [0, 0, 80, 0, false], // no sessions: never eligible
    [2, 3, 66.67, 66.67, false], // 66.666…% < 66.67%
    [2, 3, 66, 66.67, true],
    [1, 3, 0, 33.33, true],
  ])('%i/%i at threshold %f%% → rate %f, eligible %s', (a, t, th, rate, ok) => {
    expect(attendanceOf(a, t, th)).toEqual({ attended: a, total: t, rate, meetsThreshold: ok });
  });
  it.each([
    [-1, 3],
    [4, 3],
    [1.5, 3],
  ])('invalid counts %f/%f refused', (a, t) => {
    expect(() => attendanceOf(a, t)).toThrow(RangeError);
  });
});

describe('decideCheckIn: the one decision of the one-by-one and the batched path', () => {
  const start = new Date('2026-12-01T09:00:00+08:00');
  const inside = new Date('2026-12-01T08:30:00+08:00');
  const base: CheckInFacts = {
    now: inside,
    enrolled: true,
    cls: { id: '00000000-0000-0000-0000-0000000000c1', online: false, state: 'open' },
    session: { startsAt: start },
    venue: { lat: VENUE.lat, lng: VENUE.lng, geofenceRadiusM: null },
    programme: { checkinBeforeMin: 60, checkinAfterMin: 15, geofenceRadiusM: 500, accuracyMaxM: 100 },
    input: { ...north(VENUE, 100), accuracyM: 10, coordSystem: 'gcj02', deviceId: 'dev-1' },
  };
  const refusal = (f: CheckInFacts) => {
    const d = decideCheckIn(f);
    return d.write ? null : { code: (d.refusal as AppError).code, field: d.refusal.field, orRepeat: d.orRepeat };
  };

  it.each<[string, Partial<CheckInFacts>, { code: string; field: string | undefined; orRepeat: boolean }]>([
    ['not enrolled (before anything else)', { enrolled: false, cls: { ...base.cls, online: true } }, { code: 'NOT_ENROLLED', field: 'id', orRepeat: false }],
    ['an online class', { cls: { ...base.cls, online: true } }, { code: 'CONFLICT', field: 'id', orRepeat: true }],
    ['a class without a venue', { venue: null }, { code: 'CONFLICT', field: 'id', orRepeat: true }],
    ['a class not open', { cls: { ...base.cls, state: 'finished' } }, { code: 'CLASS_NOT_OPEN', field: 'id', orRepeat: true }],
    ['an unusable fix', { input: { lat: Number.NaN, lng: 121, accuracyM: 5 } }, { code: 'VALIDATION_FAILED', field: 'lat', orRepeat: false }],
    ['too early', { now: new Date('2026-12-01T07:59:59.999+08:00') }, { code: 'CHECKIN_OUTSIDE_WINDOW', field: 'at', orRepeat: true }],
    ['too late', { now: new Date('2026-12-01T09:15:00.001+08:00') }, { code: 'CHECKIN_OUTSIDE_WINDOW', field: 'at', orRepeat: true }],
    [
      'outside the geofence',
      { input: { ...north(VENUE, 600), accuracyM: 10, coordSystem: 'gcj02' } },
      { code: 'CHECKIN_OUTSIDE_GEOFENCE', field: 'lat', orRepeat: true },
    ],
    ['the venue’s own radius wins', { venue: { ...VENUE, geofenceRadiusM: 50 } }, { code: 'CHECKIN_OUTSIDE_GEOFENCE', field: 'lat', orRepeat: true }],
    [
      'accuracy too poor',
      { input: { ...north(VENUE, 100), accuracyM: 450, coordSystem: 'gcj02' } },
      { code: 'CHECKIN_ACCURACY_TOO_POOR', field: 'accuracyM', orRepeat: true },
    ],
  ])('%s', (_name, facts, expected) => {
    expect(refusal({ ...base, ...facts })).toEqual(expected);
  });

  it('a check-in that passes every rule is written: the stored point, its key, the distance and the device', () => {
    const d = decideCheckIn(base);
    expect(d.write).toBe(true);
    if (!d.write) return;
    expect(d.fix).toEqual(validateFix(base.input));
    expect(d.here).toEqual({ lat: north(VENUE, 100).lat, lng: VENUE.lng });
    expect(d.key).toBe(coordKey(d.here.lat, d.here.lng));
    expect(d.distanceM).toBeCloseTo(100, 6);
    expect(d.deviceId).toBe('dev-1');
    expect(decideCheckIn({ ...base, input: { ...base.input, deviceId: undefined } })).toMatchObject({ write: true, deviceId: null });
  });

  it('the window edges are inclusive; the refusal carries the window in Shanghai time', () => {
    expect(decideCheckIn({ ...base, now: new Date('2026-12-01T08:00:00+08:00') }).write).toBe(true);
    expect(decideCheckIn({ ...base, now: new Date('2026-12-01T09:15:00+08:00') }).write).toBe(true);
    const d = decideCheckIn({ ...base, now: new Date('2026-12-01T10:00:00+08:00') });
    expect(d.write).toBe(false);
    if (d.write) return;
    expect(d.refusal.message).toBe('check-in for this session is open from 2026-12-01 08:00:00 to 2026-12-01 09:15:00 (Asia/Shanghai)');
    expect((d.refusal as AppError).extra).toMatchObject({ verdict: 'too_late', window: { opensAtLocal: '2026-12-01 08:00:00', timeZone: 'Asia/Shanghai' } });
  });
});
