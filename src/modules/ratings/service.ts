/**
 * 好差评 (issue 20 §3): after a finished service the person served rates it once (1–5 stars, an optional comment);
 * their list of ratings; the counts per kind and stars for officers in scope.
 */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { lookupOf } from './kinds.js';
import { raterOf, statsScope } from './policy.js';
import { countsByKind, decideServiceRating, RATING_REFUSALS, type KindCounts, type RatingKind } from './rules.js';
import type { ServiceRatingBody, ServiceRatingView } from './schemas.js';

interface RatingRow {
  id: string;
  kind: RatingKind;
  object_id: string;
  label: string;
  stars: number;
  comment: string | null;
  rated_at: Date;
}

const toView = (r: RatingRow): ServiceRatingView => ({
  id: r.id,
  kind: r.kind,
  objectId: r.object_id,
  label: r.label,
  stars: r.stars,
  comment: r.comment,
  ratedAt: r.rated_at.toISOString(),
});

/**
 * Rates a finished service of the signed-in worker: only the person served (another's object → 404), only once the
 * service has finished (SERVICE_NOT_FINISHED), only once (SERVICE_ALREADY_RATED, also under a race: the unique key).
 */
export async function rateService(actor: Actor, tx: Tx, input: z.infer<typeof ServiceRatingBody>, now: Date = clockNow()): Promise<ServiceRatingView> {
  const personId = raterOf(actor);
  const lookup = lookupOf(input.kind);
  const served = lookup ? await lookup(tx, input.objectId) : null;
  const rated = await tx.query('SELECT 1 FROM service_ratings WHERE kind = $1 AND object_id = $2', [input.kind, input.objectId]);
  const refusal = decideServiceRating({ served, personId, alreadyRated: rated.rows.length > 0 });
  if (refusal === 'NOT_FOUND') throw notFound(input.kind, 'objectId');
  if (refusal) throw new AppError(refusal, RATING_REFUSALS[refusal], 'objectId');
  const { rows } = await tx.query<RatingRow>(
    `INSERT INTO service_ratings (kind, object_id, person_id, district_code, label, stars, comment, rated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, object_id) DO NOTHING RETURNING *`,
    [input.kind, input.objectId, personId, served!.districtCode, served!.label, input.stars, input.comment ?? null, now],
  );
  if (!rows[0]) throw new AppError('SERVICE_ALREADY_RATED', RATING_REFUSALS.SERVICE_ALREADY_RATED, 'objectId');
  await audit.record(tx, actor, {
    action: 'service_rating.give',
    entityType: 'service_rating',
    entityId: rows[0].id,
    districtCode: served!.districtCode,
    detail: { kind: input.kind, objectId: input.objectId, stars: input.stars, comment: input.comment ? 'given' : 'none' },
  });
  return toView(rows[0]);
}

/** The signed-in worker's ratings, newest first. */
export async function myRatings(actor: Actor, q: Queryable): Promise<ServiceRatingView[]> {
  const personId = raterOf(actor);
  const { rows } = await q.query<RatingRow>('SELECT * FROM service_ratings WHERE person_id = $1 ORDER BY rated_at DESC, id', [personId]);
  return rows.map(toView);
}

/** Counts per kind and stars in the officer's scope (a district admin: the services of their district). */
export async function ratingCounts(actor: Actor, q: Queryable): Promise<KindCounts[]> {
  const scope = statsScope(actor);
  if (scope.kind !== 'all' && scope.kind !== 'district') return countsByKind([]);
  const { rows } = await q.query<{ kind: string; stars: number; n: number }>(
    `SELECT kind, stars, count(*)::int AS n FROM service_ratings WHERE ($1::text IS NULL OR district_code = $1) GROUP BY kind, stars`,
    [scope.kind === 'district' ? scope.districtCode : null],
  );
  return countsByKind(rows);
}
