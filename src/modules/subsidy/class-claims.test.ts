/**
 * GET /api/v1/classes/:id/claims: a provider reads the subsidy claims of its own class — each voucher's amount
 * and where the money is — without the payee's account; another provider's class answers 404, other roles 403.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { makeWorld, openClass, type World } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/service.js';
import { createClaimForPass } from './claims.js';
import { anyOccupation, assessedVoucher, passFacts, setBudget } from './test-world.js';

const YEAR = new Date().getUTCFullYear();
const HOUR = 3_600_000;
let t: TestApp;
let world: World;
let other: World;
let classId: string;
const claimed: Array<{ id: string; voucherId: string }> = [];

const bearer = (w: World) => ({ authorization: `Bearer ${w.provider.staff.token}` });

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  other = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310104', '徐汇技能培训中心');
  const start = new Date(Date.now() + 2 * 24 * HOUR);
  classId = (await openClass(t.db, world, [{ startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR) }], [])).cls.id;
  await setBudget(t.db, world.programme.id, 20_000_000, YEAR);
  const occupation = await anyOccupation(t.db);
  for (const [n, attendancePct] of [
    [7101, 95],
    [7102, 40],
  ] as const) {
    claimed.push(
      await t.db.tx(async (tx) => {
        const w = await assessedVoucher(tx, n, { programmeId: world.programme.id, occupationCode: occupation });
        const c = await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { providerId: world.provider.org.id, classId, attendancePct }));
        return { id: c.id, voucherId: w.voucherId };
      }),
    );
  }
});
afterAll(async () => t?.close());

describe('the claims of a provider’s class', () => {
  it('the provider reads each voucher’s amount and payment state, and no payee account', async () => {
    const r = await t.call('GET', `/api/v1/classes/${classId}/claims`, { headers: bearer(world) });
    expect(r.statusCode).toBe(200);
    const body = r.json<{ total: number; items: Array<Record<string, unknown>> }>();
    expect(body.total).toBe(2);
    const rows = (
      await t.db.query<{ voucher_id: string; number: string; amount_fen: number; status: string }>(
        'SELECT voucher_id, number, amount_fen, status FROM subsidy_claims WHERE class_id = $1 ORDER BY created_at, id',
        [classId],
      )
    ).rows;
    expect(body.items.map((i) => [i.voucherId, i.number, i.amountFen, i.status])).toEqual(
      rows.map((c) => [c.voucher_id, c.number, Number(c.amount_fen), c.status]),
    );
    // one passed every rule (approved, in its public notice), one went to review (attendance 40 %)
    expect(body.items.map((i) => i.status).sort()).toEqual(['approved', 'in_review']);
    expect(body.items.find((i) => i.status === 'approved')!.noticeLastDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.items.every((i) => i.paidAt === null)).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/account|personId|payeeName/i);
  });

  it('another provider’s class answers 404; an unknown class 404; a worker or an assessor is refused (403); a malformed id 400', async () => {
    expect((await t.call('GET', `/api/v1/classes/${classId}/claims`, { headers: bearer(other) })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/classes/${classId}/claims`, { as: 'worker' })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/classes/${classId}/claims`, { as: 'assessor' })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/classes/${randomUUID()}/claims`, { headers: bearer(world) })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/classes/not-a-class/claims', { headers: bearer(world) })).statusCode).toBe(400);
  });
});
