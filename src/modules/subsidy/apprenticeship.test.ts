/**
 * 企业新型学徒制 (apprenticeship): the standard is per apprentice per year, paid to the enterprise for the
 * months of the training period, at most 2 years per apprentice over all apprenticeship claims — the named
 * rule APPRENTICESHIP_PERIOD_CAP with its reason, the months kept on the claim, the amount prorated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import * as persons from '../persons/service.js';
import * as vouchers from '../vouchers/service.js';
import { createClaimForPass, type ClaimRow } from './claims.js';
import * as ledger from './ledger.js';
import { claimAmount } from './rules.js';
import { anyOccupation, assessedVoucher, fakeIdNumber, passFacts, setBudget } from './test-world.js';

const YEAR = new Date().getUTCFullYear();
let t: TestApp;
let programme: catalog.Programme;
let occupations: string[];

beforeAll(async () => {
  t = await createTestApp();
  programme = (await catalog.getProgrammeByCode(t.db, 'SH-APPRENTICESHIP'))!;
  occupations = [await anyOccupation(t.db, 0), await anyOccupation(t.db, 1), await anyOccupation(t.db, 2), await anyOccupation(t.db, 3)];
  await setBudget(t.db, programme.id, 50_000_000, YEAR);
});
afterAll(async () => t?.close());

/** An employed apprentice of the fixture enterprise with an assessed apprenticeship voucher. */
async function apprentice(n: number, occupationCode: string): Promise<{ personId: string; voucherId: string }> {
  return t.db.tx(async (tx) => {
    await persons.ensurePerson(tx, SYSTEM, {
      idNumber: fakeIdNumber(n),
      name: `学徒${n}`,
      districtCode: '310115',
      categories: ['employed'],
      employerUscc: t.fx.orgs.enterprise!.uscc,
      employerName: '浦东制造有限公司',
    });
    return assessedVoucher(tx, n, { programmeId: programme.id, occupationCode, categories: ['employed'] });
  });
}

const claimFor = (voucherId: string, start: string | null, end: string | null) =>
  t.db.tx((tx) => createClaimForPass(tx, SYSTEM, passFacts(voucherId, { trainingStartOn: start, trainingEndOn: end, feeFen: 2_000_000 })));
const rule = (c: ClaimRow) => c.rules.find((r) => r.rule === 'APPRENTICESHIP_PERIOD_CAP')!;
/** The voucher leaves the open states (paid and settled), so the person may hold the next one. */
const settle = (voucherId: string) => t.db.tx((tx) => vouchers.transitionVoucher(tx, SYSTEM, voucherId, 'settled', { reason: 'test: paid' }));

describe('apprenticeship subsidy: per year, at most 2 years', () => {
  it('a 12-month apprenticeship: the yearly standard once, paid to the enterprise, approved', async () => {
    const a = await apprentice(3001, occupations[0]!);
    const c = await claimFor(a.voucherId, '2025-12-01', '2026-11-30');
    expect(rule(c)).toEqual({
      rule: 'APPRENTICESHIP_PERIOD_CAP',
      passed: true,
      reason: '12 months subsidised, 12 of at most 2 years (24 months) per apprentice',
    });
    expect(c.status).toBe('approved');
    expect(c.apprenticeship_months).toBe(12);
    expect(c.payee_kind).toBe('enterprise');
    expect(c.amount_fen).toBe(claimAmount({ standardFen: c.standard_fen, upliftPct: c.uplift_pct, ratioPct: c.ratio_pct, feeFen: c.fee_fen }));
    expect(c.amount_fen).toBeGreaterThan(0);
    const view = await t.call('GET', `/api/v1/subsidy/claims/${c.id}`, { as: 'city_admin' });
    expect(view.json()).toMatchObject({ apprenticeshipMonths: 12, amountFen: c.amount_fen, status: 'approved' });
  });

  it('the second period is capped at what the 2 years leave (18 months → 12), and the third gets nothing: in review with the rule named', async () => {
    const first = await apprentice(3101, occupations[0]!);
    const c1 = await claimFor(first.voucherId, '2024-01-01', '2024-12-31');
    expect(c1.apprenticeship_months).toBe(12);
    await settle(first.voucherId);

    const second = await t.db.tx((tx) => assessedVoucher(tx, 3101, { programmeId: programme.id, occupationCode: occupations[1]!, categories: ['employed'] }));
    const c2 = await claimFor(second.voucherId, '2025-01-01', '2026-06-30');
    expect(c2.apprenticeship_months).toBe(12);
    expect(rule(c2)).toMatchObject({ passed: true, reason: expect.stringContaining("12 of the period's 18 months subsidised (12 claimed before") });
    expect(c2.amount_fen).toBe(claimAmount({ standardFen: c2.standard_fen, upliftPct: c2.uplift_pct, ratioPct: c2.ratio_pct, feeFen: c2.fee_fen, months: 12 }));
    expect(c2.status).toBe('approved');
    await settle(second.voucherId);

    const budget = (await ledger.listAccounts(t.db, { districtCode: '310115', year: YEAR })).find((x) => x.programmeId === programme.id)!;
    const third = await t.db.tx((tx) => assessedVoucher(tx, 3101, { programmeId: programme.id, occupationCode: occupations[2]!, categories: ['employed'] }));
    const c3 = await claimFor(third.voucherId, '2026-07-01', '2026-11-30');
    expect(c3.status).toBe('in_review');
    expect(rule(c3)).toEqual({
      rule: 'APPRENTICESHIP_PERIOD_CAP',
      passed: false,
      reason: 'apprenticeship subsidy already claimed for 24 months: at most 2 years (24 months) per apprentice',
    });
    expect(c3.apprenticeship_months).toBe(0);
    expect(c3.amount_fen).toBe(0);
    // nothing reserved for it
    const after = (await ledger.listAccounts(t.db, { districtCode: '310115', year: YEAR })).find((x) => x.programmeId === programme.id)!;
    expect(after).toEqual(budget);
    const review = await t.call('GET', `/api/v1/subsidy/claims/${c3.id}`, { as: 'district_admin' });
    expect(review.json().failedRules).toContain('APPRENTICESHIP_PERIOD_CAP');
    // the reviewer rejects it: the voucher closes (no subsidy)
    const r = await t.call('POST', `/api/v1/subsidy/claims/${c3.id}/decision`, {
      as: 'district_admin',
      body: { decision: 'reject', opinion: '学徒补贴已满2年' },
    });
    expect(r.statusCode).toBe(200);
    expect((await vouchers.getVoucher(t.db, third.voucherId))!.status).toBe('closed');
  });

  it('a period longer than 2 years is paid for 24 months; a rejected claim’s months do not count', async () => {
    const a = await apprentice(3201, occupations[0]!);
    const long = await claimFor(a.voucherId, '2023-06-01', '2026-05-31');
    expect(long.apprenticeship_months).toBe(24);
    expect(rule(long).reason).toContain("24 of the period's 36 months subsidised");
    const r = await t.call('POST', `/api/v1/subsidy/claims/${long.id}/decision`, { as: 'city_admin', body: { decision: 'reject', opinion: '培训期不实' } });
    expect(r.statusCode).toBe(200);
    // the voucher is closed; a new apprenticeship voucher's claim has the full 2 years again
    const next = await t.db.tx((tx) => assessedVoucher(tx, 3201, { programmeId: programme.id, occupationCode: occupations[3]!, categories: ['employed'] }));
    const c = await claimFor(next.voucherId, '2025-06-01', '2026-05-31');
    expect(c.apprenticeship_months).toBe(12);
    expect(rule(c).passed).toBe(true);
  });

  it('an unknown period (no class dates) is not guessed: the rule fails with its reason and nothing is paid', async () => {
    const a = await apprentice(3301, occupations[0]!);
    const c = await claimFor(a.voucherId, null, null);
    expect(c.status).toBe('in_review');
    expect(rule(c)).toMatchObject({ passed: false, reason: expect.stringContaining('period is unknown') });
    expect(c.amount_fen).toBe(0);
  });

  it('other programmes are untouched: the rule passes as not applicable and no months are kept', async () => {
    const skill = (await catalog.getProgrammeByCode(t.db, 'SH-SKILL-UPGRADE'))!;
    await setBudget(t.db, skill.id, 10_000_000, YEAR);
    const w = await t.db.tx((tx) => assessedVoucher(tx, 3401, { programmeId: skill.id, occupationCode: occupations[0]! }));
    const c = await claimFor(w.voucherId, '2026-01-01', '2026-12-31');
    expect(rule(c)).toEqual({ rule: 'APPRENTICESHIP_PERIOD_CAP', passed: true, reason: 'not an apprenticeship programme' });
    expect(c.apprenticeship_months).toBeNull();
    expect(c.status).toBe('approved');
  });
});
