import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { configureProcess } from '../../platform.js';
import { createTestDb, testConfig } from '../../test/harness.js';
import { demoSocialInsurance } from '../../demo/seed.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import { createClaimForPass } from './claims.js';
import * as ledger from './ledger.js';
import { skillUpgradeRules, type SkillUpgradeFacts } from './rules.js';
import {
  SocialInsuranceSimulator,
  SscCardSimulator,
  configureSocialInsurance,
  setSimulatedRecords,
  socialInsuranceRecord,
  sscCard,
} from './social-insurance.js';
import { anyOccupation, assessedVoucher, fakeIdNumber, passFacts, setBudget, skillUpgrade } from './test-world.js';

// ------------------------------------------------------------------------------------------ pure rules

const base: SkillUpgradeFacts = {
  certificateDate: '2026-01-05',
  claimDate: '2026-06-01',
  claimWindowMonths: 12,
  uiMonths: 24,
  minUiMonths: 12,
  paidToSsc: true,
  sscFinancialActive: true,
};
const failed = (f: Partial<SkillUpgradeFacts>) =>
  skillUpgradeRules({ ...base, ...f })
    .filter((r) => !r.passed)
    .map((r) => r.rule);

describe('skill-upgrade rules (pure)', () => {
  it.each<[string, Partial<SkillUpgradeFacts>, string[]]>([
    ['all met', {}, []],
    ['claimed on the last day of the window', { claimDate: '2027-01-05' }, []],
    ['claimed the day after the window', { claimDate: '2027-01-06' }, ['CERTIFICATE_TOO_OLD']],
    ['month end clamps (01-31 + 1 month = 02-28)', { certificateDate: '2026-01-31', claimWindowMonths: 1, claimDate: '2026-02-28' }, []],
    ['month end clamps, one day later', { certificateDate: '2026-01-31', claimWindowMonths: 1, claimDate: '2026-03-01' }, ['CERTIFICATE_TOO_OLD']],
    ['certificate date not a date', { certificateDate: '2026-02-30' }, ['CERTIFICATE_TOO_OLD']],
    ['exactly the minimum paid', { uiMonths: 12 }, []],
    ['one month short', { uiMonths: 11 }, ['UI_CONTRIBUTION_TOO_SHORT']],
    ['the record does not say', { uiMonths: null }, ['UI_CONTRIBUTION_TOO_SHORT']],
    ['card financial function not active', { sscFinancialActive: false }, ['SSC_FINANCIAL_INACTIVE']],
    ['card status unknown', { sscFinancialActive: null }, ['SSC_FINANCIAL_INACTIVE']],
    ['not paid to the card: its status does not matter', { paidToSsc: false, sscFinancialActive: false }, []],
    [
      'all three fail',
      { claimDate: '2028-01-01', uiMonths: 0, sscFinancialActive: false },
      ['CERTIFICATE_TOO_OLD', 'UI_CONTRIBUTION_TOO_SHORT', 'SSC_FINANCIAL_INACTIVE'],
    ],
  ])('%s', (_, patch, expected) => {
    expect(failed(patch)).toEqual(expected);
  });

  it('names the reason of each failure', () => {
    const rs = skillUpgradeRules({ ...base, claimDate: '2027-02-01', uiMonths: 6, sscFinancialActive: false });
    expect(rs.map((r) => r.reason)).toEqual([
      'claimed on 2027-02-01, more than 12 months after the certificate (2026-01-05; last day 2027-01-05)',
      'unemployment insurance paid for 6 months, fewer than 12',
      'the social security card’s financial function is not active',
    ]);
  });
});

describe('the demo world seeds the simulator so that some persons fail each condition', () => {
  it('is deterministic; the demo workers pass; others fail each condition', () => {
    const people = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, idNumber: fakeIdNumber(i) }));
    const keep = new Set(['p3', 'p5']);
    const a = demoSocialInsurance(people, keep);
    expect(demoSocialInsurance(people, keep)).toEqual(a);
    const byId = new Map(people.map((p, i) => [p.id, a[i]!]));
    expect(byId.get('p3')).toMatchObject({ sscFinancialActive: true });
    expect(byId.get('p3')!.uiMonths).toBeGreaterThanOrEqual(12);
    expect(byId.get('p5')!.sscFinancialActive).toBe(true);
    expect(a.filter((r) => r.uiMonths < 12).length).toBeGreaterThan(3);
    expect(a.filter((r) => !r.sscFinancialActive).length).toBeGreaterThan(3);
    expect(a.filter((r) => r.uiMonths >= 12 && r.sscFinancialActive).length).toBeGreaterThan(40);
  });
});

// ------------------------------------------------------------------------------- claims (both engines)

const YEAR = 2026;
const CERT = `${YEAR}-01-05`;
const inWindow = new Date(`${YEAR}-03-02T02:00:00Z`);
let db: Db;
let upgradeId: string;
let otherId: string;
let occupation: string;

beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb();
  upgradeId = (await skillUpgrade(db)).id;
  occupation = await anyOccupation(db);
  otherId = await db.tx(async (tx) => {
    const p = await catalog.createProgramme(SYSTEM, tx, {
      code: 'TEST-ENTERPRISE',
      name: '测试：企业职工培训',
      type: 'enterprise_training',
      fundingSource: 'employment_subsidy_fund',
      payee: 'person',
      eligibleCategories: ['registered_unemployed'],
    });
    await catalog.setStandard(SYSTEM, tx, p.id, { occupationCode: null, level: 4, amountFen: 150_000 });
    return p.id;
  });
  await setBudget(db, upgradeId, 50_000_000, YEAR);
  await setBudget(db, otherId, 50_000_000, YEAR);
  // the simulators' records: person 21 paid 6 months, person 22's card is not active, 23 both
  await db.tx((tx) =>
    setSimulatedRecords(tx, [
      { idNumber: fakeIdNumber(21), uiMonths: 6, sscFinancialActive: true },
      { idNumber: fakeIdNumber(22), uiMonths: 40, sscFinancialActive: false },
      { idNumber: fakeIdNumber(23), uiMonths: 11, sscFinancialActive: false },
      { idNumber: fakeIdNumber(24), uiMonths: 12, sscFinancialActive: true },
    ]),
  );
});
afterAll(async () => db?.close());
afterEach(() => configureSocialInsurance('simulator'));

async function claimFor(n: number, programmeId: string, now: Date, assessedOn = CERT) {
  return db.tx(async (tx) => {
    const w = await assessedVoucher(tx, n, { programmeId, occupationCode: occupation });
    return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { assessedOn }), now);
  });
}
const failedOf = (c: { rules: Array<{ rule: string; passed: boolean }> }) => c.rules.filter((r) => !r.passed).map((r) => r.rule);
const reserved = async (claimId: string) => (await ledger.reservedFor(db, claimId))?.fen ?? 0;

describe('技能提升补贴 claims', () => {
  it('the simulators are named as such and answer from their records (defaults for a person they do not hold)', async () => {
    expect(socialInsuranceRecord()).toBeInstanceOf(SocialInsuranceSimulator);
    expect(sscCard()).toBeInstanceOf(SscCardSimulator);
    expect(await socialInsuranceRecord().unemploymentInsurance(db, fakeIdNumber(21), '2026-03-02')).toEqual({
      months: 6,
      source: 'social-insurance simulator (社保记录模拟器)',
    });
    expect((await sscCard().financialStatus(db, fakeIdNumber(22))).active).toBe(false);
    expect((await socialInsuranceRecord().unemploymentInsurance(db, fakeIdNumber(99), '2026-03-02')).months).toBe(36);
    expect(() => configureSocialInsurance('provincial-http')).toThrow(/only "simulator"/);
  });

  it('all conditions met → approved, the three checks listed as passed', async () => {
    const c = await claimFor(24, upgradeId, inWindow);
    expect(c.status).toBe('approved');
    expect(c.rules.filter((r) => ['CERTIFICATE_TOO_OLD', 'UI_CONTRIBUTION_TOO_SHORT', 'SSC_FINANCIAL_INACTIVE'].includes(r.rule))).toEqual([
      expect.objectContaining({ rule: 'CERTIFICATE_TOO_OLD', passed: true }),
      expect.objectContaining({ rule: 'UI_CONTRIBUTION_TOO_SHORT', passed: true }),
      expect.objectContaining({ rule: 'SSC_FINANCIAL_INACTIVE', passed: true }),
    ]);
  });

  it('each failing condition sends the claim to review with its named reason; nothing is reserved', async () => {
    const old = await claimFor(25, upgradeId, new Date(`${YEAR + 1}-01-06T02:00:00Z`));
    expect(old.status).toBe('in_review');
    expect(failedOf(old)).toEqual(['CERTIFICATE_TOO_OLD']);
    expect(old.rules.find((r) => r.rule === 'CERTIFICATE_TOO_OLD')!.reason).toContain('more than 12 months after the certificate (2026-01-05');
    const lastDay = await claimFor(26, upgradeId, new Date(`${YEAR + 1}-01-05T02:00:00Z`));
    expect(failedOf(lastDay)).toEqual([]);

    const ui = await claimFor(21, upgradeId, inWindow);
    expect(ui.status).toBe('in_review');
    expect(failedOf(ui)).toEqual(['UI_CONTRIBUTION_TOO_SHORT']);
    expect(ui.rules.find((r) => r.rule === 'UI_CONTRIBUTION_TOO_SHORT')!.reason).toBe('unemployment insurance paid for 6 months, fewer than 12');

    const card = await claimFor(22, upgradeId, inWindow);
    expect(card.status).toBe('in_review');
    expect(failedOf(card)).toEqual(['SSC_FINANCIAL_INACTIVE']);

    const both = await claimFor(23, upgradeId, inWindow);
    expect(failedOf(both)).toEqual(['UI_CONTRIBUTION_TOO_SHORT', 'SSC_FINANCIAL_INACTIVE']);

    for (const c of [old, ui, card, both]) expect(await reserved(c.id)).toBe(0);
    const { rows } = await db.query<{ reason: string }>("SELECT reason FROM claim_events WHERE claim_id = $1 AND to_status = 'in_review'", [card.id]);
    expect(rows[0]!.reason).toBe('SSC_FINANCIAL_INACTIVE');
    expect((await ledger.checkFunds(db)).problems).toEqual([]);
  });

  it('other programmes are not subject to these conditions', async () => {
    await db.tx((tx) => setSimulatedRecords(tx, [{ idNumber: fakeIdNumber(27), uiMonths: 0, sscFinancialActive: false }]));
    const c = await claimFor(27, otherId, new Date(`${YEAR + 1}-06-01T02:00:00Z`));
    expect(c.status).toBe('approved');
    expect(c.rules.map((r) => r.rule)).not.toContain('UI_CONTRIBUTION_TOO_SHORT');
  });

  it('a real system plugs in through the same interfaces; an unknown answer sends the claim to review', async () => {
    configureSocialInsurance('provincial', {
      record: { name: 'stub', unemploymentInsurance: async () => ({ months: null, source: 'stub' }) },
      card: { name: 'stub', financialStatus: async () => ({ active: null, source: 'stub' }) },
    });
    const c = await claimFor(28, upgradeId, inWindow);
    expect(c.status).toBe('in_review');
    expect(failedOf(c)).toEqual(['UI_CONTRIBUTION_TOO_SHORT', 'SSC_FINANCIAL_INACTIVE']);
    expect(c.rules.find((r) => r.rule === 'SSC_FINANCIAL_INACTIVE')!.reason).toBe('the social security card’s financial function could not be confirmed');
  });
});
