/**
 * Objections (异议) during the public notice: anyone may object; a real-name objection holds the claim at
 * once, an anonymous one is queued for an officer, who holds the claim or dismisses the objection.
 */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { encrypt } from '../../../lib/crypto.js';
import { AppError, notFound } from '../../../lib/errors.js';
import { isUuid } from '../../../lib/identifiers.js';
import { businessDate, startOfBusinessDay } from '../../../lib/time.js';
import * as audit from '../../audit/index.js';
import type { AuditActor } from '../../audit/index.js';
import { requireRole, scopeOf, scopeSql, type Actor } from '../../identity/index.js';
import { OBJECTION_READERS, REVIEWERS } from '../policy.js';
import { noticeEnded } from '../rules.js';
import type { ObjectionResultSchema, ObjectionViewSchema, OBJECTION_STATES } from '../schemas.js';
import { claimFor, moveClaim, type ClaimRow } from './claim-row.js';
import { recordObjection } from '../analytics-facts.js';

/** At most this many anonymous objections per claim and Shanghai day (besides the per-address rate limit). */
export const ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY = 5;

export type ObjectionResult = z.infer<typeof ObjectionResultSchema>;
export type ObjectionView = z.infer<typeof ObjectionViewSchema>;
type ObjectionState = (typeof OBJECTION_STATES)[number];

/** A real-name objector has one open objection per claim; anonymous ones are counted per claim and Shanghai day. */
async function checkObjectionLimits(tx: Tx, by: AuditActor, c: ClaimRow, now: Date): Promise<void> {
  if (by.accountId !== null) {
    const mine = await tx.query("SELECT 1 FROM claim_objections WHERE claim_id = $1 AND objector_id = $2 AND status = 'open'", [c.id, by.accountId]);
    if (mine.rows.length) throw new AppError('DUPLICATE', 'you have already objected to this claim; it is being reviewed', 'claimNumber');
    return;
  }
  const { rows: n } = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM claim_objections WHERE claim_id = $1 AND NOT real_name AND created_at >= $2',
    [c.id, startOfBusinessDay(businessDate(now))],
  );
  if (n[0]!.n >= ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY)
    throw new AppError(
      'RATE_LIMITED',
      'this claim has received the most anonymous objections allowed today; sign in to object under your name',
      'claimNumber',
      {
        limit: ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY,
      },
    );
}

/**
 * An objection (异议) during the notice. Anyone may object (public, rate-limited per address). An objection
 * sent without signing in is recorded and queued for an officer (listObjections) but does not hold the claim
 * by itself — it could otherwise stop anyone's payment anonymously; an officer holds the claim if it has
 * substance (resolveObjection). A real-name (signed-in) objection holds the claim at once. Per claim, at
 * most ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY anonymous objections a day, and one open real-name objection
 * per account (the claim's row lock serialises them, so the limits are exact).
 */
export async function objectToClaim(
  by: AuditActor,
  tx: Tx,
  input: { claimNumber: string; text: string; contact?: string | undefined },
  now = clockNow(),
): Promise<ObjectionResult> {
  const { rows } = await tx.query<ClaimRow>('SELECT * FROM subsidy_claims WHERE number = $1 FOR UPDATE', [input.claimNumber]);
  const c = rows[0];
  if (!c || !c.notice_last_day || !['approved', 'held'].includes(c.status) || noticeEnded(c.notice_last_day, now))
    throw notFound('claim under public notice', 'claimNumber');
  const realName = by.accountId !== null;
  await checkObjectionLimits(tx, by, c, now);
  const hold = realName && c.status === 'approved';
  if (hold) await moveClaim(tx, by, c, 'held', 'objection (real name)');
  const ins = await tx.query<{ id: string }>(
    `INSERT INTO claim_objections (claim_id, text, contact, objector_id, real_name, held, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [c.id, input.text.trim(), input.contact ? encrypt(input.contact) : null, by.accountId, realName, hold, now],
  );
  await recordObjection(tx, c, now);
  await audit.record(tx, by, {
    action: 'claim.object',
    entityType: 'subsidy_claim',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { number: c.number, realName, held: hold, objectionId: ins.rows[0]!.id },
  });
  return { claimNumber: c.number, status: hold || c.status === 'held' ? 'held' : 'approved', realName, objectionId: ins.rows[0]!.id };
}

interface ObjectionRow {
  id: string;
  claim_id: string;
  number: string;
  claim_status: string;
  district_code: string | null;
  text: string;
  real_name: boolean;
  held: boolean;
  contact: string | null;
  status: ObjectionState;
  created_at: Date;
  resolution: string | null;
}

/** The one mapper of an objection row (with its claim's number, state and district): the contact only as "has one". */
const presentObjection = (r: ObjectionRow): ObjectionView => ({
  id: r.id,
  claimId: r.claim_id,
  claimNumber: r.number,
  claimStatus: r.claim_status,
  districtCode: r.district_code,
  text: r.text,
  realName: r.real_name,
  held: r.held,
  hasContact: r.contact !== null,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  resolution: r.resolution,
});

const OBJECTION_SELECT = `SELECT o.id, o.claim_id, c.number, c.status AS claim_status, c.district_code, o.text, o.real_name, o.held, o.contact,
                                 o.status, o.created_at, o.resolution
                            FROM claim_objections o JOIN subsidy_claims c ON c.id = o.claim_id`;

/** The officers' queue: objections (open by default), a district admin's of its district only. */
export async function listObjections(
  actor: Actor,
  q: Queryable,
  f: { status?: ObjectionState | undefined; limit: number; offset: number },
): Promise<{ total: number; items: ObjectionView[] }> {
  const scope = scopeOf(actor, OBJECTION_READERS, 'only reviewers see objections');
  const params: unknown[] = [f.status ?? 'open'];
  const w = `WHERE o.status = $1 AND ${scopeSql(scope, { district: 'c.district_code' }, params)}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM claim_objections o JOIN subsidy_claims c ON c.id = o.claim_id ${w}`, params))
    .rows[0]!.n;
  const n = params.length;
  const { rows } = await q.query<ObjectionRow>(`${OBJECTION_SELECT} ${w} ORDER BY o.created_at, o.id LIMIT $${n + 1} OFFSET $${n + 2}`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  return { total, items: rows.map(presentObjection) };
}

/** hold: approved → held (a held claim stays held); the objection is marked as holding it. */
async function holdForObjection(tx: Tx, actor: Actor, c: ClaimRow, id: string, opinion: string): Promise<void> {
  if (c.status === 'approved') await moveClaim(tx, actor, c, 'held', `objection taken up: ${opinion}`);
  else if (c.status !== 'held') throw new AppError('CLAIM_STATE_INVALID', `a claim in state ${c.status} cannot be held`, 'action', { state: c.status });
  await tx.query('UPDATE claim_objections SET held = true WHERE id = $1', [id]);
}

/**
 * An officer takes up a queued objection: `hold` holds its claim for review (approved → held; the review's
 * decision then upholds or dismisses it), `dismiss` closes the objection with the officer's reason.
 */
export async function resolveObjection(
  actor: Actor,
  tx: Tx,
  id: string,
  input: { action: 'hold' | 'dismiss'; opinion: string },
  now = clockNow(),
): Promise<ObjectionView> {
  requireRole(actor, REVIEWERS, 'only reviewers act on objections');
  if (!isUuid(id)) throw notFound('objection');
  const o = (await tx.query<{ claim_id: string; status: string }>('SELECT claim_id, status FROM claim_objections WHERE id = $1', [id])).rows[0];
  if (!o) throw notFound('objection');
  const c = await claimFor(actor, tx, o.claim_id, true); // another district's → 404
  if (o.status !== 'open') throw new AppError('CONFLICT', `the objection is already ${o.status}`, 'action');
  const opinion = input.opinion.trim();
  if (!opinion) throw new AppError('VALIDATION_FAILED', 'an opinion is required', 'opinion');
  if (input.action === 'hold') await holdForObjection(tx, actor, c, id, opinion);
  else
    await tx.query("UPDATE claim_objections SET status = 'dismissed', resolved_by = $2, resolved_at = $3, resolution = $4 WHERE id = $1", [
      id,
      actor.accountId,
      now,
      opinion,
    ]);
  await audit.record(tx, actor, {
    action: input.action === 'hold' ? 'claim.objection_hold' : 'claim.objection_dismiss',
    entityType: 'subsidy_claim',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { number: c.number, objectionId: id, opinion },
  });
  return presentObjection((await tx.query<ObjectionRow>(`${OBJECTION_SELECT} WHERE o.id = $1`, [id])).rows[0]!);
}
