/**
 * Identity: accounts, password sign-in with back-off and lockout, TOTP second factor, sessions.
 * Service functions take the actor (or the system) first; access is checked on their first line.
 */
import { Secret, TOTP } from 'otpauth';
import type { Db, Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { decrypt, encrypt } from '../../lib/crypto.js';
import { randomToken } from '../../config.js';
import * as audit from '../audit/index.js';
import { SYSTEM, type AuditActor } from '../audit/index.js';
import { TOTP_REQUIRED_ROLES, type Actor, type Role } from './actor.js';
import { ACCOUNT_ADMINS, ACCOUNT_READERS, ORG_STAFF_ROLES, STAFF_ROLES } from './policy.js';
import { requireRole } from './scope.js';
import type { AccountView } from './schemas.js';
import { LOCK_AFTER, LOCK_MINUTES, RECORD_FAILURE_SQL, signInGate } from './lockout.js';
import { now as clockNow, nowMs } from '../../lib/clock.js';
import { dummyVerify, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { clearSessionCache, createSession, revokeAllSessions, revokeSession, sha256 } from './sessions.js';

export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  district_code: string | null;
  org_id: string | null;
  person_id: string | null;
  status: 'active' | 'disabled';
  totp_secret_enc: string | null;
  totp_enabled: boolean;
  failed_attempts: number;
  locked_until: Date | null;
  last_failed_at: Date | null;
  is_demo: boolean;
  created_at: Date;
}

/**
 * The actor of an account acting outside a signed-in request (the demo seed, benchmarks, test kits): what its
 * session would carry, with the second factor taken as passed and no session.
 */
export const actorOfAccount = (a: AccountRow): Actor => ({
  accountId: a.id,
  username: a.username,
  role: a.role,
  districtCode: a.district_code,
  orgId: a.org_id,
  personId: a.person_id,
  sessionId: '',
  mfaPassed: true,
  totpEnabled: a.totp_enabled,
});

export type { AccountView } from './schemas.js';

export const presentAccount = (a: AccountRow): AccountView => ({
  id: a.id,
  username: a.username,
  displayName: a.display_name,
  role: a.role,
  districtCode: a.district_code,
  orgId: a.org_id,
  personId: a.person_id,
  status: a.status,
  totpEnabled: a.totp_enabled,
  totpRequired: TOTP_REQUIRED_ROLES.includes(a.role),
  locked: a.locked_until !== null && a.locked_until > clockNow(),
  isDemo: a.is_demo,
  createdAt: a.created_at.toISOString(),
});

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  password?: string | undefined;
  districtCode?: string | null | undefined;
  orgId?: string | null | undefined;
  personId?: string | null | undefined;
  isDemo?: boolean | undefined;
  /** Set by the orgs service from its registry: the district of `orgId` (not stored on the account). */
  orgDistrictCode?: string | undefined;
}

/**
 * Creates an account. Called by city admins (route), the CLI bootstrap and the demo seeder (system), and
 * through the orgs service by a district admin for a staff account of an organisation of its district.
 */
export async function createAccount(tx: Tx, by: AuditActor, input: NewAccount): Promise<AccountRow> {
  assertMayCreateAccount(by, input);
  validateNewAccount(input);
  const a = await insertAccount(tx, input);
  await audit.record(tx, by, {
    action: 'account.create',
    entityType: 'account',
    entityId: a.id,
    districtCode: a.district_code,
    detail: { username: a.username, role: a.role, orgId: a.org_id, isDemo: a.is_demo },
  });
  return a;
}

/** A city admin (or the system) creates any account; a district admin a staff account of an organisation of its district. */
function assertMayCreateAccount(by: AuditActor, input: NewAccount): void {
  const districtAdminForOwnOrg =
    by.role === 'district_admin' &&
    ORG_STAFF_ROLES.includes(input.role) &&
    'districtCode' in by &&
    typeof by.districtCode === 'string' &&
    by.districtCode === input.orgDistrictCode;
  if (!districtAdminForOwnOrg) requireRole(by, ACCOUNT_ADMINS, 'only a city admin creates accounts');
}

/** The password's strength and each role's anchor (district, organisation, person). */
function validateNewAccount(input: NewAccount): void {
  if (input.password !== undefined) {
    const p = passwordProblem(input.password);
    if (p) throw new AppError('VALIDATION_FAILED', `password ${p}`, 'password');
  }
  if (input.role === 'district_admin' && !input.districtCode) throw new AppError('VALIDATION_FAILED', 'a district admin needs a district', 'districtCode');
  if (ORG_STAFF_ROLES.includes(input.role) && !input.orgId) throw new AppError('VALIDATION_FAILED', `a ${input.role} account needs its organisation`, 'orgId');
  if (input.role === 'worker' && !input.personId) throw new AppError('VALIDATION_FAILED', 'a worker account needs a person', 'personId');
}

async function insertAccount(tx: Tx, input: NewAccount): Promise<AccountRow> {
  const exists = await tx.query('SELECT 1 FROM accounts WHERE username = $1', [input.username]);
  if (exists.rows.length) throw new AppError('USERNAME_TAKEN', `username ${input.username} is taken`, 'username');
  const ph = input.password !== undefined ? await hashPassword(input.password) : null;
  // Two concurrent creations of one username both pass the look-up above; the unique key decides (one
  // row, the other waits for it and answers USERNAME_TAKEN, never a 500).
  const { rows } = await tx.query<AccountRow>(
    `INSERT INTO accounts (username, display_name, role, password_hash, district_code, org_id, person_id, is_demo)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (username) DO NOTHING RETURNING *`,
    [input.username, input.displayName, input.role, ph, input.districtCode ?? null, input.orgId ?? null, input.personId ?? null, input.isDemo ?? false],
  );
  if (!rows.length) throw new AppError('USERNAME_TAKEN', `username ${input.username} is taken`, 'username');
  return rows[0]!;
}

export async function getAccount(q: Queryable, id: string): Promise<AccountRow | null> {
  return (await q.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id])).rows[0] ?? null;
}

/**
 * The display names of accounts, by id (officers' screens show who acted by name, never by id). Unknown ids
 * are left out; the caller shows its own fallback.
 */
export async function displayNames(q: Queryable, ids: ReadonlyArray<string | null | undefined>): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => typeof x === 'string' && x.length > 0))];
  if (!want.length) return new Map();
  const { rows } = await q.query<{ id: string; display_name: string }>('SELECT id, display_name FROM accounts WHERE id = ANY($1::uuid[])', [want]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The demo world's accounts (is_demo), by username: for the demo seed and its start-up banner. */
export async function listDemoAccounts(q: Queryable): Promise<AccountRow[]> {
  return (await q.query<AccountRow>('SELECT * FROM accounts WHERE is_demo ORDER BY username')).rows;
}

/** Whether any account exists (a database that was never set up has none). */
export async function hasAccounts(q: Queryable): Promise<boolean> {
  return (await q.query('SELECT 1 FROM accounts LIMIT 1')).rows.length > 0;
}

export async function findAccountByPerson(q: Queryable, personId: string): Promise<AccountRow | null> {
  return (await q.query<AccountRow>('SELECT * FROM accounts WHERE person_id = $1', [personId])).rows[0] ?? null;
}

export async function listAccounts(actor: Actor, q: Queryable, f: { role?: Role | undefined; limit: number; offset: number }) {
  requireRole(actor, ACCOUNT_READERS, 'only city admins and auditors list accounts');
  const params: unknown[] = [];
  let where = '';
  if (f.role) {
    params.push(f.role);
    where = 'WHERE role = $1';
  }
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM accounts ${where}`, params)).rows[0]!.n;
  const { rows } = await q.query<AccountRow>(
    `SELECT * FROM accounts ${where} ORDER BY created_at, username LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: rows.map(presentAccount) };
}

const lockedError = (lockedUntil: Date, now: Date): AppError => {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError('ACCOUNT_LOCKED', `too many failures: the account is locked; try again in ${retryAfterSeconds} s`, undefined, { retryAfterSeconds });
};

/**
 * Counts one failed sign-in step (a wrong password or a wrong TOTP code) toward the one lockout, atomically
 * (RECORD_FAILURE_SQL), with its audit entry in the same transaction. Returns the lock's end when the account
 * is now locked, else null.
 */
async function recordSignInFailure(
  tx: Tx,
  a: Pick<AccountRow, 'id' | 'role' | 'district_code'>,
  now: Date,
  detail: { ip: string | null; step: 'password' | 'totp' },
): Promise<Date | null> {
  clearSessionCache();
  const r = (await tx.query<{ failed_attempts: number; locked_until: Date | null }>(RECORD_FAILURE_SQL, [a.id, now, LOCK_AFTER, LOCK_MINUTES])).rows[0]!;
  await audit.record(
    tx,
    { accountId: a.id, role: a.role },
    {
      action: r.failed_attempts === LOCK_AFTER ? 'account.locked' : 'account.sign_in_failed',
      entityType: 'account',
      entityId: a.id,
      districtCode: a.district_code,
      detail: { failedAttempts: r.failed_attempts, ...detail },
    },
  );
  return r.locked_until && r.locked_until > now ? r.locked_until : null;
}

export type SignInResult =
  { status: 'signed_in'; token: string; expiresAt: Date; account: AccountRow; mfaPassed: boolean } | { status: 'totp_required'; challenge: string };

interface Meta {
  userAgent?: string | undefined;
  ip?: string | undefined;
}

/**
 * Password sign-in. Failures are counted (back-off, then lockout) in their own committed write, so a
 * refusal still leaves its trace; unknown usernames cost the same hashing time as known ones.
 */
export async function signInWithPassword(db: Db, username: string, password: string, kind: 'cookie' | 'bearer', meta: Meta): Promise<SignInResult> {
  const a = (await db.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username])).rows[0];
  if (!a || !a.password_hash) {
    await dummyVerify(password);
    throw new AppError('INVALID_CREDENTIALS', 'the username or password is wrong');
  }
  const now = clockNow();
  const gate = signInGate({ failedAttempts: a.failed_attempts, lastFailedAt: a.last_failed_at, lockedUntil: a.locked_until }, now);
  if (!gate.ok) {
    throw new AppError(
      gate.reason === 'locked' ? 'ACCOUNT_LOCKED' : 'RATE_LIMITED',
      gate.reason === 'locked'
        ? `the account is locked after repeated failures; try again in ${gate.retryAfterSeconds} s`
        : `wait ${gate.retryAfterSeconds} s before the next attempt`,
      undefined,
      { retryAfterSeconds: gate.retryAfterSeconds },
    );
  }
  const ok = await verifyPassword(a.password_hash, password);
  if (!ok) {
    const locked = await db.tx((tx) => recordSignInFailure(tx, a, now, { ip: meta.ip ?? null, step: 'password' }));
    if (locked) throw lockedError(locked, now);
    throw new AppError('INVALID_CREDENTIALS', 'the username or password is wrong');
  }
  if (a.status !== 'active') throw new AppError('ACCOUNT_DISABLED', 'the account is disabled');
  if (a.totp_enabled) {
    const challenge = randomToken(24);
    await db.query(`INSERT INTO mfa_challenges (account_id, token_hash, expires_at) VALUES ($1, $2, $3::timestamptz + interval '5 minutes')`, [
      a.id,
      sha256(challenge),
      now,
    ]);
    return { status: 'totp_required', challenge };
  }
  return db.tx(async (tx) => {
    await tx.query('UPDATE accounts SET failed_attempts = 0, last_failed_at = NULL, locked_until = NULL WHERE id = $1', [a.id]);
    const s = await createSession(tx, a.id, kind, false, meta);
    await audit.record(
      tx,
      { accountId: a.id, role: a.role },
      { action: 'session.create', entityType: 'account', entityId: a.id, districtCode: a.district_code, detail: { kind, method: 'password' } },
    );
    return { status: 'signed_in' as const, token: s.token, expiresAt: s.expiresAt, account: a, mfaPassed: false };
  });
}

function totpFor(a: Pick<AccountRow, 'username'>, secretB32: string): TOTP {
  return new TOTP({ issuer: 'skillvoucher', label: a.username, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretB32) });
}

/** Checks a TOTP code with ±1 step of clock drift. */
export function totpValid(username: string, secretB32: string, code: string): boolean {
  return /^\d{6}$/.test(code) && totpFor({ username }, secretB32).validate({ token: code, window: 1, timestamp: nowMs() }) !== null;
}

export function currentTotp(username: string, secretB32: string): string {
  return totpFor({ username }, secretB32).generate({ timestamp: nowMs() });
}

/** Second step of sign-in: the challenge from the password step plus a TOTP code. */
export async function signInWithTotp(db: Db, challenge: string, code: string, kind: 'cookie' | 'bearer', meta: Meta): Promise<SignInResult> {
  const now = clockNow();
  return db
    .tx(async (tx) => {
      const c = (
        await tx.query<{ id: string; account_id: string; attempts: number }>(
          'SELECT id, account_id, attempts FROM mfa_challenges WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE',
          [sha256(challenge), now],
        )
      ).rows[0];
      if (!c || c.attempts >= 5) throw new AppError('SESSION_EXPIRED', 'the sign-in challenge has expired; sign in again', 'challenge');
      const a = (await getAccount(tx, c.account_id))!;
      const gate = signInGate({ failedAttempts: a.failed_attempts, lastFailedAt: a.last_failed_at, lockedUntil: a.locked_until }, now);
      if (!gate.ok && gate.reason === 'locked') throw lockedError(a.locked_until!, now);
      if (!a.totp_secret_enc || !totpValid(a.username, decrypt(a.totp_secret_enc), code)) {
        await tx.query('UPDATE mfa_challenges SET attempts = attempts + 1 WHERE id = $1', [c.id]);
        // A wrong code counts toward the same lockout as a wrong password (issue 15 item 18).
        const locked = await recordSignInFailure(tx, a, now, { ip: meta.ip ?? null, step: 'totp' });
        return { status: 'totp_invalid' as const, locked };
      }
      await tx.query('UPDATE mfa_challenges SET used_at = $2 WHERE id = $1', [c.id, now]);
      await tx.query('UPDATE accounts SET failed_attempts = 0, last_failed_at = NULL, locked_until = NULL WHERE id = $1', [a.id]);
      const s = await createSession(tx, a.id, kind, true, meta);
      await audit.record(
        tx,
        { accountId: a.id, role: a.role },
        { action: 'session.create', entityType: 'account', entityId: a.id, districtCode: a.district_code, detail: { kind, method: 'password+totp' } },
      );
      return { status: 'signed_in' as const, token: s.token, expiresAt: s.expiresAt, account: a, mfaPassed: true };
    })
    .then((r) => {
      // The failed attempt is committed above; only then refuse.
      if (r.status === 'totp_invalid') {
        if (r.locked) throw lockedError(r.locked, now);
        throw new AppError('TOTP_INVALID', 'the code is wrong or expired', 'code');
      }
      return r;
    });
}

/** Starts TOTP enrolment: a new secret (stored encrypted, not yet active) and its otpauth:// URI. */
export async function beginTotpEnrolment(actor: Actor, tx: Tx): Promise<{ secret: string; uri: string }> {
  requireRole(actor, STAFF_ROLES, 'workers sign in through the e-SSC');
  const a = (await getAccount(tx, actor.accountId))!;
  if (a.totp_enabled) throw new AppError('CONFLICT', 'a second factor is already enrolled', 'totp');
  const secret = new Secret({ size: 20 }).base32;
  await tx.query('UPDATE accounts SET totp_secret_enc = $2 WHERE id = $1', [a.id, encrypt(secret)]);
  await audit.record(tx, actor, { action: 'account.totp_enrolment_started', entityType: 'account', entityId: a.id, districtCode: a.district_code });
  return { secret, uri: totpFor(a, secret).toString() };
}

/** Confirms enrolment with a first code; the current session counts as having passed the second factor. */
export async function confirmTotpEnrolment(actor: Actor, tx: Tx, code: string): Promise<void> {
  const a = (await getAccount(tx, actor.accountId))!;
  if (a.totp_enabled) throw new AppError('CONFLICT', 'a second factor is already enrolled', 'totp');
  if (!a.totp_secret_enc) throw new AppError('CONFLICT', 'start the enrolment first', 'totp');
  if (!totpValid(a.username, decrypt(a.totp_secret_enc), code)) throw new AppError('TOTP_INVALID', 'the code is wrong or expired', 'code');
  clearSessionCache();
  await tx.query('UPDATE accounts SET totp_enabled = true WHERE id = $1', [a.id]);
  await tx.query('UPDATE sessions SET mfa_passed = true WHERE id = $1', [actor.sessionId]);
  await audit.record(tx, actor, { action: 'account.totp_enabled', entityType: 'account', entityId: a.id, districtCode: a.district_code });
}

/** Sets a known TOTP secret (CLI bootstrap and demo world only). */
export async function setTotpSecret(tx: Tx, by: AuditActor, accountId: string, secret: string): Promise<void> {
  clearSessionCache();
  await tx.query('UPDATE accounts SET totp_secret_enc = $2, totp_enabled = true WHERE id = $1', [accountId, encrypt(secret)]);
  await audit.record(tx, by, { action: 'account.totp_enabled', entityType: 'account', entityId: accountId });
}

export async function signOut(actor: Actor, tx: Tx): Promise<void> {
  await revokeSession(tx, actor.sessionId);
  await audit.record(tx, actor, { action: 'session.revoke', entityType: 'account', entityId: actor.accountId });
}

/** City admin: unlock, disable or enable an account; disabling revokes its sessions. */
export async function setAccountStatus(
  actor: Actor,
  tx: Tx,
  id: string,
  change: { status?: 'active' | 'disabled' | undefined; unlock?: boolean | undefined },
): Promise<AccountRow> {
  requireRole(actor, ACCOUNT_ADMINS, 'only a city admin manages accounts');
  const a = await getAccount(tx, id);
  if (!a) throw notFound('account', 'id');
  clearSessionCache();
  if (change.status) await tx.query('UPDATE accounts SET status = $2 WHERE id = $1', [id, change.status]);
  if (change.unlock) await tx.query('UPDATE accounts SET failed_attempts = 0, locked_until = NULL, last_failed_at = NULL WHERE id = $1', [id]);
  if (change.status === 'disabled') await revokeAllSessions(tx, id);
  await audit.record(tx, actor, { action: 'account.update', entityType: 'account', entityId: id, districtCode: a.district_code, detail: { ...change } });
  return (await getAccount(tx, id))!;
}

export { SYSTEM };
