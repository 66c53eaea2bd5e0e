/** Configuration from the environment; the README's configuration table lists every variable. */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A standby for statistics and searches (DATABASE_READ_URL); unset: they read the primary. */
  databaseReadUrl: string | undefined;
  /** The standby is used only while its replay lag is at most this many seconds (READ_MAX_LAG_S). */
  readMaxLagS: number;
  /** How long a request waits for a read-write server during a failover before answering 503 (DB_FAILOVER_WAIT_MS). */
  dbFailoverWaitMs: number;
  dataDir: string;
  /** 32-byte key (hex or base64) for AES-256-GCM of personal data at rest. */
  dataKey: Buffer;
  /** Separate key for the blind index (HMAC-SHA256) of ID numbers, phones, cards. */
  indexKey: Buffer;
  cryptoSuite: 'default' | 'gm';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** How long a node may reuse a session lookup (ms; 0: never). */
  sessionCacheMs: number;
  cookieSecure: boolean;
  logLevel: string;
  esscAdapter: 'simulator' | string;
  /** The social-insurance record and social security card adapters (skill-upgrade subsidy): `simulator` only, built in. */
  socialInsuranceAdapter: 'simulator' | string;
  demo: boolean;
  auditChains: number;
  bodyLimit: number;
}

function key(name: string, env: NodeJS.ProcessEnv, fallback: () => Buffer): Buffer {
  const v = env[name];
  if (!v) return fallback();
  const b = /^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (b.length !== 32) throw new Error(`${name} must be 32 bytes (64 hex characters or base64)`);
  return b;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const production = env.NODE_ENV === 'production';
  const devKey = (label: string) => () => {
    if (production) throw new Error(`${label} must be set in production`);
    // Development and demo only: a fixed, documented key so the embedded database stays readable across restarts.
    return Buffer.from(label.padEnd(32, '.').slice(0, 32));
  };
  const cfg: Config = {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    readMaxLagS: Number(env.READ_MAX_LAG_S ?? 5),
    dbFailoverWaitMs: Number(env.DB_FAILOVER_WAIT_MS ?? 10_000),
    dataDir: env.DATA_DIR ?? './data',
    dataKey: key('DATA_KEY', env, devKey('skillvoucher-dev-data-key')),
    indexKey: key('INDEX_KEY', env, devKey('skillvoucher-dev-index-key')),
    cryptoSuite: env.CRYPTO_SUITE === 'gm' ? 'gm' : 'default',
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
    sessionAbsoluteHours: Number(env.SESSION_ABSOLUTE_HOURS ?? 12),
    sessionCacheMs: Number(env.SESSION_CACHE_MS ?? 3000),
    cookieSecure: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    esscAdapter: env.ESSC_ADAPTER ?? 'simulator',
    socialInsuranceAdapter: env.SOCIAL_INSURANCE_ADAPTER ?? 'simulator',
    demo: env.DEMO !== 'false',
    auditChains: Number(env.AUDIT_CHAINS ?? 16),
    bodyLimit: Number(env.BODY_LIMIT ?? 1_048_576),
    ...overrides,
  };
  return cfg;
}

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

// ---------------------------------------------------------------------------------------- subsidy module
/**
 * The subsidy module's settings, read once from the environment (README's configuration table). The crash
 * tests start a child process with smaller chunks and a step delay, so they are read at start-up, not per call.
 */
export interface SubsidyConfig {
  /** The camt.054 schema the result import validates against (default: the vendored XSD). */
  camt054Xsd: string | undefined;
  /** Claims per chunk transaction of a batch build. */
  buildChunk: number;
  /** Chunk transactions of one batch build side by side (PostgreSQL; PGlite has one session). */
  buildParallel: number;
  /** Result entries per chunk transaction of a result import. */
  importChunk: number;
  /** Chunk transactions of one result import side by side (PostgreSQL; PGlite has one session). */
  importParallel: number;
  /** Payments per page read while a bank file is written. */
  filePage: number;
  /** Throttle between a step's chunks (operations; the crash tests use it to stop mid-step). */
  stepDelayMs: number;
  /** Write each step's chunk to stderr (the crash tests wait for it). */
  trace: boolean;
  /** Who initiates the payments (pain.001 GrpHdr/InitgPty). */
  initiatorName: string;
  /** The public notice's length in working days (DESIGN §5: 5). */
  noticeWorkingDays: number;
  /** 技能提升补贴: a claim is made within this many months of the certificate's date. */
  skillUpgradeClaimMonths: number;
  /** 技能提升补贴: months of unemployment insurance paid at least. */
  skillUpgradeMinUiMonths: number;
  /** The bank simulator's route answers (not in production, unless DEMO=true). */
  bankSimulatorAllowed: boolean;
}

const wholeMonths = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const v = Number(env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 0 || v > 600) throw new Error(`${name} must be a whole number of months (0..600)`);
  return v;
};

export function loadSubsidyConfig(env: NodeJS.ProcessEnv = process.env): SubsidyConfig {
  return {
    camt054Xsd: env.CAMT054_XSD || undefined,
    buildChunk: Number(env.SUBSIDY_BUILD_CHUNK ?? 5_000),
    buildParallel: Math.max(1, Number(env.SUBSIDY_BUILD_PARALLEL ?? 2)),
    importChunk: Number(env.SUBSIDY_IMPORT_CHUNK ?? 5_000),
    importParallel: Math.max(1, Number(env.SUBSIDY_IMPORT_PARALLEL ?? 2)),
    filePage: Number(env.SUBSIDY_FILE_PAGE ?? 5_000),
    stepDelayMs: Number(env.SUBSIDY_STEP_DELAY_MS ?? 0),
    trace: !!env.SUBSIDY_TRACE,
    initiatorName: env.SUBSIDY_INITIATOR_NAME ?? '人力资源和社会保障局',
    noticeWorkingDays: Number(env.SUBSIDY_NOTICE_DAYS ?? 5),
    skillUpgradeClaimMonths: wholeMonths(env, 'SKILL_UPGRADE_CLAIM_MONTHS', 12),
    skillUpgradeMinUiMonths: wholeMonths(env, 'SKILL_UPGRADE_MIN_UI_MONTHS', 12),
    bankSimulatorAllowed: env.NODE_ENV !== 'production' || env.DEMO === 'true',
  };
}

/** The subsidy settings of this process. */
export const subsidyConfig: SubsidyConfig = loadSubsidyConfig();

// ── shared kernel (hygiene): http, identity, jobs, cli, platform, tests, bench ──────────────────────────
// Settings outside `Config`, each read from the environment at the moment it is asked for (as before the move).
const flag = (v: string | undefined): boolean => v === 'true';
/** TRUST_PROXY=true: behind a reverse proxy (Fastify's trustProxy). */
export const trustProxy = (env: NodeJS.ProcessEnv = process.env): boolean => flag(env.TRUST_PROXY);
/** COOKIE_SECURE=true: the session cookie is sent over HTTPS only. */
export const cookieSecure = (env: NodeJS.ProcessEnv = process.env): boolean => flag(env.COOKIE_SECURE);
/** JOBS=off disables the scheduled jobs in this process. */
export const jobsEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env.JOBS !== 'off';
/** EXPORT_MAX_ROWS: most rows an officer's Excel export writes. */
export const exportMaxRows = (env: NodeJS.ProcessEnv = process.env): number => Number(env.EXPORT_MAX_ROWS ?? 100_000);
/** The simulator of the e-SSC platform is refused in production unless ESSC_SIMULATOR_IN_PRODUCTION=true. */
export const esscSimulatorRefused = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.NODE_ENV === 'production' && env.ESSC_SIMULATOR_IN_PRODUCTION !== 'true';
/** The environment the e-SSC adapter is configured from (ESSC_PUBLIC_KEY, ESSC_ISSUER, ESSC_ALG, ESSC_AUDIENCE). */
export const esscEnv = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => env;
/** SKILLVOUCHER_PASSWORD: the CLI's password instead of the prompt. */
export const cliPassword = (env: NodeJS.ProcessEnv = process.env): string | undefined => env.SKILLVOUCHER_PASSWORD || undefined;
/** The test run's PostgreSQL server (DATABASE_URL), or undefined on PGlite. */
export const testDatabaseUrl = (env: NodeJS.ProcessEnv = process.env): string | undefined => env.DATABASE_URL || undefined;
/** The label of a test run's summary line: TEST_LABEL, else the engine. */
export const testLabel = (env: NodeJS.ProcessEnv = process.env): string => env.TEST_LABEL || (env.DATABASE_URL ? 'postgres' : 'pglite');
/** The configuration of a test or benchmark process: the environment's, silent, in the test mode. */
export const quietConfig = (extra: NodeJS.ProcessEnv = {}, overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig({ ...env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...extra }, overrides);
/** The benchmarks' settings (README, Benchmarks). */
export const benchEnv = (env: NodeJS.ProcessEnv = process.env) => ({
  /** BENCH_DATABASE_URL: the benchmark database itself (else one per benchmark on DATABASE_URL's server). */
  databaseUrl: env.BENCH_DATABASE_URL || undefined,
  serverUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  /** SV_BENCH_NAME: the running benchmark (set by bench/run.ts). */
  name: env.SV_BENCH_NAME ?? '',
  /** BENCH_PROFILE=<dir>: write a CPU profile of the measured load there. */
  profileDir: env.BENCH_PROFILE || undefined,
  durationS: Number(env.BENCH_DURATION_S ?? 10),
  connections: Number(env.BENCH_CONNECTIONS ?? 16),
  /** BENCH_STATS_ROUND: admissions in each round of the stats benchmark's hot paths (check-ins: twice as many). */
  statsRound: Number(env.BENCH_STATS_ROUND ?? 2_000),
  /** BENCH_STATS_PAIRS: pairs of rounds (facts off, facts on) the stats benchmark measures each hot path in. */
  statsPairs: Number(env.BENCH_STATS_PAIRS ?? 5),
  /** BENCH_STATS_ONLY=hot: the stats benchmark's hot paths alone (with `--dry`: nothing written to bench/results). */
  statsOnly: env.BENCH_STATS_ONLY || undefined,
});

// ——— vouchers ———

/** Milliseconds a targeted issuance sleeps inside each chunk's transaction (crash tests kill the process there; read per chunk). */
export const issuancePauseMs = (env: NodeJS.ProcessEnv = process.env): number => Number(env.SV_ISSUANCE_PAUSE_MS ?? 0);

/** The voucher QR token's keys (vouchers/qr.ts): the signing key, its kid, retired verification keys, and where a dev key is kept. */
export interface QrKeySettings {
  signingKey: string | undefined;
  signingKid: string | undefined;
  verifyKeys: string | undefined;
  production: boolean;
  /** Tests, and server deployments without a key: an ephemeral key. */
  ephemeral: boolean;
  dataDir: string;
}

export const qrKeySettings = (env: NodeJS.ProcessEnv = process.env): QrKeySettings => ({
  signingKey: env.QR_SIGNING_KEY || undefined,
  signingKid: env.QR_SIGNING_KID,
  verifyKeys: env.QR_VERIFY_KEYS || undefined,
  production: env.NODE_ENV === 'production',
  ephemeral: env.NODE_ENV === 'test' || !!env.DATABASE_URL,
  dataDir: env.DATA_DIR ?? './data',
});

/** Rehabilitation attachments (issue 18): where the files are kept (named by their SHA-256) and the size limit. */
export interface RehabFileSettings {
  dir: string;
  maxBytes: number;
}
export const rehabFileSettings = (env: NodeJS.ProcessEnv = process.env): RehabFileSettings => ({
  dir: env.REHAB_FILES_DIR || (env.NODE_ENV === 'test' ? join(tmpdir(), 'sv-rehab-files') : join(env.DATA_DIR ?? './data', 'rehab-files')),
  maxBytes: Number(env.REHAB_ATTACHMENT_MAX_BYTES ?? 10 * 1024 * 1024),
});
// ——— records (issue 19): the platform's document-signing key and the national certificate lookup ———

/**
 * The key that signs issued documents (the lifelong training record and certificate copies, records/signing.ts):
 * RECORD_SIGNING_KEY — Ed25519 (PKCS8 PEM or a JWK with `kid`) by default; under CRYPTO_SUITE=gm an SM2
 * private key as 64 hex characters. RECORD_SIGNING_KID names it (default 'record-1'); RECORD_VERIFY_KEYS is an
 * optional JSON array of retired public keys ({ kid, alg: 'Ed25519' | 'SM2', key: PEM/JWK or SM2 hex }).
 * Unset: refused in production; an ephemeral key in tests and server deployments; in development a key is
 * generated once and kept in DATA_DIR/record-signing-key.<suite>.json (a secret).
 */
export interface RecordKeySettings {
  signingKey: string | undefined;
  signingKid: string | undefined;
  verifyKeys: string | undefined;
  suite: 'default' | 'gm';
  production: boolean;
  ephemeral: boolean;
  dataDir: string;
  /** The public address printed in a document's QR code (PUBLIC_BASE_URL); unset: the request's own origin. */
  publicBaseUrl: string | undefined;
}

export const recordKeySettings = (env: NodeJS.ProcessEnv = process.env): RecordKeySettings => ({
  signingKey: env.RECORD_SIGNING_KEY || undefined,
  signingKid: env.RECORD_SIGNING_KID || undefined,
  verifyKeys: env.RECORD_VERIFY_KEYS || undefined,
  suite: env.CRYPTO_SUITE === 'gm' ? 'gm' : 'default',
  production: env.NODE_ENV === 'production',
  ephemeral: env.NODE_ENV === 'test' || !!env.DATABASE_URL,
  dataDir: env.DATA_DIR ?? './data',
  publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
});

/** The national certificate lookup's adapter (NATIONAL_CERT_LOOKUP): `simulator` (全国联网查询模拟器) is the only one built in. */
export const nationalCertLookup = (env: NodeJS.ProcessEnv = process.env): string => env.NATIONAL_CERT_LOOKUP ?? 'simulator';

/**
 * The SMS gateway of the messages module: the built-in simulator unless SMS_GATEWAY_URL is set, then the HTTP
 * adapter signing each request with SMS_GATEWAY_SECRET (HMAC-SHA256) and naming itself by SMS_GATEWAY_KEY.
 */
export function smsGatewaySettings(env: NodeJS.ProcessEnv = process.env): { kind: 'simulator' } | { kind: 'http'; url: string; key: string; secret: string } {
  const url = env.SMS_GATEWAY_URL;
  if (!url) return { kind: 'simulator' };
  const key = env.SMS_GATEWAY_KEY;
  const secret = env.SMS_GATEWAY_SECRET;
  if (!key || !secret) throw new Error('SMS_GATEWAY_URL is set: SMS_GATEWAY_KEY and SMS_GATEWAY_SECRET must be set too');
  return { kind: 'http', url, key, secret };
}

export interface MessageQueueSettings {
  /** pg-boss re-runs a delivery job that threw (a bug, a database error) this many times, then dead-letters it. */
  retryLimit: number;
  /** Seconds before the first such re-run; doubled each time (with jitter) when `retryBackoff`. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** A delivery job still active after this many seconds (its process was killed) is re-run by pg-boss's maintenance. */
  expireSeconds: number;
}

const intSetting = (v: string | undefined, fallback: number, min: number): number => {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`expected an integer ≥ ${min}, got ${v}`);
  return n;
};

/**
 * The messages delivery queue (pg-boss): MESSAGES_RETRY_LIMIT (default 3), MESSAGES_RETRY_DELAY_SECONDS (30),
 * MESSAGES_RETRY_BACKOFF (on; `off` for a fixed delay), MESSAGES_JOB_EXPIRE_SECONDS (300). These are the queue's
 * rules for unexpected errors and killed workers; a gateway's failure keeps the messages' own back-off and quiet hours.
 */
export function messageQueueSettings(env: NodeJS.ProcessEnv = process.env): MessageQueueSettings {
  return {
    retryLimit: intSetting(env.MESSAGES_RETRY_LIMIT, 3, 0),
    retryDelaySeconds: intSetting(env.MESSAGES_RETRY_DELAY_SECONDS, 30, 0),
    retryBackoff: env.MESSAGES_RETRY_BACKOFF !== 'off',
    expireSeconds: intSetting(env.MESSAGES_JOB_EXPIRE_SECONDS, 300, 1),
  };
}
