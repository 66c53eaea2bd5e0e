/** Job postings: posted by an enterprise or an officer, listed for their managers, taken down or closed. */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';
import * as audit from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import { assertInScope, scopeSql, type Actor, type Scope } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import { toStored } from '../training/index.js';
import { managerScope, officerScope, placementOf } from './policy.js';
import { OccupationNames, POSTING_COLS, toPosting, type PostingRow } from './rows.js';
import { postingProblems } from './rules.js';
import type { ManageQuery, ManagedPostingView, PostingInput, PostingView } from './schemas.js';

export const occupationNames = (q: Queryable) => new OccupationNames(async (code) => (await catalog.getOccupation(q, code))?.name ?? null);

/** What a posting is written with, once its poster and district are settled. */
export interface NewPosting extends PostingInput {
  source: 'enterprise' | 'officer' | 'feed';
  enterpriseId: string | null;
  employerName: string;
  districtCode: string;
  externalRef?: string | null;
}

/** The checks every posting passes, whoever writes it (the reference data and the ranges). */
export async function checkPosting(q: Queryable, p: { occupationCode: string; districtCode: string } & Parameters<typeof postingProblems>[0]): Promise<void> {
  const problems = postingProblems(p);
  if (problems.length)
    throw new AppError(
      'VALIDATION_FAILED',
      problems[0]!.message,
      problems[0]!.field,
      undefined,
      problems.map((x) => ({ ...x, code: 'VALIDATION_FAILED' })),
    );
  const occ = await catalog.getOccupation(q, p.occupationCode);
  if (!occ || occ.level !== 4) throw new AppError('VALIDATION_FAILED', 'unknown occupation (a 细类 code of the classification)', 'occupationCode');
  if (!(await catalog.getDistrict(q, p.districtCode))) throw new AppError('DISTRICT_UNKNOWN', `unknown district ${p.districtCode}`, 'districtCode');
}

export async function insertPosting(tx: Tx, actor: audit.AuditActor, p: NewPosting, now: Date = clockNow()): Promise<PostingRow> {
  const validFrom = p.validFrom ?? businessDate(now);
  await checkPosting(tx, { ...p, validFrom });
  const at = toStored({ lat: p.lat, lng: p.lng }, p.coordSystem);
  const { rows } = await tx.query<PostingRow>(
    `INSERT INTO job_postings AS p (source, enterprise_id, employer_name, title, occupation_code, level, district_code, address, lat_gcj02, lng_gcj02,
                               pay_min_fen, pay_max_fen, headcount, valid_from, valid_until, description, external_ref, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING ${POSTING_COLS}`,
    [
      p.source,
      p.enterpriseId,
      p.employerName,
      p.title,
      p.occupationCode,
      p.level ?? null,
      p.districtCode,
      p.address,
      at.lat,
      at.lng,
      p.payMinFen,
      p.payMaxFen,
      p.headcount,
      validFrom,
      p.validUntil,
      p.description ?? null,
      p.externalRef ?? null,
      actor.accountId,
    ],
  );
  const row = rows[0]!;
  await audit.record(tx, actor, {
    action: 'job_posting.create',
    entityType: 'job_posting',
    entityId: row.id,
    districtCode: row.district_code,
    detail: { source: p.source, title: p.title, occupationCode: p.occupationCode, headcount: p.headcount },
  });
  return row;
}

/** Who posts and where: an enterprise under its own name (its district by default); an officer in their district, naming the employer. */
async function posterOf(actor: Actor, q: Queryable, scope: Scope, input: PostingInput) {
  if (scope.kind === 'org') {
    const org = await orgs.requireActiveOrg(q, scope.orgId);
    return { source: 'enterprise' as const, enterpriseId: org.id, employerName: org.name, districtCode: input.districtCode ?? org.districtCode };
  }
  if (!input.employerName) throw new AppError('VALIDATION_FAILED', 'an officer names the employer', 'employerName');
  const districtCode = input.districtCode ?? (scope.kind === 'district' ? scope.districtCode : undefined);
  if (!districtCode) throw new AppError('VALIDATION_FAILED', 'the posting’s district is required', 'districtCode');
  if (scope.kind === 'district' && districtCode !== scope.districtCode) throw notFound('district', 'districtCode');
  return { source: 'officer' as const, enterpriseId: null, employerName: input.employerName, districtCode };
}

export async function createPosting(actor: Actor, tx: Tx, input: PostingInput): Promise<PostingView> {
  const scope = managerScope(actor);
  const poster = await posterOf(actor, tx, scope, input);
  const row = await insertPosting(tx, actor, { ...input, ...poster });
  return toPosting(row, await occupationNames(tx).of(row.occupation_code));
}

/** The manager's postings with their candidates' counts, newest first. */
export async function listManagedPostings(actor: Actor, q: Queryable, f: z.infer<typeof ManageQuery>): Promise<{ total: number; items: ManagedPostingView[] }> {
  const params: unknown[] = [];
  const where = [scopeSql(managerScope(actor), { district: 'p.district_code', org: 'p.enterprise_id' }, params)];
  if (f.status) {
    params.push(f.status);
    where.push(`p.status = $${params.length}`);
  }
  const w = where.join(' AND ');
  const total = Number((await q.query<{ n: number }>(`SELECT count(*) AS n FROM job_postings p WHERE ${w}`, params)).rows[0]!.n);
  const { rows } = await q.query<PostingRow & { interested: number; consented: number; contacted: number }>(
    `SELECT ${POSTING_COLS},
            (SELECT count(*) FROM job_interests i WHERE i.posting_id = p.id AND i.status = 'interested') AS interested,
            (SELECT count(*) FROM job_interests i WHERE i.posting_id = p.id AND i.status = 'interested' AND i.consented_at IS NOT NULL) AS consented,
            (SELECT count(*) FROM job_interests i WHERE i.posting_id = p.id AND i.contacted_at IS NOT NULL) AS contacted
       FROM job_postings p WHERE ${w} ORDER BY p.created_at DESC, p.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  const names = occupationNames(q);
  const items: ManagedPostingView[] = [];
  for (const r of rows)
    items.push({
      ...toPosting(r, await names.of(r.occupation_code)),
      interested: Number(r.interested),
      consented: Number(r.consented),
      contacted: Number(r.contacted),
    });
  return { total, items };
}

/** The posting, locked, if the scope reaches it (else 404). */
export async function lockPosting(tx: Tx, scope: Scope, id: string): Promise<PostingRow> {
  const r = isUuid(id) ? (await tx.query<PostingRow>(`SELECT ${POSTING_COLS} FROM job_postings p WHERE p.id = $1 FOR UPDATE`, [id])).rows[0] : undefined;
  if (!r) throw notFound('job posting', 'id');
  assertInScope(scope, placementOf(r), 'job posting');
  return r;
}

async function endPosting(actor: Actor, tx: Tx, scope: Scope, id: string, status: 'taken_down' | 'closed', reason: string | null): Promise<PostingView> {
  const cur = await lockPosting(tx, scope, id);
  if (cur.status !== 'open') throw new AppError('CONFLICT', `the posting is ${cur.status}`, 'id');
  const { rows } = await tx.query<PostingRow>(
    `UPDATE job_postings p SET status = $2, status_reason = $3, status_by = $4, status_at = $5 WHERE p.id = $1 RETURNING ${POSTING_COLS}`,
    [cur.id, status, reason, actor.accountId, clockNow()],
  );
  await audit.record(tx, actor, {
    action: status === 'taken_down' ? 'job_posting.take_down' : 'job_posting.close',
    entityType: 'job_posting',
    entityId: cur.id,
    districtCode: cur.district_code,
    detail: { reason },
  });
  return toPosting(rows[0]!, await occupationNames(tx).of(cur.occupation_code));
}

/** An officer takes a posting down (in their district), with the reason. */
export const takeDownPosting = (actor: Actor, tx: Tx, id: string, reason: string) => endPosting(actor, tx, officerScope(actor), id, 'taken_down', reason);

/** The posting enterprise closes its own posting (filled). */
export function closePosting(actor: Actor, tx: Tx, id: string): Promise<PostingView> {
  const scope = managerScope(actor);
  if (scope.kind !== 'org') throw new AppError('FORBIDDEN', 'an enterprise closes its own postings; officers take postings down');
  return endPosting(actor, tx, scope, id, 'closed', null);
}
