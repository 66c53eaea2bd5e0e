/** The `check_ins` table: its row, and the one place its rows become answers (a check-in, a flag for review, a flag rule's record). */
import type { Queryable } from '../../db/index.js';
import { maskName } from '../../lib/identifiers.js';
import * as persons from '../persons/index.js';
import { round1, type CheckinRecord } from './rules.js';
import type { CheckInView, FlagView } from './schemas.js';

export type CheckInStatus = 'accepted' | 'flagged' | 'rejected_after_review';

export interface CheckInRow {
  id: string;
  session_id: string;
  class_id: string;
  person_id: string;
  voucher_id: string | null;
  provider_id: string;
  district_code: string;
  source: 'geofence' | 'online_import';
  at: Date;
  lat: number | null;
  lng: number | null;
  coord_system: 'wgs84' | 'gcj02' | null;
  lat_gcj02: number | null;
  lng_gcj02: number | null;
  coord_key: string | null;
  accuracy_m: number | null;
  distance_m: number | null;
  device_id: string | null;
  status: CheckInStatus;
  flags: string[];
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  created_at: Date;
}

/** A check-in as its trainee sees it; `counts`: accepted (a flagged one only once accepted on review). */
export const presentCheckIn = (r: CheckInRow): CheckInView => ({
  id: r.id,
  sessionId: r.session_id,
  classId: r.class_id,
  source: r.source,
  at: r.at.toISOString(),
  status: r.status,
  flags: r.flags,
  distanceM: round1(r.distance_m),
  accuracyM: round1(r.accuracy_m),
  counts: r.status === 'accepted',
});

/** A check-in as the flag rules see it (coordinates as stored: GCJ-02). */
export const toRecord = (r: Pick<CheckInRow, 'person_id' | 'session_id' | 'at' | 'lat_gcj02' | 'lng_gcj02' | 'accuracy_m' | 'device_id'>): CheckinRecord => ({
  personId: r.person_id,
  sessionId: r.session_id,
  at: r.at,
  lat: r.lat_gcj02,
  lng: r.lng_gcj02,
  accuracyM: r.accuracy_m,
  deviceId: r.device_id,
});

const maskDevice = (d: string | null): string | null => (d === null ? null : d.length <= 6 ? '***' : `${d.slice(0, 3)}***${d.slice(-3)}`);

/** A check-in as its reviewer sees it: the trainee's name and the device masked. */
export async function presentFlag(q: Queryable, r: CheckInRow): Promise<FlagView> {
  const p = await persons.getPerson(q, r.person_id);
  return {
    id: r.id,
    sessionId: r.session_id,
    classId: r.class_id,
    providerId: r.provider_id,
    districtCode: r.district_code,
    trainee: p ? maskName(p.name) : '*',
    at: r.at.toISOString(),
    flags: r.flags,
    status: r.status,
    distanceM: round1(r.distance_m),
    accuracyM: round1(r.accuracy_m),
    coordSystem: r.coord_system,
    deviceId: maskDevice(r.device_id),
    reviewNote: r.review_note,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
  };
}

/** The trainee's check-in of the session (the first and only one). */
export async function findCheckIn(q: Queryable, sessionId: string, personId: string): Promise<CheckInRow | null> {
  return (await q.query<CheckInRow>('SELECT * FROM check_ins WHERE session_id = $1 AND person_id = $2', [sessionId, personId])).rows[0] ?? null;
}
