/**
 * Fixture world for tests: one account per role (two for finance, two district admins in different
 * districts), created through the services, so tests exercise the same paths as production.
 */
import type { Db } from '../../db/index.js';
import type { Role } from '../../modules/identity/actor.js';
import * as identity from '../../modules/identity/service.js';
import { SYSTEM } from '../../modules/audit/service.js';
import { createSession } from '../../modules/identity/sessions.js';
import * as orgs from '../../modules/orgs/service.js';
import { syntheticBankAccount, syntheticUscc } from '../../modules/orgs/synthetic.js';
import * as persons from '../../modules/persons/service.js';
import { idCheckChar } from '../../lib/identifiers.js';

export const FIXTURE_PASSWORD = 'Fixture-pass-2026';
export const FIXTURE_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface Fixtures {
  accounts: Record<string, { id: string; role: Role; username: string }>;
  /** Organisations by the key of their staff account: provider (310115), provider_b (310104), enterprise, assessor. */
  orgs: Record<string, { id: string; kind: orgs.OrgKind; uscc: string; districtCode: string }>;
  /** Persons behind the worker accounts: worker (310115), worker_b (310104). */
  persons: Record<string, { id: string; idNumber: string; districtCode: string }>;
  /** Creates a session directly (as a completed sign-in would). */
  tokenFor(db: Db, who: Role | string): Promise<string>;
}

/** Staff accounts: key, role, district. */
const STAFF_PLAN: Array<[string, Role, string | null]> = [
  ['city_admin', 'city_admin', null],
  ['district_admin', 'district_admin', '310115'],
  ['district_admin_b', 'district_admin', '310104'],
  ['finance', 'finance', null],
  ['finance2', 'finance', null],
  ['auditor', 'auditor', null],
  ['committee', 'committee', null],
];

/** Organisations (each with one staff account of the same key). */
const ORG_PLAN: Array<[string, orgs.NewOrg]> = [
  [
    'provider',
    {
      kind: 'provider',
      providerKind: 'social_training_body',
      name: '浦东职业技能培训中心 (fixture)',
      uscc: syntheticUscc('310115', 1, '52'),
      districtCode: '310115',
      bankAccount: syntheticBankAccount('622202', 1),
      bankName: '工商银行',
    },
  ],
  [
    'provider_b',
    {
      kind: 'provider',
      providerKind: 'vocational_college',
      name: '徐汇职业学院 (fixture)',
      uscc: syntheticUscc('310104', 2, '52'),
      districtCode: '310104',
      bankAccount: syntheticBankAccount('622202', 2),
      bankName: '工商银行',
    },
  ],
  [
    'enterprise',
    {
      kind: 'enterprise',
      name: '浦东制造有限公司 (fixture)',
      uscc: syntheticUscc('310115', 3),
      districtCode: '310115',
      bankAccount: syntheticBankAccount('622848', 3),
      bankName: '农业银行',
    },
  ],
  ['assessor', { kind: 'assessor', name: '上海技能评价中心 (fixture)', uscc: syntheticUscc('310101', 4, '52'), districtCode: '310101' }],
];

/** Workers: key, name, the ID number's first 17 characters, district. */
const WORKER_PLAN: Array<[string, string, string, string]> = [
  ['worker', '李小明', '31011519900307121', '310115'],
  ['worker_b', '王小红', '31010419920815222', '310104'],
];

export async function seedFixtures(db: Db): Promise<Fixtures> {
  const accounts: Fixtures['accounts'] = {};
  const orgsByKey: Fixtures['orgs'] = {};
  const personsByKey: Fixtures['persons'] = {};
  await db.tx(async (tx) => {
    for (const [key, role, district] of STAFF_PLAN) {
      const a = await identity.createAccount(tx, SYSTEM, { username: `fx.${key}`, displayName: key, role, password: FIXTURE_PASSWORD, districtCode: district });
      if (role === 'city_admin' || role === 'finance') await identity.setTotpSecret(tx, SYSTEM, a.id, FIXTURE_TOTP);
      accounts[key] = { id: a.id, role, username: a.username };
    }
    for (const [key, input] of ORG_PLAN) {
      const o = await orgs.createOrg(SYSTEM, tx, input);
      const a = await orgs.createOrgAccount(SYSTEM, tx, o.id, { username: `fx.${key}`, displayName: key, password: FIXTURE_PASSWORD });
      accounts[key] = { id: a.id, role: a.role, username: a.username };
      orgsByKey[key] = { id: o.id, kind: o.kind, uscc: o.uscc, districtCode: o.districtCode };
    }
    // Staff of two of the designated rehabilitation hospitals (reference data of the orgs migrations).
    const hospitals = await orgs.listHospitals(tx);
    for (const [key, h] of [
      ['hospital', hospitals[0]],
      ['hospital_b', hospitals[1]],
    ] as const) {
      if (!h) continue;
      const a = await orgs.createOrgAccount(SYSTEM, tx, h.id, { username: `fx.${key}`, displayName: key, password: FIXTURE_PASSWORD });
      accounts[key] = { id: a.id, role: a.role, username: a.username };
      orgsByKey[key] = { id: h.id, kind: 'hospital', uscc: '', districtCode: h.districtCode };
    }
    for (const [key, name, first17, districtCode] of WORKER_PLAN) {
      const idNumber = first17 + idCheckChar(first17);
      const { person } = await persons.ensurePerson(tx, SYSTEM, { idNumber, name, districtCode, phone: '13800000000', categories: ['employed'] });
      const a = await identity.createAccount(tx, SYSTEM, { username: `fx.${key}`, displayName: name, role: 'worker', personId: person.id });
      accounts[key] = { id: a.id, role: 'worker', username: a.username };
      personsByKey[key] = { id: person.id, idNumber, districtCode };
    }
  });
  return {
    accounts,
    orgs: orgsByKey,
    persons: personsByKey,
    async tokenFor(d: Db, who: string) {
      const a = accounts[who];
      if (!a) throw new Error(`no fixture account ${who}`);
      const s = await createSession(d, a.id, 'bearer', true);
      return s.token;
    },
  };
}
