/** Starts and stops a real server process for the story test, which needs restarts (a job run, a later clock). */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

const root = process.cwd();
const cli = join(root, 'src', 'cli.ts');

/**
 * The server, optionally under libfaketime (`faketime -f +8d`) to stand at a later date, and with more environment
 * (`env`, e.g. SMS_GATEWAY_URL pointing at a fake gateway of the test's own).
 */
export async function startServer(dataDir: string, port: number, opts: { fakeOffset?: string; env?: Record<string, string> } = {}): Promise<Server> {
  const args = ['--import', 'tsx', cli, 'start', '--port', String(port)];
  const env = {
    ...process.env,
    ...opts.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    SKIP_WEB_BUILD: '1',
  };
  // A process group of its own: `faketime` runs the server as its child and does not pass signals on, so stop()
  // signals the whole group (a stopped story test otherwise left its +8 d server running after the suite).
  const spawnOpts: SpawnOptions = { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true };
  const child: ChildProcess = opts.fakeOffset
    ? spawn('faketime', ['-f', opts.fakeOffset, process.execPath, ...args], spawnOpts)
    : spawn(process.execPath, args, spawnOpts);
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* the group is gone */
    }
  };
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/api/openapi.json`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    log: () => out,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      signal('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) signal('SIGKILL');
    },
  };
}

/** Runs one CLI command against the (stopped) server's data folder. */
export function runCli(dataDir: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function hasFaketime(): boolean {
  return spawnSync('faketime', ['-f', '+1d', 'true']).status === 0;
}

/**
 * A server of the test's own whose demo world gets more before it serves: it is started once (migrates and seeds the
 * demo world) and stopped, `script` (a file in tests/e2e) runs on its data directory and prints its world as the
 * last line of JSON, then the server starts again on the same port.
 */
export async function startServerWithWorld<W>(prefix: string, script: string): Promise<{ dataDir: string; server: Server; world: W }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const port = await freePort();
  const first = await startServer(dataDir, port);
  await first.stop();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tests', 'e2e', script)], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stdout}\n${r.stderr}`);
  const world = JSON.parse(r.stdout.trim().split('\n').pop()!) as W;
  return { dataDir, server: await startServer(dataDir, port), world };
}
