import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { configureProcess } from '../../platform.js';
import { createTestDb, testConfig } from '../../test/harness.js';
import * as audit from '../audit/service.js';
import { SYSTEM } from '../audit/service.js';
import { BULK_CHUNK, ensurePerson, ensurePersonsBulk, findPersonByIdNumber, type Person, type PersonInput } from './service.js';
import { nthIdNumber, syntheticCard, syntheticMobile } from './synthetic.js';

let db: Db;
beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

const count = async (table: string, where = 'true') => (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0]!.n;

/** Valid inputs for the persons offset … offset+n-1, with a mix of optional fields. */
const inputs = (n: number, offset: number): PersonInput[] =>
  Array.from({ length: n }, (_, k) => {
    const i = offset + k;
    return {
      idNumber: nthIdNumber(i),
      name: `测试${i}`,
      phone: i % 4 === 0 ? null : syntheticMobile(i),
      bankAccount: i % 5 === 0 ? null : syntheticCard(i),
      bankName: i % 5 === 0 ? null : '工商银行',
      districtCode: i % 2 === 0 ? '310115' : '310104',
      hukou: i % 3 === 0 ? 'nonlocal' : 'local',
      categories: i % 7 === 0 ? [] : i % 2 === 0 ? ['employed'] : ['registered_unemployed', 'disabled'],
      employerUscc: i % 6 === 0 ? '91350100M000100Y43' : null,
      employerName: i % 6 === 0 ? '示例公司' : null,
      isDemo: i % 2 === 0,
    };
  });

/** A person without its generated id and timestamps. */
const content = ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }: Person) => rest;

/** The error thrown by `f` (fails the test when nothing is thrown). */
async function thrown(f: () => Promise<unknown>): Promise<AppError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('ensurePersonsBulk', () => {
  const N = BULK_CHUNK + 200; // two chunks
  const batch = inputs(N, 10_000);
  let createdIds: string[] = [];

  it('creates every person set-based, in input order, with one counts-only audit entry per chunk', async () => {
    const auditBefore = await count('audit_log');
    const res = await db.tx((tx) => ensurePersonsBulk(tx, SYSTEM, batch));
    expect(res).toHaveLength(N);
    expect(res.every((r) => r.created)).toBe(true);
    expect(res.map((r) => r.person.idNumber)).toEqual(batch.map((b) => b.idNumber));
    createdIds = res.map((r) => r.person.id);
    expect(await count('persons', `id_number_bidx IS NOT NULL AND name LIKE '测试%'`)).toBe(N);
    const stored = await findPersonByIdNumber(db, batch[7]!.idNumber);
    expect(stored).toEqual(res[7]!.person);
    expect(stored).toMatchObject({ name: '测试10007', birthDate: stored!.idNumber.replace(/^\d{6}(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3'), isDemo: false });
    expect(res[0]!.person).toMatchObject({ phone: null, bankAccount: null, categories: ['employed'], hukou: 'local', isDemo: true, employerUscc: null });
    expect(res[2]!.person).toMatchObject({ hukou: 'nonlocal', employerUscc: '91350100M000100Y43', employerName: '示例公司' });
    expect(res[3]!.person).toMatchObject({ categories: [], phone: batch[3]!.phone, bankAccount: batch[3]!.bankAccount, isDemo: false });

    const entries = (
      await db.query<{ action: string; entity_id: string | null; detail: Record<string, unknown> }>(
        `SELECT action, entity_id, detail FROM audit_log WHERE action = 'person.create_bulk' ORDER BY id`,
      )
    ).rows;
    expect(await count('audit_log')).toBe(auditBefore + 2);
    expect(entries.map((e) => e.detail)).toEqual([
      { rows: BULK_CHUNK, created: BULK_CHUNK, existing: 0 },
      { rows: 200, created: 200, existing: 0 },
    ]);
    expect(entries.every((e) => e.entity_id === null)).toBe(true);
    expect((await audit.verify(db)).ok).toBe(true);
  });

  it('creates the same persons as ensurePerson does, one by one', async () => {
    const other = await createTestDb();
    try {
      const some = batch.slice(0, 30);
      const oneByOne = await other.tx(async (tx) => {
        const out: Person[] = [];
        for (const i of some) out.push((await ensurePerson(tx, SYSTEM, i)).person);
        return out;
      });
      const bulk = await Promise.all(some.map((i) => findPersonByIdNumber(db, i.idNumber)));
      expect(bulk.map((p) => content(p!))).toEqual(oneByOne.map(content));
    } finally {
      await other.close();
    }
  });

  it('is idempotent: a re-run creates nothing, returns the stored persons and writes no audit entry', async () => {
    const persons = await count('persons');
    const entries = await count('audit_log');
    const res = await db.tx((tx) => ensurePersonsBulk(tx, SYSTEM, batch));
    expect(res.every((r) => !r.created)).toBe(true);
    expect(res.map((r) => r.person.id)).toEqual(createdIds);
    expect(await count('persons')).toBe(persons);
    expect(await count('audit_log')).toBe(entries);
  });

  it('mixes existing and new persons, and an ID number given twice is created once (first occurrence)', async () => {
    const existing = inputs(1, 20_000)[0]!;
    const ensured = await db.tx((tx) => ensurePerson(tx, SYSTEM, existing));
    const fresh = inputs(3, 20_001);
    const again = { ...fresh[0]!, name: '重复者', idNumber: fresh[0]!.idNumber.toLowerCase() };
    const res = await db.tx((tx) => ensurePersonsBulk(tx, SYSTEM, [fresh[0]!, { ...existing, name: '新名字' }, again, fresh[1]!, fresh[2]!]));
    expect(res.map((r) => r.created)).toEqual([true, false, false, true, true]);
    expect(res[1]!.person).toEqual(ensured.person); // found, not updated
    expect(res[2]!.person.id).toBe(res[0]!.person.id);
    expect(res[2]!.person.name).toBe('测试20001');
    const last = (await db.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1`)).rows[0]!;
    expect(last.detail).toEqual({ rows: 4, created: 3, existing: 1 });
  });

  it('returns nothing and writes nothing for an empty list', async () => {
    const entries = await count('audit_log');
    expect(await db.tx((tx) => ensurePersonsBulk(tx, SYSTEM, []))).toEqual([]);
    expect(await count('audit_log')).toBe(entries);
  });

  it('refuses the whole call when any input is invalid, naming every bad field, and writes nothing', async () => {
    const persons = await count('persons');
    const entries = await count('audit_log');
    const list = inputs(10, 30_000);
    const id = list[3]!.idNumber;
    list[3] = { ...list[3]!, idNumber: `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}` };
    list[5] = { ...list[5]!, phone: '0211234567', categories: ['employed', 'vip'] };
    list[8] = { ...list[8]!, name: '  ' };
    const e = await thrown(() => db.tx((tx) => ensurePersonsBulk(tx, SYSTEM, list)));
    expect(e.code).toBe('INVALID_ID_NUMBER');
    expect(e.field).toBe('inputs[3].idNumber');
    expect(e.message).toMatch(/^3 of 10 persons are invalid/);
    expect(e.issues!.map((i) => [i.field, i.code])).toEqual([
      ['inputs[3].idNumber', 'INVALID_ID_NUMBER'],
      ['inputs[5].phone', 'INVALID_MOBILE'],
      ['inputs[5].categories', 'VALIDATION_FAILED'],
      ['inputs[8].name', 'VALIDATION_FAILED'],
    ]);
    for (const i of e.issues!) expect(i.message).not.toContain(id.slice(0, 17));
    expect(await count('persons')).toBe(persons);
    expect(await count('audit_log')).toBe(entries);
  });

  it('refuses districts the catalogue does not know, by field', async () => {
    const persons = await count('persons');
    const list = inputs(4, 31_000);
    list[1] = { ...list[1]!, districtCode: '999999' };
    list[2] = { ...list[2]!, districtCode: '999999' };
    const e = await thrown(() => db.tx((tx) => ensurePersonsBulk(tx, SYSTEM, list)));
    expect(e.code).toBe('DISTRICT_UNKNOWN');
    expect(e.issues!.map((i) => i.field)).toEqual(['inputs[1].districtCode', 'inputs[2].districtCode']);
    expect(await count('persons')).toBe(persons);
  });

  it('writes its audit entry in the caller’s transaction: a rollback removes persons and entry together', async () => {
    const persons = await count('persons');
    const entries = await count('audit_log');
    const list = inputs(5, 32_000);
    const e = await thrown(() =>
      db.tx(async (tx) => {
        await ensurePersonsBulk(tx, SYSTEM, list);
        const inTx = async (t: string) => (await tx.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n;
        expect(await inTx('persons')).toBe(persons + 5);
        expect(await inTx('audit_log')).toBe(entries + 1);
        throw new AppError('CONFLICT', 'roll back');
      }),
    );
    expect(e.message).toBe('roll back');
    expect(await count('persons')).toBe(persons);
    expect(await count('audit_log')).toBe(entries);
    expect(await findPersonByIdNumber(db, list[0]!.idNumber)).toBeNull();
  });
});
