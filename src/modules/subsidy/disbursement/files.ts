/**
 * Step 3, generate: 'approved' | 'generating' → stream the pain.001 (deterministic from the rows) into its
 * SHA-256 digest → 'file_ready'. Downloads stream the same bytes again.
 */
import { createHash } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import type { Db, Queryable } from '../../../db/index.js';
import { decrypt } from '../../../lib/crypto.js';
import { AppError } from '../../../lib/errors.js';
import { businessDate } from '../../../lib/time.js';
import * as audit from '../../audit/index.js';
import type { AuditActor } from '../../audit/index.js';
import type { Actor } from '../../identity/index.js';
import { writeDisbursementCsv, writePain001Groups, type Pain001PaymentGroup, type Payment } from '../bankfiles.js';
import { debtorAccountsOf, snapshotBatchDebtors } from '../debtor-accounts.js';
import { requireFinance } from '../policy.js';
import { FILE_PAGE, INITIATOR_NAME, batchRow, pause, presentBatch, type BatchRow, type BatchView } from './batches.js';

/**
 * Streams the batch's payments in EndToEndId order (keyset pages), decrypting the accounts. The next page
 * is fetched while the current one is written.
 */
async function* batchPayments(q: Queryable, batchId: string, funds: string[] | null = null, page = FILE_PAGE): AsyncGenerator<Payment> {
  type Row = { end_to_end_id: string; amount_fen: number; payee_name: string; payee_account_enc: string; payee_bank: string | null };
  const fetch = (after: string) => {
    const p = q.query<Row>(
      `SELECT end_to_end_id, amount_fen, payee_name, payee_account_enc, payee_bank FROM disbursement_payments
        WHERE batch_id = $1 AND status <> 'cancelled' AND end_to_end_id > $2 AND ($4::text[] IS NULL OR funding_source = ANY($4::text[]))
        ORDER BY end_to_end_id LIMIT $3`,
      [batchId, after, page, funds],
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
  await writePain001Groups(
    out,
    { msgId: b.msg_id ?? b.number, createdAt: b.approved_at ?? b.created_at, initiatorName: INITIATOR_NAME, nbOfTxs: b.payment_count, ctrlSumFen: b.total_fen },
    await paymentGroups(q, b),
  );
}

/**
 * One PmtInf per debtor account (the accounts fixed at approval), in account number order; the funds that
 * share an account share its PmtInf. Totals per group from the payments' rows.
 */
async function paymentGroups(q: Queryable, b: BatchRow): Promise<Pain001PaymentGroup[]> {
  const debtors = await debtorAccountsOf(q, b.id);
  const { rows: sums } = await q.query<{ funding_source: string | null; n: number; fen: number }>(
    `SELECT funding_source, count(*)::int AS n, sum(amount_fen)::bigint AS fen FROM disbursement_payments
      WHERE batch_id = $1 AND status <> 'cancelled' GROUP BY funding_source`,
    [b.id],
  );
  const byAccount = new Map<string, { name: string; bank: string; funds: string[]; n: number; fen: number }>();
  for (const s of sums) {
    const d = debtors.find((x) => x.fundingSource === s.funding_source);
    if (!d)
      throw new AppError(
        'DEBTOR_ACCOUNT_MISSING',
        `batch ${b.number}: no debtor account for the funding source ${s.funding_source ?? '(none)'}`,
        'fundingSource',
        {
          fundingSource: s.funding_source,
        },
      );
    const g = byAccount.get(d.accountNumber) ?? { name: d.accountName, bank: d.bankName, funds: [], n: 0, fen: 0 };
    g.funds.push(d.fundingSource);
    g.n += s.n;
    g.fen += Number(s.fen);
    byAccount.set(d.accountNumber, g);
  }
  const requestedDate = b.requested_date ?? businessDate(b.approved_at ?? b.created_at);
  return [...byAccount.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([account, g], i) => ({
      pmtInfId: `${b.number}-${i + 1}`,
      requestedDate,
      debtorName: g.name,
      debtorAccount: account,
      debtorBankName: g.bank,
      nbOfTxs: g.n,
      ctrlSumFen: g.fen,
      payments: batchPayments(q, b.id, byAccount.size === 1 ? null : g.funds.sort()),
    }));
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
      await snapshotBatchDebtors(tx, id); // a batch approved before it had its accounts fixed: fixed now (idempotent)
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
