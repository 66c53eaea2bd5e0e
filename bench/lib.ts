/**
 * Shared pieces of the benchmarks: the dedicated benchmark database, results files, timing, RSS.
 * Benchmarks on PostgreSQL OWN their database: it is dropped and re-created on every run. The server is
 * taken from BENCH_DATABASE_URL or DATABASE_URL; the database name is `skillvoucher_bench_<benchmark>` unless
 * BENCH_DATABASE_URL names one explicitly (never the test database).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { benchEnv, quietConfig } from '../src/config.js';
import { openDb, type Db } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import { configureProcess } from '../src/platform.js';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  engine: 'postgres' | 'pglite';
  n: number;
  date: string;
}

export interface BenchContext {
  n: number;
  log: (line: string) => void;
  /** `--dry`: the results are printed, not written (a benchmark may then run a part of itself). */
  dry?: boolean;
}

export const RESULTS_DIR = join(process.cwd(), 'bench', 'results');

export function writeResults(name: string, results: BenchResult[]): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export function readResults(name: string): BenchResult[] {
  const file = join(RESULTS_DIR, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult[]) : [];
}

export const result = (r: Omit<BenchResult, 'date'>): BenchResult => ({ ...r, date: new Date().toISOString() });

/** The benchmark database URL (server from the environment, dedicated database name). */
export function benchUrl(): string {
  const settings = benchEnv();
  if (settings.databaseUrl) return settings.databaseUrl;
  const base = settings.serverUrl;
  const u = new URL(base);
  // One database per benchmark, so two benchmarks run at once do not drop each other's database.
  const bench = settings.name.replace(/[^a-z0-9_]/g, '_');
  u.pathname = bench ? `/skillvoucher_bench_${bench}` : '/skillvoucher_bench';
  return u.toString();
}

/** Drops and re-creates the benchmark database, migrated. */
export async function freshPostgres(poolSize = 4): Promise<{ db: Db; url: string }> {
  const url = benchUrl();
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name) || name === 'postgres' || name.startsWith('sv_test_') || name === 'test')
    throw new Error(`refusing to use database ${name} for benchmarks`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  await configureProcess(quietConfig());
  const db = await openDb({ databaseUrl: url, poolSize });
  await migrate(db);
  return { db, url };
}

export async function freshPglite(): Promise<Db> {
  await configureProcess(quietConfig());
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  return db;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, value };
}

/** Samples the resident set size while fn runs; resolves with fn's value and the peak in MB. */
export async function withRssPeak<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: Math.round((peak / 1048576) * 10) / 10 };
  } finally {
    clearInterval(timer);
  }
}

export const round = (v: number, digits = 3): number => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * n synthetic persons, set-based (benchmark data only: the ID fields hold placeholders, not encrypted IDs).
 * Categories cycle so the ratio lookup has work to do.
 */
export async function seedPersons(db: Db, n: number, districtCode = '310115'): Promise<void> {
  const step = 200_000;
  for (let from = 1; from <= n; from += step) {
    const to = Math.min(n, from + step - 1);
    await db.query(
      `INSERT INTO persons (name, id_number_enc, id_number_bidx, birth_date, sex, district_code, hukou, categories)
       SELECT 'bench' || g, 'bench', md5('bench' || g), date '1970-01-01' + (g % 12000), CASE WHEN g % 2 = 0 THEN 'M' ELSE 'F' END, $3,
              'local', CASE g % 4 WHEN 0 THEN ARRAY['employed'] WHEN 1 THEN ARRAY['registered_unemployed'] WHEN 2 THEN ARRAY['employed','disabled'] ELSE ARRAY['college_graduating'] END
         FROM generate_series($1::int, $2::int) g`,
      [from, to, districtCode],
    );
  }
  await db.query('ANALYZE persons');
}

/**
 * With BENCH_PROFILE=<dir>, a V8 CPU profile of just `fn` (the measured load, not the seeding) is written to
 * <dir>/<label>.cpuprofile — open it in Chrome DevTools. The figures of a profiled run are not the results.
 */
export async function profiled<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const dir = benchEnv().profileDir;
  if (!dir) return fn();
  const { Session } = await import('node:inspector/promises');
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await s.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${label}.cpuprofile`), JSON.stringify(profile));
    s.disconnect();
  }
}

const CLOCK_TICK_US = 10_000; // Linux USER_HZ = 100

/** utime + stime of each local `postgres` process by pid, in clock ticks (null when /proc cannot be read). */
function postgresTicks(): Map<string, number> | null {
  if (!existsSync('/proc/self/stat')) return null;
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const f = stat.slice(close + 2).split(' '); // fields from the 3rd (state): utime is the 14th, stime the 15th
    out.set(pid, Number(f[11]) + Number(f[12]));
  }
  return out.size ? out : null;
}

/** CPU µs the processes spent between two readings (a process that ended meanwhile: its time is not counted). */
function ticksSpentUs(before: Map<string, number>, after: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks * CLOCK_TICK_US;
}

/** µs of CPU per request (node + database), and its parts, for the log and the results. */
export interface CpuPerRequest {
  totalUs: number;
  nodeUs: number;
  /** null when the database server is not a local process (its CPU cannot be read from /proc). */
  dbUs: number | null;
}

/**
 * Measures the CPU a phase costs per request: this process (the server and the load generator: one thread, plus
 * libuv's pool) and the benchmark database's PostgreSQL processes, when it runs on this machine. On this 2-core
 * machine the server, the load generator and PostgreSQL share two cores, so when both phases saturate them the
 * throughput ratio cannot exceed the inverse ratio of the CPU each request costs.
 */
export function cpuMeter(): { stop(requests: number): CpuPerRequest } {
  const local = ['127.0.0.1', 'localhost', '::1', ''].includes(new URL(benchUrl()).hostname);
  const n0 = process.cpuUsage();
  const d0 = local ? postgresTicks() : null;
  return {
    stop(requests) {
      const n = process.cpuUsage(n0);
      const d1 = d0 === null ? null : postgresTicks();
      const node = n.user + n.system;
      const db = d0 === null || d1 === null ? null : ticksSpentUs(d0, d1);
      const r = (v: number) => Math.round(v / Math.max(1, requests));
      return { totalUs: r(node + (db ?? 0)), nodeUs: r(node), dbUs: db === null ? null : r(db) };
    },
  };
}

/**
 * `<bench>.cpu_us_per_req`: CPU per request of ours against the bare endpoint's; its ratio (bare / ours) is the
 * ceiling of the throughput ratio on a machine whose cores both phases saturate.
 */
export function cpuResult(bench: string, ours: CpuPerRequest, bare: CpuPerRequest, n: number): BenchResult {
  return result({
    name: `${bench}.cpu_us_per_req`,
    value: ours.totalUs,
    unit: 'µs',
    baseline: bare.totalUs,
    ratio: round(bare.totalUs / Math.max(1, ours.totalUs)),
    engine: 'postgres',
    n,
  });
}
