/** GET /orgs/:id/accounts — the staff accounts of one organisation, within the caller's scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('staff accounts of an organisation', () => {
  it('lists the accounts of that organisation only, newest last, with paging', async () => {
    const id = t.fx.orgs.provider!.id;
    const made = await t.call('POST', `/api/v1/orgs/${id}/accounts`, {
      as: 'city_admin',
      body: { username: 'provider.clerk2', displayName: '教务二', password: 'Clerk-pass-2026-x' },
    });
    expect(made.statusCode).toBe(201);
    const r = await t.call('GET', `/api/v1/orgs/${id}/accounts`, { as: 'district_admin' });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { total: number; items: Array<{ username: string; orgId: string; role: string; status: string }> };
    expect(body.total).toBe(2);
    expect(body.items.map((a) => a.username)).toEqual(['fx.provider', 'provider.clerk2']);
    for (const a of body.items) expect(a).toMatchObject({ orgId: id, role: 'provider', status: 'active' });
    expect(JSON.stringify(body)).not.toMatch(/password|totp_secret|hash/i);
    const page2 = (await t.call('GET', `/api/v1/orgs/${id}/accounts?limit=1&offset=1`, { as: 'auditor' })).json();
    expect(page2).toMatchObject({ total: 2, items: [{ username: 'provider.clerk2' }] });
    const other = (await t.call('GET', `/api/v1/orgs/${t.fx.orgs.enterprise!.id}/accounts`, { as: 'city_admin' })).json();
    expect(other.items.map((a: { username: string }) => a.username)).toEqual(['fx.enterprise']);
  });

  it('404 outside the scope or for an unknown organisation; 403 for other roles; 400 on bad paging', async () => {
    const id = t.fx.orgs.provider!.id; // 310115
    expect((await t.call('GET', `/api/v1/orgs/${id}/accounts`, { as: 'district_admin_b' })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/orgs/${t.fx.orgs.provider_b!.id}/accounts`, { as: 'district_admin_b' })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/orgs/${randomUUID()}/accounts`, { as: 'city_admin' })).statusCode).toBe(404);
    for (const as of ['provider', 'finance'] as const) {
      const r = await t.call('GET', `/api/v1/orgs/${id}/accounts`, { as });
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('FORBIDDEN');
    }
    const bad = await t.call('GET', `/api/v1/orgs/${id}/accounts?limit=0`, { as: 'city_admin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });
});
