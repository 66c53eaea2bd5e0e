import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingQueries, createTestApp, type TestApp } from '../../test/harness.js';
import { AppError } from '../../lib/errors.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from './service.js';

let t: TestApp;
let upgradeId: string;
let socialId: string;
let apprenticeshipId: string;
const year = catalog.currentYear();

beforeAll(async () => {
  t = await createTestApp();
  upgradeId = (await catalog.getProgrammeByCode(t.db, 'SH-SKILL-UPGRADE'))!.id;
  socialId = (await catalog.getProgrammeByCode(t.db, 'SH-SOCIAL-TRAINING'))!.id;
  apprenticeshipId = (await catalog.getProgrammeByCode(t.db, 'SH-APPRENTICESHIP'))!.id;
});
afterAll(async () => {
  await t.close();
});

/** Row counts of every catalogue table and the audit log. */
const snapshot = async () => {
  const out: Record<string, number> = {};
  for (const table of ['districts', 'occupations', 'programmes', 'subsidy_standards', 'shortage_occupations', 'subsidy_ratios', 'budgets', 'audit_log']) {
    out[table] = await t.count(table);
  }
  return out;
};

describe('seeds', () => {
  it('has the 16 districts, the classification, 4 programmes, 8 ratios', async () => {
    expect(await t.count('districts')).toBe(16);
    expect(await catalog.getDistrict(t.db, '310115')).toEqual({ code: '310115', name: '浦东新区' });
    expect(await t.count('occupations', 'level = 4')).toBeGreaterThanOrEqual(1600);
    expect(await t.count('occupations')).toBe(2047);
    expect(await t.count('programmes')).toBe(4);
    expect(await t.count('subsidy_ratios')).toBe(8);
    const types = (await catalog.listProgrammes(t.db)).map((p) => p.type).sort();
    expect(types).toEqual(['apprenticeship', 'enterprise_training', 'skill_upgrade', 'social_training']);
  });

  it('has the Shanghai skill-upgrade standards in fen', async () => {
    const s = await catalog.listStandards(t.db, upgradeId);
    const byLevel = Object.fromEntries(s.filter((x) => x.occupationCode === null).map((x) => [x.level, x.amountFen]));
    expect(byLevel).toEqual({ 5: 150000, 4: 200000, 3: 250000, 2: 300000, 1: 350000, 0: 100000 });
  });

  it('strips the S/L flags into digital/green and links parents', async () => {
    const ai = await catalog.getOccupation(t.db, '2-02-38-01');
    expect(ai).toMatchObject({
      name: '人工智能工程技术人员',
      digital: true,
      green: false,
      level: 4,
      parentCode: '2-02-38-00',
      shortage: true,
      shortageUpliftPct: 30,
    });
    const elderly = await catalog.getOccupation(t.db, '4-10-01-05');
    expect(elderly).toMatchObject({ name: '养老护理员', shortage: true, shortageUpliftPct: 30 });
    expect(await t.count('occupations', "green AND name NOT LIKE '%L'")).toBeGreaterThan(50);
    expect(await t.count('occupations', "name ~ '[SL]$'")).toBe(0);
  });

  it('has budgets for every district × programme for the current year', async () => {
    expect(await t.count('budgets', `year = ${year}`)).toBe(64);
    const b = await catalog.getBudget(t.db, upgradeId, '310115', year);
    expect(b?.amountFen).toBe(3_000_000_000);
    expect(await catalog.getBudget(t.db, upgradeId, '310115', year + 5)).toBeNull();
  });

  it('programme defaults follow DESIGN.md', async () => {
    const p = await catalog.getProgramme(t.db, upgradeId);
    expect(p).toMatchObject({
      code: 'SH-SKILL-UPGRADE',
      fundingSource: 'unemployment_insurance_fund',
      payee: 'person',
      validityMonths: 3,
      attendanceThresholdPct: 80,
      openingDeadlineDays: 3,
      checkinBeforeMin: 60,
      checkinAfterMin: 15,
      geofenceRadiusM: 500,
      accuracyMaxM: 100,
      onlineAttendance: false,
      maxSubsidiesPerYear: 2,
      maxSubsidiesPerYearStudent: 1,
      status: 'open',
    });
    expect((await catalog.getProgramme(t.db, apprenticeshipId))?.apprenticeshipCapYears).toBe(2);
    expect(await catalog.getProgramme(t.db, 'not-a-uuid')).toBeNull();
  });

  it('concurrent programme reads outside a transaction share one query, each caller getting its own programme', async () => {
    const counted = countingQueries(t.db);
    const ids = [upgradeId, socialId, upgradeId.toUpperCase(), apprenticeshipId, '00000000-0000-7000-8000-000000000000'];
    const together = await Promise.all(ids.map((id) => catalog.getProgramme(counted, id)));
    expect(counted.queries).toBe(1);
    expect(together.map((p) => p?.code ?? null)).toEqual(['SH-SKILL-UPGRADE', 'SH-SOCIAL-TRAINING', 'SH-SKILL-UPGRADE', 'SH-APPRENTICESHIP', null]);
    expect(together[0]).toEqual(await catalog.getProgramme(t.db, upgradeId));
  });
});

describe('quoteSubsidy', () => {
  it('picks the best accepted category and the shortage uplift', async () => {
    expect(
      await catalog.quoteSubsidy(t.db, { programmeId: upgradeId, occupationCode: '4-10-01-05', level: 4, categories: ['employed', 'registered_unemployed'] }),
    ).toEqual({
      standardFen: 200000,
      upliftPct: 30,
      ratioPct: 100,
      category: 'registered_unemployed',
    });
    // not a shortage occupation
    expect(await catalog.quoteSubsidy(t.db, { programmeId: upgradeId, occupationCode: '4-03-02-01', level: 0, categories: ['employed'] })).toEqual({
      standardFen: 100000,
      upliftPct: 0,
      ratioPct: 80,
      category: 'employed',
    });
    // social training does not accept 'employed' and does not apply the uplift
    expect(await catalog.quoteSubsidy(t.db, { programmeId: socialId, occupationCode: '4-10-01-05', level: 5, categories: ['employed'] })).toEqual({
      standardFen: 120000,
      upliftPct: 0,
      ratioPct: 0,
      category: null,
    });
    // graduating college students: 80 % only for level 4 or above
    const grad = { programmeId: upgradeId, occupationCode: '4-10-01-06', categories: ['college_graduating'] };
    expect(await catalog.quoteSubsidy(t.db, { ...grad, level: 5 })).toMatchObject({ ratioPct: 0, category: null });
    expect(await catalog.quoteSubsidy(t.db, { ...grad, level: 3 })).toMatchObject({ ratioPct: 80, category: 'college_graduating', upliftPct: 30 });
  });

  it('refuses unknown programme / occupation / level with code and field', async () => {
    const base = { programmeId: upgradeId, occupationCode: '4-10-01-05', level: 4, categories: [] };
    await expect(catalog.quoteSubsidy(t.db, { ...base, programmeId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'PROGRAMME_UNKNOWN',
      field: 'programmeId',
    });
    await expect(catalog.quoteSubsidy(t.db, { ...base, occupationCode: '9-99-99-99' })).rejects.toMatchObject({
      code: 'OCCUPATION_UNKNOWN',
      field: 'occupationCode',
    });
    await expect(catalog.quoteSubsidy(t.db, { ...base, occupationCode: '4-00-00-00' })).rejects.toMatchObject({ code: 'OCCUPATION_UNKNOWN' });
    await expect(catalog.quoteSubsidy(t.db, { ...base, level: 6 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'level' });
  });

  it('prefers an occupation-specific standard and throws STANDARD_MISSING when none exists', async () => {
    const p = await t.db.tx((tx) =>
      catalog.createProgramme(SYSTEM, tx, {
        code: 'TEST-QUOTE',
        name: 'quote test',
        type: 'skill_upgrade',
        fundingSource: 'employment_subsidy_fund',
        payee: 'person',
        eligibleCategories: ['employed'],
      }),
    );
    const q = { programmeId: p.id, occupationCode: '2-02-38-09', level: 3, categories: ['employed'] };
    await expect(catalog.quoteSubsidy(t.db, q)).rejects.toMatchObject({ code: 'STANDARD_MISSING' });
    await t.db.tx((tx) => catalog.setStandard(SYSTEM, tx, p.id, { occupationCode: null, level: 3, amountFen: 100000 }));
    expect((await catalog.quoteSubsidy(t.db, q)).standardFen).toBe(100000);
    await t.db.tx((tx) => catalog.setStandard(SYSTEM, tx, p.id, { occupationCode: '2-02-38-09', level: 3, amountFen: 180000 }));
    expect(await catalog.quoteSubsidy(t.db, q)).toEqual({ standardFen: 180000, upliftPct: 0, ratioPct: 80, category: 'employed' });
  });
});

describe('public reads over HTTP', () => {
  it('lists districts, searches occupations, reads programmes, standards, ratios, shortage list anonymously', async () => {
    const d = await t.call('GET', '/api/v1/districts');
    expect(d.statusCode).toBe(200);
    expect(d.json().items).toHaveLength(16);
    // each with its centre, inside Shanghai (where distance is measured from without a position)
    for (const { centre } of d.json().items as Array<{ centre: { lat: number; lng: number } | null }>) {
      expect(centre!.lat).toBeGreaterThan(30.6);
      expect(centre!.lat).toBeLessThan(31.9);
      expect(centre!.lng).toBeGreaterThan(120.8);
      expect(centre!.lng).toBeLessThan(122.1);
    }

    const byName = await t.call('GET', `/api/v1/occupations?q=${encodeURIComponent('护理员')}`);
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items.map((o: { code: string }) => o.code)).toContain('4-10-01-05');

    const byPrefix = await t.call('GET', '/api/v1/occupations?q=4-10-01&limit=3&offset=0');
    expect(byPrefix.json().total).toBeGreaterThan(3);
    expect(byPrefix.json().items).toHaveLength(3);
    for (const o of byPrefix.json().items) expect(o.code.startsWith('4-10-01')).toBe(true);

    const groups = await t.call('GET', '/api/v1/occupations?level=1');
    expect(groups.json().total).toBe(8);

    const one = await t.call('GET', '/api/v1/occupations/4-10-01-06');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ name: '家政服务员', shortage: true, shortageUpliftPct: 30 });
    expect(one.json().definition).toContain('家务');
    expect((await t.call('GET', '/api/v1/occupations/9-99-99-99')).statusCode).toBe(404);

    const progs = await t.call('GET', '/api/v1/programmes?type=skill_upgrade');
    const progItems = progs.json().items as Array<{ code: string; type: string }>;
    expect(progItems.map((x) => x.code)).toContain('SH-SKILL-UPGRADE');
    expect(progItems.every((x) => x.type === 'skill_upgrade')).toBe(true);
    expect((await t.call('GET', `/api/v1/programmes/${upgradeId}`)).json().code).toBe('SH-SKILL-UPGRADE');
    expect((await t.call('GET', '/api/v1/programmes/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/programmes/${upgradeId}/standards`)).json().items.length).toBeGreaterThanOrEqual(6);
    expect((await t.call('GET', '/api/v1/ratios')).json().items).toHaveLength(8);
    expect((await t.call('GET', '/api/v1/shortage-occupations')).json().items.length).toBeGreaterThanOrEqual(5);
    expect((await t.call('GET', '/api/v1/occupations?bogus=1')).statusCode).toBe(400);
  });
});

describe('city admin edits', () => {
  const lastAudit = async (action: string) =>
    (
      await t.db.query<{ action: string; entity_id: string; detail: Record<string, unknown>; actor_role: string }>(
        'SELECT action, entity_id, detail, actor_role FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1',
        [action],
      )
    ).rows[0];

  it('sets a standard, audited old → new', async () => {
    const before = await t.count('audit_log');
    const r = await t.call('PUT', `/api/v1/programmes/${upgradeId}/standards`, {
      as: 'city_admin',
      body: { occupationCode: null, level: 5, amountFen: 160000 },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ level: 5, amountFen: 160000, occupationCode: null });
    expect(await t.count('audit_log')).toBe(before + 1);
    const a = await lastAudit('catalog.standard.set');
    expect(a).toMatchObject({ entity_id: upgradeId, actor_role: 'city_admin' });
    expect(a?.detail).toMatchObject({ level: 5, from: 150000, to: 160000, occupationCode: null });
    // an unchanged value writes nothing
    await t.call('PUT', `/api/v1/programmes/${upgradeId}/standards`, { as: 'city_admin', body: { occupationCode: null, level: 5, amountFen: 160000 } });
    expect(await t.count('audit_log')).toBe(before + 1);
    // put back
    await t.call('PUT', `/api/v1/programmes/${upgradeId}/standards`, { as: 'city_admin', body: { level: 5, amountFen: 150000 } });
  });

  it('creates and updates a programme, audited', async () => {
    const c = await t.call('POST', '/api/v1/programmes', {
      as: 'city_admin',
      body: {
        code: 'TEST-ONLINE',
        name: '线上培训',
        type: 'social_training',
        fundingSource: 'employment_subsidy_fund',
        payee: 'provider',
        onlineAttendance: true,
        eligibleCategories: ['registered_unemployed'],
      },
    });
    expect(c.statusCode).toBe(201);
    const p = c.json();
    expect(p).toMatchObject({ validityMonths: 3, attendanceThresholdPct: 80, onlineAttendance: true, eligibleCategories: ['registered_unemployed'] });
    expect((await lastAudit('programme.create'))?.entity_id).toBe(p.id);

    const u = await t.call('PATCH', `/api/v1/programmes/${p.id}`, { as: 'city_admin', body: { attendanceThresholdPct: 90, status: 'closed' } });
    expect(u.statusCode).toBe(200);
    expect(u.json()).toMatchObject({ attendanceThresholdPct: 90, status: 'closed' });
    expect((await lastAudit('programme.update'))?.detail).toMatchObject({
      changes: { attendanceThresholdPct: { from: 80, to: 90 }, status: { from: 'open', to: 'closed' } },
    });

    const dup = await t.call('POST', '/api/v1/programmes', {
      as: 'city_admin',
      body: { code: 'TEST-ONLINE', name: 'x', type: 'social_training', fundingSource: 'employment_subsidy_fund', payee: 'provider' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', field: 'code' });
    expect((await t.call('PATCH', '/api/v1/programmes/00000000-0000-4000-8000-000000000000', { as: 'city_admin', body: { name: 'x' } })).statusCode).toBe(404);
  });

  it('sets a ratio, a shortage uplift and a budget, each audited', async () => {
    const r = await t.call('PUT', '/api/v1/ratios', { as: 'city_admin', body: { category: 'employed', ratioPct: 85 } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ category: 'employed', ratioPct: 85, name: '在职从业人员(含在沪缴纳社保的外省市人员)' });
    expect((await lastAudit('catalog.ratio.set'))?.detail).toMatchObject({ from: { ratioPct: 80 }, to: { ratioPct: 85 } });
    await t.call('PUT', '/api/v1/ratios', { as: 'city_admin', body: { category: 'employed', ratioPct: 80 } });

    const s = await t.call('PUT', '/api/v1/shortage-occupations', { as: 'city_admin', body: { occupationCode: '4-03-02-01', upliftPct: 20, field: 'test' } });
    expect(s.statusCode).toBe(200);
    expect((await catalog.getOccupation(t.db, '4-03-02-01'))?.shortageUpliftPct).toBe(20);
    expect((await lastAudit('catalog.shortage.set'))?.detail).toMatchObject({ from: null, to: { upliftPct: 20 } });
    const del = await t.call('PUT', '/api/v1/shortage-occupations', { as: 'city_admin', body: { occupationCode: '4-03-02-01', upliftPct: null } });
    expect(del.json()).toMatchObject({ listed: false });
    expect((await catalog.getOccupation(t.db, '4-03-02-01'))?.shortage).toBe(false);

    const b = await t.call('PUT', '/api/v1/budgets', {
      as: 'city_admin',
      body: { programmeId: upgradeId, districtCode: '310104', year, amountFen: 123_456_700 },
    });
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ districtCode: '310104', districtName: '徐汇区', amountFen: 123_456_700 });
    const a = await t.db.query<{ district_code: string; detail: Record<string, unknown> }>(
      "SELECT district_code, detail FROM audit_log WHERE action = 'catalog.budget.set' ORDER BY id DESC LIMIT 1",
    );
    expect(a.rows[0]).toMatchObject({ district_code: '310104', detail: { from: 1_000_000_000, to: 123_456_700 } });
  });

  it.each([
    ['PUT', '/api/v1/programmes/UPGRADE/standards', { occupationCode: '9-99-99-99', level: 3, amountFen: 1 }, 'OCCUPATION_UNKNOWN', 'occupationCode'],
    ['PUT', '/api/v1/programmes/UPGRADE/standards', { occupationCode: '4-00-00-00', level: 3, amountFen: 1 }, 'OCCUPATION_UNKNOWN', 'occupationCode'],
    ['PUT', '/api/v1/programmes/00000000-0000-4000-8000-000000000000/standards', { level: 3, amountFen: 1 }, 'PROGRAMME_UNKNOWN', 'programmeId'],
    ['PUT', '/api/v1/programmes/UPGRADE/standards', { level: 6, amountFen: 1 }, 'VALIDATION_FAILED', 'level'],
    ['PUT', '/api/v1/programmes/UPGRADE/standards', { level: -1, amountFen: 1 }, 'VALIDATION_FAILED', 'level'],
    ['PUT', '/api/v1/programmes/UPGRADE/standards', { level: 3, amountFen: -100 }, 'VALIDATION_FAILED', 'amountFen'],
    ['PUT', '/api/v1/programmes/UPGRADE/standards', { level: 3, amountFen: 1, extra: 1 }, 'VALIDATION_FAILED', 'extra'],
    ['PUT', '/api/v1/ratios', { category: 'employed', ratioPct: 101 }, 'VALIDATION_FAILED', 'ratioPct'],
    ['PUT', '/api/v1/ratios', { category: 'employed', ratioPct: -1 }, 'VALIDATION_FAILED', 'ratioPct'],
    ['PUT', '/api/v1/ratios', { category: 'brand_new', ratioPct: 50 }, 'VALIDATION_FAILED', 'name'],
    ['PUT', '/api/v1/ratios', { category: 'employed', ratioPct: 50, condition: 'level>3' }, 'VALIDATION_FAILED', 'condition'],
    ['PUT', '/api/v1/shortage-occupations', { occupationCode: '9-99-99-99', upliftPct: 30 }, 'OCCUPATION_UNKNOWN', 'occupationCode'],
    ['PUT', '/api/v1/shortage-occupations', { occupationCode: '4-10-01-05', upliftPct: 101 }, 'VALIDATION_FAILED', 'upliftPct'],
    [
      'PUT',
      '/api/v1/budgets',
      { programmeId: '00000000-0000-4000-8000-000000000000', districtCode: '310115', year, amountFen: 1 },
      'PROGRAMME_UNKNOWN',
      'programmeId',
    ],
    ['PUT', '/api/v1/budgets', { programmeId: 'UPGRADE', districtCode: '319999', year, amountFen: 1 }, 'DISTRICT_UNKNOWN', 'districtCode'],
    ['PUT', '/api/v1/budgets', { programmeId: 'UPGRADE', districtCode: '310115', year, amountFen: -1 }, 'VALIDATION_FAILED', 'amountFen'],
    [
      'POST',
      '/api/v1/programmes',
      { code: 'X-1', name: 'x', type: 'other', fundingSource: 'employment_subsidy_fund', payee: 'person' },
      'VALIDATION_FAILED',
      'type',
    ],
    [
      'POST',
      '/api/v1/programmes',
      { code: 'X-2', name: 'x', type: 'skill_upgrade', fundingSource: 'employment_subsidy_fund', payee: 'person', eligibleCategories: ['nobody'] },
      'VALIDATION_FAILED',
      'eligibleCategories',
    ],
    [
      'POST',
      '/api/v1/programmes',
      { code: 'X-3', name: 'x', type: 'skill_upgrade', fundingSource: 'employment_subsidy_fund', payee: 'person', attendanceThresholdPct: 120 },
      'VALIDATION_FAILED',
      'attendanceThresholdPct',
    ],
    ['PATCH', '/api/v1/programmes/UPGRADE', { type: 'apprenticeship' }, 'VALIDATION_FAILED', 'type'],
  ] as const)('%s %s refuses %o with %s on %s, nothing written', async (method, url, body, code, field) => {
    const before = await snapshot();
    // ids are known only after setup: 'UPGRADE' stands for the skill-upgrade programme's id
    const payload = JSON.parse(JSON.stringify(body).replace('"UPGRADE"', JSON.stringify(upgradeId))) as unknown;
    const r = await t.call(method, url.replace('UPGRADE', upgradeId), { as: 'city_admin', body: payload });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.json()).toMatchObject({ code, field });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the same bad edits at the service level (CLI / seeder callers)', async () => {
    await expect(t.db.tx((tx) => catalog.setStandard(SYSTEM, tx, upgradeId, { level: 3, amountFen: -5 }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'amountFen',
    });
    await expect(t.db.tx((tx) => catalog.setRatio(SYSTEM, tx, { category: 'employed', ratioPct: 150 }))).rejects.toBeInstanceOf(AppError);
    await expect(
      t.db.tx((tx) =>
        catalog.setBudget({ accountId: 'x', role: 'district_admin' }, tx, { programmeId: upgradeId, districtCode: '310115', year, amountFen: 1 }),
      ),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('roles', () => {
  it.each(['district_admin', 'finance', 'auditor', 'committee'])('%s cannot write the catalogue (403), nothing written', async (role) => {
    const before = await snapshot();
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/programmes', { code: 'NOPE', name: 'x', type: 'skill_upgrade', fundingSource: 'employment_subsidy_fund', payee: 'person' }],
      ['PATCH', `/api/v1/programmes/${upgradeId}`, { name: 'x' }],
      ['PUT', `/api/v1/programmes/${upgradeId}/standards`, { level: 5, amountFen: 1 }],
      ['PUT', '/api/v1/ratios', { category: 'employed', ratioPct: 1 }],
      ['PUT', '/api/v1/shortage-occupations', { occupationCode: '4-10-01-05', upliftPct: 1 }],
      ['PUT', '/api/v1/budgets', { programmeId: upgradeId, districtCode: '310115', year, amountFen: 1 }],
    ];
    for (const [method, url, body] of writes) {
      const r = await t.call(method, url, { as: role, body });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
      expect(r.json().code).toBe('FORBIDDEN');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('anonymous callers cannot write (401) or read budgets', async () => {
    expect((await t.call('PUT', '/api/v1/ratios', { body: { category: 'employed', ratioPct: 1 } })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/budgets')).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/budgets', { as: 'committee' })).statusCode).toBe(403);
  });

  it('a district admin sees only its own district budgets', async () => {
    const r = await t.call('GET', `/api/v1/budgets?year=${year}`, { as: 'district_admin' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Array<{ districtCode: string }>;
    expect(items).toHaveLength(4);
    expect(new Set(items.map((b) => b.districtCode))).toEqual(new Set(['310115']));
    expect((await t.call('GET', '/api/v1/budgets?districtCode=310104', { as: 'district_admin' })).statusCode).toBe(404);
    const b = await t.call('GET', `/api/v1/budgets?year=${year}`, { as: 'district_admin_b' });
    expect(new Set((b.json().items as Array<{ districtCode: string }>).map((x) => x.districtCode))).toEqual(new Set(['310104']));
  });

  it.each(['city_admin', 'finance', 'auditor'])('%s sees every district budget', async (role) => {
    const r = await t.call('GET', `/api/v1/budgets?year=${year}`, { as: role });
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBe(64);
    expect(new Set((r.json().items as Array<{ districtCode: string }>).map((x) => x.districtCode)).size).toBe(16);
  });
});
