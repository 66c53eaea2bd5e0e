/** The attendance module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { checkinWindow } from './rules.js';
export { CheckInBody } from './schemas.js';
export { attendanceOf, checkIn } from './service.js';
export { classAttendance } from './rates.js';
export type { Attendance } from './rules.js';
export { checkInsOfPerson } from './history.js';
export type { CheckInHistoryItem } from './history.js';
export { countFlagsToReview } from './todos.js';
export { checkInAppealFacts, reinstateRejectedCheckIn } from './review.js';
export type { CheckInAppealFacts } from './review.js';
// the statistics' rebuild: this module's facts over its own tables (analytics/sources.ts composes them)
export { analyticsFacts } from './analytics-facts.js';
