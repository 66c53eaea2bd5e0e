/**
 * Concurrency (meaningful on PostgreSQL, where transactions really overlap; on PGlite they serialise):
 * 1,000 concurrent approvals of overlapping claims reserve each claim once; 1,000 concurrent batch
 * inclusions of overlapping claims put each claim in at most one live batch; the money invariant holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { createTestDb, testConfig } from '../../test/harness.js';
import { configureProcess } from '../../platform.js';
import { SYSTEM } from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import { createClaimForPass, decideClaim } from './claims.js';
import { buildBatch, createBatch } from './disbursement.js';
import * as ledger from './ledger.js';
import { anyOccupation, assessedVoucher, endNotice, passFacts, setBudget, skillUpgrade } from './test-world.js';

const CLAIMS = 100;
const OPS = 1_000;
const BATCHES = 25;
const YEAR = new Date().getUTCFullYear();

const actor = (n: number, role: Actor['role'], districtCode: string | null = null): Actor => ({
  accountId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  username: role,
  role,
  districtCode,
  orgId: null,
  personId: null,
  sessionId: 's',
  mfaPassed: true,
  totpEnabled: true,
});

let db: Db;
const claimIds: string[] = [];
let amountTotal = 0;

beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb(24);
  const programmeId = (await skillUpgrade(db)).id;
  const occupation = await anyOccupation(db);
  await setBudget(db, programmeId, 1_000_000_000, YEAR);
  for (let i = 0; i < CLAIMS; i++) {
    const c = await db.tx(async (tx) => {
      const w = await assessedVoucher(tx, 5000 + i, { programmeId, occupationCode: occupation });
      return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { attendancePct: 10 }));
    });
    expect(c.status).toBe('in_review');
    claimIds.push(c.id);
    amountTotal += c.amount_fen;
  }
});
afterAll(async () => db?.close());

describe(`concurrency (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it(`${OPS} concurrent approvals of ${CLAIMS} claims: each approved and reserved exactly once`, async () => {
    const reviewers = [actor(1, 'city_admin'), actor(2, 'district_admin', '310115')];
    const results = await Promise.allSettled(
      Array.from({ length: OPS }, (_, i) =>
        db.tx((tx) => decideClaim(reviewers[i % 2]!, tx, claimIds[i % CLAIMS]!, { decision: 'approve', opinion: `核实 ${i}`, overrideReason: '考勤经核实' })),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const codes = new Set(
      results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code?: string }).code ?? String(r.reason)),
    );
    expect(ok).toBe(CLAIMS);
    expect([...codes]).toEqual(['CLAIM_STATE_INVALID']);
    const acc = (await ledger.listAccounts(db))[0]!;
    expect(acc.reservedFen).toBe(amountTotal);
    const f = await ledger.checkFunds(db);
    expect(f.problems).toEqual([]);
  });

  it(`${OPS} concurrent inclusions into ${BATCHES} batches: each claim in at most one live batch`, async () => {
    await endNotice(db);
    const makers = Array.from({ length: BATCHES }, (_, i) => actor(100 + i, 'finance'));
    const batches = await Promise.all(makers.map((m) => db.tx((tx) => createBatch(m, tx, {}))));
    const runs = await Promise.allSettled(Array.from({ length: OPS }, (_, i) => buildBatch(makers[i % BATCHES]!, db, batches[i % BATCHES]!.id)));
    const failures = runs.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason));
    expect(failures).toEqual([]);
    const { rows: dup } = await db.query<{ claim_id: string; n: number }>(
      "SELECT claim_id, count(*) AS n FROM disbursement_payments WHERE status IN ('pending','booked') GROUP BY claim_id HAVING count(*) > 1",
    );
    expect(dup).toEqual([]);
    const { rows: tot } = await db.query<{ n: number; fen: number }>(
      "SELECT count(*) AS n, COALESCE(sum(total_fen), 0)::bigint AS fen FROM disbursement_batches WHERE status = 'draft'",
    );
    const { rows: sumCount } = await db.query<{ n: number }>(
      "SELECT COALESCE(sum(payment_count), 0)::int AS n FROM disbursement_batches WHERE status = 'draft'",
    );
    expect(tot[0]!.n).toBe(BATCHES);
    expect(sumCount[0]!.n).toBe(CLAIMS);
    expect(tot[0]!.fen).toBe(amountTotal);
    const { rows: inBatch } = await db.query<{ n: number }>("SELECT count(*) AS n FROM subsidy_claims WHERE status = 'in_batch'");
    expect(inBatch[0]!.n).toBe(CLAIMS);
    expect((await ledger.checkFunds(db)).problems).toEqual([]);
  });
});
