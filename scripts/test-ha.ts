/**
 * `npm run test:ha` — losing a server loses nothing (issue 21). On this machine, on loopback ports of its own:
 * a pg_auto_failover monitor and two PostgreSQL 15 data nodes (synchronous standby), the schema migrated, two
 * API nodes against the multi-host DATABASE_URL, HAProxy in front; then, under a steady bounded load of
 * admissions, check-ins and claim approvals:
 *   1. SIGKILL one API node — the load continues through the other;
 *   2. SIGKILL the PostgreSQL primary (keeper and postgres) — the standby is promoted; measured: seconds without
 *      a 2xx answer, acknowledged writes lost, duplicated effects; the old primary rejoins as standby;
 *   3. everything restarted, `audit verify` and `funds check` (the CLI) are clean.
 * Prints a table, writes bench/results/ha.json, ends with `ha: N passed, N failed` (read by .ci/run). Every
 * process it started is ended, also on failure. HA_KEEP=1 keeps the temp folder (logs) for a look.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quietConfig } from '../src/config.js';
import { openDb, type Db } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import { configureProcess } from '../src/platform.js';
import { Cluster, waitFor } from '../tests/ha/cluster.js';
import { Load, longestGapS, type Outcome } from '../tests/ha/load.js';
import { verify } from '../tests/ha/verify.js';
import { buildWorld } from '../tests/ha/world.js';

const SIZE = { checkInTrainees: 20, sessions: 6, admissions: 100, claims: 100 };
const RATE = Number(process.env.HA_RATE ?? 8); // operations per second through the load balancer
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t = () => performance.now();
const log = (s: string) => process.stdout.write(`[ha ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

interface Check {
  name: string;
  ok: boolean;
  value: string;
}
const checks: Check[] = [];
const check = (name: string, ok: boolean, value: string | number) => checks.push({ name, ok, value: String(value) });

function preflight(): void {
  for (const bin of ['pg_autoctl', 'haproxy']) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0)
      throw new Error(`${bin} is missing: apt-get install postgresql-15-auto-failover haproxy (.ci/run does)`);
  }
}

async function startCluster(c: Cluster): Promise<void> {
  log(`cluster folder ${c.dir}`);
  await c.startMonitor();
  c.startNode(0, true);
  await waitFor('node1 single', 90, async () => {
    if ((await c.states()).node1?.reported !== 'single') throw new Error('not yet');
  });
  c.startNode(1, true);
  const { primary } = await c.waitHealthy(180);
  log(`formation ready: node${primary + 1} primary, the other a synchronous standby`);
}

/** A CLI command against the cluster; its exit code and output. */
function cli(c: Cluster, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: c.databaseUrl, LOG_LEVEL: 'warn' },
    timeout: 120_000,
  });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

const non2xx = (outs: readonly Outcome[]) => outs.filter((o) => o.ackAt === null);
/** A refusal is fine only after an attempt without answer (the first attempt did it: 409 already admitted). */
const unexplained = (outs: readonly Outcome[]) => non2xx(outs).filter((o) => !(o.attempts.length > 1 && o.status === 409));

async function faults(c: Cluster, db: Db, world: Awaited<ReturnType<typeof buildWorld>>): Promise<void> {
  const load = new Load(`http://127.0.0.1:${c.ports.lb}`, world.ops, RATE);
  const running = load.run();
  const t0 = t();
  await sleep(6_000);
  log('1. SIGKILL API node 2');
  c.kill('api2');
  const tApi = t();
  await sleep(10_000);
  const ackedApi = load.outcomes.filter((o) => o.ackAt !== null && o.ackAt > tApi + 2_000).length;
  const primary = (await c.primaryNow())!;
  log(`2. SIGKILL the PostgreSQL primary (node${primary + 1}: keeper and postgres)`);
  c.kill(`node${primary + 1}`);
  const tPg = t();
  const standby = (1 - primary) as 0 | 1;
  await waitFor('the standby promoted', 90, async () => {
    if ((await c.primaryNow()) !== standby) throw new Error('not yet');
  });
  const tPromoted = t();
  log(`   node${standby + 1} promoted after ${((tPromoted - tPg) / 1000).toFixed(1)} s; API node 2 back`);
  c.startApi(1);
  await sleep(3_000);
  log(`   the old primary (node${primary + 1}) restarted: it rejoins as standby`);
  c.startNode(primary, false);
  await running;
  const tEnd = t();
  const { primary: nowPrimary } = await c.waitHealthy(180);
  const outs = load.outcomes;
  const verdict = await verify(db, world, outs);
  const fiveHundreds = outs.filter((o) => o.attempts.some((a) => a.status >= 500 && a.status !== 502 && a.status !== 503 && a.status !== 504)).length;
  const gap = longestGapS(outs, tPg, tEnd);
  check('load: operations answered 2xx', unexplained(outs).length === 0, `${verdict.acked} of ${outs.length}`);
  check('1. API node killed: 2xx through the other node', ackedApi > 0, ackedApi);
  check('2. standby promoted (s after the kill)', true, ((tPromoted - tPg) / 1000).toFixed(1));
  check('2. seconds without a 2xx write (goal ≤ 30)', gap <= 30, gap);
  check('2. acknowledged writes lost (goal 0)', verdict.lost === 0, verdict.lost);
  check('2. duplicated effects (goal 0)', verdict.duplicated === 0, verdict.duplicated);
  check(
    '2. writes after the promotion',
    outs.some((o) => o.ackAt !== null && o.ackAt > tPromoted),
    outs.filter((o) => (o.ackAt ?? 0) > tPromoted).length,
  );
  check('2. old primary rejoined as standby', nowPrimary === standby, `node${primary + 1} secondary`);
  check('answers 500 (goal 0)', fiveHundreds === 0, fiveHundreds);
  const retried = outs.filter((o) => o.attempts.length > 1).length;
  check('answers 502/503 repeated by the client', true, retried);
  for (const o of unexplained(outs).slice(0, 5)) log(`   unexplained: ${o.op.kind} ${o.op.key}: ${o.firstError}`);
  for (const k of verdict.lostKeys) log(`   lost: ${k}`);
  log(`load: ${outs.length} operations in ${((tEnd - t0) / 1000).toFixed(0)} s`);
}

async function restartAll(c: Cluster): Promise<void> {
  log('3. restart everything');
  for (const n of ['haproxy', 'api1', 'api2']) await c.terminate(n);
  for (const n of ['node1', 'node2', 'monitor']) await c.terminate(n);
  await c.startMonitorAgain();
  c.startNode(0, false);
  c.startNode(1, false);
  await c.waitHealthy(180);
  c.startApi(0);
  c.startApi(1);
  c.startHaproxy();
  await c.waitApi(0);
  await c.waitApi(1);
  // HAProxy takes a node in after two passed checks, 1 s apart
  let ready = 0;
  await waitFor('ready through the load balancer', 20, async () => {
    ready = await fetch(`http://127.0.0.1:${c.ports.lb}/api/ready`).then((r) => r.status);
    if (ready !== 200) throw new Error(String(ready));
  }).catch(() => undefined);
  check('3. restarted: ready through the load balancer', ready === 200, ready);
  const a = cli(c, ['audit', 'verify']);
  check('3. audit verify', a.ok && /intact/.test(a.out), a.out.split('\n').filter((l) => /audit chain/.test(l))[0] ?? a.out.slice(-200));
  const f = cli(c, ['funds', 'check']);
  check('3. funds check', f.ok, f.ok ? 'clean' : f.out.slice(-300));
}

async function main(): Promise<number> {
  preflight();
  const c = new Cluster();
  const stop = () => c.stopAll(process.env.HA_KEEP === '1');
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  process.on('SIGTERM', () => {
    stop();
    process.exit(143);
  });
  let db: Db | null = null;
  try {
    await startCluster(c);
    await configureProcess(quietConfig());
    db = await openDb({ databaseUrl: c.databaseUrl, poolSize: 4, failoverWaitMs: 30_000 });
    await migrate(db);
    log('building the world (factories)');
    const world = await buildWorld(db, SIZE);
    log(`${world.ops.length} operations; starting 2 API nodes and HAProxy`);
    c.startApi(0);
    c.startApi(1);
    c.startHaproxy();
    await c.waitApi(0);
    await c.waitApi(1);
    await faults(c, db, world);
    await db.close();
    db = null;
    await restartAll(c);
  } catch (e) {
    check('the run itself', false, (e as Error).message.slice(0, 300));
    for (const n of ['monitor', 'node1', 'node2', 'api1', 'api2']) log(`--- ${n}.log (last lines)\n${c.logTail(n)}`);
  } finally {
    await db?.close().catch(() => undefined);
    stop();
  }
  return report();
}

function report(): number {
  const w = Math.max(...checks.map((x) => x.name.length));
  process.stdout.write(`\n${'figure'.padEnd(w)}  value  result\n`);
  for (const x of checks) process.stdout.write(`${x.name.padEnd(w)}  ${x.value.padEnd(6)} ${x.ok ? 'ok' : 'FAILED'}\n`);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ha.json'), `${JSON.stringify({ date: new Date().toISOString(), rate: RATE, size: SIZE, checks }, null, 2)}\n`);
  const failed = checks.filter((x) => !x.ok);
  for (const x of failed) process.stdout.write(`ha: FAILED ${x.name}: ${x.value}\n`);
  process.stdout.write(`ha: ${checks.length - failed.length} passed, ${failed.length} failed\n`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  },
);
