/** The training module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
import type { JobDef } from '../../jobs/scheduler.js';
import { classJob } from './jobs.js';
export { registerTrainingCommands } from './cli.js';
export { registerRoutes } from './routes.js';
export { EARTH_RADIUS_M, addDays, businessDate, businessInstant, fromStored, gcj02ToWgs84, haversineM, toStored, wgs84ToGcj02 } from './rules.js';
export type { CoordSystem, LatLng } from './rules.js';
export { admit } from './admission.js';
export { enrolledVoucher, getAdmission, isEnrolled, listAdmittedVouchers } from './admitted.js';
export { grantApproval, isApproved } from './approvals.js';
export { runClassJob } from './class-job.js';
export { createClass, getClass, listClasses, listEndedClasses, listSessions, readClass, sessionFacts } from './classes.js';
export { listMyTraining } from './my-training.js';
export type { MyTraining } from './my-training.js';
export type { SessionInput } from './classes.js';
export { createCourse } from './courses.js';
export { useCourseScores } from './search.js';
export { useClaimEstimate } from './verify.js';
export { fileOpeningReport } from './roster.js';
export { countClassesWithoutAssessor, countOpeningReportsDue, countPendingRegistrations } from './todos.js';
export type { ClassSession, TrainingClass, Venue } from './rows.js';
export { createVenue, getVenue } from './venues.js';

// the module's scheduled jobs, for the registry (src/modules/registry.ts); importing this file schedules nothing
export const jobs: readonly JobDef[] = [classJob];
export { trainingOfPerson } from './history.js';
export type { TrainingHistoryItem } from './history.js';
export { getCourse } from './courses.js';
export type { Course } from './rows.js';
export { classesStartingOn, openingReportsDueOn } from './reminders.js';
export type { ClassStarting, ReportDue } from './reminders.js';
// the statistics: this module's facts over its own tables for the rebuild (analytics/sources.ts composes them) and
// its dimension look-ups for the live deltas (analytics/lookups.ts composes them)
export { analyticsFacts, analyticsLookups } from './analytics-facts.js';
