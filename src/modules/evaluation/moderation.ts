/** Comments go public only after an officer's moderation; the provider replies to published ones and reads its ratings. */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import { assertInScope, scopeSql, type Actor, type Scope } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as persons from '../persons/index.js';
import * as training from '../training/index.js';
import { moderatorScope, providerOf } from './policy.js';
import { overallOf, toModerationItem, toRatingView, type RatingRow } from './rows.js';
import type { ModerateBody, ModerationItemView, ModerationQuery, ProviderRatingsQuery, ProviderRatingView, ReplyBody } from './schemas.js';

/** Names for a set of ratings, each class and provider looked up once; the rater's name only masked (persons' record, never shown whole). */
class Names {
  private readonly classes = new Map<string, training.TrainingClass | null>();
  private readonly providers = new Map<string, string>();
  private raters = new Map<string, string>();
  private constructor(private readonly q: Queryable) {}

  /** The names for these ratings: the raters' masked names in one query (persons.maskedNamesOf). */
  static async for(q: Queryable, rows: readonly RatingRow[]): Promise<Names> {
    const names = new Names(q);
    names.raters = await persons.maskedNamesOf(
      q,
      rows.map((r) => r.person_id),
    );
    return names;
  }

  async of(r: RatingRow): Promise<{ className: string; providerName: string; rater: string }> {
    if (!this.classes.has(r.class_id)) this.classes.set(r.class_id, await training.getClass(this.q, r.class_id));
    if (!this.providers.has(r.provider_id)) this.providers.set(r.provider_id, (await orgs.getOrg(this.q, r.provider_id))?.name ?? '');
    return {
      className: this.classes.get(r.class_id)?.name ?? '',
      providerName: this.providers.get(r.provider_id)!,
      rater: this.raters.get(r.person_id.toLowerCase()) ?? '*',
    };
  }
}

async function page(q: Queryable, where: string, params: unknown[], limit: number, offset: number): Promise<{ total: number; rows: RatingRow[] }> {
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM class_ratings WHERE ${where}`, params)).rows[0]!.n;
  const { rows } = await q.query<RatingRow>(
    `SELECT * FROM class_ratings WHERE ${where} ORDER BY changed_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  );
  return { total: Number(total), rows };
}

/** The moderation queue (or the comments already decided) of the moderator's district or the city. */
export async function listModeration(actor: Actor, q: Queryable, f: z.infer<typeof ModerationQuery>): Promise<{ total: number; items: ModerationItemView[] }> {
  const params: unknown[] = [f.status];
  const where = `comment_status = $1 AND ${scopeSql(moderatorScope(actor), { district: 'district_code' }, params)}`;
  const { total, rows } = await page(q, where, params, f.limit, f.offset);
  const names = await Names.for(q, rows);
  const items: ModerationItemView[] = [];
  for (const r of rows) items.push(toModerationItem(r, await names.of(r)));
  return { total, items };
}

async function lockRating(tx: Tx, scope: Scope, id: string, placement: (r: RatingRow) => Parameters<typeof assertInScope>[1]): Promise<RatingRow> {
  const r = isUuid(id) ? (await tx.query<RatingRow>('SELECT * FROM class_ratings WHERE id = $1 FOR UPDATE', [id])).rows[0] : undefined;
  if (!r) throw notFound('rating', 'id');
  assertInScope(scope, placement(r), 'rating');
  return r;
}

/** Publishes a pending comment or rejects it with a reason (another district's → 404; a decided one → 409). */
export async function moderate(actor: Actor, tx: Tx, id: string, body: z.infer<typeof ModerateBody>, now: Date = clockNow()): Promise<ModerationItemView> {
  const cur = await lockRating(tx, moderatorScope(actor), id, (r) => ({ districtCodes: [r.district_code] }));
  if (cur.comment_status !== 'pending') throw new AppError('CONFLICT', `the comment is ${cur.comment_status}, not waiting for moderation`, 'id');
  const status = body.decision === 'publish' ? 'published' : 'rejected';
  const { rows } = await tx.query<RatingRow>(
    `UPDATE class_ratings SET comment_status = $2, moderation_reason = $3, moderated_by = $4, moderated_at = $5 WHERE id = $1 RETURNING *`,
    [cur.id, status, body.decision === 'reject' ? body.reason! : null, actor.accountId, now],
  );
  await audit.record(tx, actor, {
    action: `rating.comment_${body.decision}`,
    entityType: 'class_rating',
    entityId: cur.id,
    districtCode: cur.district_code,
    detail: { classId: cur.class_id, reason: body.reason ?? null },
  });
  return toModerationItem(rows[0]!, await (await Names.for(tx, rows)).of(rows[0]!));
}

/** The provider's reply to a published comment on one of its classes (another provider's rating → 404). */
export async function replyToRating(actor: Actor, tx: Tx, id: string, body: z.infer<typeof ReplyBody>, now: Date = clockNow()): Promise<ModerationItemView> {
  const providerId = providerOf(actor);
  const cur = await lockRating(tx, { kind: 'org', orgId: providerId }, id, (r) => ({ orgIds: [r.provider_id] }));
  if (cur.comment_status !== 'published') throw new AppError('CONFLICT', 'only a published comment can be replied to', 'id');
  const { rows } = await tx.query<RatingRow>(`UPDATE class_ratings SET reply = $2, replied_by = $3, replied_at = $4 WHERE id = $1 RETURNING *`, [
    cur.id,
    body.text,
    actor.accountId,
    now,
  ]);
  await audit.record(tx, actor, {
    action: 'rating.reply',
    entityType: 'class_rating',
    entityId: cur.id,
    districtCode: cur.district_code,
    detail: { classId: cur.class_id },
  });
  return toModerationItem(rows[0]!, await (await Names.for(tx, rows)).of(rows[0]!));
}

/**
 * A provider's ratings of its classes: who rated (masked), the overall score and the four dimensions always, a comment
 * only once published (a pending or rejected one is the officer's to decide and is not shown to the provider).
 */
export async function providerRatings(
  actor: Actor,
  q: Queryable,
  f: z.infer<typeof ProviderRatingsQuery>,
  now: Date = clockNow(),
): Promise<{ total: number; items: ProviderRatingView[] }> {
  const providerId = providerOf(actor);
  const params: unknown[] = [providerId];
  let where = 'provider_id = $1';
  if (f.classId) {
    params.push(f.classId);
    where += ` AND class_id = $2`;
  }
  const { total, rows } = await page(q, where, params, f.limit, f.offset);
  const names = await Names.for(q, rows);
  const items: ProviderRatingView[] = [];
  for (const r of rows) {
    const n = await names.of(r);
    const published = r.comment_status === 'published';
    const view = toRatingView(r, n, now);
    items.push({
      ...view,
      rater: n.rater,
      overall: overallOf(r),
      comment: published ? r.comment : null,
      commentStatus: published ? 'published' : 'none',
      moderationReason: null,
    });
  }
  return { total, items };
}
