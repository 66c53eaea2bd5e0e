import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchedByKey, batchedRead, coalescedWrite, inKeyOrder } from './batch.js';
import { countingQueries } from '../test/harness.js';
import { openDb, type Db } from './index.js';

let db: Db;
let queries = 0;

beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' });
  await db.exec('CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL); INSERT INTO t SELECT g, $$v$$ || g FROM generate_series(1, 100) g;');
});
afterAll(async () => db.close());

const read = batchedRead<number, { id: number; v: string }>(async (q, ids) => {
  queries++;
  if (ids.includes(-1)) throw new Error('boom');
  const { rows } = await q.query<{ id: number; v: string }>('SELECT id, v FROM t WHERE id = ANY($1::int[])', [ids]);
  return inKeyOrder(ids, rows, String, (r) => String(r.id));
});

describe('batchedRead', () => {
  it('fifty concurrent reads outside a transaction are one query, each caller gets its own row (or null)', async () => {
    queries = 0;
    const ids = [...Array.from({ length: 49 }, (_, i) => i + 1), 1000];
    const got = await Promise.all(ids.map((id) => read(db, id)));
    expect(queries).toBe(1);
    expect(got.slice(0, 49).map((r) => r?.v)).toEqual(ids.slice(0, 49).map((i) => `v${i}`));
    expect(got[49]).toBeNull();
  });

  it('batchedByKey: concurrent reads by a text key are one query, each caller getting the row of its key (or null)', async () => {
    const counted = countingQueries(db);
    const byV = batchedByKey<{ id: number; v: string }>('SELECT id, v FROM t WHERE v = ANY($1::text[])', (r) => r.v);
    const got = await Promise.all(['v3', 'v1', 'nope', 'v3'].map((v) => byV(counted, v)));
    expect(counted.queries).toBe(1);
    expect(got.map((r) => r?.id ?? null)).toEqual([3, 1, null, 3]);
  });

  it('reads made in separate turns of the event loop are separate queries; nothing is cached', async () => {
    queries = 0;
    expect((await read(db, 7))?.v).toBe('v7');
    await db.query(`UPDATE t SET v = 'changed' WHERE id = 7`);
    expect((await read(db, 7))?.v).toBe('changed');
    expect(queries).toBe(2);
  });

  it("inside a transaction the read runs alone on it and sees the transaction's own writes", async () => {
    queries = 0;
    await db.tx(async (tx) => {
      await tx.query(`UPDATE t SET v = 'mine' WHERE id = 8`);
      const [a, b] = await Promise.all([read(tx, 8), read(tx, 9)]);
      expect([a?.v, b?.v]).toEqual(['mine', 'v9']);
    });
    expect(queries).toBe(2);
  });

  it('a failing batch fails each of its callers', async () => {
    const r = await Promise.allSettled([read(db, 1), read(db, -1)]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('coalescedWrite', () => {
  /**
   * A write that records its batches and answers each item doubled (negative items: an Error of their own;
   * 999: the whole batch fails). With `gated`, each batch waits until the test calls release().
   */
  function recorder(gated = false) {
    const batches: number[][] = [];
    const gates: Array<() => void> = [];
    let running = 0;
    let maxRunning = 0;
    const write = coalescedWrite<number, number>(
      async (_db, items) => {
        batches.push([...items]);
        running++;
        maxRunning = Math.max(maxRunning, running);
        if (gated) await new Promise<void>((r) => gates.push(r));
        running--;
        if (items.includes(999)) throw new Error('the whole batch failed');
        return items.map((i) => (i < 0 ? new Error(`refused ${i}`) : i * 2));
      },
      4,
      { inFlight: 1 },
    );
    const turn = () => new Promise((r) => setImmediate(r));
    return { write, batches, gates, turn, maxRunning: () => maxRunning };
  }

  it('writes arriving in one turn of the event loop are one batch; each caller gets its own answer or refusal', async () => {
    const r = recorder();
    const out = await Promise.allSettled([1, 2, -3].map((i) => r.write(db, i)));
    expect(r.batches).toEqual([[1, 2, -3]]);
    expect(out.map((x) => (x.status === 'fulfilled' ? x.value : (x.reason as Error).message))).toEqual([2, 4, 'refused -3']);
  });

  it('at most maxBatchSize per batch, and with inFlight 1 the next batch starts when the one before has answered', async () => {
    const r = recorder(true);
    const first = Promise.all([1, 2, 3, 4, 5, 6].map((i) => r.write(db, i)));
    await r.turn();
    expect(r.batches).toEqual([[1, 2, 3, 4]]); // 5 and 6 wait: one batch in flight
    // arrives while the first batch is in flight: waits, and joins the items left over
    const late = r.write(db, 7);
    await r.turn();
    expect(r.batches).toHaveLength(1);
    r.gates.shift()!();
    await r.turn();
    expect(r.batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7],
    ]);
    r.gates.shift()!();
    expect(await first).toEqual([2, 4, 6, 8, 10, 12]);
    expect(await late).toBe(14);
    expect(r.maxRunning()).toBe(1);
  });

  it('a batch that fails as a whole fails each of its callers, and the queue goes on', async () => {
    const r = recorder();
    const out = await Promise.allSettled([1, 999].map((i) => r.write(db, i)));
    expect(out.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(await r.write(db, 5)).toBe(10);
  });
});

describe('named statements (PostgreSQL engine)', () => {
  it('a parameterised statement is named by its text; one without parameters goes by the simple protocol', async () => {
    const { statement } = await import('./index.js');
    const a = statement('SELECT $1::int AS x', [1]);
    const b = statement('SELECT $1::int AS x', [2]);
    const c = statement('SELECT $1::int AS y', [1]);
    expect(typeof a).toBe('object');
    expect((a as { name: string }).name).toMatch(/^sv_[A-Za-z0-9_-]{20}$/);
    expect((a as { name: string }).name).toBe((b as { name: string }).name);
    expect((b as { values: unknown[] }).values).toEqual([2]);
    expect((a as { name: string }).name).not.toBe((c as { name: string }).name);
    expect(statement('CREATE TABLE x (a int)', [])).toBe('CREATE TABLE x (a int)');
  });
});
