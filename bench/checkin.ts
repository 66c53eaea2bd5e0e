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
import { z } from 'zod';
import { benchEnv, quietConfig } from '../src/config.js';
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

interface Load {
  reqPerS: number;
  p99: number;
  ok: number;
  other: Record<string, number>;
  /** µs of CPU per request: this process (server + load generator) and PostgreSQL */
  cpu: CpuPerRequest;
}

/** The first body of each non-200 status, for the log. */
export const firstError: Record<string, string> = {};

function fire(url: string, n: number, next: (i: number) => { path: string; headers: Record<string, string>; body: string }): Promise<Load> {
  let i = 0;
  let ok = 0;
  const other: Record<string, number> = {};
  const meter = cpuMeter();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        amount: n,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const r = next(i++);
              return { ...req, method: 'POST', path: r.path, headers: { ...r.headers, 'content-type': 'application/json' }, body: r.body };
            },
            onResponse: (status: number, body: string) => {
              if (status === 200) ok++;
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
        else resolve({ reqPerS: res.requests.average, p99: res.latency.p99, ok, other, cpu: meter.stop(res.requests.total) });
      },
    );
  });
}

export async function run({ n, log }: BenchContext): Promise<BenchResult[]> {
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
    log(`seeding ${n} trainees (persons, vouchers, admissions, worker accounts, bearer sessions)`);
    await seedPersons(db, n);
    await db.query(
      `WITH src AS (SELECT sv_uuid7() AS vid, id AS person_id, row_number() OVER (ORDER BY id) AS k FROM persons WHERE name LIKE 'bench%'),
            s AS (INSERT INTO voucher_states (voucher_id, person_id, programme_id, kind, valid_until, status)
                  SELECT vid, person_id, $1, 'subsidy', current_date + 300, 'in_training' FROM src)
       INSERT INTO voucher_records (id, number, person_id, kind, programme_id, occupation_code, level, mode, district_code, ratio_pct, standard_fen, valid_from, valid_until)
       SELECT vid, 'BENCH' || lpad(k::text, 10, '0'), person_id, 'subsidy', $1, '4-10-01-05', 4, 'on_demand', '310115', 100, 200000, current_date - 30, current_date + 300
         FROM src`,
      [world.programme.id],
    );
    await db.query(
      `WITH v AS (SELECT id, person_id, (row_number() OVER (ORDER BY person_id) - 1) AS i FROM vouchers WHERE number LIKE 'BENCH%'),
            s AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS s(session_id, class_id, k))
       INSERT INTO admissions (class_id, voucher_id, person_id, provider_id, via, status, admitted_at)
       SELECT s.class_id, v.id, v.person_id, $3, 'number', 'admitted', now() - interval '10 days'
         FROM v JOIN s ON s.k - 1 = v.i % $4`,
      [sessionIds, classOf, world.provider.org.id, sessionIds.length],
    );
    await db.query(
      `INSERT INTO accounts (username, display_name, role, person_id) SELECT 'bw.' || person_id, 'bench', 'worker', person_id FROM admissions WHERE via = 'number' AND voucher_id IN (SELECT id FROM vouchers WHERE number LIKE 'BENCH%')`,
    );
    await db.query(
      `INSERT INTO sessions (account_id, token_hash, kind, mfa_passed, expires_at)
       SELECT id, encode(sha256(convert_to('bt-' || person_id::text, 'UTF8')), 'hex'), 'bearer', true, now() + interval '1 day' FROM accounts WHERE username LIKE 'bw.%'`,
    );
    await db.query('ANALYZE');
    // The load: trainee i checks in to the session their admission names, from a spot of their own.
    const sessionIndex = new Map(sessionIds.map((s, i) => [s, i]));
    const { rows: trainees } = await db.query<{ person_id: string; class_id: string; voucher_id: string }>(
      `SELECT a.person_id, a.class_id, a.voucher_id FROM admissions a JOIN vouchers v ON v.id = a.voucher_id WHERE v.number LIKE 'BENCH%' ORDER BY v.number`,
    );
    const { rows: map } = await db.query<{ person_id: string; i: number }>(
      `SELECT person_id, (row_number() OVER (ORDER BY person_id) - 1)::int AS i FROM vouchers WHERE number LIKE 'BENCH%'`,
    );
    const idx = new Map(map.map((r) => [r.person_id, r.i]));
    const load = trainees.map((t) => {
      const i = idx.get(t.person_id)!;
      const sessionId = sessionIds[i % sessionIds.length]!;
      return { personId: t.person_id, sessionId, k: Math.floor(i / sessionIds.length) };
    });
    // Interleave sessions, as a real burst would (everyone arriving at once across the city).
    load.sort((a, b) => a.k - b.k || sessionIndex.get(a.sessionId)! - sessionIndex.get(b.sessionId)!);
    const body = (i: number, k: number) => {
      const p = northOf(VENUE_GCJ, 5 + k * 7);
      return JSON.stringify({ lat: p.lat, lng: p.lng + (i % 7) * 1e-5, accuracyM: 15, coordSystem: 'gcj02', deviceId: `bench-${i}` });
    };

    await db.query(
      'CREATE TABLE bench_bare (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), session_id uuid, person_id uuid, at timestamptz, lat float8, lng float8, accuracy_m float8, device_id text)',
    );
    const BARE_INSERT = 'INSERT INTO bench_bare (session_id, person_id, at, lat, lng, accuracy_m, device_id) VALUES ($1, $2, now(), $3, $4, $5, $6)';
    const config = quietConfig({ JOBS: 'off' }, { databaseUrl: dbUrl });
    const app = await buildApp(db, config);
    app.post('/bench/bare-insert/:sessionId', async (req) => {
      const b = req.body as { lat: number; lng: number; accuracyM: number; deviceId: string };
      const { sessionId } = req.params as { sessionId: string };
      await db.query(BARE_INSERT, [sessionId, req.headers['x-person'], b.lat, b.lng, b.accuracyM, b.deviceId]);
      return { ok: true };
    });
    // the floor: the bare INSERT, signed in and validated as the check-in route is
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
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      log(`bare INSERT endpoint: ${load.length} requests, ${CONNECTIONS} connections`);
      const bare = await fire(base, load.length, (i) => {
        const l = load[i % load.length]!;
        return { path: `/bench/bare-insert/${l.sessionId}`, headers: { 'x-person': l.personId }, body: body(i, l.k) };
      });
      log(`  ${round(bare.reqPerS, 1)} req/s, p99 ${bare.p99} ms, ${bare.ok} ok ${JSON.stringify(bare.other)}, CPU/request ${JSON.stringify(bare.cpu)} µs`);
      // The bench sessions were seeded minutes ago: keep them clear of the 30-minute idle expiry for both signed-in
      // bursts (and so of its last-seen write, the same for both).
      await db.query(`UPDATE sessions SET last_seen_at = now() + interval '1 hour' WHERE account_id IN (SELECT id FROM accounts WHERE username LIKE 'bw.%')`);
      const signedIn = (i: number) => {
        const l = load[i % load.length]!;
        return { authorization: `Bearer bt-${l.personId}` };
      };
      log(`floor (the bare INSERT, signed in and validated): ${load.length} requests, ${CONNECTIONS} connections`);
      const floor = await fire(base, load.length, (i) => {
        const l = load[i % load.length]!;
        return { path: `/bench/signed-in-insert/${l.sessionId}`, headers: signedIn(i), body: body(i, l.k) };
      });
      log(
        `  ${round(floor.reqPerS, 1)} req/s, p99 ${floor.p99} ms, ${floor.ok} ok ${JSON.stringify(floor.other)}, CPU/request ${JSON.stringify(floor.cpu)} µs`,
      );
      if (floor.ok !== load.length) throw new Error(`the floor endpoint answered ${JSON.stringify(floor.other)}: ${JSON.stringify(firstError)}`);
      if (Date.now() > t0 + 10 * 60_000) throw new Error('the set-up took too long: the check-in window is closing');
      log(`check-in burst: ${load.length} requests, ${CONNECTIONS} connections`);
      const ck = await profiled('checkin', () =>
        fire(base, load.length, (i) => {
          const l = load[i % load.length]!;
          return { path: `/api/v1/sessions/${l.sessionId}/check-in`, headers: signedIn(i), body: body(i, l.k) };
        }),
      );
      log(`  ${round(ck.reqPerS, 1)} req/s, p99 ${ck.p99} ms, ${ck.ok} ok ${JSON.stringify(ck.other)}, CPU/request ${JSON.stringify(ck.cpu)} µs`);
      const rows = (await db.query<{ n: number }>('SELECT count(*) AS n FROM check_ins')).rows[0]!.n;
      const flagged = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM check_ins WHERE status = 'flagged'`)).rows[0]!.n;
      const audits = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'checkin.create'`)).rows[0]!.n;
      if (Object.keys(firstError).length) log(`first error bodies: ${JSON.stringify(firstError)}`);
      log(`rows afterwards ${rows} (flagged ${flagged}), 200 responses ${ck.ok}, audit entries ${audits}`);
      const N = load.length;
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
      await app.close();
    }
  } finally {
    await db.close();
  }
}
