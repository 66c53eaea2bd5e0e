import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate, makeTrainees, makeWorld, openClass, type Trainee } from '../attendance/testkit.js';
import * as catalog from '../catalog/service.js';
import { SYSTEM } from '../audit/service.js';
import * as vouchers from '../vouchers/service.js';
import { parseResultRow, resultIssues } from './rules.js';
import { myCertificates } from './service.js';

let t: TestApp;
let trainees: Trainee[];
const today = businessDate(new Date());
const number = async (voucherId: string) => (await vouchers.getVoucher(t.db, voucherId))!.number;

beforeAll(async () => {
  t = await createTestApp();
  const world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  await t.db.tx((tx) =>
    catalog.setBudget(SYSTEM, tx, { programmeId: world.programme.id, districtCode: '310115', year: Number(today.slice(0, 4)), amountFen: 10_000_000 }),
  );
  trainees = await makeTrainees(t.db, world, 4, 'subsidy', addDays(today, -30));
  const start = new Date(Date.now() - 3 * 3600_000);
  await openClass(t.db, world, [{ startsAt: start, endsAt: new Date(start.getTime() + 3600_000) }], trainees);
});
afterAll(async () => t?.close());

describe('assessment rules', () => {
  it.each([
    [{ passed: true, level: 4, certificateNumber: 'C123456', certificateType: 'skill_level' as const, assessedOn: '2026-01-05', voucherNumber: 'x' }, []],
    [
      { passed: true, level: 4, certificateNumber: null, certificateType: null, assessedOn: '2026-01-05', voucherNumber: 'x' },
      ['certificateNumber', 'certificateType'],
    ],
    [{ passed: false, level: 4, certificateNumber: 'C123456', certificateType: null, assessedOn: '2026-01-05', voucherNumber: 'x' }, ['certificateNumber']],
    [{ passed: false, level: 6, assessedOn: '2026-02-30', voucherNumber: 'x' }, ['level', 'assessedOn']],
    [{ passed: false, level: 3, assessedOn: '2099-01-01' }, ['voucherNumber', 'assessedOn']],
  ])('%o → issues on %o', (input, fields) => {
    expect(resultIssues(input, '2026-11-26').map((i) => i.field)).toEqual(fields);
  });
  it('reads a sheet row with Chinese headers', () => {
    const r = parseResultRow(
      ['券号 voucherNumber', '结果', '成绩', '等级', '证书编号', '证书类型', '考核日期'],
      ['SV1', '通过', '88.5', '4', 'CERT-0001', '职业技能等级证书', '2026-11-20'],
      '2026-11-26',
    );
    expect(r).toEqual({
      input: {
        voucherNumber: 'SV1',
        passed: true,
        score: 88.5,
        level: 4,
        certificateNumber: 'CERT-0001',
        certificateType: 'skill_level',
        assessedOn: '2026-11-20',
      },
    });
  });
});

describe('assessment routes', () => {
  it('a pass makes the voucher assessed and opens a claim with named failed rules', async () => {
    const tr = trainees[0]!;
    const r = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: {
        voucherNumber: await number(tr.voucherId),
        passed: true,
        score: 86,
        level: 4,
        certificateNumber: 'CERT-A-0001',
        certificateType: 'skill_level',
        assessedOn: today,
      },
    });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.claimId).toBeTruthy();
    expect((await vouchers.getVoucher(t.db, tr.voucherId))!.status).toBe('assessed');
    const claim = await t.call('GET', `/api/v1/subsidy/claims/${body.claimId}`, { as: 'city_admin' });
    expect(claim.statusCode).toBe(200);
    // nobody checked in: attendance below the threshold → review, with the rule named
    expect(claim.json().status).toBe('in_review');
    expect(claim.json().failedRules).toContain('ATTENDANCE_THRESHOLD');
    expect(claim.json().rules.find((x: { rule: string }) => x.rule === 'ADMISSION_ON_TIME').passed).toBe(true);
  });

  it('a fail closes the voucher without a claim', async () => {
    const tr = trainees[1]!;
    const claims = await t.count('subsidy_claims');
    const r = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: { voucherId: tr.voucherId, passed: false, score: 40, level: 4, assessedOn: today },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().claimId).toBeNull();
    expect((await vouchers.getVoucher(t.db, tr.voucherId))!.status).toBe('closed');
    expect(await t.count('subsidy_claims')).toBe(claims);
  });

  it('refuses bad input, repeats and other roles without changing rows', async () => {
    const before = await t.count('assessment_results');
    const audits = await t.count('audit_log');
    const tr = trainees[2]!;
    const noCert = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: { voucherId: tr.voucherId, passed: true, level: 4, assessedOn: today },
    });
    expect(noCert.statusCode).toBe(400);
    expect(noCert.json().field).toBe('certificateNumber');
    const extra = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: { voucherId: tr.voucherId, passed: false, level: 4, assessedOn: today, x: 1 },
    });
    expect(extra.statusCode).toBe(400);
    const provider = await t.call('POST', '/api/v1/assessment/results', {
      as: 'provider',
      body: { voucherId: tr.voucherId, passed: false, level: 4, assessedOn: today },
    });
    expect(provider.statusCode).toBe(403);
    const again = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: { voucherId: trainees[1]!.voucherId, passed: false, level: 4, assessedOn: today },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DUPLICATE');
    expect(await t.count('assessment_results')).toBe(before);
    expect(await t.count('audit_log')).toBe(audits);
  });

  it('imports a CSV: good rows recorded, bad rows reported by row and field', async () => {
    const csv = [
      '券号 voucherNumber,结果,成绩,等级,证书编号,证书类型,考核日期',
      `${await number(trainees[2]!.voucherId)},通过,90,4,CERT-B-0002,职业技能等级证书,${today}`,
      `${await number(trainees[3]!.voucherId)},通过,90,4,,职业技能等级证书,${today}`,
      `SV000,maybe,90,4,,,${today}`,
    ].join('\n');
    const r = await t.call('POST', '/api/v1/assessment/results/import', { as: 'assessor', headers: { 'content-type': 'text/csv' }, payload: csv });
    expect(r.statusCode).toBe(200);
    const rep = r.json();
    expect(rep).toMatchObject({ total: 3, recorded: 1, passed: 1 });
    expect(rep.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['rows.3.certificateNumber', 'rows.4.passed']));
  });

  it('certificates: public lookup needs number + full name and answers masked; the holder sees theirs', async () => {
    const { rows } = await t.db
      .query<{ name: string }>('SELECT name FROM persons WHERE id = $1', [trainees[0]!.personId])
      .catch(() => ({ rows: [] as Array<{ name: string }> }));
    const name = rows[0]?.name;
    const certs = await myCertificates(trainees[0]!.me.actor, t.db);
    expect(certs).toHaveLength(1);
    expect(certs[0]!.certificateNumber).toBe('CERT-A-0001');
    const wrong = await t.call('GET', '/api/v1/certificates/lookup?certificateNumber=CERT-A-0001&name=%E5%BC%A0%E4%B8%89');
    expect(wrong.statusCode).toBe(404);
    if (name) {
      const ok = await t.call('GET', `/api/v1/certificates/lookup?certificateNumber=CERT-A-0001&name=${encodeURIComponent(name)}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().holderNameMasked).not.toBe(name);
      expect(ok.json().level).toBe(4);
    }
  });
});
