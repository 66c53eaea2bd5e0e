/**
 * The check-in statement (one check-in or a batch) is planned for each call, never from a plan cached on the connection.
 * PostgreSQL switches a named prepared statement to a generic plan after five executions when that plan looks
 * no dearer; made while check_ins is small (a new deployment's first morning), such a plan scans the table for
 * each check-in's related look-ups and stays until the table is next analyzed — a burst then slows to a crawl
 * (measured: 700–830 ms for a batch of 16 once the table held 100,000 rows). The test analyzes check_ins while
 * empty, as a new deployment's autovacuum would, checks in three dozen times on a database of one connection
 * and reads that connection's prepared statements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { configureProcess } from '../../platform.js';
import { createTestDb, testConfig } from '../../test/harness.js';
import { seedFixtures } from '../../test/fixtures.js';
import * as attendance from './service.js';
import { addDays, businessDate, makeTrainees, makeWorld, northOf, openClass, VENUE_GCJ, type Trainee } from './testkit.js';

let db: Db;
let trainees: Trainee[];
let sessionIds: string[];
const BATCHES = 12;
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
    Array.from({ length: BATCHES }, (_, k) => at(k)),
    trainees,
  );
  sessionIds = sessions.map((s) => s.id);
});
afterAll(async () => db?.close());

describe('the check-in statement', () => {
  it('is planned per call: after three dozen check-ins on one connection no cached plan over check_ins is held', async () => {
    // a new deployment: check_ins analyzed while empty
    await db.query('ANALYZE check_ins');
    for (const sessionId of sessionIds) {
      // the trainees of a session at once (on one connection they are written one after another, by the same statement)
      const answers = await Promise.all(
        trainees.map((tr, i) =>
          attendance.checkInNow(tr.me.actor, db, sessionId, { ...northOf(VENUE_GCJ, 20 + 40 * i), accuracyM: 10, coordSystem: 'gcj02', deviceId: `p-${i}` }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(['accepted', 'accepted', 'accepted']);
    }
    const rows = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM check_ins')).rows[0]!.n;
    expect(rows).toBe(BATCHES * trainees.length);
    // the connection's prepared statements (the pool has one): none over check_ins (before the fix: the check-in
    // statement, 31 generic plans after 5 custom ones)
    const held = await db.query<{ statement: string; generic_plans: number; custom_plans: number }>(
      "SELECT statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement LIKE '%check_ins%'",
    );
    expect(held.rows).toEqual([]);
  });
});
