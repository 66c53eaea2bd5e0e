/** The subsidy module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
import type { JobDef } from '../../jobs/scheduler.js';
import { resumeJob } from './disbursement.js';
export { simulateBank } from './bank-simulator.js';
export { validateXml } from './bankfiles.js';
export { createClaimForPass, expectedClaimAmountFen } from './claims.js';
export { registerSubsidyCommands } from './cli.js';
export { approveBatch, buildBatch, createBatch, generateFiles, importResults } from './disbursement.js';
export { checkFunds, listAccounts, lockAccount } from './ledger.js';
export type { BudgetAccount } from './ledger.js';
export { registerRoutes } from './routes.js';
export { shanghaiDate } from './rules.js';
export { configureSocialInsurance, setSimulatedRecords } from './social-insurance.js';
export type { SimulatedRecord } from './social-insurance.js';
export {
  countBankResultsToImport,
  countBatchesToApprove,
  countBudgetsMissing,
  countClaimsInReview,
  countFailedPayments,
  countOpenObjections,
} from './todos.js';

// the module's scheduled jobs, for the registry (src/modules/registry.ts); importing this file schedules nothing
export const jobs: readonly JobDef[] = [resumeJob];
export { claimsOfPerson } from './history.js';
export type { ClaimHistoryItem } from './history.js';
export { claimLinks, claimServed } from './served.js';
export type { ClaimLink, ServedClaim } from './served.js';
export { claimAppealFacts, reopenRejectedClaim } from './claims/appeal.js';
export type { ClaimAppealFacts } from './claims/appeal.js';
export type { LoadedCalendar } from './calendar.js';
// timelines (issue 20): the notice's working-day rule and calendar, a claim's timeline facts, who reads claims
export { NOTICE_WORKING_DAYS, loadCalendar } from './calendar.js';
export { isWorkingDay, noticePeriod } from './rules.js';
export type { CalendarDay } from './rules.js';
export { CLAIM_READERS } from './policy.js';
export { claimTimelineFacts, claimTimelineFactsOfVoucher } from './timeline-facts.js';
export type { ClaimTimelineFacts } from './timeline-facts.js';
export { claimsNoticeEndedOn } from './notice-ended.js';
export type { NoticeEndedClaim } from './notice-ended.js';
// the statistics' rebuild: this module's facts over its own tables (analytics/sources.ts composes them)
export { analyticsFacts } from './analytics-facts.js';
