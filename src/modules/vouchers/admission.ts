/**
 * The QR token's side of the vouchers: the holder's fresh token, its verification, and admission's move of
 * the voucher (one statement: nonce consumed, issued → admitted, event) — singly and coalesced.
 */
import { batchedRead, inKeyOrder } from '../../db/batch.js';
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { workerPersonId } from './policy.js';
import { signQrToken, verifyQrToken as verifyQr, type QrPayload } from './qr.js';
import { getVoucher, toVoucher, type Voucher, type VoucherRow } from './records.js';
import { OPEN_STATES, TRANSITIONS, shanghaiDate } from './rules.js';
import type { QrTokenSchema } from './schemas.js';

/** The holder asks for a fresh 60-second token for one of their open vouchers. */
export async function issueQrToken(actor: Actor, q: Queryable, id: string): Promise<z.infer<typeof QrTokenSchema>> {
  const personId = workerPersonId(actor, 'only the holder shows a voucher QR code');
  const v = await getVoucher(q, id);
  if (!v || v.personId !== personId) throw notFound('voucher');
  if (!OPEN_STATES.includes(v.status)) throw new AppError('VOUCHER_NOT_USABLE', `the voucher is ${v.status}`, 'voucherId', { voucherStatus: v.status });
  const t = await signQrToken(v.id, v.personId);
  return { token: t.token, expiresAt: t.expiresAt.toISOString(), voucherId: v.id };
}

/** Verifies a QR token (signature, expiry, not-before, key id, optionally the voucher id). */
export const verifyQrToken = (token: string, opts: { expectVoucherId?: string; now?: Date } = {}): Promise<QrPayload> => verifyQr(token, opts);

const ADMIT_TRANSITION = TRANSITIONS.find((t) => t.event === 'admit')!;

/** Where a voucher's training takes place: the class and its district (the venue's; online: the provider's). */
export interface TrainingPlace {
  classId: string;
  districtCode: string;
}

/**
 * Admission's move of the voucher, in ONE statement: the QR token's nonce consumed (when admitted by QR),
 * issued → admitted under the validity check, and its event row; then the audit entry. Same outcome and
 * refusals as consumeQrNonce + transitionVoucher(…, 'admitted'): QR_TOKEN_REPLAYED, VOUCHER_EXPIRED,
 * VOUCHER_NOT_USABLE. Of concurrent attempts exactly one wins (the row lock and the nonce's unique key).
 * It is admitVouchers with one admission; only the refusal is its own.
 */
export async function admitVoucher(
  tx: Tx,
  by: AuditActor,
  id: string,
  opts: {
    qr?: QrPayload | undefined;
    reason: string;
    asOf: Date;
    /** The class the voucher is admitted to: a check-in-only voucher counts in its district's statistics. */
    training?: TrainingPlace | undefined;
  },
): Promise<Voucher> {
  if (!isUuid(id)) throw notFound('voucher', 'voucherId');
  if (opts.qr && opts.qr.voucherId.toLowerCase() !== id.toLowerCase()) throw new AppError('QR_TOKEN_INVALID', 'token is for another voucher', 'token');
  const moved = await admitVouchers(tx, [{ by, id, qr: opts.qr, reason: opts.reason, training: opts.training }], opts.asOf);
  if (moved) return moved[0]!;
  // Nothing moved (the statement wrote nothing): say why, in the order the checks apply.
  if (opts.qr && (await tx.query('SELECT 1 FROM voucher_qr_nonces WHERE nonce = $1', [opts.qr.nonce])).rows.length)
    throw new AppError('QR_TOKEN_REPLAYED', 'this QR code was already used; ask the holder to refresh it', 'token');
  const cur = await getVoucher(tx, id);
  if (!cur) throw notFound('voucher', 'voucherId');
  const today = shanghaiDate(opts.asOf);
  if (cur.status === 'issued' && cur.validUntil < today)
    throw new AppError('VOUCHER_EXPIRED', `the voucher was valid until ${cur.validUntil}`, 'voucherId', {
      voucherStatus: cur.status,
      validUntil: cur.validUntil,
    });
  throw new AppError('VOUCHER_NOT_USABLE', `a ${cur.kind} voucher in state ${cur.status} cannot become admitted`, 'voucherId', { voucherStatus: cur.status });
}

/**
 * Several admissions' moves at once (admissions coalesced by the training service): for each, what
 * admitVoucher does, in one statement for all of them, and the vouchers' audit entries in one round trip. All or nothing: null when any of them cannot move — the caller then rolls back and takes
 * them one by one, so each gets its own refusal.
 */
export async function admitVouchers(
  tx: Tx,
  items: ReadonlyArray<{
    by: AuditActor;
    id: string;
    qr?: QrPayload | undefined;
    reason: string;
    training?: TrainingPlace | undefined;
    /** this admission's own instant (coalesced admissions are milliseconds apart); `asOf` when not given */
    at?: Date | undefined;
  }>,
  asOf: Date,
): Promise<Voucher[] | null> {
  if (items.some((it) => !isUuid(it.id) || (it.qr && it.qr.voucherId.toLowerCase() !== it.id.toLowerCase()))) return null;
  const t = ADMIT_TRANSITION;
  const { rows } = await tx.query<VoucherRow>(
    `WITH k AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::float8[], $4::uuid[], $5::text[], $6::text[], $11::text[], $12::uuid[], $13::timestamptz[], $10::date[])
                  AS k(id, nonce, exp, by_id, by_role, reason, district, class_id, at, valid_on)),
     n AS (
       INSERT INTO voucher_qr_nonces (nonce, voucher_id, expires_at)
       SELECT nonce, id, to_timestamp(exp) FROM k WHERE nonce IS NOT NULL
       ON CONFLICT (nonce) DO NOTHING RETURNING nonce),
     s AS (
       UPDATE voucher_states s SET status = $8, status_changed_at = k.at FROM k
        WHERE s.voucher_id = k.id AND s.status = $7 AND s.kind = ANY($9::text[]) AND s.valid_until >= k.valid_on
          AND (k.nonce IS NULL OR k.nonce IN (SELECT nonce FROM n))
       RETURNING s.voucher_id, s.status, s.status_changed_at, s.expiry_pass_id, s.kind AS s_kind, k.by_id AS k_by_id, k.by_role AS k_by_role,
                 k.reason AS k_reason, k.district AS k_district, k.class_id AS k_class_id),
     e AS (
       INSERT INTO voucher_events (voucher_id, from_status, to_status, actor_id, actor_role, reason, at)
       SELECT voucher_id, $7, $8, k_by_id, k_by_role, k_reason, status_changed_at FROM s),
     d AS (
       INSERT INTO voucher_training_districts (voucher_id, district_code, class_id)
       SELECT voucher_id, k_district, k_class_id FROM s WHERE s_kind = 'checkin_only' AND k_district IS NOT NULL
       ON CONFLICT (voucher_id) DO UPDATE SET district_code = EXCLUDED.district_code, class_id = EXCLUDED.class_id, set_at = now())
     SELECT r.*, s.status, s.status_changed_at, s.expiry_pass_id FROM s JOIN voucher_records r ON r.id = s.voucher_id`,
    [
      items.map((it) => it.id.toLowerCase()),
      items.map((it) => it.qr?.nonce ?? null),
      items.map((it) => it.qr?.exp ?? null),
      items.map((it) => it.by.accountId),
      items.map((it) => it.by.role),
      items.map((it) => it.reason),
      t.from,
      t.to,
      t.kinds,
      items.map((it) => shanghaiDate(it.at ?? asOf)),
      items.map((it) => it.training?.districtCode ?? null),
      items.map((it) => it.training?.classId ?? null),
      // each admitted at its admission's instant (training's own admitted_at), not the database's clock
      items.map((it) => it.at ?? asOf),
    ],
  );
  if (rows.length !== items.length) return null;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = items.map((it) => byId.get(it.id.toLowerCase()));
  if (out.some((r) => !r)) return null;
  await audit.recordMany(
    tx,
    items[0]!.by,
    items.flatMap((it, i) => {
      const row = out[i]!;
      return {
        actor: it.by,
        action: 'voucher.admitted',
        entityType: 'voucher',
        entityId: row.id,
        districtCode: row.district_code,
        detail: { number: row.number, from: t.from, to: t.to, reason: it.reason },
      };
    }),
  );
  return out.map((r) => toVoucher(r!));
}

/**
 * Verify's read of a checked token: its voucher, and whether its nonce was already consumed by an admission —
 * one query.
 */
export async function getTokenVoucher(q: Queryable, qr: QrPayload): Promise<{ voucher: Voucher | null; nonceUsed: boolean }> {
  const r = await tokenVoucher(q, { id: qr.voucherId.toLowerCase(), nonce: qr.nonce });
  return { voucher: r ? toVoucher(r) : null, nonceUsed: r?.qr_nonce_used ?? false };
}

/** Concurrent verifies share one query (src/db/batch.ts). */
const tokenVoucher = batchedRead<{ id: string; nonce: string }, VoucherRow & { qr_nonce_used: boolean; k: string }>(
  async (q, keys) => {
    const { rows } = await q.query<VoucherRow & { qr_nonce_used: boolean; k: string }>(
      `SELECT v.*, EXISTS (SELECT 1 FROM voucher_qr_nonces n WHERE n.nonce = k.nonce) AS qr_nonce_used, k.id::text || ' ' || k.nonce AS k
         FROM unnest($1::uuid[], $2::text[]) AS k(id, nonce) JOIN vouchers v ON v.id = k.id`,
      [keys.map((k) => k.id), keys.map((k) => k.nonce)],
    );
    return inKeyOrder(
      keys,
      rows,
      (k) => `${k.id} ${k.nonce}`,
      (r) => r.k,
    );
  },
  (k) => `${k.id} ${k.nonce}`,
);

/**
 * Admission single use: consumes the token's nonce in the caller's transaction. A second use of the same
 * token → QR_TOKEN_REPLAYED. Returns the verified payload.
 */
export async function consumeQrNonce(tx: Tx, token: string, opts: { expectVoucherId?: string } = {}): Promise<QrPayload> {
  const p = await verifyQr(token, opts);
  const { rows } = await tx.query(
    'INSERT INTO voucher_qr_nonces (nonce, voucher_id, expires_at) VALUES ($1, $2, to_timestamp($3)) ON CONFLICT (nonce) DO NOTHING RETURNING nonce',
    [p.nonce, p.voucherId, p.exp],
  );
  if (rows.length === 0) throw new AppError('QR_TOKEN_REPLAYED', 'this QR code was already used; ask the holder to refresh it', 'token');
  return p;
}
