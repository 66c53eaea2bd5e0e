/** The evaluation module's row types and their views. */
import { editableUntil as untilOf, RATING_DIMENSIONS, scoreOf, type Scores, type Totals } from './rules.js';
import type { ModerationItemView, RatingView, ScoreView } from './schemas.js';

export interface RatingRow {
  id: string;
  class_id: string;
  person_id: string;
  course_id: string;
  provider_id: string;
  programme_id: string;
  district_code: string;
  teaching: number;
  practical: number;
  venue: number;
  organisation: number;
  comment: string | null;
  comment_status: 'none' | 'pending' | 'published' | 'rejected';
  moderation_reason: string | null;
  moderated_by: string | null;
  moderated_at: Date | null;
  reply: string | null;
  replied_by: string | null;
  replied_at: Date | null;
  rated_at: Date;
  changed_at: Date;
  editable_until: Date;
}

export interface TotalsRow {
  ratings: number;
  sum_teaching: number;
  sum_practical: number;
  sum_venue: number;
  sum_organisation: number;
}

export const scoresOf = (r: Pick<RatingRow, 'teaching' | 'practical' | 'venue' | 'organisation'>): Scores => ({
  teaching: r.teaching,
  practical: r.practical,
  venue: r.venue,
  organisation: r.organisation,
});

/** One rating's overall score (the mean of its four dimensions, one decimal). */
export const overallOf = (r: RatingRow): number => scoreOf({ ratings: 1, sums: scoresOf(r) }).overall!;

export function totalsOf(r: TotalsRow | undefined): Totals {
  if (!r) return { ratings: 0, sums: { teaching: 0, practical: 0, venue: 0, organisation: 0 } };
  return {
    ratings: Number(r.ratings),
    sums: { teaching: Number(r.sum_teaching), practical: Number(r.sum_practical), venue: Number(r.sum_venue), organisation: Number(r.sum_organisation) },
  };
}

export const scoreView = (t: Totals): ScoreView => scoreOf(t);

export function toRatingView(r: RatingRow, names: { className: string; providerName: string }, now: Date): RatingView {
  return {
    id: r.id,
    classId: r.class_id,
    className: names.className,
    providerName: names.providerName,
    ...scoresOf(r),
    comment: r.comment,
    commentStatus: r.comment_status,
    moderationReason: r.moderation_reason,
    reply: r.reply,
    ratedAt: r.rated_at.toISOString(),
    changedAt: r.changed_at.toISOString(),
    editableUntil: r.editable_until.toISOString(),
    editable: now.getTime() <= r.editable_until.getTime(),
  };
}

export function toModerationItem(r: RatingRow, names: { className: string; providerName: string; rater: string }): ModerationItemView {
  return {
    id: r.id,
    classId: r.class_id,
    className: names.className,
    providerName: names.providerName,
    districtCode: r.district_code,
    rater: names.rater,
    overall: overallOf(r),
    comment: r.comment ?? '',
    commentStatus: r.comment_status,
    moderationReason: r.moderation_reason,
    reply: r.reply,
    changedAt: r.changed_at.toISOString(),
  };
}

export { untilOf, RATING_DIMENSIONS };
