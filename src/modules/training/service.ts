/**
 * Training (培训), as one namespace: the module's sub-areas live in their own files — approvals.ts, venues.ts,
 * courses.ts, classes.ts (and sessions), search.ts, registration.ts (and the fitting vouchers), my-training.ts,
 * verify.ts, admission.ts, admitted.ts (withdrawal, enrolment), roster.ts (opening report, cancel),
 * class-job.ts; rows.ts and views.ts map the tables and the API's views; policy.ts says who reaches what.
 * This barrel only re-exports them (the tests and fixture kits that read training as `training.*`).
 */
export { admit, admitNow } from './admission.js';
export { enrolledVoucher, getAdmission, isEnrolled, listAdmittedVouchers, withdrawAdmission } from './admitted.js';
export { grantApproval, isApproved, listApprovals, revokeApproval } from './approvals.js';
export { runClassJob, type ClassJobResult } from './class-job.js';
export {
  createClass,
  getClass,
  listClasses,
  listSessions,
  readClass,
  readSessions,
  replaceSessions,
  sessionFacts,
  updateClass,
  type ClassFilter,
  type ClassInput,
  type SessionInput,
} from './classes.js';
export { createCourse, getCourse, listCourses, readCourse, updateCourse, type CourseInput } from './courses.js';
export { listMyTraining, presentMyTraining, type MyTraining } from './my-training.js';
export { cancelRegistration, fittingVouchers, listClassRegistrations, listMyRegistrations, register } from './registration.js';
export { cancelClass, fileOpeningReport, getRoster, type RosterEntry } from './roster.js';
export type { Admission, Approval, ClassSession, Course, Registration, TrainingClass, Venue } from './rows.js';
export { DEFAULT_GEOFENCE_RADIUS_M } from './rules.js';
export { estimateFen, searchClasses, type SearchFilter, type SearchItem } from './search.js';
export { createVenue, getVenue, listVenues, readVenue, updateVenue, type VenueInput } from './venues.js';
export { verifyForClass, type VerifyResult, type VoucherCredential } from './verify.js';
export { presentAdmission, presentClass, presentCourse, presentRegistration, presentSession, presentVenue, type ClassView, type VenueView } from './views.js';
