/**
 * Read coalescing: the same point read made by concurrent requests (a session by its token, a voucher by
 * its id) becomes one query per turn of the event loop — `WHERE id = ANY($1)` instead of fifty round trips —
 * through the `dataloader` library. Under load the round trips to the database, not the SQL, are what a
 * request costs; a batch amortises them.
 *
 * Rules: only reads outside a transaction are coalesced (inside one, the transaction must see its own
 * writes, so the read runs alone on the transaction); nothing is cached beyond the batch (dataloader's cache
 * is off); a failed batch fails each of its callers, as their own queries would have.
 */
import DataLoader from 'dataloader';
import type { Db, Queryable } from './index.js';

export type BatchLoad<K, V> = (q: Queryable, keys: readonly K[]) => Promise<ReadonlyArray<V | null>>;

export interface BatchedRead<K, V> {
  (q: Queryable, key: K): Promise<V | null>;
}

const inTransaction = (q: Queryable): boolean => (q as { inTransaction?: boolean }).inTransaction === true;

/**
 * `load(q, keys)` answers one value (or null) per key, in the keys' order. `keyOf` gives a string identity for
 * composite keys (equal keys in one batch are loaded once).
 */
export function batchedRead<K, V>(load: BatchLoad<K, V>, keyOf: (k: K) => unknown = (k) => k, maxBatchSize = 500): BatchedRead<K, V> {
  const loaders = new WeakMap<object, DataLoader<K, V | null, unknown>>();
  return (q, key) => {
    if (inTransaction(q)) return load(q, [key]).then((r) => r[0] ?? null);
    let l = loaders.get(q);
    if (!l) {
      l = new DataLoader<K, V | null, unknown>((keys) => load(q, keys) as Promise<Array<V | null>>, {
        cache: false,
        cacheKeyFn: keyOf,
        maxBatchSize,
        // Everything that arrived in this turn of the event loop (all the requests read off the sockets) joins.
        batchScheduleFn: (cb) => setImmediate(cb),
      });
      loaders.set(q, l);
    }
    return l.load(key);
  };
}

/** Helper for loaders: orders rows by the keys they answer (missing → null). */
export function inKeyOrder<K, R>(keys: readonly K[], rows: readonly R[], keyOfKey: (k: K) => string, keyOfRow: (r: R) => string): Array<R | null> {
  const byKey = new Map<string, R>();
  for (const r of rows) byKey.set(keyOfRow(r), r);
  return keys.map((k) => byKey.get(keyOfKey(k)) ?? null);
}

/**
 * Write coalescing: the same write made by concurrent requests (a check-in, an admission) is handed, per turn
 * of the event loop, to `write(db, items)`, which answers one value or Error per item, in order. The caller's
 * `write` decides how (typically one transaction for the batch, falling back to one by one).
 */
export function coalescedWrite<K, V>(write: (db: Db, items: readonly K[]) => Promise<Array<V | Error>>, maxBatchSize: number): (db: Db, item: K) => Promise<V> {
  const loaders = new WeakMap<Db, DataLoader<K, V, K>>();
  return (db, item) => {
    let l = loaders.get(db);
    if (!l) {
      l = new DataLoader<K, V, K>((items) => write(db, items), { cache: false, maxBatchSize, batchScheduleFn: (cb) => setImmediate(cb) });
      loaders.set(db, l);
    }
    return l.load(item);
  };
}

/** A rejection as an Error (a batch answers per item). */
export const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** PostgreSQL errors a batch may meet from concurrent transactions (deadlock, serialisation, lock not available). */
export const isConcurrencyConflict = (e: unknown): boolean => ['40P01', '40001', '55P03'].includes((e as { code?: string }).code ?? '');
