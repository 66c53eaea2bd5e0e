/**
 * Browser-test setup: builds the web app, starts the real server (`src/cli.ts start`) on a free port with a
 * fresh PGlite data folder in a temp directory (the demo world is seeded on first start), waits for it, and
 * hands the URL and the printed demo sign-ins to the tests. Tears the server and the folder down afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverLog: string;
  }
}

function freePort(): Promise<number> {
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

async function waitFor(url: string, child: ChildProcess, log: () => string, ms = 240_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not answer ${url} within ${ms} ms:\n${log()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = process.cwd();
  mkdirSync(join(root, 'test-artefacts'), { recursive: true });
  if (process.env.E2E_BASE_URL) {
    // development: reuse a running server (its demo world) instead of starting one
    project.provide('baseUrl', process.env.E2E_BASE_URL);
    project.provide('serverLog', process.env.E2E_SERVER_LOG ? readFileSync(process.env.E2E_SERVER_LOG, 'utf8') : '');
    return async () => undefined;
  }
  if (process.env.E2E_SKIP_BUILD !== '1') {
    const b = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: 'inherit',
        // vitest sets NODE_ENV=test; the app under test is the production build
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    if (b.status !== 0) throw new Error('web build failed');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sv-e2e-'));
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'start', '--port', String(port)], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/api/openapi.json`, child, () => out);
  project.provide('baseUrl', baseUrl);
  project.provide('serverLog', out);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
