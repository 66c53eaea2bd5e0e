/**
 * Pure training rules (no I/O): the opening-report / roster deadline (开班反馈 + 学员注册), the class state
 * machine, coordinate systems (WGS-84 ⇄ GCJ-02) and the haversine distance (reused by attendance).
 */

// time: the one Asia/Shanghai business date lives in src/lib/time.ts; re-exported for this module's callers
import { addDays, businessDate, businessInstant } from '../../lib/time.js';
export { BUSINESS_TZ, addDays, businessDate, businessInstant } from '../../lib/time.js';

export const DEFAULT_OPENING_DEADLINE_DAYS = 3;

/**
 * DESIGN.md §4: the opening report and roster are due no later than 23:59:59 (Asia/Shanghai) of the day
 * `days` days before the class's start date; subsidised admissions close with it. The deadline instant is
 * the last millisecond of that day: 23:59:59.999.
 */
export function openingDeadline(classStartDate: string, days: number = DEFAULT_OPENING_DEADLINE_DAYS): Date {
  if (!Number.isInteger(days) || days < 0 || days > 365) throw new RangeError(`opening deadline days must be 0..365, got ${days}`);
  return businessInstant(addDays(classStartDate, -days), 23, 59, 59, 999);
}

/** True when `now` is later than the deadline (the deadline instant itself is still on time). */
export function openingDeadlinePassed(now: Date, classStartDate: string, days: number = DEFAULT_OPENING_DEADLINE_DAYS): boolean {
  return now.getTime() > openingDeadline(classStartDate, days).getTime();
}

// ───────────────────────────── class state machine ─────────────────────────────

export const CLASS_STATES = ['draft', 'reported', 'open', 'ended', 'cancelled'] as const;
export type ClassState = (typeof CLASS_STATES)[number];

/**
 * draft ─report (开班反馈 + 学员注册, by the deadline)─▶ reported ─class start (job)─▶ open ─class end (job)─▶ ended.
 * A class that is never reported cannot open: the start job (or the provider, before then) cancels it and
 * releases its admitted vouchers.
 */
export const CLASS_TRANSITIONS: Readonly<Record<ClassState, readonly ClassState[]>> = {
  draft: ['reported', 'cancelled'],
  reported: ['open', 'cancelled'],
  open: ['ended'],
  ended: [],
  cancelled: [],
};

export function canTransitionClass(from: ClassState, to: ClassState): boolean {
  return CLASS_TRANSITIONS[from].includes(to);
}

/** States in which the class takes registrations and admissions (until the deadline). */
export const ADMITTING_STATES: readonly ClassState[] = ['draft'];

// ───────────────────────────── coordinates ─────────────────────────────

export type CoordSystem = 'wgs84' | 'gcj02';
export interface LatLng {
  lat: number;
  lng: number;
}

/** Krasovsky 1940 ellipsoid parameters used by the GCJ-02 obfuscation. */
const GCJ_A = 6378245.0;
const GCJ_EE = 0.006693421622965943;

/** GCJ-02 applies only inside China's rough bounding box; outside it GCJ-02 = WGS-84. */
export function outOfChina(p: LatLng): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320.0 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

function gcjDelta(p: LatLng): LatLng {
  const dLat0 = transformLat(p.lng - 105.0, p.lat - 35.0);
  const dLng0 = transformLng(p.lng - 105.0, p.lat - 35.0);
  const radLat = (p.lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - GCJ_EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  return {
    lat: (dLat0 * 180.0) / (((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtMagic)) * Math.PI),
    lng: (dLng0 * 180.0) / ((GCJ_A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  };
}

export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng };
  const d = gcjDelta(p);
  return { lat: p.lat + d.lat, lng: p.lng + d.lng };
}

/** Inverse of wgs84ToGcj02 by fixed-point iteration, to below 1e-7° (≈ 1 cm); at most 30 rounds. */
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng };
  let w: LatLng = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w);
    const eLat = g.lat - p.lat;
    const eLng = g.lng - p.lng;
    w = { lat: w.lat - eLat, lng: w.lng - eLng };
    if (Math.abs(eLat) < 1e-9 && Math.abs(eLng) < 1e-9) break;
  }
  return w;
}

/** Venues store GCJ-02 (what phones in China report): convert any input to it. */
export const STORED_COORD_SYSTEM: CoordSystem = 'gcj02';

export function toStored(p: LatLng, system: CoordSystem): LatLng {
  return system === 'gcj02' ? { lat: p.lat, lng: p.lng } : wgs84ToGcj02(p);
}

export function fromStored(p: LatLng, system: CoordSystem): LatLng {
  return system === 'gcj02' ? { lat: p.lat, lng: p.lng } : gcj02ToWgs84(p);
}

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). Both points must be in the same coordinate system. */
export function haversineM(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const DEFAULT_GEOFENCE_RADIUS_M = 500;

// ───────────────────────────── admissibility ─────────────────────────────

/** The reasons about the voucher itself (state, validity, what it is for), not the class, its seats or its provider. */
const VOUCHER_REASON_LIST = [
  'VOUCHER_NOT_ISSUED',
  'VOUCHER_EXPIRED',
  'VOUCHER_NOT_YET_VALID',
  'PROGRAMME_MISMATCH',
  'OCCUPATION_MISMATCH',
  'LEVEL_MISMATCH',
] as const;

/** Every reason a voucher cannot be admitted to a class now, in the order they are checked (the web app names each). */
export const ADMIT_REASONS = [
  ...VOUCHER_REASON_LIST,
  'PROVIDER_NOT_APPROVED',
  'PROVIDER_SUSPENDED',
  'CLASS_NOT_ADMITTING',
  'OPENING_DEADLINE_PASSED',
  'CLASS_FULL',
  'QR_TOKEN_REPLAYED',
] as const;
export type AdmitReason = (typeof ADMIT_REASONS)[number];
/** The voucher's own reasons, typed as admission reasons (registration keeps the classes none of these refuse). */
export const VOUCHER_REASONS: readonly AdmitReason[] = VOUCHER_REASON_LIST;

export interface AdmitFacts {
  voucherStatus: string;
  voucherValidFrom: string; // YYYY-MM-DD
  voucherValidUntil: string; // YYYY-MM-DD
  voucherProgrammeId: string;
  voucherOccupationCode: string | null;
  voucherLevel: number | null;
  classProgrammeId: string;
  classOccupationCode: string;
  classLevel: number;
  classState: ClassState;
  /** The class's roster deadline (stored on the class when it is created). */
  deadline: Date;
  seatsLeft: number;
  /** The voucher already holds a seat in this class through a registration (报名). */
  holdsSeat: boolean;
  providerActive: boolean;
  providerApproved: boolean;
  nonceUsed: boolean;
  now: Date;
}

/** Every reason why a voucher cannot be admitted to a class now (empty: admissible). */
export function admitReasons(f: AdmitFacts): AdmitReason[] {
  const out: AdmitReason[] = [];
  const today = businessDate(f.now);
  if (f.voucherStatus === 'expired' || (f.voucherStatus === 'issued' && today > f.voucherValidUntil)) out.push('VOUCHER_EXPIRED');
  else if (f.voucherStatus !== 'issued') out.push('VOUCHER_NOT_ISSUED');
  if (today < f.voucherValidFrom) out.push('VOUCHER_NOT_YET_VALID');
  if (f.voucherProgrammeId !== f.classProgrammeId) out.push('PROGRAMME_MISMATCH');
  if (f.voucherOccupationCode !== null && f.voucherOccupationCode !== f.classOccupationCode) out.push('OCCUPATION_MISMATCH');
  if (f.voucherLevel !== null && f.voucherLevel !== f.classLevel) out.push('LEVEL_MISMATCH');
  if (!f.providerActive) out.push('PROVIDER_SUSPENDED');
  if (!f.providerApproved) out.push('PROVIDER_NOT_APPROVED');
  if (!ADMITTING_STATES.includes(f.classState)) out.push('CLASS_NOT_ADMITTING');
  if (f.now.getTime() > f.deadline.getTime()) out.push('OPENING_DEADLINE_PASSED');
  if (!f.holdsSeat && f.seatsLeft <= 0) out.push('CLASS_FULL');
  if (f.nonceUsed) out.push('QR_TOKEN_REPLAYED');
  return out;
}

/**
 * Reasons an admission's writes decide atomically — the voucher's state (its conditional UPDATE issued →
 * admitted) and the seat (taken with SKIP LOCKED): the admission's reads leave them to the writes.
 */
export const DECIDED_BY_WRITES: readonly AdmitReason[] = ['VOUCHER_NOT_ISSUED', 'CLASS_FULL'];

export interface AdmissionDecision {
  /** Every reason why not, in the rule's order (verify shows them all); empty: admissible. */
  reasons: AdmitReason[];
  /** What a write refuses with: the first reason not left to the writes (`later`); null: go ahead. */
  refusal: AdmitReason | null;
}

/**
 * Decide once, then write: the one decision on a voucher and a class. The single admission and the coalesced
 * batch (both through the admission's plan), verify, registration and the fitting vouchers all ask it; `later`
 * names the reasons the caller's own writes decide atomically (e.g. DECIDED_BY_WRITES for an admission,
 * CLASS_FULL for a registration, which takes its seat in its write).
 */
export function decideAdmission(f: AdmitFacts, later: readonly AdmitReason[] = []): AdmissionDecision {
  const reasons = admitReasons(f);
  return { reasons, refusal: reasons.find((r) => !later.includes(r)) ?? null };
}

/** What an admission's write decided: through (null) when its row holds a seat, else CLASS_FULL (no free seat was left). */
export function writtenRefusal(row: { seated: boolean } | undefined): AdmitReason | null {
  return row?.seated ? null : 'CLASS_FULL';
}
