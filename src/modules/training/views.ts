/** The API's views of training's records: one presenter per record, typed by the view's zod schema (schemas.ts). */
import type { Admission, ClassSession, Course, Registration, TrainingClass, Venue } from './rows.js';
import { maskId, maskName } from '../../lib/identifiers.js';
import { fromStored, STORED_COORD_SYSTEM } from './rules.js';
import type { AdmissionView, ClassView, CourseView, RegistrationView, SessionView, VenueView } from './schemas.js';

export type { AdmissionView, ClassView, CourseView, RegistrationView, SessionView, VenueView } from './schemas.js';

export const presentVenue = (v: Venue): VenueView => ({
  id: v.id,
  providerId: v.providerId,
  name: v.name,
  address: v.address,
  districtCode: v.districtCode,
  coordSystem: STORED_COORD_SYSTEM as 'gcj02',
  lat: v.lat,
  lng: v.lng,
  wgs84: fromStored({ lat: v.lat, lng: v.lng }, 'wgs84'),
  geofenceRadiusM: v.geofenceRadiusM,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

export const presentCourse = (c: Course): CourseView => ({
  id: c.id,
  providerId: c.providerId,
  programmeId: c.programmeId,
  occupationCode: c.occupationCode,
  level: c.level,
  name: c.name,
  description: c.description,
  hours: c.hours,
  feeFen: c.feeFen,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const presentClass = (c: TrainingClass): ClassView => ({
  id: c.id,
  courseId: c.courseId,
  providerId: c.providerId,
  programmeId: c.programmeId,
  occupationCode: c.occupationCode,
  level: c.level,
  feeFen: c.feeFen,
  name: c.name,
  venueId: c.venueId,
  online: c.online,
  districtCode: c.districtCode,
  capacity: c.capacity,
  seatsTaken: c.seatsTaken,
  startDate: c.startDate,
  endDate: c.endDate,
  reportDeadline: c.reportDeadline.toISOString(),
  state: c.state,
  reportedAt: c.reportedAt?.toISOString() ?? null,
  openedAt: c.openedAt?.toISOString() ?? null,
  endedAt: c.endedAt?.toISOString() ?? null,
  cancelledAt: c.cancelledAt?.toISOString() ?? null,
  cancelReason: c.cancelReason,
  createdAt: c.createdAt.toISOString(),
});

export const presentSession = (s: ClassSession): SessionView => ({
  id: s.id,
  classId: s.classId,
  seq: s.seq,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  topic: s.topic,
});

export const presentRegistration = (r: Registration): RegistrationView => ({
  id: r.id,
  classId: r.classId,
  voucherId: r.voucherId,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const presentAdmission = (a: Admission): AdmissionView => ({
  id: a.id,
  classId: a.classId,
  voucherId: a.voucherId,
  via: a.via,
  status: a.status,
  admittedAt: a.admittedAt.toISOString(),
  endedAt: a.endedAt?.toISOString() ?? null,
  endReason: a.endReason,
});

/** A holder as providers and officers see them: name and ID number masked (an unknown holder: stars). */
export const maskedHolder = (p: { name: string; idNumber: string } | null | undefined): { name: string; idNumberMasked: string } =>
  p ? { name: maskName(p.name), idNumberMasked: maskId(p.idNumber) } : { name: '*', idNumberMasked: '***' };
