#!/usr/bin/env node
/**
 * Run before `npm start`: builds the web app (web/dist) when it is missing or older than any file under
 * web/src (or the web config), so `npm install && npm start` serves a current front end.
 * SKIP_WEB_BUILD=1 skips it (e.g. an API-only node).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = process.cwd();
const dist = join(root, 'web', 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (process.env.SKIP_WEB_BUILD === '1') process.exit(0);
if (!existsSync(join(root, 'web', 'src'))) process.exit(0);
const sources = Math.max(
  newest(join(root, 'web', 'src')),
  ...['index.html', 'vite.config.ts'].map((f) => (existsSync(join(root, 'web', f)) ? statSync(join(root, 'web', f)).mtimeMs : 0)),
);
if (existsSync(dist) && statSync(dist).mtimeMs >= sources) process.exit(0);

console.log(existsSync(dist) ? 'web app sources changed: rebuilding web/dist …' : 'building the web app (web/dist) …');
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production' },
});
if (r.status !== 0) {
  console.error('web build failed; the API still starts (without the web app)');
}
