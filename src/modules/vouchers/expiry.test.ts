/**
 * The expiry pass under concurrency, at the service with a connection pool (PostgreSQL: really in flight at
 * once; PGlite: the same calls, serialised by its single session — the outcome must agree): two passes at
 * once and revocations racing them over the same blocks. Each voucher ends in exactly one state, voided at
 * most once, and the passes' counts add up to what they voided.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { configureProcess } from '../../platform.js';
import { createTestDb, engine, testConfig } from '../../test/harness.js';
import { seedFixtures } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/service.js';
import { expireVouchers } from './expiry.js';
import { transitionVoucher } from './service.js';
import { seedCheckinOnlyVouchers } from './test-support.js';

let db: Db;
let personId: string;

beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb(12);
  personId = (await seedFixtures(db)).persons.worker!.id;
});
afterAll(async () => db.close());

const seed = (n: number, validUntil: string): Promise<string[]> => seedCheckinOnlyVouchers(db, personId, n, validUntil);

const RUN = new Date('2026-11-29T16:05:00Z'); // 00:05 on 2026-11-30, Shanghai

describe('expiry under concurrency', () => {
  it('two passes and 120 revocations at once over the same blocks: every voucher in one end state, voided at most once', async () => {
    const due = await seed(1500, '2026-11-29');
    const valid = await seed(500, '2099-12-31');
    // revocations race the passes: 60 of the due vouchers (each ends revoked or expired, never both) and 60
    // valid ones (they must all succeed, whatever the passes hold meanwhile)
    const raceDue = due.filter((_, i) => i % 25 === 0);
    const raceValid = valid.filter((_, i) => i % 8 === 0).slice(0, 60);
    const revoke = (id: string) =>
      db
        .tx((tx) => transitionVoucher(tx, SYSTEM, id, 'revoked', { reason: 'race' }))
        .then(
          () => 'revoked',
          (e: { code?: string }) => e.code ?? String(e),
        );
    const [a, b, ...revocations] = await Promise.all([
      expireVouchers(db, { now: RUN, chunkBlocks: 1 }),
      expireVouchers(db, { now: RUN, chunkBlocks: 2 }),
      ...raceDue.map(revoke),
      ...raceValid.map(revoke),
    ]);
    expect(revocations.slice(raceDue.length)).toEqual(raceValid.map(() => 'revoked'));
    // a due voucher's revocation either won (revoked) or found it already expired
    expect(revocations.slice(0, raceDue.length).every((r) => r === 'revoked' || r === 'VOUCHER_NOT_USABLE')).toBe(true);
    const revokedDue = revocations.slice(0, raceDue.length).filter((r) => r === 'revoked').length;

    const states = (
      await db.query<{ status: string; n: number; passes: number }>(
        `SELECT status, count(*)::int AS n, count(DISTINCT expiry_pass_id)::int AS passes FROM voucher_states WHERE voucher_id = ANY($1::uuid[]) GROUP BY status ORDER BY status`,
        [due],
      )
    ).rows;
    expect(states.find((s) => s.status === 'issued')).toBeUndefined();
    expect(states.find((s) => s.status === 'revoked')?.n ?? 0).toBe(revokedDue);
    const expired = states.find((s) => s.status === 'expired')!.n;
    expect(expired).toBe(due.length - revokedDue);
    // the passes' counts add up to exactly what they voided (nothing voided twice)
    expect(a.expired + b.expired).toBe(expired);
    const pointing = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM voucher_states WHERE expiry_pass_id = ANY($1::bigint[])', [[a.passId, b.passId]])
    ).rows[0]!.n;
    expect(pointing).toBe(expired);
    // a revoked voucher has its revocation event and no pass; an expired one has no revocation event
    const mixed = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM voucher_states s
          WHERE s.voucher_id = ANY($1::uuid[])
            AND ((s.status = 'revoked' AND (s.expiry_pass_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM voucher_events e WHERE e.voucher_id = s.voucher_id AND e.to_status = 'revoked')))
              OR (s.status = 'expired' AND EXISTS (SELECT 1 FROM voucher_events e WHERE e.voucher_id = s.voucher_id AND e.to_status = 'revoked')))`,
        [due],
      )
    ).rows[0]!.n;
    expect(mixed).toBe(0);
    // the valid vouchers: the revoked ones revoked, the others still issued
    const validStates = (
      await db.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM voucher_states WHERE voucher_id = ANY($1::uuid[]) GROUP BY status ORDER BY status',
        [valid],
      )
    ).rows;
    expect(validStates).toEqual([
      { status: 'issued', n: valid.length - raceValid.length },
      { status: 'revoked', n: raceValid.length },
    ]);
    // both passes finished, with their summary audit entries
    const passes = (
      await db.query<{ expired: number; finished: boolean }>(
        'SELECT expired, finished_at IS NOT NULL AS finished FROM voucher_expiry_passes WHERE id = ANY($1::bigint[]) ORDER BY id',
        [[a.passId, b.passId]],
      )
    ).rows;
    expect(passes.every((p) => p.finished)).toBe(true);
    expect(passes.reduce((n, p) => n + p.expired, 0)).toBe(expired);
    const summaries = (
      await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'voucher.expire_pass' AND entity_id = ANY($1::text[])", [
        [a.passId, b.passId],
      ])
    ).rows[0]!.n;
    expect(summaries).toBe(2);
  });

  if (engine() === 'postgres')
    it('`skillvoucher jobs expire` on PostgreSQL: voids what is due as of today (Shanghai), with a progress bar, and says how many', async () => {
      const due = await seed(120, '2026-11-01');
      const dbName = (await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${dbName}`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'jobs', 'expire'], {
        env: { ...process.env, DATABASE_URL: url.toString(), NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      });
      // not a terminal: the bar prints its steps as lines
      expect(stdout).toMatch(/expiry \(blocks\): \d+\/\d+ \(100%\)/);
      const m = /expired (\d+) vouchers \(cut-off (\d{4}-\d{2}-\d{2})\)/.exec(stdout);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(due.length);
      expect(m![2]).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));
      const left = (
        await db.query<{ n: number }>("SELECT count(*)::int AS n FROM voucher_states WHERE voucher_id = ANY($1::uuid[]) AND status <> 'expired'", [due])
      ).rows[0]!.n;
      expect(left).toBe(0);
    }, 120_000);
});
