/**
 * Claims (核验): created when a pass is recorded; eligibility as named rules; approved automatically when
 * every rule passes (budget reserved, voucher → approved, public notice 公示 published) or put in review
 * with the failed rules listed; reviewers decide with an opinion; objections hold a claim for review;
 * a failed payment is re-queued once the payee's account is corrected (支付失败再申请).
 * One file per part, under ./claims/:
 *   claim-row.ts   the row, the view (one mapper), the state change and its trail, the scoped read
 *   create.ts      createClaimForPass: quote → limits and rules → write → approve when all pass
 *   limits.ts      the per-person limits, re-decided at a manual approval (recheckLimits)
 *   approval.ts    in_review → approved: budget reserved, voucher approved (../flows.ts), notice published
 *   review.ts      a reviewer's decision; re-queue after a failed payment
 *   queries.ts     one claim, the list (the one scoped query), the admins' to-dos
 *   enterprise.ts  补贴到账: an enterprise's claims (paid to it or on its customised vouchers) and one of them
 *   notice.ts      the public notice (公示)
 *   objections.ts  objections (异议) and the officers' queue
 * This file is the sub-area's index (the module's face, the routes, the exports and the tests import it).
 */
export { NOTICE_WORKING_DAYS, listCalendar, setCalendarDay } from './calendar.js';
export { presentClaim, type ClaimRow, type ClaimView } from './claims/claim-row.js';
export { createClaimForPass, expectedClaimAmountFen, type ExpectedClaimInput, type PassFacts } from './claims/create.js';
export { APPRENTICESHIP_DEFAULT_CAP_YEARS } from './claims/limits.js';
export { listNotices, type NoticeFilter, type NoticeItem } from './claims/notice.js';
export {
  ANONYMOUS_OBJECTIONS_PER_CLAIM_PER_DAY,
  listObjections,
  objectToClaim,
  resolveObjection,
  type ObjectionResult,
  type ObjectionView,
} from './claims/objections.js';
export { claimTodos, claimsOfClass, getClaim, listClaims, type ClassClaim, type ClaimDetail, type ClaimFilter, type ClaimTodo } from './claims/queries.js';
export { decideClaim, requeueClaim, type DecisionInput } from './claims/review.js';
export { getEnterpriseClaim, listEnterpriseClaims, type EnterpriseClaim, type EnterpriseClaimDetail, type EnterpriseClaimPage } from './claims/enterprise.js';
