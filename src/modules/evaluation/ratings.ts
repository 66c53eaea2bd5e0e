/** A completer rates a class (or changes the rating within 30 days); the worker's list of classes to rate. */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as attendance from '../attendance/index.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as training from '../training/index.js';
import { raterOf } from './policy.js';
import { scoresOf, toRatingView, untilOf, type RatingRow } from './rows.js';
import { decideRating, RATING_REFUSALS, totalsDelta, type Scores } from './rules.js';
import type { RatableView, RatingBody, RatingView } from './schemas.js';

export type RatingInput = z.infer<typeof RatingBody>;

/** The class's name and its provider's, for views. */
export async function classNames(q: Queryable, cls: training.TrainingClass): Promise<{ className: string; providerName: string }> {
  return { className: cls.name, providerName: (await orgs.getOrg(q, cls.providerId))?.name ?? '' };
}

/** What the rating decision needs about this person and class. */
async function ratingFacts(q: Queryable, cls: training.TrainingClass, personId: string) {
  const admitted = (await training.listAdmittedVouchers(q, cls.id)).some((a) => a.personId === personId);
  const att = admitted ? (await attendance.classAttendance(q, cls.id)).get(personId) : undefined;
  return { admitted, meetsThreshold: att?.meetsThreshold ?? false, rate: att?.rate ?? 0 };
}

/** Adds a rating's change to the running sums of its class, course and provider. */
async function addToTotals(tx: Tx, r: Pick<RatingRow, 'class_id' | 'course_id' | 'provider_id'>, before: Scores | null, after: Scores): Promise<void> {
  const d = totalsDelta(before, after);
  await tx.query(
    `INSERT INTO rating_totals AS t (subject, subject_id, ratings, sum_teaching, sum_practical, sum_venue, sum_organisation)
     SELECT s.subject, s.id, $4, $5, $6, $7, $8 FROM (VALUES ('class', $1::uuid), ('course', $2::uuid), ('provider', $3::uuid)) AS s (subject, id)
     ORDER BY 1, 2
     ON CONFLICT (subject, subject_id) DO UPDATE SET
       ratings = t.ratings + EXCLUDED.ratings, sum_teaching = t.sum_teaching + EXCLUDED.sum_teaching,
       sum_practical = t.sum_practical + EXCLUDED.sum_practical, sum_venue = t.sum_venue + EXCLUDED.sum_venue,
       sum_organisation = t.sum_organisation + EXCLUDED.sum_organisation`,
    [r.class_id, r.course_id, r.provider_id, d.ratings, d.sums.teaching, d.sums.practical, d.sums.venue, d.sums.organisation],
  );
}

/**
 * Gives or changes the signed-in worker's rating of a class: only a trainee admitted to it who reached the attendance
 * threshold, once the class has ended; a change within 30 days of the first rating. A new or changed comment waits for
 * moderation (a changed comment loses the provider's reply). The running sums change in the same transaction.
 */
export async function rateClass(actor: Actor, tx: Tx, classId: string, input: RatingInput, now: Date = clockNow()): Promise<RatingView> {
  const personId = raterOf(actor);
  const cls = isUuid(classId) ? await training.getClass(tx, classId) : null;
  if (!cls) throw notFound('class', 'classId');
  const existing = (await tx.query<RatingRow>('SELECT * FROM class_ratings WHERE class_id = $1 AND person_id = $2 FOR UPDATE', [cls.id, personId])).rows[0];
  const facts = await ratingFacts(tx, cls, personId);
  const refusal = decideRating({ classState: cls.state, ...facts, editableUntil: existing?.editable_until ?? null, now });
  if (refusal) throw new AppError(refusal, RATING_REFUSALS[refusal], 'classId');
  const comment = input.comment ?? null;
  const scores: Scores = { teaching: input.teaching, practical: input.practical, venue: input.venue, organisation: input.organisation };
  const commentChanged = comment !== (existing?.comment ?? null);
  const row = existing ? await updateRating(tx, existing, scores, comment, commentChanged, now) : await insertRating(tx, cls, personId, scores, comment, now);
  await addToTotals(tx, row, existing ? scoresOf(existing) : null, scores);
  await audit.record(tx, actor, {
    action: existing ? 'rating.change' : 'rating.give',
    entityType: 'class_rating',
    entityId: row.id,
    districtCode: cls.districtCode,
    detail: { classId: cls.id, ...scores, comment: comment === null ? 'none' : commentChanged ? 'to moderate' : 'unchanged' },
  });
  return toRatingView(row, await classNames(tx, cls), now);
}

async function insertRating(tx: Tx, cls: training.TrainingClass, personId: string, s: Scores, comment: string | null, now: Date): Promise<RatingRow> {
  const { rows } = await tx.query<RatingRow>(
    `INSERT INTO class_ratings (class_id, person_id, course_id, provider_id, programme_id, district_code, teaching, practical, venue, organisation,
                                comment, comment_status, rated_at, changed_at, editable_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING *`,
    [
      cls.id,
      personId,
      cls.courseId,
      cls.providerId,
      cls.programmeId,
      cls.districtCode,
      s.teaching,
      s.practical,
      s.venue,
      s.organisation,
      comment,
      comment === null ? 'none' : 'pending',
      now,
      untilOf(now),
    ],
  );
  return rows[0]!;
}

async function updateRating(tx: Tx, cur: RatingRow, s: Scores, comment: string | null, commentChanged: boolean, now: Date): Promise<RatingRow> {
  const status = comment === null ? 'none' : commentChanged ? 'pending' : cur.comment_status;
  const { rows } = await tx.query<RatingRow>(
    `UPDATE class_ratings SET teaching = $2, practical = $3, venue = $4, organisation = $5, comment = $6, comment_status = $7, changed_at = $8,
            moderation_reason = CASE WHEN $9 THEN NULL ELSE moderation_reason END,
            moderated_by = CASE WHEN $9 THEN NULL ELSE moderated_by END, moderated_at = CASE WHEN $9 THEN NULL ELSE moderated_at END,
            reply = CASE WHEN $9 THEN NULL ELSE reply END, replied_by = CASE WHEN $9 THEN NULL ELSE replied_by END,
            replied_at = CASE WHEN $9 THEN NULL ELSE replied_at END
      WHERE id = $1 RETURNING *`,
    [cur.id, s.teaching, s.practical, s.venue, s.organisation, comment, status, now, commentChanged],
  );
  return rows[0]!;
}

/** The signed-in worker's classes under way or ended (admitted, not withdrawn): whether each can be rated now, and their rating. */
export async function myRatableClasses(actor: Actor, q: Queryable, now: Date = clockNow()): Promise<RatableView[]> {
  const personId = raterOf(actor);
  const mine = (await training.listMyTraining(actor, q)).filter(
    (t) => t.kind === 'admission' && t.status === 'admitted' && (t.cls.state === 'open' || t.cls.state === 'ended'),
  );
  const out: RatableView[] = [];
  for (const t of mine) {
    const rating = (await q.query<RatingRow>('SELECT * FROM class_ratings WHERE class_id = $1 AND person_id = $2', [t.cls.id, personId])).rows[0];
    const facts = await ratingFacts(q, t.cls, personId);
    const names = await classNames(q, t.cls);
    out.push({
      classId: t.cls.id,
      ...names,
      startDate: t.cls.startDate,
      endDate: t.cls.endDate,
      refusal: decideRating({ classState: t.cls.state, ...facts, editableUntil: rating?.editable_until ?? null, now }),
      attendanceRate: facts.rate,
      rating: rating ? toRatingView(rating, names, now) : null,
    });
  }
  return out;
}
