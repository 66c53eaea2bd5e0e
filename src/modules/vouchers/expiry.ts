/**
 * The expiry pass (作废): every voucher still `issued` whose valid_until is before the Shanghai business
 * date of the run is voided, in one set-based pass over the narrow state table (voucher_states).
 *
 * - The pass is a row of voucher_expiry_passes: its cut-off, who ran it and how many it voided. It is the
 *   event of every voucher it voided — each voided state points to it (expiry_pass_id), and the voucher's
 *   event list shows it — so a pass writes one event row, not one per voucher.
 * - The table is walked once in ranges of physical blocks (a TID range scan per chunk, no index and no
 *   sort; two ranges at a time on PostgreSQL), each range one transaction: the conditional UPDATE (… AND status = 'issued', so a voucher admitted
 *   meanwhile is left alone), the pass's running count, and one audit entry for the chunk. A last
 *   transaction closes the pass with its summary audit entry.
 * - Idempotent and resumable: a pass cut short leaves its committed chunks done (they point to it) and its
 *   row unfinished; the next pass walks the table again and finds only what is left.
 * - Blocks appended after the pass started hold only vouchers issued meanwhile (valid for the future) and
 *   the new versions of rows changed meanwhile; they are not walked.
 */
import { now as clockNow } from '../../lib/clock.js';
import type { Db } from '../../db/index.js';
import { isConcurrencyConflict } from '../../db/batch.js';
import * as audit from '../audit/index.js';
import { SYSTEM, type AuditActor } from '../audit/index.js';
import type { JobDef } from '../../jobs/scheduler.js';
import { expiryCutoff } from './rules.js';

/** Blocks of voucher_states per chunk (8 kB each, about 70 states per block): ~150,000 states a transaction. */
export const EXPIRY_CHUNK_BLOCKS = 2_048;

export interface ExpiryProgress {
  expired: number;
  blocksDone: number;
  blocks: number;
}

export interface ExpiryResult {
  passId: string;
  expired: number;
  cutoff: string;
  /** Chunks that voided at least one voucher (each with its audit entry). */
  chunks: number;
  blocks: number;
}

const RETRIES = 5;

async function withRetry<T>(f: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await f();
    } catch (e) {
      // A deadlock with a concurrent admission batch rolls the chunk back; it is simply done again.
      if (!isConcurrencyConflict(e) || attempt >= RETRIES) throw e;
    }
  }
}

/** One range of blocks in one transaction: the conditional UPDATE, the pass's running count, the audit entry. */
function voidRange(db: Db, by: AuditActor, r: { passId: string; cutoff: string; lo: number; hi: number }): Promise<number> {
  return withRetry(() =>
    db.tx(async (tx) => {
      const { rows } = await tx.query<{ n: number }>(
        `WITH voided AS (
           UPDATE voucher_states SET status = 'expired', status_changed_at = now(), expiry_pass_id = $3
            WHERE ctid >= $1::tid AND ctid < $2::tid AND status = 'issued' AND valid_until < $4::date
           RETURNING 1),
         c AS (SELECT count(*)::int AS n FROM voided)
         UPDATE voucher_expiry_passes p SET expired = p.expired + c.n, chunks = p.chunks + (c.n > 0)::int
           FROM c WHERE p.id = $3
         RETURNING c.n`,
        [`(${r.lo},0)`, `(${r.hi},0)`, r.passId, r.cutoff],
      );
      const n = rows[0]!.n;
      if (n > 0)
        await audit.record(tx, by, {
          action: 'voucher.expire',
          entityType: 'voucher_expiry_pass',
          entityId: r.passId,
          detail: { expired: n, cutoff: r.cutoff, blocks: [r.lo, r.hi] },
        });
      return n;
    }),
  );
}

export async function expireVouchers(
  db: Db,
  opts: { now?: Date; chunkBlocks?: number; workers?: number; by?: AuditActor; onProgress?: (p: ExpiryProgress) => void } = {},
): Promise<ExpiryResult> {
  const cutoff = expiryCutoff(opts.now ?? clockNow());
  const by = opts.by ?? SYSTEM;
  const step = Math.max(1, Math.floor(opts.chunkBlocks ?? EXPIRY_CHUNK_BLOCKS));
  const { rows } = await db.query<{ id: string; blocks: number }>(
    `INSERT INTO voucher_expiry_passes (cutoff, actor_id, actor_role) VALUES ($1::date, $2, $3)
     RETURNING id::text, (pg_relation_size('voucher_states') / current_setting('block_size')::bigint)::int AS blocks`,
    [cutoff, by.accountId, by.role],
  );
  const passId = rows[0]!.id;
  const blocks = rows[0]!.blocks;
  let expired = 0;
  let chunks = 0;
  let blocksDone = 0;
  let next = 0;
  opts.onProgress?.({ expired, blocksDone, blocks });
  // The ranges are handed out in order to `workers` loops: two on PostgreSQL (a backend per core), one on
  // PGlite (one session). A failure stops the others at their next range; what committed stays done.
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < blocks && !failed) {
      const lo = next;
      const hi = Math.min(blocks, lo + step);
      next = hi;
      try {
        const n = await voidRange(db, by, { passId, cutoff, lo, hi });
        expired += n;
        if (n > 0) chunks++;
        blocksDone += hi - lo;
        opts.onProgress?.({ expired, blocksDone, blocks });
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const workers = Math.max(1, Math.floor(opts.workers ?? (db.engine === 'postgres' ? 2 : 1)));
  const settled = await Promise.allSettled(Array.from({ length: workers }, worker));
  const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  await db.tx(async (tx) => {
    await tx.query('UPDATE voucher_expiry_passes SET finished_at = now() WHERE id = $1', [passId]);
    await audit.record(tx, by, {
      action: 'voucher.expire_pass',
      entityType: 'voucher_expiry_pass',
      entityId: passId,
      detail: { expired, cutoff, chunks, blocks },
    });
  });
  return { passId, expired, cutoff, chunks, blocks };
}

/** QR nonces are only needed while their token could still verify; a day later they go. */
export async function purgeQrNonces(db: Db): Promise<number> {
  return (await db.query("DELETE FROM voucher_qr_nonces WHERE expires_at < $1::timestamptz - interval '1 day'", [clockNow()])).rowCount;
}

export const expiryJob: JobDef = {
  name: 'vouchers.expire',
  schedule: '5 0 * * *', // 00:05 Asia/Shanghai
  run: async (db) => ({ ...(await expireVouchers(db)), qrNoncesPurged: await purgeQrNonces(db) }),
};
