import { afterEach, describe, expect, it } from 'vitest';
import { now, nowMs, resetClock, setClock } from './clock.js';

afterEach(() => resetClock());

describe('the one clock', () => {
  it('follows the system clock by default', () => {
    const before = Date.now();
    const t = nowMs();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
  it('can be shifted and pinned, and reset', () => {
    setClock({ offsetMs: -12 * 3_600_000 });
    expect(Math.abs(nowMs() - (Date.now() - 12 * 3_600_000))).toBeLessThan(1_000);
    setClock({ at: new Date('2027-12-06T00:00:00Z') });
    expect(now().toISOString()).toBe('2027-12-06T00:00:00.000Z');
    setClock({ at: null });
    expect(Math.abs(nowMs() - (Date.now() - 12 * 3_600_000))).toBeLessThan(1_000);
    resetClock();
    expect(Math.abs(nowMs() - Date.now())).toBeLessThan(1_000);
  });
});
