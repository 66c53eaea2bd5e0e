/** Issue 15 item 6: validity is exactly the configured months (issued 01-10 with 3 months → valid through 04-09). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import * as persons from '../persons/service.js';
import { applyForVoucher } from './service.js';
import { actorOf, freshProgramme } from './test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const OCC = '4-10-01-05';

describe('validity: exactly the configured months, as a Shanghai date', () => {
  it('a subsidy voucher issued 2026-01-10 (Shanghai) with 3 months is valid through 2026-04-09; the API answers plain dates', async () => {
    const p = await freshProgramme(t.db, 'VAL-3M');
    await t.db.tx((tx) => catalog.updateProgramme(SYSTEM, tx, p.id, { validityMonths: 3 }));
    // 2026-01-09T16:30Z is 00:30 on 2026-01-10 in Shanghai: the issue date is the Shanghai date
    const r = await t.db.tx((tx) =>
      applyForVoucher(actorOf(t, 'worker'), tx, { occupationCode: OCC, level: 4, programmeId: p.id }, new Date('2026-01-09T16:30:00Z')),
    );
    expect(r.voucher.kind).toBe('subsidy');
    expect([r.voucher.validFrom, r.voucher.validUntil]).toEqual(['2026-01-10', '2026-04-09']);
    expect(r.voucher.categoryValidUntil).toBe('2026-04-09');
    const view = await t.call('GET', `/api/v1/vouchers/${r.voucher.id}`, { as: 'worker' });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ validFrom: '2026-01-10', validUntil: '2026-04-09' });
    const row = await t.db.query<{ v: string }>("SELECT to_char(valid_until, 'YYYY-MM-DD') AS v FROM vouchers WHERE id = $1", [r.voucher.id]);
    expect(row.rows[0]!.v).toBe('2026-04-09');
  });

  it('a check-in-only voucher issued 2026-11-30 (3 months) is valid through 2027-02-28, the month having no 30th', async () => {
    await t.db.tx((tx) => persons.updatePerson(actorOf(t, 'city_admin'), tx, t.fx.persons.worker_b!.id, { categories: [] }));
    const r = await t.db.tx((tx) => applyForVoucher(actorOf(t, 'worker_b'), tx, { occupationCode: OCC, level: 4 }, new Date('2026-11-30T04:00:00Z')));
    expect(r.voucher.kind).toBe('checkin_only');
    expect([r.voucher.validFrom, r.voucher.validUntil]).toEqual(['2026-11-30', '2027-02-28']);
  });
});
