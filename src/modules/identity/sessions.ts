/**
 * Revocable sessions: an opaque random token (httpOnly cookie for the web, bearer for API clients); only
 * its SHA-256 is stored. Idle expiry (last_seen_at + idle) and absolute expiry (expires_at).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Queryable } from '../../db/index.js';
import { randomToken } from '../../config.js';
import { batchedRead, inKeyOrder } from '../../db/batch.js';
import { ShortCache } from '../../lib/short-cache.js';
import { now as clockNow, nowMs } from '../../lib/clock.js';
import type { Actor, Role } from './actor.js';

export const SESSION_COOKIE = 'sv_session';

let idleMs = 30 * 60_000;
let absoluteMs = 12 * 3_600_000;
export function configureSessions(idleMinutes: number, absoluteHours: number, cacheMilliseconds = sessionCache.ttlMs): void {
  idleMs = idleMinutes * 60_000;
  absoluteMs = absoluteHours * 3_600_000;
  sessionCache.ttlMs = cacheMilliseconds;
}
export const sessionLimits = () => ({ idleMs, absoluteMs });

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export async function createSession(
  q: Queryable,
  accountId: string,
  kind: 'cookie' | 'bearer',
  mfaPassed: boolean,
  meta: { userAgent?: string | undefined; ip?: string | undefined } = {},
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = randomToken(32);
  // Set from the application's clock, and checked against the same clock (never the database's now()).
  const at = clockNow();
  const expiresAt = new Date(at.getTime() + absoluteMs);
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO sessions (account_id, token_hash, kind, mfa_passed, expires_at, user_agent, ip, last_seen_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [accountId, sha256(token), kind, mfaPassed, expiresAt, meta.userAgent?.slice(0, 300) ?? null, meta.ip ?? null, at],
  );
  return { token, sessionId: rows[0]!.id, expiresAt };
}

export function tokenFrom(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h && /^Bearer\s+/i.test(h)) return h.replace(/^Bearer\s+/i, '').trim() || null;
  const c = (req.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
  return c ?? null;
}

/** Concurrent requests' session look-ups share one query (src/db/batch.ts). */
const sessionByHash = batchedRead<string, SessionRow & { token_hash: string }>(async (q, hashes) => {
  const { rows } = await q.query<SessionRow & { token_hash: string }>(
    `SELECT s.token_hash, s.id AS session_id, s.mfa_passed, a.totp_enabled, s.last_seen_at, s.expires_at, a.id AS account_id, a.username, a.role,
            a.district_code, a.org_id, a.person_id
       FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.token_hash = ANY($1::text[]) AND s.revoked_at IS NULL AND a.status = 'active'
        AND s.expires_at > $3::timestamptz AND s.last_seen_at > $3::timestamptz - ($2::int * interval '1 millisecond')`,
    [hashes, idleMs, clockNow()],
  );
  return inKeyOrder(
    hashes,
    rows,
    (h) => h,
    (r) => r.token_hash,
  );
});

interface SessionRow {
  session_id: string;
  mfa_passed: boolean;
  totp_enabled: boolean;
  last_seen_at: Date;
  expires_at: Date;
  account_id: string;
  username: string;
  role: Role;
  district_code: string | null;
  org_id: string | null;
  person_id: string | null;
}

/**
 * The node's short-lived session cache (SESSION_CACHE_MS, default 3 s; 0 turns it off): a busy provider or
 * trainee is not looked up on every request. Every change this node makes to a session or an account
 * (sign-out, revocation, status, second factor, lockout) clears it at once, and a lookup that was already in
 * flight when it was cleared is not stored. Another node sees a revocation at the latest after
 * SESSION_CACHE_MS. Idle and absolute expiry are checked on every hit against the cached times.
 */
interface CachedSession {
  actor: Actor;
  lastSeenMs: number;
  expiresMs: number;
}
const sessionCache = new ShortCache<CachedSession>(3_000);

/** Forgets every cached session of this node (called by every write to sessions or accounts). */
export function clearSessionCache(): void {
  sessionCache.clear();
}

function cachedActor(hash: string, now: number): Actor | null {
  const c = sessionCache.get(hash, now);
  if (!c) return null;
  if (now >= c.expiresMs || now - c.lastSeenMs > idleMs) {
    sessionCache.delete(hash);
    return null;
  }
  return c.actor;
}

/** Resolves the caller, or null (no token, unknown, revoked, idle or past absolute expiry, disabled account). */
export async function authenticate(db: Db, req: FastifyRequest, _reply?: FastifyReply): Promise<Actor | null> {
  const cached = (req as FastifyRequest & { svActor?: Actor | null }).svActor;
  if (cached !== undefined) return cached;
  const token = tokenFrom(req);
  let actor: Actor | null = null;
  const hash = token && token.length <= 200 ? sha256(token) : null;
  const hit = hash ? cachedActor(hash, nowMs()) : null;
  if (hit) actor = hit;
  else if (hash) {
    const since = sessionCache.begin();
    const r = await sessionByHash(db, hash);
    if (r) {
      actor = {
        accountId: r.account_id,
        username: r.username,
        role: r.role,
        districtCode: r.district_code,
        orgId: r.org_id,
        personId: r.person_id,
        sessionId: r.session_id,
        mfaPassed: r.mfa_passed,
        totpEnabled: r.totp_enabled,
      };
      // Sliding idle expiry; written at most once a minute per session.
      let lastSeenMs = r.last_seen_at.getTime();
      const seenAt = nowMs();
      if (seenAt - lastSeenMs > 60_000) {
        await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [r.session_id, new Date(seenAt)]);
        lastSeenMs = seenAt;
      }
      sessionCache.set(hash, { actor, lastSeenMs, expiresMs: r.expires_at.getTime() }, since);
    }
  }
  (req as FastifyRequest & { svActor?: Actor | null }).svActor = actor;
  return actor;
}

export async function revokeSession(q: Queryable, sessionId: string): Promise<void> {
  clearSessionCache();
  await q.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
}

export async function revokeAllSessions(q: Queryable, accountId: string): Promise<number> {
  clearSessionCache();
  const r = await q.query('UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
  return r.rowCount;
}
