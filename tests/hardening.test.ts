/**
 * Issue 15, sign-in and input hardening (items 8, 19, 20, 21): what an attacker or an unusual input does to
 * the HTTP API, on both engines. Every refusal is problem+json and changes nothing (row counts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../src/test/harness.js';
import { syntheticCard } from '../src/modules/persons/synthetic.js';
import { idCheckChar } from '../src/lib/identifiers.js';
import { buildApp } from '../src/http/app.js';

/** The first 17 characters of `id` with their check character. */
const withCheck = (id: string): string => id.slice(0, 17) + idCheckChar(id.slice(0, 17));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const person = (over: Record<string, unknown> = {}) => ({
  name: '张三',
  phone: '13812345678',
  bankAccount: syntheticCard(4242),
  bankName: '工商银行',
  districtCode: '310115',
  hukou: 'local',
  categories: ['employed'],
  ...over,
});

describe('item 8 — resident ID numbers name a real province (GB/T 2260)', () => {
  it('refuses 990426199112010074 with INVALID_ID_NUMBER and creates nothing', async () => {
    const before = await t.count('persons');
    const r = await t.call('POST', '/api/v1/persons', { as: 'city_admin', body: person({ idNumber: '990426199112010074' }) });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'INVALID_ID_NUMBER', field: 'idNumber' });
    expect(await t.count('persons')).toBe(before);
  });

  it('accepts the same birth date and sequence under a real province (Jiangsu, 32)', async () => {
    const before = await t.count('persons');
    const r = await t.call('POST', '/api/v1/persons', { as: 'city_admin', body: person({ idNumber: '32042619911201007X' }) });
    expect(r.statusCode).toBe(201);
    expect(await t.count('persons')).toBe(before + 1);
  });
});

describe('item 19 — names outside the Basic Multilingual Plane', () => {
  const NAMES: Array<[string, string, string]> = [
    // name, its ID number (Zhejiang, Guangdong, Sichuan), the mask by whole characters
    ['王𠮷', '330106199001010011', '王*'],
    ['𪚥林', '440106199001010021', '𪚥*'],
    ['李😀明', '510107199001010031', '李*明'],
  ];

  it.each(NAMES)('%s signs in through the e-SSC, is stored, masked by whole characters and shown', async (name, id17ish, masked) => {
    const idNumber = withCheck(id17ish);
    const a = await t.call('POST', '/api/v1/essc-sim/authorize', { body: { idNumber, name } });
    expect(a.statusCode).toBe(200);
    const s = await t.call('POST', '/api/v1/auth/essc', { body: { assertion: a.json().assertion, client: 'api' } });
    expect(s.statusCode).toBe(200);
    const h = { authorization: `Bearer ${s.json().token as string}` };
    const me = await t.call('GET', '/api/v1/auth/me', { headers: h });
    expect(me.statusCode).toBe(200);
    const personId = me.json().personId as string;
    expect(me.json().displayName).toBe(name);
    // stored whole and shown whole to an officer ...
    const shown = await t.call('GET', `/api/v1/persons/${personId}`, { as: 'city_admin' });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().name).toBe(name);
    const { rows } = await t.db.query<{ name: string }>('SELECT name FROM persons WHERE id = $1', [personId]);
    expect(rows[0]!.name).toBe(name);
    // ... and masked by whole characters where it is masked (the audit entry of its registration)
    const audit = await t.db.query<{ name: string }>("SELECT detail->>'name' AS name FROM audit_log WHERE action = 'person.create' AND entity_id = $1", [
      personId,
    ]);
    expect(audit.rows.map((r) => r.name)).toEqual([masked]);
  });

  it.each(NAMES)('%s is registered by an officer and answered masked', async (name, id17ish, masked) => {
    const idNumber = withCheck(id17ish.replace(/^(\d{14})\d/, '$19'));
    const r = await t.call('POST', '/api/v1/persons', { as: 'city_admin', body: person({ idNumber, name }) });
    expect(r.statusCode).toBe(201);
    expect(r.json().name).toBe(name);
    const audit = await t.db.query<{ name: string }>("SELECT detail->>'name' AS name FROM audit_log WHERE action = 'person.create' AND entity_id = $1", [
      r.json().id,
    ]);
    expect(audit.rows.map((x) => x.name)).toEqual([masked]);
  });
});

describe('item 20 — input hardening', () => {
  const problem = (r: { statusCode: number; headers: Record<string, unknown>; json: () => { code: string; field?: string } }, status: number) => {
    expect(r.statusCode).toBe(status);
    expect(String(r.headers['content-type'])).toContain('application/problem+json');
    return r.json();
  };

  it('a NUL character in a body field answers 400 naming the field, and stores nothing', async () => {
    const before = await t.count('persons');
    const audits = await t.count('audit_log');
    const r = await t.call('POST', '/api/v1/persons', { as: 'city_admin', body: person({ idNumber: withCheck('330106199202020020'), name: '张\u0000三' }) });
    expect(problem(r, 400)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    expect(await t.count('persons')).toBe(before);
    expect(await t.count('audit_log')).toBe(audits);
  });

  it('a NUL character nested in the body, in the query or in a path parameter answers 400 naming it', async () => {
    const nested = await t.call('POST', '/api/v1/persons', {
      as: 'city_admin',
      body: person({ idNumber: withCheck('330106199202020030'), categories: ['employed', 'x\u0000'] }),
    });
    expect(problem(nested, 400).field).toBe('categories.1');
    const key = await t.call('POST', '/api/v1/auth/login', {
      payload: '{"user\\u0000name":"a","password":"b"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(problem(key, 400).field).toBe('user\u0000name');
    const q = await t.call('GET', '/api/v1/persons?q=%E5%BC%A0%00', { as: 'city_admin' });
    expect(problem(q, 400)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'query.q' });
    const p = await t.call('GET', '/api/v1/persons/%00', { as: 'city_admin' });
    expect(problem(p, 400)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.id' });
    // a sign-in attempt with a NUL in the username is refused before it reaches the database
    const login = await t.call('POST', '/api/v1/auth/login', { body: { username: 'fx.auditor\u0000', password: 'x', client: 'api' } });
    expect(problem(login, 400).field).toBe('username');
  });

  it('concurrent creation of one username answers one 201 and 409s, one row', async () => {
    const body = { username: 'hd.same.name', displayName: '并发', role: 'auditor', password: 'Hardening-pass-2026' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.call('POST', '/api/v1/accounts', { as: 'city_admin', body })));
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(7).fill(409)]);
    for (const r of answers.filter((x) => x.statusCode === 409)) expect(problem(r, 409)).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
    expect(await t.count('accounts', "username = 'hd.same.name'")).toBe(1);
    expect(await t.count('audit_log', "action = 'account.create' AND detail->>'username' = 'hd.same.name'")).toBe(1);
  });

  it('an over-long path parameter answers problem+json, never 500', async () => {
    const long = 'a'.repeat(10_000);
    for (const url of [
      `/api/v1/persons/${long}`,
      `/api/v1/subsidy/batches/${long}`,
      `/api/v1/subsidy/batches/${long}/approve`,
      `/api/v1/persons/${'7'.repeat(300)}`,
    ]) {
      const method = url.endsWith('/approve') ? 'POST' : 'GET';
      const r = await t.call(method, url, { as: url.includes('subsidy') ? 'finance' : 'city_admin', ...(method === 'POST' ? { body: {} } : {}) });
      expect([400, 404]).toContain(r.statusCode);
      expect(String(r.headers['content-type'])).toContain('application/problem+json');
      expect(r.body.length).toBeLessThan(2_000); // the path is not echoed whole
    }
    const bad = await t.call('GET', '/api/v1/persons/%E0%A4%A', { as: 'city_admin' });
    expect(problem(bad, 400).code).toBe('VALIDATION_FAILED');
  });

  it('building a batch with nothing payable answers 409 and creates nothing', async () => {
    const tables = ['disbursement_batches', 'disbursement_payments', 'audit_log', 'idempotency_keys'];
    const before = await Promise.all(tables.map((x) => t.count(x)));
    const r = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', body: {}, headers: { 'idempotency-key': 'hardening-empty-batch-1' } });
    expect(problem(r, 409).code).toBe('NOTHING_PAYABLE');
    expect(await Promise.all(tables.map((x) => t.count(x)))).toEqual(before);
    const again = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', body: {} });
    expect(problem(again, 409).code).toBe('NOTHING_PAYABLE');
    expect(await Promise.all(tables.map((x) => t.count(x)))).toEqual(before);
  });

  it.each([
    ['application/octet-stream', Buffer.from('idNumber,name\n')],
    ['application/json', Buffer.from('{"rows":[]}')],
    ['text/plain', Buffer.from('idNumber,name\n')],
    ['application/xml', Buffer.from('<x/>')],
    ['multipart/form-data; boundary=x', Buffer.from('--x\r\nContent-Disposition: form-data; name="file"\r\n\r\na\r\n--x--\r\n')],
    ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  ])('an import refuses content type %s with 415 problem+json, importing nothing', async (type, payload) => {
    const before = await t.count('persons');
    const r = await t.call('POST', '/api/v1/persons/import', { as: 'city_admin', payload, headers: { 'content-type': type } });
    expect(problem(r, 415)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' });
    expect(await t.count('persons')).toBe(before);
  });

  it('a NUL character inside an imported sheet is a row error naming the field, not a 500', async () => {
    const before = await t.count('persons');
    const good = withCheck('330106199303030040');
    const bad = withCheck('330106199303030050');
    const csv = `name,idNumber,districtCode,hukou\r\n王五,${good},310115,local\r\n赵\u0000六,${bad},310115,local\r\n`;
    const r = await t.call('POST', '/api/v1/persons/import', { as: 'city_admin', payload: Buffer.from(csv), headers: { 'content-type': 'text/csv' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ total: 2, created: 1, failed: 1 });
    expect(r.json().errors).toEqual([expect.objectContaining({ row: 3, field: 'name', code: 'VALIDATION_FAILED' })]);
    expect(await t.count('persons')).toBe(before + 1);
  });

  it('the bank-result import refuses a spreadsheet content type it does not read', async () => {
    const r = await t.call('POST', '/api/v1/subsidy/bank-results', {
      as: 'finance',
      payload: Buffer.from('PK'),
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(problem(r, 415).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('item 21 — ID numbers, phones and bank cards never reach a log line', () => {
  it('request URLs with query strings, path parameters and bodies are logged without them', async () => {
    const lines: string[] = [];
    const logged = await buildApp(t.db, { ...t.config, logLevel: 'info' }, { logStream: { write: (l: string) => void lines.push(l) } });
    await logged.ready();
    try {
      const id = withCheck('310115199003071230');
      const phone = '13912345678';
      const card = syntheticCard(777);
      const auth = { authorization: `Bearer ${await t.token('city_admin')}` };
      await logged.inject({ method: 'GET', url: `/api/v1/persons?q=${id}&phone=${phone}&card=${card}`, headers: auth });
      await logged.inject({ method: 'GET', url: `/api/v1/persons?q=${id.toLowerCase()}%20${phone}`, headers: auth });
      await logged.inject({ method: 'GET', url: `/api/v1/persons/${id}`, headers: auth });
      await logged.inject({ method: 'GET', url: `/api/v1/no-such-route/${card}?phone=%2B86${phone}` });
      await logged.inject({
        method: 'POST',
        url: `/api/v1/persons?via=${phone}`,
        headers: { ...auth, 'content-type': 'application/json' },
        payload: JSON.stringify(person({ idNumber: id, phone, bankAccount: card, name: '日志' })),
      });
      expect(lines.length).toBeGreaterThanOrEqual(10);
      const all = lines.join('');
      for (const secret of [id, id.toLowerCase(), phone, card]) expect(all).not.toContain(secret);
      // the lines are still JSON, with the request's path and what was masked
      const urls = lines.map((l) => JSON.parse(l) as { req?: { url?: string } }).flatMap((l) => (l.req?.url ? [l.req.url] : []));
      expect(urls.some((u) => u.startsWith('/api/v1/persons?q=310[id]'))).toBe(true);
    } finally {
      await logged.close();
    }
  });
});

describe('item 23 — list answers have one shape everywhere', () => {
  type Schema = { type?: string; $ref?: string; properties?: Record<string, Schema>; required?: string[] };
  it('no route answers a bare array, and every answer with items has its total', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const resolve = (s: Schema | undefined): Schema | undefined => (s?.$ref ? doc.components?.schemas?.[s.$ref.split('/').pop()!] : s);
    const offenders: string[] = [];
    let lists = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, res] of Object.entries(op.responses ?? {})) {
          if (!status.startsWith('2')) continue;
          const s = resolve(res.content?.['application/json']?.schema);
          if (!s) continue;
          if (s.type === 'array') offenders.push(`${method.toUpperCase()} ${path}: a bare array`);
          const items = resolve(s.properties?.items);
          if (items?.type === 'array') {
            lists++;
            if (s.properties?.total?.type !== 'integer' || !s.required?.includes('total'))
              offenders.push(`${method.toUpperCase()} ${path}: items without total`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
    expect(lists).toBeGreaterThan(20);
  });

  it('the lists that were bare arrays answer { items, total } (the catalogue, a calendar, a worker’s lists)', async () => {
    for (const [url, as] of [
      ['/api/v1/subsidy/calendar', 'city_admin'],
      ['/api/v1/subsidy/budget-accounts', 'finance'],
      ['/api/v1/registrations/mine', 'worker'],
      ['/api/v1/me/certificates', 'worker'],
      ['/api/v1/vouchers/mine', 'worker'],
      ['/api/v1/districts', 'city_admin'],
      ['/api/v1/ratios', 'city_admin'],
      [`/api/v1/providers/${t.fx.orgs.provider!.id}/approvals`, 'provider'],
    ] as const) {
      const r = await t.call('GET', url, { as });
      expect(r.statusCode, url).toBe(200);
      const body = r.json() as { items: unknown[]; total: number };
      expect(Array.isArray(body.items), url).toBe(true);
      expect(body.total, url).toBe(body.items.length);
    }
  });
});
