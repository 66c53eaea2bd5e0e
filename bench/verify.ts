/**
 * Voucher verification (读取验证) under load on PostgreSQL: autocannon, 50 connections, against the real
 * app (POST /api/v1/classes/:id/verify with a fresh QR token per voucher, provider bearer session) —
 * beside a bare endpoint served by the same server in the same run (one indexed SELECT per request).
 * Reports req/s, p99 and the ratio ours / bare (goals: ≥ 0.8 × the bare SELECT, p99 ≤ 50 ms).
 * `trainingWorld` and `loadPair` are shared with bench/admit.ts.
 */
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { benchEnv, quietConfig } from '../src/config.js';
import type { Db } from '../src/db/index.js';
import { buildApp } from '../src/http/app.js';
import { SYSTEM } from '../src/modules/audit/index.js';
import * as identity from '../src/modules/identity/index.js';
import { createSession } from '../src/modules/identity/index.js';
import * as orgs from '../src/modules/orgs/index.js';
import { syntheticUscc } from '../src/modules/orgs/index.js';
import * as persons from '../src/modules/persons/index.js';
import { nthIdNumber } from '../src/modules/persons/index.js';
import * as catalog from '../src/modules/catalog/index.js';
import * as training from '../src/modules/training/index.js';
import { addDays, businessDate } from '../src/modules/training/index.js';
import * as vouchers from '../src/modules/vouchers/index.js';
import { signQrToken } from '../src/modules/vouchers/index.js';
import { cpuMeter, type CpuPerRequest, cpuResult, freshPostgres, profiled, result, round, type BenchContext, type BenchResult } from './lib.js';

export const defaultN = 2_000;
export const description = 'verify (QR token) vs a bare indexed SELECT, autocannon 50 connections (PostgreSQL)';

export const CONNECTIONS = 50;
export const DURATION_S = benchEnv().durationS;
const OCC = '4-10-01-05';

export interface World {
  db: Db;
  app: FastifyInstance;
  base: string;
  providerToken: string;
  classIds: string[];
  vouchers: Array<{ id: string; number: string; personId: string; idNumber: string }>;
}

/** n holders (registered unemployed, Pudong) with one 90-day voucher each, in transactions of 500. */
async function seedHolders(db: Db, n: number, programmeId: string, log: (s: string) => void): Promise<World['vouchers']> {
  log(`seeding ${n} holders with one voucher each`);
  const out: World['vouchers'] = [];
  const today = businessDate(new Date());
  for (let from = 0; from < n; from += 500) {
    await db.tx(async (tx) => {
      for (let i = from; i < Math.min(n, from + 500); i++) {
        const idNumber = nthIdNumber(1_000_000 + i);
        const { person } = await persons.ensurePerson(tx, SYSTEM, {
          idNumber,
          name: `基准${i}`,
          districtCode: '310115',
          categories: ['registered_unemployed'],
        });
        const v = await vouchers.insertVoucher(tx, {
          personId: person.id,
          kind: 'subsidy',
          programmeId,
          occupationCode: OCC,
          level: 4,
          mode: 'on_demand',
          issuanceId: null,
          districtCode: '310115',
          ratioPct: 100,
          standardFen: 200_000,
          upliftPct: 0,
          category: 'registered_unemployed',
          categoryValidUntil: null,
          validFrom: today,
          validUntil: addDays(today, 90),
        });
        if (!v) throw new Error('voucher not inserted');
        out.push({ id: v.id, number: v.number, personId: person.id, idNumber });
      }
    });
  }
  return out;
}

/**
 * A provider with an approval, a course, `classes` classes of `capacity` seats (default 10,000), and n holders
 * with one voucher each.
 */
export async function trainingWorld(n: number, classes: number, log: (s: string) => void, capacity = 10_000): Promise<World> {
  const { db } = await freshPostgres(60);
  const programme = await catalog.getProgrammeByCode(db, 'SH-SKILL-UPGRADE');
  if (!programme) throw new Error('no SH-SKILL-UPGRADE programme');
  const { org, account, admin } = await db.tx(async (tx) => {
    const o = await orgs.createOrg(SYSTEM, tx, {
      kind: 'provider',
      name: '基准培训学校',
      uscc: syntheticUscc('310115', 4242),
      districtCode: '310115',
      providerKind: 'social_training_body',
    });
    const a = await orgs.createOrgAccount(SYSTEM, tx, o.id, { username: 'bench.provider', displayName: 'bench' });
    const ad = await identity.createAccount(tx, SYSTEM, { username: 'bench.city', displayName: 'bench', role: 'city_admin' });
    return { org: o, account: a, admin: ad };
  });
  const actorOf = identity.actorOfAccount;
  const staff = actorOf(account);
  const start = addDays(businessDate(new Date()), 30);
  const classIds = await db.tx(async (tx) => {
    await training.grantApproval(actorOf(admin), tx, org.id, { programmeId: programme.id, occupationCode: OCC });
    const venue = await training.createVenue(staff, tx, {
      name: '基准教学点',
      address: '浦东新区',
      districtCode: '310115',
      coordSystem: 'gcj02',
      lat: 31.22,
      lng: 121.54,
    });
    const course = await training.createCourse(staff, tx, {
      programmeId: programme.id,
      occupationCode: OCC,
      level: 4,
      name: '养老护理员',
      hours: 90,
      feeFen: 250_000,
    });
    const ids: string[] = [];
    for (let i = 0; i < classes; i++) {
      const c = await training.createClass(staff, tx, {
        courseId: course.id,
        venueId: venue.id,
        online: false,
        capacity,
        startDate: start,
        endDate: start,
        sessions: [{ startsAt: `${start}T09:00:00+08:00`, endsAt: `${start}T12:00:00+08:00` }],
      });
      ids.push(c.id);
    }
    return ids;
  });
  const out = await seedHolders(db, n, programme.id, log);
  await db.query('ANALYZE');
  const providerToken = (await createSession(db, account.id, 'bearer', true)).token;
  const app = await buildApp(db, quietConfig());
  await db.exec('CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
  // The bare baselines, served by the same server: one indexed SELECT, one INSERT.
  app.get('/bench/bare-select/:number', async (req) => {
    const { number } = req.params as { number: string };
    const r = await db.query<{ id: string; status: string }>('SELECT id, status FROM vouchers WHERE number = $1', [number]);
    return r.rows[0] ?? {};
  });
  app.post('/bench/bare-insert', async (req) => {
    const body = req.body as { payload?: string };
    const r = await db.query<{ id: number }>('INSERT INTO bench_bare (payload) VALUES ($1) RETURNING id', [String(body.payload ?? '')]);
    return { id: r.rows[0]!.id };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { db, app, base, providerToken, classIds, vouchers: out };
}

export interface LoadResult {
  reqPerS: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
  /** µs of CPU per request: this process (server + load generator) and PostgreSQL */
  cpu: CpuPerRequest;
}

/** One autocannon run; `body(i)` gives the i-th request body (null: GET without body). */
export async function load(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  next: () => { path: string; body: string | null },
  duration = DURATION_S,
): Promise<LoadResult> {
  const meter = cpuMeter();
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    method,
    headers,
    requests: [
      {
        setupRequest: (req) => {
          const n = next();
          return { ...req, path: n.path, ...(n.body !== null ? { body: n.body } : {}) };
        },
      },
    ],
  });
  return {
    reqPerS: round(r.requests.average, 1),
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
    cpu: meter.stop(r.requests.total),
  };
}

export async function run({ n, log }: BenchContext): Promise<BenchResult[]> {
  const w = await trainingWorld(n, 1, log);
  try {
    const classId = w.classIds[0]!;
    // Fresh tokens (60 s) for every holder, signed now; the run is shorter than their lifetime.
    const mint = async () => Promise.all(w.vouchers.map(async (v) => (await signQrToken(v.id, v.personId)).token));
    let k = 0;
    const bareNext = () => ({ path: `/bench/bare-select/${w.vouchers[k++ % w.vouchers.length]!.number}`, body: null });
    log('warm-up');
    let tokens = await mint();
    const ourNext = () => ({ path: `/api/v1/classes/${classId}/verify`, body: JSON.stringify({ token: tokens[k++ % tokens.length] }) });
    const json = { 'content-type': 'application/json' };
    await load(w.base, 'GET', {}, bareNext, 2);
    await load(w.base, 'POST', { ...json, authorization: `Bearer ${w.providerToken}` }, ourNext, 2);
    log(`bare SELECT: ${DURATION_S} s`);
    const bare = await load(w.base, 'GET', {}, bareNext);
    log(`  ${bare.reqPerS} req/s, p99 ${bare.p99} ms, non-2xx ${bare.non2xx}, CPU/request ${JSON.stringify(bare.cpu)} µs`);
    tokens = await mint();
    log(`verify: ${DURATION_S} s`);
    const ours = await profiled('verify', () => load(w.base, 'POST', { ...json, authorization: `Bearer ${w.providerToken}` }, ourNext));
    log(`  ${ours.reqPerS} req/s, p99 ${ours.p99} ms, non-2xx ${ours.non2xx}, CPU/request ${JSON.stringify(ours.cpu)} µs`);
    if (ours.non2xx > 0 || ours.errors > 0) throw new Error(`verify answered ${ours.non2xx} non-2xx and ${ours.errors} errors`);
    return [
      result({
        name: 'verify.req_per_s',
        value: ours.reqPerS,
        unit: 'req/s',
        baseline: bare.reqPerS,
        ratio: round(ours.reqPerS / bare.reqPerS),
        engine: 'postgres',
        n,
      }),
      cpuResult('verify', ours.cpu, bare.cpu, n),
      result({ name: 'verify.p99_ms', value: ours.p99, unit: 'ms', baseline: bare.p99, ratio: round(bare.p99 / Math.max(ours.p99, 1)), engine: 'postgres', n }),
    ];
  } finally {
    await w.app.close();
    await w.db.close();
  }
}
