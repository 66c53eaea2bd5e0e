import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchedRead, inKeyOrder } from './batch.js';
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
