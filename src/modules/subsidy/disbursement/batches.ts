/**
 * The disbursement batch (核拨批次): its row, its view (one mapper), its settings, the shared read of one
 * batch. The steps live beside: build.ts (1), approve.ts (2), files.ts (3), results.ts (4), resume.ts (5).
 */
import type { z } from 'zod';
import { subsidyConfig } from '../../../config.js';
import type { Queryable } from '../../../db/index.js';
import { notFound } from '../../../lib/errors.js';
import { isUuid } from '../../../lib/identifiers.js';
import type { BatchState } from '../rules.js';
import type { BatchViewSchema } from '../schemas.js';

/** The ISO 20022 schemas, vendored in ../xsd (as published by ISO 20022). */
export const PAIN001_XSD = new URL('../xsd/pain.001.001.09.xsd', import.meta.url).pathname;
export const CAMT054_XSD = subsidyConfig.camt054Xsd ?? new URL('../xsd/camt.054.001.10.xsd', import.meta.url).pathname;
export const BUILD_CHUNK = subsidyConfig.buildChunk;
/** Chunk transactions of one batch build run side by side (PostgreSQL; PGlite has one session). */
export const BUILD_PARALLEL = subsidyConfig.buildParallel;
export const IMPORT_CHUNK = subsidyConfig.importChunk;
/** Chunk transactions of one result import applied side by side (PostgreSQL; PGlite has one session). */
export const IMPORT_PARALLEL = subsidyConfig.importParallel;
export const FILE_PAGE = subsidyConfig.filePage;
/** Who initiates the payments (GrpHdr/InitgPty). The debtor accounts are per funding source (debtor-accounts.ts). */
export const INITIATOR_NAME = subsidyConfig.initiatorName;

/** Throttle between steps' chunks (operations: spread load; the crash tests use it to stop mid-step). */
export const pause = async (what: string): Promise<void> => {
  if (subsidyConfig.trace) process.stderr.write(`step ${what}\n`);
  if (subsidyConfig.stepDelayMs > 0) await new Promise((r) => setTimeout(r, subsidyConfig.stepDelayMs));
};

export interface BatchRow {
  id: string;
  number: string;
  status: BatchState;
  programme_id: string | null;
  district_code: string | null;
  max_payments: number;
  maker_id: string;
  checker_id: string | null;
  payment_count: number;
  total_fen: number;
  booked_count: number;
  rejected_count: number;
  msg_id: string | null;
  file_sha256: string | null;
  csv_sha256: string | null;
  requested_date: string | null;
  created_at: Date;
  approved_at: Date | null;
  file_at: Date | null;
  reconciled_at: Date | null;
}

export type BatchView = z.infer<typeof BatchViewSchema>;

/** The one mapper of a batch row; `names` gives the maker's and checker's display names where looked up. */
export const presentBatch = (b: BatchRow, names: ReadonlyMap<string, string> = new Map()): BatchView => ({
  id: b.id,
  number: b.number,
  status: b.status,
  programmeId: b.programme_id,
  districtCode: b.district_code,
  makerId: b.maker_id,
  checkerId: b.checker_id,
  makerName: names.get(b.maker_id) ?? null,
  checkerName: b.checker_id ? (names.get(b.checker_id) ?? null) : null,
  paymentCount: b.payment_count,
  totalFen: b.total_fen,
  bookedCount: b.booked_count,
  rejectedCount: b.rejected_count,
  fileSha256: b.file_sha256,
  csvSha256: b.csv_sha256,
  requestedDate: b.requested_date,
  createdAt: b.created_at.toISOString(),
  approvedAt: b.approved_at?.toISOString() ?? null,
});

export async function batchRow(q: Queryable, id: string, lock = false): Promise<BatchRow> {
  if (!isUuid(id)) throw notFound('batch');
  const { rows } = await q.query<BatchRow>(`SELECT * FROM disbursement_batches WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!rows[0]) throw notFound('batch');
  return rows[0];
}
