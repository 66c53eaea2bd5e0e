import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import { mapHeader, validatePersonRow } from './rules.js';
import { ensurePerson, matchPersonsSql, shanghaiToday, type EligibilityRule } from './service.js';
import { syntheticIdNumber } from './synthetic.js';

const ID = syntheticIdNumber('310115', '19900307', 121);

describe('validatePersonRow', () => {
  it.each([
    [{ name: '张三', idNumber: ID }, null],
    [{ name: '张三', idNumber: ID.toLowerCase(), hukou: '外省市', categories: 'employed；disabled' }, null],
    [{ name: '', idNumber: ID }, ['name', 'VALIDATION_FAILED']],
    [{ name: '张三', idNumber: '' }, ['idNumber', 'INVALID_ID_NUMBER']],
    [{ name: '张三', idNumber: `${ID.slice(0, 17)}${ID[17] === '5' ? '6' : '5'}` }, ['idNumber', 'INVALID_ID_NUMBER']],
    [{ name: '张三', idNumber: ID, phone: '138' }, ['phone', 'INVALID_MOBILE']],
    [{ name: '张三', idNumber: ID, bankAccount: '6222020200001234567' }, ['bankAccount', 'INVALID_BANK_CARD']],
    [{ name: '张三', idNumber: ID, districtCode: '31011' }, ['districtCode', 'DISTRICT_UNKNOWN']],
    [{ name: '张三', idNumber: ID, hukou: 'mars' }, ['hukou', 'VALIDATION_FAILED']],
    [{ name: '张三', idNumber: ID, categories: 'employed;vip' }, ['categories', 'VALIDATION_FAILED']],
    [{ name: '张三', idNumber: ID, employerUscc: '91350100M000100Y44' }, ['employerUscc', 'INVALID_USCC']],
  ] as const)('%o → %o', (row, expected) => {
    const r = validatePersonRow(row, 7);
    if (expected === null) expect(r.ok).toBe(true);
    else {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatchObject({ row: 7, field: expected[0], code: expected[1] });
    }
  });

  it('normalises what it accepts', () => {
    const r = validatePersonRow(
      {
        name: ' 张三 ',
        idNumber: ID.toLowerCase(),
        phone: '+86 13812345678'.replace(' ', ''),
        bankAccount: '6222 0202 0000 1234 562',
        categories: 'employed, disabled',
      },
      2,
    );
    expect(r).toEqual({
      ok: true,
      input: expect.objectContaining({
        name: '张三',
        idNumber: ID.toUpperCase(),
        phone: '13812345678',
        bankAccount: '6222020200001234562',
        categories: ['disabled', 'employed'],
        hukou: 'local',
      }),
    });
  });
});

describe('mapHeader', () => {
  it.each([
    [['姓名', '身份证号'], ['name', 'idNumber'], []],
    [['name', 'IDNUMBER', 'extra'], ['name', 'idNumber', null], []],
    [['姓名 name', '手机号 phone'], ['name', 'phone'], ['idNumber']],
  ])('%o', (cells, keys, missing) => {
    expect(mapHeader(cells)).toEqual({ keys, missing });
  });
});

describe('matchPersonsSql', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    await t.db.tx(async (tx) => {
      const plan: Array<[string, string, string, string, 'local' | 'nonlocal', string[], string | null]> = [
        // key, district, birth, seq (odd = M), hukou, categories, employer
        ['young_m', '310115', '20080301', '011', 'local', ['college_graduating'], null],
        ['mid_f', '310115', '19900815', '022', 'nonlocal', ['employed'], '91350100M000100Y43'],
        ['old_m', '310104', '19660101', '031', 'local', ['registered_unemployed', 'disabled'], null],
      ];
      for (const [key, district, birth, seq, hukou, categories, employerUscc] of plan) {
        const { person } = await ensurePerson(tx, SYSTEM, {
          idNumber: syntheticIdNumber(district, birth, Number(seq)),
          name: key,
          districtCode: district,
          hukou,
          categories,
          employerUscc,
        });
        ids[key] = person.id;
      }
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const match = async (rule: EligibilityRule, asOf = '2026-03-01') => {
    const { sql, params } = matchPersonsSql(rule, 3, asOf);
    // Parameters start at $3: $1 and $2 belong to the caller's own query.
    const { rows } = await t.db.query<{ id: string; birth_date: string }>(`SELECT m.* FROM (${sql}) m WHERE $1::int = 1 AND $2::text = 'x'`, [
      1,
      'x',
      ...params,
    ]);
    const mine = new Set(Object.values(ids));
    return Object.entries(ids)
      .filter(([, id]) => rows.some((r) => r.id === id && mine.has(id)))
      .map(([k]) => k)
      .sort();
  };

  it.each([
    [{}, ['mid_f', 'old_m', 'young_m']],
    [{ districtCodes: ['310115'] }, ['mid_f', 'young_m']],
    [{ categoriesAny: ['disabled', 'employed'] }, ['mid_f', 'old_m']],
    [{ hukou: 'nonlocal' }, ['mid_f']],
    [{ sex: 'F' }, ['mid_f']],
    [{ employerUscc: '91350100M000100Y43' }, ['mid_f']],
    [{ ageMin: 18 }, ['mid_f', 'old_m', 'young_m']],
    [{ ageMin: 16, ageMax: 59 }, ['mid_f', 'young_m']],
    [{ ageMax: 59 }, ['mid_f', 'young_m']],
    [{ ageMax: 60 }, ['mid_f', 'old_m', 'young_m']],
    [{ districtCodes: ['310115'], ageMin: 30, hukou: 'nonlocal', sex: 'F' }, ['mid_f']],
  ] as Array<[EligibilityRule, string[]]>)('%o as of 2026-03-01 → %o', async (rule, expected) => {
    expect(await match(rule)).toEqual(expected);
  });

  it('counts full years on the birthday itself', async () => {
    expect(await match({ ageMin: 18 }, '2026-02-28')).toEqual(['mid_f', 'old_m']);
    expect(await match({ ageMax: 17 }, '2026-02-28')).toEqual(['young_m']);
  });

  it('defaults the date to today in Asia/Shanghai', () => {
    expect(matchPersonsSql({ ageMin: 1 }, 1).params[0]).toBe(shanghaiToday());
    expect(shanghaiToday(new Date('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
  });
});
