import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { adminActor, addDays, businessDate, makeTrainees, makeWorld, openClass, type Trainee, type World } from '../../test/factories/index.js';
import * as catalog from '../catalog/service.js';
import { SYSTEM } from '../audit/service.js';
import { createSession } from '../identity/sessions.js';
import { maskName } from '../../lib/identifiers.js';
import * as orgs from '../orgs/service.js';
import * as persons from '../persons/service.js';
import { syntheticUscc } from '../orgs/synthetic.js';
import * as training from '../training/service.js';
import { OCC } from '../../test/factories/index.js';
import * as vouchers from '../vouchers/service.js';
import { parseResultRow, resolveResultLevel, resultIssues } from './rules.js';
import { listAssignments, myCertificates } from './service.js';

let t: TestApp;
let world: World;
let trainees: Trainee[];
/** A second class of the same provider, not assigned to the fixture assessment body. */
let othersB: Trainee[];
let classA: string;
let classB: string;
/** A second assessment body and a bearer token of its staff account. */
let body2: { orgId: string; token: string };
const today = businessDate(new Date());
const number = async (voucherId: string) => (await vouchers.getVoucher(t.db, voucherId))!.number;
const as2 = (): Record<string, string> => ({ authorization: `Bearer ${body2.token}` });

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  await t.db.tx((tx) =>
    catalog.setBudget(SYSTEM, tx, { programmeId: world.programme.id, districtCode: '310115', year: Number(today.slice(0, 4)), amountFen: 10_000_000 }),
  );
  trainees = await makeTrainees(t.db, world, 4, 'subsidy', addDays(today, -30));
  othersB = await makeTrainees(t.db, world, 3, 'subsidy', addDays(today, -30));
  const start = new Date(Date.now() - 3 * 3600_000);
  classA = (await openClass(t.db, world, [{ startsAt: start, endsAt: new Date(start.getTime() + 3600_000) }], trainees)).cls.id;
  classB = (await openClass(t.db, world, [{ startsAt: start, endsAt: new Date(start.getTime() + 3600_000) }], othersB)).cls.id;
  const r = await t.call('POST', '/api/v1/assessment/assignments', {
    as: 'district_admin',
    body: { classId: classA, assessorOrgId: t.fx.orgs.assessor!.id, note: '第一批' },
  });
  if (r.statusCode !== 201) throw new Error(`assignment failed: ${r.body}`);
  const account = await t.db.tx(async (tx) => {
    const o = await orgs.createOrg(SYSTEM, tx, {
      kind: 'assessor',
      name: '浦东技能评价站 (test)',
      uscc: syntheticUscc('310115', 77, '52'),
      districtCode: '310115',
    });
    return orgs.createOrgAccount(SYSTEM, tx, o.id, { username: 'test.assessor2', displayName: 'assessor2', password: 'Fixture-pass-2026' });
  });
  body2 = { orgId: account.org_id!, token: (await createSession(t.db, account.id, 'bearer', true)).token };
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
        levelChangeReason: null,
        assessedOn: '2026-11-20',
      },
    });
  });
});

describe('a sheet row without a level, or with a level-change reason', () => {
  it('an empty level reads as none (the class’s is taken); the reason column is read', () => {
    const header = ['券号 voucherNumber', '结果', '成绩', '等级', '等级变更原因 levelChangeReason', '证书编号', '证书类型', '考核日期'];
    const none = parseResultRow(header, ['SV1', '通过', '88', '', '', 'CERT-0001', '职业技能等级证书', '2026-11-20'], '2026-11-26');
    expect(none).toMatchObject({ input: { level: null, levelChangeReason: null } });
    const other = parseResultRow(header, ['SV1', '通过', '88', '3', '考生报考三级', 'CERT-0001', '职业技能等级证书', '2026-11-20'], '2026-11-26');
    expect(other).toMatchObject({ input: { level: 3, levelChangeReason: '考生报考三级' } });
    const bad = parseResultRow(header, ['SV1', '通过', '88', 'x', '', 'CERT-0001', '职业技能等级证书', '2026-11-20'], '2026-11-26');
    expect(bad).toEqual({ issues: [expect.objectContaining({ field: 'level' })] });
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
    // the answer names the candidate, masked (考生), never in full
    const name = (await persons.getPerson(t.db, tr.personId))!.name;
    expect(body.candidateNameMasked).toBe(maskName(name));
    expect(r.body).not.toContain(name);
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
    // the trainee is told, in the result's transaction (messages)
    const told = await t.db.query<{ vars: Record<string, string> }>(
      `SELECT vars FROM message_outbox WHERE event = 'assessment.recorded' AND key = $1 AND channel = 'inbox'`,
      [r.json().id],
    );
    expect(told.rows.map((x) => x.vars.outcome)).toEqual(['不合格']);
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

  it('each result names its candidate, masked (考生) in the list, never the full name; another body lists none of them', async () => {
    const names = await Promise.all([0, 1, 2].map(async (i) => (await persons.getPerson(t.db, trainees[i]!.personId))!.name));
    const list = await t.call('GET', '/api/v1/assessment/results?limit=50', { as: 'assessor' });
    expect(list.statusCode).toBe(200);
    const items: Array<{ voucherId: string; candidateNameMasked: string | null }> = list.json().items;
    for (const [i, name] of names.entries()) {
      const item = items.find((x) => x.voucherId === trainees[i]!.voucherId);
      expect(item?.candidateNameMasked).toBe(maskName(name));
      expect(item?.candidateNameMasked).not.toBe(name);
      expect(list.body).not.toContain(name);
    }
    // another assessment body's list holds none of this body's results (its scope is unchanged)
    const other = await t.call('GET', '/api/v1/assessment/results?limit=500', { headers: as2() });
    expect(other.statusCode).toBe(200);
    const theirs: Array<{ voucherId: string }> = other.json().items;
    expect(theirs.filter((x) => trainees.some((y) => y.voucherId === x.voucherId))).toEqual([]);
    for (const n of names) expect(other.body).not.toContain(n);
  });
});

describe('assessment bodies are tied to classes (考评安排)', () => {
  const assign = (as: string, body: unknown) => t.call('POST', '/api/v1/assessment/assignments', { as, body });
  const counts = async () => ({ assignments: await t.count('assessment_assignments'), audit: await t.count('audit_log') });

  it('assignment API: scope, validation, one live assignment per class, audited; a refusal changes nothing', async () => {
    const before = await counts();
    const otherDistrict = await assign('district_admin_b', { classId: classB, assessorOrgId: body2.orgId });
    expect(otherDistrict.statusCode).toBe(404);
    expect(otherDistrict.json().field).toBe('classId');
    const notABody = await assign('district_admin', { classId: classB, assessorOrgId: world.provider.org.id });
    expect(notABody.statusCode).toBe(404);
    expect(notABody.json().field).toBe('assessorOrgId');
    const unknownClass = await assign('city_admin', { classId: '00000000-0000-4000-8000-000000000123', assessorOrgId: body2.orgId });
    expect(unknownClass.statusCode).toBe(404);
    const bad = await assign('district_admin', { classId: 'x', assessorOrgId: body2.orgId });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('classId');
    expect((await assign('provider', { classId: classB, assessorOrgId: body2.orgId })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/assessment/assignments', { headers: as2(), body: { classId: classB, assessorOrgId: body2.orgId } })).statusCode).toBe(
      403,
    );
    const twice = await assign('city_admin', { classId: classA, assessorOrgId: body2.orgId });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'DUPLICATE', field: 'classId' });
    expect(await counts()).toEqual(before);

    const audit = (
      await t.db.query<{ detail: { classId: string; assessorOrgId: string; note: string } }>("SELECT detail FROM audit_log WHERE action = 'assessment.assign'")
    ).rows;
    expect(audit).toEqual([{ detail: expect.objectContaining({ classId: classA, assessorOrgId: t.fx.orgs.assessor!.id, note: '第一批' }) }]);

    const ids = async (as: string | null, query = '') => {
      const r = await t.call('GET', `/api/v1/assessment/assignments${query}`, as ? { as } : { headers: as2() });
      expect(r.statusCode).toBe(200);
      return r.json().items.map((i: { classId: string }) => i.classId);
    };
    expect(await ids('assessor')).toEqual([classA]);
    expect(await ids(null)).toEqual([]);
    expect(await ids('provider')).toEqual([]); // the fixture provider is not this world's provider
    const own = await listAssignments(world.provider.staff.actor, t.db, { status: 'active', limit: 50, offset: 0 });
    expect(own.items.map((i) => i.classId)).toEqual([classA]);
    expect(await ids('district_admin')).toEqual([classA]);
    expect(await ids('district_admin_b')).toEqual([]);
    expect(await ids('auditor', `?classId=${classA}`)).toEqual([classA]);
    expect(await ids('assessor', `?assessorOrgId=${body2.orgId}`)).toEqual([]);
    const one = (await t.call('GET', '/api/v1/assessment/assignments', { as: 'city_admin' })).json().items[0];
    expect(one).toMatchObject({
      classId: classA,
      assessorOrgName: expect.stringContaining('技能评价中心'),
      active: true,
      districtCode: '310115',
      className: expect.any(String),
    });
  });

  it('an assessor records results only for its assigned classes: another class answers 404, like an unknown voucher; nothing changes', async () => {
    const before = { results: await t.count('assessment_results'), claims: await t.count('subsidy_claims'), audit: await t.count('audit_log') };
    const result = (voucherNumber: string) => ({
      voucherNumber,
      passed: true,
      level: 4,
      certificateNumber: 'CERT-X-0009',
      certificateType: 'skill_level',
      assessedOn: today,
    });
    const unassigned = await t.call('POST', '/api/v1/assessment/results', { as: 'assessor', body: result(await number(othersB[0]!.voucherId)) });
    expect(unassigned.statusCode).toBe(404);
    expect(unassigned.json()).toMatchObject({ code: 'NOT_FOUND', field: 'voucherNumber' });
    const otherBody = await t.call('POST', '/api/v1/assessment/results', { headers: as2(), body: result(await number(trainees[3]!.voucherId)) });
    expect(otherBody.statusCode).toBe(404);
    const byId = await t.call('POST', '/api/v1/assessment/results', {
      headers: as2(),
      body: { voucherId: trainees[3]!.voucherId, passed: false, level: 4, assessedOn: today },
    });
    expect(byId.statusCode).toBe(404);
    expect(byId.json().field).toBe('voucherId');
    // a voucher that does not exist answers the same (no existence oracle across scopes)
    const ghost = await t.call('POST', '/api/v1/assessment/results', {
      headers: as2(),
      body: { voucherId: '00000000-0000-4000-8000-00000000beef', passed: false, level: 4, assessedOn: today },
    });
    expect(ghost.json()).toMatchObject({ status: 404, detail: byId.json().detail });
    expect({ results: await t.count('assessment_results'), claims: await t.count('subsidy_claims'), audit: await t.count('audit_log') }).toEqual(before);
    expect((await vouchers.getVoucher(t.db, othersB[0]!.voucherId))!.status).toBe('in_training');
    expect((await vouchers.getVoucher(t.db, trainees[3]!.voucherId))!.status).toBe('in_training');
  });

  it('import: rows of classes not assigned to the body get per-row errors, the other rows are recorded', async () => {
    const r0 = await assign('city_admin', { classId: classB, assessorOrgId: body2.orgId });
    expect(r0.statusCode).toBe(201);
    const header = '券号 voucherNumber,结果,成绩,等级,证书编号,证书类型,考核日期';
    const mine = [
      header,
      `${await number(othersB[0]!.voucherId)},通过,90,4,CERT-C-0001,职业技能等级证书,${today}`,
      `${await number(trainees[3]!.voucherId)},不通过,40,4,,,${today}`,
    ];
    const r1 = await t.call('POST', '/api/v1/assessment/results/import', { as: 'assessor', headers: { 'content-type': 'text/csv' }, payload: mine.join('\n') });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ total: 2, recorded: 1, failed: 1, passed: 0 });
    expect(r1.json().errors).toEqual([{ field: 'rows.2.voucherNumber', code: 'NOT_FOUND', message: expect.stringContaining('assigned') }]);
    expect((await vouchers.getVoucher(t.db, othersB[0]!.voucherId))!.status).toBe('in_training');
    expect((await vouchers.getVoucher(t.db, trainees[3]!.voucherId))!.status).toBe('closed');

    const theirs = [
      header,
      `${await number(othersB[0]!.voucherId)},通过,90,4,CERT-C-0001,职业技能等级证书,${today}`,
      `${await number(trainees[0]!.voucherId)},不通过,40,4,,,${today}`,
    ];
    const r2 = await t.call('POST', '/api/v1/assessment/results/import', { headers: { ...as2(), 'content-type': 'text/csv' }, payload: theirs.join('\n') });
    expect(r2.json()).toMatchObject({ total: 2, recorded: 1, passed: 1 });
    expect(r2.json().errors).toEqual([expect.objectContaining({ field: 'rows.3.voucherNumber', code: 'NOT_FOUND' })]);
    const list = await t.call('GET', '/api/v1/assessment/results', { headers: as2() });
    expect(list.json().items.map((i: { classId: string }) => i.classId)).toEqual([classB]);
  });

  it('withdrawing an assignment ends the body’s scope (results stay); the class can then go to another body', async () => {
    const live = (await t.call('GET', `/api/v1/assessment/assignments?classId=${classB}`, { as: 'district_admin' })).json().items[0];
    expect(live.assessorOrgId).toBe(body2.orgId);
    const noReason = await t.call('POST', `/api/v1/assessment/assignments/${live.id}/withdraw`, { as: 'district_admin', body: { reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect((await t.call('POST', `/api/v1/assessment/assignments/${live.id}/withdraw`, { as: 'district_admin_b', body: { reason: '调整' } })).statusCode).toBe(
      404,
    );
    const w = await t.call('POST', `/api/v1/assessment/assignments/${live.id}/withdraw`, { as: 'district_admin', body: { reason: '评价机构调整' } });
    expect(w.statusCode).toBe(200);
    expect(w.json()).toMatchObject({ active: false, withdrawReason: '评价机构调整' });
    expect(await t.count('audit_log', `action = 'assessment.unassign' AND entity_id = '${live.id}'`)).toBe(1);
    const again = await t.call('POST', `/api/v1/assessment/assignments/${live.id}/withdraw`, { as: 'district_admin', body: { reason: '评价机构调整' } });
    expect(again.statusCode).toBe(409);

    const late = await t.call('POST', '/api/v1/assessment/results', {
      headers: as2(),
      body: { voucherId: othersB[2]!.voucherId, passed: false, level: 4, assessedOn: today },
    });
    expect(late.statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/assessment/results', { headers: as2() })).json().total).toBe(1);

    expect((await assign('district_admin', { classId: classB, assessorOrgId: t.fx.orgs.assessor!.id })).statusCode).toBe(201);
    const now = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: { voucherId: othersB[2]!.voucherId, passed: false, level: 4, assessedOn: today },
    });
    expect(now.statusCode).toBe(201);
    const all = (await t.call('GET', `/api/v1/assessment/assignments?classId=${classB}&status=all`, { as: 'auditor' })).json();
    expect(all.items.map((i: { active: boolean; assessorOrgId: string }) => [i.active, i.assessorOrgId])).toEqual([
      [true, t.fx.orgs.assessor!.id],
      [false, body2.orgId],
    ]);
  });
});

describe('apprenticeship results carry the class period into the claim', () => {
  it('a pass in an apprenticeship class: the claim counts the months of the class (start..end) under the 2-year cap', async () => {
    const apprenticeship = (await catalog.getProgrammeByCode(t.db, 'SH-APPRENTICESHIP'))!;
    const admin = adminActor(t.fx.accounts.city_admin!.id);
    await t.db.tx((tx) => training.grantApproval(admin, tx, world.provider.org.id, { programmeId: apprenticeship.id, occupationCode: null }));
    const course = await t.db.tx((tx) =>
      training.createCourse(world.provider.staff.actor, tx, {
        programmeId: apprenticeship.id,
        occupationCode: OCC,
        level: 4,
        name: '养老护理员 学徒班',
        hours: 400,
        feeFen: 600_000,
      }),
    );
    const w2: World = { ...world, programme: apprenticeship, courseId: course.id };
    const [apprentice] = await makeTrainees(t.db, w2, 1, 'subsidy', addDays(today, -30));
    const start = new Date(Date.now() - 2 * 3600_000);
    const cls = (await openClass(t.db, w2, [{ startsAt: start, endsAt: new Date(start.getTime() + 3600_000) }], [apprentice!])).cls;
    expect(
      (await t.call('POST', '/api/v1/assessment/assignments', { as: 'city_admin', body: { classId: cls.id, assessorOrgId: t.fx.orgs.assessor!.id } }))
        .statusCode,
    ).toBe(201);
    const r = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: { voucherId: apprentice!.voucherId, passed: true, level: 4, certificateNumber: 'CERT-AP-0001', certificateType: 'skill_level', assessedOn: today },
    });
    expect(r.statusCode).toBe(201);
    const claim = (await t.call('GET', `/api/v1/subsidy/claims/${r.json().claimId}`, { as: 'city_admin' })).json();
    // the class runs one day: one begun month of the yearly standard
    expect(claim.apprenticeshipMonths).toBe(1);
    expect(claim.rules.find((x: { rule: string }) => x.rule === 'APPRENTICESHIP_PERIOD_CAP')).toMatchObject({
      passed: true,
      reason: expect.stringContaining('1 month subsidised, 1 of at most 2 years (24 months)'),
    });
    expect(claim.amountFen).toBe(Math.floor((claim.standardFen * claim.ratioPct + 600) / 1200));
  });
});

describe('the assessed level and the pass mark (考核等级, 合格分数线)', () => {
  it.each<[string, Parameters<typeof resolveResultLevel>[0], number | null, number, unknown]>([
    ['no level: the class’s', { passed: true, score: 80 }, 4, 60, { level: 4, levelChange: null }],
    ['null level: the class’s', { passed: true, level: null }, 3, 60, { level: 3, levelChange: null }],
    ['same level', { passed: true, level: 4 }, 4, 60, { level: 4, levelChange: null }],
    ['other level without a reason', { passed: true, level: 3 }, 4, 60, { issue: expect.objectContaining({ field: 'levelChangeReason' }) }],
    [
      'other level, blank reason',
      { passed: true, level: 3, levelChangeReason: '  ' },
      4,
      60,
      { issue: expect.objectContaining({ field: 'levelChangeReason' }) },
    ],
    [
      'other level with a reason',
      { passed: true, level: 3, levelChangeReason: ' 申报三级 ' },
      4,
      60,
      { level: 3, levelChange: { classLevel: 4, reason: '申报三级' } },
    ],
    ['no level and no class level', { passed: false }, null, 60, { issue: expect.objectContaining({ field: 'level' }) }],
    ['passed below the pass mark', { passed: true, score: 59.5, level: 4 }, 4, 60, { issue: expect.objectContaining({ field: 'score' }) }],
    ['passed exactly at the pass mark', { passed: true, score: 60 }, 4, 60, { level: 4, levelChange: null }],
    ['failed below the pass mark', { passed: false, score: 30 }, 4, 60, { level: 4, levelChange: null }],
    ['a programme pass mark of 70', { passed: true, score: 65 }, 4, 70, { issue: expect.objectContaining({ field: 'score' }) }],
    ['passed without a score', { passed: true, score: null }, 4, 60, { level: 4, levelChange: null }],
  ])('%s', (_name, input, classLevel, passMark, expected) => {
    expect(resolveResultLevel(input, classLevel, passMark)).toEqual(expected);
  });

  let mine: Trainee[];
  beforeAll(async () => {
    mine = await makeTrainees(t.db, world, 4, 'subsidy', addDays(today, -30));
    const start = new Date(Date.now() - 3 * 3600_000);
    const cls = (await openClass(t.db, world, [{ startsAt: start, endsAt: new Date(start.getTime() + 3600_000) }], mine)).cls;
    expect(cls.level).toBe(4);
    const r = await t.call('POST', '/api/v1/assessment/assignments', {
      as: 'district_admin',
      body: { classId: cls.id, assessorOrgId: t.fx.orgs.assessor!.id },
    });
    expect(r.statusCode).toBe(201);
  });
  const record = (body: Record<string, unknown>) => t.call('POST', '/api/v1/assessment/results', { as: 'assessor', body: { assessedOn: today, ...body } });
  const pass = { passed: true, certificateType: 'skill_level' };
  const counts = async () => [
    await t.count('assessment_results'),
    await t.count('subsidy_claims'),
    await t.count('audit_log'),
    await t.count('voucher_events'),
  ];

  it('a result without a level takes the class’s level, and so does its claim', async () => {
    const r = await record({ voucherId: mine[0]!.voucherId, ...pass, score: 75, certificateNumber: 'CERT-LV-0001' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ level: 4, levelChangeReason: null });
    const claim = (await t.call('GET', `/api/v1/subsidy/claims/${r.json().claimId}`, { as: 'city_admin' })).json();
    expect(claim.level).toBe(4);
    expect(claim.reasonCodes).not.toContain('LEVEL_DIFFERS_FROM_CLASS');
  });

  it('another level without a reason: 400 naming levelChangeReason, nothing written', async () => {
    const before = await counts();
    const r = await record({ voucherId: mine[1]!.voucherId, ...pass, level: 3, certificateNumber: 'CERT-LV-0002' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'levelChangeReason' });
    expect(await counts()).toEqual(before);
    expect((await vouchers.getVoucher(t.db, mine[1]!.voucherId))!.status).toBe('in_training');
  });

  it('another level with a reason: recorded, and the claim waits in review with LEVEL_DIFFERS_FROM_CLASS and the reason', async () => {
    const r = await record({ voucherId: mine[1]!.voucherId, ...pass, level: 3, levelChangeReason: '考生报考三级并通过', certificateNumber: 'CERT-LV-0003' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ level: 3, levelChangeReason: '考生报考三级并通过', claimStatus: 'in_review' });
    const claim = (await t.call('GET', `/api/v1/subsidy/claims/${r.json().claimId}`, { as: 'city_admin' })).json();
    expect(claim.level).toBe(3);
    expect(claim.reasonCodes).toContain('LEVEL_DIFFERS_FROM_CLASS');
    expect(claim.rules.find((x: { rule: string }) => x.rule === 'ASSESSED_LEVEL_MATCHES_CLASS')).toMatchObject({
      passed: false,
      code: 'LEVEL_DIFFERS_FROM_CLASS',
      reason: expect.stringContaining('考生报考三级并通过'),
    });
  });

  it('a score below the programme’s pass mark cannot be recorded as passed (default 60, then 70): 400 naming score, nothing written', async () => {
    const before = await counts();
    const low = await record({ voucherId: mine[2]!.voucherId, ...pass, score: 59, certificateNumber: 'CERT-LV-0004' });
    expect(low.statusCode).toBe(400);
    expect(low.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'score' });
    expect(await counts()).toEqual(before);
    const admin = adminActor(t.fx.accounts.city_admin!.id);
    await t.db.tx((tx) => catalog.updateProgramme(admin, tx, world.programme.id, { passMarkScore: 70 }));
    try {
      expect((await catalog.getProgramme(t.db, world.programme.id))!.passMarkScore).toBe(70);
      const changed = await counts();
      const r = await record({ voucherId: mine[2]!.voucherId, ...pass, score: 65, certificateNumber: 'CERT-LV-0004' });
      expect(r.statusCode).toBe(400);
      expect(r.json().field).toBe('score');
      expect(await counts()).toEqual(changed);
      // a fail with that score is recorded
      const fail = await record({ voucherId: mine[2]!.voucherId, passed: false, score: 65 });
      expect(fail.statusCode).toBe(201);
      expect(fail.json()).toMatchObject({ passed: false, level: 4 });
    } finally {
      await t.db.tx((tx) => catalog.updateProgramme(admin, tx, world.programme.id, { passMarkScore: 60 }));
    }
  });
});
