/** 考评安排: classes assigned to an assessment body by the district or city admin; one live assignment per class. */
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import { assertInScope, scopeSql, type Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as training from '../training/index.js';
import { assignerScope, assignmentReaderScope } from './policy.js';
import type { AssignmentView } from './schemas.js';

interface AssignmentRow {
  id: string;
  class_id: string;
  assessor_org_id: string;
  district_code: string;
  provider_id: string;
  note: string | null;
  assigned_by: string | null;
  assigned_at: Date;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
}

/** The assessment body a class is assigned to now (null when none). */
export async function liveAssessorOf(q: Queryable, classId: string): Promise<string | null> {
  const { rows } = await q.query<{ assessor_org_id: string }>(
    'SELECT assessor_org_id FROM assessment_assignments WHERE class_id = $1 AND withdrawn_at IS NULL',
    [classId],
  );
  return rows[0]?.assessor_org_id ?? null;
}

async function presentAssignment(q: Queryable, r: AssignmentRow): Promise<AssignmentView> {
  const cls = await training.getClass(q, r.class_id);
  const org = await orgs.getOrg(q, r.assessor_org_id);
  return {
    id: r.id,
    classId: r.class_id,
    className: cls?.name ?? null,
    classState: cls?.state ?? null,
    startDate: cls?.startDate ?? null,
    endDate: cls?.endDate ?? null,
    occupationCode: cls?.occupationCode ?? null,
    level: cls?.level ?? null,
    districtCode: r.district_code,
    providerId: r.provider_id,
    assessorOrgId: r.assessor_org_id,
    assessorOrgName: org?.name ?? null,
    note: r.note,
    assignedBy: r.assigned_by,
    assignedAt: r.assigned_at.toISOString(),
    active: r.withdrawn_at === null,
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    withdrawReason: r.withdraw_reason,
  };
}

/** The active assessment body named (404 for anything else). */
async function assessmentBody(tx: Tx, id: string): Promise<orgs.Org> {
  const org = isUuid(id) ? await orgs.getOrg(tx, id) : null;
  if (!org || org.kind !== 'assessor') throw notFound('assessment body', 'assessorOrgId');
  await orgs.requireActiveOrg(tx, org.id, 'assessorOrgId');
  return org;
}

/**
 * Assigns a class to an assessment body (考评安排): a district admin for the classes of their district
 * (another district's class → 404), a city admin for any. The body must be an active assessment body; a
 * cancelled class takes none; a class has one live assignment (another → DUPLICATE: withdraw it first).
 */
export async function assignClass(actor: Actor, tx: Tx, input: { classId: string; assessorOrgId: string; note?: string | undefined }): Promise<AssignmentView> {
  const scope = assignerScope(actor);
  const cls = isUuid(input.classId) ? await training.getClass(tx, input.classId) : null;
  if (!cls) throw notFound('class', 'classId');
  assertInScope(scope, { districtCodes: [cls.districtCode] }, 'class', 'classId');
  const org = await assessmentBody(tx, input.assessorOrgId);
  if (cls.state === 'cancelled') throw new AppError('CONFLICT', 'the class is cancelled: there is nothing to assess', 'classId', { classState: cls.state });
  const note = input.note?.trim() || null;
  const { rows } = await tx.query<AssignmentRow>(
    `INSERT INTO assessment_assignments (class_id, assessor_org_id, district_code, provider_id, note, assigned_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (class_id) WHERE withdrawn_at IS NULL DO NOTHING RETURNING *`,
    [cls.id, org.id, cls.districtCode, cls.providerId, note, actor.accountId],
  );
  const r = rows[0];
  if (!r) {
    const cur = await liveAssessorOf(tx, cls.id);
    throw new AppError('DUPLICATE', 'the class is already assigned to an assessment body; withdraw that assignment first', 'classId', {
      assessorOrgId: cur,
    });
  }
  await audit.record(tx, actor, {
    action: 'assessment.assign',
    entityType: 'assessment_assignment',
    entityId: r.id,
    districtCode: cls.districtCode,
    detail: { classId: cls.id, className: cls.name, assessorOrgId: org.id, assessorOrgName: org.name, ...(note ? { note } : {}) },
  });
  return presentAssignment(tx, r);
}

/** Withdraws a live assignment with a reason (same admins; results already recorded stay). */
export async function withdrawAssignment(actor: Actor, tx: Tx, id: string, input: { reason: string }): Promise<AssignmentView> {
  const scope = assignerScope(actor);
  if (!isUuid(id)) throw notFound('assignment', 'id');
  const { rows } = await tx.query<AssignmentRow>('SELECT * FROM assessment_assignments WHERE id = $1 FOR UPDATE', [id]);
  const cur = rows[0];
  if (!cur) throw notFound('assignment', 'id');
  assertInScope(scope, { districtCodes: [cur.district_code] }, 'assignment', 'id');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', 'a reason is required', 'reason');
  if (cur.withdrawn_at) throw new AppError('CONFLICT', 'the assignment is already withdrawn', 'id');
  const u = await tx.query<AssignmentRow>(
    'UPDATE assessment_assignments SET withdrawn_at = now(), withdrawn_by = $2, withdraw_reason = $3 WHERE id = $1 AND withdrawn_at IS NULL RETURNING *',
    [id, actor.accountId, reason],
  );
  await audit.record(tx, actor, {
    action: 'assessment.unassign',
    entityType: 'assessment_assignment',
    entityId: id,
    districtCode: cur.district_code,
    detail: { classId: cur.class_id, assessorOrgId: cur.assessor_org_id, reason },
  });
  return presentAssignment(tx, u.rows[0]!);
}

export interface AssignmentFilter {
  classId?: string | undefined;
  assessorOrgId?: string | undefined;
  status: 'active' | 'withdrawn' | 'all';
  limit: number;
  offset: number;
}

/**
 * Assignments in the caller's scope: city admins and auditors all, district admins their district, an
 * assessment body its own (the classes it may assess), a provider its classes'.
 */
export async function listAssignments(actor: Actor, q: Queryable, f: AssignmentFilter): Promise<{ total: number; items: AssignmentView[] }> {
  const params: unknown[] = [f.assessorOrgId ?? null, f.classId ?? null, f.status];
  const scoped = scopeSql(assignmentReaderScope(actor), { district: 'district_code', org: ['assessor_org_id', 'provider_id'] }, params);
  const w = `WHERE ($1::uuid IS NULL OR assessor_org_id = $1) AND ($2::uuid IS NULL OR class_id = $2)
      AND ($3 = 'all' OR ($3 = 'active' AND withdrawn_at IS NULL) OR ($3 = 'withdrawn' AND withdrawn_at IS NOT NULL))
      AND ${scoped}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM assessment_assignments ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<AssignmentRow>(
    `SELECT * FROM assessment_assignments ${w} ORDER BY assigned_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  const items: AssignmentView[] = [];
  for (const r of rows) items.push(await presentAssignment(q, r));
  return { total, items };
}
