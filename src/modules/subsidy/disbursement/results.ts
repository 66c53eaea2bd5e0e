/**
 * Step 4, import: a camt.054 / CSV result file, keyed by its SHA-256: entries applied in chunks, each chunk one
 * transaction (two side by side); a rerun of the same file skips the positions already committed; a finished
 * file imported again changes nothing. Payments pending → booked / rejected only once. The vouchers of the
 * claims a chunk pays are settled (核销) in that chunk's transaction (flows.ts).
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../../db/index.js';
import { AppError } from '../../../lib/errors.js';
import * as audit from '../../audit/index.js';
import type { AuditActor } from '../../audit/index.js';
import { readCamt054, readResultCsv, validateXml, type BankResultEntry, type ParseIssue, type ReadOutcome } from '../bankfiles.js';
import { bankReasonZh } from '../bank-reasons.js';
import { recordClaimMoves } from '../analytics-facts.js';
import { paidClaimsSettleTheirVouchers, type PaidClaim } from '../flows.js';
import * as ledger from '../ledger.js';
import * as identity from '../../identity/index.js';
import * as messages from '../../messages/index.js';
import * as persons from '../../persons/index.js';
import { requireFinance } from '../policy.js';
import type { ImportReportSchema } from '../schemas.js';
import { CAMT054_XSD, IMPORT_CHUNK, IMPORT_PARALLEL, pause } from './batches.js';

export type ImportReport = z.infer<typeof ImportReportSchema>;

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

type Entry = BankResultEntry & { dup: boolean };
type ChunkCounts = { applied: number; duplicates: number; unknown: number; mismatched: number };

/** What the chunk's statement answers: its counts, the paid sums per budget account, the batches' counts, the claims paid. */
interface AppliedChunk {
  entries: number;
  applied: number;
  booked: number;
  rejected: number;
  duplicates: number;
  unknown: number;
  mismatched: number;
  paid: Array<{ acc: string; fen: number }> | null;
  batches: Array<{ id: string; bk: number; rj: number }> | null;
  settle: PaidClaim[] | null;
  /** The claims paid or failed: their holders are told (messages); their statistics' deltas (class, made, passed). */
  told: Array<{
    id: string;
    e: string;
    v: string;
    p: string;
    s: 'paid' | 'failed';
    f: number;
    t: string | null;
    r: string | null;
    k: string | null;
    c: string;
    d: string | null;
    /** the claim's number, and who is paid: the worker, or the provider / employer (its org id and name) */
    n: string;
    pk: messages.PayeeKind;
    pi: string | null;
    pn: string | null;
  }> | null;
  /** The statement's instant: the claims' events' (a paid claim counts in its month). */
  at: Date;
}

/**
 * ONE set-based statement per chunk: payments pending → booked / rejected; their claims → paid / failed with
 * the claims' trail; the 'pay' ledger entries; every entry recorded with its outcome. Joins are driven by the
 * incoming keys (EndToEndId, claim id); the status guards read `status || ''` so that stale statistics on
 * status never turn them into a scan of a status index joined row by row.
 * $1..$6 the entries (e2e, amount, status, reason, position, dup), $7 the import, $8/$9 the actor.
 */
const APPLY_CHUNK_SQL = `WITH i AS (
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::bool[]) AS i(e2e, amt, st, rsn, pos, dup)),
 upd AS (
   UPDATE disbursement_payments p SET status = i.st, reason = i.rsn, import_id = $7, result_at = now()
     FROM i WHERE NOT i.dup AND p.end_to_end_id = i.e2e AND p.status || '' = 'pending' AND (i.amt IS NULL OR i.amt = p.amount_fen)
   RETURNING p.end_to_end_id, p.claim_id, p.batch_id, p.status, p.reason),
 cl AS (
   UPDATE subsidy_claims c SET status = CASE WHEN u.status = 'booked' THEN 'paid' ELSE 'failed' END,
          fail_reason = CASE WHEN u.status = 'booked' THEN c.fail_reason ELSE COALESCE(u.reason, 'rejected') END, updated_at = now()
     FROM upd u WHERE c.id = u.claim_id AND c.status || '' = 'in_batch'
   RETURNING c.id, c.status, c.fail_reason, c.budget_account_id, c.amount_fen, c.voucher_id, c.number, c.person_id, c.payee_account_last4, c.class_id, c.created_at, c.passed_on,
             c.payee_kind, c.payee_id, c.payee_name, u.end_to_end_id AS e2e),
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
           (SELECT batch_id, count(*) FILTER (WHERE status = 'booked') AS bk, count(*) FILTER (WHERE status = 'rejected') AS rj FROM upd GROUP BY batch_id) s) AS batches,
        (SELECT json_agg(json_build_object('id', id, 'v', voucher_id, 'n', number) ORDER BY voucher_id) FROM cl WHERE status = 'paid') AS settle,
        (SELECT json_agg(json_build_object('id', id, 'e', e2e, 'v', voucher_id, 'p', person_id, 's', status, 'f', amount_fen, 't', payee_account_last4, 'r', fail_reason,
                          'k', class_id, 'c', created_at, 'd', passed_on, 'n', number, 'pk', payee_kind, 'pi', payee_id, 'pn', payee_name)) FROM cl) AS told,
        now() AS at
   FROM n`;

async function applyEntries(tx: Tx, by: AuditActor, importId: string, chunk: readonly Entry[]): Promise<AppliedChunk> {
  const { rows } = await tx.query<AppliedChunk>(APPLY_CHUNK_SQL, [
    chunk.map((e) => e.endToEndId),
    chunk.map((e) => e.amountFen),
    chunk.map((e) => e.status),
    chunk.map((e) => e.reason),
    chunk.map((e) => e.position),
    chunk.map((e) => e.dup),
    importId,
    by.accountId,
    by.role,
  ]);
  return rows[0]!;
}

type Told = NonNullable<AppliedChunk['told']>[number];

/**
 * 到账 / 发放失败 to the claim's holder: the amount and the account's last digits, or why and what to do. When the
 * employer or the provider is paid, the message names it (its account, not '您的账户'; nothing for the worker to do).
 */
const paymentMessage = (c: Told): messages.NotifyInput => {
  const events = messages.WORKER_EVENT_FOR_PAYEE[c.pk];
  const payeeName = c.pn ?? '—';
  return c.s === 'paid'
    ? {
        event: events.paid,
        key: c.e,
        personId: c.p,
        vars: { amountYuan: messages.yuan(Number(c.f)), accountTail: c.t ?? '—', payeeName },
        link: `/vouchers/${c.v}`,
      }
    : { event: events.failed, key: c.e, personId: c.p, vars: { reason: bankReasonZh(c.r), payeeName }, link: `/vouchers/${c.v}` };
};

/** The receiving organisation's page of what it is paid: the enterprise's 补贴到账; the provider's class (its claims). */
const orgLink = (c: Told): string | null => (c.pk === 'enterprise' ? '/enterprise/subsidy' : c.k ? `/classes/${c.k}` : null);

/**
 * 补贴到账 / 发放失败 to the organisation paid (the employer or the provider), to each of its active staff accounts, once
 * per payment and account (key: the payment's EndToEndId + ':org'): the claim's number, the trainee masked, the amount,
 * and the account's last digits or the bank's reason in words and what to do.
 */
async function orgPaymentMessages(tx: Tx, told: readonly Told[]): Promise<messages.NotifyInput[]> {
  const toOrgs = told.filter((c) => c.pk !== 'person' && c.pi);
  if (!toOrgs.length) return [];
  const trainees = await persons.maskedNamesOf(
    tx,
    toOrgs.map((c) => c.p),
  );
  const staff = new Map<string, string[]>();
  for (const orgId of new Set(toOrgs.map((c) => c.pi!))) {
    const accounts = await identity.listAccountsOfOrg(tx, orgId, { limit: 200, offset: 0 });
    staff.set(
      orgId,
      accounts.items.filter((a) => a.status === 'active').map((a) => a.id),
    );
  }
  return toOrgs.flatMap((c) => {
    const base = { claimNo: c.n, trainee: trainees.get(c.p) ?? '—', amountYuan: messages.yuan(Number(c.f)) };
    const msg: Omit<messages.NotifyInput, 'accountId'> =
      c.s === 'paid'
        ? { event: 'payment.paid_to_org', key: `${c.e}:org`, vars: { ...base, accountTail: c.t ?? '—' }, link: orgLink(c) }
        : { event: 'payment.failed_to_org', key: `${c.e}:org`, vars: { ...base, reason: bankReasonZh(c.r) }, link: orgLink(c) };
    return staff.get(c.pi!)!.map((accountId) => ({ ...msg, accountId }));
  });
}

/** The batches' counters (locked in id order when several) and their state file_ready → reconciling. */
async function countIntoBatches(tx: Tx, batches: ReadonlyArray<{ id: string; bk: number; rj: number }>): Promise<void> {
  if (batches.length > 1) await tx.query('SELECT id FROM disbursement_batches WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [batches.map((x) => x.id)]);
  if (batches.length)
    await tx.query(
      `UPDATE disbursement_batches b SET booked_count = b.booked_count + s.bk, rejected_count = b.rejected_count + s.rj,
              status = CASE WHEN b.status = 'file_ready' THEN 'reconciling' ELSE b.status END
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS s(id, bk, rj) WHERE b.id = s.id`,
      [batches.map((x) => x.id), batches.map((x) => x.bk), batches.map((x) => x.rj)],
    );
}

/**
 * Applies one chunk of entries in one transaction: ONE set-based statement (payments pending → booked /
 * rejected; their claims → paid / failed with the claims' trail; the 'pay' ledger entries; every entry
 * recorded with its outcome), then the rows shared by every chunk — the budget buckets of the accounts
 * touched, the vouchers settled, the batches' and the import's counters — and the chunk's audit entry.
 * `dup` marks entries whose EndToEndId appeared earlier in the file (recorded as duplicates, never applied).
 */
async function applyChunk(tx: Tx, by: AuditActor, importId: string, chunk: readonly Entry[]): Promise<ChunkCounts> {
  const r = await applyEntries(tx, by, importId, chunk);
  // Rows shared by every chunk last, in a fixed order (accounts by id, batches by id, the import), so that
  // chunks applied side by side only wait for each other here, briefly, and never deadlock.
  // The 'pay' entries were written above; the accounts' buckets move by their sums (reserved → paid).
  await ledger.movePaid(
    tx,
    (r.paid ?? []).map((p) => ({ accountId: p.acc, amountFen: Number(p.fen) })),
  );
  const vouchersSettled = await paidClaimsSettleTheirVouchers(tx, by, r.settle ?? []);
  await messages.notifyMany(tx, [...(r.told ?? []).map(paymentMessage), ...(await orgPaymentMessages(tx, r.told ?? []))]);
  // the statistics' deltas: in_batch (approved) → paid / failed, in this chunk's transaction
  await recordClaimMoves(
    tx,
    (r.told ?? []).map((c) => ({
      claim: { voucher_id: c.v, class_id: c.k, amount_fen: Number(c.f), created_at: new Date(c.c), passed_on: c.d },
      from: 'in_batch' as const,
      to: c.s,
      at: r.at,
    })),
  );
  await countIntoBatches(tx, r.batches ?? []);
  await tx.query(
    'UPDATE bank_result_imports SET entries = entries + $2, applied = applied + $3, duplicates = duplicates + $4, unknown = unknown + $5, mismatched = mismatched + $6 WHERE id = $1',
    [importId, r.entries, r.applied, r.duplicates, r.unknown, r.mismatched],
  );
  const counts = { applied: r.applied, duplicates: r.duplicates, unknown: r.unknown, mismatched: r.mismatched };
  await audit.record(tx, by, {
    action: 'bank_result.apply',
    entityType: 'bank_result_import',
    entityId: importId,
    detail: { booked: r.booked, rejected: r.rejected, vouchersSettled, ...counts },
  });
  return counts;
}

/** One pass over the file: its digest (the file's identity) and, for camt.054, the XSD validation. */
async function digestAndValidate(open: FileSource, format: 'camt054' | 'csv'): Promise<{ sha: string; xsd: { ok: boolean; errors: string[] } }> {
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
  return { sha: h.digest('hex'), xsd };
}

/** The import's row ('processing'; its audit entry when this import starts it), or the finished one. */
async function startImport(db: Db, by: AuditActor, sha: string, format: 'camt054' | 'csv', resumed: boolean): Promise<ImportRow> {
  return db.tx(async (tx) => {
    await tx.query(
      "INSERT INTO bank_result_imports (file_sha256, format, status, created_by) VALUES ($1, $2, 'processing', $3) ON CONFLICT (file_sha256) DO NOTHING",
      [sha, format, by.accountId],
    );
    const { rows } = await tx.query<ImportRow>('SELECT * FROM bank_result_imports WHERE file_sha256 = $1', [sha]);
    if (rows[0]!.status === 'processing' && !resumed)
      await audit.record(tx, by, { action: 'bank_result.import', entityType: 'bank_result_import', entityId: rows[0]!.id, detail: { sha256: sha, format } });
    return rows[0]!;
  });
}

/**
 * Up to `parallel` chunk transactions in flight at once (each chunk's rows are its own; the shared counters
 * are taken last, in a fixed order). The first failure stops the import once nothing runs any more.
 */
class ChunkPipeline {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly parallel: number,
    private readonly apply: (chunk: Entry[]) => Promise<unknown>,
  ) {}

  async submit(chunk: Entry[]): Promise<void> {
    if (!chunk.length) return;
    while (this.running.size >= this.parallel) await Promise.race(this.running);
    if (this.failure) await this.drain(); // throws the failure once nothing runs any more
    const p: Promise<void> = this.apply(chunk)
      .then(() => pause('import'))
      .catch((e: unknown) => {
        this.failure ??= e;
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size) await Promise.race(this.running);
    if (this.failure) throw this.failure;
  }
}

/**
 * Reading and applying overlap: the next chunks are parsed while the database applies earlier ones, up to
 * IMPORT_PARALLEL chunk transactions at once. A duplicate is decided in file order here, over the whole file
 * (the positions done before a crash included), so the outcome does not depend on which chunk commits first,
 * and a resumed import skips exactly the positions already committed (`done`).
 */
async function applyFile(db: Db, by: AuditActor, importId: string, entries: AsyncIterable<BankResultEntry>, done: ReadonlySet<number>): Promise<void> {
  const pipeline = new ChunkPipeline(db.engine === 'postgres' ? IMPORT_PARALLEL : 1, (c) => db.tx((tx) => applyChunk(tx, by, importId, c)));
  const seen = new Set<string>();
  let chunk: Entry[] = [];
  const it = entries[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<BankResultEntry>;
    try {
      next = await it.next();
    } catch (e) {
      await pipeline.drain();
      throw new AppError('BANK_FILE_INVALID', `the result file could not be read: ${(e as Error).message}`, 'file');
    }
    if (next.done) break;
    const e = next.value;
    const dup = seen.has(e.endToEndId);
    if (!dup) seen.add(e.endToEndId);
    if (done.has(e.position)) continue;
    // the entries of one position (one Ntry) stay in one chunk, so resuming by position is exact
    if (chunk.length >= IMPORT_CHUNK && chunk[chunk.length - 1]!.position !== e.position) {
      await pipeline.submit(chunk);
      chunk = [];
    }
    chunk.push({ ...e, dup });
  }
  await pipeline.submit(chunk);
  await pipeline.drain();
}

/** processing → done with the reader's message id and issues; batches without a pending payment → reconciled. */
async function finishImport(db: Db, by: AuditActor, importId: string, outcome: ReadOutcome): Promise<ImportReport> {
  return db.tx(async (tx) => {
    const { rows } = await tx.query<ImportRow>(
      "UPDATE bank_result_imports SET status = 'done', msg_id = $2, issues = $3::jsonb, finished_at = now() WHERE id = $1 RETURNING *",
      [importId, outcome.msgId, JSON.stringify(outcome.issues.slice(0, 500))],
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
}

/**
 * Step 4: imports a bank result file (camt.054.001.10, XSD-validated, or CSV). `open` returns the file's
 * bytes as a stream and may be called several times (digest, validation, reading).
 */
export async function importResults(by: AuditActor, db: Db, open: FileSource, format: 'camt054' | 'csv'): Promise<ImportReport> {
  requireFinance(by);
  const { sha, xsd } = await digestAndValidate(open, format);
  const prior = (await db.query<ImportRow>('SELECT * FROM bank_result_imports WHERE file_sha256 = $1', [sha])).rows[0];
  if (prior?.status === 'done') return report(db, prior, true);
  if (!xsd.ok) throw new AppError('BANK_FILE_INVALID', `the camt.054 does not validate: ${xsd.errors[0] ?? 'invalid'}`, 'file', { xsdErrors: xsd.errors });
  // one importer per file at a time (another node importing the same file waits for it)
  const result = await db.withAdvisoryLock(`bank-import:${sha}`, async () => {
    const imp = await startImport(db, by, sha, format, !!prior);
    if (imp.status === 'done') return report(db, imp, true);
    // resume: positions already committed are skipped (their entries are in bank_result_entries)
    const { rows: doneRows } = await db.query<{ position: number }>('SELECT DISTINCT position FROM bank_result_entries WHERE import_id = $1', [imp.id]);
    const outcome: ReadOutcome = { msgId: null, issues: [] };
    const entries = format === 'camt054' ? readCamt054(open(), outcome) : readResultCsv(open(), outcome);
    await applyFile(db, by, imp.id, entries, new Set(doneRows.map((r) => r.position)));
    return finishImport(db, by, imp.id, outcome);
  });
  if (!result) throw new AppError('CONFLICT', 'this file is being imported right now; retry in a moment', 'file');
  return result;
}
