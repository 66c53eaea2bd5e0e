/**
 * The timeline module's public face (issue 20 part 2): the steps of a voucher, a subsidy claim and a
 * rehabilitation case, composed from the owning modules' services. It owns no table. Import only this file from outside.
 */
export { registerRoutes } from './routes.js';
export { claimTimelineFor, rehabTimelineFor, voucherTimelineFor } from './service.js';
export type { Timeline } from './service.js';
export { expectedNoticeAndPayment, rehabTimeline, voucherTimeline } from './rules.js';
export type { Step, StepState } from './rules.js';
