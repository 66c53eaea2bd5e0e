/** The evaluation module's public face (培训评价): what other modules, the CLI and the platform may use. Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { COURSE_SCORE_SQL, lowScoreClasses, ratingCoverage, scoreOfSubject } from './service.js';
export { COVERAGE_TARGET_PCT, LOW_SCORE_THRESHOLD, RATING_CHANGE_DAYS } from './rules.js';
