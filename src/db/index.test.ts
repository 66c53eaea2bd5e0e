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

  it('a deferred statement with parameters keeps its plan per connection, and survives a failed COMMIT script', async () => {
    await db.exec('CREATE TABLE IF NOT EXISTS db_deferred_probe (n int, note text, at timestamptz)');
    const odd = `O'Brien \\ "引号" 张三\n; COMMIT; --`;
    const insert = {
      sql: 'INSERT INTO db_deferred_probe (n, note, at) SELECT (x->>0)::int, x->>1, $2 FROM jsonb_array_elements($1::jsonb) x',
      types: ['jsonb', 'timestamptz'],
    };
    const write = (rows: [number, string][], extra?: string, variant = '') =>
      db.tx(async (tx) => {
        const st = { ...insert, sql: insert.sql + variant };
        tx.atCommit({ ...st, values: [JSON.stringify(rows), '2026-12-07T01:02:03Z'] });
        tx.atCommit({ ...st, values: [JSON.stringify([[rows.length * 100, 'twice in one script']]), '2026-12-07T01:02:03Z'] });
        if (extra) tx.atCommit(extra);
      });
    // several rounds (more than the pool's connections on PostgreSQL: some reuse a connection's statement)
    for (let i = 0; i < 12; i++) await write([[i, odd]]);
    // a script that fails after PREPAREing a new statement: nothing commits, the statement is dropped, and the
    // next transaction on that connection prepares it again (a kept one would refuse: it already exists)
    await expect(write([[99, 'lost']], 'SELECT 1 / 0', ' -- v2')).rejects.toThrow(/division by zero/);
    await write([[30, 'after the failure']], undefined, ' -- v2');
    await Promise.all(Array.from({ length: 6 }, (_, i) => write([[20 + i, 'parallel']])));
    const { rows } = await db.query<{ n: number; note: string; at: Date }>('SELECT n, note, at FROM db_deferred_probe ORDER BY n');
    expect(rows.filter((r) => r.note === odd).map((r) => r.n)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(rows.filter((r) => r.note === 'parallel').map((r) => r.n)).toEqual([20, 21, 22, 23, 24, 25]);
    expect(rows.filter((r) => r.note === 'twice in one script')).toHaveLength(19);
    expect(rows.filter((r) => r.note === 'after the failure').map((r) => r.n)).toEqual([30]);
    expect(rows.some((r) => r.n === 99)).toBe(false);
    expect(rows.every((r) => r.at.toISOString() === '2026-12-07T01:02:03.000Z')).toBe(true);
  });
});
