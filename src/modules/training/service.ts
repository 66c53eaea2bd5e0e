/**
 * Training (培训): provider approvals, venues, courses, classes and sessions (课次), public course search,
 * registration (报名), verify (读取验证), admission (补贴学员录取), withdrawal, the opening report and roster
 * (开班反馈 + 学员注册) and the class-start / class-end job. Pure rules live in rules.ts.
 *
 * Scope: a provider sees its own venues, courses, classes and trainees (another provider's → 404); a
 * district admin those of its district; city admins and auditors everything; a worker their own
 * registrations. Every write records one audit entry in the same transaction.
 */
import { asError, batchedByKey, batchedRead, coalescedWrite, inKeyOrder, isConcurrencyConflict } from '../../db/batch.js';
import type { Db, Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid, maskId, maskName, normaliseIdNumber } from '../../lib/identifiers.js';
import * as audit from '../audit/service.js';
import { SYSTEM, type AuditActor } from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import * as catalog from '../catalog/service.js';
import * as orgs from '../orgs/service.js';
import * as persons from '../persons/service.js';
import * as vouchers from '../vouchers/service.js';
import {
  admitReasons,
  businessDate,
  canTransitionClass,
  DEFAULT_GEOFENCE_RADIUS_M,
  fromStored,
  openingDeadline,
  STORED_COORD_SYSTEM,
  toStored,
  type AdmitReason,
  type ClassState,
  type CoordSystem,
} from './rules.js';

const isUniqueViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

// ───────────────────────────── access ─────────────────────────────

type Scope = { kind: 'all' } | { kind: 'district'; districtCode: string } | { kind: 'provider'; providerId: string };

function readScope(actor: Actor): Scope {
  switch (actor.role) {
    case 'city_admin':
    case 'auditor':
      return { kind: 'all' };
    case 'district_admin':
      if (!actor.districtCode) throw new AppError('FORBIDDEN', 'this admin account has no district');
      return { kind: 'district', districtCode: actor.districtCode };
    case 'provider':
      if (!actor.orgId) throw new AppError('FORBIDDEN', 'this account belongs to no provider');
      return { kind: 'provider', providerId: actor.orgId };
    default:
      throw new AppError('FORBIDDEN', `role ${actor.role} may not read training records`);
  }
}

const inScope = (s: Scope, o: { providerId: string; districtCode: string }): boolean =>
  s.kind === 'all' || (s.kind === 'district' && s.districtCode === o.districtCode) || (s.kind === 'provider' && s.providerId === o.providerId);

/** The provider account's own organisation id (only providers manage venues, courses and classes). */
function requireProvider(actor: Actor): string {
  if (actor.role !== 'provider' || !actor.orgId) throw new AppError('FORBIDDEN', 'only a provider account manages its venues, courses and classes');
  return actor.orgId;
}

/** The provider, required active: a suspended provider opens no class, admits no one, files no report. */
async function activeProvider(q: Queryable, providerId: string): Promise<orgs.Org> {
  const o = await orgs.getOrg(q, providerId);
  if (!o || o.kind !== 'provider') throw notFound('provider');
  if (o.status !== 'active') throw new AppError('PROVIDER_SUSPENDED', `${o.name} is suspended`, undefined, { providerId: o.id });
  return o;
}

// ───────────────────────────── provider approvals ─────────────────────────────

export interface Approval {
  id: string;
  providerId: string;
  programmeId: string;
  occupationCode: string | null;
  grantedAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

interface ApprovalRow {
  id: string;
  provider_id: string;
  programme_id: string;
  occupation_code: string | null;
  granted_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

const toApproval = (r: ApprovalRow): Approval => ({
  id: r.id,
  providerId: r.provider_id,
  programmeId: r.programme_id,
  occupationCode: r.occupation_code,
  grantedAt: r.granted_at.toISOString(),
  revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  revokeReason: r.revoke_reason,
});

/** Admins manage approvals: a city admin of any provider, a district admin of providers in its district. */
async function providerForAdmin(actor: Actor, q: Queryable, providerId: string): Promise<orgs.Org> {
  if (actor.role !== 'city_admin' && actor.role !== 'district_admin') throw new AppError('FORBIDDEN', 'only a city or district admin grants approvals');
  const o = isUuid(providerId) ? await orgs.getOrg(q, providerId) : null;
  if (!o || o.kind !== 'provider' || (actor.role === 'district_admin' && o.districtCode !== actor.districtCode)) throw notFound('provider', 'id');
  return o;
}

/** Is the provider approved for this programme and occupation (an occupation-wide or programme-wide grant)? */
export async function isApproved(q: Queryable, providerId: string, programmeId: string, occupationCode: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM provider_approvals
      WHERE provider_id = $1 AND programme_id = $2 AND (occupation_code = $3 OR occupation_code IS NULL) AND revoked_at IS NULL LIMIT 1`,
    [providerId, programmeId, occupationCode],
  );
  return rows.length > 0;
}

export async function grantApproval(
  actor: Actor,
  tx: Tx,
  providerId: string,
  input: { programmeId: string; occupationCode: string | null },
): Promise<Approval> {
  const provider = await providerForAdmin(actor, tx, providerId);
  const programme = await catalog.getProgramme(tx, input.programmeId);
  if (!programme) throw new AppError('PROGRAMME_UNKNOWN', 'no such programme', 'programmeId');
  if (input.occupationCode !== null && !(await catalog.getOccupation(tx, input.occupationCode)))
    throw new AppError('OCCUPATION_UNKNOWN', `occupation ${input.occupationCode} is not known`, 'occupationCode');
  let row: ApprovalRow;
  try {
    row = (
      await tx.query<ApprovalRow>(
        `INSERT INTO provider_approvals (provider_id, programme_id, occupation_code, granted_by) VALUES ($1, $2, $3, $4) RETURNING *`,
        [provider.id, programme.id, input.occupationCode, actor.accountId],
      )
    ).rows[0]!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('DUPLICATE', 'this approval is already granted', 'occupationCode');
    throw e;
  }
  await audit.record(tx, actor, {
    action: 'provider.approval.grant',
    entityType: 'organisation',
    entityId: provider.id,
    districtCode: provider.districtCode,
    detail: { approvalId: row.id, programme: programme.code, occupationCode: input.occupationCode },
  });
  return toApproval(row);
}

export async function revokeApproval(actor: Actor, tx: Tx, providerId: string, approvalId: string, reason: string): Promise<Approval> {
  const provider = await providerForAdmin(actor, tx, providerId);
  const { rows } = await tx.query<ApprovalRow>(
    `UPDATE provider_approvals SET revoked_at = now(), revoked_by = $3, revoke_reason = $4
      WHERE id = $1 AND provider_id = $2 AND revoked_at IS NULL RETURNING *`,
    [approvalId, provider.id, actor.accountId, reason],
  );
  const row = rows[0];
  if (!row) throw notFound('approval', 'approvalId');
  await audit.record(tx, actor, {
    action: 'provider.approval.revoke',
    entityType: 'organisation',
    entityId: provider.id,
    districtCode: provider.districtCode,
    detail: { approvalId, reason },
  });
  return toApproval(row);
}

export async function listApprovals(actor: Actor, q: Queryable, providerId: string): Promise<Approval[]> {
  const s = readScope(actor);
  const o = isUuid(providerId) ? await orgs.getOrg(q, providerId) : null;
  if (!o || o.kind !== 'provider' || !inScope(s, { providerId: o.id, districtCode: o.districtCode })) throw notFound('provider', 'id');
  const { rows } = await q.query<ApprovalRow>('SELECT * FROM provider_approvals WHERE provider_id = $1 ORDER BY granted_at, id', [o.id]);
  return rows.map(toApproval);
}

// ───────────────────────────── venues ─────────────────────────────

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

interface VenueRow {
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

const toVenue = (r: VenueRow): Venue => ({
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

export interface VenueView {
  id: string;
  providerId: string;
  name: string;
  address: string;
  districtCode: string;
  coordSystem: 'gcj02';
  lat: number;
  lng: number;
  wgs84: { lat: number; lng: number };
  geofenceRadiusM: number | null;
  createdAt: string;
  updatedAt: string;
}

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

/** Unscoped read (attendance: the geofence). Coordinates are GCJ-02. */
export async function getVenue(q: Queryable, id: string): Promise<Venue | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<VenueRow>('SELECT * FROM venues WHERE id = $1', [id])).rows[0];
  return r ? toVenue(r) : null;
}

export interface VenueInput {
  name: string;
  address: string;
  districtCode: string;
  coordSystem: CoordSystem;
  lat: number;
  lng: number;
  geofenceRadiusM?: number | null | undefined;
}

async function validDistrict(q: Queryable, code: string): Promise<void> {
  if (!(await catalog.getDistrict(q, code))) throw new AppError('DISTRICT_UNKNOWN', `district ${code} is not known`, 'districtCode');
}

export async function createVenue(actor: Actor, tx: Tx, input: VenueInput): Promise<Venue> {
  const providerId = requireProvider(actor);
  await activeProvider(tx, providerId);
  await validDistrict(tx, input.districtCode);
  const p = toStored({ lat: input.lat, lng: input.lng }, input.coordSystem);
  const { rows } = await tx.query<VenueRow>(
    `INSERT INTO venues (provider_id, name, address, district_code, lat_gcj02, lng_gcj02, geofence_radius_m)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
    [providerId, input.name, input.address, input.districtCode, p.lat, p.lng, input.geofenceRadiusM ?? null],
  );
  const v = toVenue(rows[0]!);
  await audit.record(tx, actor, {
    action: 'venue.create',
    entityType: 'venue',
    entityId: v.id,
    districtCode: v.districtCode,
    detail: { name: v.name, inputSystem: input.coordSystem },
  });
  return v;
}

export async function updateVenue(actor: Actor, tx: Tx, id: string, patch: Partial<VenueInput>): Promise<Venue> {
  const providerId = requireProvider(actor);
  const cur = await getVenue(tx, id);
  if (!cur || cur.providerId !== providerId) throw notFound('venue', 'id');
  if (patch.districtCode !== undefined) await validDistrict(tx, patch.districtCode);
  if ((patch.lat === undefined) !== (patch.lng === undefined) || (patch.lat !== undefined && !patch.coordSystem))
    throw new AppError('VALIDATION_FAILED', 'coordinates change together: lat, lng and coordSystem', patch.coordSystem ? 'lat' : 'coordSystem');
  const p = patch.lat !== undefined && patch.lng !== undefined && patch.coordSystem ? toStored({ lat: patch.lat, lng: patch.lng }, patch.coordSystem) : null;
  const { rows } = await tx.query<VenueRow>(
    `UPDATE venues SET name = coalesce($2, name), address = coalesce($3, address), district_code = coalesce($4, district_code),
            lat_gcj02 = coalesce($5, lat_gcj02), lng_gcj02 = coalesce($6, lng_gcj02),
            geofence_radius_m = CASE WHEN $7 THEN $8 ELSE geofence_radius_m END
      WHERE id = $1 RETURNING *`,
    [
      id,
      patch.name ?? null,
      patch.address ?? null,
      patch.districtCode ?? null,
      p?.lat ?? null,
      p?.lng ?? null,
      patch.geofenceRadiusM !== undefined,
      patch.geofenceRadiusM ?? null,
    ],
  );
  const v = toVenue(rows[0]!);
  await audit.record(tx, actor, {
    action: 'venue.update',
    entityType: 'venue',
    entityId: v.id,
    districtCode: v.districtCode,
    detail: { fields: Object.keys(patch) },
  });
  return v;
}

export async function readVenue(actor: Actor, q: Queryable, id: string): Promise<Venue> {
  const s = readScope(actor);
  const v = await getVenue(q, id);
  if (!v || !inScope(s, v)) throw notFound('venue', 'id');
  return v;
}

export async function listVenues(actor: Actor, q: Queryable, f: { providerId?: string | undefined; limit: number; offset: number }) {
  const s = readScope(actor);
  const { where, params } = scopeWhere(s, 'provider_id', 'district_code');
  if (f.providerId) {
    params.push(f.providerId);
    where.push(`provider_id = $${params.length}`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM venues ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<VenueRow>(`SELECT * FROM venues ${w} ORDER BY name, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  return { total, items: rows.map(toVenue) };
}

function scopeWhere(s: Scope, providerCol: string, districtCol: string): { where: string[]; params: unknown[] } {
  if (s.kind === 'provider') return { where: [`${providerCol} = $1`], params: [s.providerId] };
  if (s.kind === 'district') return { where: [`${districtCol} = $1`], params: [s.districtCode] };
  return { where: [], params: [] };
}

// ───────────────────────────── courses ─────────────────────────────

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

interface CourseRow {
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

const toCourse = (r: CourseRow): Course => ({
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

export const presentCourse = (c: Course) => ({
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

export async function getCourse(q: Queryable, id: string): Promise<Course | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<CourseRow>('SELECT * FROM courses WHERE id = $1', [id])).rows[0];
  return r ? toCourse(r) : null;
}

export interface CourseInput {
  programmeId: string;
  occupationCode: string;
  level: number;
  name: string;
  description?: string | null | undefined;
  hours: number;
  feeFen: number;
}

export async function createCourse(actor: Actor, tx: Tx, input: CourseInput): Promise<Course> {
  const providerId = requireProvider(actor);
  const provider = await activeProvider(tx, providerId);
  const programme = await catalog.getProgramme(tx, input.programmeId);
  if (!programme) throw new AppError('PROGRAMME_UNKNOWN', 'no such programme', 'programmeId');
  if (!(await catalog.getOccupation(tx, input.occupationCode)))
    throw new AppError('OCCUPATION_UNKNOWN', `occupation ${input.occupationCode} is not known`, 'occupationCode');
  if (!(await isApproved(tx, providerId, programme.id, input.occupationCode)))
    throw new AppError('PROVIDER_NOT_APPROVED', `the provider is not approved for ${programme.code} × ${input.occupationCode}`, 'occupationCode');
  const { rows } = await tx.query<CourseRow>(
    `INSERT INTO courses (provider_id, programme_id, occupation_code, level, name, description, hours, fee_fen)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *`,
    [providerId, programme.id, input.occupationCode, input.level, input.name, input.description ?? null, input.hours, input.feeFen],
  );
  const c = toCourse(rows[0]!);
  await audit.record(tx, actor, {
    action: 'course.create',
    entityType: 'course',
    entityId: c.id,
    districtCode: provider.districtCode,
    detail: { name: c.name, programme: programme.code, occupationCode: c.occupationCode, level: c.level, feeFen: c.feeFen },
  });
  return c;
}

export async function updateCourse(
  actor: Actor,
  tx: Tx,
  id: string,
  patch: { name?: string | undefined; description?: string | null | undefined; hours?: number | undefined; feeFen?: number | undefined },
): Promise<Course> {
  const providerId = requireProvider(actor);
  const cur = await getCourse(tx, id);
  if (!cur || cur.providerId !== providerId) throw notFound('course', 'id');
  const { rows } = await tx.query<CourseRow>(
    `UPDATE courses SET name = coalesce($2, name), description = CASE WHEN $3 THEN $4 ELSE description END,
            hours = coalesce($5, hours), fee_fen = coalesce($6, fee_fen) WHERE id = $1 RETURNING *`,
    [id, patch.name ?? null, patch.description !== undefined, patch.description ?? null, patch.hours ?? null, patch.feeFen ?? null],
  );
  const c = toCourse(rows[0]!);
  await audit.record(tx, actor, { action: 'course.update', entityType: 'course', entityId: c.id, detail: { fields: Object.keys(patch) } });
  return c;
}

async function courseInScope(actor: Actor, q: Queryable, c: Course | null): Promise<boolean> {
  if (!c) return false;
  const s = readScope(actor);
  if (s.kind !== 'district') return inScope(s, { providerId: c.providerId, districtCode: '' });
  const o = await orgs.getOrg(q, c.providerId);
  return o?.districtCode === s.districtCode;
}

export async function readCourse(actor: Actor, q: Queryable, id: string): Promise<Course> {
  const c = await getCourse(q, id);
  if (!(await courseInScope(actor, q, c))) throw notFound('course', 'id');
  return c!;
}

export async function listCourses(actor: Actor, q: Queryable, f: { providerId?: string | undefined; limit: number; offset: number }) {
  const s = readScope(actor);
  const where: string[] = [];
  const params: unknown[] = [];
  if (s.kind === 'provider') {
    params.push(s.providerId);
    where.push(`provider_id = $${params.length}`);
  } else if (s.kind === 'district') {
    // Providers of the district (the orgs registry owns the district; ask it).
    const ids = (await orgs.listOrgs(SYSTEM, q, { kind: 'provider', districtCode: s.districtCode, limit: 10_000, offset: 0 })).items.map((o) => o.id);
    params.push(ids);
    where.push(`provider_id = ANY($${params.length}::uuid[])`);
  }
  if (f.providerId) {
    params.push(f.providerId);
    where.push(`provider_id = $${params.length}`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM courses ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<CourseRow>(
    `SELECT * FROM courses ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: rows.map(toCourse) };
}

// ───────────────────────────── classes and sessions ─────────────────────────────

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

interface ClassRow {
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
const SEATS_TAKEN = (alias: string): string =>
  `(SELECT count(*)::int FROM class_seats s WHERE s.class_id = ${alias}.id AND s.voucher_id IS NOT NULL) AS seats_taken`;
const CLASS_COLS = `c.*, ${SEATS_TAKEN('c')}`;

const toClass = (r: ClassRow): TrainingClass => ({
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

export const presentClass = (c: TrainingClass) => ({
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
export type ClassView = ReturnType<typeof presentClass>;

export interface ClassSession {
  id: string;
  classId: string;
  seq: number;
  startsAt: Date;
  endsAt: Date;
  topic: string | null;
}

interface SessionRow {
  id: string;
  class_id: string;
  seq: number;
  starts_at: Date;
  ends_at: Date;
  topic: string | null;
}

const toSession = (r: SessionRow): ClassSession => ({ id: r.id, classId: r.class_id, seq: r.seq, startsAt: r.starts_at, endsAt: r.ends_at, topic: r.topic });
export const presentSession = (s: ClassSession) => ({
  id: s.id,
  classId: s.classId,
  seq: s.seq,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  topic: s.topic,
});

/** Unscoped read (attendance, assessment). */
export async function getClass(q: Queryable, id: string): Promise<TrainingClass | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<ClassRow>(`SELECT ${CLASS_COLS} FROM training_classes c WHERE c.id = $1`, [id])).rows[0];
  return r ? toClass(r) : null;
}

/** The class's sessions in order (attendance). */
export async function listSessions(q: Queryable, classId: string): Promise<ClassSession[]> {
  if (!isUuid(classId)) return [];
  const { rows } = await q.query<SessionRow>('SELECT * FROM class_sessions WHERE class_id = $1 ORDER BY seq', [classId]);
  return rows.map(toSession);
}

type SessionFactsRow = ClassRow & { s_id: string; s_seq: number; s_starts_at: Date; s_ends_at: Date; s_topic: string | null } & {
  [K in keyof VenueRow as `v_${K}`]: VenueRow[K] | null;
};

/**
 * A session with its class and the class's venue (null online) in ONE query — what a check-in reads about
 * where and when (attendance). Unscoped, like listSessions, getClass and getVenue, whose results it equals.
 * Concurrent reads outside a transaction (check-ins for many sessions arriving together) share one query
 * (src/db/batch.ts).
 */
export async function sessionFacts(q: Queryable, sessionId: string): Promise<{ session: ClassSession; cls: TrainingClass; venue: Venue | null } | null> {
  if (!isUuid(sessionId)) return null;
  const r = await sessionFactsById(q, sessionId.toLowerCase());
  if (!r) return null;
  const session = toSession({ id: r.s_id, class_id: r.id, seq: r.s_seq, starts_at: r.s_starts_at, ends_at: r.s_ends_at, topic: r.s_topic });
  const venue =
    r.v_id === null
      ? null
      : toVenue({
          id: r.v_id,
          provider_id: r.v_provider_id!,
          name: r.v_name!,
          address: r.v_address!,
          district_code: r.v_district_code!,
          lat_gcj02: r.v_lat_gcj02!,
          lng_gcj02: r.v_lng_gcj02!,
          geofence_radius_m: r.v_geofence_radius_m,
          created_at: r.v_created_at!,
          updated_at: r.v_updated_at!,
        });
  return { session, cls: toClass(r), venue };
}

const sessionFactsById = batchedByKey<SessionFactsRow>(
  `SELECT ${CLASS_COLS}, s.id AS s_id, s.seq AS s_seq, s.starts_at AS s_starts_at, s.ends_at AS s_ends_at, s.topic AS s_topic,
          v.id AS v_id, v.provider_id AS v_provider_id, v.name AS v_name, v.address AS v_address, v.district_code AS v_district_code,
          v.lat_gcj02 AS v_lat_gcj02, v.lng_gcj02 AS v_lng_gcj02, v.geofence_radius_m AS v_geofence_radius_m,
          v.created_at AS v_created_at, v.updated_at AS v_updated_at
     FROM class_sessions s JOIN training_classes c ON c.id = s.class_id LEFT JOIN venues v ON v.id = c.venue_id
    WHERE s.id = ANY($1::uuid[])`,
  (r) => r.s_id,
);

export async function readClass(actor: Actor, q: Queryable, id: string): Promise<TrainingClass> {
  const s = readScope(actor);
  const c = await getClass(q, id);
  if (!c || !inScope(s, c)) throw notFound('class', 'id');
  return c;
}

/** The provider's own class (another provider's → 404). */
async function ownClass(actor: Actor, q: Queryable, id: string, forUpdate = false): Promise<TrainingClass> {
  const providerId = requireProvider(actor);
  if (!isUuid(id)) throw notFound('class', 'id');
  const r = (await q.query<ClassRow>(`SELECT ${CLASS_COLS} FROM training_classes c WHERE c.id = $1${forUpdate ? ' FOR UPDATE OF c' : ''}`, [id])).rows[0];
  if (!r || r.provider_id !== providerId) throw notFound('class', 'id');
  return toClass(r);
}

export interface SessionInput {
  startsAt: string;
  endsAt: string;
  topic?: string | null | undefined;
}

function checkSessions(sessions: readonly SessionInput[], startDate: string, endDate: string): void {
  sessions.forEach((s, i) => {
    const a = new Date(s.startsAt);
    const b = new Date(s.endsAt);
    if (!(b.getTime() > a.getTime())) throw new AppError('VALIDATION_FAILED', 'a session ends after it starts', `sessions.${i}.endsAt`);
    if (businessDate(a) < startDate || businessDate(b) > endDate)
      throw new AppError('VALIDATION_FAILED', `a session lies within the class dates ${startDate}..${endDate} (Asia/Shanghai)`, `sessions.${i}.startsAt`);
  });
}

async function insertSessions(tx: Tx, classId: string, sessions: readonly SessionInput[]): Promise<void> {
  if (!sessions.length) return;
  const sorted = [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  await tx.query(
    `INSERT INTO class_sessions (class_id, seq, starts_at, ends_at, topic)
     SELECT $1, row_number() OVER (ORDER BY s), s, e, t FROM unnest($2::timestamptz[], $3::timestamptz[], $4::text[]) AS u(s, e, t)`,
    [classId, sorted.map((s) => s.startsAt), sorted.map((s) => s.endsAt), sorted.map((s) => s.topic ?? null)],
  );
}

export interface ClassInput {
  courseId: string;
  name?: string | undefined;
  venueId?: string | null | undefined;
  online: boolean;
  capacity: number;
  startDate: string;
  endDate: string;
  sessions?: SessionInput[] | undefined;
}

export async function createClass(actor: Actor, tx: Tx, input: ClassInput, now: Date = new Date()): Promise<TrainingClass> {
  const providerId = requireProvider(actor);
  const provider = await activeProvider(tx, providerId);
  const course = await getCourse(tx, input.courseId);
  if (!course || course.providerId !== providerId) throw notFound('course', 'courseId');
  const programme = await catalog.getProgramme(tx, course.programmeId);
  if (!programme) throw new AppError('PROGRAMME_UNKNOWN', 'the course programme is gone', 'courseId');
  if (programme.status !== 'open') throw new AppError('PROGRAMME_CLOSED', `${programme.code} is closed`, 'courseId');
  if (!(await isApproved(tx, providerId, programme.id, course.occupationCode)))
    throw new AppError('PROVIDER_NOT_APPROVED', `the provider is not approved for ${programme.code} × ${course.occupationCode}`, 'courseId');
  let venue: Venue | null = null;
  if (input.online) {
    if (input.venueId) throw new AppError('VALIDATION_FAILED', 'an online class has no venue', 'venueId');
  } else {
    if (!input.venueId) throw new AppError('VALIDATION_FAILED', 'an offline class needs a venue', 'venueId');
    venue = await getVenue(tx, input.venueId);
    if (!venue || venue.providerId !== providerId) throw notFound('venue', 'venueId');
  }
  if (input.endDate < input.startDate) throw new AppError('VALIDATION_FAILED', 'the class ends on or after its start date', 'endDate');
  const deadline = openingDeadline(input.startDate, programme.openingDeadlineDays);
  if (now.getTime() > deadline.getTime())
    throw new AppError('OPENING_DEADLINE_PASSED', `a class starting ${input.startDate} had to be reported by ${deadline.toISOString()}`, 'startDate');
  checkSessions(input.sessions ?? [], input.startDate, input.endDate);
  const occupation = await catalog.getOccupation(tx, course.occupationCode);
  const searchText = [course.name, input.name, provider.name, occupation?.name, course.occupationCode, venue?.name, venue?.address]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  const { rows } = await tx.query<ClassRow>(
    `INSERT INTO training_classes (course_id, provider_id, programme_id, occupation_code, level, fee_fen, name, venue_id, online, district_code,
                                   capacity, start_date, end_date, report_deadline, search_text)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING *, 0 AS seats_taken`,
    [
      course.id,
      providerId,
      programme.id,
      course.occupationCode,
      course.level,
      course.feeFen,
      input.name ?? course.name,
      venue?.id ?? null,
      input.online,
      venue?.districtCode ?? provider.districtCode,
      input.capacity,
      input.startDate,
      input.endDate,
      deadline,
      searchText,
    ],
  );
  const c = toClass(rows[0]!);
  await tx.query('INSERT INTO class_seats (class_id, seat_no) SELECT $1, g FROM generate_series(1, $2::int) g', [c.id, c.capacity]);
  await insertSessions(tx, c.id, input.sessions ?? []);
  await audit.record(tx, actor, {
    action: 'class.create',
    entityType: 'class',
    entityId: c.id,
    districtCode: c.districtCode,
    detail: { courseId: course.id, startDate: c.startDate, endDate: c.endDate, capacity: c.capacity, online: c.online, sessions: input.sessions?.length ?? 0 },
  });
  return c;
}

/** Replaces the sessions of a draft class. */
export async function replaceSessions(actor: Actor, tx: Tx, classId: string, sessions: SessionInput[]): Promise<ClassSession[]> {
  const c = await ownClass(actor, tx, classId, true);
  if (c.state !== 'draft') throw new AppError('CONFLICT', `the sessions of a ${c.state} class are fixed`, 'classId');
  checkSessions(sessions, c.startDate, c.endDate);
  await tx.query('DELETE FROM class_sessions WHERE class_id = $1', [c.id]);
  await insertSessions(tx, c.id, sessions);
  await audit.record(tx, actor, {
    action: 'class.sessions',
    entityType: 'class',
    entityId: c.id,
    districtCode: c.districtCode,
    detail: { sessions: sessions.length },
  });
  return listSessions(tx, c.id);
}

export async function readSessions(actor: Actor, q: Queryable, classId: string): Promise<ClassSession[]> {
  const c = await readClass(actor, q, classId);
  return listSessions(q, c.id);
}

export async function updateClass(
  actor: Actor,
  tx: Tx,
  id: string,
  patch: { name?: string | undefined; capacity?: number | undefined },
): Promise<TrainingClass> {
  const c = await ownClass(actor, tx, id, true);
  if (c.state !== 'draft') throw new AppError('CONFLICT', `a ${c.state} class cannot be changed`, 'id');
  if (patch.capacity !== undefined && patch.capacity < c.seatsTaken)
    throw new AppError('VALIDATION_FAILED', `${c.seatsTaken} seats are taken: the capacity cannot go below that`, 'capacity');
  if (patch.capacity !== undefined && patch.capacity > c.capacity)
    await tx.query(
      `INSERT INTO class_seats (class_id, seat_no)
       SELECT $1, m + g FROM (SELECT coalesce(max(seat_no), 0) AS m FROM class_seats WHERE class_id = $1) x, generate_series(1, $2::int) g`,
      [c.id, patch.capacity - c.capacity],
    );
  if (patch.capacity !== undefined && patch.capacity < c.capacity)
    await tx.query(
      `DELETE FROM class_seats WHERE (class_id, seat_no) IN
         (SELECT class_id, seat_no FROM class_seats WHERE class_id = $1 AND voucher_id IS NULL ORDER BY seat_no DESC LIMIT $2)`,
      [c.id, c.capacity - patch.capacity],
    );
  const { rows } = await tx.query<ClassRow>(
    `UPDATE training_classes SET name = coalesce($2, name), capacity = coalesce($3, capacity) WHERE id = $1 RETURNING *, ${SEATS_TAKEN('training_classes')}`,
    [id, patch.name ?? null, patch.capacity ?? null],
  );
  const out = toClass(rows[0]!);
  await audit.record(tx, actor, { action: 'class.update', entityType: 'class', entityId: id, districtCode: out.districtCode, detail: { ...patch } });
  return out;
}

export interface ClassFilter {
  state?: ClassState | undefined;
  providerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export async function listClasses(actor: Actor, q: Queryable, f: ClassFilter) {
  const s = readScope(actor);
  const { where, params } = scopeWhere(s, 'provider_id', 'district_code');
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.state) add('state = ?', f.state);
  if (f.providerId) add('provider_id = ?', f.providerId);
  if (f.from) add('start_date >= ?::date', f.from);
  if (f.to) add('start_date <= ?::date', f.to);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM training_classes ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<ClassRow>(
    `SELECT ${CLASS_COLS} FROM training_classes c ${w} ORDER BY start_date, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: rows.map(toClass) };
}

// ───────────────────────────── public course search ─────────────────────────────

export interface SearchFilter {
  occupationCode?: string | undefined;
  level?: number | undefined;
  districtCode?: string | undefined;
  programmeId?: string | undefined;
  providerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  sort: 'start' | 'distance';
  lat?: number | undefined;
  lng?: number | undefined;
  coordSystem: CoordSystem;
  limit: number;
  offset: number;
}

export interface SearchItem {
  classId: string;
  name: string;
  providerId: string;
  providerName: string;
  programmeId: string;
  occupationCode: string;
  occupationName: string | null;
  level: number;
  feeFen: number;
  online: boolean;
  districtCode: string;
  venue: { name: string; address: string; lat: number; lng: number; coordSystem: CoordSystem } | null;
  startDate: string;
  endDate: string;
  registrationClosesAt: string;
  seatsLeft: number;
  distanceM: number | null;
  /** For a signed-in worker: what the subsidy would be (fen), capped at the fee; null when no standard. */
  subsidyEstimateFen: number | null;
}

interface SearchRow extends ClassRow {
  venue_name: string | null;
  venue_address: string | null;
  lat_gcj02: number | null;
  lng_gcj02: number | null;
  distance_m: number | null;
}

/** round_half_up(standard × (1 + uplift) × ratio), capped at the course fee (DESIGN.md §4). */
export function estimateFen(quote: catalog.SubsidyQuote, feeFen: number): number {
  return Math.min(Math.floor((quote.standardFen * (100 + quote.upliftPct) * quote.ratioPct + 5000) / 10000), feeFen);
}

/**
 * Classes open for registration: draft (not yet reported), before the roster deadline, with a free seat,
 * of an active provider. Filters combine; sort by start date or by distance from the given point.
 */
export async function searchClasses(
  maybeActor: Actor | null,
  q: Queryable,
  f: SearchFilter,
  now: Date = new Date(),
): Promise<{ total: number; items: SearchItem[] }> {
  const suspended = (await orgs.listOrgs(SYSTEM, q, { kind: 'provider', status: 'suspended', limit: 10_000, offset: 0 })).items.map((o) => o.id);
  const where = [
    `c.state = 'draft'`,
    `c.report_deadline >= $1`,
    `EXISTS (SELECT 1 FROM class_seats fs WHERE fs.class_id = c.id AND fs.voucher_id IS NULL)`,
    `NOT (c.provider_id = ANY($2::uuid[]))`,
  ];
  const params: unknown[] = [now, suspended];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.occupationCode) add('c.occupation_code = ?', f.occupationCode);
  if (f.level !== undefined) add('c.level = ?', f.level);
  if (f.districtCode) add('c.district_code = ?', f.districtCode);
  if (f.programmeId) add('c.programme_id = ?', f.programmeId);
  if (f.providerId) add('c.provider_id = ?', f.providerId);
  if (f.from) add('c.start_date >= ?::date', f.from);
  if (f.to) add('c.start_date <= ?::date', f.to);
  if (f.q) {
    for (const word of f.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8))
      add(
        `c.search_text LIKE '%' || ? || '%'`,
        word.replace(/[\\%_]/g, (ch) => `\\${ch}`),
      );
  }
  const w = where.join(' AND ');
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM training_classes c WHERE ${w}`, params)).rows[0]!.n;
  let distance = 'NULL::double precision';
  if (f.sort === 'distance') {
    if (f.lat === undefined || f.lng === undefined)
      throw new AppError('VALIDATION_FAILED', 'sorting by distance needs lat and lng', f.lat === undefined ? 'lat' : 'lng');
    const p = toStored({ lat: f.lat, lng: f.lng }, f.coordSystem);
    params.push(p.lat, p.lng);
    const la = `$${params.length - 1}`;
    const ln = `$${params.length}`;
    distance = `CASE WHEN v.id IS NULL THEN NULL ELSE 2 * 6371008.8 * asin(least(1, sqrt(
        power(sin(radians(v.lat_gcj02 - ${la}::float8) / 2), 2)
      + cos(radians(${la}::float8)) * cos(radians(v.lat_gcj02)) * power(sin(radians(v.lng_gcj02 - ${ln}::float8) / 2), 2)))) END`;
  }
  const order = f.sort === 'distance' ? 'distance_m ASC NULLS LAST, c.start_date, c.id' : 'c.start_date, c.id';
  const { rows } = await q.query<SearchRow>(
    `SELECT ${CLASS_COLS}, v.name AS venue_name, v.address AS venue_address, v.lat_gcj02, v.lng_gcj02, ${distance} AS distance_m
       FROM training_classes c LEFT JOIN venues v ON v.id = c.venue_id
      WHERE ${w} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  const person = maybeActor?.role === 'worker' && maybeActor.personId ? await persons.getPerson(q, maybeActor.personId) : null;
  const providerNames = new Map<string, string>();
  const occupationNames = new Map<string, string | null>();
  const quotes = new Map<string, catalog.SubsidyQuote | null>();
  const items: SearchItem[] = [];
  for (const r of rows) {
    if (!providerNames.has(r.provider_id)) providerNames.set(r.provider_id, (await orgs.getOrg(q, r.provider_id))?.name ?? '');
    if (!occupationNames.has(r.occupation_code)) occupationNames.set(r.occupation_code, (await catalog.getOccupation(q, r.occupation_code))?.name ?? null);
    let estimate: number | null = null;
    if (person) {
      const key = `${r.programme_id}|${r.occupation_code}|${r.level}`;
      if (!quotes.has(key)) {
        try {
          quotes.set(
            key,
            await catalog.quoteSubsidy(q, { programmeId: r.programme_id, occupationCode: r.occupation_code, level: r.level, categories: person.categories }),
          );
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          quotes.set(key, null);
        }
      }
      const quote = quotes.get(key);
      estimate = quote ? estimateFen(quote, r.fee_fen) : null;
    }
    const venuePoint = r.lat_gcj02 !== null && r.lng_gcj02 !== null ? fromStored({ lat: r.lat_gcj02, lng: r.lng_gcj02 }, f.coordSystem) : null;
    items.push({
      classId: r.id,
      name: r.name,
      providerId: r.provider_id,
      providerName: providerNames.get(r.provider_id) ?? '',
      programmeId: r.programme_id,
      occupationCode: r.occupation_code,
      occupationName: occupationNames.get(r.occupation_code) ?? null,
      level: r.level,
      feeFen: r.fee_fen,
      online: r.online,
      districtCode: r.district_code,
      venue: venuePoint
        ? { name: r.venue_name ?? '', address: r.venue_address ?? '', lat: venuePoint.lat, lng: venuePoint.lng, coordSystem: f.coordSystem }
        : null,
      startDate: r.start_date,
      endDate: r.end_date,
      registrationClosesAt: r.report_deadline.toISOString(),
      seatsLeft: r.capacity - r.seats_taken,
      distanceM: r.distance_m === null ? null : Math.round(r.distance_m),
      subsidyEstimateFen: estimate,
    });
  }
  return { total, items };
}

// ───────────────────────────── seats ─────────────────────────────

/**
 * Claims a free seat for the voucher: one UPDATE of a seat row picked with FOR UPDATE SKIP LOCKED, so
 * concurrent claims on one class take different rows instead of queueing on one counter. No free seat →
 * CLASS_FULL. Claiming again for the same voucher is a no-op.
 */
async function takeSeat(tx: Tx, classId: string, voucherId: string): Promise<void> {
  const r = await tx.query(
    `WITH mine AS (SELECT seat_no FROM class_seats WHERE class_id = $1 AND voucher_id = $2),
          free AS (SELECT seat_no FROM class_seats WHERE class_id = $1 AND voucher_id IS NULL AND NOT EXISTS (SELECT 1 FROM mine)
                    ORDER BY seat_no LIMIT 1 FOR UPDATE SKIP LOCKED),
          claimed AS (UPDATE class_seats s SET voucher_id = $2 FROM free WHERE s.class_id = $1 AND s.seat_no = free.seat_no RETURNING s.seat_no)
     SELECT seat_no FROM mine UNION ALL SELECT seat_no FROM claimed`,
    [classId, voucherId],
  );
  if (r.rows.length === 0) throw new AppError('CLASS_FULL', 'the class is full', 'classId');
}

async function releaseSeat(tx: Tx, classId: string, voucherId: string): Promise<void> {
  await tx.query('UPDATE class_seats SET voucher_id = NULL WHERE class_id = $1 AND voucher_id = $2', [classId, voucherId]);
}

// ───────────────────────────── registration (报名) ─────────────────────────────

export interface Registration {
  id: string;
  classId: string;
  voucherId: string;
  personId: string;
  status: 'pending' | 'admitted' | 'cancelled' | 'released';
  createdAt: Date;
  updatedAt: Date;
}

interface RegistrationRow {
  id: string;
  class_id: string;
  voucher_id: string;
  person_id: string;
  status: Registration['status'];
  created_at: Date;
  updated_at: Date;
}

const toRegistration = (r: RegistrationRow): Registration => ({
  id: r.id,
  classId: r.class_id,
  voucherId: r.voucher_id,
  personId: r.person_id,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const presentRegistration = (r: Registration) => ({
  id: r.id,
  classId: r.classId,
  voucherId: r.voucherId,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What the admission rule needs beyond the class and the voucher. */
interface SideFacts {
  holdsSeat: boolean;
  nonceUsed: boolean;
  providerActive: boolean;
  approved: boolean;
}

function reasonsFor(c: TrainingClass, v: vouchers.Voucher, now: Date, f: SideFacts): AdmitReason[] {
  return admitReasons({
    voucherStatus: v.status,
    voucherValidFrom: v.validFrom,
    voucherValidUntil: v.validUntil,
    voucherProgrammeId: v.programmeId ?? c.programmeId,
    voucherOccupationCode: v.occupationCode,
    voucherLevel: v.level,
    classProgrammeId: c.programmeId,
    classOccupationCode: c.occupationCode,
    classLevel: c.level,
    classState: c.state,
    deadline: c.reportDeadline,
    seatsLeft: c.capacity - c.seatsTaken,
    holdsSeat: f.holdsSeat,
    providerActive: f.providerActive,
    providerApproved: f.approved,
    nonceUsed: f.nonceUsed,
    now,
  });
}

interface ClassFacts {
  cls: TrainingClass;
  approved: boolean;
  /** The voucher's pending registration in this class, if any. */
  registrationId: string | null;
}

type ClassFactsRow = ClassRow & { approved: boolean; registration_id: string | null; k: string };

/**
 * The class, whether its provider is approved for it, and the voucher's pending registration: one query over
 * training's own tables (concurrent verifies outside a transaction share it: src/db/batch.ts).
 */
const classFactsRead = batchedRead<{ classId: string; voucherId: string }, ClassFactsRow>(
  async (q, keys) => {
    const { rows } = await q.query<ClassFactsRow>(
      `SELECT ${CLASS_COLS},
              EXISTS (SELECT 1 FROM provider_approvals a
                       WHERE a.provider_id = c.provider_id AND a.programme_id = c.programme_id
                         AND (a.occupation_code = c.occupation_code OR a.occupation_code IS NULL) AND a.revoked_at IS NULL) AS approved,
              (SELECT r.id FROM registrations r WHERE r.class_id = c.id AND r.voucher_id = k.voucher_id AND r.status = 'pending') AS registration_id,
              k.class_id::text || ' ' || k.voucher_id::text AS k
         FROM unnest($1::uuid[], $2::uuid[]) AS k(class_id, voucher_id) JOIN training_classes c ON c.id = k.class_id`,
      [keys.map((k) => k.classId), keys.map((k) => k.voucherId)],
    );
    return inKeyOrder(
      keys,
      rows,
      (k) => `${k.classId} ${k.voucherId}`,
      (r) => r.k,
    );
  },
  (k) => `${k.classId} ${k.voucherId}`,
);

async function classFacts(q: Queryable, classId: string, voucherId: string): Promise<ClassFacts | null> {
  if (!isUuid(classId) || !isUuid(voucherId)) return null;
  const r = await classFactsRead(q, { classId: classId.toLowerCase(), voucherId: voucherId.toLowerCase() });
  return r ? { cls: toClass(r), approved: r.approved, registrationId: r.registration_id } : null;
}

/** Facts the admission rule needs about a voucher and a class (reads the provider and the approval). */
async function admitFacts(q: Queryable, c: TrainingClass, v: vouchers.Voucher, now: Date, holdsSeat: boolean, nonceUsed: boolean) {
  const provider = await orgs.getOrg(q, c.providerId);
  return reasonsFor(c, v, now, {
    holdsSeat,
    nonceUsed,
    providerActive: provider?.status === 'active',
    approved: await isApproved(q, c.providerId, c.programmeId, c.occupationCode),
  });
}

/** The first reason as the error a write answers with. */
function reasonError(reason: AdmitReason, c: TrainingClass): AppError {
  switch (reason) {
    case 'VOUCHER_EXPIRED':
      return new AppError('VOUCHER_EXPIRED', 'the voucher has expired', 'voucherId');
    case 'VOUCHER_NOT_ISSUED':
    case 'VOUCHER_NOT_YET_VALID':
    case 'PROGRAMME_MISMATCH':
    case 'OCCUPATION_MISMATCH':
    case 'LEVEL_MISMATCH':
      return new AppError('VOUCHER_NOT_USABLE', `the voucher cannot be used for this class (${reason})`, 'voucherId', { reason });
    case 'PROVIDER_SUSPENDED':
      return new AppError('PROVIDER_SUSPENDED', 'the provider is suspended', 'classId');
    case 'PROVIDER_NOT_APPROVED':
      return new AppError('PROVIDER_NOT_APPROVED', 'the provider is not approved for this programme and occupation', 'classId');
    case 'CLASS_NOT_ADMITTING':
      return new AppError('CLASS_NOT_OPEN', `the class is ${c.state}: it takes no registrations or admissions`, 'classId');
    case 'OPENING_DEADLINE_PASSED':
      return new AppError('OPENING_DEADLINE_PASSED', `admissions closed at ${c.reportDeadline.toISOString()}`, 'classId');
    case 'CLASS_FULL':
      return new AppError('CLASS_FULL', 'the class is full', 'classId');
    case 'QR_TOKEN_REPLAYED':
      return new AppError('QR_TOKEN_REPLAYED', 'this QR code was already used; ask the holder to refresh it', 'token');
  }
}

/** A worker registers for a class with one of their own vouchers; a seat is held (CLASS_FULL when none). */
export async function register(actor: Actor, tx: Tx, input: { classId: string; voucherId: string }, now: Date = new Date()): Promise<Registration> {
  if (actor.role !== 'worker' || !actor.personId) throw new AppError('FORBIDDEN', 'only a worker registers for a class');
  const v = await vouchers.getVoucher(tx, input.voucherId);
  if (!v || v.personId !== actor.personId) throw notFound('voucher', 'voucherId');
  const c = await getClass(tx, input.classId);
  if (!c) throw notFound('class', 'classId');
  const reasons = (await admitFacts(tx, c, v, now, false, false)).filter((r) => r !== 'CLASS_FULL');
  if (reasons.length) throw reasonError(reasons[0]!, c);
  let row: RegistrationRow;
  try {
    row = (
      await tx.query<RegistrationRow>('INSERT INTO registrations (class_id, voucher_id, person_id) VALUES ($1, $2, $3) RETURNING *', [
        c.id,
        v.id,
        actor.personId,
      ])
    ).rows[0]!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('DUPLICATE', 'already registered for this class with this voucher', 'voucherId');
    throw e;
  }
  await takeSeat(tx, c.id, v.id);
  await audit.record(tx, actor, {
    action: 'registration.create',
    entityType: 'registration',
    entityId: row.id,
    districtCode: c.districtCode,
    detail: { classId: c.id, voucher: v.number },
  });
  return toRegistration(row);
}

export async function cancelRegistration(actor: Actor, tx: Tx, id: string): Promise<Registration> {
  if (actor.role !== 'worker' || !actor.personId) throw new AppError('FORBIDDEN', 'only the worker cancels their registration');
  if (!isUuid(id)) throw notFound('registration', 'id');
  const { rows } = await tx.query<RegistrationRow>(
    `UPDATE registrations SET status = 'cancelled' WHERE id = $1 AND person_id = $2 AND status = 'pending' RETURNING *`,
    [id, actor.personId],
  );
  const row = rows[0];
  if (!row) {
    const cur = (await tx.query<RegistrationRow>('SELECT * FROM registrations WHERE id = $1 AND person_id = $2', [id, actor.personId])).rows[0];
    if (!cur) throw notFound('registration', 'id');
    throw new AppError('CONFLICT', `the registration is ${cur.status}`, 'id');
  }
  await releaseSeat(tx, row.class_id, row.voucher_id);
  await audit.record(tx, actor, { action: 'registration.cancel', entityType: 'registration', entityId: row.id, detail: { classId: row.class_id } });
  return toRegistration(row);
}

export async function listMyRegistrations(actor: Actor, q: Queryable): Promise<Registration[]> {
  if (actor.role !== 'worker' || !actor.personId) throw new AppError('FORBIDDEN', 'only a worker has registrations');
  const { rows } = await q.query<RegistrationRow>('SELECT * FROM registrations WHERE person_id = $1 ORDER BY created_at DESC LIMIT 200', [actor.personId]);
  return rows.map(toRegistration);
}

export async function listClassRegistrations(actor: Actor, q: Queryable, classId: string) {
  const c = await readClass(actor, q, classId);
  const { rows } = await q.query<RegistrationRow>(`SELECT * FROM registrations WHERE class_id = $1 AND status = 'pending' ORDER BY created_at, id`, [c.id]);
  const out = [];
  for (const r of rows) {
    const v = await vouchers.getVoucher(q, r.voucher_id);
    const p = await persons.getPerson(q, r.person_id);
    out.push({
      ...presentRegistration(toRegistration(r)),
      voucherNumber: v?.number ?? '',
      holder: p ? { name: maskName(p.name), idNumberMasked: maskId(p.idNumber) } : { name: '*', idNumberMasked: '***' },
    });
  }
  return out;
}

// ───────────────────────────── verify (读取验证) and admission (补贴学员录取) ─────────────────────────────

export type VoucherCredential = { token: string } | { voucherNumber: string; idNumber: string };

/** Resolves the credential to the voucher (and the holder): a signed QR token, or a typed number plus the holder's ID number. */
async function resolveVoucher(
  q: Queryable,
  cred: VoucherCredential,
): Promise<{ voucher: vouchers.Voucher; person: persons.Person; qr: { exp: number } | null }> {
  if ('token' in cred) {
    const p = await vouchers.verifyQrToken(cred.token);
    const v = await vouchers.getVoucher(q, p.voucherId);
    if (!v) throw new AppError('QR_TOKEN_INVALID', 'the token names no voucher', 'token');
    const person = await persons.getPerson(q, v.personId);
    if (!person) throw new AppError('QR_TOKEN_INVALID', 'the token names no holder', 'token');
    return { voucher: v, person, qr: { exp: p.exp } };
  }
  return { ...(await holderOf(q, await vouchers.findVoucherByNumber(q, cred.voucherNumber), cred.idNumber)), qr: null };
}

/** The voucher found by number and its holder, if the ID number given is the holder's; else 404 (no existence leak). */
async function holderOf(q: Queryable, v: vouchers.Voucher | null, idNumber: string): Promise<{ voucher: vouchers.Voucher; person: persons.Person }> {
  const person = v ? await persons.getPerson(q, v.personId) : null;
  // A wrong ID number reads as an unknown voucher: no existence leak.
  if (!v || !person || person.idNumber !== normaliseIdNumber(idNumber)) throw notFound('voucher', 'voucherNumber');
  return { voucher: v, person };
}

/**
 * Moves the voucher through the vouchers service. Its refusals carry `extra.status` (the voucher's state),
 * which the problem mapper would take for the HTTP status: re-raised as `voucherStatus`.
 */
async function moveVoucher(...args: Parameters<typeof vouchers.transitionVoucher>): Promise<vouchers.Voucher> {
  try {
    return await vouchers.transitionVoucher(...args);
  } catch (e) {
    if (e instanceof AppError && e.extra && 'status' in e.extra) {
      const { status, ...rest } = e.extra;
      throw new AppError(e.code, e.message, e.field, { ...rest, voucherStatus: status }, e.issues);
    }
    throw e;
  }
}

export interface VerifyResult {
  admissible: boolean;
  reasons: AdmitReason[];
  holder: { name: string; idNumberMasked: string };
  voucher: {
    id: string;
    number: string;
    kind: string;
    status: string;
    programmeId: string | null;
    occupationCode: string | null;
    level: number | null;
    validFrom: string;
    validUntil: string;
    ratioPct: number;
    subsidyEstimateFen: number | null;
  };
  class: { id: string; name: string; startDate: string; admissionsCloseAt: string; seatsLeft: number };
  registered: boolean;
}

/**
 * 读取验证: the provider presents a QR token or a number + ID number for one of its classes; the answer
 * carries the masked holder and voucher details and whether admission is possible (with every reason why not).
 * Token errors (signature, key, expiry) are refusals (QR_TOKEN_INVALID / QR_TOKEN_EXPIRED).
 */
export async function verifyForClass(actor: Actor, db: Db, classId: string, cred: VoucherCredential, now: Date = new Date()): Promise<VerifyResult> {
  const providerId = requireProvider(actor);
  if (!isUuid(classId)) throw notFound('class', 'id');
  // The token's signature first; then the voucher (with its nonce), the class facts and the provider are
  // independent reads, and the holder follows the voucher.
  let v: vouchers.Voucher;
  let used = false;
  let facts: ClassFacts | null;
  let provider: orgs.Org | null;
  let person: persons.Person | null;
  if ('token' in cred) {
    const qr = await vouchers.verifyQrToken(cred.token);
    const [tv, f, p] = await Promise.all([vouchers.getTokenVoucher(db, qr), classFacts(db, classId, qr.voucherId), orgs.getOrgRecent(db, providerId)]);
    if (!tv.voucher) throw new AppError('QR_TOKEN_INVALID', 'the token names no voucher', 'token');
    v = tv.voucher;
    used = tv.nonceUsed;
    [facts, provider] = [f, p];
    person = await persons.getPerson(db, v.personId);
    if (!person) throw new AppError('QR_TOKEN_INVALID', 'the token names no holder', 'token');
  } else {
    const r = await resolveVoucher(db, cred);
    v = r.voucher;
    person = r.person;
    [facts, provider] = await Promise.all([classFacts(db, classId, v.id), orgs.getOrgRecent(db, providerId)]);
  }
  if (!facts || facts.cls.providerId !== providerId) throw notFound('class', 'id');
  const c = facts.cls;
  const reasons = reasonsFor(c, v, now, {
    holdsSeat: facts.registrationId !== null,
    nonceUsed: used,
    providerActive: provider?.status === 'active',
    approved: facts.approved,
  });
  return {
    admissible: reasons.length === 0,
    reasons,
    holder: { name: maskName(person.name), idNumberMasked: maskId(person.idNumber) },
    voucher: {
      id: v.id,
      number: v.number,
      kind: v.kind,
      status: v.status,
      programmeId: v.programmeId,
      occupationCode: v.occupationCode,
      level: v.level,
      validFrom: v.validFrom,
      validUntil: v.validUntil,
      ratioPct: v.ratioPct,
      subsidyEstimateFen: vouchers.subsidyEstimateFen(v),
    },
    class: { id: c.id, name: c.name, startDate: c.startDate, admissionsCloseAt: c.reportDeadline.toISOString(), seatsLeft: c.capacity - c.seatsTaken },
    registered: facts.registrationId !== null,
  };
}

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

interface AdmissionRow {
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

const toAdmission = (r: AdmissionRow): Admission => ({
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

export const presentAdmission = (a: Admission) => ({
  id: a.id,
  classId: a.classId,
  voucherId: a.voucherId,
  via: a.via,
  status: a.status,
  admittedAt: a.admittedAt.toISOString(),
  endedAt: a.endedAt?.toISOString() ?? null,
  endReason: a.endReason,
});

/** What an admission decides on, read before its transaction (a write re-checks what can change atomically). */
interface AdmissionPlan {
  cls: TrainingClass;
  voucher: vouchers.Voucher;
  qr: vouchers.QrPayload | null;
  via: 'qr' | 'number';
}

/**
 * The reads of an admission — the provider (fresh, never cached), the voucher (from the verified token, or by
 * number + the holder's ID number) and the class facts — and the rules that need nothing else. Outside a
 * transaction these reads are coalesced with concurrent requests' (src/db/batch.ts). Refusals come in a fixed
 * order: provider, voucher, class.
 */
async function planAdmission(actor: Actor, q: Queryable, classId: string, cred: VoucherCredential, now: Date): Promise<AdmissionPlan> {
  const providerId = requireProvider(actor);
  if (!isUuid(classId)) throw notFound('class', 'id');
  const qr = 'token' in cred ? await vouchers.verifyQrToken(cred.token) : null;
  // By number, the class facts are read beside the holder (both need only the voucher's id), not after.
  const numbered = 'voucherNumber' in cred ? cred : null;
  const byNumber = numbered ? vouchers.findVoucherByNumber(q, numbered.voucherNumber) : null;
  const [provider, voucher, facts] = await Promise.allSettled([
    activeProvider(q, providerId),
    qr
      ? vouchers.getTokenVoucher(q, qr).then((tv) => {
          if (!tv.voucher) throw new AppError('QR_TOKEN_INVALID', 'the token names no voucher', 'token');
          if (tv.nonceUsed) throw new AppError('QR_TOKEN_REPLAYED', 'this QR code was already used; ask the holder to refresh it', 'token');
          return tv.voucher;
        })
      : byNumber!.then((v) => holderOf(q, v, numbered!.idNumber)).then((h) => h.voucher),
    qr ? classFacts(q, classId, qr.voucherId) : byNumber!.then((v) => (v ? classFacts(q, classId, v.id) : null)),
  ]);
  for (const r of [provider, voucher, facts]) if (r.status === 'rejected') throw r.reason;
  const v = (voucher as PromiseFulfilledResult<vouchers.Voucher>).value;
  const f = (facts as PromiseFulfilledResult<ClassFacts | null>).value;
  if (!f || f.cls.providerId !== providerId) throw notFound('class', 'id');
  // Everything but the voucher state (decided atomically by the transition) and the seat count.
  const reasons = reasonsFor(f.cls, v, now, { holdsSeat: f.registrationId !== null, nonceUsed: false, providerActive: true, approved: f.approved }).filter(
    (r) => r !== 'VOUCHER_NOT_ISSUED' && r !== 'CLASS_FULL',
  );
  if (reasons.length) throw reasonError(reasons[0]!, f.cls);
  return { cls: f.cls, voucher: v, qr, via: qr ? 'qr' : 'number' };
}

/**
 * The writes of an admission, in three statements and two audit entries: (1) training's own — the admission
 * row (at most one open admission per voucher: a partial unique index, so a concurrent attempt waits and
 * fails), the voucher's pending registrations (this class's becomes the admission, others are released with
 * their seats) and a seat (the registration's, or a free one taken with SKIP LOCKED); (2) the vouchers
 * service's — the QR nonce consumed, issued → admitted, the event row; (3) the voucher's and the admission's
 * audit entries together. The audit chain's head, shared by many, is taken last and held only to the commit.
 */
async function writeAdmission(actor: Actor, tx: Tx, plan: AdmissionPlan, now: Date): Promise<Admission> {
  const { cls: c, voucher: v } = plan;
  let row: AdmissionRow & { seated: boolean };
  try {
    row = (await insertAdmissions(tx, [{ actor, plan, now }]))[0]!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('VOUCHER_NOT_USABLE', 'the voucher is already admitted to a class', 'voucherId');
    throw e;
  }
  if (!row.seated) throw new AppError('CLASS_FULL', 'the class is full', 'classId');
  try {
    // the admission's audit entry is written with the voucher's, in one round trip
    await vouchers.admitVoucher(tx, actor, v.id, {
      qr: plan.qr ?? undefined,
      reason: `class ${c.id}`,
      asOf: now,
      alsoRecord: {
        action: 'admission.create',
        entityType: 'admission',
        entityId: row.id,
        districtCode: c.districtCode,
        detail: { classId: c.id, voucher: v.number, via: row.via },
      },
    });
  } catch (e) {
    // The vouchers service's refusals carry the voucher's state as `status`; the problem mapper would take it
    // for the HTTP status: re-raised as `voucherStatus` (as moveVoucher does).
    if (e instanceof AppError && e.extra && 'status' in e.extra) {
      const { status, ...rest } = e.extra;
      throw new AppError(e.code, e.message, e.field, { ...rest, voucherStatus: status }, e.issues);
    }
    throw e;
  }
  return toAdmission(row);
}

/**
 * 补贴学员录取: binds the voucher to the class exactly once (planAdmission + writeAdmission in the caller's
 * transaction): the token's nonce is consumed (single use), the voucher moves issued → admitted (one
 * conditional UPDATE in the vouchers service: of concurrent attempts on one voucher exactly one wins, the
 * others get VOUCHER_NOT_USABLE), a seat is held, and the admissions row is written (its partial unique index
 * allows one open admission per voucher), admitted at `now` — the instant its rules were decided at.
 */
export async function admit(actor: Actor, tx: Tx, classId: string, cred: VoucherCredential, now: Date = new Date()): Promise<Admission> {
  return writeAdmission(actor, tx, await planAdmission(actor, tx, classId, cred, now), now);
}

/**
 * The admission route: the reads coalesced with concurrent requests', then the write — admissions that reach
 * the node in the same turn of the event loop are written together in one transaction (writeAdmissions), all
 * or nothing; when that fails (one of them is refused, a voucher twice, a class full) each is written alone,
 * exactly as if it had come alone, and gets its own answer.
 */
export async function admitNow(actor: Actor, db: Db, classId: string, cred: VoucherCredential, now: Date = new Date()): Promise<Admission> {
  const plan = await planAdmission(actor, db, classId, cred, now);
  return coalescedAdmission(db, { actor, plan, now });
}

interface PendingAdmission {
  actor: Actor;
  plan: AdmissionPlan;
  now: Date;
}

// One batch of up to 32 in flight per node: those arriving meanwhile form the next (bench: +10 % admissions/s
// over unbounded batches of up to 100, which keep the node and the database working by turns).
const coalescedAdmission = coalescedWrite<PendingAdmission, Admission>((db, items) => admissionBatch(db, items), 32, { inFlight: 1 });

class BatchRefused extends Error {}
/** Why a batch may fail in normal operation: one of its admissions is refused, or it met a concurrent one. */
const expectedBatchFailure = (e: unknown): boolean => e instanceof BatchRefused || e instanceof AppError || isUniqueViolation(e) || isConcurrencyConflict(e);

async function admissionBatch(db: Db, items: readonly PendingAdmission[]): Promise<Array<Admission | Error>> {
  const alone = () => Promise.all(items.map((it) => db.tx((tx) => writeAdmission(it.actor, tx, it.plan, it.now)).catch(asError)));
  if (items.length === 1) return alone();
  try {
    return await db.tx((tx) => writeAdmissions(tx, items));
  } catch (e) {
    if (!expectedBatchFailure(e)) process.emitWarning(`admission batch of ${items.length} failed unexpectedly: ${String(e)}`, { code: 'SV_BATCH' });
    return alone();
  }
}

/**
 * Training's statement of an admission, for one or many: the voucher's pending registrations (this class's
 * becomes the admission, others are released with their seats), the admission rows (at most one open
 * admission per voucher: a partial unique index, so a concurrent attempt waits and fails) and a seat each —
 * the registration's, or a free one taken with SKIP LOCKED (the n-th admission of a class in the call takes
 * the n-th free seat not locked by others). `seated` says whether it got one.
 */
async function insertAdmissions(
  tx: Tx,
  items: ReadonlyArray<{ actor: Actor; plan: AdmissionPlan; now: Date }>,
): Promise<Array<AdmissionRow & { seated: boolean }>> {
  const p = items.map((it) => it.plan);
  const { rows } = await tx.query<AdmissionRow & { seated: boolean }>(
    `WITH k AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::timestamptz[]) WITH ORDINALITY
         AS k(class_id, voucher_id, person_id, provider_id, via, admitted_by, admitted_at, i)),
     regs AS (
       UPDATE registrations r SET status = CASE WHEN r.class_id = k.class_id THEN 'admitted' ELSE 'released' END
         FROM k WHERE r.voucher_id = k.voucher_id AND r.status = 'pending'
       RETURNING r.id, r.class_id, r.voucher_id, k.class_id AS target),
     released AS (
       UPDATE class_seats s SET voucher_id = NULL FROM regs
        WHERE regs.class_id <> regs.target AND s.class_id = regs.class_id AND s.voucher_id = regs.voucher_id RETURNING 1),
     adm AS (
       INSERT INTO admissions (class_id, voucher_id, person_id, provider_id, registration_id, via, admitted_by, admitted_at)
       SELECT k.class_id, k.voucher_id, k.person_id, k.provider_id,
              (SELECT regs.id FROM regs WHERE regs.voucher_id = k.voucher_id AND regs.class_id = k.class_id LIMIT 1), k.via, k.admitted_by, k.admitted_at
         FROM k ORDER BY k.i
       RETURNING *),
     mine AS (SELECT s.class_id, s.voucher_id FROM class_seats s JOIN k ON s.class_id = k.class_id AND s.voucher_id = k.voucher_id),
     need AS (
       SELECT k.class_id, k.voucher_id, row_number() OVER (PARTITION BY k.class_id ORDER BY k.i) AS r FROM k
        WHERE NOT EXISTS (SELECT 1 FROM mine WHERE mine.class_id = k.class_id AND mine.voucher_id = k.voucher_id)),
     free AS (
       SELECT need.class_id, need.voucher_id, f.seat_no FROM need CROSS JOIN LATERAL
         (SELECT seat_no FROM class_seats WHERE class_id = need.class_id AND voucher_id IS NULL
           ORDER BY seat_no OFFSET need.r - 1 LIMIT 1 FOR UPDATE SKIP LOCKED) f),
     claimed AS (
       UPDATE class_seats s SET voucher_id = free.voucher_id FROM free
        WHERE s.class_id = free.class_id AND s.seat_no = free.seat_no RETURNING s.class_id, s.voucher_id)
     SELECT adm.*, (EXISTS (SELECT 1 FROM mine WHERE mine.class_id = adm.class_id AND mine.voucher_id = adm.voucher_id)
                    OR EXISTS (SELECT 1 FROM claimed c WHERE c.class_id = adm.class_id AND c.voucher_id = adm.voucher_id)) AS seated
       FROM adm`,
    [
      p.map((x) => x.cls.id),
      p.map((x) => x.voucher.id),
      p.map((x) => x.voucher.personId),
      p.map((x) => x.cls.providerId),
      p.map((x) => x.via),
      items.map((it) => it.actor.accountId),
      items.map((it) => it.now),
    ],
  );
  return rows;
}

/**
 * writeAdmission for several admissions in one transaction: training's statement for all of them (admission
 * rows, registrations, seats — the n-th admission of a class in the batch takes the n-th free seat not locked
 * by others), the vouchers service's statement for all of them, one round trip of audit entries. Throws
 * (rolling back) unless every one of them goes through.
 */
async function writeAdmissions(tx: Tx, items: readonly PendingAdmission[]): Promise<Admission[]> {
  const p = items.map((it) => it.plan);
  const rows = await insertAdmissions(tx, items);
  const byVoucher = new Map(rows.map((r) => [r.voucher_id, r]));
  const adm = p.map((x) => byVoucher.get(x.voucher.id));
  if (rows.length !== items.length || adm.some((r) => !r || !r.seated)) throw new BatchRefused('an admission of the batch cannot go through');
  const moved = await vouchers.admitVouchers(
    tx,
    items.map((it, i) => ({
      by: it.actor,
      id: it.plan.voucher.id,
      qr: it.plan.qr ?? undefined,
      reason: `class ${it.plan.cls.id}`,
      alsoRecord: {
        action: 'admission.create',
        entityType: 'admission',
        entityId: adm[i]!.id,
        districtCode: it.plan.cls.districtCode,
        detail: { classId: it.plan.cls.id, voucher: it.plan.voucher.number, via: adm[i]!.via },
      },
    })),
    items[0]!.now,
  );
  if (!moved) throw new BatchRefused('a voucher of the batch cannot move');
  return adm.map((r) => toAdmission(r!));
}

/** Withdrawal before the roster deadline releases the voucher (admitted → issued) and the seat. */
export async function withdrawAdmission(actor: Actor, tx: Tx, admissionId: string, reason: string, now: Date = new Date()): Promise<Admission> {
  if (!isUuid(admissionId)) throw notFound('admission', 'id');
  const cur = (await tx.query<AdmissionRow>('SELECT * FROM admissions WHERE id = $1 FOR UPDATE', [admissionId])).rows[0];
  const mine = cur && ((actor.role === 'provider' && actor.orgId === cur.provider_id) || (actor.role === 'worker' && actor.personId === cur.person_id));
  if (!cur || !mine) throw notFound('admission', 'id');
  if (cur.status !== 'admitted') throw new AppError('CONFLICT', `the admission is ${cur.status}`, 'id');
  const c = (await getClass(tx, cur.class_id))!;
  if (c.state !== 'draft') throw new AppError('CLASS_NOT_OPEN', `the class is ${c.state}: the roster is fixed`, 'id');
  if (now.getTime() > c.reportDeadline.getTime())
    throw new AppError('OPENING_DEADLINE_PASSED', `withdrawals closed at ${c.reportDeadline.toISOString()}`, 'id');
  await moveVoucher(tx, actor, cur.voucher_id, 'issued', { expectFrom: 'admitted', reason: reason || 'withdrawn' });
  const { rows } = await tx.query<AdmissionRow>(`UPDATE admissions SET status = 'withdrawn', ended_at = now(), end_reason = $2 WHERE id = $1 RETURNING *`, [
    cur.id,
    reason,
  ]);
  if (cur.registration_id) await tx.query(`UPDATE registrations SET status = 'cancelled' WHERE id = $1`, [cur.registration_id]);
  await releaseSeat(tx, c.id, cur.voucher_id);
  await audit.record(tx, actor, {
    action: 'admission.withdraw',
    entityType: 'admission',
    entityId: cur.id,
    districtCode: c.districtCode,
    detail: { classId: c.id, reason },
  });
  return toAdmission(rows[0]!);
}

/** The open admission of a voucher (attendance, assessment, subsidy). */
export async function getAdmission(q: Queryable, voucherId: string): Promise<Admission | null> {
  if (!isUuid(voucherId)) return null;
  const r = (await q.query<AdmissionRow>(`SELECT * FROM admissions WHERE voucher_id = $1 AND status = 'admitted'`, [voucherId])).rows[0];
  return r ? toAdmission(r) : null;
}

/** The admitted trainees of a class. */
export async function listAdmittedVouchers(q: Queryable, classId: string): Promise<Admission[]> {
  if (!isUuid(classId)) return [];
  const { rows } = await q.query<AdmissionRow>(`SELECT * FROM admissions WHERE class_id = $1 AND status = 'admitted' ORDER BY admitted_at, id`, [classId]);
  return rows.map(toAdmission);
}

/**
 * Whether the person is admitted to the class. Outside a transaction, the questions asked in one turn of the
 * event loop (a burst of check-ins) are answered by one query.
 */
export async function isEnrolled(q: Queryable, personId: string, classId: string): Promise<boolean> {
  if (!isUuid(personId) || !isUuid(classId)) return false;
  // the keys as the rows spell them (lower case), so a key in capitals finds its row
  return (await admittedRead(q, { personId: personId.toLowerCase(), classId: classId.toLowerCase() })) === true;
}

const admittedRead = batchedRead<{ personId: string; classId: string }, true>(
  async (q, keys) => {
    const { rows } = await q.query<{ person_id: string; class_id: string }>(
      `SELECT DISTINCT a.person_id, a.class_id FROM admissions a
         JOIN unnest($1::uuid[], $2::uuid[]) AS k(person_id, class_id) ON a.person_id = k.person_id AND a.class_id = k.class_id
        WHERE a.status = 'admitted'`,
      [keys.map((k) => k.personId), keys.map((k) => k.classId)],
    );
    const admitted = new Set(rows.map((r) => `${r.person_id} ${r.class_id}`));
    return keys.map((k) => (admitted.has(`${k.personId} ${k.classId}`) ? true : null));
  },
  (k) => `${k.personId} ${k.classId}`,
);

// ───────────────────────────── roster and opening report (开班反馈 + 学员注册) ─────────────────────────────

export interface RosterEntry {
  admissionId: string;
  voucherId: string;
  voucherNumber: string;
  voucherKind: string;
  holder: { name: string; idNumberMasked: string };
  via: 'qr' | 'number';
  admittedAt: string;
}

async function rosterOf(q: Queryable, classId: string): Promise<RosterEntry[]> {
  const out: RosterEntry[] = [];
  for (const a of await listAdmittedVouchers(q, classId)) {
    const v = await vouchers.getVoucher(q, a.voucherId);
    const p = await persons.getPerson(q, a.personId);
    out.push({
      admissionId: a.id,
      voucherId: a.voucherId,
      voucherNumber: v?.number ?? '',
      voucherKind: v?.kind ?? '',
      holder: p ? { name: maskName(p.name), idNumberMasked: maskId(p.idNumber) } : { name: '*', idNumberMasked: '***' },
      via: a.via,
      admittedAt: a.admittedAt.toISOString(),
    });
  }
  return out;
}

export async function getRoster(actor: Actor, q: Queryable, classId: string): Promise<{ class: TrainingClass; roster: RosterEntry[] }> {
  const c = await readClass(actor, q, classId);
  return { class: c, roster: await rosterOf(q, c.id) };
}

/**
 * 开班反馈 + 学员注册: the provider files the opening report with the roster of admitted trainees, no later
 * than the deadline (OPENING_DEADLINE_PASSED after it). The class becomes reported; the roster is fixed.
 */
export async function fileOpeningReport(
  actor: Actor,
  tx: Tx,
  classId: string,
  now: Date = new Date(),
): Promise<{ class: TrainingClass; roster: RosterEntry[] }> {
  const c = await ownClass(actor, tx, classId, true);
  await activeProvider(tx, c.providerId);
  if (!canTransitionClass(c.state, 'reported')) throw new AppError('CONFLICT', `a ${c.state} class cannot be reported`, 'classId');
  if (now.getTime() > c.reportDeadline.getTime())
    throw new AppError('OPENING_DEADLINE_PASSED', `the opening report was due by ${c.reportDeadline.toISOString()}`, 'classId');
  if ((await listSessions(tx, c.id)).length === 0)
    throw new AppError('VALIDATION_FAILED', 'a class needs its sessions (课次) before the opening report', 'sessions');
  const roster = await rosterOf(tx, c.id);
  // Registrations never admitted lose their seats with the report.
  await tx.query(
    `WITH rel AS (UPDATE registrations SET status = 'released' WHERE class_id = $1 AND status = 'pending' RETURNING voucher_id)
     UPDATE class_seats SET voucher_id = NULL WHERE class_id = $1 AND voucher_id IN (SELECT voucher_id FROM rel)`,
    [c.id],
  );
  const { rows } = await tx.query<ClassRow>(
    `UPDATE training_classes SET state = 'reported', reported_at = $2, reported_by = $3 WHERE id = $1 AND state = 'draft'
     RETURNING *, ${SEATS_TAKEN('training_classes')}`,
    [c.id, now, actor.accountId],
  );
  const out = toClass(rows[0]!);
  await audit.record(tx, actor, {
    action: 'class.report',
    entityType: 'class',
    entityId: c.id,
    districtCode: c.districtCode,
    detail: { trainees: roster.length, deadline: c.reportDeadline.toISOString() },
  });
  return { class: out, roster };
}

/** The provider cancels a class before it opens; admitted vouchers go back to issued. */
export async function cancelClass(actor: Actor, tx: Tx, classId: string, reason: string): Promise<TrainingClass> {
  const c = await ownClass(actor, tx, classId, true);
  if (!canTransitionClass(c.state, 'cancelled')) throw new AppError('CONFLICT', `a ${c.state} class cannot be cancelled`, 'classId');
  return cancelClassRow(tx, actor, c, reason);
}

async function cancelClassRow(tx: Tx, by: AuditActor, c: TrainingClass, reason: string): Promise<TrainingClass> {
  for (const a of await listAdmittedVouchers(tx, c.id)) {
    await vouchers.transitionVoucher(tx, by, a.voucherId, 'issued', { expectFrom: 'admitted', reason: `class ${c.id} cancelled` });
  }
  await tx.query(`UPDATE admissions SET status = 'cancelled', ended_at = now(), end_reason = $2 WHERE class_id = $1 AND status = 'admitted'`, [c.id, reason]);
  await tx.query(`UPDATE registrations SET status = 'released' WHERE class_id = $1 AND status = 'pending'`, [c.id]);
  await tx.query('UPDATE class_seats SET voucher_id = NULL WHERE class_id = $1 AND voucher_id IS NOT NULL', [c.id]);
  const { rows } = await tx.query<ClassRow>(
    `UPDATE training_classes SET state = 'cancelled', cancelled_at = now(), cancel_reason = $2 WHERE id = $1 RETURNING *, 0 AS seats_taken`,
    [c.id, reason],
  );
  await audit.record(tx, by, { action: 'class.cancel', entityType: 'class', entityId: c.id, districtCode: c.districtCode, detail: { reason } });
  return toClass(rows[0]!);
}

// ───────────────────────────── the class job ─────────────────────────────

export interface ClassJobResult {
  [k: string]: number;
  opened: number;
  inTraining: number;
  cancelled: number;
  released: number;
  ended: number;
  completed: number;
}

/**
 * Idempotent daily pass (Asia/Shanghai):
 *  - reported classes whose start date has come open; their admitted vouchers move to in_training;
 *  - draft classes whose start date has come (never reported) are cancelled; their vouchers go back to issued;
 *  - open classes past their end date end; check-in-only vouchers complete.
 * One transaction per class, so a failure leaves the others done and the next run resumes.
 */
export async function runClassJob(db: Db, now: Date = new Date()): Promise<ClassJobResult> {
  const today = businessDate(now);
  const out: ClassJobResult = { opened: 0, inTraining: 0, cancelled: 0, released: 0, ended: 0, completed: 0 };
  const starting = await db.query<{ id: string }>(
    `SELECT id FROM training_classes WHERE state IN ('draft','reported') AND start_date <= $1::date ORDER BY start_date, id`,
    [today],
  );
  for (const { id } of starting.rows) {
    await db.tx(async (tx) => {
      const r = (await tx.query<ClassRow>(`SELECT ${CLASS_COLS} FROM training_classes c WHERE c.id = $1 FOR UPDATE OF c`, [id])).rows[0];
      if (!r || (r.state !== 'draft' && r.state !== 'reported')) return;
      const c = toClass(r);
      if (c.state === 'draft') {
        out.released += (await listAdmittedVouchers(tx, c.id)).length;
        await cancelClassRow(tx, SYSTEM, c, 'no opening report by the deadline');
        out.cancelled++;
        return;
      }
      for (const a of await listAdmittedVouchers(tx, c.id)) {
        await vouchers.transitionVoucher(tx, SYSTEM, a.voucherId, 'in_training', { expectFrom: 'admitted', reason: `class ${c.id} opened` });
        out.inTraining++;
      }
      await tx.query(`UPDATE training_classes SET state = 'open', opened_at = $2 WHERE id = $1`, [c.id, now]);
      await audit.record(tx, SYSTEM, {
        action: 'class.open',
        entityType: 'class',
        entityId: c.id,
        districtCode: c.districtCode,
        detail: { startDate: c.startDate },
      });
      out.opened++;
    });
  }
  const ending = await db.query<{ id: string }>(`SELECT id FROM training_classes WHERE state = 'open' AND end_date < $1::date ORDER BY end_date, id`, [today]);
  for (const { id } of ending.rows) {
    await db.tx(async (tx) => {
      const r = (await tx.query<ClassRow>(`SELECT ${CLASS_COLS} FROM training_classes c WHERE c.id = $1 FOR UPDATE OF c`, [id])).rows[0];
      if (!r || r.state !== 'open') return;
      const c = toClass(r);
      for (const a of await listAdmittedVouchers(tx, c.id)) {
        const v = await vouchers.getVoucher(tx, a.voucherId);
        if (v?.kind === 'checkin_only' && v.status === 'in_training') {
          await vouchers.transitionVoucher(tx, SYSTEM, v.id, 'completed', { expectFrom: 'in_training', reason: `class ${c.id} ended` });
          out.completed++;
        }
      }
      await tx.query(`UPDATE training_classes SET state = 'ended', ended_at = $2 WHERE id = $1`, [c.id, now]);
      await audit.record(tx, SYSTEM, {
        action: 'class.end',
        entityType: 'class',
        entityId: c.id,
        districtCode: c.districtCode,
        detail: { endDate: c.endDate },
      });
      out.ended++;
    });
  }
  return out;
}

export { DEFAULT_GEOFENCE_RADIUS_M };
