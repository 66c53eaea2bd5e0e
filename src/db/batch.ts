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

/**
 * The common case: a point read by one text key. `sql` takes the keys as `$1` (an array, e.g.
 * `WHERE id = ANY($1::uuid[])`); `keyOfRow` names the key a row answers. Keys must be given as the rows
 * spell them (uuids in lower case).
 */
export function batchedByKey<R>(sql: string, keyOfRow: (r: R) => string): BatchedRead<string, R> {
  return batchedRead<string, R>(async (q, keys) => {
    const { rows } = await q.query<R>(sql, [keys]);
    return inKeyOrder(keys, rows, (k) => k, keyOfRow);
  });
}

/** Helper for loaders: orders rows by the keys they answer (missing → null). */
export function inKeyOrder<K, R>(keys: readonly K[], rows: readonly R[], keyOfKey: (k: K) => string, keyOfRow: (r: R) => string): Array<R | null> {
  const byKey = new Map<string, R>();
  for (const r of rows) byKey.set(keyOfRow(r), r);
  return keys.map((k) => byKey.get(keyOfKey(k)) ?? null);
}

/**
 * Write coalescing: the same write made by concurrent requests (a check-in, an admission) is handed, per turn
 * of the event loop, to `write(db, items)` in batches of at most `maxBatchSize`; `write` answers one value or
 * Error per item, in order, and decides how (typically one transaction for the batch, falling back to one by
 * one). `inFlight` bounds the batches running at once on a node (default: no bound); items arriving while
 * the bound is reached wait and form the next batch, dispatched as soon as one finishes ("group commit").
 */
export function coalescedWrite<K, V>(
  write: (db: Db, items: readonly K[]) => Promise<Array<V | Error>>,
  maxBatchSize: number,
  opts: { inFlight?: number } = {},
): (db: Db, item: K) => Promise<V> {
  const inFlight = opts.inFlight ?? Infinity;
  interface Waiting {
    item: K;
    resolve: (v: V) => void;
    reject: (e: Error) => void;
  }
  interface State {
    queue: Waiting[];
    running: number;
    scheduled: boolean;
  }
  const states = new WeakMap<Db, State>();
  const dispatch = (db: Db, st: State): void => {
    st.scheduled = false;
    while (st.running < inFlight && st.queue.length) {
      const batch = st.queue.splice(0, maxBatchSize);
      st.running++;
      write(
        db,
        batch.map((w) => w.item),
      )
        .then(
          (out) => batch.forEach((w, i) => (out[i] instanceof Error ? w.reject(out[i] as Error) : w.resolve(out[i] as V))),
          (e: unknown) => batch.forEach((w) => w.reject(asError(e))),
        )
        .finally(() => {
          st.running--;
          if (st.queue.length) dispatch(db, st);
        });
    }
  };
  return (db, item) =>
    new Promise<V>((resolve, reject) => {
      let st = states.get(db);
      if (!st) states.set(db, (st = { queue: [], running: 0, scheduled: false }));
      st.queue.push({ item, resolve, reject });
      if (!st.scheduled) {
        st.scheduled = true;
        const s = st;
        setImmediate(() => dispatch(db, s));
      }
    });
}

/** A rejection as an Error (a batch answers per item). */
export const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** PostgreSQL errors a batch may meet from concurrent transactions (deadlock, serialisation, lock not available). */
export const isConcurrencyConflict = (e: unknown): boolean => ['40P01', '40001', '55P03'].includes((e as { code?: string }).code ?? '');
