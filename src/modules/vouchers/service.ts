/**
 * Vouchers (职业培训券): lookup, the lifecycle transitions (one conditional UPDATE + event + audit),
 * revocation, on-demand application (申领), the worker's views and the QR token. The parts:
 *
 * - records.ts — the vouchers view's row, its mapping, look-ups by id and number, the subsidy estimate;
 * - lifecycle.ts — transitions, closing a rejected claim's voucher, settlement, revocation;
 * - apply.ts — issuing one voucher and the on-demand application;
 * - views.ts — the presenter, the officers' list and statistics, the worker's list, the detail;
 * - admission.ts — the QR token, admission's move of the voucher (single and coalesced).
 *
 * Issuance runs (targeted / customised) live in issuance.ts, the expiry pass in expiry.ts.
 */
export type { QrPayload } from './qr.js';
export type { VoucherKind, VoucherStatus } from './rules.js';
export { findVoucherByNumber, getVoucher, issuerOrgOf, subsidyEstimateFen, toVoucher } from './records.js';
export type { Voucher, VoucherMode, VoucherRow } from './records.js';
export { closeVoucherForRejectedClaim, reinstateVoucherOfReopenedClaim, revokeVoucher, settleVouchers, transitionVoucher } from './lifecycle.js';
export { ON_DEMAND_TYPES, applyForVoucher, holdsOpenSubsidyVoucher, insertVoucher } from './apply.js';
export type { ApplyCause, ApplyExplanation, ApplyInput, ApplyResult, NewVoucher } from './apply.js';
export { eventsOfVoucher, getVoucherDetail, listIssuanceVouchers, listMyVouchers, listVouchers, presentVouchers, voucherStats } from './views.js';
export type { VoucherEventView, VoucherFilter, VoucherView } from './views.js';
export { admitVoucher, admitVouchers, consumeQrNonce, getTokenVoucher, issueQrToken, verifyQrToken } from './admission.js';
export type { TrainingPlace } from './admission.js';
