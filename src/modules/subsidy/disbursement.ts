/**
 * Disbursement (核拨 / 结算核销) as explicit, resumable state machines — every step idempotent, so a
 * rerun after a crash (kill -9) converges. Every step is set-based: one statement per chunk of claims or
 * result entries, never a round trip per claim. One file per step, under ./disbursement/:
 *  1. build:    batch 'building' → include approved, noticed claims in chunks (row locks SKIP LOCKED + the
 *               unique partial index "one live payment per claim"; two chunks side by side) → 'draft'.   build.ts
 *  2. approve:  a second finance / city admin user (maker ≠ checker) → 'approved'.                          approve.ts
 *  3. generate: 'approved' | 'generating' → stream the pain.001 (deterministic from the rows) into its
 *               SHA-256 digest → 'file_ready'. Downloads stream the same bytes again.                      files.ts
 *  4. import:   a camt.054 / CSV result file, keyed by its SHA-256: entries applied in chunks, each chunk one
 *               transaction (two side by side); a rerun of the same file skips the positions already
 *               committed; a finished file imported again changes nothing. Payments pending → booked /
 *               rejected only once. The vouchers of the claims a chunk pays are settled (核销, approved →
 *               settled) in that chunk's transaction (../flows.ts).                                        results.ts
 *  5. settle:   safety net (the job): claims paid whose voucher is still not settled → settled, or
 *               reported (../flows.ts settleVouchers).                                                      resume.ts
 * The batch's row, view and settings: batches.ts; the lists and the checker's view: queries.ts.
 * This file is the sub-area's index (the module's face, the routes, the CLI and the tests import it).
 */
export { approveBatch, cancelBatch } from './disbursement/approve.js';
export {
  BUILD_CHUNK,
  BUILD_PARALLEL,
  CAMT054_XSD,
  IMPORT_CHUNK,
  IMPORT_PARALLEL,
  INITIATOR_NAME,
  PAIN001_XSD,
  presentBatch,
  type BatchRow,
  type BatchView,
} from './disbursement/batches.js';
export {
  buildBatch,
  createBatch,
  createPayableBatch,
  openBatch,
  payableSummary,
  previewBatch,
  resumeBuilding,
  type BatchInput,
  type BatchPreview,
  type PayableSummary,
} from './disbursement/build.js';
export { batchForDownload, generateFiles, streamBatchFile } from './disbursement/files.js';
export {
  getBatch,
  listBatchPayments,
  listBatches,
  type BatchDetail,
  type BatchFilter,
  type BatchPaymentView,
  type PaymentFilter,
} from './disbursement/queries.js';
export { importResults, type FileSource, type ImportReport } from './disbursement/results.js';
export { resumeAll, resumeJob } from './disbursement/resume.js';
export { settleVouchers } from './flows.js';
