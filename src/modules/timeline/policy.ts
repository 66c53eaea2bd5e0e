/**
 * Who reads a timeline: exactly who reads the object's detail in its owning module (the role lists below; the
 * object's scope is checked by the owner's scoped read, so another scope's object answers 404).
 */
import type { Role } from '../identity/index.js';
export { CLAIM_READERS } from '../subsidy/index.js';
export { CASE_READERS } from '../rehab/index.js';

/** As GET /api/v1/vouchers/{id}: the holder, or an admin/auditor of the voucher's scope. */
export const VOUCHER_READERS: readonly Role[] = ['worker', 'city_admin', 'district_admin', 'auditor'];
