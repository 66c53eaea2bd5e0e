/**
 * 核验与录取: the subsidy the provider's desk shows when it reads a voucher for a class is the claim's own amount
 * (claims/create.ts `expectedClaimAmountFen` → entitlement.ts `claimDecision`, the claim's function on the claim's
 * facts: the voucher's snapshot, the person's ratio, the class's level and fee). For holders of different ratios
 * (100 %, 80 %): read at the desk, trained, passed — the claim made by the pass carries the desk's figure. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessInstant } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate, makeWorld, northOf, OCC, openClass, sessionFor, VENUE_GCJ, type Trainee, type World } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/service.js';
import * as attendance from '../attendance/service.js';
import * as catalog from '../catalog/service.js';
import * as identity from '../identity/service.js';
import * as persons from '../persons/service.js';
import * as training from '../training/service.js';
import { nthIdNumber } from '../persons/synthetic.js';
import * as vouchers from '../vouchers/service.js';
import { fakeCard } from './test-world.js';

let t: TestApp;
let world: World;
const today = businessDate(new Date());
const YEAR = Number(today.slice(0, 4));
const day = addDays(today, -2);

async function makeHolder(n: number, category: string): Promise<Trainee> {
  const idNumber = nthIdNumber(720_000 + n + Math.floor(Math.random() * 1000) * 1000);
  const account = await t.db.tx(async (tx) => {
    const { person } = await persons.ensurePerson(tx, SYSTEM, {
      idNumber,
      name: `王估${n}`,
      districtCode: '310115',
      categories: [category],
      bankAccount: fakeCard(900 + n),
      bankName: '中国工商银行',
    });
    return identity.createAccount(tx, SYSTEM, { username: `est.${person.id.slice(0, 8)}`, displayName: person.name, role: 'worker', personId: person.id });
  });
  const me = await sessionFor(t.db, account);
  const issuedAt = businessInstant(addDays(day, -12), 9, 0, 0, 0);
  const applied = await t.db.tx((tx) => vouchers.applyForVoucher(me.actor, tx, { occupationCode: OCC, level: 4, programmeId: world.programme.id }, issuedAt));
  return { personId: account.person_id!, idNumber, me, voucherId: applied.voucher.id };
}

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  await t.db.tx((tx) => catalog.setBudget(SYSTEM, tx, { programmeId: world.programme.id, districtCode: '310115', year: YEAR, amountFen: 10_000_000 }));
});
afterAll(async () => t?.close());

describe('the desk’s estimate is the claim’s amount', () => {
  it.each([
    ['registered_unemployed', 100],
    ['employed', 80],
  ])('a holder of category %s (ratio %i percent): read at the desk, passed — the claim carries the desk’s figure', async (category, ratioPct) => {
    const holder = await makeHolder(ratioPct, category);
    const v = (await vouchers.getVoucher(t.db, holder.voucherId))!;
    expect(v.ratioPct).toBe(ratioPct);
    const session = { startsAt: new Date(`${day}T09:00:00+08:00`), endsAt: new Date(`${day}T12:00:00+08:00`) };
    const cred = { voucherNumber: v.number, idNumber: holder.idNumber };
    // read at the desk while the class still admits (a draft, before its deadline): admissible, with the estimate
    let estimate: number | null = null;
    const { cls, sessions } = await openClass(t.db, world, [session], [holder], {
      whileDraft: async (draft, at) => {
        const read = await training.verifyForClass(world.provider.staff.actor, t.db, draft.id, cred, at);
        expect(read).toMatchObject({ admissible: true, reasons: [] });
        estimate = read.voucher.subsidyEstimateFen;
      },
    });
    expect(estimate).toBeGreaterThan(0);
    // capped by the class's fee, as the claim is
    expect(estimate).toBeLessThanOrEqual(cls.feeFen);

    // read again once admitted and the class open: refused (with its reasons), and no estimate is priced for it
    const again = await t.call('POST', `/api/v1/classes/${cls.id}/verify`, { headers: { authorization: `Bearer ${world.provider.staff.token}` }, body: cred });
    expect(again.statusCode, again.body).toBe(200);
    const refused = again.json<{ admissible: boolean; reasons: string[]; voucher: { subsidyEstimateFen: number | null }; class: { state: string } }>();
    expect(refused).toMatchObject({ admissible: false, voucher: { subsidyEstimateFen: null }, class: { state: 'open' } });
    // each reason true to the facts: the voucher is admitted, the class in training, past its deadline; its one seat is
    // this voucher's own, so the class is not full for it
    expect(refused.reasons).toEqual(['VOUCHER_NOT_ISSUED', 'CLASS_NOT_ADMITTING', 'OPENING_DEADLINE_PASSED']);

    const spot = { ...northOf(VENUE_GCJ, 25), accuracyM: 12, coordSystem: 'gcj02' as const, deviceId: `est-${ratioPct}` };
    await t.db.tx((tx) => attendance.checkIn(holder.me.actor, tx, sessions[0]!.id, spot, new Date(sessions[0]!.startsAt.getTime() + 2 * 60_000)));
    const assign = await t.call('POST', '/api/v1/assessment/assignments', {
      as: 'district_admin',
      body: { classId: cls.id, assessorOrgId: t.fx.orgs.assessor!.id, note: '估算' },
    });
    expect(assign.statusCode, assign.body).toBe(201);
    const result = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: {
        voucherNumber: v.number,
        passed: true,
        score: 90,
        level: 4,
        certificateNumber: `CERT-EST-${ratioPct}`,
        certificateType: 'skill_level',
        assessedOn: today,
      },
    });
    expect(result.statusCode, result.body).toBe(201);
    const recorded = result.json<{ claimId: string; claimNumber: string | null; claimStatus: string | null }>();
    const { rows } = await t.db.query<{ id: string; number: string; status: string; amount_fen: number; ratio_pct: number }>(
      'SELECT id, number, status, amount_fen, ratio_pct FROM subsidy_claims WHERE voucher_id = $1',
      [holder.voucherId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.amount_fen).toBe(estimate);
    expect(rows[0]!.ratio_pct).toBe(ratioPct);

    // 考核结果 names the claim: its number and status, as recorded and as listed
    expect(recorded).toMatchObject({ claimId: rows[0]!.id, claimNumber: rows[0]!.number, claimStatus: rows[0]!.status });
    const list = await t.call('GET', `/api/v1/assessment/results?classId=${cls.id}&limit=20&offset=0`, { as: 'assessor' });
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{ items: Array<{ voucherNumber: string; claimNumber: string | null; claimStatus: string | null }> }>().items;
    expect(items.find((i) => i.voucherNumber === v.number)).toMatchObject({ claimNumber: rows[0]!.number, claimStatus: rows[0]!.status });
  });
});
