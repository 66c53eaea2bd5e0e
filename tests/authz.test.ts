/**
 * Walks every route of the OpenAPI document × every role (and anonymous) and checks the access rule it
 * declares (`x-roles`): a role outside it gets 403 (anonymous 401); a role inside it is never refused for
 * its role and, asking for an object that does not exist, gets 404 — never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../src/test/harness.js';
import { ROLES } from '../src/modules/identity/actor.js';

let t: TestApp;
interface Op {
  method: string;
  path: string;
  operationId: string;
  roles: readonly string[] | 'public';
}
let ops: Op[] = [];
const fixtureFor: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.call('GET', '/api/openapi.json')).json() as {
    paths: Record<string, Record<string, { operationId: string; 'x-roles': readonly string[] | 'public' }>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId, roles: op['x-roles'] })),
  );
  for (const role of ROLES) {
    const key = Object.keys(t.fx.accounts).find((k) => t.fx.accounts[k]!.role === role);
    if (key) fixtureFor[role] = key;
  }
});
afterAll(async () => t.close());

const fill = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => (/code$/i.test(name) ? '9-99-99-99' : name === 'number' ? 'SV000000000000' : randomUUID()));

describe('authorisation walk over the OpenAPI document', () => {
  it('declares roles on every route', () => {
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops) expect(op.roles, op.operationId).toBeDefined();
  });

  it('every route × every role: allow / deny / 404, never a 5xx', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const op of ops) {
      if (op.operationId === 'signOut') continue; // revokes the caller's session: covered in identity tests
      const url = fill(op.path);
      const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
      const who: Array<string | null> = [null, ...ROLES];
      for (const role of who) {
        const headers: Record<string, string> = {};
        if (role) {
          const key = fixtureFor[role];
          if (!key) continue; // no fixture account of that role yet
          headers.authorization = `Bearer ${await t.fx.tokenFor(t.db, key)}`;
        }
        const r = await t.call(op.method, url, { headers, ...(hasBody ? { body: {} } : {}) });
        const allowed = op.roles === 'public' || (role !== null && op.roles.includes(role));
        const tag = `${op.method} ${op.path} as ${role ?? 'anonymous'} → ${r.statusCode} ${r.body.slice(0, 160)}`;
        if (r.statusCode >= 500) failures.push(`5xx: ${tag}`);
        else if (allowed && (r.statusCode === 401 || (r.statusCode === 403 && r.json().code === 'FORBIDDEN'))) failures.push(`refused an allowed role: ${tag}`);
        else if (!allowed && role === null && r.statusCode !== 401) failures.push(`anonymous not 401: ${tag}`);
        else if (!allowed && role !== null && r.statusCode !== 403) failures.push(`wrong role not 403: ${tag}`);
        else if (allowed && /\{id\}/.test(op.path) && op.method === 'GET' && r.statusCode !== 404) failures.push(`unknown object not 404: ${tag}`);
        if (r.statusCode >= 400) expect(r.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect(failures).toEqual([]);
  });
});
