/**
 * Attendance (打卡签到): geofenced check-in, online-platform imports, flags for review, attendance rates —
 * the module's service, one file per sub-area:
 *  - check-in.ts: the check-in (decided once by rules.ts `decideCheckIn`, for the one-by-one and the batched path);
 *  - check-in-batch.ts: check-ins arriving together written in one transaction (the locks and planner settings: src/db/tuning.ts);
 *  - context.ts: a session's check-in context, cached briefly;
 *  - online-import.ts: an online class's platform records;
 *  - review.ts: the review queue of flagged check-ins;
 *  - rates.ts, lists.ts: a trainee's attendance rate, a class's sheet;
 *  - rows.ts: the check_ins row and its views; policy.ts: who may do what (on identity/scope.ts).
 *
 * Scope: a worker checks in for their own admitted classes; a provider reads its own classes' sheets and
 * imports their online records; a district admin reads and reviews its district's (another scope → 404).
 */
export { checkIn, checkInNow, type CheckInInput } from './check-in.js';
export { clearContextCache } from './context.js';
export { classAttendance } from './lists.js';
export { ONLINE_COLUMNS, ONLINE_IMPORT_MAX_ROWS, importOnlineAttendance } from './online-import.js';
export { attendanceOf, type AttendanceRef } from './rates.js';
export { decideFlag, listFlags, type FlagFilter } from './review.js';
export { presentCheckIn, type CheckInStatus } from './rows.js';
export type { CheckInView, ClassAttendance, FlagView, OnlineImportReport, SessionMark, TraineeAttendance } from './schemas.js';
