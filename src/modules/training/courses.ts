/** Courses (课程): a programme × occupation × level with hours and a fee, of a provider approved for it. */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import { SYSTEM } from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import { scopeSql, type Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import { activeProvider, isApproved } from './approvals.js';
import { assertOwn, assertReadable, readScope, requireProvider } from './policy.js';
import { toCourse, type Course, type CourseRow } from './rows.js';
import type { CreateCourseBody, ListQuery, UpdateCourseBody } from './schemas.js';

export async function getCourse(q: Queryable, id: string): Promise<Course | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<CourseRow>('SELECT * FROM courses WHERE id = $1', [id])).rows[0];
  return r ? toCourse(r) : null;
}

/** A new course, as its body schema gives it. */
export type CourseInput = z.infer<typeof CreateCourseBody>;

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

export async function updateCourse(actor: Actor, tx: Tx, id: string, patch: z.infer<typeof UpdateCourseBody>): Promise<Course> {
  const providerId = requireProvider(actor);
  const cur = await getCourse(tx, id);
  assertOwn(providerId, cur, 'course');
  const { rows } = await tx.query<CourseRow>(
    `UPDATE courses SET name = coalesce($2, name), description = CASE WHEN $3 THEN $4 ELSE description END,
            hours = coalesce($5, hours), fee_fen = coalesce($6, fee_fen) WHERE id = $1 RETURNING *`,
    [id, patch.name ?? null, patch.description !== undefined, patch.description ?? null, patch.hours ?? null, patch.feeFen ?? null],
  );
  const c = toCourse(rows[0]!);
  await audit.record(tx, actor, { action: 'course.update', entityType: 'course', entityId: c.id, detail: { fields: Object.keys(patch) } });
  return c;
}

export async function readCourse(actor: Actor, q: Queryable, id: string): Promise<Course> {
  const c = await getCourse(q, id);
  if (!c) throw notFound('course', 'id');
  const s = readScope(actor);
  // a course has no district of its own: its provider's (the orgs registry owns it; ask it)
  const districtCode = s.kind === 'district' ? ((await orgs.getOrg(q, c.providerId))?.districtCode ?? null) : null;
  assertReadable(s, { providerId: c.providerId, districtCode }, 'course');
  return c;
}

export async function listCourses(actor: Actor, q: Queryable, f: z.infer<typeof ListQuery>) {
  const s = readScope(actor);
  const where: string[] = [];
  const params: unknown[] = [];
  if (s.kind === 'district') {
    // Providers of the district (the orgs registry owns the district; ask it).
    const ids = (await orgs.listOrgs(SYSTEM, q, { kind: 'provider', districtCode: s.districtCode, limit: 10_000, offset: 0 })).items.map((o) => o.id);
    params.push(ids);
    where.push(`provider_id = ANY($${params.length}::uuid[])`);
  } else where.push(scopeSql(s, { org: 'provider_id' }, params));
  if (f.providerId) {
    params.push(f.providerId);
    where.push(`provider_id = $${params.length}`);
  }
  const w = `WHERE ${where.join(' AND ')}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM courses ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<CourseRow>(
    `SELECT * FROM courses ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: rows.map(toCourse) };
}
