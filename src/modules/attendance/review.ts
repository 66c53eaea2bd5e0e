/** The review queue (签到异常复核): district and city admins accept or reject flagged check-ins. */
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import { assertInScope, scopeSql, type Actor } from '../identity/index.js';
import { placementOfCheckIn, reviewScope } from './policy.js';
import { presentFlag, type CheckInRow, type CheckInStatus } from './rows.js';
import type { FlagView } from './schemas.js';

export interface FlagFilter {
  classId?: string | undefined;
  /** flagged (awaiting review, the default), accepted (after review) or rejected_after_review. */
  status?: 'flagged' | 'accepted' | 'rejected_after_review' | undefined;
  /** One suspicious pattern (shared_device, identical_coordinates, …). */
  flag?: string | undefined;
  /** Check-in dates (Asia/Shanghai), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** Awaiting review (default), or reviewed: accepted / rejected after review. */
const STATE_SQL: Record<NonNullable<FlagFilter['status']>, string> = {
  flagged: `status = 'flagged'`,
  accepted: `status = 'accepted' AND reviewed_at IS NOT NULL`,
  rejected_after_review: `status = 'rejected_after_review'`,
};

/** The list's WHERE: the review state, the reviewer's scope, the filters. */
function flagWhere(actor: Actor, f: FlagFilter, params: unknown[]): string {
  let where = STATE_SQL[f.status ?? 'flagged'];
  where += ` AND ${scopeSql(reviewScope(actor), { district: 'district_code' }, params)}`;
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where += ` AND ${sql.replaceAll('?', `$${params.length}`)}`;
  };
  if (f.classId) add('class_id = ?', f.classId);
  if (f.flag) add('flags @> ARRAY[?]::text[]', f.flag);
  if (f.from) add("at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'", f.from);
  if (f.to) add("at < (?::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'", f.to);
  return where;
}

/** Flagged check-ins awaiting review, oldest first: the district admin's district, all for the city admin. */
export async function listFlags(actor: Actor, q: Queryable, f: FlagFilter): Promise<{ total: number; items: FlagView[] }> {
  const params: unknown[] = [];
  const where = flagWhere(actor, f, params);
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM check_ins WHERE ${where}`, params)).rows[0]?.n ?? 0;
  const { rows } = await q.query<CheckInRow>(
    `SELECT * FROM check_ins WHERE ${where} ORDER BY created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  const items: FlagView[] = [];
  for (const r of rows) items.push(await presentFlag(q, r));
  return { total, items };
}

/**
 * Accept (the check-in then counts) or reject (it never counts), with a note; only a flagged check-in, once.
 * Another district's check-in → 404.
 */
export async function decideFlag(actor: Actor, tx: Tx, id: string, input: { decision: 'accept' | 'reject'; note: string }): Promise<FlagView> {
  const scope = reviewScope(actor);
  if (!isUuid(id)) throw notFound('check-in', 'id');
  const cur = (await tx.query<CheckInRow>('SELECT * FROM check_ins WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!cur) throw notFound('check-in', 'id');
  assertInScope(scope, placementOfCheckIn(cur), 'check-in', 'id');
  if (cur.status !== 'flagged')
    throw new AppError('CONFLICT', `the check-in is ${cur.status}: only a flagged one is reviewed`, 'id', { checkInStatus: cur.status });
  const to: CheckInStatus = input.decision === 'accept' ? 'accepted' : 'rejected_after_review';
  const { rows } = await tx.query<CheckInRow>(
    `UPDATE check_ins SET status = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4 WHERE id = $1 AND status = 'flagged' RETURNING *`,
    [id, to, actor.accountId, input.note],
  );
  const row = rows[0];
  if (!row) throw new AppError('CONFLICT', 'the check-in was reviewed meanwhile', 'id');
  const ev = { voucherId: row.voucher_id, personId: row.person_id, classId: row.class_id, at: row.at };
  await analytics.recordVoucherFacts(tx, [
    { ...ev, metric: 'checkInsFlagged', n: -1 },
    { ...ev, metric: to === 'accepted' ? 'checkInsCounted' : 'checkInsOverturned' },
  ]);
  await audit.record(tx, actor, {
    action: input.decision === 'accept' ? 'checkin.accept' : 'checkin.reject',
    entityType: 'check_in',
    entityId: id,
    districtCode: row.district_code,
    detail: { flags: row.flags, note: input.note, sessionId: row.session_id, classId: row.class_id },
  });
  return presentFlag(tx, row);
}

/** What an appeal (申诉) needs of a check-in (null: no such check-in). */
export interface CheckInAppealFacts {
  id: string;
  status: CheckInStatus;
  personId: string;
  districtCode: string;
  providerId: string;
  classId: string;
  sessionId: string;
  at: Date;
  flags: string[];
  reviewNote: string | null;
  reviewedAt: Date | null;
}

export async function checkInAppealFacts(q: Queryable, id: string): Promise<CheckInAppealFacts | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<CheckInRow>('SELECT * FROM check_ins WHERE id = $1', [id])).rows[0];
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    personId: r.person_id,
    districtCode: r.district_code,
    providerId: r.provider_id,
    classId: r.class_id,
    sessionId: r.session_id,
    at: r.at,
    flags: r.flags,
    reviewNote: r.review_note,
    reviewedAt: r.reviewed_at,
  };
}

/**
 * 申诉撤销原决定: a check-in rejected on review counts after all (rejected_after_review → accepted), with the
 * statistics' deltas, in the caller's transaction; the review columns keep who decided it now and why.
 * Only a rejected check-in; the caller (the appeal) has checked its officer's scope.
 */
export async function reinstateRejectedCheckIn(tx: Tx, by: Actor, id: string, reason: string): Promise<CheckInStatus> {
  if (!isUuid(id)) throw notFound('check-in', 'id');
  const { rows } = await tx.query<CheckInRow>(
    `UPDATE check_ins SET status = 'accepted', reviewed_by = $2, reviewed_at = now(), review_note = $3
      WHERE id = $1 AND status = 'rejected_after_review' RETURNING *`,
    [id, by.accountId, reason],
  );
  const row = rows[0];
  if (!row) throw new AppError('CONFLICT', 'only a check-in rejected on review is reinstated', 'id');
  const ev = { voucherId: row.voucher_id, personId: row.person_id, classId: row.class_id, at: row.at };
  await analytics.recordVoucherFacts(tx, [
    { ...ev, metric: 'checkInsOverturned', n: -1 },
    { ...ev, metric: 'checkInsCounted' },
  ]);
  await audit.record(tx, by, {
    action: 'checkin.reinstate',
    entityType: 'check_in',
    entityId: id,
    districtCode: row.district_code,
    detail: { from: 'rejected_after_review', to: 'accepted', reason, sessionId: row.session_id, classId: row.class_id },
  });
  return row.status;
}
