/** The evaluation module's service: re-exports of its sub-areas. */
export { myRatableClasses, rateClass } from './ratings.js';
export type { RatingInput } from './ratings.js';
export { listModeration, moderate, providerRatings, replyToRating } from './moderation.js';
export { COURSE_SCORE_SQL, courseRatings, lowScoreClasses, ratingCoverage, scoreOfSubject } from './scores.js';
