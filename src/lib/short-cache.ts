/**
 * A node-local cache for facts read on every request that change rarely (a session, an organisation's
 * status). Entries live `ttlMs`; a change made on this node calls `clear()`, which forgets everything and,
 * for `settleMs` afterwards, stores nothing — the clearing transaction may not have committed yet, and a read
 * in flight before the clear is never stored (generation check). Other nodes see a change after `ttlMs` at
 * the latest: use it only where that delay is acceptable, and never for a decision a write depends on.
 */
import { nowMs } from './clock.js';

export class ShortCache<V> {
  private readonly map = new Map<string, { value: V; at: number }>();
  private generation = 0;
  private settledAt = 0;

  constructor(
    public ttlMs: number,
    private readonly max = 50_000,
    private readonly settleMs = 2_000,
  ) {}

  get(key: string, now = nowMs()): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (now - e.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** A token to pass to `set` for a value read after this call. */
  begin(): number {
    return this.generation;
  }

  set(key: string, value: V, since: number, now = nowMs()): void {
    if (this.ttlMs <= 0 || since !== this.generation || now <= this.settledAt) return;
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, { value, at: now });
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  clear(now = nowMs()): void {
    this.generation++;
    this.settledAt = now + this.settleMs;
    this.map.clear();
  }

  /** Reads through the cache. */
  async read(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const since = this.begin();
    const value = await load();
    this.set(key, value, since);
    return value;
  }
}
