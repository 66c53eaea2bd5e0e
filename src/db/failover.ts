/**
 * Several PostgreSQL servers behind one DATABASE_URL, as libpq reads it:
 * `postgres://user@host1:5432,host2:5432/db?target_session_attrs=read-write`. node-postgres takes one host,
 * so this file picks the server: with `target_session_attrs=read-write` the first host (in the listed order)
 * that accepts read-write sessions (`pg_is_in_recovery()` false), else the first that answers. The choice is
 * kept until a connection to it fails, then made again (once, for every caller waiting on it).
 *
 * Failover itself is pg_auto_failover's (deploy/): this only follows the promoted server. What is safe to
 * retry after such a failure is decided by src/db/index.ts (`DbUnavailableError`, `retryable`).
 */
import pg from 'pg';

export interface ParsedUrl {
  /** One single-host connection string per listed host, in order. */
  urls: string[];
  readWrite: boolean;
}

/** Splits a (possibly multi-host) connection string; drops `target_session_attrs`, which pg does not know. */
export function parseDatabaseUrl(url: string): ParsedUrl {
  const m = /^(postgres(?:ql)?:\/\/)([^@/?]*@)?([^/?]*)(\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) return { urls: [url], readWrite: false };
  const [, scheme, auth = '', hostPart = '', path = '', query = ''] = m;
  const params = new URLSearchParams(query.slice(1));
  const tsa = params.get('target_session_attrs');
  params.delete('target_session_attrs');
  const rest = params.toString();
  const hosts = hostPart.split(',').filter(Boolean);
  const urls = (hosts.length ? hosts : ['']).map((h) => `${scheme}${auth}${h}${path}${rest ? `?${rest}` : ''}`);
  return { urls, readWrite: tsa === 'read-write' || tsa === 'primary' };
}

/** The server is gone or cannot take writes now: a reason to look for the primary again. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  // 08: connection exception; 57P01..03: admin shutdown, crash shutdown, cannot connect now; 25006: read-only (a standby)
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '25006'].includes(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|no read-write server/i.test(
    e.message ?? '',
  );
}

/** The server refused the statement before running it (it did nothing): safe to send again elsewhere. */
export function refusedBeforeRunning(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return ['25006', '57P03', 'ECONNREFUSED'].includes(code);
}

export class PrimaryLocator {
  private readonly pools = new Map<string, pg.Pool>();
  private current: string | null = null;
  private resolving: Promise<pg.Pool> | null = null;

  constructor(
    private readonly parsed: ParsedUrl,
    private readonly makePool: (url: string) => pg.Pool,
    private readonly probeTimeoutMs = 2_000,
  ) {}

  get multiHost(): boolean {
    return this.parsed.urls.length > 1 || this.parsed.readWrite;
  }

  /** The pool of the chosen server (choosing one first when none is). */
  pool(): Promise<pg.Pool> {
    if (this.current !== null) return Promise.resolve(this.poolOf(this.current));
    this.resolving ??= this.resolve().finally(() => {
      this.resolving = null;
    });
    return this.resolving;
  }

  /** A connection through `pool` failed: choose again on the next call (unless another caller already did). */
  invalidate(pool: pg.Pool): void {
    if (!this.multiHost || this.current === null) return;
    if (this.pools.get(this.current) === pool) this.current = null;
  }

  async end(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.end().catch(() => undefined)));
    this.pools.clear();
  }

  private poolOf(url: string): pg.Pool {
    let p = this.pools.get(url);
    if (!p) {
      p = this.makePool(url);
      this.pools.set(url, p);
    }
    return p;
  }

  private async resolve(): Promise<pg.Pool> {
    if (!this.multiHost) {
      this.current = this.parsed.urls[0]!;
      return this.poolOf(this.current);
    }
    let answered: string | null = null;
    for (const url of this.parsed.urls) {
      const role = await this.probe(url);
      if (role === null) continue;
      answered ??= url;
      if (!this.parsed.readWrite || role === 'primary') {
        this.current = url;
        return this.poolOf(url);
      }
    }
    if (answered !== null && !this.parsed.readWrite) {
      this.current = answered;
      return this.poolOf(answered);
    }
    throw Object.assign(new Error('no read-write server among the hosts of DATABASE_URL'), { code: '08001' });
  }

  private async probe(url: string): Promise<'primary' | 'standby' | null> {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: this.probeTimeoutMs });
    c.on('error', () => undefined);
    try {
      await c.connect();
      // as libpq's read-write check: not in recovery, and not refusing writes (pg_auto_failover keeps a promoted
      // standby read-only until the old primary is known to be demoted)
      const r = await c.query<{ writable: boolean }>("SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS writable");
      return r.rows[0]?.writable ? 'primary' : 'standby';
    } catch {
      return null;
    } finally {
      await c.end().catch(() => undefined);
    }
  }
}
