/**
 * The database layer's promises on both engines: every connection works in UTC whatever the database's default,
 * a transaction's statements made at once run one after another, in the order they were made, and a
 * transaction's first and deferred statements (TxOptions.begin, Tx.atCommit) are part of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDb, sqlLiteral, type Db } from './index.js';
import { createTestDb, engine } from '../test/harness.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb(4);
});
afterAll(async () => db?.close());

describe('time zone', () => {
  it('is UTC on every connection, even when the database defaults to Asia/Shanghai', async () => {
    let probe = db;
    if (engine() === 'postgres') {
      // the same database, its default set to Shanghai, opened afresh with a pool of four
      const name = (await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
      await db.exec(`ALTER DATABASE "${name}" SET timezone = 'Asia/Shanghai'`);
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${name}`;
      const raw = new pg.Client({ connectionString: u.toString() });
      await raw.connect();
      try {
        expect((await raw.query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz")).rows[0]!.tz).toBe('Asia/Shanghai');
      } finally {
        await raw.end();
      }
      probe = await openDb({ databaseUrl: u.toString(), poolSize: 4 });
    }
    try {
      // four transactions held open together: four connections
      let open = 0;
      let release!: () => void;
      const allOpen = new Promise<void>((r) => (release = r));
      const zones = await Promise.all(
        [0, 1, 2, 3].map(() =>
          probe.tx(async (tx) => {
            const tz = (await tx.query<{ tz: string; pid: number }>('SELECT current_setting($1) AS tz, pg_backend_pid() AS pid', ['TimeZone'])).rows[0]!;
            if (++open === 4 || engine() === 'pglite') release();
            await allOpen;
            return tz;
          }),
        ),
      );
      if (engine() === 'postgres') expect(new Set(zones.map((z) => z.pid)).size).toBe(4);
      expect(zones.map((z) => z.tz)).toEqual(['UTC', 'UTC', 'UTC', 'UTC']);
      // an instant comes back as the same instant
      const at = new Date('2026-02-28T16:30:00Z');
      expect((await probe.query<{ at: Date; d: string }>('SELECT $1::timestamptz AS at, ($1::timestamptz)::date::text AS d', [at])).rows[0]).toEqual({
        at,
        d: '2026-02-28',
      });
    } finally {
      if (probe !== db) await probe.close();
    }
  });
});

describe('a transaction', () => {
  it('runs statements made at once one after another, in the order made, and the one after a failed one still runs', async () => {
    await db.exec('CREATE TABLE IF NOT EXISTS db_order_probe (n int PRIMARY KEY)');
    const got = await db.tx(async (tx) => {
      const writes = [1, 2, 3, 4, 5].map((n) => tx.query('INSERT INTO db_order_probe (n) SELECT $1::int + coalesce(max(n), 0) FROM db_order_probe', [n * 10]));
      await Promise.all(writes);
      return (await tx.query<{ n: number }>('SELECT n FROM db_order_probe ORDER BY n')).rows.map((r) => r.n);
    });
    // each insert saw the one before it: 10, 10+20, 30+30, 60+40, 100+50
    expect(got).toEqual([10, 30, 60, 100, 150]);
    await expect(
      db.tx(async (tx) => {
        const bad = tx.query('SELECT 1 / 0');
        const next = tx.query('SELECT 1 AS one');
        await expect(bad).rejects.toThrow(/division by zero/);
        await expect(next).rejects.toThrow(/aborted/); // it still runs, in its turn: the transaction is aborted
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM db_order_probe')).rows[0]!.n).toBe(5);
  });
});

describe("a transaction's first and deferred statements", () => {
  it('run inside it: the first before the body, the deferred after it; a failure in either commits nothing', async () => {
    await db.exec('CREATE TABLE IF NOT EXISTS db_edges_probe (n int, note text)');
    const odd = `O'Brien \\ "引号" 张三\n\t; COMMIT; --`;
    const seen = await db.tx(
      async (tx) => {
        // the first statement ran in this transaction: its local setting is visible here
        const plan = (await tx.query<{ m: string }>('SELECT current_setting($1) AS m', ['plan_cache_mode'])).rows[0]!.m;
        await tx.query('INSERT INTO db_edges_probe (n, note) VALUES ($1, $2)', [2, 'body']);
        tx.atCommit(`INSERT INTO db_edges_probe (n, note) SELECT count(*)::int + 10, ${sqlLiteral(odd)} FROM db_edges_probe`);
        return plan;
      },
      { begin: "SELECT set_config('plan_cache_mode', 'force_custom_plan', true); INSERT INTO db_edges_probe (n, note) VALUES (1, 'first')" },
    );
    expect(seen).toBe('force_custom_plan');
    // the setting was the transaction's own
    expect((await db.query<{ m: string }>('SELECT current_setting($1) AS m', ['plan_cache_mode'])).rows[0]!.m).toBe('auto');
    // the deferred insert ran after the body (it counted two rows) and the literal came through whole
    expect((await db.query<{ n: number; note: string }>('SELECT n, note FROM db_edges_probe ORDER BY n')).rows).toEqual([
      { n: 1, note: 'first' },
      { n: 2, note: 'body' },
      { n: 12, note: odd },
    ]);
    const rows = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM db_edges_probe')).rows[0]!.n;
    // a failed deferred statement: the body's write is rolled back and the promise rejects with its error
    await expect(
      db.tx(async (tx) => {
        await tx.query('INSERT INTO db_edges_probe (n, note) VALUES ($1, $2)', [3, 'lost']);
        tx.atCommit("INSERT INTO db_edges_probe (n, note) VALUES (4, 'lost too')");
        tx.atCommit('SELECT 1 / 0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await rows()).toBe(3);
    // a failed first statement: the body never runs
    let ran = false;
    await expect(
      db.tx(
        async () => {
          ran = true;
        },
        { begin: "INSERT INTO db_edges_probe (n, note) VALUES (5, 'lost'); SELECT 1 / 0" },
      ),
    ).rejects.toThrow(/division by zero/);
    expect(ran).toBe(false);
    expect(await rows()).toBe(3);
    // the connection is usable afterwards (PostgreSQL: back in the pool outside any transaction)
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
  });
});
