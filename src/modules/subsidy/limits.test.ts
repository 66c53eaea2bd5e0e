/**
 * Limits cannot be bypassed (issue 15, item 2; DESIGN §4): a claim still in review counts for "same
 * occupation and level once", "no lower after higher" and "≤ 2 per year (students 1)"; a manual approval
 * re-checks every limit in its transaction (a failing one refuses it and changes nothing); two vouchers of
 * different programmes for the same occupation and level are never both approved (the database refuses it
 * too); the once-only ratio of graduating secondary-vocational students is applied once, from the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { adminActor } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import * as persons from '../persons/service.js';
import * as vouchers from '../vouchers/service.js';
import { createClaimForPass, type ClaimRow, type PassFacts } from './claims.js';
import { anyOccupation, assessedVoucher, passFacts, setBudget, skillUpgrade } from './test-world.js';

const YEAR = new Date().getUTCFullYear();
let t: TestApp;
let skill: string;
let second: string;
let third: string;
let occ: string[];

beforeAll(async () => {
  t = await createTestApp();
  skill = (await skillUpgrade(t.db)).id;
  // two more programmes paid to the person, with a standard for every level (a person holds one open
  // voucher per programme)
  const programme = (code: string) =>
    t.db.tx(async (tx) => {
      const p = await catalog.createProgramme(SYSTEM, tx, {
        code,
        name: `补贴项目 ${code} (test)`,
        type: 'skill_upgrade',
        fundingSource: 'unemployment_insurance_fund',
        payee: 'person',
        eligibleCategories: ['registered_unemployed', 'employed', 'college_graduating', 'secondary_vocational_graduating'],
      });
      for (const level of [0, 1, 2, 3, 4, 5]) await catalog.setStandard(SYSTEM, tx, p.id, { occupationCode: null, level, amountFen: 100_000 + level * 10_000 });
      return p.id;
    });
  second = await programme('TEST-SECOND');
  third = await programme('TEST-THIRD');
  occ = [await anyOccupation(t.db, 0), await anyOccupation(t.db, 1), await anyOccupation(t.db, 2)];
  for (const p of [skill, second, third]) {
    await setBudget(t.db, p, 50_000_000, YEAR);
    await setBudget(t.db, p, 50_000_000, YEAR - 1);
  }
});
afterAll(async () => t?.close());

async function claim(
  n: number,
  programmeId: string,
  occupationCode: string,
  level: number,
  opts: { patch?: Partial<PassFacts>; categories?: string[]; now?: Date } = {},
): Promise<ClaimRow> {
  return t.db.tx(async (tx) => {
    const w = await assessedVoucher(tx, n, { programmeId, occupationCode, level, ...(opts.categories ? { categories: opts.categories } : {}) });
    return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { level, ...opts.patch }), opts.now);
  });
}
const low = { patch: { attendancePct: 40 } }; // fails ATTENDANCE_THRESHOLD only: the claim waits in review
const failed = (c: ClaimRow) => c.rules.filter((r) => !r.passed).map((r) => r.rule);
// the claims here fail ATTENDANCE_THRESHOLD (`low`) besides the limits: an approval gives the officer's reason for it
const decide = (id: string, decision: 'approve' | 'reject', opinion = '核实无误') =>
  t.call('POST', `/api/v1/subsidy/claims/${id}/decision`, {
    as: 'district_admin',
    body: { decision, opinion, ...(decision === 'approve' ? { overrideReason: '考勤记录经现场核实' } : {}) },
  });
const status = async (id: string) => (await t.db.query<{ status: string }>('SELECT status FROM subsidy_claims WHERE id = $1', [id])).rows[0]!.status;

describe('a claim still in review counts for the limits', () => {
  it('same occupation and level once: a second claim (another programme) waits in review with the reason named', async () => {
    const a = await claim(7001, skill, occ[0]!, 4, low);
    expect(a.status).toBe('in_review');
    expect(failed(a)).toEqual(['ATTENDANCE_THRESHOLD']);
    const b = await claim(7001, second, occ[0]!, 4);
    expect(b.status).toBe('in_review');
    expect(failed(b)).toEqual(['SAME_OCCUPATION_LEVEL_ONCE']);
    const view = await t.call('GET', `/api/v1/subsidy/claims/${b.id}`, { as: 'district_admin' });
    expect(view.statusCode).toBe(200);
    expect(view.json().reasonCodes).toEqual(['SAME_OCCUPATION_LEVEL_ONCE']);
    expect(view.json().failedRules).toEqual(['SAME_OCCUPATION_LEVEL_ONCE']);
  });

  it('no lower level after a higher one: level 3 in review, then level 4 of the same occupation', async () => {
    const a = await claim(7002, skill, occ[0]!, 3, low);
    expect(a.status).toBe('in_review');
    const b = await claim(7002, second, occ[0]!, 4);
    expect(failed(b)).toEqual(['NO_LOWER_LEVEL_AFTER_HIGHER']);
  });

  it('at most 1 per year for a student, counting the one in review', async () => {
    const a = await claim(7003, skill, occ[0]!, 4, { ...low, categories: ['college_graduating'] });
    expect(failed(a)).toEqual(['ATTENDANCE_THRESHOLD']);
    const b = await claim(7003, second, occ[1]!, 4, { categories: ['college_graduating'] });
    expect(failed(b)).toEqual(['MAX_SUBSIDIES_PER_YEAR']);
  });

  it('at most 2 per year, counting the ones in review; a rejected claim does not count', async () => {
    const a = await claim(7004, skill, occ[0]!, 4, low);
    const b = await claim(7004, second, occ[1]!, 4, low);
    expect([failed(a), failed(b)]).toEqual([['ATTENDANCE_THRESHOLD'], ['ATTENDANCE_THRESHOLD']]);
    expect((await decide(b.id, 'reject', '考勤不足')).statusCode).toBe(200);
    const c = await claim(7004, second, occ[2]!, 4);
    expect(c.status).toBe('approved');
    const d = await claim(7004, third, occ[1]!, 5);
    expect(failed(d)).toEqual(['MAX_SUBSIDIES_PER_YEAR']);
  });
});

describe('a manual approval re-checks every limit in its transaction', () => {
  it('a later duplicate cannot be approved (409 CLAIM_LIMIT_EXCEEDED naming the rule, nothing written); the earlier claim can', async () => {
    const a = await claim(7101, skill, occ[0]!, 4, low);
    const b = await claim(7101, second, occ[0]!, 4, low);
    expect(failed(b)).toEqual(['ATTENDANCE_THRESHOLD', 'SAME_OCCUPATION_LEVEL_ONCE']);
    const counts = async () => [
      await t.count('claim_events', `claim_id = '${b.id}'`),
      await t.count('audit_log'),
      await t.count('budget_ledger'),
      await t.count('voucher_events', `voucher_id = '${b.voucher_id}'`),
    ];
    const before = await counts();
    const r = await decide(b.id, 'approve');
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'CLAIM_LIMIT_EXCEEDED', field: 'decision', reasons: ['SAME_OCCUPATION_LEVEL_ONCE'] });
    expect(await counts()).toEqual(before);
    expect(await status(b.id)).toBe('in_review');
    expect((await vouchers.getVoucher(t.db, b.voucher_id))!.status).toBe('assessed');
    // the earlier claim is not blocked by the later duplicate still in review
    const ra = await decide(a.id, 'approve', '考勤经核实');
    expect(ra.statusCode).toBe(200);
    expect(ra.json().status).toBe('approved');
    expect((await decide(b.id, 'approve')).json().code).toBe('CLAIM_LIMIT_EXCEEDED');
    // once the first is rejected, the limit holds again for the second: the re-check reads the history now
    expect((await decide(a.id, 'reject', '重复申领，保留另一项目')).statusCode).toBe(200);
    const rb = await decide(b.id, 'approve', '考勤经核实');
    expect(rb.statusCode).toBe(200);
    expect(rb.json().status).toBe('approved');
  });

  it('a limit lowered after the claim was made is re-checked at approval', async () => {
    const a = await claim(7102, skill, occ[0]!, 4, low);
    const b = await claim(7102, second, occ[1]!, 4, low);
    expect(failed(b)).toEqual(['ATTENDANCE_THRESHOLD']);
    await t.db.tx((tx) => catalog.updateProgramme(SYSTEM, tx, second, { maxSubsidiesPerYear: 1 }));
    try {
      const r = await decide(b.id, 'approve');
      expect(r.statusCode).toBe(409);
      expect(r.json().reasons).toEqual(['MAX_SUBSIDIES_PER_YEAR']);
      expect(await status(b.id)).toBe('in_review');
      expect(await status(a.id)).toBe('in_review');
    } finally {
      await t.db.tx((tx) => catalog.updateProgramme(SYSTEM, tx, second, { maxSubsidiesPerYear: 2 }));
    }
  });

  it('two claims past review for the same person, occupation and level cannot exist: the database refuses the second', async () => {
    const a = await claim(7103, skill, occ[2]!, 4);
    expect(a.status).toBe('approved');
    const b = await claim(7103, second, occ[2]!, 4, low);
    expect(b.status).toBe('in_review');
    await expect(t.db.query("UPDATE subsidy_claims SET status = 'approved' WHERE id = $1", [b.id])).rejects.toThrow(/subsidy_claims_once_per_occupation_level/);
    expect(await status(b.id)).toBe('in_review');
  });
});

describe('the once-only ratio (中职毕业学年学生 80 %, once)', () => {
  it('the first claim uses it; the second does not, and says why; with another category, that ratio applies', async () => {
    const cats = ['secondary_vocational_graduating'];
    // last year's pass, claimed within the skill-upgrade window of its certificate (a clock of its own, not today's)
    const first = await claim(7201, skill, occ[0]!, 4, {
      categories: cats,
      patch: { assessedOn: `${YEAR - 1}-12-01` },
      now: new Date(`${YEAR - 1}-12-10T02:00:00Z`),
    });
    expect(first.status).toBe('approved');
    expect(first.ratio_pct).toBe(80);
    expect(first.ratio_category).toBe('secondary_vocational_graduating');
    // next year, another occupation: the student ratio was used; no other category → 0 %, in review
    const again = await claim(7201, second, occ[1]!, 4, { categories: cats });
    expect(again.ratio_pct).toBe(0);
    expect(again.amount_fen).toBe(0);
    expect(again.status).toBe('in_review');
    const view = (await t.call('GET', `/api/v1/subsidy/claims/${again.id}`, { as: 'city_admin' })).json();
    expect(view.reasonCodes).toEqual(['AMOUNT_POSITIVE', 'ONCE_ONLY_RATIO_USED']);
    expect(view.rules.find((r: { rule: string }) => r.rule === 'ONCE_ONLY_RATIO').reason).toContain(first.number);
    // the person is also employed now: the employed workers' ratio applies instead (and the claim says why)
    const w = await t.db.tx(async (tx) => {
      const v = await assessedVoucher(tx, 7201, { programmeId: third, occupationCode: occ[2]!, level: 4 });
      await persons.updatePerson(adminActor(t.fx.accounts.city_admin!.id), tx, v.personId, {
        categories: ['secondary_vocational_graduating', 'employed'],
      });
      return v;
    });
    const later = await t.db.tx((tx) => createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { assessedOn: `${YEAR - 1}-12-02` })));
    expect(later.ratio_category).toBe('employed');
    expect(later.ratio_pct).toBe(80);
    expect(later.rules.find((r) => r.rule === 'ONCE_ONLY_RATIO')).toMatchObject({ passed: true, code: 'ONCE_ONLY_RATIO_USED' });
  });

  it('a rejected claim gives the ratio back', async () => {
    const cats = ['secondary_vocational_graduating'];
    const first = await claim(7202, skill, occ[0]!, 4, { ...low, categories: cats });
    expect(first.ratio_category).toBe('secondary_vocational_graduating');
    expect((await decide(first.id, 'reject', '考勤不足')).statusCode).toBe(200);
    const next = await claim(7202, second, occ[1]!, 4, { categories: cats });
    expect(next.ratio_pct).toBe(80);
    expect(next.rules.find((r) => r.rule === 'ONCE_ONLY_RATIO')!.code).toBeUndefined();
  });
});

describe(`concurrent decisions for one person (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('two claims for the same occupation and level (different programmes) approved in parallel: exactly one approved', async () => {
    const a = await claim(7301, skill, occ[1]!, 3, low);
    const b = await claim(7301, second, occ[1]!, 3, low);
    const rs = await Promise.all([decide(b.id, 'approve'), decide(a.id, 'approve'), decide(b.id, 'approve'), decide(a.id, 'approve')]);
    const codes = rs.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(rs.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(expect.arrayContaining(['CLAIM_LIMIT_EXCEEDED']));
    expect([await status(a.id), await status(b.id)]).toEqual(['approved', 'in_review']);
    expect(await t.count('budget_ledger', `claim_id IN ('${a.id}', '${b.id}') AND kind = 'reserve'`)).toBe(1);
  });

  it('two passes of the same person for the same occupation and level recorded at once: one approved, the other waits in review', async () => {
    const [va, vb] = await t.db.tx(async (tx) => [
      await assessedVoucher(tx, 7302, { programmeId: skill, occupationCode: occ[2]!, level: 3 }),
      await assessedVoucher(tx, 7302, { programmeId: second, occupationCode: occ[2]!, level: 3 }),
    ]);
    const [ca, cb] = await Promise.all([va!, vb!].map((v) => t.db.tx((tx) => createClaimForPass(tx, SYSTEM, passFacts(v.voucherId, { level: 3 })))));
    const byStatus = [ca!, cb!].map((c) => [c.status, failed(c)] as const).sort();
    expect(byStatus).toEqual([
      ['approved', []],
      ['in_review', ['SAME_OCCUPATION_LEVEL_ONCE']],
    ]);
  });
});
