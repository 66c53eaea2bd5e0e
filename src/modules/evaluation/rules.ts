/**
 * The rules of training evaluation (培训评价), pure: who may rate a class, how long a rating can be changed,
 * scores from running sums, and the share of completers who rated (参评率).
 */

/** A rating can be changed for this many days after it was first given. */
export const RATING_CHANGE_DAYS = 30;
/** The share of completers who rated that a class and a district aim at (Heilongjiang's practice). */
export const COVERAGE_TARGET_PCT = 80;
/** A class or provider whose score is below this (with at least LOW_SCORE_MIN_RATINGS ratings) is shown to its district. */
export const LOW_SCORE_THRESHOLD = 3;
export const LOW_SCORE_MIN_RATINGS = 3;

export const RATING_DIMENSIONS = ['teaching', 'practical', 'venue', 'organisation'] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];
export type Scores = Record<RatingDimension, number>;

/** Why a person may not rate a class: each a stable code (the web app says it in Chinese). */
export const RATING_REFUSALS = {
  RATING_NOT_A_TRAINEE: 'only trainees admitted to the class rate it',
  RATING_CLASS_NOT_ENDED: 'the class has not ended yet: it can be rated once it has',
  RATING_ATTENDANCE_BELOW_THRESHOLD: 'only trainees who reached the attendance threshold rate the class',
  RATING_CHANGE_WINDOW_CLOSED: `a rating can be changed for ${RATING_CHANGE_DAYS} days after it was given`,
} as const;
export type RatingRefusal = keyof typeof RATING_REFUSALS;

export interface RatingFacts {
  classState: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
  /** The person's admission to the class is open (not withdrawn nor cancelled). */
  admitted: boolean;
  /** The person's attendance reached the programme's threshold. */
  meetsThreshold: boolean;
  /** Until when the person's existing rating may be changed (none yet: null). */
  editableUntil: Date | null;
  now: Date;
}

/** The one decision for giving or changing a rating: null when allowed, else the refusal. */
export function decideRating(f: RatingFacts): RatingRefusal | null {
  if (!f.admitted) return 'RATING_NOT_A_TRAINEE';
  if (f.classState !== 'ended') return 'RATING_CLASS_NOT_ENDED';
  if (!f.meetsThreshold) return 'RATING_ATTENDANCE_BELOW_THRESHOLD';
  if (f.editableUntil !== null && f.now.getTime() > f.editableUntil.getTime()) return 'RATING_CHANGE_WINDOW_CLOSED';
  return null;
}

/** The instant until which a rating first given at `ratedAt` may be changed. */
export function editableUntil(ratedAt: Date): Date {
  return new Date(ratedAt.getTime() + RATING_CHANGE_DAYS * 86_400_000);
}

export interface Totals {
  ratings: number;
  sums: Scores;
}

/** What a rating changes in the running sums: a new rating adds itself, a changed one the difference. */
export function totalsDelta(before: Scores | null, after: Scores): Totals {
  const sums = {} as Scores;
  for (const d of RATING_DIMENSIONS) sums[d] = after[d] - (before?.[d] ?? 0);
  return { ratings: before ? 0 : 1, sums };
}

export interface Score {
  /** The mean of the four dimensions' means, one decimal (null without ratings). */
  overall: number | null;
  /** Each dimension's mean, one decimal. */
  dimensions: Record<RatingDimension, number | null>;
  ratings: number;
}

const oneDecimal = (x: number): number => Math.round(x * 10) / 10;

/** Scores from running sums. */
export function scoreOf(t: Totals): Score {
  const dimensions = {} as Record<RatingDimension, number | null>;
  if (t.ratings <= 0) {
    for (const d of RATING_DIMENSIONS) dimensions[d] = null;
    return { overall: null, dimensions, ratings: 0 };
  }
  let sum = 0;
  for (const d of RATING_DIMENSIONS) {
    dimensions[d] = oneDecimal(t.sums[d] / t.ratings);
    sum += t.sums[d];
  }
  return { overall: oneDecimal(sum / (t.ratings * RATING_DIMENSIONS.length)), dimensions, ratings: t.ratings };
}

/** Whether a score is low enough to show on the district's workbench. */
export function isLowScore(s: Score): boolean {
  return s.overall !== null && s.ratings >= LOW_SCORE_MIN_RATINGS && s.overall < LOW_SCORE_THRESHOLD;
}

export interface Coverage {
  completers: number;
  rated: number;
  /** rated ÷ completers in percent, one decimal; null without completers. */
  ratePct: number | null;
  meetsTarget: boolean;
}

/** The share of completers who rated (a rating by someone no longer counted as a completer still counts at most once each). */
export function coverageOf(completers: number, rated: number): Coverage {
  if (!Number.isInteger(completers) || !Number.isInteger(rated) || completers < 0 || rated < 0) throw new RangeError('counts must be integers ≥ 0');
  const r = Math.min(rated, completers);
  if (completers === 0) return { completers, rated: r, ratePct: null, meetsTarget: false };
  return { completers, rated: r, ratePct: oneDecimal((r * 100) / completers), meetsTarget: r * 100 >= COVERAGE_TARGET_PCT * completers };
}
