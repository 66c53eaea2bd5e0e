/**
 * Step 1, build (核拨批次的组成): batch 'building' → include approved, noticed claims in chunks (row locks
 * SKIP LOCKED + the unique partial index "one live payment per claim"; chunks side by side) → 'draft'.
 */
import type { Db, Queryable, Tx } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { addDays, businessDate } from '../../../lib/time.js';
import * as audit from '../../audit/index.js';
import type { AuditActor } from '../../audit/index.js';
import * as catalog from '../../catalog/index.js';
import * as identity from '../../identity/index.js';
import type { Actor } from '../../identity/index.js';
import { BATCH_READERS, requireFinance } from '../policy.js';
import { cancelBatch } from './approve.js';
import { BUILD_CHUNK, BUILD_PARALLEL, batchRow, pause, presentBatch, type BatchRow, type BatchView } from './batches.js';

export interface BatchInput {
  programmeId?: string | undefined;
  districtCode?: string | undefined;
  maxPayments?: number | undefined;
}

/** The default cap of a batch (单批上限) when the maker sets none. */
const DEFAULT_MAX_PAYMENTS = 100_000;

/** Step 1a: the batch row ('building'), in the caller's transaction (with the Idempotency-Key). */
export async function createBatch(actor: AuditActor & { accountId: string }, tx: Tx, input: BatchInput): Promise<BatchView> {
  requireFinance(actor);
  const { rows } = await tx.query<BatchRow>(
    `INSERT INTO disbursement_batches (number, status, programme_id, district_code, max_payments, maker_id)
     VALUES ('B' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('disbursement_batch_serial')::text, 6, '0'), 'building', $1, $2, $3, $4)
     RETURNING *`,
    [input.programmeId ?? null, input.districtCode ?? null, input.maxPayments ?? DEFAULT_MAX_PAYMENTS, actor.accountId],
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

/** The claims a batch would pick (approved, notice ended, an account to pay, an amount), as a SQL condition: $1 today, $2 programme, $3 district. */
const PAYABLE = `status = 'approved' AND notice_last_day < $1::date AND payee_account_enc IS NOT NULL AND amount_fen > 0
                AND ($2::uuid IS NULL OR programme_id = $2) AND ($3::text IS NULL OR district_code = $3)`;

/**
 * The order a capped batch (单批上限 below the default) takes payable claims in — the longest-payable first — so it
 * takes what its preview counted. An uncapped batch takes every payable claim, in no order (sorting the whole payable
 * set for each chunk took the 100 000-claim build bench to 10.3 s, past its 10 s goal).
 */
const payableOrder = (maxPayments: number): string => (maxPayments < DEFAULT_MAX_PAYMENTS ? 'ORDER BY notice_last_day, id' : '');

export interface BatchPreview {
  count: number;
  totalFen: number;
}

/**
 * What a batch made now with these filters would take (read-only; the maker's 新建批次 dialog): the payable
 * claims, in the order the build takes them, up to the cap. Refused to the roles that may not create batches.
 */
export async function previewBatch(actor: Actor, q: Queryable, input: BatchInput, now: Date = clockNow()): Promise<BatchPreview> {
  requireFinance(actor);
  const { rows } = await q.query<{ n: number; fen: string | number }>(
    `SELECT count(*)::int AS n, COALESCE(sum(amount_fen), 0)::bigint AS fen
       FROM (SELECT amount_fen FROM subsidy_claims WHERE ${PAYABLE} ${payableOrder(input.maxPayments ?? DEFAULT_MAX_PAYMENTS)} LIMIT $4) s`,
    [businessDate(now), input.programmeId ?? null, input.districtCode ?? null, input.maxPayments ?? DEFAULT_MAX_PAYMENTS],
  );
  return { count: rows[0]!.n, totalFen: Number(rows[0]!.fen) };
}

/**
 * Step 1a as the route takes it: refuses with NOTHING_PAYABLE (409), creating nothing, when no claim the
 * batch would pick exists, in the same transaction as the batch row.
 */
export async function createPayableBatch(actor: AuditActor & { accountId: string }, tx: Tx, input: BatchInput, now: Date = clockNow()): Promise<BatchView> {
  requireFinance(actor);
  const { rows } = await tx.query(`SELECT 1 FROM subsidy_claims WHERE ${PAYABLE} LIMIT 1`, [
    businessDate(now),
    input.programmeId ?? null,
    input.districtCode ?? null,
  ]);
  if (!rows.length) throw nothingPayable();
  return createBatch(actor, tx, input);
}

export interface PayableSummary {
  ready: { count: number; amountFen: number };
  inNotice: { count: number; nextPayableOn: string | null };
  noAccount: number;
}

/**
 * What a batch made now would take (the claims PAYABLE picks, all programmes and districts), the approved
 * claims still in their public notice with the first day one becomes payable, and those without an account.
 */
export async function payableSummary(actor: Actor, q: Queryable, now: Date = clockNow()): Promise<PayableSummary> {
  identity.requireRole(actor, BATCH_READERS, 'not for this role');
  const today = businessDate(now);
  const ready = (
    await q.query<{ n: number; fen: string | number | null }>(
      `SELECT count(*)::int AS n, sum(amount_fen)::bigint AS fen FROM subsidy_claims WHERE ${PAYABLE}`,
      [today, null, null],
    )
  ).rows[0]!;
  const waiting = (
    await q.query<{ n: number; last: string | null; none: number }>(
      `SELECT count(*) FILTER (WHERE payee_account_enc IS NOT NULL AND (notice_last_day IS NULL OR notice_last_day >= $1::date))::int AS n,
              to_char(min(notice_last_day) FILTER (WHERE payee_account_enc IS NOT NULL AND notice_last_day >= $1::date), 'YYYY-MM-DD') AS last,
              count(*) FILTER (WHERE payee_account_enc IS NULL)::int AS none
         FROM subsidy_claims WHERE status = 'approved'`,
      [today],
    )
  ).rows[0]!;
  return {
    ready: { count: ready.n, amountFen: Number(ready.fen ?? 0) },
    inNotice: { count: waiting.n, nextPayableOn: waiting.last ? addDays(waiting.last, 1) : null },
    noAccount: waiting.none,
  };
}

const nothingPayable = (): AppError =>
  new AppError('NOTHING_PAYABLE', 'no claim is payable (approved, public notice ended) for these filters; no batch was created', 'programmeId');

/**
 * Step 1 as the route takes it: create, then build. A batch that ends up empty anyway (another maker took
 * its claims meanwhile) is cancelled and refused the same way.
 */
export async function openBatch(actor: Actor, db: Db, create: (tx: Tx) => Promise<BatchView>): Promise<BatchView> {
  const b = await db.tx(create);
  const built = await buildBatch(actor, db, b.id);
  if (built.status === 'draft' && built.paymentCount === 0) {
    await db.tx((tx) => cancelBatch(actor, tx, b.id));
    throw nothingPayable();
  }
  return built;
}

/** A chunk that would overfill its batch, or whose batch left 'building' meanwhile: rolled back, retried. */
class ChunkRefused extends Error {}

/** What one build run shares between its chunk workers. */
interface BuildRun {
  by: AuditActor;
  db: Db;
  batchId: string;
  today: string;
  /** Each payment carries its programme's funding source (catalog's; a handful of programmes). */
  fundProgrammes: string[];
  fundSources: string[];
  /** Room taken by this run's chunks in flight. */
  promised: number;
}

/** The running count kept in payment_count while building, re-derived once per run (a crashed run's rows). */
async function recountBuilding(db: Db, batchId: string): Promise<void> {
  await db.tx(async (tx) => {
    const b = await batchRow(tx, batchId, true);
    if (b.status !== 'building') return;
    await tx.query(
      "UPDATE disbursement_batches SET payment_count = (SELECT count(*) FROM disbursement_payments WHERE batch_id = $1 AND status = 'pending') WHERE id = $1",
      [batchId],
    );
  });
}

/**
 * ONE set-based statement: pick payable claims with row locks SKIP LOCKED → insert their payments → move
 * the claims to in_batch → their trail. The claims are found again by their tuple ids (ctid, stable while
 * this statement holds their row locks): a TID scan, whatever the statistics say about how many claims are approved.
 */
async function includeClaims(tx: Tx, run: BuildRun, b: BatchRow, want: number): Promise<{ picked: number; included: number; moved: number; fen: number }> {
  const { rows } = await tx.query<{ picked: number; included: number; moved: number; fen: number }>(
    `WITH pick AS (
       SELECT ctid AS tid, id, programme_id, amount_fen, payee_key, payee_name, payee_account_enc, payee_bank, number, attempt FROM subsidy_claims
        WHERE ${PAYABLE}
        ${payableOrder(b.max_payments)} LIMIT $4 FOR UPDATE SKIP LOCKED),
     ins AS (
       INSERT INTO disbursement_payments (batch_id, claim_id, end_to_end_id, amount_fen, payee_key, payee_name, payee_account_enc, payee_bank, funding_source)
       SELECT $5, id, number || '-' || (attempt + 1), amount_fen, payee_key, COALESCE(payee_name, ''), payee_account_enc, payee_bank,
              (SELECT f.src FROM unnest($9::uuid[], $10::text[]) AS f(pid, src) WHERE f.pid = pick.programme_id)
         FROM pick
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
    [run.today, b.programme_id, b.district_code, want, run.batchId, run.by.accountId, run.by.role, `batch ${b.number}`, run.fundProgrammes, run.fundSources],
  );
  return rows[0]!;
}

/**
 * One chunk in one transaction: include claims, then take the batch row by a conditional UPDATE that refuses
 * a chunk which would overfill the batch or whose batch is no longer 'building' (ChunkRefused: the chunk
 * rolls back and the loop looks again), then the chunk's audit entry. True when this worker has nothing more to do.
 */
async function buildChunk(run: BuildRun): Promise<boolean> {
  let want = 0;
  try {
    return await run.db.tx(async (tx) => {
      const b = await batchRow(tx, run.batchId);
      if (b.status !== 'building') return true;
      const room = b.max_payments - b.payment_count - run.promised;
      if (room <= 0) return true;
      want = Math.min(room, BUILD_CHUNK);
      run.promised += want;
      const r = await includeClaims(tx, run, b, want);
      if (r.moved !== r.included) throw new Error(`batch ${b.number}: ${r.included} payments but ${r.moved} claims moved`);
      if (r.included > 0) {
        const { rowCount } = await tx.query(
          "UPDATE disbursement_batches SET payment_count = payment_count + $2 WHERE id = $1 AND status = 'building' AND payment_count + $2 <= max_payments",
          [run.batchId, r.included],
        );
        if (rowCount !== 1) throw new ChunkRefused();
        await audit.record(tx, run.by, {
          action: 'batch.include',
          entityType: 'disbursement_batch',
          entityId: run.batchId,
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
    run.promised -= want;
  }
}

/** Chunk workers side by side (PostgreSQL: BUILD_PARALLEL; PGlite: one); the first failure stops the others after their chunk. */
async function runChunkWorkers(run: BuildRun): Promise<void> {
  let failed = false;
  const worker = async (): Promise<void> => {
    try {
      while (!failed && !(await buildChunk(run))) await pause('build');
    } catch (e) {
      failed = true; // the other workers stop after their current chunk
      throw e;
    }
  };
  const runs = await Promise.allSettled(Array.from({ length: run.db.engine === 'postgres' ? BUILD_PARALLEL : 1 }, worker));
  const failure = runs.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/** building → draft with the batch's totals from its payments, and the build's audit entry. */
async function finishBuild(by: AuditActor, db: Db, batchId: string): Promise<BatchView> {
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

/**
 * Step 1b: includes payable claims (approved, notice ended, no open objection) in chunks; each chunk is one
 * transaction and ONE set-based statement (pick with row locks SKIP LOCKED → insert the payments → move the
 * claims to in_batch → their trail), then the batch's running count and the chunk's audit entry. Up to
 * BUILD_PARALLEL chunks run side by side (PostgreSQL): SKIP LOCKED keeps their claims apart, and the batch
 * row is only taken at the end of each chunk, by a conditional UPDATE that refuses a chunk which would
 * overfill the batch or whose batch is no longer 'building' (that chunk rolls back and the loop looks again).
 * Safe to run concurrently with other builds of the same or other batches, and to rerun after a crash.
 */
export async function buildBatch(by: AuditActor, db: Db, batchId: string, now: Date = clockNow()): Promise<BatchView> {
  await recountBuilding(db, batchId);
  const programmes = await catalog.listProgrammes(db);
  const run: BuildRun = {
    by,
    db,
    batchId,
    today: businessDate(now),
    fundProgrammes: programmes.map((p) => p.id),
    fundSources: programmes.map((p) => p.fundingSource),
    promised: 0,
  };
  await runChunkWorkers(run);
  return finishBuild(by, db, batchId);
}

/** Reruns every batch left in 'building' (after a crash). */
export async function resumeBuilding(by: AuditActor, db: Db): Promise<number> {
  const { rows } = await db.query<{ id: string }>("SELECT id FROM disbursement_batches WHERE status = 'building' ORDER BY created_at");
  for (const r of rows) await buildBatch(by, db, r.id);
  return rows.length;
}
