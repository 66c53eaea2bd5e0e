/**
 * Disbursement (核拨 / 结算核销) as explicit, resumable state machines — every step idempotent, so a
 * rerun after a crash (kill -9) converges:
 *  1. build:    batch 'building' → include approved, noticed claims in chunks (row locks SKIP LOCKED + the
 *               unique partial index "one live payment per claim") → 'draft'.
 *  2. approve:  a second finance / city admin user (maker ≠ checker) → 'approved'.
 *  3. generate: 'approved' | 'generating' → stream the pain.001 (deterministic from the rows) into its
 *               SHA-256 digest → 'file_ready'. Downloads stream the same bytes again.
 *  4. import:   a camt.054 / CSV result file, keyed by its SHA-256: entries applied in chunks, each chunk one
 *               transaction; a rerun of the same file resumes after the last committed chunk; a finished
 *               file imported again changes nothing. Payments pending → booked / rejected only once.
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

/** The ISO 20022 schemas, vendored in ./xsd (as published by ISO 20022). */
export const PAIN001_XSD = new URL('./xsd/pain.001.001.09.xsd', import.meta.url).pathname;
export const CAMT054_XSD = process.env.CAMT054_XSD ?? new URL('./xsd/camt.054.001.10.xsd', import.meta.url).pathname;
export const BUILD_CHUNK = Number(process.env.SUBSIDY_BUILD_CHUNK ?? 5_000);
export const IMPORT_CHUNK = Number(process.env.SUBSIDY_IMPORT_CHUNK ?? 5_000);
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FINANCE = ['finance', 'city_admin'];

function requireFinance(actor: AuditActor): void {
  if (actor.role !== 'system' && !FINANCE.includes(actor.role)) throw new AppError('FORBIDDEN', 'disbursement is for finance');
}

async function batchRow(q: Queryable, id: string, lock = false): Promise<BatchRow> {
  if (!UUID.test(id)) throw notFound('batch');
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

/**
 * Step 1b: includes payable claims (approved, notice ended, no open objection) in chunks; each chunk is one
 * transaction. Safe to run concurrently with other builds and to rerun after a crash.
 */
export async function buildBatch(by: AuditActor, db: Db, batchId: string, now: Date = new Date()): Promise<BatchView> {
  const today = shanghaiDate(now);
  for (;;) {
    const done = await db.tx(async (tx) => {
      const b = await batchRow(tx, batchId);
      if (b.status !== 'building') return true;
      const { rows: cnt } = await tx.query<{ n: number }>("SELECT count(*) AS n FROM disbursement_payments WHERE batch_id = $1 AND status = 'pending'", [
        batchId,
      ]);
      const room = b.max_payments - cnt[0]!.n;
      if (room <= 0) return true;
      const { rows: claims } = await tx.query<{
        id: string;
        amount_fen: number;
        payee_key: string;
        payee_name: string;
        payee_account_enc: string;
        payee_bank: string | null;
        number: string;
        attempt: number;
      }>(
        `SELECT id, amount_fen, payee_key, payee_name, payee_account_enc, payee_bank, number, attempt FROM subsidy_claims
          WHERE status = 'approved' AND notice_last_day < $1::date AND payee_account_enc IS NOT NULL AND amount_fen > 0
            AND ($2::uuid IS NULL OR programme_id = $2) AND ($3::text IS NULL OR district_code = $3)
          LIMIT $4 FOR UPDATE SKIP LOCKED`,
        [today, b.programme_id, b.district_code, Math.min(room, BUILD_CHUNK)],
      );
      if (claims.length === 0) return true;
      const { rows: inserted } = await tx.query<{ claim_id: string }>(
        `INSERT INTO disbursement_payments (batch_id, claim_id, end_to_end_id, amount_fen, payee_key, payee_name, payee_account_enc, payee_bank)
         SELECT $1, cid, e2e, amt, pk, nm, acc, bank FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
                AS t(cid, e2e, amt, pk, nm, acc, bank)
         ON CONFLICT (claim_id) WHERE status IN ('pending', 'booked') DO NOTHING
         RETURNING claim_id`,
        [
          batchId,
          claims.map((c) => c.id),
          claims.map((c) => `${c.number}-${c.attempt + 1}`),
          claims.map((c) => c.amount_fen),
          claims.map((c) => c.payee_key),
          claims.map((c) => c.payee_name ?? ''),
          claims.map((c) => c.payee_account_enc),
          claims.map((c) => c.payee_bank),
        ],
      );
      const ids = inserted.map((r) => r.claim_id);
      await tx.query(
        "UPDATE subsidy_claims SET status = 'in_batch', attempt = attempt + 1, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'approved'",
        [ids],
      );
      await tx.query(
        `INSERT INTO claim_events (claim_id, from_status, to_status, actor_id, actor_role, reason)
         SELECT unnest($1::uuid[]), 'approved', 'in_batch', $2, $3, $4`,
        [ids, by.accountId, by.role, `batch ${b.number}`],
      );
      return false;
    });
    if (done) break;
    await pause('build');
  }
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

/** Streams the batch's payments in EndToEndId order (keyset pages), decrypting the accounts. */
async function* batchPayments(q: Queryable, batchId: string, page = FILE_PAGE): AsyncGenerator<Payment> {
  let after = '';
  for (;;) {
    const { rows } = await q.query<{ end_to_end_id: string; amount_fen: number; payee_name: string; payee_account_enc: string; payee_bank: string | null }>(
      `SELECT end_to_end_id, amount_fen, payee_name, payee_account_enc, payee_bank FROM disbursement_payments
        WHERE batch_id = $1 AND status <> 'cancelled' AND end_to_end_id > $2 ORDER BY end_to_end_id LIMIT $3`,
      [batchId, after, page],
    );
    for (const r of rows)
      yield {
        endToEndId: r.end_to_end_id,
        amountFen: r.amount_fen,
        creditorName: r.payee_name || '-',
        creditorAccount: decrypt(r.payee_account_enc),
        creditorBankName: r.payee_bank,
        remittance: `职业培训补贴 ${r.end_to_end_id}`,
      };
    if (rows.length < page) return;
    after = rows[rows.length - 1]!.end_to_end_id;
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

/** Applies one chunk of entries in one transaction. */
async function applyChunk(
  tx: Tx,
  by: AuditActor,
  importId: string,
  chunk: BankResultEntry[],
  seen: Set<string>,
): Promise<{ applied: number; duplicates: number; unknown: number; mismatched: number }> {
  const fresh: BankResultEntry[] = [];
  const dupInFile: BankResultEntry[] = [];
  for (const e of chunk) {
    if (seen.has(e.endToEndId)) dupInFile.push(e);
    else {
      seen.add(e.endToEndId);
      fresh.push(e);
    }
  }
  const e2e = fresh.map((e) => e.endToEndId);
  const { rows: applied } = await tx.query<{
    end_to_end_id: string;
    claim_id: string;
    amount_fen: number;
    status: 'booked' | 'rejected';
    reason: string | null;
  }>(
    `UPDATE disbursement_payments p SET status = i.st, reason = i.rsn, import_id = $6, result_at = now()
       FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[]) AS i(e2e, amt, st, rsn, pos)
      WHERE p.end_to_end_id = i.e2e AND p.status = 'pending' AND (i.amt IS NULL OR i.amt = p.amount_fen)
      RETURNING p.end_to_end_id, p.claim_id, p.amount_fen, p.status, p.reason`,
    [e2e, fresh.map((e) => e.amountFen), fresh.map((e) => e.status), fresh.map((e) => e.reason), fresh.map((e) => e.position), importId],
  );
  const appliedSet = new Set(applied.map((a) => a.end_to_end_id));
  const rest = fresh.filter((e) => !appliedSet.has(e.endToEndId));
  const { rows: known } = await tx.query<{ end_to_end_id: string; status: string; amount_fen: number }>(
    'SELECT end_to_end_id, status, amount_fen FROM disbursement_payments WHERE end_to_end_id = ANY($1::text[])',
    [rest.map((e) => e.endToEndId)],
  );
  const knownBy = new Map(known.map((k) => [k.end_to_end_id, k]));
  const outcome = (e: BankResultEntry): string => {
    if (appliedSet.has(e.endToEndId)) return 'applied';
    const k = knownBy.get(e.endToEndId);
    if (!k || k.status === 'cancelled') return 'unknown';
    if (k.status === 'pending') return 'amount_mismatch';
    return k.status === e.status ? 'duplicate' : 'conflict';
  };
  const all = [...fresh.map((e) => ({ e, o: outcome(e) })), ...dupInFile.map((e) => ({ e, o: 'duplicate' }))];
  await tx.query(
    `INSERT INTO bank_result_entries (import_id, position, end_to_end_id, amount_fen, status, reason, outcome)
     SELECT $1, pos, e2e, amt, st, rsn, oc FROM unnest($2::int[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[]) AS t(pos, e2e, amt, st, rsn, oc)
     ON CONFLICT DO NOTHING`,
    [
      importId,
      all.map((x) => x.e.position),
      all.map((x) => x.e.endToEndId),
      all.map((x) => x.e.amountFen),
      all.map((x) => x.e.status),
      all.map((x) => x.e.reason),
      all.map((x) => x.o),
    ],
  );
  // claims: booked → paid (ledger reserved → paid); rejected → failed (reason kept, reservation kept for the re-queue)
  const booked = applied.filter((a) => a.status === 'booked');
  const rejected = applied.filter((a) => a.status === 'rejected');
  if (booked.length) {
    const { rows: paid } = await tx.query<{ id: string; budget_account_id: string; amount_fen: number }>(
      "UPDATE subsidy_claims SET status = 'paid', updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'in_batch' RETURNING id, budget_account_id, amount_fen",
      [booked.map((b) => b.claim_id)],
    );
    await ledger.payMany(
      tx,
      paid.map((p) => ({ claimId: p.id, accountId: p.budget_account_id, amountFen: p.amount_fen })),
      by.accountId,
    );
    await tx.query(
      "INSERT INTO claim_events (claim_id, from_status, to_status, actor_id, actor_role, reason) SELECT unnest($1::uuid[]), 'in_batch', 'paid', $2, $3, 'bank: booked'",
      [paid.map((p) => p.id), by.accountId, by.role],
    );
  }
  if (rejected.length) {
    await tx.query(
      `UPDATE subsidy_claims c SET status = 'failed', fail_reason = r.rsn, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS r(cid, rsn) WHERE c.id = r.cid AND c.status = 'in_batch'`,
      [rejected.map((r) => r.claim_id), rejected.map((r) => r.reason ?? 'rejected')],
    );
    await tx.query(
      "INSERT INTO claim_events (claim_id, from_status, to_status, actor_id, actor_role, reason) SELECT cid, 'in_batch', 'failed', $3, $4, rsn FROM unnest($1::uuid[], $2::text[]) AS r(cid, rsn)",
      [rejected.map((r) => r.claim_id), rejected.map((r) => r.reason ?? 'rejected'), by.accountId, by.role],
    );
  }
  const counts = {
    applied: applied.length,
    duplicates: all.filter((x) => x.o === 'duplicate' || x.o === 'conflict').length,
    unknown: all.filter((x) => x.o === 'unknown').length,
    mismatched: all.filter((x) => x.o === 'amount_mismatch').length,
  };
  await tx.query(
    'UPDATE bank_result_imports SET entries = entries + $2, applied = applied + $3, duplicates = duplicates + $4, unknown = unknown + $5, mismatched = mismatched + $6 WHERE id = $1',
    [importId, all.length, counts.applied, counts.duplicates, counts.unknown, counts.mismatched],
  );
  if (applied.length) {
    await tx.query(
      `UPDATE disbursement_batches b SET booked_count = b.booked_count + s.bk, rejected_count = b.rejected_count + s.rj,
              status = CASE WHEN b.status = 'file_ready' THEN 'reconciling' ELSE b.status END
         FROM (SELECT p.batch_id, count(*) FILTER (WHERE p.status = 'booked') AS bk, count(*) FILTER (WHERE p.status = 'rejected') AS rj
                 FROM disbursement_payments p WHERE p.end_to_end_id = ANY($1::text[]) GROUP BY p.batch_id) s
        WHERE b.id = s.batch_id`,
      [applied.map((a) => a.end_to_end_id)],
    );
  }
  await audit.record(tx, by, {
    action: 'bank_result.apply',
    entityType: 'bank_result_import',
    entityId: importId,
    detail: { booked: booked.length, rejected: rejected.length, ...counts },
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
    // resume: positions already committed are skipped; their EndToEndIds count as seen
    const { rows: doneRows } = await db.query<{ end_to_end_id: string; position: number }>(
      'SELECT end_to_end_id, position FROM bank_result_entries WHERE import_id = $1',
      [imp.id],
    );
    const seen = new Set(doneRows.map((r) => r.end_to_end_id));
    const lastPos = doneRows.reduce((m, r) => Math.max(m, r.position), 0);
    const outcome: ReadOutcome = { msgId: null, issues: [] };
    const entries = format === 'camt054' ? readCamt054(open(), outcome) : readResultCsv(open(), outcome);
    let chunk: BankResultEntry[] = [];
    const flush = async () => {
      if (!chunk.length) return;
      const c = chunk;
      chunk = [];
      await db.tx((tx) => applyChunk(tx, by, imp.id, c, seen));
      await pause('import');
    };
    const it = entries[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<BankResultEntry>;
      try {
        next = await it.next();
      } catch (e) {
        throw new AppError('BANK_FILE_INVALID', `the result file could not be read: ${(e as Error).message}`, 'file');
      }
      if (next.done) break;
      const e = next.value;
      if (e.position <= lastPos) continue;
      // the entries of one position (one Ntry) stay in one chunk, so resuming by position is exact
      if (chunk.length >= IMPORT_CHUNK && chunk[chunk.length - 1]!.position !== e.position) await flush();
      chunk.push(e);
    }
    await flush();
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
