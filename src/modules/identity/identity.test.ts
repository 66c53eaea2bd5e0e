import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { FIXTURE_PASSWORD, FIXTURE_TOTP } from '../../test/factories/index.js';
import { currentTotp } from './service.js';
import { afterFailure, signInGate, LOCK_AFTER } from './lockout.js';
import { clearSessionCache, configureSessions } from './sessions.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const login = (username: string, password: string, client: 'api' | 'web' = 'api') =>
  t.call('POST', '/api/v1/auth/login', { body: { username, password, client } });

describe('lockout rule (pure)', () => {
  const t0 = new Date('2026-11-26T08:00:00Z');
  it.each([
    [0, 0, true],
    [2, 0, true],
    [3, 0, false], // 3rd failure → wait 1 s
    [3, 1001, true],
    [4, 1500, false], // wait 2 s
    [4, 2001, true],
  ])('after %i failures and %i ms, allowed=%s', (failedAttempts, ms, ok) => {
    const g = signInGate({ failedAttempts, lastFailedAt: t0, lockedUntil: null }, new Date(t0.getTime() + ms));
    expect(g.ok).toBe(ok);
  });
  it('locks at the limit for 15 minutes and starts over after', () => {
    let s = { failedAttempts: 0, lastFailedAt: null as Date | null, lockedUntil: null as Date | null };
    for (let i = 0; i < LOCK_AFTER; i++) s = afterFailure(s, t0);
    expect(s.lockedUntil?.getTime()).toBe(t0.getTime() + 15 * 60_000);
    expect(signInGate(s, new Date(t0.getTime() + 60_000))).toMatchObject({ ok: false, reason: 'locked' });
    const later = new Date(t0.getTime() + 16 * 60_000);
    expect(signInGate(s, later).ok).toBe(true);
    expect(afterFailure(s, later).failedAttempts).toBe(1);
  });
});

describe('password sign-in', () => {
  it('web client gets an httpOnly cookie, not a token', async () => {
    const r = await login('fx.auditor', FIXTURE_PASSWORD, 'web');
    expect(r.statusCode).toBe(200);
    expect(r.json().token).toBeUndefined();
    const cookie = r.cookies.find((c) => c.name === 'sv_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { sv_session: cookie!.value } });
    expect(me.json().username).toBe('fx.auditor');
  });

  it('wrong password and unknown user answer the same', async () => {
    const a = await login('fx.committee', 'wrong-password-1');
    const b = await login('nobody.here', 'wrong-password-1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe('INVALID_CREDENTIALS');
    expect(b.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('backs off, then locks after repeated failures; the lock is audited', async () => {
    const u = 'fx.district_admin_b';
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      // Wait out the back-off in the database rather than in wall time.
      await t.db.query("UPDATE accounts SET last_failed_at = last_failed_at - interval '1 hour' WHERE username = $1 AND locked_until IS NULL", [u]);
      codes.push((await login(u, 'bad-password-9')).json().code);
    }
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    expect(codes[4]).toBe('ACCOUNT_LOCKED');
    expect(codes.slice(5)).toEqual(Array(3).fill('ACCOUNT_LOCKED'));
    // even the right password is refused while locked
    expect((await login(u, FIXTURE_PASSWORD)).json().code).toBe('ACCOUNT_LOCKED');
    expect(await t.count('audit_log', "action = 'account.locked'")).toBe(1);
    // a city admin unlocks
    const acc = t.fx.accounts.district_admin_b!;
    const r = await t.call('PATCH', `/api/v1/accounts/${acc.id}`, { as: 'city_admin', body: { unlock: true } });
    expect(r.statusCode).toBe(200);
    expect((await login(u, FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('signs out: the token stops working', async () => {
    const token = (await login('fx.committee', FIXTURE_PASSWORD)).json().token as string;
    const h = { authorization: `Bearer ${token}` };
    expect((await t.call('POST', '/api/v1/auth/logout', { headers: h })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/auth/me', { headers: h })).statusCode).toBe(401);
  });
});

describe('TOTP second factor', () => {
  it('finance must pass TOTP: password alone yields a challenge', async () => {
    const r = await login('fx.finance', FIXTURE_PASSWORD);
    expect(r.json()).toMatchObject({ status: 'totp_required' });
    const challenge = r.json().challenge as string;
    const bad = await t.call('POST', '/api/v1/auth/login/totp', { body: { challenge, code: '000000', client: 'api' } });
    expect(bad.json().code).toBe('TOTP_INVALID');
    const ok = await t.call('POST', '/api/v1/auth/login/totp', { body: { challenge, code: currentTotp('fx.finance', FIXTURE_TOTP), client: 'api' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mfaPassed).toBe(true);
    // the challenge is single-use
    const again = await t.call('POST', '/api/v1/auth/login/totp', { body: { challenge, code: currentTotp('fx.finance', FIXTURE_TOTP), client: 'api' } });
    expect(again.statusCode).toBe(401);
  });

  it('a city admin without TOTP is held at enrolment until it is confirmed', async () => {
    // a new city admin created through the API, without a second factor
    const created = await t.call('POST', '/api/v1/accounts', {
      as: 'city_admin',
      body: { username: 'new.city', displayName: 'New city admin', role: 'city_admin', password: 'Another-pass-77' },
    });
    expect(created.statusCode).toBe(201);
    const token = (await login('new.city', 'Another-pass-77')).json().token as string;
    const h = { authorization: `Bearer ${token}` };
    const blocked = await t.call('GET', '/api/v1/accounts', { headers: h });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    const enrol = await t.call('POST', '/api/v1/auth/totp/enrol', { headers: h });
    expect(enrol.json().uri).toMatch(/^otpauth:\/\/totp\//);
    const secret = enrol.json().secret as string;
    const bad = await t.call('POST', '/api/v1/auth/totp/confirm', { headers: h, body: { code: '123456' } });
    expect(bad.json().code).toBe('TOTP_INVALID');
    const ok = await t.call('POST', '/api/v1/auth/totp/confirm', { headers: h, body: { code: currentTotp('new.city', secret) } });
    expect(ok.statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/accounts', { headers: h })).statusCode).toBe(200);
  });

  it('a staff account may enrol voluntarily; workers may not', async () => {
    const token = (await login('fx.auditor', FIXTURE_PASSWORD)).json().token as string;
    const r = await t.call('POST', '/api/v1/auth/totp/enrol', { headers: { authorization: `Bearer ${token}` } });
    expect(r.statusCode).toBe(200);
  });
});

describe('session expiry', () => {
  it('idle and absolute expiry end the session', async () => {
    const token = (await login('fx.committee', FIXTURE_PASSWORD)).json().token as string;
    const h = { authorization: `Bearer ${token}` };
    expect((await t.call('GET', '/api/v1/auth/me', { headers: h })).statusCode).toBe(200);
    // idle: last seen 31 minutes ago (idle limit 30)
    await t.db.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE revoked_at IS NULL AND account_id = $1", [
      t.fx.accounts.committee!.id,
    ]);
    clearSessionCache(); // 31 minutes have "passed": the node's 3-second cache is long gone
    expect((await t.call('GET', '/api/v1/auth/me', { headers: h })).statusCode).toBe(401);
    const token2 = (await login('fx.committee', FIXTURE_PASSWORD)).json().token as string;
    const h2 = { authorization: `Bearer ${token2}` };
    await t.db.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL AND account_id = $1 AND last_seen_at > now() - interval '1 minute'",
      [t.fx.accounts.committee!.id],
    );
    clearSessionCache();
    const r = await t.call('GET', '/api/v1/auth/me', { headers: h2 });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('UNAUTHENTICATED');
    configureSessions(30, 12);
  });
});

describe("the node's session cache", () => {
  it('a revocation on this node takes effect at once; one made elsewhere within SESSION_CACHE_MS', async () => {
    const me = async (token: string) => (await t.call('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).statusCode;
    // sign-out on this node: the very next request is refused
    const a = (await login('fx.committee', FIXTURE_PASSWORD)).json().token as string;
    expect(await me(a)).toBe(200);
    expect((await t.call('POST', '/api/v1/auth/logout', { headers: { authorization: `Bearer ${a}` } })).statusCode).toBeLessThan(300);
    expect(await me(a)).toBe(401);
    // revoked by another node (straight in the database): this node may serve it from its cache …
    configureSessions(30, 12, 60_000);
    await new Promise((r) => setTimeout(r, 2_100)); // past the settle time of the sign-out's clear
    const b = (await login('fx.committee', FIXTURE_PASSWORD)).json().token as string;
    expect(await me(b)).toBe(200);
    await t.db.query('UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL AND account_id = $1', [t.fx.accounts.committee!.id]);
    expect(await me(b)).toBe(200);
    // … until the cache time has passed (here: cleared), and with the cache off it never does
    clearSessionCache();
    expect(await me(b)).toBe(401);
    configureSessions(30, 12, 0);
    const c = (await login('fx.committee', FIXTURE_PASSWORD)).json().token as string;
    expect(await me(c)).toBe(200);
    await t.db.query('UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL AND account_id = $1', [t.fx.accounts.committee!.id]);
    expect(await me(c)).toBe(401);
    configureSessions(30, 12, 3_000);
  });
});

describe('accounts', () => {
  it('bad account input is refused and nothing is written', async () => {
    const before = await t.count('accounts');
    const cases: Array<[unknown, string]> = [
      [{ username: 'x', displayName: 'X', role: 'auditor', password: 'Password-123' }, 'username'],
      [{ username: 'ok.name', displayName: 'X', role: 'auditor', password: 'short' }, 'password'],
      [{ username: 'ok.name', displayName: 'X', role: 'worker', password: 'Password-123' }, 'role'],
      [{ username: 'ok.name', displayName: 'X', role: 'district_admin', password: 'Password-123' }, 'districtCode'],
      [{ username: 'ok.name', displayName: 'X'.repeat(101), role: 'auditor', password: 'Password-123' }, 'displayName'],
      [{ username: 'fx.auditor', displayName: 'X', role: 'auditor', password: 'Password-123' }, 'username'],
      [{ username: 'ok.name', displayName: 'X', role: 'auditor', password: 'Password-123', admin: true }, 'admin'],
    ];
    for (const [body, field] of cases) {
      const r = await t.call('POST', '/api/v1/accounts', { as: 'city_admin', body });
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().field).toBe(field);
    }
    expect(await t.count('accounts')).toBe(before);
  });
  it('passwords are stored as argon2id with explicit parameters', async () => {
    const { rows } = await t.db.query<{ password_hash: string }>("SELECT password_hash FROM accounts WHERE username = 'fx.auditor'");
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
