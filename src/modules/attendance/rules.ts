/**
 * Pure rules of check-in (打卡签到) and attendance — no I/O, no clock: every instant is passed in.
 *
 *  - window: a session's check-in window is [start − before, start + after], BOTH edges inclusive
 *    (millisecond precision): with the default 60/15, 08:00:00.000 and 09:15:00.000 are inside for a 09:00
 *    start, 07:59:59.999 and 09:15:00.001 are outside. Instants are absolute; the window is shown to people
 *    in Asia/Shanghai wall-clock time.
 *  - geofence: haversine distance from the venue ≤ radius (inclusive), reported accuracy ≤ the programme's
 *    bound (inclusive). Venues are stored in GCJ-02 (training); a WGS-84 fix is converted to GCJ-02 first.
 *  - flags (for review, never silent drops): shared device, identical coordinates, impossible travel,
 *    poor accuracy — each a pure function over check-in records.
 *  - attendance: accepted sessions attended / total sessions, against the programme's threshold.
 */
import { AppError } from '../../lib/errors.js';
import { BUSINESS_TZ, shanghaiLocal } from '../../lib/time.js';
import { haversineM, toStored, type CoordSystem, type LatLng } from '../training/index.js';

// One implementation of the geometry: training's (haversine, R = 6,371,008.8 m; WGS-84 ⇄ GCJ-02).
export { EARTH_RADIUS_M, gcj02ToWgs84, haversineM, toStored, wgs84ToGcj02, type CoordSystem, type LatLng } from '../training/index.js';

/** The business time zone and its wall-clock format: src/lib/time.ts (re-exported for this module's readers). */
export const SHANGHAI = BUSINESS_TZ;
export { shanghaiLocal };
export const DEFAULT_BEFORE_MIN = 60;
export const DEFAULT_AFTER_MIN = 15;
export const DEFAULT_RADIUS_M = 500;
export const DEFAULT_ACCURACY_MAX_M = 100;
export const DEFAULT_MAX_SPEED_KMH = 120;
export const DEFAULT_THRESHOLD_PCT = 80;

// ───────────────────────────────────────────── window ─────────────────────────────────────────────

export interface CheckinWindow {
  opensAt: Date;
  closesAt: Date;
}

export function checkinWindow(startsAt: Date, beforeMin = DEFAULT_BEFORE_MIN, afterMin = DEFAULT_AFTER_MIN): CheckinWindow {
  if (!(startsAt instanceof Date) || Number.isNaN(startsAt.getTime())) throw new RangeError('startsAt must be a valid instant');
  if (!Number.isFinite(beforeMin) || beforeMin < 0 || !Number.isFinite(afterMin) || afterMin < 0) throw new RangeError('window minutes must be ≥ 0');
  return {
    opensAt: new Date(startsAt.getTime() - beforeMin * 60_000),
    closesAt: new Date(startsAt.getTime() + afterMin * 60_000),
  };
}

export type WindowVerdict = 'inside' | 'too_early' | 'too_late';

/** Both edges inclusive. */
export function windowVerdict(at: Date, w: CheckinWindow): WindowVerdict {
  const t = at.getTime();
  if (t < w.opensAt.getTime()) return 'too_early';
  if (t > w.closesAt.getTime()) return 'too_late';
  return 'inside';
}

/** The window as a refusal's `extra` carries it: absolute instants plus Shanghai wall-clock times. */
export function windowExtra(w: CheckinWindow, verdict: WindowVerdict, at: Date): Record<string, unknown> {
  return {
    window: {
      opensAt: w.opensAt.toISOString(),
      closesAt: w.closesAt.toISOString(),
      opensAtLocal: shanghaiLocal(w.opensAt),
      closesAtLocal: shanghaiLocal(w.closesAt),
      timeZone: SHANGHAI,
    },
    at: at.toISOString(),
    verdict,
  };
}

// ─────────────────────────────────────────── coordinates ───────────────────────────────────────────

export interface Fix {
  lat: number;
  lng: number;
  /** Reported horizontal accuracy (radius, metres). */
  accuracyM: number;
  coordSystem: CoordSystem;
}

/**
 * Refuses anything that is not a usable fix, naming the field: missing, non-number, NaN, ±Infinity,
 * latitude outside [−90, 90], longitude outside [−180, 180], accuracy not a finite number ≥ 0.
 */
export function validateFix(input: { lat?: unknown; lng?: unknown; accuracyM?: unknown; coordSystem?: unknown }): Fix {
  const num = (field: 'lat' | 'lng' | 'accuracyM', min: number, max: number): number => {
    const v = input[field];
    if (v === undefined || v === null) throw new AppError('VALIDATION_FAILED', `${field} is required`, field);
    if (typeof v !== 'number') throw new AppError('VALIDATION_FAILED', `${field} must be a number`, field);
    if (Number.isNaN(v)) throw new AppError('VALIDATION_FAILED', `${field} is not a number (NaN)`, field);
    if (!Number.isFinite(v)) throw new AppError('VALIDATION_FAILED', `${field} must be finite`, field);
    if (v < min || v > max) throw new AppError('VALIDATION_FAILED', `${field} must be within [${min}, ${max}]`, field);
    return v;
  };
  const lat = num('lat', -90, 90);
  const lng = num('lng', -180, 180);
  const accuracyM = num('accuracyM', 0, Number.MAX_VALUE);
  const cs = input.coordSystem ?? 'wgs84';
  if (cs !== 'wgs84' && cs !== 'gcj02') throw new AppError('VALIDATION_FAILED', 'coordSystem must be wgs84 or gcj02', 'coordSystem');
  return { lat, lng, accuracyM, coordSystem: cs };
}

// ───────────────────────────────────────────── geofence ─────────────────────────────────────────────

export interface FenceSettings {
  radiusM: number;
  accuracyMaxM: number;
}

export type FenceVerdict =
  | { ok: true; distanceM: number; accuracyPoor: boolean }
  | { ok: false; code: 'CHECKIN_OUTSIDE_GEOFENCE'; distanceM: number; radiusM: number }
  | { ok: false; code: 'CHECKIN_ACCURACY_TOO_POOR'; accuracyM: number; accuracyMaxM: number; distanceM: number };

/**
 * The geofence test (venue as stored, GCJ-02; the fix converted to it):
 *  - distance > radius → CHECKIN_OUTSIDE_GEOFENCE (with distance and radius);
 *  - accuracy ≤ bound and distance ≤ radius → accepted;
 *  - accuracy > bound → CHECKIN_ACCURACY_TOO_POOR, unless the whole uncertainty circle lies inside the fence
 *    (distance + accuracy ≤ radius): then the person is inside whatever the error, so the check-in is taken
 *    but carries the `accuracy_poor` flag for review — never silently accepted.
 */
export function fenceVerdict(fix: Fix, venueGcj02: LatLng, s: FenceSettings): FenceVerdict {
  const here = toStored(fix, fix.coordSystem);
  const venue = venueGcj02;
  const distanceM = haversineM(here, venue);
  if (distanceM > s.radiusM) return { ok: false, code: 'CHECKIN_OUTSIDE_GEOFENCE', distanceM, radiusM: s.radiusM };
  if (fix.accuracyM <= s.accuracyMaxM) return { ok: true, distanceM, accuracyPoor: false };
  if (distanceM + fix.accuracyM <= s.radiusM) return { ok: true, distanceM, accuracyPoor: true };
  return { ok: false, code: 'CHECKIN_ACCURACY_TOO_POOR', accuracyM: fix.accuracyM, accuracyMaxM: s.accuracyMaxM, distanceM };
}

// ─────────────────────────────────────────────── flags ───────────────────────────────────────────────

export const FLAGS = ['shared_device', 'identical_coordinates', 'impossible_travel', 'accuracy_poor'] as const;
export type Flag = (typeof FLAGS)[number];

/** A check-in as the flag rules see it (coordinates as stored: GCJ-02). */
export interface CheckinRecord {
  personId: string;
  sessionId: string;
  at: Date;
  lat: number | null;
  lng: number | null;
  accuracyM: number | null;
  deviceId: string | null;
}

/** Several trainees checked in to one session from one device. */
export function sharedDevice(c: CheckinRecord, sameSession: readonly CheckinRecord[]): boolean {
  if (!c.deviceId) return false;
  return sameSession.some((o) => o.sessionId === c.sessionId && o.personId !== c.personId && o.deviceId === c.deviceId);
}

/** Coordinates rounded to 5 decimals (≈ 1.1 m) — the key for the identical-coordinates rule. */
export function coordKey(lat: number | null, lng: number | null): string | null {
  if (lat === null || lng === null || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  return `${lat.toFixed(5)},${lng.toFixed(5)}`;
}

/** Several trainees in one session reported the same coordinates to 5 decimals (real fixes scatter). */
export function identicalCoordinates(c: CheckinRecord, sameSession: readonly CheckinRecord[]): boolean {
  const k = coordKey(c.lat, c.lng);
  if (k === null) return false;
  return sameSession.some((o) => o.sessionId === c.sessionId && o.personId !== c.personId && coordKey(o.lat, o.lng) === k);
}

/**
 * Speed in km/h needed to go between two check-ins of one trainee. The reported accuracies are given the
 * benefit of the doubt (distance minus both error radii, not below 0). Same instant and a positive distance:
 * Infinity. Null when either lacks coordinates.
 */
export function travelSpeedKmh(a: CheckinRecord, b: CheckinRecord): number | null {
  if (a.lat === null || a.lng === null || b.lat === null || b.lng === null) return null;
  const d = Math.max(0, haversineM({ lat: a.lat, lng: a.lng }, { lat: b.lat, lng: b.lng }) - (a.accuracyM ?? 0) - (b.accuracyM ?? 0));
  const hours = Math.abs(b.at.getTime() - a.at.getTime()) / 3_600_000;
  if (d === 0) return 0;
  if (hours === 0) return Infinity;
  return d / 1000 / hours;
}

/**
 * The trainee's check-ins just before and just after this one (by time, any session) imply a speed above
 * the limit. `mine` are the same person's other check-ins.
 */
export function impossibleTravel(c: CheckinRecord, mine: readonly CheckinRecord[], maxKmh = DEFAULT_MAX_SPEED_KMH): boolean {
  let prev: CheckinRecord | null = null;
  let next: CheckinRecord | null = null;
  for (const o of mine) {
    if (o.personId !== c.personId || o.sessionId === c.sessionId) continue;
    if (o.at.getTime() <= c.at.getTime()) {
      if (!prev || o.at.getTime() > prev.at.getTime()) prev = o;
    } else if (!next || o.at.getTime() < next.at.getTime()) next = o;
  }
  return [prev, next].some((o) => {
    if (!o) return false;
    const v = travelSpeedKmh(o, c);
    return v !== null && v > maxKmh;
  });
}

/** The reported accuracy is worse (larger) than the programme's bound. */
export function accuracyPoor(c: CheckinRecord, accuracyMaxM: number): boolean {
  return c.accuracyM !== null && c.accuracyM > accuracyMaxM;
}

export interface FlagContext {
  /** Other trainees' check-ins of the same session. */
  sameSession: readonly CheckinRecord[];
  /** The same trainee's check-ins of other sessions (at least the nearest before and after). */
  mine: readonly CheckinRecord[];
  accuracyMaxM: number;
  maxKmh?: number;
}

/** Every flag that fires for this check-in, in FLAGS order. */
export function evaluateFlags(c: CheckinRecord, ctx: FlagContext): Flag[] {
  const out: Flag[] = [];
  if (sharedDevice(c, ctx.sameSession)) out.push('shared_device');
  if (identicalCoordinates(c, ctx.sameSession)) out.push('identical_coordinates');
  if (impossibleTravel(c, ctx.mine, ctx.maxKmh ?? DEFAULT_MAX_SPEED_KMH)) out.push('impossible_travel');
  if (accuracyPoor(c, ctx.accuracyMaxM)) out.push('accuracy_poor');
  return out;
}

// ──────────────────────────────────────────── attendance ────────────────────────────────────────────

export interface Attendance {
  attended: number;
  total: number;
  /** Percentage, 0..100, two decimals (0 when the class has no sessions). */
  rate: number;
  meetsThreshold: boolean;
}

/**
 * attended = sessions with an accepted check-in (a flagged one counts only once accepted on review);
 * eligible when attended / total ≥ threshold % (inclusive, compared exactly in integers). A class without
 * sessions is never eligible.
 */
export function attendanceOf(attended: number, total: number, thresholdPct = DEFAULT_THRESHOLD_PCT): Attendance {
  if (!Number.isInteger(attended) || !Number.isInteger(total) || attended < 0 || total < 0) throw new RangeError('counts must be integers ≥ 0');
  if (attended > total) throw new RangeError('attended exceeds total');
  if (!Number.isFinite(thresholdPct) || thresholdPct < 0 || thresholdPct > 100) throw new RangeError('threshold must be 0..100');
  if (total === 0) return { attended, total, rate: 0, meetsThreshold: false };
  const rate = Math.round((attended * 10000) / total) / 100;
  return { attended, total, rate, meetsThreshold: attended * 100 >= thresholdPct * total };
}

// ──────────────────────────────────────────── the decision ────────────────────────────────────────────

/** One decimal (metres as the answers show them). */
export const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

/** Everything a check-in is decided on, read before (the session's context, the enrolment) or sent (the fix). */
export interface CheckInFacts {
  now: Date;
  /** The trainee holds an open admission to the class. */
  enrolled: boolean;
  cls: { id: string; online: boolean; state: string };
  session: { startsAt: Date };
  /** The venue as stored (GCJ-02); null for a class without one. */
  venue: { lat: number; lng: number; geofenceRadiusM: number | null } | null;
  programme: { checkinBeforeMin: number; checkinAfterMin: number; geofenceRadiusM: number; accuracyMaxM: number };
  input: { lat?: unknown; lng?: unknown; accuracyM?: unknown; coordSystem?: unknown; deviceId?: string | undefined };
}

/** A check-in to write (every rule passed), or the refusal — which, when `orRepeat`, a first check-in of the same trainee answers instead. */
export type CheckInDecision =
  | { write: true; fix: Fix; here: LatLng; key: string | null; distanceM: number; deviceId: string | null }
  | { write: false; refusal: AppError; orRepeat: boolean };

const refuse = (refusal: AppError, orRepeat = true): CheckInDecision => ({ write: false, refusal, orRepeat });

function fenceRefusal(fv: Extract<FenceVerdict, { ok: false }>): AppError {
  if (fv.code === 'CHECKIN_OUTSIDE_GEOFENCE')
    return new AppError('CHECKIN_OUTSIDE_GEOFENCE', `you are ${Math.round(fv.distanceM)} m from the venue; check-in needs ≤ ${fv.radiusM} m`, 'lat', {
      distanceM: round1(fv.distanceM),
      radiusM: fv.radiusM,
    });
  return new AppError('CHECKIN_ACCURACY_TOO_POOR', `the reported accuracy is ${fv.accuracyM} m; check-in needs ≤ ${fv.accuracyMaxM} m`, 'accuracyM', {
    accuracyM: fv.accuracyM,
    accuracyMaxM: fv.accuracyMaxM,
    distanceM: round1(fv.distanceM),
  });
}

/**
 * The check-in decision, made once for the one-by-one and the batched path (issue 16 item 2), in this order:
 * enrolment (NOT_ENROLLED), an online class or one without a venue (CONFLICT), a class not open
 * (CLASS_NOT_OPEN), the fix itself (VALIDATION_FAILED), the window (CHECKIN_OUTSIDE_WINDOW), the geofence and
 * the accuracy. Enrolment and an unusable fix are refused outright; the other refusals give way to the
 * trainee's first check-in of the session (a repeat answers it).
 */
export function decideCheckIn(f: CheckInFacts): CheckInDecision {
  const { cls, venue, programme, now } = f;
  if (!f.enrolled) return refuse(new AppError('NOT_ENROLLED', 'you are not admitted to this class', 'id', { classId: cls.id }), false);
  if (cls.online || !venue)
    return refuse(
      new AppError('CONFLICT', 'an online class has no geofence check-in: attendance comes from the online platform’s records', 'id', { online: true }),
    );
  if (cls.state !== 'open') return refuse(new AppError('CLASS_NOT_OPEN', `the class is ${cls.state}, not open`, 'id', { state: cls.state }));
  let fix: Fix;
  try {
    fix = validateFix(f.input);
  } catch (e) {
    if (e instanceof AppError) return refuse(e, false);
    throw e;
  }
  const w = checkinWindow(f.session.startsAt, programme.checkinBeforeMin, programme.checkinAfterMin);
  const wv = windowVerdict(now, w);
  if (wv !== 'inside')
    return refuse(
      new AppError(
        'CHECKIN_OUTSIDE_WINDOW',
        `check-in for this session is open from ${shanghaiLocal(w.opensAt)} to ${shanghaiLocal(w.closesAt)} (Asia/Shanghai)`,
        'at',
        windowExtra(w, wv, now),
      ),
    );
  const radiusM = venue.geofenceRadiusM ?? programme.geofenceRadiusM;
  const fv = fenceVerdict(fix, { lat: venue.lat, lng: venue.lng }, { radiusM, accuracyMaxM: programme.accuracyMaxM });
  if (!fv.ok) return refuse(fenceRefusal(fv));
  const here = toStored({ lat: fix.lat, lng: fix.lng }, fix.coordSystem);
  return { write: true, fix, here, key: coordKey(here.lat, here.lng), distanceM: fv.distanceM, deviceId: f.input.deviceId ?? null };
}
