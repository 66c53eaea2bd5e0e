/**
 * Issue 15, items 18 and 24: the lockout counter is updated atomically (twenty concurrent wrong passwords
 * lock exactly as five sequential ones), wrong TOTP codes count toward it, and sessions and challenges are
 * set and checked against the one application clock, even when it differs from the database's by 12 h.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { FIXTURE_PASSWORD, FIXTURE_TOTP } from '../../test/factories/index.js';
import { resetClock, setClock } from '../../lib/clock.js';
import { SYSTEM, createAccount, currentTotp, setTotpSecret } from './service.js';
import { LOCK_AFTER } from './lockout.js';
import { clearSessionCache } from './sessions.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
afterEach(() => {
  resetClock();
  clearSessionCache();
});

// Each request from its own address: the per-address rate limit of the sign-in routes is not what is tested here.
let ip = 0;
const post = (url: string, body: unknown) =>
  t.app.inject({ method: 'POST', url, payload: body as Record<string, unknown>, remoteAddress: `10.9.${Math.floor(++ip / 250)}.${(ip % 250) + 1}` });
const login = (username: string, password: string) => post('/api/v1/auth/login', { username, password, client: 'api' });
const totp = (challenge: string, code: string) => post('/api/v1/auth/login/totp', { challenge, code, client: 'api' });

let n = 0;
async function newAccount(withTotp = false): Promise<{ id: string; username: string }> {
  const username = `hd.user${++n}`;
  const a = await t.db.tx(async (tx) => {
    const role = withTotp ? 'finance' : 'auditor';
    const acc = await createAccount(tx, SYSTEM, { username, displayName: username, role, password: FIXTURE_PASSWORD });
    if (withTotp) await setTotpSecret(tx, SYSTEM, acc.id, FIXTURE_TOTP);
    return acc;
  });
  return { id: a.id, username };
}

const state = async (id: string) =>
  (
    await t.db.query<{ failed_attempts: number; locked: boolean }>(
      'SELECT failed_attempts, (locked_until IS NOT NULL AND locked_until > now()) AS locked FROM accounts WHERE id = $1',
      [id],
    )
  ).rows[0]!;
const lockAudits = (id: string) => t.count('audit_log', `action = 'account.locked' AND entity_id = '${id}'`);

describe('item 18 — the lockout counter is atomic', () => {
  it('five sequential wrong passwords lock the account (the reference)', async () => {
    const a = await newAccount();
    const codes: string[] = [];
    for (let i = 0; i < LOCK_AFTER; i++) {
      await t.db.query("UPDATE accounts SET last_failed_at = last_failed_at - interval '1 hour' WHERE id = $1", [a.id]); // wait out the back-off
      codes.push((await login(a.username, 'wrong-password-1')).json().code);
    }
    expect(codes).toEqual([...Array(LOCK_AFTER - 1).fill('INVALID_CREDENTIALS'), 'ACCOUNT_LOCKED']);
    expect(await state(a.id)).toEqual({ failed_attempts: LOCK_AFTER, locked: true });
    expect(await lockAudits(a.id)).toBe(1);
    expect((await login(a.username, FIXTURE_PASSWORD)).json().code).toBe('ACCOUNT_LOCKED');
  });

  it('twenty concurrent wrong passwords lock it the same way: every failure counted, one lock', async () => {
    const a = await newAccount();
    const before = await t.count('audit_log', `entity_id = '${a.id}'`);
    const answers = await Promise.all(Array.from({ length: 20 }, () => login(a.username, 'wrong-password-2')));
    const codes = answers.map((r) => r.json().code as string);
    for (const r of answers) expect(r.headers['content-type']).toContain('application/problem+json');
    for (const c of codes) expect(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'RATE_LIMITED']).toContain(c);
    // A request that read the account after three failures had been written is held back by the back-off gate
    // (RATE_LIMITED), and one that read it after the lock is refused at the gate (ACCOUNT_LOCKED) — neither checks
    // the password nor counts. How many of each depends on the machine's timing. Every request that did check the
    // password counted (one committed UPDATE each, no lost update): the counter equals the failures audited, four
    // were told INVALID_CREDENTIALS, exactly one locked, and every later one was told ACCOUNT_LOCKED.
    const s = await state(a.id);
    const audited = (await t.count('audit_log', `entity_id = '${a.id}'`)) - before;
    expect(s.locked).toBe(true);
    expect(s.failed_attempts).toBe(audited);
    expect(s.failed_attempts).toBeGreaterThanOrEqual(LOCK_AFTER);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBe(LOCK_AFTER - 1);
    const locked = codes.filter((c) => c === 'ACCOUNT_LOCKED').length;
    expect(locked).toBeGreaterThanOrEqual(s.failed_attempts - (LOCK_AFTER - 1)); // counted after the 4th, plus refused at the gate
    expect(locked + codes.filter((c) => c === 'RATE_LIMITED').length + (LOCK_AFTER - 1)).toBe(20);
    expect(await lockAudits(a.id)).toBe(1);
    expect((await login(a.username, FIXTURE_PASSWORD)).json().code).toBe('ACCOUNT_LOCKED');
  });

  it('wrong TOTP codes count toward the same lockout (two wrong passwords + three wrong codes lock)', async () => {
    const a = await newAccount(true);
    for (let i = 0; i < 2; i++) expect((await login(a.username, 'wrong-password-3')).json().code).toBe('INVALID_CREDENTIALS');
    await t.db.query("UPDATE accounts SET last_failed_at = last_failed_at - interval '1 hour' WHERE id = $1", [a.id]);
    const challenge = (await login(a.username, FIXTURE_PASSWORD)).json().challenge as string;
    expect(challenge).toBeTruthy();
    const good = currentTotp(a.username, FIXTURE_TOTP);
    const wrong = String((Number(good) + 500_000) % 1_000_000).padStart(6, '0');
    expect((await totp(challenge, wrong)).json().code).toBe('TOTP_INVALID');
    expect((await totp(challenge, wrong)).json().code).toBe('TOTP_INVALID');
    expect(await state(a.id)).toEqual({ failed_attempts: 4, locked: false });
    const fifth = await totp(challenge, wrong);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    expect(await state(a.id)).toEqual({ failed_attempts: LOCK_AFTER, locked: true });
    expect(await lockAudits(a.id)).toBe(1);
    expect(await t.count('audit_log', `entity_id = '${a.id}' AND action = 'account.sign_in_failed' AND detail->>'step' = 'totp'`)).toBe(2);
    // locked: neither the right password nor, on a fresh challenge, the right code gets in
    expect((await login(a.username, FIXTURE_PASSWORD)).json().code).toBe('ACCOUNT_LOCKED');
    expect((await totp(challenge, good)).json().code).toBe('ACCOUNT_LOCKED');
    expect(await t.count('sessions', `account_id = '${a.id}'`)).toBe(0);
  });

  it('concurrent wrong TOTP codes on several challenges are all counted', async () => {
    const a = await newAccount(true);
    const challenges: string[] = [];
    for (let i = 0; i < 3; i++) challenges.push((await login(a.username, FIXTURE_PASSWORD)).json().challenge as string);
    const wrong = String((Number(currentTotp(a.username, FIXTURE_TOTP)) + 500_000) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(challenges.flatMap((c) => [totp(c, wrong), totp(c, wrong)]));
    const codes = answers.map((r) => r.json().code as string);
    // the first four failures are plain refusals, the fifth locks; a code checked after that meets the lock
    expect(codes.filter((c) => c === 'TOTP_INVALID').length).toBe(LOCK_AFTER - 1);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED').length).toBe(6 - (LOCK_AFTER - 1));
    const s = await state(a.id);
    expect(s.locked).toBe(true);
    expect(s.failed_attempts).toBeGreaterThanOrEqual(LOCK_AFTER);
    expect(s.failed_attempts).toBe(await t.count('audit_log', `entity_id = '${a.id}' AND action IN ('account.sign_in_failed', 'account.locked')`));
    expect(await lockAudits(a.id)).toBe(1);
  });
});

describe('item 24 — one clock', () => {
  const HOURS_12 = 12 * 3_600_000;

  it('an application clock 12 h behind the database still signs in and stays signed in', async () => {
    setClock({ offsetMs: -HOURS_12 });
    const r = await login('fx.auditor', FIXTURE_PASSWORD);
    expect(r.statusCode).toBe(200);
    const h = { authorization: `Bearer ${r.json().token as string}` };
    expect((await t.call('GET', '/api/v1/auth/me', { headers: h })).statusCode).toBe(200);
    clearSessionCache(); // not from the node's cache: the database's check
    expect((await t.call('GET', '/api/v1/auth/me', { headers: h })).statusCode).toBe(200);
    // the expiry was set from the application's clock: 12 h (absolute) after its now, i.e. about the database's now
    const { rows } = await t.db.query<{ behind_s: number }>(
      'SELECT extract(epoch FROM now() - expires_at)::int AS behind_s FROM sessions WHERE account_id = $1 ORDER BY created_at DESC LIMIT 1',
      [t.fx.accounts.auditor!.id],
    );
    expect(Math.abs(rows[0]!.behind_s)).toBeLessThan(120);
    // 11 h later by the application's clock (still 1 h behind the database) the session is alive ...
    setClock({ offsetMs: -HOURS_12 + 11 * 3_600_000 });
    await t.db.query("UPDATE sessions SET last_seen_at = last_seen_at + interval '11 hours' WHERE account_id = $1", [t.fx.accounts.auditor!.id]);
    clearSessionCache();
    expect((await t.call('GET', '/api/v1/auth/me', { headers: h })).statusCode).toBe(200);
    // ... and past its absolute expiry by the application's clock it is not
    setClock({ offsetMs: 60_000 });
    await t.db.query("UPDATE sessions SET last_seen_at = last_seen_at + interval '1 hour 1 minute' WHERE account_id = $1", [t.fx.accounts.auditor!.id]);
    clearSessionCache();
    expect((await t.call('GET', '/api/v1/auth/me', { headers: h })).statusCode).toBe(401);
  });

  it('an application clock 12 h ahead of the database: idle expiry follows the application clock', async () => {
    setClock({ offsetMs: HOURS_12 });
    const r = await login('fx.committee', FIXTURE_PASSWORD);
    const h = { authorization: `Bearer ${r.json().token as string}` };
    clearSessionCache();
    expect((await t.call('GET', '/api/v1/auth/me', { headers: h })).statusCode).toBe(200);
    setClock({ offsetMs: HOURS_12 + 31 * 60_000 }); // 31 minutes idle by the application clock
    clearSessionCache();
    expect((await t.call('GET', '/api/v1/auth/me', { headers: h })).statusCode).toBe(401);
  });

  it('the TOTP challenge (set and checked by the application clock) works 12 h behind the database', async () => {
    const a = await newAccount(true);
    setClock({ offsetMs: -HOURS_12 });
    const challenge = (await login(a.username, FIXTURE_PASSWORD)).json().challenge as string;
    const ok = await totp(challenge, currentTotp(a.username, FIXTURE_TOTP));
    expect(ok.statusCode).toBe(200);
    const me = await t.call('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${ok.json().token as string}` } });
    expect(me.statusCode).toBe(200);
  });
});
