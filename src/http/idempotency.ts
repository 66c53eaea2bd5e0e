/**
 * Idempotency-Key for money-affecting POSTs. The route handler (declared `tx: true`) wraps its service call:
 *
 *   handler: ({ actor, tx, body, req }) => idempotent(tx, actor, req, 'createBatch', body, () => service.createBatch(actor, tx, body))
 *
 * Without the header the call just runs. With it: the first request claims (actor, key) in the same
 * transaction as its changes and stores its answer; a repeat with the same body gets the stored answer
 * (nothing runs twice); the same key with another body or route → 409 IDEMPOTENCY_KEY_REUSED. A concurrent
 * repeat waits on the key's row until the first commits (or rolls back, and then it runs itself). Keys are
 * per account. The table lives in the subsidy module's migration (idempotency_keys).
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../db/index.js';
import { AppError } from '../lib/errors.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function bodyHash(route: string, params: unknown, body: unknown): string {
  const h = createHash('sha256')
    .update(route)
    .update('\0')
    .update(JSON.stringify(canonical(params ?? null)));
  h.update('\0');
  if (Buffer.isBuffer(body)) h.update(body);
  else h.update(JSON.stringify(canonical(body ?? null)));
  return h.digest('hex');
}

export function idempotencyKeyOf(req: Pick<FastifyRequest, 'headers'>): string | null {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined) return null;
  const key = v.trim();
  if (!/^[\x21-\x7e]{8,200}$/.test(key)) throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 8..200 visible ASCII characters', 'Idempotency-Key');
  return key;
}

/** Runs `fn` at most once per (actor, key); see the module comment. */
export async function idempotent<T>(
  tx: Tx,
  actor: { accountId: string },
  req: Pick<FastifyRequest, 'headers' | 'params'>,
  route: string,
  body: unknown,
  fn: () => Promise<T>,
): Promise<T> {
  const key = idempotencyKeyOf(req);
  if (key === null) return fn();
  const hash = bodyHash(route, req.params, body);
  const ins = await tx.query<{ key: string }>(
    `INSERT INTO idempotency_keys (actor_id, key, route, body_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (actor_id, key) DO NOTHING RETURNING key`,
    [actor.accountId, key, route, hash],
  );
  if (ins.rows.length === 0) {
    const { rows } = await tx.query<{ route: string; body_hash: string; response: unknown }>(
      'SELECT route, body_hash, response FROM idempotency_keys WHERE actor_id = $1 AND key = $2 FOR UPDATE',
      [actor.accountId, key],
    );
    const prev = rows[0];
    if (!prev || prev.route !== route || prev.body_hash !== hash)
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another request', 'Idempotency-Key');
    return prev.response as T;
  }
  const out = await fn();
  await tx.query('UPDATE idempotency_keys SET status = 200, response = $3::jsonb WHERE actor_id = $1 AND key = $2', [
    actor.accountId,
    key,
    JSON.stringify(out ?? null),
  ]);
  return out;
}
