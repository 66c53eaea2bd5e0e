/**
 * The live deltas' look-ups (lookups.ts, composed from the owners' `analyticsLookups`) are index look-ups: with
 * sequential scans priced out (`enable_seqscan = off`), no table the INSERT reads is scanned whole — a table
 * scanned anyway has no index the look-up can use. Before the look-ups moved to their owners, a voucher's latest
 * admission scanned `admissions` (no index on the voucher alone): at 100,000 admissions every facts INSERT was
 * costed past `jit_above_cost`, and PostgreSQL compiled it on the hot paths (40–290 ms a statement).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { sqlLiteral } from '../../db/index.js';
import { configureProcess } from '../../platform.js';
import { createTestDb, testConfig } from '../../test/harness.js';
import { eventsInsert, issuedFactsCte } from './lookups.js';

let db: Db;

beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb(1);
});
afterAll(async () => db?.close());

const TABLES = ['persons', 'voucher_records', 'issuances', 'admissions', 'training_classes'];
const V = '0190c2a4-0000-7000-8000-000000000001';
const P = '0190c2a4-0000-7000-8000-000000000002';
const C = '0190c2a4-0000-7000-8000-000000000003';
const event = (e: { voucher_id: string | null; class_id: string | null; latest_class: boolean; person_id: string | null }) => ({
  metric: 'admitted',
  ...e,
  at: '2026-09-14T02:00:00.000Z',
  n: 1,
  amount_fen: 0,
  since_issue: true,
  days: 0,
});

/** The plan of `sql` with sequential scans priced out: the tables it still scans whole. */
async function scannedWhole(sql: string): Promise<string[]> {
  return db.tx(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    return TABLES.filter((t) => new RegExp(`Seq Scan on ${t}\\b`).test(plan));
  });
}

describe('the deltas’ look-ups are index look-ups', () => {
  it.each([
    ['an admission in its class', [event({ voucher_id: V, class_id: C, latest_class: false, person_id: null })]],
    [
      'a check-in with and without a voucher',
      [event({ voucher_id: V, class_id: C, latest_class: false, person_id: P }), event({ voucher_id: null, class_id: C, latest_class: false, person_id: P })],
    ],
    ['a settlement in the class of the latest admission', [event({ voucher_id: V, class_id: null, latest_class: true, person_id: null })]],
  ])('%s', async (_, events) => {
    expect(await scannedWhole(eventsInsert(sqlLiteral(JSON.stringify(events))))).toEqual([]);
  });

  it('an issuance chunk: the holders’ districts and the issuance', async () => {
    const rows = `(SELECT ${sqlLiteral(P)}::uuid AS person_id, NULL::uuid AS programme_id, NULL::text AS occupation_code, NULL::smallint AS level,
                          ${sqlLiteral(V)}::uuid AS issuance_id, 'employed'::text AS category, 'targeted'::text AS mode, now() AS issued_at)`;
    expect(await scannedWhole(`WITH fx AS (${issuedFactsCte(rows)}) SELECT 1`)).toEqual([]);
  });
});
