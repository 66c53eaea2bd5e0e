/**
 * The expiry pass (作废): every voucher still `issued` whose valid_until is before the Shanghai business
 * date of the run is voided. Set-based: each chunk is one statement — the conditional UPDATE … RETURNING
 * feeding an INSERT … SELECT of the event rows in a CTE — and the pass writes ONE audit entry summarising
 * it (count, cut-off). Chunks keep each transaction bounded; the pass is idempotent (a re-run finds nothing).
 */
import type { Db } from '../../db/index.js';
import * as audit from '../audit/service.js';
import { SYSTEM, type AuditActor } from '../audit/service.js';
import type { JobDef } from '../../jobs/scheduler.js';
import { expiryCutoff } from './rules.js';

export const EXPIRY_CHUNK = 50_000;

export interface ExpiryResult {
  expired: number;
  cutoff: string;
  chunks: number;
}

export async function expireVouchers(
  db: Db,
  opts: { now?: Date; chunkSize?: number; by?: AuditActor; onProgress?: (expired: number) => void } = {},
): Promise<ExpiryResult> {
  const cutoff = expiryCutoff(opts.now ?? new Date());
  const chunk = opts.chunkSize ?? EXPIRY_CHUNK;
  let expired = 0;
  let chunks = 0;
  for (;;) {
    const n = await db.tx(async (tx) => {
      const { rows } = await tx.query<{ n: number }>(
        `WITH due AS (
           SELECT id FROM vouchers WHERE status = 'issued' AND valid_until < $1::date
           LIMIT $2 FOR UPDATE SKIP LOCKED
         ), voided AS (
           UPDATE vouchers v SET status = 'expired', status_changed_at = now()
             FROM due WHERE v.id = due.id AND v.status = 'issued'
           RETURNING v.id
         ), ev AS (
           INSERT INTO voucher_events (voucher_id, from_status, to_status, actor_role, reason)
           SELECT id, 'issued', 'expired', 'system', 'validity passed (valid_until < ' || $1 || ')' FROM voided
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM ev`,
        [cutoff, chunk],
      );
      const got = rows[0]?.n ?? 0;
      if (got < chunk) {
        // The last chunk carries the pass's one audit entry (count over all chunks, cut-off).
        await audit.record(tx, opts.by ?? SYSTEM, {
          action: 'voucher.expire_pass',
          entityType: 'voucher',
          entityId: null,
          detail: { expired: expired + got, cutoff, chunks: chunks + (got > 0 ? 1 : 0) },
        });
      }
      return got;
    });
    expired += n;
    if (n > 0) chunks++;
    opts.onProgress?.(expired);
    if (n < chunk) break;
  }
  return { expired, cutoff, chunks };
}

/** QR nonces are only needed while their token could still verify; a day later they go. */
export async function purgeQrNonces(db: Db): Promise<number> {
  return (await db.query("DELETE FROM voucher_qr_nonces WHERE expires_at < now() - interval '1 day'")).rowCount;
}

export const expiryJob: JobDef = {
  name: 'vouchers.expire',
  schedule: '5 0 * * *', // 00:05 Asia/Shanghai
  run: async (db) => ({ ...(await expireVouchers(db)), qrNoncesPurged: await purgeQrNonces(db) }),
};
