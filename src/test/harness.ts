/**
 * Test harness: a fresh database per test file (cloned from the run's migrated template), the real app
 * on it, and sign-ins for every role. No mocks of our own components.
 */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { quietConfig, testDatabaseUrl, type Config } from '../config.js';
import { openDb, type Db, type Queryable } from '../db/index.js';
import { configureProcess } from '../platform.js';
import { buildApp } from '../http/app.js';
import type { Role } from '../modules/identity/actor.js';
import { seedFixtures, type Fixtures } from './factories/index.js';

export const engine = (): 'pglite' | 'postgres' => (testDatabaseUrl() ? 'postgres' : 'pglite');

/** `q` seen through a counter of the statements sent through it (for tests of coalesced reads). */
export function countingQueries(q: Queryable): Queryable & { readonly queries: number } {
  let n = 0;
  return {
    query: (sql, params) => (n++, q.query(sql, params)),
    exec: (sql) => (n++, q.exec(sql)),
    get queries() {
      return n;
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return quietConfig({}, { databaseUrl: testDatabaseUrl(), ...overrides });
}

let counter = 0;

/** A fresh, migrated database for this test file. */
export async function createTestDb(poolSize = 10): Promise<Db> {
  const url = testDatabaseUrl();
  if (!url) {
    const dump = readFileSync(inject('templateDump'));
    return openDb({ dataDir: 'memory://', loadDataDir: new Blob([dump]) });
  }
  const name = `sv_test_${process.pid}_${++counter}_${inject('runId')}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDb')}"`);
  await c.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: u.toString(), poolSize });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    const c2 = new pg.Client({ connectionString: admin.toString() });
    await c2.connect();
    await c2.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await c2.end();
  };
  return db;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  fx: Fixtures;
  /** A bearer token for a fixture account of that role (second factor passed where the role needs it). */
  token(role: Role | string): Promise<string>;
  /** Request helper: JSON in, response out. */
  call(
    method: string,
    url: string,
    opts?: { as?: Role | string | null; body?: unknown; headers?: Record<string, string>; payload?: string | Buffer },
  ): Promise<LightMyRequestResponse>;
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  await configureProcess(config);
  const db = await createTestDb();
  const fx = await seedFixtures(db);
  const app = await buildApp(db, config);
  await app.ready();
  const tokens = new Map<string, string>();
  const token = async (who: Role | string): Promise<string> => {
    const cached = tokens.get(who);
    if (cached) return cached;
    const t = await fx.tokenFor(db, who);
    tokens.set(who, t);
    return t;
  };
  const call: TestApp['call'] = async (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.as) headers.authorization = `Bearer ${await token(opts.as)}`;
    const payload = opts.payload ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined);
    if (opts.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    return app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
  };
  const count = async (table: string, where = 'true') => (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0]!.n;
  return {
    app,
    db,
    config,
    fx,
    token,
    call,
    count,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
