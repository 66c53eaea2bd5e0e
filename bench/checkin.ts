/**
 * Check-in burst (打卡签到) on PostgreSQL: N check-ins by N distinct trainees across N/50 sessions (2,000 at
 * the default N = 100,000; 10 sessions per class), through the real route (auth, enrolment, window, geofence,
 * flag look-up, idempotent insert, audit) — beside a bare INSERT endpoint served by the same server in the
 * same run, with the same body and the same load. Reports req/s, p99 and their ratios (goals: ≥ 0.7 × bare,
 * p99 ≤ 50 ms) and that no check-in is lost (rows afterwards = 200 responses).
 *
 * A third endpoint, measured between them, is the floor of any check-in: the same bare INSERT behind the
 * route's sign-in (a trainee's bearer session) and its body schema — no rule, no transaction, no audit. Its
 * ratio to the bare INSERT (`checkin.floor.req_per_s`) is what a check-in could reach if everything it does
 * beyond signing in and validating were free.
 *
 * Set-up: classes, sessions and venue through the training service (reported on time, opened by the class
 * job); trainees (persons, vouchers, admissions, worker accounts and bearer sessions) are bulk-inserted as
 * benchmark data — the measured path is only the check-in itself.
 */
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { benchEnv, quietConfig } from '../src/config.js';
import type { Db } from '../src/db/index.js';
import { defineRoute, IdParams } from '../src/http/route.js';
import { CheckInBody } from '../src/modules/attendance/index.js';
import { buildApp } from '../src/http/app.js';
import { SYSTEM } from '../src/modules/audit/index.js';
import * as identity from '../src/modules/identity/index.js';
import { makeWorld, northOf, openClass, VENUE_GCJ } from '../src/test/factories/index.js';
import { cpuMeter, type CpuPerRequest, cpuResult, freshPostgres, profiled, result, round, seedPersons, type BenchContext, type BenchResult } from './lib.js';

export const defaultN = 100_000;
export const description = 'check-in burst (distinct trainees, 50 per session) vs a bare INSERT endpoint, PostgreSQL';

const PER_SESSION = 50;
const SESSIONS_PER_CLASS = 10;
/** Concurrent clients of the burst (both endpoints): `BENCH_CONNECTIONS`, default 16. */
const CONNECTIONS = benchEnv().connections;

export interface Load {
  reqPerS: number;
  /**
   * requests answered, and the seconds from the first sent to the last answered (a short round's own rate: total /
   * seconds; autocannon's own start–finish ends on its next 1-second tick, so it is whole seconds too many or few)
   */
  total: number;
  seconds: number;
  p99: number;
  ok: number;
  other: Record<string, number>;
  /** µs of CPU per request: this process (server + load generator) and PostgreSQL */
  cpu: CpuPerRequest;
}

/** The first body of each non-200 status, for the log. */
export const firstError: Record<string, string> = {};

/** n POSTs, `connections` at a time; `ok` counts the 2xx answers. */
export function fire(
  url: string,
  n: number,
  next: (i: number) => { path: string; headers: Record<string, string>; body: string },
  connections = CONNECTIONS,
): Promise<Load> {
  let i = 0;
  let ok = 0;
  let first = 0n;
  let last = 0n;
  const other: Record<string, number> = {};
  const meter = cpuMeter();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        amount: n,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              if (first === 0n) first = process.hrtime.bigint();
              const r = next(i++);
              return { ...req, method: 'POST', path: r.path, headers: { ...r.headers, 'content-type': 'application/json' }, body: r.body };
            },
            onResponse: (status: number, body: string) => {
              last = process.hrtime.bigint();
              if (status >= 200 && status < 300) ok++;
              else {
                if (!other[status]) firstError[status] = body.slice(0, 300);
                other[status] = (other[status] ?? 0) + 1;
              }
            },
          },
        ],
      },
      (err, res) => {
        if (err) reject(err);
        else
          resolve({
            reqPerS: res.requests.average,
            total: res.requests.total,
            seconds: Number(last - first) / 1e9,
            p99: res.latency.p99,
            ok,
            other,
            cpu: meter.stop(res.requests.total),
          });
      },
    );
  });
}

/** One request of the load: path, headers and body. */
export type Request = { path: string; headers: Record<string, string>; body: string };

/**
 * The check-in world on a fresh benchmark database: classes opened through the training service, n trainees
 * (bulk-inserted), the app listening with the two bare endpoints beside the real route. Trainee i's requests
 * (the bare INSERT, the floor, the check-in) come in order of arrival: sessions interleaved, as a real burst.
 */
export interface CheckInWorld {
  db: Db;
  app: FastifyInstance;
  base: string;
  /** How many trainees (each checks in once, to the session their admission names). */
  size: number;
  /** When the sessions start (the window: −60 / +15 min). */
  t0: number;
  bare(i: number): Request;
  floor(i: number): Request;
  checkIn(i: number): Request;
  close(): Promise<void>;
}

export async function checkInWorld(n: number, log: (line: string) => void): Promise<CheckInWorld> {
  const sessionsWanted = Math.max(1, Math.min(2000, Math.ceil(n / PER_SESSION)));
  const classes = Math.ceil(sessionsWanted / SESSIONS_PER_CLASS);
  const { db, url: dbUrl } = await freshPostgres(CONNECTIONS);
  try {
    const admin = await db.tx((tx) =>
      identity.createAccount(tx, SYSTEM, { username: 'bench.city', displayName: 'bench', role: 'city_admin', password: 'Bench-pass-2026-x' }),
    );
    const world = await makeWorld(db, admin.id);
    // Sessions start 40 min from now: the window (−60 / +15 min) is open now and for the next 55 minutes.
    const t0 = Date.now() + 40 * 60_000;
    log(`opening ${classes} classes × ${SESSIONS_PER_CLASS} sessions`);
    const sessionIds: string[] = [];
    const classOf: string[] = [];
    for (let c = 0; c < classes; c++) {
      const plan = Array.from({ length: SESSIONS_PER_CLASS }, (_, k) => ({
        startsAt: new Date(t0 + k * 1000),
        endsAt: new Date(t0 + 2 * 3_600_000 + k * 1000),
      }));
      const { cls, sessions } = await openClass(db, world, plan, []);
      for (const s of sessions) {
        sessionIds.push(s.id);
        classOf.push(cls.id);
      }
    }
    sessionIds.length = Math.min(sessionIds.length, sessionsWanted);
    classOf.length = sessionIds.length;
    const load = await seedTrainees(db, n, world.programme.id, world.provider.org.id, sessionIds, classOf, log);
    const body = (i: number, k: number) => {
      const p = northOf(VENUE_GCJ, 5 + k * 7);
      return JSON.stringify({ lat: p.lat, lng: p.lng + (i % 7) * 1e-5, accuracyM: 15, coordSystem: 'gcj02', deviceId: `bench-${i}` });
    };
    const app = await benchApp(db, dbUrl);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const at = (i: number) => load[i % load.length]!;
    const signedIn = (i: number) => ({ authorization: `Bearer bt-${at(i).personId}` });
    return {
      db,
      app,
      base,
      size: load.length,
      t0,
      bare: (i) => ({ path: `/bench/bare-insert/${at(i).sessionId}`, headers: { 'x-person': at(i).personId }, body: body(i, at(i).k) }),
      floor: (i) => ({ path: `/bench/signed-in-insert/${at(i).sessionId}`, headers: signedIn(i), body: body(i, at(i).k) }),
      checkIn: (i) => ({ path: `/api/v1/sessions/${at(i).sessionId}/check-in`, headers: signedIn(i), body: body(i, at(i).k) }),
      close: async () => {
        await app.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}

/** n trainees (persons, vouchers, admissions, worker accounts, bearer sessions); their check-ins in order of arrival. */
async function seedTrainees(
  db: Db,
  n: number,
  programmeId: string,
  providerId: string,
  sessionIds: string[],
  classOf: string[],
  log: (line: string) => void,
): Promise<Array<{ personId: string; sessionId: string; k: number }>> {
  log(`seeding ${n} trainees (persons, vouchers, admissions, worker accounts, bearer sessions)`);
  await seedPersons(db, n);
  await db.query(
    `WITH src AS (SELECT sv_uuid7() AS vid, id AS person_id, row_number() OVER (ORDER BY id) AS k FROM persons WHERE name LIKE 'bench%'),
          s AS (INSERT INTO voucher_states (voucher_id, person_id, programme_id, kind, valid_until, status)
                SELECT vid, person_id, $1, 'subsidy', current_date + 300, 'in_training' FROM src)
     INSERT INTO voucher_records (id, number, person_id, kind, programme_id, occupation_code, level, mode, district_code, ratio_pct, standard_fen, valid_from, valid_until)
     SELECT vid, 'BENCH' || lpad(k::text, 10, '0'), person_id, 'subsidy', $1, '4-10-01-05', 4, 'on_demand', '310115', 100, 200000, current_date - 30, current_date + 300
       FROM src`,
    [programmeId],
  );
  await db.query(
    `WITH v AS (SELECT id, person_id, (row_number() OVER (ORDER BY person_id) - 1) AS i FROM vouchers WHERE number LIKE 'BENCH%'),
          s AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS s(session_id, class_id, k))
     INSERT INTO admissions (class_id, voucher_id, person_id, provider_id, via, status, admitted_at)
     SELECT s.class_id, v.id, v.person_id, $3, 'number', 'admitted', now() - interval '10 days'
       FROM v JOIN s ON s.k - 1 = v.i % $4`,
    [sessionIds, classOf, providerId, sessionIds.length],
  );
  await db.query(
    `INSERT INTO accounts (username, display_name, role, person_id) SELECT 'bw.' || person_id, 'bench', 'worker', person_id FROM admissions WHERE via = 'number' AND voucher_id IN (SELECT id FROM vouchers WHERE number LIKE 'BENCH%')`,
  );
  await db.query(
    `INSERT INTO sessions (account_id, token_hash, kind, mfa_passed, expires_at)
     SELECT id, encode(sha256(convert_to('bt-' || person_id::text, 'UTF8')), 'hex'), 'bearer', true, now() + interval '1 day' FROM accounts WHERE username LIKE 'bw.%'`,
  );
  // The bench sessions are seeded minutes before the load: keep them clear of the 30-minute idle expiry (and so of
  // its last-seen write, the same for every signed-in burst).
  await db.query(`UPDATE sessions SET last_seen_at = now() + interval '1 hour' WHERE account_id IN (SELECT id FROM accounts WHERE username LIKE 'bw.%')`);
  await db.query('ANALYZE');
  // The load: trainee i checks in to the session their admission names, from a spot of their own.
  const sessionIndex = new Map(sessionIds.map((s, i) => [s, i]));
  const { rows: map } = await db.query<{ person_id: string; i: number }>(
    `SELECT person_id, (row_number() OVER (ORDER BY person_id) - 1)::int AS i FROM vouchers WHERE number LIKE 'BENCH%' ORDER BY number`,
  );
  const load = map.map((t) => ({ personId: t.person_id, sessionId: sessionIds[t.i % sessionIds.length]!, k: Math.floor(t.i / sessionIds.length) }));
  // Interleave sessions, as a real burst would (everyone arriving at once across the city).
  load.sort((a, b) => a.k - b.k || sessionIndex.get(a.sessionId)! - sessionIndex.get(b.sessionId)!);
  return load;
}

const BARE_INSERT = 'INSERT INTO bench_bare (session_id, person_id, at, lat, lng, accuracy_m, device_id) VALUES ($1, $2, now(), $3, $4, $5, $6)';

/** The app, with the bare INSERT endpoint and the floor (the same INSERT behind the route's sign-in and body schema). */
async function benchApp(db: Db, dbUrl: string): Promise<FastifyInstance> {
  await db.query(
    'CREATE TABLE bench_bare (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), session_id uuid, person_id uuid, at timestamptz, lat float8, lng float8, accuracy_m float8, device_id text)',
  );
  const app = await buildApp(db, quietConfig({ JOBS: 'off' }, { databaseUrl: dbUrl }));
  app.post('/bench/bare-insert/:sessionId', async (req) => {
    const b = req.body as { lat: number; lng: number; accuracyM: number; deviceId: string };
    const { sessionId } = req.params as { sessionId: string };
    await db.query(BARE_INSERT, [sessionId, req.headers['x-person'], b.lat, b.lng, b.accuracyM, b.deviceId]);
    return { ok: true };
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/bench/signed-in-insert/:id',
    operationId: 'benchSignedInInsert',
    summary: 'benchmark floor: the bare INSERT behind sign-in and the check-in body schema',
    tags: ['bench'],
    access: ['worker'],
    params: IdParams,
    body: CheckInBody,
    response: z.object({ ok: z.boolean() }),
    handler: async ({ actor, params, body: b }) => {
      await db.query(BARE_INSERT, [params.id, actor.personId, b.lat, b.lng, b.accuracyM, b.deviceId]);
      return { ok: true };
    },
  });
  return app;
}

export async function run({ n, log }: BenchContext): Promise<BenchResult[]> {
  const w = await checkInWorld(n, log);
  const { db, base } = w;
  const N = w.size;
  try {
    log(`bare INSERT endpoint: ${N} requests, ${CONNECTIONS} connections`);
    const bare = await fire(base, N, w.bare);
    log(`  ${round(bare.reqPerS, 1)} req/s, p99 ${bare.p99} ms, ${bare.ok} ok ${JSON.stringify(bare.other)}, CPU/request ${JSON.stringify(bare.cpu)} µs`);
    log(`floor (the bare INSERT, signed in and validated): ${N} requests, ${CONNECTIONS} connections`);
    const floor = await fire(base, N, w.floor);
    log(`  ${round(floor.reqPerS, 1)} req/s, p99 ${floor.p99} ms, ${floor.ok} ok ${JSON.stringify(floor.other)}, CPU/request ${JSON.stringify(floor.cpu)} µs`);
    if (floor.ok !== N) throw new Error(`the floor endpoint answered ${JSON.stringify(floor.other)}: ${JSON.stringify(firstError)}`);
    if (Date.now() > w.t0 + 10 * 60_000) throw new Error('the set-up took too long: the check-in window is closing');
    log(`check-in burst: ${N} requests, ${CONNECTIONS} connections`);
    const ck = await profiled('checkin', () => fire(base, N, w.checkIn));
    log(`  ${round(ck.reqPerS, 1)} req/s, p99 ${ck.p99} ms, ${ck.ok} ok ${JSON.stringify(ck.other)}, CPU/request ${JSON.stringify(ck.cpu)} µs`);
    const rows = (await db.query<{ n: number }>('SELECT count(*) AS n FROM check_ins')).rows[0]!.n;
    const flagged = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM check_ins WHERE status = 'flagged'`)).rows[0]!.n;
    const audits = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'checkin.create'`)).rows[0]!.n;
    if (Object.keys(firstError).length) log(`first error bodies: ${JSON.stringify(firstError)}`);
    log(`rows afterwards ${rows} (flagged ${flagged}), 200 responses ${ck.ok}, audit entries ${audits}`);
    const rate = (name: string, ours: Load, base: Load) =>
      result({
        name,
        value: round(ours.reqPerS, 1),
        unit: 'req/s',
        baseline: round(base.reqPerS, 1),
        ratio: round(ours.reqPerS / base.reqPerS),
        engine: 'postgres',
        n: N,
      });
    return [
      rate('checkin.req_per_s', ck, bare),
      cpuResult('checkin', ck.cpu, bare.cpu, N),
      rate('checkin.floor.req_per_s', floor, bare),
      cpuResult('checkin.floor', floor.cpu, bare.cpu, N),
      rate('checkin.req_per_s_vs_floor', ck, floor),
      result({ name: 'checkin.p99', value: ck.p99, unit: 'ms', baseline: bare.p99, ratio: round(ck.p99 / Math.max(1, bare.p99)), engine: 'postgres', n: N }),
      result({ name: 'checkin.p99_vs_goal_50ms', value: ck.p99, unit: 'ms', baseline: 50, ratio: round(ck.p99 / 50), engine: 'postgres', n: N }),
      result({
        name: 'checkin.rows_vs_accepted',
        value: rows,
        unit: 'rows',
        baseline: ck.ok,
        ratio: ck.ok ? round(rows / ck.ok) : null,
        engine: 'postgres',
        n: N,
      }),
      result({
        name: 'checkin.non_200',
        value: Object.values(ck.other).reduce((a, b) => a + b, 0),
        unit: 'responses',
        baseline: null,
        ratio: null,
        engine: 'postgres',
        n: N,
      }),
      result({ name: 'checkin.flagged', value: flagged, unit: 'rows', baseline: null, ratio: null, engine: 'postgres', n: N }),
    ];
  } finally {
    await w.close();
  }
}
