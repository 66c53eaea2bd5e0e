/** The ratings module's public face (好差评, issue 20 §3). Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { useRatableKind } from './kinds.js';
export type { ServedLookup } from './kinds.js';
export { ratingCounts } from './service.js';
export { RATING_KINDS } from './rules.js';
export type { RatingKind, Served } from './rules.js';
