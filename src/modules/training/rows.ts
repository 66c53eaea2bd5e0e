/**
 * Training's tables as rows and as the module's records: one row type and one `toX(row)` per table
 * (provider_approvals, venues, courses, training_classes with its seat count, class_sessions, registrations,
 * admissions). The API's views of these records are in views.ts.
 */
import type { ClassState } from './rules.js';
import type { ApprovalView } from './schemas.js';

export const isUniqueViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

/** An approval reads as its view (its instants as ISO strings). */
export type Approval = ApprovalView;

export interface ApprovalRow {
  id: string;
  provider_id: string;
  programme_id: string;
  occupation_code: string | null;
  granted_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export const toApproval = (r: ApprovalRow): Approval => ({
  id: r.id,
  providerId: r.provider_id,
  programmeId: r.programme_id,
  occupationCode: r.occupation_code,
  grantedAt: r.granted_at.toISOString(),
  revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  revokeReason: r.revoke_reason,
});

export interface Venue {
  id: string;
  providerId: string;
  name: string;
  address: string;
  districtCode: string;
  /** Stored coordinates (GCJ-02). */
  lat: number;
  lng: number;
  /** NULL: the programme's radius (default 500 m). */
  geofenceRadiusM: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VenueRow {
  id: string;
  provider_id: string;
  name: string;
  address: string;
  district_code: string;
  lat_gcj02: number;
  lng_gcj02: number;
  geofence_radius_m: number | null;
  created_at: Date;
  updated_at: Date;
}

export const toVenue = (r: VenueRow): Venue => ({
  id: r.id,
  providerId: r.provider_id,
  name: r.name,
  address: r.address,
  districtCode: r.district_code,
  lat: r.lat_gcj02,
  lng: r.lng_gcj02,
  geofenceRadiusM: r.geofence_radius_m,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface Course {
  id: string;
  providerId: string;
  programmeId: string;
  occupationCode: string;
  level: number;
  name: string;
  description: string | null;
  hours: number;
  feeFen: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CourseRow {
  id: string;
  provider_id: string;
  programme_id: string;
  occupation_code: string;
  level: number;
  name: string;
  description: string | null;
  hours: number;
  fee_fen: number;
  created_at: Date;
  updated_at: Date;
}

export const toCourse = (r: CourseRow): Course => ({
  id: r.id,
  providerId: r.provider_id,
  programmeId: r.programme_id,
  occupationCode: r.occupation_code,
  level: r.level,
  name: r.name,
  description: r.description,
  hours: r.hours,
  feeFen: r.fee_fen,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface TrainingClass {
  id: string;
  courseId: string;
  providerId: string;
  programmeId: string;
  occupationCode: string;
  level: number;
  feeFen: number;
  name: string;
  venueId: string | null;
  online: boolean;
  districtCode: string;
  capacity: number;
  seatsTaken: number;
  startDate: string;
  endDate: string;
  reportDeadline: Date;
  state: ClassState;
  reportedAt: Date | null;
  openedAt: Date | null;
  endedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdAt: Date;
}

export interface ClassRow {
  id: string;
  course_id: string;
  provider_id: string;
  programme_id: string;
  occupation_code: string;
  level: number;
  fee_fen: number;
  name: string;
  venue_id: string | null;
  online: boolean;
  district_code: string;
  capacity: number;
  seats_taken: number;
  start_date: string;
  end_date: string;
  report_deadline: Date;
  state: ClassState;
  reported_at: Date | null;
  opened_at: Date | null;
  ended_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_at: Date;
}

/** Seats taken, computed from the seat rows (alias: the training_classes alias or table name). */
export const SEATS_TAKEN = (alias: string): string =>
  `(SELECT count(*)::int FROM class_seats s WHERE s.class_id = ${alias}.id AND s.voucher_id IS NOT NULL) AS seats_taken`;
export const CLASS_COLS = `c.*, ${SEATS_TAKEN('c')}`;

export const toClass = (r: ClassRow): TrainingClass => ({
  id: r.id,
  courseId: r.course_id,
  providerId: r.provider_id,
  programmeId: r.programme_id,
  occupationCode: r.occupation_code,
  level: r.level,
  feeFen: r.fee_fen,
  name: r.name,
  venueId: r.venue_id,
  online: r.online,
  districtCode: r.district_code,
  capacity: r.capacity,
  seatsTaken: r.seats_taken,
  startDate: r.start_date,
  endDate: r.end_date,
  reportDeadline: r.report_deadline,
  state: r.state,
  reportedAt: r.reported_at,
  openedAt: r.opened_at,
  endedAt: r.ended_at,
  cancelledAt: r.cancelled_at,
  cancelReason: r.cancel_reason,
  createdAt: r.created_at,
});

export interface ClassSession {
  id: string;
  classId: string;
  seq: number;
  startsAt: Date;
  endsAt: Date;
  topic: string | null;
}

export interface SessionRow {
  id: string;
  class_id: string;
  seq: number;
  starts_at: Date;
  ends_at: Date;
  topic: string | null;
}

export const toSession = (r: SessionRow): ClassSession => ({
  id: r.id,
  classId: r.class_id,
  seq: r.seq,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  topic: r.topic,
});

export interface Registration {
  id: string;
  classId: string;
  voucherId: string;
  personId: string;
  status: 'pending' | 'admitted' | 'cancelled' | 'released';
  createdAt: Date;
  updatedAt: Date;
}

export interface RegistrationRow {
  id: string;
  class_id: string;
  voucher_id: string;
  person_id: string;
  status: Registration['status'];
  created_at: Date;
  updated_at: Date;
}

export const toRegistration = (r: RegistrationRow): Registration => ({
  id: r.id,
  classId: r.class_id,
  voucherId: r.voucher_id,
  personId: r.person_id,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface Admission {
  id: string;
  classId: string;
  voucherId: string;
  personId: string;
  providerId: string;
  registrationId: string | null;
  via: 'qr' | 'number';
  status: 'admitted' | 'withdrawn' | 'cancelled';
  admittedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
}

export interface AdmissionRow {
  id: string;
  class_id: string;
  voucher_id: string;
  person_id: string;
  provider_id: string;
  registration_id: string | null;
  via: 'qr' | 'number';
  status: Admission['status'];
  admitted_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
}

export const toAdmission = (r: AdmissionRow): Admission => ({
  id: r.id,
  classId: r.class_id,
  voucherId: r.voucher_id,
  personId: r.person_id,
  providerId: r.provider_id,
  registrationId: r.registration_id,
  via: r.via,
  status: r.status,
  admittedAt: r.admitted_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
});
