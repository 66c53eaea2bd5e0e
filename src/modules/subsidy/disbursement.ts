/**
 * Disbursement (核拨 / 结算核销) as explicit, resumable state machines — every step idempotent, so a
 * rerun after a crash (kill -9) converges. Every step is set-based: one statement per chunk of claims or
 * result entries, never a round trip per claim.
 *  1. build:    batch 'building' → include approved, noticed claims in chunks (row locks SKIP LOCKED + the
 *               unique partial index "one live payment per claim"; two chunks side by side) → 'draft'.
 *  2. approve:  a second finance / city admin user (maker ≠ checker) → 'approved'.
 *  3. generate: 'approved' | 'generating' → stream the pain.001 (deterministic from the rows) into its
 *               SHA-256 digest → 'file_ready'. Downloads stream the same bytes again.
 *  4. import:   a camt.054 / CSV result file, keyed by its SHA-256: entries applied in chunks, each chunk one
 *               transaction (two side by side); a rerun of the same file skips the positions already
 *               committed; a finished file imported again changes nothing. Payments pending → booked /
 *               rejected only once.
 *  5. settle:   claims paid whose voucher is not yet settled → voucher approved → settled (核销).
 */
import { createHash } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import type { Db, Queryable, Tx } from '../../db/index.js';
import { decrypt } from '../../lib/crypto.js';
import { AppError, notFound } from '../../lib/errors.js';
import * as audit from '../audit/service.js';
import { SYSTEM, type AuditActor } from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import type { JobDef } from '../../jobs/scheduler.js';
import * as vouchers from '../vouchers/service.js';
import {
  readCamt054,
  readResultCsv,
  validateXml,
  writeDisbursementCsv,
  writePain001,
  type BankResultEntry,
  type ParseIssue,
  type Payment,
  type ReadOutcome,
} from './bankfiles.js';
import * as ledger from './ledger.js';
import { shanghaiDate, type BatchState } from './rules.js';
import { isUuid } from '../../lib/identifiers.js';

/** The ISO 20022 schemas, vendored in ./xsd (as published by ISO 20022). */
export const PAIN001_XSD = new URL('./xsd/pain.001.001.09.xsd', import.meta.url).pathname;
export const CAMT054_XSD = process.env.CAMT054_XSD ?? new URL('./xsd/camt.054.001.10.xsd', import.meta.url).pathname;
export const BUILD_CHUNK = Number(process.env.SUBSIDY_BUILD_CHUNK ?? 5_000);
/** Chunk transactions of one batch build run side by side (PostgreSQL; PGlite has one session). */
export const BUILD_PARALLEL = Math.max(1, Number(process.env.SUBSIDY_BUILD_PARALLEL ?? 2));
export const IMPORT_CHUNK = Number(process.env.SUBSIDY_IMPORT_CHUNK ?? 5_000);
/** Chunk transactions of one result import applied side by side (PostgreSQL; PGlite has one session). */
export const IMPORT_PARALLEL = Math.max(1, Number(process.env.SUBSIDY_IMPORT_PARALLEL ?? 2));
const FILE_PAGE = Number(process.env.SUBSIDY_FILE_PAGE ?? 5_000);
/** Throttle between steps' chunks (operations: spread load; the crash tests use it to stop mid-step). */
const STEP_DELAY_MS = Number(process.env.SUBSIDY_STEP_DELAY_MS ?? 0);
const pause = async (what: string): Promise<void> => {
  if (process.env.SUBSIDY_TRACE) process.stderr.write(`step ${what}\n`);
  if (STEP_DELAY_MS > 0) await new Promise((r) => setTimeout(r, STEP_DELAY_MS));
};

/** Who pays: the fund's account in the agency bank (configurable by environment). */
export const DEBTOR = {
  initiatorName: process.env.SUBSIDY_INITIATOR_NAME ?? '人力资源和社会保障局',
  debtorName: process.env.SUBSIDY_DEBTOR_NAME ?? '就业补助资金专户',
  debtorAccount: process.env.SUBSIDY_DEBTOR_ACCOUNT ?? '31001500000050000001',
  debtorBankName: process.env.SUBSIDY_DEBTOR_BANK ?? '代发银行',
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

export interface BatchView {
  id: string;
  number: string;
  status: BatchState;
  programmeId: string | null;
  districtCode: string | null;
  makerId: string;
  checkerId: string | null;
  paymentCount: number;
  totalFen: number;
  bookedCount: number;
  rejectedCount: number;
  fileSha256: string | null;
  csvSha256: string | null;
  requestedDate: string | null;
  createdAt: string;
  approvedAt: string | null;
}

export const presentBatch = (b: BatchRow): BatchView => ({
  id: b.id,
  number: b.number,
  status: b.status,
  programmeId: b.programme_id,
  districtCode: b.district_code,
  makerId: b.maker_id,
  checkerId: b.checker_id,
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

const FINANCE = ['finance', 'city_admin'];

function requireFinance(actor: AuditActor): void {
  if (actor.role !== 'system' && !FINANCE.includes(actor.role)) throw new AppError('FORBIDDEN', 'disbursement is for finance');
}

async function batchRow(q: Queryable, id: string, lock = false): Promise<BatchRow> {
  if (!isUuid(id)) throw notFound('batch');
  const { rows } = await q.query<BatchRow>(`SELECT * FROM disbursement_batches WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!rows[0]) throw notFound('batch');
  return rows[0];
}

export async function getBatch(
  actor: Actor,
  q: Queryable,
  id: string,
): Promise<BatchView & { payees: Array<{ payeeKey: string; count: number; amountFen: number }> }> {
  if (!['finance', 'city_admin', 'auditor'].includes(actor.role)) throw new AppError('FORBIDDEN', 'not for this role');
  const b = await batchRow(q, id);
  const { rows } = await q.query<{ payee_key: string; n: number; fen: number }>(
    `SELECT payee_key, count(*) AS n, sum(amount_fen)::bigint AS fen FROM disbursement_payments WHERE batch_id = $1 AND status <> 'cancelled'
      GROUP BY payee_key ORDER BY fen DESC, payee_key LIMIT 100`,
    [id],
  );
  return { ...presentBatch(b), payees: rows.map((r) => ({ payeeKey: r.payee_key, count: r.n, amountFen: r.fen })) };
}

export async function listBatches(
  actor: Actor,
  q: Queryable,
  f: { status?: BatchState | undefined; limit: number; offset: number },
): Promise<{ total: number; items: BatchView[] }> {
  if (!['finance', 'city_admin', 'auditor'].includes(actor.role)) throw new AppError('FORBIDDEN', 'not for this role');
  const total = (await q.query<{ n: number }>('SELECT count(*) AS n FROM disbursement_batches WHERE ($1::text IS NULL OR status = $1)', [f.status ?? null]))
    .rows[0]!.n;
  const { rows } = await q.query<BatchRow>(
    'SELECT * FROM disbursement_batches WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT $2 OFFSET $3',
    [f.status ?? null, f.limit, f.offset],
  );
  return { total, items: rows.map(presentBatch) };
}

// ------------------------------------------------------------------------------------------------ build

export interface BatchInput {
  programmeId?: string | undefined;
  districtCode?: string | undefined;
  maxPayments?: number | undefined;
}

/** Step 1a: the batch row ('building'), in the caller's transaction (with the Idempotency-Key). */
export async function createBatch(actor: AuditActor & { accountId: string }, tx: Tx, input: BatchInput): Promise<BatchView> {
  requireFinance(actor);
  const { rows } = await tx.query<BatchRow>(
    `INSERT INTO disbursement_batches (number, status, programme_id, district_code, max_payments, maker_id)
     VALUES ('B' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('disbursement_batch_serial')::text, 6, '0'), 'building', $1, $2, $3, $4)
     RETURNING *`,
    [input.programmeId ?? null, input.districtCode ?? null, input.maxPayments ?? 100_000, actor.accountId],
  );
  const b = rows[0]!;
  await audit.record(tx, actor, {
    action: 'batch.create',
    entityType: 'disbursement_batch',
    entityId: b.id,
    detail: { number: b.number, programmeId: b.programme_id, districtCode: b.district_code, maxPayments: b.max_payments },
  });
  return presentBatch(b);
}

/** A chunk that would overfill its batch, or whose batch left 'building' meanwhile: rolled back, retried. */
class ChunkRefused extends Error {}

/**
 * Step 1b: includes payable claims (approved, notice ended, no open objection) in chunks; each chunk is one
 * transaction and ONE set-based statement (pick with row locks SKIP LOCKED → insert the payments → move the
 * claims to in_batch → their trail), then the batch's running count and the chunk's audit entry. Up to
 * BUILD_PARALLEL chunks run side by side (PostgreSQL): SKIP LOCKED keeps their claims apart, and the batch
 * row is only taken at the end of each chunk, by a conditional UPDATE that refuses a chunk which would
 * overfill the batch or whose batch is no longer 'building' (that chunk rolls back and the loop looks again).
 * Safe to run concurrently with other builds of the same or other batches, and to rerun after a crash.
 */
export async function buildBatch(by: AuditActor, db: Db, batchId: string, now: Date = new Date()): Promise<BatchView> {
  const today = shanghaiDate(now);
  // the running count kept in payment_count while building; re-derived once per run (a crashed run's rows)
  await db.tx(async (tx) => {
    const b = await batchRow(tx, batchId, true);
    if (b.status !== 'building') return;
    await tx.query(
      "UPDATE disbursement_batches SET payment_count = (SELECT count(*) FROM disbursement_payments WHERE batch_id = $1 AND status = 'pending') WHERE id = $1",
      [batchId],
    );
  });
  let promised = 0; // room taken by this run's chunks in flight
  /** One chunk; true when this worker has nothing more to do. */
  const chunk = async (): Promise<boolean> => {
    let want = 0;
    try {
      return await db.tx(async (tx) => {
        const b = await batchRow(tx, batchId);
        if (b.status !== 'building') return true;
        const room = b.max_payments - b.payment_count - promised;
        if (room <= 0) return true;
        want = Math.min(room, BUILD_CHUNK);
        promised += want;
        const { rows } = await tx.query<{ picked: number; included: number; moved: number; fen: number }>(
          // The claims are found again by their tuple ids (ctid, stable while this statement holds their row
          // locks): a TID scan, whatever the statistics say about how many claims are approved.
          `WITH pick AS (
             SELECT ctid AS tid, id, amount_fen, payee_key, payee_name, payee_account_enc, payee_bank, number, attempt FROM subsidy_claims
              WHERE status = 'approved' AND notice_last_day < $1::date AND payee_account_enc IS NOT NULL AND amount_fen > 0
                AND ($2::uuid IS NULL OR programme_id = $2) AND ($3::text IS NULL OR district_code = $3)
              LIMIT $4 FOR UPDATE SKIP LOCKED),
           ins AS (
             INSERT INTO disbursement_payments (batch_id, claim_id, end_to_end_id, amount_fen, payee_key, payee_name, payee_account_enc, payee_bank)
             SELECT $5, id, number || '-' || (attempt + 1), amount_fen, payee_key, COALESCE(payee_name, ''), payee_account_enc, payee_bank FROM pick
             ON CONFLICT (claim_id) WHERE status IN ('pending', 'booked') DO NOTHING
             RETURNING claim_id, amount_fen),
           upd AS (
             UPDATE subsidy_claims c SET status = 'in_batch', attempt = c.attempt + 1, updated_at = now()
              WHERE c.ctid = ANY (ARRAY(SELECT pick.tid FROM pick JOIN ins ON ins.claim_id = pick.id)) AND c.status = 'approved'
             RETURNING c.id),
           ev AS (
             INSERT INTO claim_events (claim_id, from_status, to_status, actor_id, actor_role, reason)
             SELECT id, 'approved', 'in_batch', $6, $7, $8 FROM upd)
           SELECT (SELECT count(*) FROM pick)::int AS picked, (SELECT count(*) FROM ins)::int AS included,
                  (SELECT count(*) FROM upd)::int AS moved, (SELECT COALESCE(sum(amount_fen), 0) FROM ins)::bigint AS fen`,
          [today, b.programme_id, b.district_code, want, batchId, by.accountId, by.role, `batch ${b.number}`],
        );
        const r = rows[0]!;
        if (r.moved !== r.included) throw new Error(`batch ${b.number}: ${r.included} payments but ${r.moved} claims moved`);
        if (r.included > 0) {
          const { rowCount } = await tx.query(
            "UPDATE disbursement_batches SET payment_count = payment_count + $2 WHERE id = $1 AND status = 'building' AND payment_count + $2 <= max_payments",
            [batchId, r.included],
          );
          if (rowCount !== 1) throw new ChunkRefused();
          await audit.record(tx, by, {
            action: 'batch.include',
            entityType: 'disbursement_batch',
            entityId: batchId,
            detail: { number: b.number, claims: r.included, amountFen: r.fen },
          });
        }
        // nothing picked: done; picked but none included (a claim already live elsewhere): stop rather than spin
        return r.picked === 0 || r.included === 0;
      });
    } catch (e) {
      if (e instanceof ChunkRefused) return false;
      throw e;
    } finally {
      promised -= want;
    }
  };
  let failed = false;
  const worker = async (): Promise<void> => {
    try {
      while (!failed && !(await chunk())) await pause('build');
    } catch (e) {
      failed = true; // the other workers stop after their current chunk
      throw e;
    }
  };
  const runs = await Promise.allSettled(Array.from({ length: db.engine === 'postgres' ? BUILD_PARALLEL : 1 }, worker));
  const failure = runs.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return db.tx(async (tx) => {
    const b = await batchRow(tx, batchId, true);
    if (b.status !== 'building') return presentBatch(b);
    const { rows } = await tx.query<BatchRow>(
      `UPDATE disbursement_batches d SET status = 'draft', payment_count = s.n, total_fen = s.fen
         FROM (SELECT count(*)::int AS n, COALESCE(sum(amount_fen), 0)::bigint AS fen FROM disbursement_payments WHERE batch_id = $1 AND status = 'pending') s
        WHERE d.id = $1 RETURNING d.*`,
      [batchId],
    );
    const out = rows[0]!;
    await audit.record(tx, by, {
      action: 'batch.build',
      entityType: 'disbursement_batch',
      entityId: batchId,
      detail: { number: out.number, payments: out.payment_count, totalFen: out.total_fen },
    });
    return presentBatch(out);
  });
}

/** Reruns every batch left in 'building' (after a crash). */
export async function resumeBuilding(by: AuditActor, db: Db): Promise<number> {
  const { rows } = await db.query<{ id: string }>("SELECT id FROM disbursement_batches WHERE status = 'building' ORDER BY created_at");
  for (const r of rows) await buildBatch(by, db, r.id);
  return rows.length;
}

// ------------------------------------------------------------------------------------ approve / cancel

/** Step 2: maker–checker. The checker is a different finance or city admin user. */
export async function approveBatch(actor: Actor, tx: Tx, id: string, now: Date = new Date()): Promise<BatchView> {
  requireFinance(actor);
  const b = await batchRow(tx, id, true);
  if (b.maker_id === actor.accountId) throw new AppError('MAKER_CHECKER_SAME_PERSON', 'the batch must be approved by someone other than its maker', 'checker');
  if (b.status !== 'draft') throw new AppError('CLAIM_STATE_INVALID', `a batch in state ${b.status} cannot be approved`, 'status', { state: b.status });
  if (b.payment_count === 0) throw new AppError('CLAIM_STATE_INVALID', 'the batch is empty', 'status');
  const { rows } = await tx.query<BatchRow>(
    "UPDATE disbursement_batches SET status = 'approved', checker_id = $2, approved_at = $3, msg_id = number, requested_date = $4::date WHERE id = $1 AND status = 'draft' RETURNING *",
    [id, actor.accountId, now, shanghaiDate(now)],
  );
  await audit.record(tx, actor, {
    action: 'batch.approve',
    entityType: 'disbursement_batch',
    entityId: id,
    detail: { number: b.number, payments: b.payment_count, totalFen: b.total_fen },
  });
  return presentBatch(rows[0]!);
}

/** A draft batch can be cancelled: its claims go back to approved. */
export async function cancelBatch(actor: Actor, tx: Tx, id: string): Promise<BatchView> {
  requireFinance(actor);
  const b = await batchRow(tx, id, true);
  if (b.status !== 'draft' && b.status !== 'building') throw new AppError('CLAIM_STATE_INVALID', `a batch in state ${b.status} cannot be cancelled`, 'status');
  const { rows: ps } = await tx.query<{ claim_id: string }>(
    "UPDATE disbursement_payments SET status = 'cancelled' WHERE batch_id = $1 AND status = 'pending' RETURNING claim_id",
    [id],
  );
  const ids = ps.map((p) => p.claim_id);
  await tx.query("UPDATE subsidy_claims SET status = 'approved', updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'in_batch'", [ids]);
  await tx.query(
    "INSERT INTO claim_events (claim_id, from_status, to_status, actor_id, actor_role, reason) SELECT unnest($1::uuid[]), 'in_batch', 'approved', $2, $3, $4",
    [ids, actor.accountId, actor.role, `batch ${b.number} cancelled`],
  );
  const { rows } = await tx.query<BatchRow>("UPDATE disbursement_batches SET status = 'cancelled' WHERE id = $1 RETURNING *", [id]);
  await audit.record(tx, actor, { action: 'batch.cancel', entityType: 'disbursement_batch', entityId: id, detail: { number: b.number, released: ids.length } });
  return presentBatch(rows[0]!);
}

// ------------------------------------------------------------------------------------------ generate

/**
 * Streams the batch's payments in EndToEndId order (keyset pages), decrypting the accounts. The next page
 * is fetched while the current one is written.
 */
async function* batchPayments(q: Queryable, batchId: string, page = FILE_PAGE): AsyncGenerator<Payment> {
  type Row = { end_to_end_id: string; amount_fen: number; payee_name: string; payee_account_enc: string; payee_bank: string | null };
  const fetch = (after: string) => {
    const p = q.query<Row>(
      `SELECT end_to_end_id, amount_fen, payee_name, payee_account_enc, payee_bank FROM disbursement_payments
        WHERE batch_id = $1 AND status <> 'cancelled' AND end_to_end_id > $2 ORDER BY end_to_end_id LIMIT $3`,
      [batchId, after, page],
    );
    p.catch(() => undefined); // awaited below; a consumer that stops early leaves no unhandled rejection
    return p;
  };
  let next = fetch('');
  for (;;) {
    const { rows } = await next;
    const more = rows.length === page;
    if (more) next = fetch(rows[rows.length - 1]!.end_to_end_id);
    for (const r of rows)
      yield {
        endToEndId: r.end_to_end_id,
        amountFen: r.amount_fen,
        creditorName: r.payee_name || '-',
        creditorAccount: decrypt(r.payee_account_enc),
        creditorBankName: r.payee_bank,
        remittance: `职业培训补贴 ${r.end_to_end_id}`,
      };
    if (!more) return;
    await pause('file');
  }
}

async function writeBatchFile(q: Queryable, b: BatchRow, kind: 'pain001' | 'csv', out: Writable): Promise<void> {
  if (kind === 'csv') {
    await writeDisbursementCsv(out, batchPayments(q, b.id));
    return;
  }
  await writePain001(
    out,
    {
      msgId: b.msg_id ?? b.number,
      createdAt: b.approved_at ?? b.created_at,
      pmtInfId: `${b.number}-1`,
      requestedDate: b.requested_date ?? shanghaiDate(b.approved_at ?? b.created_at),
      nbOfTxs: b.payment_count,
      ctrlSumFen: b.total_fen,
      ...DEBTOR,
    },
    batchPayments(q, b.id),
  );
}

async function digestOf(q: Queryable, b: BatchRow, kind: 'pain001' | 'csv', tee?: Writable): Promise<string> {
  const hash = createHash('sha256');
  const pass = new PassThrough();
  pass.on('data', (c: Buffer) => {
    hash.update(c);
    tee?.write(c);
  });
  await writeBatchFile(q, b, kind, pass);
  pass.end();
  await new Promise((r) => pass.once('end', r));
  return hash.digest('hex');
}

/**
 * Step 3: generates the bank files (approved | generating → file_ready). The content is a pure function of
 * the batch's rows, so a rerun after a crash produces the same bytes; the digests are recorded.
 * `tee` receives the pain.001 as it is produced (the CLI writes it to disk; the bench validates it).
 */
export async function generateFiles(by: AuditActor, db: Db, id: string, tee?: Writable): Promise<BatchView> {
  requireFinance(by);
  let b = await db.tx(async (tx) => {
    const cur = await batchRow(tx, id, true);
    if (cur.status === 'approved') {
      const { rows } = await tx.query<BatchRow>("UPDATE disbursement_batches SET status = 'generating' WHERE id = $1 RETURNING *", [id]);
      return rows[0]!;
    }
    if (cur.status === 'generating' || cur.status === 'file_ready' || cur.status === 'reconciling' || cur.status === 'reconciled') return cur;
    throw new AppError('CLAIM_STATE_INVALID', `a batch in state ${cur.status} has no bank file yet (approve it first)`, 'status', { state: cur.status });
  });
  if (b.status !== 'generating' && !tee) return presentBatch(b);
  // the CSV sheet is derived from the same rows and order; only the bank file's digest is recorded
  const painSha = await digestOf(db, b, 'pain001', tee);
  const csvSha = null;
  b = await db.tx(async (tx) => {
    const { rows } = await tx.query<BatchRow>(
      "UPDATE disbursement_batches SET status = 'file_ready', file_sha256 = $2, csv_sha256 = $3, file_at = now() WHERE id = $1 AND status = 'generating' RETURNING *",
      [id, painSha, csvSha],
    );
    if (!rows[0]) return batchRow(tx, id);
    await audit.record(tx, by, {
      action: 'batch.file',
      entityType: 'disbursement_batch',
      entityId: id,
      detail: { number: rows[0].number, pain001Sha256: painSha, csvSha256: csvSha },
    });
    return rows[0];
  });
  return presentBatch(b);
}

/** Download: streams the file again (same bytes as generated). */
export async function streamBatchFile(actor: Actor, db: Db, id: string, kind: 'pain001' | 'csv', out: Writable): Promise<void> {
  requireFinance(actor);
  const b = await batchRow(db, id);
  if (!['file_ready', 'reconciling', 'reconciled'].includes(b.status))
    throw new AppError('CLAIM_STATE_INVALID', 'generate the bank file first', 'status', { state: b.status });
  await writeBatchFile(db, b, kind, out);
}

export async function batchForDownload(actor: Actor, q: Queryable, id: string): Promise<BatchView> {
  requireFinance(actor);
  const b = await batchRow(q, id);
  if (!['file_ready', 'reconciling', 'reconciled'].includes(b.status))
    throw new AppError('CLAIM_STATE_INVALID', 'generate the bank file first', 'status', { state: b.status });
  return presentBatch(b);
}

// -------------------------------------------------------------------------------------- result import

export interface ImportReport {
  importId: string;
  fileSha256: string;
  format: 'camt054' | 'csv';
  msgId: string | null;
  alreadyImported: boolean;
  entries: number;
  applied: number;
  booked: number;
  rejected: number;
  duplicates: number;
  unknown: number;
  mismatched: number;
  issues: ParseIssue[];
  samples: Array<{ endToEndId: string; outcome: string; position: number }>;
}

export type FileSource = () => AsyncIterable<Buffer | string>;

interface ImportRow {
  id: string;
  file_sha256: string;
  format: 'camt054' | 'csv';
  msg_id: string | null;
  status: 'processing' | 'done' | 'invalid';
  entries: number;
  applied: number;
  duplicates: number;
  unknown: number;
  mismatched: number;
  issues: ParseIssue[];
}

async function report(q: Queryable, imp: ImportRow, alreadyImported: boolean): Promise<ImportReport> {
  const { rows: counts } = await q.query<{ booked: number; rejected: number }>(
    "SELECT count(*) FILTER (WHERE status = 'booked' AND outcome = 'applied') AS booked, count(*) FILTER (WHERE status = 'rejected' AND outcome = 'applied') AS rejected FROM bank_result_entries WHERE import_id = $1",
    [imp.id],
  );
  const { rows: samples } = await q.query<{ end_to_end_id: string; outcome: string; position: number }>(
    "SELECT end_to_end_id, outcome, position FROM bank_result_entries WHERE import_id = $1 AND outcome <> 'applied' ORDER BY position LIMIT 50",
    [imp.id],
  );
  return {
    importId: imp.id,
    fileSha256: imp.file_sha256,
    format: imp.format,
    msgId: imp.msg_id,
    alreadyImported,
    entries: imp.entries,
    applied: imp.applied,
    booked: counts[0]!.booked,
    rejected: counts[0]!.rejected,
    duplicates: imp.duplicates,
    unknown: imp.unknown,
    mismatched: imp.mismatched,
    issues: imp.issues,
    samples: samples.map((s) => ({ endToEndId: s.end_to_end_id, outcome: s.outcome, position: s.position })),
  };
}

/**
 * Applies one chunk of entries in one transaction: ONE set-based statement (payments pending → booked /
 * rejected; their claims → paid / failed with the claims' trail; the 'pay' ledger entries; the batches'
 * counters; every entry recorded with its outcome; the import's counters), then the budget buckets of the
 * accounts touched (locked in id order) and the chunk's audit entry. `dup` marks entries whose EndToEndId
 * appeared earlier in the file (recorded as duplicates, never applied).
 */
async function applyChunk(
  tx: Tx,
  by: AuditActor,
  importId: string,
  chunk: ReadonlyArray<BankResultEntry & { dup: boolean }>,
): Promise<{ applied: number; duplicates: number; unknown: number; mismatched: number }> {
  const { rows } = await tx.query<{
    entries: number;
    applied: number;
    booked: number;
    rejected: number;
    duplicates: number;
    unknown: number;
    mismatched: number;
    paid: Array<{ acc: string; fen: number }> | null;
    batches: Array<{ id: string; bk: number; rj: number }> | null;
  }>(
    // joins are driven by the incoming keys (EndToEndId, claim id); the status guards read `status || ''` so
    // that stale statistics on status never turn them into a scan of a status index joined row by row
    `WITH i AS (
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::bool[]) AS i(e2e, amt, st, rsn, pos, dup)),
     upd AS (
       UPDATE disbursement_payments p SET status = i.st, reason = i.rsn, import_id = $7, result_at = now()
         FROM i WHERE NOT i.dup AND p.end_to_end_id = i.e2e AND p.status || '' = 'pending' AND (i.amt IS NULL OR i.amt = p.amount_fen)
       RETURNING p.end_to_end_id, p.claim_id, p.batch_id, p.status, p.reason),
     cl AS (
       UPDATE subsidy_claims c SET status = CASE WHEN u.status = 'booked' THEN 'paid' ELSE 'failed' END,
              fail_reason = CASE WHEN u.status = 'booked' THEN c.fail_reason ELSE COALESCE(u.reason, 'rejected') END, updated_at = now()
         FROM upd u WHERE c.id = u.claim_id AND c.status || '' = 'in_batch'
       RETURNING c.id, c.status, c.fail_reason, c.budget_account_id, c.amount_fen),
     ev AS (
       INSERT INTO claim_events (claim_id, from_status, to_status, actor_id, actor_role, reason)
       SELECT id, 'in_batch', status, $8::uuid, $9::text, CASE WHEN status = 'paid' THEN 'bank: booked' ELSE fail_reason END FROM cl),
     led AS (
       INSERT INTO budget_ledger (account_id, claim_id, kind, debit, credit, amount_fen, actor_id)
       SELECT budget_account_id, id, 'pay', 'paid', 'reserved', amount_fen, $8::uuid FROM cl WHERE status = 'paid'),
     oc AS (
       SELECT i.pos, i.e2e, i.amt, i.st, i.rsn,
              CASE WHEN i.dup THEN 'duplicate'
                   WHEN u.end_to_end_id IS NOT NULL THEN 'applied'
                   -- not applied: what the payment was before this statement (same snapshot)
                   ELSE COALESCE((SELECT CASE WHEN k.status = 'cancelled' THEN 'unknown' WHEN k.status = 'pending' THEN 'amount_mismatch'
                                              WHEN k.status = i.st THEN 'duplicate' ELSE 'conflict' END
                                    FROM disbursement_payments k WHERE k.end_to_end_id = i.e2e), 'unknown') END AS outcome
         FROM i LEFT JOIN upd u ON NOT i.dup AND u.end_to_end_id = i.e2e),
     ent AS (
       INSERT INTO bank_result_entries (import_id, position, end_to_end_id, amount_fen, status, reason, outcome)
       SELECT $7, pos, e2e, amt, st, rsn, outcome FROM oc
       ON CONFLICT DO NOTHING),
     n AS (
       SELECT count(*)::int AS entries, count(*) FILTER (WHERE outcome = 'applied')::int AS applied,
              count(*) FILTER (WHERE outcome IN ('duplicate', 'conflict'))::int AS duplicates,
              count(*) FILTER (WHERE outcome = 'unknown')::int AS unknown, count(*) FILTER (WHERE outcome = 'amount_mismatch')::int AS mismatched
         FROM oc)
     SELECT n.entries, n.applied, n.duplicates, n.unknown, n.mismatched,
            (SELECT count(*) FROM upd WHERE status = 'booked')::int AS booked, (SELECT count(*) FROM upd WHERE status = 'rejected')::int AS rejected,
            (SELECT json_agg(json_build_object('acc', budget_account_id, 'fen', fen)) FROM
               (SELECT budget_account_id, sum(amount_fen)::bigint AS fen FROM cl WHERE status = 'paid' GROUP BY budget_account_id) s) AS paid,
            (SELECT json_agg(json_build_object('id', batch_id, 'bk', bk, 'rj', rj) ORDER BY batch_id) FROM
               (SELECT batch_id, count(*) FILTER (WHERE status = 'booked') AS bk, count(*) FILTER (WHERE status = 'rejected') AS rj FROM upd GROUP BY batch_id) s) AS batches
       FROM n`,
    [
      chunk.map((e) => e.endToEndId),
      chunk.map((e) => e.amountFen),
      chunk.map((e) => e.status),
      chunk.map((e) => e.reason),
      chunk.map((e) => e.position),
      chunk.map((e) => e.dup),
      importId,
      by.accountId,
      by.role,
    ],
  );
  const r = rows[0]!;
  // Rows shared by every chunk last, in a fixed order (accounts by id, batches by id, the import), so that
  // chunks applied side by side only wait for each other here, briefly, and never deadlock.
  // The 'pay' entries were written above; the accounts' buckets move by their sums (reserved → paid).
  await ledger.movePaid(
    tx,
    (r.paid ?? []).map((p) => ({ accountId: p.acc, amountFen: Number(p.fen) })),
  );
  const batches = r.batches ?? [];
  if (batches.length > 1) await tx.query('SELECT id FROM disbursement_batches WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [batches.map((x) => x.id)]);
  if (batches.length)
    await tx.query(
      `UPDATE disbursement_batches b SET booked_count = b.booked_count + s.bk, rejected_count = b.rejected_count + s.rj,
              status = CASE WHEN b.status = 'file_ready' THEN 'reconciling' ELSE b.status END
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS s(id, bk, rj) WHERE b.id = s.id`,
      [batches.map((x) => x.id), batches.map((x) => x.bk), batches.map((x) => x.rj)],
    );
  await tx.query(
    'UPDATE bank_result_imports SET entries = entries + $2, applied = applied + $3, duplicates = duplicates + $4, unknown = unknown + $5, mismatched = mismatched + $6 WHERE id = $1',
    [importId, r.entries, r.applied, r.duplicates, r.unknown, r.mismatched],
  );
  const counts = { applied: r.applied, duplicates: r.duplicates, unknown: r.unknown, mismatched: r.mismatched };
  await audit.record(tx, by, {
    action: 'bank_result.apply',
    entityType: 'bank_result_import',
    entityId: importId,
    detail: { booked: r.booked, rejected: r.rejected, ...counts },
  });
  return counts;
}

/**
 * Step 4: imports a bank result file (camt.054.001.10, XSD-validated, or CSV). `open` returns the file's
 * bytes as a stream and may be called several times (digest, validation, reading).
 */
export async function importResults(by: AuditActor, db: Db, open: FileSource, format: 'camt054' | 'csv'): Promise<ImportReport> {
  requireFinance(by);
  // one pass: the digest (the file's identity) and, for camt.054, the XSD validation
  const h = createHash('sha256');
  const hashed = async function* (): AsyncGenerator<Buffer | string> {
    for await (const c of open()) {
      h.update(c);
      yield c;
    }
  };
  let xsd: { ok: boolean; errors: string[] } = { ok: true, errors: [] };
  if (format === 'camt054') xsd = await validateXml(hashed(), CAMT054_XSD);
  else for await (const c of hashed()) void c;
  const sha = h.digest('hex');
  const prior = (await db.query<ImportRow>('SELECT * FROM bank_result_imports WHERE file_sha256 = $1', [sha])).rows[0];
  if (prior?.status === 'done') return report(db, prior, true);
  if (!xsd.ok) throw new AppError('BANK_FILE_INVALID', `the camt.054 does not validate: ${xsd.errors[0] ?? 'invalid'}`, 'file', { xsdErrors: xsd.errors });
  // one importer per file at a time (another node importing the same file waits for it)
  const result = await db.withAdvisoryLock(`bank-import:${sha}`, async () => {
    const imp = await db.tx(async (tx) => {
      await tx.query(
        "INSERT INTO bank_result_imports (file_sha256, format, status, created_by) VALUES ($1, $2, 'processing', $3) ON CONFLICT (file_sha256) DO NOTHING",
        [sha, format, by.accountId],
      );
      const { rows } = await tx.query<ImportRow>('SELECT * FROM bank_result_imports WHERE file_sha256 = $1', [sha]);
      if (rows[0]!.status === 'processing' && !prior)
        await audit.record(tx, by, { action: 'bank_result.import', entityType: 'bank_result_import', entityId: rows[0]!.id, detail: { sha256: sha, format } });
      return rows[0]!;
    });
    if (imp.status === 'done') return report(db, imp, true);
    // resume: positions already committed are skipped (their entries are in bank_result_entries)
    const { rows: doneRows } = await db.query<{ position: number }>('SELECT DISTINCT position FROM bank_result_entries WHERE import_id = $1', [imp.id]);
    const done = new Set(doneRows.map((r) => r.position));
    const outcome: ReadOutcome = { msgId: null, issues: [] };
    const entries = format === 'camt054' ? readCamt054(open(), outcome) : readResultCsv(open(), outcome);
    // Reading and applying overlap: the next chunks are parsed while the database applies earlier ones, up to
    // IMPORT_PARALLEL chunk transactions at once (each chunk's rows are its own; the shared counters are
    // taken last, in a fixed order). A duplicate is decided in file order here, over the whole file (the
    // positions done before a crash included), so the outcome does not depend on which chunk commits first,
    // and a resumed import skips exactly the positions already committed. The first failure stops the import.
    const parallel = db.engine === 'postgres' ? IMPORT_PARALLEL : 1;
    const seen = new Set<string>();
    let chunk: Array<BankResultEntry & { dup: boolean }> = [];
    const running = new Set<Promise<void>>();
    let failure: unknown = null;
    const drain = async () => {
      while (running.size) await Promise.race(running);
      if (failure) throw failure;
    };
    const flush = async () => {
      if (!chunk.length) return;
      const c = chunk;
      chunk = [];
      while (running.size >= parallel) await Promise.race(running);
      if (failure) await drain(); // throws the failure once nothing runs any more
      const p: Promise<void> = db
        .tx((tx) => applyChunk(tx, by, imp.id, c))
        .then(() => pause('import'))
        .catch((e: unknown) => {
          failure ??= e;
        })
        .finally(() => running.delete(p));
      running.add(p);
    };
    const it = entries[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<BankResultEntry>;
      try {
        next = await it.next();
      } catch (e) {
        await drain();
        throw new AppError('BANK_FILE_INVALID', `the result file could not be read: ${(e as Error).message}`, 'file');
      }
      if (next.done) break;
      const e = next.value;
      const dup = seen.has(e.endToEndId);
      if (!dup) seen.add(e.endToEndId);
      if (done.has(e.position)) continue;
      // the entries of one position (one Ntry) stay in one chunk, so resuming by position is exact
      if (chunk.length >= IMPORT_CHUNK && chunk[chunk.length - 1]!.position !== e.position) await flush();
      chunk.push({ ...e, dup });
    }
    await flush();
    await drain();
    return db.tx(async (tx) => {
      const { rows } = await tx.query<ImportRow>(
        "UPDATE bank_result_imports SET status = 'done', msg_id = $2, issues = $3::jsonb, finished_at = now() WHERE id = $1 RETURNING *",
        [imp.id, outcome.msgId, JSON.stringify(outcome.issues.slice(0, 500))],
      );
      await tx.query(
        `UPDATE disbursement_batches b SET status = 'reconciled', reconciled_at = now()
          WHERE b.status = 'reconciling' AND NOT EXISTS (SELECT 1 FROM disbursement_payments p WHERE p.batch_id = b.id AND p.status = 'pending')`,
      );
      const r = rows[0]!;
      await audit.record(tx, by, {
        action: 'bank_result.done',
        entityType: 'bank_result_import',
        entityId: r.id,
        detail: {
          entries: r.entries,
          applied: r.applied,
          duplicates: r.duplicates,
          unknown: r.unknown,
          mismatched: r.mismatched,
          issues: outcome.issues.length,
        },
      });
      return report(tx, r, false);
    });
  });
  if (!result) throw new AppError('CONFLICT', 'this file is being imported right now; retry in a moment', 'file');
  return result;
}

// ---------------------------------------------------------------------------------------------- settle

/** Step 5: vouchers of paid claims → settled (核销), one transaction per chunk; rerunnable. */
export async function settleVouchers(by: AuditActor, db: Db, chunk = 500): Promise<{ settled: number; problems: Array<{ claimId: string; message: string }> }> {
  let settled = 0;
  const problems: Array<{ claimId: string; message: string }> = [];
  const skip = new Set<string>();
  for (;;) {
    const { rows } = await db.query<{ id: string; voucher_id: string; number: string }>(
      "SELECT id, voucher_id, number FROM subsidy_claims WHERE status = 'paid' AND NOT voucher_settled AND NOT (id = ANY($1::uuid[])) ORDER BY id LIMIT $2",
      [[...skip], chunk],
    );
    if (!rows.length) break;
    for (const r of rows) {
      try {
        await db.tx(async (tx) => {
          const { rows: locked } = await tx.query<{ id: string }>('SELECT id FROM subsidy_claims WHERE id = $1 AND NOT voucher_settled FOR UPDATE', [r.id]);
          if (!locked[0]) return;
          await vouchers.transitionVoucher(tx, by, r.voucher_id, 'settled', { reason: `claim ${r.number} paid` });
          await tx.query('UPDATE subsidy_claims SET voucher_settled = true WHERE id = $1', [r.id]);
        });
        settled++;
      } catch (e) {
        skip.add(r.id);
        problems.push({ claimId: r.id, message: (e as Error).message });
      }
    }
  }
  return { settled, problems };
}

/** Runs every pending step once (the job / CLI `funds resume`): builds, generations, settlements. */
export async function resumeAll(by: AuditActor, db: Db): Promise<{ builds: number; files: number; settled: number }> {
  const r = await db.withAdvisoryLock('subsidy:resume', async () => {
    const builds = await resumeBuilding(by, db);
    const { rows } = await db.query<{ id: string }>("SELECT id FROM disbursement_batches WHERE status = 'generating' ORDER BY created_at");
    for (const b of rows) await generateFiles(by, db, b.id);
    const s = await settleVouchers(by, db);
    return { builds, files: rows.length, settled: s.settled };
  });
  return r ?? { builds: 0, files: 0, settled: 0 };
}

/** Every 10 minutes: resume interrupted steps and settle the vouchers of paid claims (idempotent). */
export const resumeJob: JobDef = {
  name: 'subsidy.resume',
  schedule: '*/10 * * * *',
  run: async (db) => ({ ...(await resumeAll(SYSTEM, db)) }),
};
