import { describe, expect, it } from 'vitest';
import { ShortCache } from './short-cache.js';

describe('ShortCache', () => {
  it.each([
    // [stored at, read at, ttl, expected]
    [1_000_000, 1_000_000, 3_000, 'v'],
    [1_000_000, 1_003_000, 3_000, 'v'],
    [1_000_000, 1_003_001, 3_000, undefined],
  ])('stored at %d, read at %d, ttl %d → %s', (at, readAt, ttl, want) => {
    const c = new ShortCache<string>(ttl);
    c.set('k', 'v', c.begin(), at);
    expect(c.get('k', readAt)).toBe(want);
  });

  it('clear forgets, a read begun before the clear is not stored, and nothing is stored while it settles', () => {
    const c = new ShortCache<string>(3_000, 10, 2_000);
    c.set('a', '1', c.begin(), 100);
    const inFlight = c.begin();
    c.clear(200);
    expect(c.get('a', 201)).toBeUndefined();
    c.set('a', 'stale', inFlight, 5_000);
    expect(c.get('a', 5_001)).toBeUndefined();
    c.set('b', 'early', c.begin(), 2_100); // within the settle time
    expect(c.get('b', 2_101)).toBeUndefined();
    c.set('b', 'late', c.begin(), 2_300);
    expect(c.get('b', 2_301)).toBe('late');
  });

  it('ttl 0 stores nothing; the size bound empties it', () => {
    const off = new ShortCache<string>(0);
    off.set('a', '1', off.begin());
    expect(off.get('a')).toBeUndefined();
    const small = new ShortCache<number>(60_000, 2, 0);
    small.set('a', 1, small.begin());
    small.set('b', 2, small.begin());
    small.set('c', 3, small.begin());
    expect([small.get('a'), small.get('b'), small.get('c')]).toEqual([undefined, undefined, 3]);
  });

  it('read() loads once while fresh', async () => {
    const c = new ShortCache<number>(60_000, 10, 0);
    let loads = 0;
    const load = async () => ++loads;
    expect(await c.read('x', load)).toBe(1);
    expect(await c.read('x', load)).toBe(1);
    c.clear(0);
    expect(await c.read('x', load)).toBe(2);
  });
});
