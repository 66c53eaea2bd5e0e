/**
 * Pure rule: back-off and lockout after repeated sign-in failures.
 * Failures 1–2: no delay. From the 3rd: the next attempt waits 2^(n-3) s (1, 2, 4 s …).
 * At LOCK_AFTER consecutive failures the account is locked for LOCK_MINUTES. A success resets the count.
 */
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;

export interface FailureState {
  failedAttempts: number;
  lastFailedAt: Date | null;
  lockedUntil: Date | null;
}

export type Gate = { ok: true } | { ok: false; reason: 'locked' | 'backoff'; retryAfterSeconds: number };

export function signInGate(s: FailureState, now: Date): Gate {
  if (s.lockedUntil && s.lockedUntil > now) {
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((s.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  if (s.failedAttempts >= 3 && s.lastFailedAt) {
    const wait = 2 ** (s.failedAttempts - 3) * 1000;
    const until = s.lastFailedAt.getTime() + wait;
    if (until > now.getTime()) return { ok: false, reason: 'backoff', retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
  }
  return { ok: true };
}

export function afterFailure(s: FailureState, now: Date): FailureState {
  const lockedExpired = s.lockedUntil !== null && s.lockedUntil <= now;
  const n = (lockedExpired ? 0 : s.failedAttempts) + 1;
  return {
    failedAttempts: n,
    lastFailedAt: now,
    lockedUntil: n >= LOCK_AFTER ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null,
  };
}

/**
 * `afterFailure` as ONE statement, so concurrent failures each count (a read-then-write lost all but the
 * last of twenty concurrent failures): $1 account id, $2 the instant (application clock), $3 LOCK_AFTER,
 * $4 LOCK_MINUTES. SET expressions read the row as it was; a lock already running is kept as it is.
 * Returns the new count and lock; the failure that reaches exactly LOCK_AFTER is the one that locked.
 */
export const RECORD_FAILURE_SQL = `
  UPDATE accounts SET
    failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2::timestamptz THEN 1 ELSE failed_attempts + 1 END,
    last_failed_at = $2::timestamptz,
    locked_until = CASE
      WHEN locked_until > $2::timestamptz THEN locked_until
      WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= $2::timestamptz THEN 1 ELSE failed_attempts + 1 END) >= $3::int
        THEN $2::timestamptz + $4::int * interval '1 minute'
      ELSE NULL END
  WHERE id = $1
  RETURNING failed_attempts, locked_until`;
