import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { decrypt } from '../../lib/crypto.js';
import { nthIdNumber, syntheticCard, syntheticIdNumber } from './synthetic.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const ID_A = syntheticIdNumber('310115', '19850612', 123);
const CARD = syntheticCard(42);
const base = (over: Record<string, unknown> = {}) => ({
  idNumber: ID_A,
  name: '张三',
  phone: '13812345678',
  bankAccount: CARD,
  bankName: '工商银行',
  districtCode: '310115',
  hukou: 'local',
  categories: ['employed'],
  employerUscc: '91350100M000100Y43',
  employerName: '示例公司',
  ...over,
});

/** No response may carry a full ID number, phone or card. */
function assertNoPlain(body: string, ...secrets: string[]) {
  for (const s of secrets) expect(body).not.toContain(s);
}

describe('person registry — create, read, update, search', () => {
  let id: string;

  it('creates a person with derived birth date and sex, masked in the response', async () => {
    const r = await t.call('POST', '/api/v1/persons', { as: 'city_admin', body: base() });
    expect(r.statusCode).toBe(201);
    const p = r.json();
    id = p.id;
    expect(p).toMatchObject({
      name: '张三',
      idNumberMasked: `310***********${ID_A.slice(14)}`,
      birthDate: '1985-06-12',
      sex: 'M',
      phoneMasked: '138****5678',
      bankAccountMasked: `${CARD.slice(0, 4)} **** **** ${CARD.slice(-4)}`,
      districtCode: '310115',
      categories: ['employed'],
    });
    assertNoPlain(r.body, ID_A, '13812345678', CARD);
  });

  it('stores the ID number, phone and card encrypted', async () => {
    const { rows } = await t.db.query<Record<string, unknown>>('SELECT * FROM persons WHERE id = $1', [id]);
    const raw = JSON.stringify(rows[0]);
    assertNoPlain(raw, ID_A, '13812345678', CARD, ID_A.slice(0, 14));
    expect(decrypt(String(rows[0]!.id_number_enc))).toBe(ID_A);
  });

  it('refuses a second person with the same ID number (also in lower case x / blanks)', async () => {
    const before = await t.count('persons');
    const r = await t.call('POST', '/api/v1/persons', { as: 'city_admin', body: base({ name: '李四', idNumber: ` ${ID_A.toLowerCase()} ` }) });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'PERSON_EXISTS', field: 'idNumber' });
    expect(await t.count('persons')).toBe(before);
  });

  it('reads one person (masked) and updates it, auditing a masked detail', async () => {
    const g = await t.call('GET', `/api/v1/persons/${id}`, { as: 'auditor' });
    expect(g.statusCode).toBe(200);
    assertNoPlain(g.body, ID_A, '13812345678', CARD);
    const u = await t.call('PATCH', `/api/v1/persons/${id}`, {
      as: 'district_admin',
      body: { phone: '13987654321', categories: ['registered_unemployed', 'disabled'], bankAccount: null },
    });
    expect(u.statusCode).toBe(200);
    expect(u.json()).toMatchObject({ phoneMasked: '139****4321', bankAccountMasked: null, categories: ['disabled', 'registered_unemployed'] });
    assertNoPlain(u.body, '13987654321');
    const audit = await t.db.query<{ action: string; detail: unknown }>('SELECT action, detail FROM audit_log WHERE entity_id = $1 ORDER BY id', [id]);
    expect(audit.rows.map((a) => a.action)).toEqual(['person.create', 'person.update']);
    assertNoPlain(JSON.stringify(audit.rows), ID_A, '13812345678', '13987654321', CARD);
  });

  it('searches by name prefix, exact ID number, phone, district and category', async () => {
    await t.call('POST', '/api/v1/persons', {
      as: 'city_admin',
      body: base({ idNumber: nthIdNumber(7, '310104'), name: '张三丰', phone: '13700000001', districtCode: '310104', categories: [] }),
    });
    const q = async (qs: string, as = 'city_admin') => {
      const r = await t.call('GET', `/api/v1/persons?${qs}`, { as });
      expect(r.statusCode).toBe(200);
      assertNoPlain(r.body, ID_A, '13987654321', '13700000001');
      return r.json() as { total: number; items: Array<{ name: string }> };
    };
    expect((await q(`name=${encodeURIComponent('张三')}`)).total).toBe(2);
    expect((await q(`name=${encodeURIComponent('张三丰')}`)).items.map((p) => p.name)).toEqual(['张三丰']);
    expect((await q(`name=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await q(`idNumber=${ID_A.toLowerCase()}`)).items.map((p) => p.name)).toEqual(['张三']);
    expect((await q('phone=13700000001')).items.map((p) => p.name)).toEqual(['张三丰']);
    expect((await q('districtCode=310104')).items.map((p) => p.name).sort()).toEqual(['张三丰', '王小红'].sort());
    expect((await q('category=disabled')).items.map((p) => p.name)).toEqual(['张三']);
    expect((await q(`name=${encodeURIComponent('张')}&limit=1&offset=1`)).items).toHaveLength(1);
    // A district admin's search is held to their district.
    expect((await q(`name=${encodeURIComponent('张三')}`, 'district_admin_b')).items.map((p) => p.name)).toEqual(['张三丰']);
    expect((await q('districtCode=310115', 'district_admin_b')).total).toBe(0);
  });

  it('gives the full values only through the audited sensitive read (city admin)', async () => {
    const before = await t.count('audit_log', "action = 'person.read_sensitive'");
    const r = await t.call('GET', `/api/v1/persons/${id}/sensitive?reason=${encodeURIComponent('bank return check')}`, { as: 'city_admin' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id, idNumber: ID_A, phone: '13987654321', bankAccount: null });
    expect(await t.count('audit_log', "action = 'person.read_sensitive'")).toBe(before + 1);
    for (const who of ['district_admin', 'auditor', 'worker', 'finance']) {
      const d = await t.call('GET', `/api/v1/persons/${id}/sensitive`, { as: who });
      expect(d.statusCode, who).toBe(403);
    }
    expect(await t.count('audit_log', "action = 'person.read_sensitive'")).toBe(before + 1);
  });
});

describe('person registry — scope', () => {
  it('district admin B gets 404 for a person of district A, also on update', async () => {
    const a = await t.call('GET', `/api/v1/persons/${t.fx.persons.worker!.id}`, { as: 'district_admin_b' });
    expect(a.statusCode).toBe(404);
    expect(a.json().code).toBe('NOT_FOUND');
    const u = await t.call('PATCH', `/api/v1/persons/${t.fx.persons.worker!.id}`, { as: 'district_admin_b', body: { name: '改名' } });
    expect(u.statusCode).toBe(404);
    const own = await t.call('GET', `/api/v1/persons/${t.fx.persons.worker_b!.id}`, { as: 'district_admin_b' });
    expect(own.statusCode).toBe(200);
  });

  it('a district admin creates only in their own district, and may not move a person out', async () => {
    const before = await t.count('persons');
    const r = await t.call('POST', '/api/v1/persons', { as: 'district_admin_b', body: base({ idNumber: nthIdNumber(8), districtCode: '310115' }) });
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe('districtCode');
    expect(await t.count('persons')).toBe(before);
    const ok = await t.call('POST', '/api/v1/persons', { as: 'district_admin_b', body: base({ idNumber: nthIdNumber(9), districtCode: undefined }) });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().districtCode).toBe('310104');
    const mv = await t.call('PATCH', `/api/v1/persons/${ok.json().id}`, { as: 'district_admin_b', body: { districtCode: '310115' } });
    expect(mv.statusCode).toBe(400);
  });

  it('a worker sees only themself', async () => {
    const me = await t.call('GET', '/api/v1/persons/me', { as: 'worker' });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(t.fx.persons.worker!.id);
    assertNoPlain(me.body, t.fx.persons.worker!.idNumber, '13800000000');
    expect((await t.call('GET', `/api/v1/persons/${t.fx.persons.worker!.id}`, { as: 'worker' })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/persons/${t.fx.persons.worker_b!.id}`, { as: 'worker' })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/persons', { as: 'worker' })).statusCode).toBe(403);
  });

  it.each(['provider', 'enterprise', 'assessor', 'finance', 'committee'])('role %s has no access to the registry', async (role) => {
    expect((await t.call('GET', `/api/v1/persons/${t.fx.persons.worker!.id}`, { as: role })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/persons', { as: role })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/persons', { as: role, body: base({ idNumber: nthIdNumber(10) }) })).statusCode).toBe(403);
  });

  it('an unknown id reads as 404', async () => {
    expect((await t.call('GET', '/api/v1/persons/00000000-0000-4000-8000-000000000000', { as: 'city_admin' })).statusCode).toBe(404);
  });
});

describe('person registry — bad input writes nothing', () => {
  const BAD_ID = `${ID_A.slice(0, 17)}${ID_A[17] === '0' ? '1' : '0'}`;
  const cases: Array<[string, unknown, string, string]> = [
    ['invalid ID check character', base({ idNumber: BAD_ID }), 'INVALID_ID_NUMBER', 'idNumber'],
    ['ID with an impossible birth date', base({ idNumber: syntheticIdNumber('310115', '19850230', 1) }), 'INVALID_ID_NUMBER', 'idNumber'],
    [
      'card failing Luhn',
      base({ idNumber: nthIdNumber(20), bankAccount: `${CARD.slice(0, -1)}${(Number(CARD.slice(-1)) + 1) % 10}` }),
      'INVALID_BANK_CARD',
      'bankAccount',
    ],
    ['landline as mobile', base({ idNumber: nthIdNumber(21), phone: '02112345678' }), 'INVALID_MOBILE', 'phone'],
    ['bad USCC', base({ idNumber: nthIdNumber(22), employerUscc: '91350100M000100Y44' }), 'INVALID_USCC', 'employerUscc'],
    ['unknown district', base({ idNumber: nthIdNumber(23), districtCode: '999999' }), 'DISTRICT_UNKNOWN', 'districtCode'],
    ['unknown field', { ...base({ idNumber: nthIdNumber(24) }), role: 'admin' }, 'VALIDATION_FAILED', 'role'],
    ['wrong type', base({ idNumber: nthIdNumber(25), categories: 'employed' }), 'VALIDATION_FAILED', 'categories'],
    ['unknown category', base({ idNumber: nthIdNumber(26), categories: ['vip'] }), 'VALIDATION_FAILED', 'categories.0'],
    ['over-long name', base({ idNumber: nthIdNumber(27), name: '名'.repeat(65) }), 'VALIDATION_FAILED', 'name'],
    ['empty name', base({ idNumber: nthIdNumber(28), name: '   ' }), 'VALIDATION_FAILED', 'name'],
    ['missing ID number', { name: '无号' }, 'VALIDATION_FAILED', 'idNumber'],
  ];

  it.each(cases)('%s → 4xx with code and field', async (_label, body, code, field) => {
    const before = await t.count('persons');
    const r = await t.call('POST', '/api/v1/persons', { as: 'city_admin', body });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code, field });
    expect(await t.count('persons')).toBe(before);
  });

  it('malformed JSON → MALFORMED_JSON', async () => {
    const before = await t.count('persons');
    const r = await t.call('POST', '/api/v1/persons', { as: 'city_admin', payload: '{"idNumber": "1', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'MALFORMED_JSON', field: 'body' });
    expect(await t.count('persons')).toBe(before);
  });

  it('bad update input changes nothing', async () => {
    const id = t.fx.persons.worker!.id;
    const before = (await t.db.query('SELECT * FROM persons WHERE id = $1', [id])).rows[0];
    for (const [body, code, field] of [
      [{ phone: '123' }, 'INVALID_MOBILE', 'phone'],
      [{ idNumber: ID_A }, 'VALIDATION_FAILED', 'idNumber'],
      [{ hukou: 'mars' }, 'VALIDATION_FAILED', 'hukou'],
    ] as const) {
      const r = await t.call('PATCH', `/api/v1/persons/${id}`, { as: 'city_admin', body });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code, field });
    }
    expect((await t.db.query('SELECT * FROM persons WHERE id = $1', [id])).rows[0]).toEqual(before);
  });
});

describe('one person per ID number under concurrency', () => {
  it('20 parallel creates of the same ID: exactly one 201', async () => {
    const idNumber = nthIdNumber(4242);
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.call('POST', '/api/v1/persons', { as: 'city_admin', body: base({ idNumber, name: `并发${i}` }) })),
    );
    const codes = rs.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const s = await t.call('GET', `/api/v1/persons?idNumber=${idNumber}`, { as: 'city_admin' });
    expect(s.json().total).toBe(1);
  });
});
