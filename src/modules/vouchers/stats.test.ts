/**
 * Issue 15 item 9: a check-in-only voucher counts in the statistics of the district where its training takes
 * place (the class's district), not its holder's; a subsidy voucher stays with the district that issued it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { makeTrainees, makeWorld, openClass } from '../../test/factories/index.js';
import { inDays } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/service.js';
import { admitVoucher, transitionVoucher } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

interface Stats {
  total: number;
  byStatus: Record<string, number>;
  rows: Array<{ districtCode: string | null; programmeId: string | null; status: string; count: number }>;
}
const stats = async (as: string, query = ''): Promise<Stats> => {
  const r = await t.call('GET', `/api/v1/vouchers/stats${query}`, { as });
  expect(r.statusCode).toBe(200);
  return r.json() as Stats;
};
const cell = (s: Stats, district: string, status: string): number =>
  s.rows.filter((r) => r.districtCode === district && r.status === status).reduce((n, r) => n + r.count, 0);

const inUse = (s: Stats): number => (s.byStatus.admitted ?? 0) + (s.byStatus.in_training ?? 0);

describe('voucher statistics: check-in-only vouchers count where the training takes place', () => {
  it('admitted to a class in 徐汇 (310104), holders of 浦东 (310115): the check-in-only vouchers move to 310104, the subsidy voucher stays', async () => {
    const world = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310104', '徐汇职业培训学校');
    const checkin = await makeTrainees(t.db, world, 2, 'checkin_only', inDays(-1));
    const subsidy = await makeTrainees(t.db, world, 1, 'subsidy', inDays(-1));
    await makeTrainees(t.db, world, 1, 'checkin_only', inDays(-1)); // never admitted: stays with its holder's district

    const before = { pudong: await stats('district_admin'), xuhui: await stats('district_admin_b'), city: await stats('city_admin') };
    expect(cell(before.city, '310115', 'issued')).toBeGreaterThanOrEqual(4);

    const d = inDays(20);
    await openClass(t.db, world, [{ startsAt: new Date(`${d}T09:00:00+08:00`), endsAt: new Date(`${d}T12:00:00+08:00`) }], [...checkin, ...subsidy]);

    const after = { pudong: await stats('district_admin'), xuhui: await stats('district_admin_b'), city: await stats('city_admin') };
    // the district admin of the training's district sees the two check-in-only vouchers in their figures
    expect(after.xuhui.total).toBe(before.xuhui.total + 2);
    expect(inUse(after.xuhui)).toBe(inUse(before.xuhui) + 2);
    expect(cell(after.xuhui, '310104', 'in_training')).toBe(cell(before.xuhui, '310104', 'in_training') + 2); // the class has opened
    // the holders' district no longer counts them; it still counts the subsidy voucher (now admitted)
    expect(after.pudong.total).toBe(before.pudong.total - 2);
    expect(after.pudong.byStatus.issued).toBe(before.pudong.byStatus.issued! - 3);
    expect(inUse(after.pudong)).toBe(inUse(before.pudong) + 1);
    // the city's total is unchanged: each voucher is counted once
    expect(after.city.total).toBe(before.city.total);
    expect(cell(after.city, '310104', 'in_training')).toBe(cell(before.city, '310104', 'in_training') + 2);
    // the city admin's district filter agrees with the district admin's view
    expect((await stats('city_admin', '?districtCode=310104')).total).toBe(after.xuhui.total);
    // a district admin asking for another district still gets 404
    expect((await t.call('GET', '/api/v1/vouchers/stats?districtCode=310104', { as: 'district_admin' })).statusCode).toBe(404);
    // recorded by the vouchers service in the admission's statement, for the check-in-only vouchers only
    const { rows } = await t.db.query<{ voucher_id: string; district_code: string }>(
      'SELECT voucher_id::text, district_code FROM voucher_training_districts WHERE voucher_id = ANY($1::uuid[]) ORDER BY 1',
      [[...checkin, ...subsidy].map((x) => x.voucherId)],
    );
    expect(rows).toEqual(checkin.map((x) => ({ voucher_id: x.voucherId, district_code: '310104' })).sort((a, b) => (a.voucher_id < b.voucher_id ? -1 : 1)));
  });

  it("withdrawn from its class, a check-in-only voucher counts in its holder's district again", async () => {
    const world = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310104', '徐汇职业培训学校二');
    const [v] = await makeTrainees(t.db, world, 1, 'checkin_only', inDays(-1));
    const before = { pudong: (await stats('district_admin')).total, xuhui: (await stats('district_admin_b')).total };
    const classId = '00000000-0000-4000-8000-00000000c1a5';
    await t.db.tx((tx) => admitVoucher(tx, SYSTEM, v!.voucherId, { reason: 'test', asOf: new Date(), training: { classId, districtCode: '310104' } }));
    expect([(await stats('district_admin')).total, (await stats('district_admin_b')).total]).toEqual([before.pudong - 1, before.xuhui + 1]);
    await t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v!.voucherId, 'issued', { expectFrom: 'admitted', reason: 'withdrawn' }));
    expect([(await stats('district_admin')).total, (await stats('district_admin_b')).total]).toEqual([before.pudong, before.xuhui]);
    expect(await t.count('voucher_training_districts', `voucher_id = '${v!.voucherId}'`)).toBe(0);
  });
});
