import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { idCheckChar } from '../../lib/identifiers.js';
import { EsscSimulator, esscAdapter } from './essc.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const id17 = '31011519900307123';
const ID = id17 + idCheckChar(id17);

const authorize = (idNumber: string, name: string) => t.call('POST', '/api/v1/essc-sim/authorize', { body: { idNumber, name } });
const signIn = (assertion: string) => t.call('POST', '/api/v1/auth/essc', { body: { assertion, client: 'api' } });

describe('e-SSC sign-in through the built-in simulator', () => {
  it('a first sign-in registers the person and a worker account; the second reuses them', async () => {
    const persons = await t.count('persons');
    const a1 = await authorize(ID, '张三');
    expect(a1.statusCode).toBe(200);
    expect(a1.json().simulator).toBe(true);
    const r1 = await signIn(a1.json().assertion);
    expect(r1.statusCode).toBe(200);
    expect(r1.json().account.role).toBe('worker');
    expect(await t.count('persons')).toBe(persons + 1);
    const me = await t.call('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${r1.json().token}` } });
    expect(me.json().personId).toBeTruthy();
    const r2 = await signIn((await authorize(ID, '张三')).json().assertion);
    expect(r2.json().account.id).toBe(r1.json().account.id);
    expect(await t.count('persons')).toBe(persons + 1);
    expect(await t.count('accounts', "role = 'worker' AND username LIKE 'w.%'")).toBe(1);
  });

  it('an assertion works once', async () => {
    const a = (await authorize(ID, '张三')).json().assertion as string;
    expect((await signIn(a)).statusCode).toBe(200);
    const again = await signIn(a);
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('ESSC_ASSERTION_INVALID');
  });

  it('tampered, expired and foreign-signed assertions are refused', async () => {
    const a = (await authorize(ID, '张三')).json().assertion as string;
    const [h, p, s] = a.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.name = '李四';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect((await signIn(tampered)).json().code).toBe('ESSC_ASSERTION_INVALID');

    const sim = (await esscAdapter()) as EsscSimulator;
    const expired = await sim.issueAssertion({ idNumber: ID, name: '张三' }, -30);
    expect((await signIn(expired.assertion)).json().code).toBe('ESSC_ASSERTION_INVALID');

    const other = await EsscSimulator.create();
    const foreign = await other.issueAssertion({ idNumber: ID, name: '张三' });
    expect((await signIn(foreign.assertion)).json().code).toBe('ESSC_ASSERTION_INVALID');
  });

  it('the simulator refuses an invalid ID number, naming the field', async () => {
    const bad = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');
    const r = await authorize(bad, '张三');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INVALID_ID_NUMBER', field: 'idNumber' });
  });
});
