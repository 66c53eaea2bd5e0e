/**
 * A steady, bounded load through the load balancer: `lanes` clients, `rate` operations per second in all. An
 * answer 502/503/504 or a broken connection is repeated after its Retry-After (else 0.5 s), for at most
 * `giveUpS` seconds; every attempt is recorded (the verification reads them).
 */
import type { Op } from './world.js';

export interface Attempt {
  at: number;
  status: number; // 0: no answer (connection refused or reset)
}

export interface Outcome {
  op: Op;
  attempts: Attempt[];
  /** The answer kept: the last attempt's status. */
  status: number;
  /** When the 2xx answer arrived (ms, performance.now()), or null. */
  ackAt: number | null;
  firstError: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RETRYABLE = new Set([0, 502, 503, 504]);

export class Load {
  readonly outcomes: Outcome[] = [];
  private next = 0;
  private stopped = false;

  constructor(
    private readonly baseUrl: string,
    private readonly ops: Op[],
    private readonly rate: number,
    private readonly lanes = 4,
    private readonly giveUpS = 60,
  ) {}

  /** Runs until every operation is answered for good (or `stop()`). */
  async run(): Promise<void> {
    const t0 = performance.now();
    const lane = async () => {
      while (!this.stopped && this.next < this.ops.length) {
        const i = this.next++;
        // paced: operation i is not started before i / rate seconds
        const due = t0 + (i * 1000) / this.rate;
        if (due > performance.now()) await sleep(due - performance.now());
        this.outcomes.push(await this.perform(this.ops[i]!));
      }
    };
    await Promise.all(Array.from({ length: this.lanes }, lane));
  }

  stop(): void {
    this.stopped = true;
  }

  /** 2xx answers so far, and the last one's time. */
  acked(): number {
    return this.outcomes.filter((o) => o.ackAt !== null).length;
  }

  private async perform(op: Op): Promise<Outcome> {
    const attempts: Attempt[] = [];
    const until = performance.now() + this.giveUpS * 1000;
    let firstError: string | null = null;
    for (;;) {
      const at = performance.now();
      let status = 0;
      let retryAfterS = 0.5;
      try {
        const r = await fetch(this.baseUrl + op.path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${op.token}`, ...(op.headers ?? {}) },
          body: JSON.stringify(op.body),
          signal: AbortSignal.timeout(30_000),
        });
        status = r.status;
        const text = await r.text();
        if (status >= 300) firstError ??= `${status} ${text.slice(0, 200)}`;
        const ra = Number(r.headers.get('retry-after'));
        if (ra > 0) retryAfterS = Math.min(ra, 2);
      } catch (e) {
        firstError ??= `no answer: ${(e as Error).message}`;
      }
      attempts.push({ at, status });
      if (status >= 200 && status < 300) return { op, attempts, status, ackAt: performance.now(), firstError };
      if (!RETRYABLE.has(status) || performance.now() > until) return { op, attempts, status, ackAt: null, firstError };
      await sleep(retryAfterS * 1000);
    }
  }
}

/** The longest stretch without a 2xx answer between `from` and `to` (ms, performance.now()), in seconds. */
export function longestGapS(outcomes: readonly Outcome[], from: number, to: number): number {
  const acks = outcomes
    .map((o) => o.ackAt)
    .filter((t): t is number => t !== null && t >= from && t <= to)
    .sort((a, b) => a - b);
  let prev = from;
  let gap = 0;
  for (const t of acks) {
    gap = Math.max(gap, t - prev);
    prev = t;
  }
  return Math.round(Math.max(gap, acks.length ? 0 : to - from) / 100) / 10;
}
