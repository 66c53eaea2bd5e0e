/** The vouchers module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
import type { JobDef } from '../../jobs/scheduler.js';
import { expiryJob } from './expiry.js';
export { registerVoucherCommands } from './cli.js';
export { expireVouchers } from './expiry.js';
export { createIssuance, issueTargetedToPerson, runIssuance, uploadCustomList } from './issuance.js';
export { signQrToken } from './qr.js';
export { countIssuancesToRun } from './todos.js';
export { registerRoutes } from './routes.js';
export { VoucherViewSchema } from './schemas.js';
export {
  admitVoucher,
  admitVouchers,
  applyForVoucher,
  closeVoucherForRejectedClaim,
  reinstateVoucherOfReopenedClaim,
  findVoucherByNumber,
  getTokenVoucher,
  getVoucher,
  insertVoucher,
  issuerOrgOf,
  listMyVouchers,
  settleVouchers,
  subsidyEstimateFen,
  transitionVoucher,
  verifyQrToken,
} from './service.js';
export type { QrPayload, Voucher, VoucherView } from './service.js';

// the module's scheduled jobs, for the registry (src/modules/registry.ts); importing this file schedules nothing
export const jobs: readonly JobDef[] = [expiryJob];
export { vouchersOfPerson } from './history.js';
export type { VoucherHistoryItem } from './history.js';
export { ON_DEMAND_TYPES } from './apply.js';
export { OPEN_STATES, validityFor } from './rules.js';
export { applicationFacts, reassessApplication } from './reassess.js';
export type { ApplicationFacts, Reassessment } from './reassess.js';
export { vouchersExpiringOn } from './reminders.js';
export type { ExpiringVoucher } from './reminders.js';
// timelines (issue 20): a voucher's detail in the caller's scope, and its history for a caller already let through
export { eventsOfVoucher, getVoucherDetail } from './service.js';
// the statistics: this module's facts over its own tables for the rebuild (analytics/sources.ts composes them) and
// its dimension look-ups for the live deltas (analytics/lookups.ts composes them)
export { analyticsFacts, analyticsLookups } from './analytics-facts.js';
