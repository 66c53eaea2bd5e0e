/** Configuration from the environment; the README's configuration table lists every variable. */
import { randomBytes } from 'node:crypto';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
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
    demo: env.DEMO !== 'false',
    auditChains: Number(env.AUDIT_CHAINS ?? 16),
    bodyLimit: Number(env.BODY_LIMIT ?? 1_048_576),
    ...overrides,
  };
  return cfg;
}

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
