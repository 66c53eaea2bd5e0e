import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../src/test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('service basics', () => {
  it('answers health and ready', async () => {
    expect((await t.call('GET', '/api/health')).json()).toEqual({ status: 'ok' });
    const r = await t.call('GET', '/api/ready');
    expect(r.statusCode).toBe(200);
    expect(r.json().engine).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(r.headers['x-request-id']).toBeTruthy();
  });
  it('sends the security headers (CSP, no sniffing, frame denial) on every answer, errors too', async () => {
    for (const r of [await t.call('GET', '/api/health'), await t.call('GET', '/api/v1/nothing-here')]) {
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(r.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('serves an OpenAPI document with an operationId on every route', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).json();
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops) expect(op.operationId).toBeTruthy();
  });
  it('unknown route → problem+json 404', async () => {
    const r = await t.call('GET', '/api/v1/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().code).toBe('NOT_FOUND');
  });
  it('malformed JSON → MALFORMED_JSON', async () => {
    const r = await t.call('POST', '/api/v1/auth/login', { payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('MALFORMED_JSON');
  });
  it('unknown field → VALIDATION_FAILED naming the field', async () => {
    const r = await t.call('POST', '/api/v1/auth/login', { body: { username: 'fx.auditor', password: 'x', extra: 1 } });
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe('extra');
  });
  it('password sign-in as a staff role, then whoami', async () => {
    const r = await t.call('POST', '/api/v1/auth/login', { body: { username: 'fx.auditor', password: 'Fixture-pass-2026', client: 'api' } });
    expect(r.statusCode).toBe(200);
    const token = r.json().token as string;
    const me = await t.call('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.json().role).toBe('auditor');
  });
});
