/**
 * The one place that opens the database. Two engines, one PostgreSQL dialect:
 *  - PGlite (PostgreSQL in WebAssembly) in a data folder — the embedded default;
 *  - a PostgreSQL server through DATABASE_URL — production.
 * Both return the same JS types: int8 → number (safe integers; money in fen fits), numeric → string,
 * date → 'YYYY-MM-DD' string, timestamptz → Date.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { PGlite as PGliteType } from '@electric-sql/pglite';
import { isConnectionError, parseDatabaseUrl, PrimaryLocator, refusedBeforeRunning } from './failover.js';

export type Row = Record<string, unknown>;
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Tx extends Queryable {
  readonly inTransaction: true;
  /**
   * SQL to run at the end of the transaction, just before COMMIT and in the same round trip. If it fails,
   * nothing commits and the transaction's promise rejects with its error. For a hot path's last writes (its
   * audit entries, facts, messages), whose answer nothing waits for. Either parameter-free SQL (values as
   * literals: `sqlLiteral`) or a `DeferredStatement`, which keeps its plan on each connection.
   */
  atCommit(sql: string | DeferredStatement): void;
}

/**
 * A parameterised statement for `Tx.atCommit`. On PostgreSQL it is PREPAREd once on each connection (in the
 * COMMIT's script the first time) and EXECUTEd with its values as literals after that: a literal script is
 * parsed and planned on every run, which for a statement joining several look-ups (the facts of an admission or a
 * check-in) cost more than running it. `types` are the parameters' SQL types ($1, $2 … in `sql`).
 */
export interface DeferredStatement {
  sql: string;
  types: readonly string[];
  values: readonly string[];
}

export interface TxOptions {
  /**
   * Parameter-free SQL (values as literals: `sqlLiteral`) to run first in the transaction, in the same round
   * trip as BEGIN (a hot path's locks).
   */
  begin?: string | undefined;
}

/** A text value as an SQL literal (quotes and backslashes escaped), for `TxOptions.begin` and `Tx.atCommit`. */
export const sqlLiteral = (value: string): string => pg.escapeLiteral(value);

export type Engine = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly engine: Engine;
  /** Runs fn inside one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T>;
  /**
   * Runs fn while holding a session-level advisory lock; resolves to null when another holder has it.
   * On PGlite (one session for the process) an in-process lock table stands in.
   */
  withAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<T | null>;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;
const parseInt8 = (v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${v} exceeds Number.MAX_SAFE_INTEGER`);
  return n;
};
const identity = (v: string): string => v;

/** Hash a lock name to a signed 64-bit key understood by pg_advisory_lock(bigint). */
export function lockKey(name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return BigInt.asIntN(64, (BigInt(h1) << 32n) | BigInt(h2)).toString();
}

/**
 * Parameterised statements are sent as NAMED prepared statements (the name is a hash of the text): each
 * connection parses a statement once and PostgreSQL may keep its plan, instead of parsing and planning
 * every execution — on the hot paths (admission, check-in) planning was most of the database's work. The
 * number of distinct statements named per process is bounded (text built at run time, such as list filters,
 * may vary); past the bound statements are sent unnamed as before.
 *
 * After five executions PostgreSQL may switch a named statement to a generic plan, kept until a table it reads
 * is next analyzed (by autovacuum, when it runs: not on the CI machine). One made while a table was analyzed
 * empty scans it (a check-in batch of 16 took 700–830 ms with such a plan once check_ins held 100,000 rows).
 * Planning every call instead costs the database (~1.9 ms per check-in batch). The check-in transaction
 * therefore asks for kept plans without sequential scans (attendance's lockSessions, and its plans.test.ts).
 */
const MAX_NAMED = 5_000;
const statementNames = new Map<string, string>();
export function statement(sql: string, params: readonly unknown[]): string | pg.QueryConfig {
  if (params.length === 0) return sql; // simple protocol: DDL, multi-statement scripts
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= MAX_NAMED) return { text: sql, values: params as unknown[] };
    name = `sv_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] };
}

const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();
const deferredName = (sql: string): string => `svd_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`; // a plain identifier: no quoting

/**
 * The text of deferred statements for one connection's COMMIT script: a `DeferredStatement` is EXECUTEd when the
 * connection has it, else PREPAREd first (its name is returned in `preparing`, to be remembered once the script
 * ran: a prepared statement outlives its transaction, also one that failed — see forgetPrepared).
 */
function deferredScript(client: pg.PoolClient, deferred: readonly (string | DeferredStatement)[]): { script: string[]; preparing: string[] } {
  const have = preparedOn.get(client);
  const script: string[] = [];
  const preparing: string[] = [];
  for (const d of deferred) {
    if (typeof d === 'string') {
      script.push(d);
      continue;
    }
    const name = deferredName(d.sql);
    if (!have?.has(name) && !preparing.includes(name)) {
      script.push(`PREPARE ${name}(${d.types.join(', ')}) AS ${d.sql}`);
      preparing.push(name);
    }
    script.push(`EXECUTE ${name}(${d.values.map((v) => sqlLiteral(v)).join(', ')})`);
  }
  return { script, preparing };
}

function rememberPrepared(client: pg.PoolClient, names: readonly string[]): void {
  if (names.length === 0) return;
  let have = preparedOn.get(client);
  if (!have) preparedOn.set(client, (have = new Set()));
  for (const n of names) have.add(n);
}

/**
 * After a COMMIT script that failed: which of the statements it was to PREPARE exist now is not known (the
 * script stops at its first error), so they are dropped (an absent one is ignored) and prepared again next time.
 */
async function forgetPrepared(client: pg.PoolClient, names: readonly string[]): Promise<void> {
  for (const n of names) await client.query(`DEALLOCATE ${n}`).catch(() => undefined);
}

/**
 * The database could not do the work because its server went away (a failover, a restart). `outcome` says
 * whether the work may have been done: 'not_done' (never sent, or the transaction never reached COMMIT — the
 * server rolls an open transaction back when its connection ends) or 'unknown' (the connection was lost while
 * a COMMIT or a statement outside a transaction was on its way). Answered 503 with Retry-After
 * (src/http/problem.ts), never 500; the caller repeats, with its Idempotency-Key where the route takes one.
 */
export class DbUnavailableError extends Error {
  readonly code = 'DB_UNAVAILABLE';
  constructor(
    message: string,
    readonly outcome: 'not_done' | 'unknown',
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** A statement that only reads (no writes, no locks, no functions known to write): safe to send again. */
const PLAIN_READ = /^\s*(SELECT|WITH)\b/i;
const WRITES = /\b(INSERT|UPDATE|DELETE|MERGE|audit_append\w*|nextval|setval|pg_advisory\w*|FOR\s+(UPDATE|SHARE|NO KEY|KEY))\b/i;
const isPlainRead = (sql: string): boolean => PLAIN_READ.test(sql) && !WRITES.test(sql);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

class PostgresDb implements Db {
  readonly engine = 'postgres' as const;
  /**
   * `waitMs`: how long a request may wait for a read-write server (a failover) before it is answered 503.
   * Measured with performance.now(): an elapsed time, not a date (the application clock may be pinned by tests).
   */
  constructor(
    private readonly locator: PrimaryLocator,
    private readonly waitMs: number,
  ) {}

  /** A connection to the read-write server, waiting (bounded) while there is none. */
  private async acquire(deadline: number): Promise<{ client: pg.PoolClient; pool: pg.Pool }> {
    for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
      let pool: pg.Pool | null = null;
      try {
        pool = await this.locator.pool();
        const client = await pool.connect();
        // a server that goes away while the client is checked out emits 'error' on it: the next query fails
        // with it and is handled; without a listener the process would exit
        if (client.listenerCount('error') === 0) client.on('error', () => undefined);
        return { client, pool };
      } catch (e) {
        if (!isConnectionError(e)) throw e;
        if (pool) this.locator.invalidate(pool);
        if (performance.now() + delay > deadline) throw new DbUnavailableError('no read-write database server answers', 'not_done', e);
        await pause(delay);
      }
    }
  }

  /** The connection broke: drop it and choose the server again. */
  private lost(client: pg.PoolClient, pool: pg.Pool, e: unknown): void {
    client.release(e instanceof Error ? e : true);
    this.locator.invalidate(pool);
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const st = statement(sql, params);
    const deadline = performance.now() + this.waitMs;
    for (;;) {
      const { client, pool } = await this.acquire(deadline);
      try {
        const r = typeof st === 'string' ? await client.query(st) : await client.query(st);
        client.release();
        return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
      } catch (e) {
        if (!isConnectionError(e)) {
          client.release();
          throw e;
        }
        this.lost(client, pool, e);
        // sent again only when it certainly did nothing, or only reads
        if (!(refusedBeforeRunning(e) || isPlainRead(sql)) || performance.now() > deadline)
          throw new DbUnavailableError('the database connection was lost', refusedBeforeRunning(e) ? 'not_done' : 'unknown', e);
        await pause(100);
      }
    }
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  async tx<T>(fn: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    const deadline = performance.now() + this.waitMs;
    for (;;) {
      const { client, pool } = await this.acquire(deadline);
      const attempt = await this.attempt(client, fn, opts);
      if (attempt.ok) {
        client.release();
        return attempt.value;
      }
      if (!attempt.lost) {
        await client.query('ROLLBACK').catch(() => undefined);
        await forgetPrepared(client, attempt.preparing);
        client.release();
        throw attempt.error;
      }
      this.lost(client, pool, attempt.error);
      // not committed (COMMIT never sent): the whole transaction runs again on the read-write server
      if (attempt.atCommit) throw new DbUnavailableError('the database connection was lost during COMMIT', 'unknown', attempt.error);
      if (performance.now() > deadline) throw new DbUnavailableError('the database connection was lost', 'not_done', attempt.error);
      await pause(100);
    }
  }

  /** One try of a transaction on one connection; says whether the connection was lost, and when. */
  private async attempt<T>(
    client: pg.PoolClient,
    fn: (tx: Tx) => Promise<T>,
    opts: TxOptions,
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown; lost: boolean; atCommit: boolean; preparing: string[] }> {
    let lost = false;
    let atCommit = false;
    let preparing: string[] = [];
    const watch = <R>(p: Promise<R>): Promise<R> =>
      p.catch((e: unknown) => {
        if (isConnectionError(e)) lost = true;
        throw e;
      });
    try {
      // one round trip each: BEGIN with the caller's first statement, the deferred statements with COMMIT (a
      // simple-protocol script stops at its first error, so a failed statement never reaches the COMMIT)
      await watch(client.query(opts.begin ? `BEGIN;\n${opts.begin}` : 'BEGIN'));
      const deferred: (string | DeferredStatement)[] = [];
      // A transaction's statements run one after another on its connection, in the order they were made, also
      // when the caller makes several at once (Promise.all of reads): a client runs one query at a time, and
      // leaving the queueing to pg is deprecated (pg@9 refuses it).
      let last: Promise<unknown> = Promise.resolve();
      const inTurn = <R>(run: () => Promise<R>): Promise<R> => {
        const p = last.then(run, run);
        last = p.catch(() => undefined);
        return p;
      };
      const tx: Tx = {
        inTransaction: true,
        query: <R>(sql: string, params: readonly unknown[] = []) =>
          inTurn(async () => {
            const st = statement(sql, params);
            const r = typeof st === 'string' ? await watch(client.query(st)) : await watch(client.query(st));
            return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
          }),
        exec: (sql: string) =>
          inTurn(async () => {
            await watch(client.query(sql));
          }),
        atCommit: (sql: string | DeferredStatement) => {
          deferred.push(sql);
        },
      };
      const value = await fn(tx);
      await last;
      atCommit = true;
      const d = deferredScript(client, deferred);
      preparing = d.preparing;
      // each statement's ';' on a line of its own: a statement ending in a -- comment does not swallow it
      await watch(client.query(d.script.length ? `${d.script.join('\n;\n')}\n;\nCOMMIT` : 'COMMIT'));
      rememberPrepared(client, preparing);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error, lost: lost || isConnectionError(error), atCommit, preparing };
    }
  }

  async withAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<T | null> {
    const { client } = await this.acquire(performance.now() + this.waitMs);
    const k = lockKey(key);
    let broken: Error | null = null;
    try {
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [k]);
      if (!r.rows[0]?.ok) return null;
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [k]).catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(String(e));
        });
      }
    } finally {
      // a broken connection is dropped, not pooled (its session, and so the lock, is gone with it)
      client.release(broken ?? undefined);
    }
  }

  async close(): Promise<void> {
    await this.locator.end();
  }
}

class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  private readonly held = new Set<string>();
  constructor(private readonly pg: PGliteType) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.pg.query<T>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }

  async tx<T>(fn: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    // PGlite serialises transactions: other queries wait until this one ends.
    return this.pg.transaction(async (t) => {
      if (opts.begin) await t.exec(opts.begin);
      const deferred: (string | DeferredStatement)[] = [];
      const tx: Tx = {
        inTransaction: true,
        query: async <R>(sql: string, params: readonly unknown[] = []) => {
          const r = await t.query<R>(sql, params as unknown[]);
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        },
        exec: async (sql: string) => {
          await t.exec(sql);
        },
        atCommit: (sql: string | DeferredStatement) => {
          deferred.push(sql);
        },
      };
      const out = await fn(tx);
      // in process: no round trip to save, so a deferred statement simply runs with its parameters
      for (const d of deferred) await (typeof d === 'string' ? t.exec(d) : t.query(d.sql, [...d.values]));
      return out;
    });
  }

  async withAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<T | null> {
    if (this.held.has(key)) return null;
    this.held.add(key);
    try {
      return await fn();
    } finally {
      this.held.delete(key);
    }
  }

  async close(): Promise<void> {
    await this.pg.close();
  }

  /** Test support: a tarball of the data folder to clone fresh databases from. */
  async dump(): Promise<Blob> {
    return (await this.pg.dumpDataDir('none')) as Blob;
  }
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined; // PGlite folder; 'memory://' for an in-memory database
  loadDataDir?: Blob | undefined; // PGlite: start from a dump
  poolSize?: number | undefined;
  /** PostgreSQL: how long a request waits for a read-write server before answering 503 (DB_FAILOVER_WAIT_MS). */
  failoverWaitMs?: number | undefined;
}

export async function openDb(opts: OpenOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const parsed = parseDatabaseUrl(opts.databaseUrl);
    const several = parsed.urls.length > 1 || parsed.readWrite;
    const makePool = (connectionString: string) => {
      const pool = new pg.Pool({
        connectionString,
        max: opts.poolSize ?? 20,
        // every connection in UTC (timestamps cross as instants; business dates are computed in Asia/Shanghai by
        // the application), whatever the server's or the database's default
        options: '-c TimeZone=UTC',
        // with several servers a dead one must not hold a request for long (a refused connection fails at once)
        ...(several ? { connectionTimeoutMillis: 5_000, keepAlive: true } : {}),
        types: {
          getTypeParser: ((oid: number, format?: string) => {
            if (oid === INT8) return parseInt8;
            if (oid === DATE) return identity;
            return pg.types.getTypeParser(oid, format as 'text');
          }) as typeof pg.types.getTypeParser,
        },
      });
      pool.on('error', () => undefined); // idle client errors surface on the next query
      return pool;
    };
    const db = new PostgresDb(new PrimaryLocator(parsed, makePool), opts.failoverWaitMs ?? 10_000);
    await db.query('SELECT 1'); // fail fast on a wrong URL
    return db;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const pgl = await PGlite.create({
    dataDir: opts.dataDir ?? 'memory://',
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    parsers: { [INT8]: parseInt8, [DATE]: identity },
  });
  return new PgliteDb(pgl);
}

export function isPglite(db: Db): db is Db & { dump(): Promise<Blob> } {
  return db.engine === 'pglite';
}
