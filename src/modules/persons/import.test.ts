import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { IMPORT_COLUMNS, headerLabel } from './rules.js';
import { nthIdNumber, syntheticCard, syntheticMobile } from './synthetic.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = IMPORT_COLUMNS.map(headerLabel).join(',');

interface Expected {
  row: number;
  field: string;
  code: string;
}

/** n rows; every 200th row is bad in one of five ways. Row numbers: header = 1, first data row = 2. */
function generateCsv(n: number, offset: number): { csv: string; bad: Expected[] } {
  const lines = [HEADER];
  const bad: Expected[] = [];
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    let id = nthIdNumber(offset + i);
    let phone = syntheticMobile(offset + i);
    let card = syntheticCard(offset + i);
    let cats = i % 3 === 0 ? 'employed' : 'registered_unemployed;disabled';
    let district = i % 2 === 0 ? '310115' : '310104';
    if (i % 200 === 199) {
      const kind = Math.floor(i / 200) % 5;
      if (kind === 0) {
        id = `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;
        bad.push({ row, field: 'idNumber', code: 'INVALID_ID_NUMBER' });
      }
      if (kind === 1) {
        card = `${card.slice(0, -1)}${(Number(card.slice(-1)) + 5) % 10}`;
        bad.push({ row, field: 'bankAccount', code: 'INVALID_BANK_CARD' });
      }
      if (kind === 2) {
        phone = '0211234567';
        bad.push({ row, field: 'phone', code: 'INVALID_MOBILE' });
      }
      if (kind === 3) {
        cats = 'employed;vip';
        bad.push({ row, field: 'categories', code: 'VALIDATION_FAILED' });
      }
      if (kind === 4) {
        id = nthIdNumber(offset + i - 1);
        bad.push({ row, field: 'idNumber', code: 'DUPLICATE' });
      }
    }
    if (i === 5000) {
      district = '999999';
      bad.push({ row, field: 'districtCode', code: 'DISTRICT_UNKNOWN' });
    }
    lines.push([`测试${i}`, id, phone, card, '工商银行', district, i % 4 === 0 ? 'nonlocal' : 'local', cats, '', ''].join(','));
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, bad: bad.sort((a, b) => a.row - b.row) };
}

const importCsv = (csv: string, as = 'city_admin') =>
  t.call('POST', '/api/v1/persons/import', { as, payload: Buffer.from(csv), headers: { 'content-type': 'text/csv' } });

describe('person import', () => {
  const N = 10_000;
  const { csv, bad } = generateCsv(N, 100_000);

  it('imports a 10,000-row CSV: bad rows reported by row and field, good rows kept', async () => {
    expect(bad.length).toBeGreaterThanOrEqual(50);
    const before = await t.count('persons');
    const r = await importCsv(csv);
    expect(r.statusCode).toBe(200);
    const rep = r.json();
    expect(rep).toMatchObject({ total: N, created: N - bad.length, updated: 0, failed: bad.length, errorsTruncated: false });
    expect(rep.errors.map((e: Expected) => ({ row: e.row, field: e.field, code: e.code }))).toEqual(bad);
    expect(await t.count('persons')).toBe(before + N - bad.length);
    // Stored encrypted; the report never carries a full ID number.
    expect(r.body).not.toContain(nthIdNumber(100_000));
    const one = await t.call('GET', `/api/v1/persons?idNumber=${nthIdNumber(100_003)}`, { as: 'city_admin' });
    expect(one.json().items[0]).toMatchObject({ name: '测试3', hukou: 'local', categories: ['employed'], districtCode: '310104' });
    expect(await t.count('audit_log', "action = 'person.import'")).toBe(Math.ceil((N - bad.length) / 1000));
  }, 300_000);

  it('re-importing the same file updates and never duplicates', async () => {
    const before = await t.count('persons');
    const r = await importCsv(csv.replace('测试3,', '测试三,'));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ total: N, created: 0, updated: N - bad.length, failed: bad.length });
    expect(await t.count('persons')).toBe(before);
    const one = await t.call('GET', `/api/v1/persons?idNumber=${nthIdNumber(100_003)}`, { as: 'city_admin' });
    expect(one.json().items[0].name).toBe('测试三');
  }, 300_000);

  it('imports an .xlsx of a few hundred rows with ID numbers as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('persons');
    ws.addRow(IMPORT_COLUMNS.map((c) => c.zh));
    for (let i = 0; i < 300; i++) {
      const id = i === 10 ? '31011519900230123X' : nthIdNumber(300_000 + i);
      const row = ws.addRow([`表格${i}`, id, i === 20 ? '1381234567' : syntheticMobile(300_000 + i), '', '', '310101', '本市', 'employed', '', '']);
      row.getCell(2).numFmt = '@';
    }
    // A numeric ID cell (as a careless sheet would have it) is refused, not silently rounded.
    ws.addRow(['数字', Number('310115199001011234'), '', '', '', '310101', 'local', '', '', '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await t.count('persons');
    const r = await t.call('POST', '/api/v1/persons/import', { as: 'city_admin', payload: buf, headers: { 'content-type': XLSX } });
    expect(r.statusCode).toBe(200);
    const rep = r.json();
    expect(rep).toMatchObject({ total: 301, created: 298, updated: 0, failed: 3 });
    expect(rep.errors.map((e: Expected) => [e.row, e.field, e.code])).toEqual([
      [12, 'idNumber', 'INVALID_ID_NUMBER'],
      [22, 'phone', 'INVALID_MOBILE'],
      [302, 'idNumber', 'INVALID_ID_NUMBER'],
    ]);
    expect(await t.count('persons')).toBe(before + 298);
  });

  it('serves a template whose headers the importer reads back', async () => {
    const r = await t.call('GET', '/api/v1/persons/import-template', { as: 'district_admin' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(IMPORT_COLUMNS.map(headerLabel));
    expect(wb.worksheets[0]!.getCell('B2').value).toBe('11010519491231002X');
    // Importing the template as is creates its example person.
    const imp = await t.call('POST', '/api/v1/persons/import', { as: 'city_admin', payload: r.rawPayload, headers: { 'content-type': XLSX } });
    expect(imp.json()).toMatchObject({ total: 1, failed: 0 });
  });

  it('a district admin imports into their own district and cannot touch persons elsewhere', async () => {
    const other = t.fx.persons.worker_b!; // registered in 310104
    const rows = [HEADER, `本区,${nthIdNumber(400_001)},,,,,,,,`, `外区,${nthIdNumber(400_002)},,,,310104,,,,`, `改他人,${other.idNumber},,,,,,,,`];
    const r = await importCsv(rows.join('\n'), 'district_admin');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ total: 3, created: 1, updated: 0, failed: 2 });
    expect(r.json().errors.map((e: Expected) => [e.row, e.field, e.code])).toEqual([
      [3, 'districtCode', 'VALIDATION_FAILED'],
      [4, 'idNumber', 'PERSON_EXISTS'],
    ]);
    const created = await t.call('GET', `/api/v1/persons?idNumber=${nthIdNumber(400_001)}`, { as: 'district_admin' });
    expect(created.json().items[0].districtCode).toBe('310115');
    const untouched = await t.call('GET', `/api/v1/persons/${other.id}`, { as: 'city_admin' });
    expect(untouched.json().name).toBe('王小红');
  });

  it.each([
    ['no ID column', 'name,phone\n张三,13812345678\n', 'text/csv', 'IMPORT_FILE_INVALID', 'header'],
    ['empty body', '', 'text/csv', 'IMPORT_FILE_INVALID', 'body'],
    ['broken xlsx', 'not a zip', XLSX, 'IMPORT_FILE_INVALID', 'body'],
    ['unclosed quote', `${HEADER}\n"张三,1\n`, 'text/csv', 'IMPORT_FILE_INVALID', 'body'],
  ])('refuses a bad file (%s) and writes nothing', async (_l, payload, type, code, field) => {
    const before = await t.count('persons');
    const r = await t.call('POST', '/api/v1/persons/import', { as: 'city_admin', payload: Buffer.from(payload), headers: { 'content-type': type } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code, field });
    expect(await t.count('persons')).toBe(before);
  });

  it('refuses a JSON body with 415', async () => {
    const r = await t.call('POST', '/api/v1/persons/import', { as: 'city_admin', body: { rows: [] } });
    expect(r.statusCode).toBe(415);
    expect(r.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' });
  });

  it('refuses imports by roles without registry write access', async () => {
    for (const who of ['auditor', 'worker', 'provider']) {
      const r = await importCsv(`${HEADER}\n`, who);
      expect(r.statusCode, who).toBe(403);
    }
  });
});
