/**
 * The one clock of the application. Every deadline and expiry (sessions, sign-in challenges and lockout,
 * QR tokens, e-SSC assertions, vouchers' validity, business dates) is set AND checked against it; SQL that
 * checks a deadline compares with a value passed from here, never with the database's `now()`, so a node
 * whose clock differs from the database's still agrees with itself (issue 15 item 24).
 *
 * Tests (and only tests) move it: `setClock({ at })` pins it, `setClock({ offsetMs })` shifts it.
 */
let offsetMs = 0;
let pinnedMs: number | null = null;

/** Milliseconds since the epoch, by the application's clock. */
export const nowMs = (): number => pinnedMs ?? Date.now() + offsetMs;

/** The current instant, by the application's clock. */
export const now = (): Date => new Date(nowMs());

/** Pins the clock to an instant (`at`), or shifts it from the system clock (`offsetMs`). */
export function setClock(c: { at?: Date | null; offsetMs?: number }): void {
  if (c.at !== undefined) pinnedMs = c.at === null ? null : c.at.getTime();
  if (c.offsetMs !== undefined) offsetMs = c.offsetMs;
}

/** Back to the system clock. */
export function resetClock(): void {
  offsetMs = 0;
  pinnedMs = null;
}
