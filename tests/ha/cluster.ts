/**
 * The fault test's processes on loopback ports of their own: a pg_auto_failover monitor and two data nodes
 * (Debian's postgresql-15-auto-failover; run as the `postgres` user when we are root, as PostgreSQL refuses
 * root), two API nodes (`node --import tsx src/cli.ts start --no-demo`, the same as `npm start -- --no-demo`
 * without the web build) and HAProxy in front. Every process is started in a process group of its own, so a
 * node is killed whole with SIGKILL (keeper and postgres); `stopAll` ends every group this file started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
const root = process.getuid?.() === 0;

export interface Ports {
  monitor: number;
  nodes: [number, number];
  api: [number, number];
  lb: number;
}

/**
 * Below Linux's ephemeral range (32768–60999): a port there can be taken as the local port of any outgoing
 * connection (a run once failed with EADDRINUSE on an API node's port that way); these can only clash with a listener.
 */
export const PORTS: Ports = { monitor: 29600, nodes: [29601, 29602], api: [29611, 29612], lb: 29610 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'sv-ha-'));
  private readonly groups = new Map<string, ChildProcess>();
  readonly dbName = 'skillvoucher';
  private keepersSet = false;

  constructor(readonly ports: Ports = PORTS) {
    if (root) spawnSync('chown', ['postgres:postgres', this.dir]);
  }

  get monitorUrl(): string {
    return `postgres://autoctl_node@127.0.0.1:${this.ports.monitor}/pg_auto_failover?sslmode=disable`;
  }
  /** The service's DATABASE_URL: both data nodes, the read-write one chosen (libpq's syntax). */
  get databaseUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.ports.nodes[0]},127.0.0.1:${this.ports.nodes[1]}/${this.dbName}?target_session_attrs=read-write`;
  }
  nodeUrl(i: 0 | 1, db = this.dbName): string {
    return `postgres://postgres@127.0.0.1:${this.ports.nodes[i]}/${db}`;
  }

  private autoctlEnv(): NodeJS.ProcessEnv {
    return {
      PATH: `${PG_BIN}:/usr/bin:/bin`,
      HOME: this.dir,
      XDG_CONFIG_HOME: join(this.dir, 'config'),
      XDG_DATA_HOME: join(this.dir, 'data'),
      XDG_RUNTIME_DIR: join(this.dir, 'run'),
      PG_CONFIG: `${PG_BIN}/pg_config`,
    };
  }

  /** pg_autoctl, as the postgres user when we are root; its own process group. */
  private autoctl(name: string, args: string[]): ChildProcess {
    const env = this.autoctlEnv();
    const log = openSync(join(this.dir, `${name}.log`), 'a');
    const cmd = root ? 'runuser' : 'pg_autoctl';
    const argv = root ? ['-u', 'postgres', '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'pg_autoctl', ...args] : args;
    const child = spawn(cmd, argv, { detached: true, stdio: ['ignore', log, log], env: root ? { PATH: process.env.PATH } : env });
    this.groups.set(name, child);
    return child;
  }

  /** `pg_autoctl show state` and friends, waited for. */
  autoctlSync(args: string[]): string {
    const env = this.autoctlEnv();
    const r = root
      ? spawnSync('runuser', ['-u', 'postgres', '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'pg_autoctl', ...args], { encoding: 'utf8' })
      : spawnSync('pg_autoctl', args, { encoding: 'utf8', env });
    return `${r.stdout ?? ''}${r.stderr ?? ''}`;
  }

  async startMonitor(): Promise<void> {
    for (const d of ['config', 'data', 'run']) {
      mkdirSync(join(this.dir, d), { recursive: true });
      if (root) chownSync(join(this.dir, d), uidOf('postgres'), gidOf('postgres'));
    }
    this.autoctl('monitor', [
      ...['create', 'monitor', '--pgdata', join(this.dir, 'monitor'), '--pgport', String(this.ports.monitor)],
      ...['--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl', '--run'],
    ]);
    await waitFor('the monitor', 60, () => query(`postgres://postgres@127.0.0.1:${this.ports.monitor}/pg_auto_failover`, 'SELECT 1'));
  }

  /** The monitor again, after a restart (`pg_autoctl run`). */
  async startMonitorAgain(): Promise<void> {
    this.autoctl('monitor', ['run', '--pgdata', join(this.dir, 'monitor')]);
    await waitFor('the monitor', 90, () => query(`postgres://postgres@127.0.0.1:${this.ports.monitor}/pg_auto_failover`, 'SELECT 1'));
  }

  /** A clean stop: SIGTERM to the group, then wait until no process of it is left; SIGKILL after `seconds`. */
  async terminate(name: string, seconds = 30): Promise<void> {
    const c = this.groups.get(name);
    if (!c?.pid) return;
    const alive = () => {
      try {
        process.kill(-c.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    const until = performance.now() + seconds * 1000;
    while (alive() && performance.now() < until) await sleep(200);
    this.kill(name);
  }

  /** The last lines of a process's log (for a failure's report). */
  logTail(name: string, lines = 15): string {
    return readFileSafe(join(this.dir, `${name}.log`))
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  }

  /** Starts data node i (creating it the first time; `pg_autoctl run` afterwards). */
  startNode(i: 0 | 1, create: boolean): void {
    const pgdata = join(this.dir, `node${i + 1}`);
    const args = create
      ? [
          ...['create', 'postgres', '--pgdata', pgdata, '--pgport', String(this.ports.nodes[i]), '--hostname', '127.0.0.1'],
          ...['--auth', 'trust', '--no-ssl', '--monitor', this.monitorUrl, '--dbname', this.dbName, '--name', `node${i + 1}`, '--run'],
        ]
      : ['run', '--pgdata', pgdata];
    this.autoctl(`node${i + 1}`, args);
  }

  /** The formation's states by node name, from the monitor. */
  async states(): Promise<Record<string, { reported: string; assigned: string }>> {
    const rows = await query<{ nodename: string; reportedstate: string; goalstate: string }>(
      `postgres://postgres@127.0.0.1:${this.ports.monitor}/pg_auto_failover`,
      'SELECT nodename, reportedstate, goalstate FROM pgautofailover.node',
    );
    return Object.fromEntries(rows.map((r) => [r.nodename, { reported: r.reportedstate, assigned: r.goalstate }]));
  }

  /** Waits until one node is primary and the other secondary; pushes a checkpoint so pg_basebackup starts now. */
  async waitHealthy(seconds: number): Promise<{ primary: 0 | 1 }> {
    let found: { primary: 0 | 1 } | null = null;
    await waitFor('primary + secondary', seconds, async () => {
      const s = await this.states();
      for (const i of [0, 1] as const) await query(this.nodeUrl(i, 'postgres'), 'CHECKPOINT').catch(() => undefined);
      const p = s.node1?.reported === 'primary' ? 0 : s.node2?.reported === 'primary' ? 1 : null;
      const other = p === 0 ? s.node2 : s.node1;
      if (p === null || other?.reported !== 'secondary' || other.assigned !== 'secondary') throw new Error(JSON.stringify(s));
      found = { primary: p };
      if (!this.keepersSet) {
        // Failure detection in seconds rather than the defaults' tens of seconds (deploy/pg_auto_failover/README.md);
        // set once the standby is a secondary (with them, a standby's first health checks kept it catching up)
        const admin = `postgres://postgres@127.0.0.1:${this.ports.monitor}/pg_auto_failover`;
        for (const [k, v] of Object.entries(MONITOR_SETTINGS)) await query(admin, `ALTER SYSTEM SET pgautofailover.${k} = ${v}`);
        await query(admin, 'SELECT pg_reload_conf()');
        for (const n of ['node1', 'node2'])
          for (const [k, v] of Object.entries(KEEPER_SETTINGS)) this.autoctlSync(['config', 'set', '--pgdata', join(this.dir, n), k, v]);
        this.keepersSet = true;
      }
    });
    return found!;
  }

  /** The data node that is a read-write primary now (asked of the nodes themselves). */
  async primaryNow(): Promise<0 | 1 | null> {
    const sql = "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS writable";
    const answers = await Promise.all(
      ([0, 1] as const).map((i) =>
        Promise.race([query<{ writable: boolean }>(this.nodeUrl(i, 'postgres'), sql).catch(() => null), sleep(3_000).then(() => null)]),
      ),
    );
    const i = answers.findIndex((r) => r?.[0]?.writable === true);
    return i === 0 || i === 1 ? i : null;
  }

  startApi(i: 0 | 1, extraEnv: NodeJS.ProcessEnv = {}): void {
    const log = openSync(join(this.dir, `api${i + 1}.log`), 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--no-demo'], {
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        DATABASE_URL: this.databaseUrl,
        PORT: String(this.ports.api[i]),
        HOST: '127.0.0.1',
        DEMO: 'false',
        LOG_LEVEL: 'warn',
        TRUST_PROXY: 'true',
        DB_FAILOVER_WAIT_MS: '8000',
        ...extraEnv,
      },
    });
    this.groups.set(`api${i + 1}`, child);
  }

  async waitApi(i: 0 | 1, seconds = 90): Promise<void> {
    await waitFor(`API node ${i + 1}`, seconds, async () => {
      const r = await fetch(`http://127.0.0.1:${this.ports.api[i]}/api/ready`);
      if (r.status !== 200) throw new Error(String(r.status));
    });
  }

  startHaproxy(): void {
    const cfg = join(this.dir, 'haproxy.cfg');
    writeFileSync(cfg, haproxyConfig(this.ports));
    const log = openSync(join(this.dir, 'haproxy.log'), 'a');
    this.groups.set('haproxy', spawn('haproxy', ['-db', '-f', cfg], { detached: true, stdio: ['ignore', log, log] }));
  }

  /** SIGKILL to a whole process group (a data node: its keeper and postgres; an API node). */
  kill(name: string): void {
    const c = this.groups.get(name);
    if (!c?.pid) return;
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    this.groups.delete(name);
  }

  /** Ends every process group this cluster started, then removes its folder. */
  stopAll(keepDir = false): void {
    for (const name of [...this.groups.keys()]) this.kill(name);
    // a postgres that outlived its keeper (it should not: same group) is found by its postmaster.pid, by id
    for (const d of ['monitor', 'node1', 'node2']) {
      const pid = Number(readFileSafe(join(this.dir, d, 'postmaster.pid')).split('\n')[0]);
      if (pid > 0) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    if (!keepDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Faster failure detection than the defaults (5 s period, 20 s unhealthy timeout): the figures of the test. */
export const MONITOR_SETTINGS: Record<string, number> = {
  health_check_period: 1000,
  health_check_timeout: 1000,
  health_check_max_retries: 1,
  health_check_retry_delay: 500,
  node_considered_unhealthy_timeout: 5000,
  startup_grace_period: 5000,
  // the monitor waits this long for an unreachable primary to demote itself before it lets the standby take
  // writes; each keeper's timeout.network_partition_timeout (set below the same) is shorter
  primary_demote_timeout: 8000,
};

/** Keeper settings of each data node (`pg_autoctl config set`): it demotes itself after this many seconds alone. */
export const KEEPER_SETTINGS: Record<string, string> = { 'timeout.network_partition_timeout': '5' };

export function haproxyConfig(p: Ports): string {
  return `global
  maxconn 2000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 2
  option redispatch
frontend api
  bind 127.0.0.1:${p.lb}
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /api/ready
  http-check expect status 200
  default-server inter 1s fall 2 rise 2
  server api1 127.0.0.1:${p.api[0]} check
  server api2 127.0.0.1:${p.api[1]} check
`;
}

export async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function waitFor(what: string, seconds: number, probe: () => Promise<unknown>): Promise<void> {
  const until = performance.now() + seconds * 1000;
  let last: unknown = null;
  while (performance.now() < until) {
    try {
      await probe();
      return;
    } catch (e) {
      last = e;
      await sleep(500);
    }
  }
  throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : String(last)}`);
}

function uidOf(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}
function gidOf(user: string): number {
  return Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
