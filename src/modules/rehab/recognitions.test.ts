/**
 * Recognitions arriving in bulk: the sheet import (CSV / .xlsx, per-row errors, good rows saved) and the sync
 * from the district recognition system's simulator (区工伤认定系统模拟器), confined to the officer's district.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../lib/identifiers.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate } from '../../test/factories/index.js';
import { simulator } from './district-system.js';

let t: TestApp;
const today = businessDate(new Date());
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const id = (first17: string) => first17 + idCheckChar(first17);
const HEADER = '认定书编号,身份证号,姓名,单位统一社会信用代码,单位名称,区代码,受伤日期,认定日期,认定类型,诊断,ICD-10,病种,停工留薪期起,停工留薪期止';
const line = (n: string, idNumber: string, over: Partial<Record<'kind' | 'district' | 'condition' | 'leaveEnd', string>> = {}) =>
  [
    n,
    idNumber,
    '测试人',
    '',
    '测试公司',
    over.district ?? '310115',
    addDays(today, -9),
    addDays(today, -3),
    over.kind ?? '认定工伤',
    '左桡骨远端骨折',
    'S52.5',
    over.condition ?? '骨折',
    addDays(today, -9),
    over.leaveEnd ?? addDays(today, 50),
  ].join(',');

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  simulator.clear();
  await t?.close();
});

describe('recognition import', () => {
  it('saves the good rows and lists the bad ones by line and field', async () => {
    const csv = [
      HEADER,
      line('IMP-1', id('31011519900101101')),
      line('IMP-2', '310115199001011019'),
      line('IMP-3', id('31011519900101103'), { kind: '工伤?' }),
      line('IMP-4', id('31011519900101104'), { leaveEnd: addDays(today, -30) }),
      line('IMP-5', id('31011519900101105'), { condition: '烧伤' }),
    ].join('\n');
    const r = await t.call('POST', '/api/v1/rehab/recognitions/import', { as: 'district_admin', headers: { 'content-type': 'text/csv' }, payload: csv });
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json();
    expect(rep).toMatchObject({ total: 5, created: 2, updated: 0, failed: 3 });
    expect(rep.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [3, 'idNumber'],
      [4, 'kind'],
      [5, 'leaveEnd'],
    ]);
    const list = (await t.call('GET', '/api/v1/rehab/recognitions?q=IMP', { as: 'district_admin' })).json();
    expect(
      list.items.map((x: { decisionNumber: string; source: string; conditionCode: string }) => [x.decisionNumber, x.source, x.conditionCode]).sort(),
    ).toEqual([
      ['IMP-1', 'imported', 'fracture'],
      ['IMP-5', 'imported', 'burn'],
    ]);
  });

  it('reads .xlsx (the template’s columns; ID numbers as text) and updates a known decision number', async () => {
    const tpl = await t.call('GET', '/api/v1/rehab/recognitions/template.xlsx', { as: 'district_admin' });
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('认定书编号');
    ws.spliceRows(2, 1);
    ws.addRow(line('IMP-1', id('31011519900101101'), { condition: '手外伤' }).split(','));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await t.call('POST', '/api/v1/rehab/recognitions/import', { as: 'district_admin', headers: { 'content-type': XLSX }, payload: buf });
    expect(r.json()).toMatchObject({ total: 1, created: 0, updated: 1, failed: 0 });
  });

  it('refuses another district’s rows for a district officer, and the role of a worker', async () => {
    const csv = [HEADER, line('IMP-9', id('31010419900101109'), { district: '310104' })].join('\n');
    const r = await t.call('POST', '/api/v1/rehab/recognitions/import', { as: 'district_admin', headers: { 'content-type': 'text/csv' }, payload: csv });
    expect(r.json()).toMatchObject({ created: 0, failed: 1 });
    expect(r.json().errors[0]).toMatchObject({ code: 'NOT_FOUND', field: 'districtCode' });
    expect(
      (await t.call('POST', '/api/v1/rehab/recognitions/import', { as: 'worker', headers: { 'content-type': 'text/csv' }, payload: csv })).statusCode,
    ).toBe(403);
  });
});

describe('the district recognition system (simulator)', () => {
  it('syncs the officer’s district only, inserting new and updating known decision numbers', async () => {
    const base = {
      name: '钱多',
      employerName: '某公司',
      injuryDate: addDays(today, -9),
      decisionDate: addDays(today, -2),
      kind: 'deemed' as const,
      diagnosis: '腰椎骨折',
      icd10: 'S32.0',
      leaveStart: addDays(today, -9),
      leaveEnd: addDays(today, 80),
    };
    simulator.put([
      { ...base, decisionNumber: 'SIM-1', idNumber: id('31011519950505111'), districtCode: '310115' },
      { ...base, decisionNumber: 'SIM-2', idNumber: id('31010419950505112'), districtCode: '310104' },
    ]);
    const r = await t.call('POST', '/api/v1/rehab/recognitions/sync', { as: 'district_admin', body: {} });
    expect(r.json()).toMatchObject({ total: 1, created: 1, failed: 0 });
    expect((await t.call('POST', '/api/v1/rehab/recognitions/sync', { as: 'district_admin', body: { districtCode: '310104' } })).statusCode).toBe(404);
    simulator.put([{ ...base, decisionNumber: 'SIM-1', idNumber: id('31011519950505111'), districtCode: '310115', status: 'under_review' }]);
    const again = await t.call('POST', '/api/v1/rehab/recognitions/sync', { as: 'district_admin', body: {} });
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    const v = (await t.call('GET', '/api/v1/rehab/recognitions?q=SIM-1', { as: 'district_admin' })).json().items[0];
    expect(v).toMatchObject({ source: 'district_system', kind: 'deemed', status: 'under_review', conditionCode: 'fracture' });
    expect(v.eligibility.reasons.map((x: { code: string }) => x.code)).toEqual(['RECOGNITION_NOT_FINAL']);
    const city = await t.call('POST', '/api/v1/rehab/recognitions/sync', { as: 'city_admin', body: {} });
    expect(city.json()).toMatchObject({ total: 2, created: 1, updated: 1 });
  });
});
