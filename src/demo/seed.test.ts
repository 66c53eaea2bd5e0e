import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBankCard, checkIdNumber, checkMobile, checkUscc } from '../lib/identifiers.js';
import { decrypt } from '../lib/crypto.js';
import { configureProcess } from '../platform.js';
import type { Db } from '../db/index.js';
import { ROLES } from '../modules/identity/actor.js';
import * as persons from '../modules/persons/service.js';
import * as orgs from '../modules/orgs/service.js';
import { createTestDb, testConfig } from '../test/harness.js';
import { DEMO_PERSONS, seedDemoWorldIfEmpty, type DemoSignIn } from './seed.js';
import { syntheticPersons } from './synthetic.js';

let db: Db;
let first: DemoSignIn[] | null;
const logs: string[] = [];

beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb();
  first = await seedDemoWorldIfEmpty(db, (m) => logs.push(m));
}, 120_000);
afterAll(async () => {
  await db.close();
});

const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

describe('synthetic persons', () => {
  it('are valid, distinct and reproducible', () => {
    const a = syntheticPersons(2000, 7);
    expect(new Set(a.map((p) => p.idNumber)).size).toBe(2000);
    for (const p of a) {
      expect(checkIdNumber(p.idNumber)).toBeNull();
      expect(checkMobile(p.phone)).toBeNull();
      if (p.bankAccount) expect(checkBankCard(p.bankAccount)).toBeNull();
      if (p.hukou === 'local') expect(p.idNumber.slice(0, 4)).toBe('3101');
    }
    expect(syntheticPersons(50, 7)).toEqual(a.slice(0, 50));
    expect(new Set(a.map((p) => p.districtCode)).size).toBe(16);
    expect(new Set(a.flatMap((p) => p.categories)).size).toBeGreaterThanOrEqual(6);
  });
});

describe('demo world', () => {
  it(`seeds ≥ ${DEMO_PERSONS} demo persons, every ID valid (decrypted), with a spread of districts, categories and hukou`, async () => {
    const rows = (await db.query<{ id: string }>('SELECT id FROM persons WHERE is_demo')).rows;
    expect(rows.length).toBeGreaterThanOrEqual(DEMO_PERSONS);
    const raw = (await db.query<{ id_number_enc: string }>('SELECT id_number_enc FROM persons')).rows;
    for (const r of raw) expect(checkIdNumber(decrypt(r.id_number_enc))).toBeNull();
    const ps = await Promise.all(rows.slice(0, 200).map((r) => persons.getPerson(db, r.id)));
    for (const p of ps) {
      expect(p).not.toBeNull();
      expect(checkIdNumber(p!.idNumber)).toBeNull();
      if (p!.bankAccount) expect(checkBankCard(p!.bankAccount)).toBeNull();
    }
    expect(await count('SELECT count(DISTINCT district_code) AS n FROM persons WHERE is_demo')).toBe(16);
    expect(await count(`SELECT count(DISTINCT hukou) AS n FROM persons WHERE is_demo`)).toBe(2);
    expect(await count('SELECT count(DISTINCT c) AS n FROM persons, unnest(categories) c WHERE is_demo')).toBeGreaterThanOrEqual(6);
    expect(await count(`SELECT count(*) AS n FROM persons WHERE is_demo AND employer_uscc IS NOT NULL`)).toBeGreaterThan(0);
  });

  it('has one sign-in per role at least, all demo accounts, printed with notes', async () => {
    expect(first).not.toBeNull();
    const roles = new Set(first!.map((s) => s.role));
    for (const r of ROLES) expect(roles.has(r)).toBe(true);
    expect(await count('SELECT count(*) AS n FROM accounts WHERE NOT is_demo')).toBe(0);
    expect(await count(`SELECT count(DISTINCT district_code) AS n FROM accounts WHERE role = 'district_admin'`)).toBe(2);
    const workers = first!.filter((s) => s.role === 'worker');
    expect(workers.length).toBeGreaterThanOrEqual(1);
    for (const w of workers) {
      const id = /e-SSC simulator: ID (\S+)/.exec(w.note ?? '')?.[1];
      expect(id && checkIdNumber(id)).toBeNull();
      expect(w.password).toBeUndefined();
    }
    for (const s of first!.filter((x) => x.role === 'city_admin' || x.role === 'finance')) expect(s.totpSecret).toBeTruthy();
  });

  it('registers providers of the three kinds, two enterprises and an assessor, with valid USCCs and bank accounts', async () => {
    const all = (await orgs.listOrgs({ accountId: null, role: 'system' }, db, { limit: 100, offset: 0 })).items;
    expect(all.every((o) => o.isDemo)).toBe(true);
    expect(new Set(all.filter((o) => o.kind === 'provider').map((o) => o.providerKind))).toEqual(
      new Set(['social_training_body', 'vocational_college', 'high_skill_base']),
    );
    expect(new Set(all.filter((o) => o.kind === 'provider').map((o) => o.districtCode)).size).toBeGreaterThan(1);
    expect(all.filter((o) => o.kind === 'enterprise')).toHaveLength(2);
    expect(all.filter((o) => o.kind === 'assessor')).toHaveLength(1);
    for (const o of all) {
      expect(checkUscc(o.uscc)).toBeNull();
      if (o.kind !== 'assessor') expect(checkBankCard(o.bankAccount!)).toBeNull();
    }
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE role IN ('provider','enterprise','assessor')`)).toBe(all.length);
  });

  it('is idempotent: a second start on the seeded database creates nothing and lists the same sign-ins', async () => {
    const tables = ['accounts', 'persons', 'organisations', 'audit_log'];
    const before = await Promise.all(tables.map((t) => count(`SELECT count(*) AS n FROM ${t}`)));
    const again = await seedDemoWorldIfEmpty(db, (m) => logs.push(m));
    expect(await Promise.all(tables.map((t) => count(`SELECT count(*) AS n FROM ${t}`)))).toEqual(before);
    expect(again).toEqual(first);
  });
});
