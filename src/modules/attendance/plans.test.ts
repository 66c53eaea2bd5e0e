/**
 * The check-in statement's look-ups are index look-ups whatever the statistics of check_ins say.
 * On PostgreSQL a named prepared statement may switch to a generic plan after five executions, kept until a
 * table it reads is analyzed again. Made while check_ins was analyzed empty (a new deployment whose tables were
 * analyzed before any row; a server without autovacuum keeps it for good), such a plan scans check_ins for
 * each look-up: a batch of 16 took 700–830 ms once the table held 100,000 rows. The test sets that trap — the
 * table analyzed empty, three dozen check-ins on a database of one connection, batches as large as the
 * statement makes them — and reads the plan PostgreSQL kept, through EXPLAIN EXECUTE on that connection.
 * PGlite plans every statement per call (nothing is kept): the test checks that too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { configureProcess } from '../../platform.js';
import { createTestDb, engine, testConfig } from '../../test/harness.js';
import { seedFixtures } from '../../test/factories/index.js';
import * as attendance from './service.js';
import { addDays, businessDate, makeTrainees, makeWorld, northOf, openClass, VENUE_GCJ, type Trainee } from '../../test/factories/index.js';

let db: Db;
let trainees: Trainee[];
let sessionIds: string[];
const SESSIONS = 12;
const MIN = 60_000;
const now0 = Date.now();

beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb(1);
  const fx = await seedFixtures(db);
  const world = await makeWorld(db, fx.accounts.city_admin!.id);
  trainees = await makeTrainees(db, world, 3, 'subsidy', addDays(businessDate(new Date(now0)), -40));
  const at = (k: number) => ({ startsAt: new Date(now0 + (20 + k) * MIN), endsAt: new Date(now0 + (21 + k) * MIN) });
  const { sessions } = await openClass(
    db,
    world,
    Array.from({ length: SESSIONS }, (_, k) => at(k)),
    trainees,
  );
  sessionIds = sessions.map((s) => s.id);
});
afterAll(async () => db?.close());

describe('the check-in statement', () => {
  it('keeps index look-ups in the plan PostgreSQL caches, even when check_ins was analyzed empty', async () => {
    await db.query('ANALYZE check_ins'); // the trap: statistics of an empty table
    for (const sessionId of sessionIds) {
      const answers = await Promise.all(
        trainees.map((tr, i) =>
          attendance.checkInNow(tr.me.actor, db, sessionId, { ...northOf(VENUE_GCJ, 20 + 40 * i), accuracyM: 10, coordSystem: 'gcj02', deviceId: `p-${i}` }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(['accepted', 'accepted', 'accepted']);
    }
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM check_ins')).rows[0]!.n).toBe(SESSIONS * trainees.length);

    // the connection's prepared statements (the pool has one)
    const held = await db.query<{ name: string; generic_plans: number; custom_plans: number }>(
      "SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement LIKE '%INSERT INTO check_ins%'",
    );
    if (engine() === 'pglite') {
      expect(held.rows).toEqual([]); // planned per call
      return;
    }
    expect(held.rows).toHaveLength(1);
    const { name, generic_plans, custom_plans } = held.rows[0]!;
    // every execution (a dozen or more: one per batch) from the one kept plan, never planned per call
    expect(custom_plans).toBe(0);
    expect(generic_plans).toBeGreaterThanOrEqual(SESSIONS);
    // EXPLAIN EXECUTE shows the kept plan for one more check-in (EXECUTE takes literals, not bound parameters)
    const one = (
      await db.query<{ class_id: string; person_id: string; provider_id: string; voucher_id: string }>(
        'SELECT * FROM check_ins WHERE session_id = $1 LIMIT 1',
        [sessionIds[0]],
      )
    ).rows[0]!;
    const arr = (v: string) => `'{"${v}"}'`;
    // the plan kept (force_generic_plan reuses it, as the check-in transaction does)
    const plan = await db.tx(async (tx) => {
      await tx.query("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)");
      return tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (COSTS OFF) EXECUTE "${name}"('{0}', ${arr(sessionIds[0]!)}, ${arr(one.class_id)}, ${arr(one.person_id)}, ${arr(one.provider_id)}, '{310115}',
           ${arr(new Date().toISOString())}, '{31.2}', '{121.4}', '{gcj02}', '{31.2}', '{121.4}', '{k}', '{10}', '{5}', '{d}',
           ${arr(one.voucher_id)})`,
      );
    });
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan .*on check_ins/);
    expect(text).not.toMatch(/Seq Scan on check_ins/);
  });
});
