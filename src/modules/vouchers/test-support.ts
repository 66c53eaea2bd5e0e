/** Test helpers of the voucher tests: persons in bulk, actors for fixture accounts. */
import type { Db } from '../../db/index.js';
import { idCheckChar } from '../../lib/identifiers.js';
import { SYSTEM } from '../audit/index.js';
import type { Actor, Role } from '../identity/index.js';
import * as persons from '../persons/index.js';
import * as catalog from '../catalog/index.js';
import type { TestApp } from '../../test/harness.js';

let seq = 0;

/** A valid resident ID number, distinct per call (birth date 1990-01-01 + a day offset, district 310115). */
export function nextIdNumber(district = '310115'): string {
  const n = ++seq;
  const d = new Date(Date.UTC(1985, 0, 1) + (n % 3000) * 86_400_000);
  const ymd = d.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${district}${ymd}${String(100 + Math.floor(n / 3000)).slice(-3)}`;
  return first17 + idCheckChar(first17);
}

export async function makePersons(db: Db, n: number, p: { districtCode: string; categories: string[]; employerUscc?: string }): Promise<string[]> {
  const ids: string[] = [];
  await db.tx(async (tx) => {
    for (let i = 0; i < n; i++) {
      const { person } = await persons.ensurePerson(tx, SYSTEM, {
        idNumber: nextIdNumber(p.districtCode),
        name: `测试${i}`,
        districtCode: p.districtCode,
        categories: p.categories,
        ...(p.employerUscc ? { employerUscc: p.employerUscc } : {}),
      });
      ids.push(person.id);
    }
  });
  return ids;
}

/** The Actor of a fixture account, for calling services directly. */
export function actorOf(t: TestApp, key: string, extra: Partial<Actor> = {}): Actor {
  const a = t.fx.accounts[key]!;
  const districts: Record<string, string> = { district_admin: '310115', district_admin_b: '310104' };
  return {
    accountId: a.id,
    username: a.username,
    role: a.role as Role,
    districtCode: districts[key] ?? null,
    orgId: t.fx.orgs[key]?.id ?? null,
    personId: t.fx.persons[key]?.id ?? null,
    sessionId: 'test',
    mfaPassed: true,
    totpEnabled: false,
    ...extra,
  };
}

/** A new open programme (skill-upgrade type) with an any-occupation standard for every level. */
export async function freshProgramme(db: Db, code: string, eligibleCategories = ['registered_unemployed', 'employed']): Promise<catalog.Programme> {
  return db.tx(async (tx) => {
    const p = await catalog.createProgramme(SYSTEM, tx, {
      code,
      name: `test programme ${code}`,
      type: 'skill_upgrade',
      fundingSource: 'unemployment_insurance_fund',
      payee: 'person',
      eligibleCategories,
    });
    for (let level = 0; level <= 5; level++) await catalog.setStandard(SYSTEM, tx, p.id, { occupationCode: null, level, amountFen: 100000 + level * 10000 });
    return p;
  });
}

/**
 * `n` check-in-only vouchers of a person (district 310115) valid until `validUntil`, written set-based into
 * both voucher tables — enough to fill several blocks of voucher_states; their ids, sorted.
 */
export async function seedCheckinOnlyVouchers(db: Db, personId: string, n: number, validUntil: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH g AS (SELECT sv_uuid7() AS id FROM generate_series(1, $2::int)),
          s AS (INSERT INTO voucher_states (voucher_id, person_id, kind, valid_until) SELECT id, $1, 'checkin_only', $3::date FROM g)
     INSERT INTO voucher_records (id, number, person_id, kind, mode, district_code, valid_from, valid_until)
     SELECT id, sv_voucher_number('2611', '310115', nextval('voucher_serial')), $1, 'checkin_only', 'on_demand', '310115', '2026-01-01', $3::date FROM g
     RETURNING id::text`,
    [personId, n, validUntil],
  );
  return rows.map((r) => r.id).sort();
}
