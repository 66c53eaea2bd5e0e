/**
 * Person registry (人员库). Personal data (ID number, phone, bank account) is encrypted at rest and found
 * through blind indexes; every response goes through presentPerson (masked). Scope (policy.ts): city admins
 * and auditors see everyone, a district admin the persons of their district (others are 404), a worker
 * themself. Service functions take the actor first and check access on their first line.
 *
 * The parts: records.ts (the table, its mapping, the one INSERT), ensure.ts (find-or-create for other
 * modules), eligibility.ts (matchPersonsSql), import.ts (sheet import and template); this file the staff's
 * create, read, update and search.
 */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { encrypt } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { maskCard, maskPhone } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import { requireRole, scopeSql, type Actor } from '../identity/index.js';
import { REGISTRY_READERS, districtFor, loadInScope, personScope, requireStaffWriter } from './policy.js';
import { normalisePersonInput, personIssues, type PersonInput } from './rules.js';
import {
  auditDetail,
  checkDistrict,
  idBlindIndex,
  insertPerson,
  phoneBlindIndex,
  presentPerson,
  throwIssues,
  toPerson,
  validated,
  type Person,
  type PersonRow,
  type PersonView,
} from './records.js';
import type { SensitivePersonSchema } from './schemas.js';

export { validatePersonRow, PERSON_CATEGORIES, type PersonInput } from './rules.js';
export { findPersonByIdNumber, getPerson, idBlindIndex, maskedNamesOf, phoneBlindIndex, presentPerson } from './records.js';
export type { Person, PersonView } from './records.js';
export { BULK_CHUNK, ensurePerson, ensurePersonsBulk } from './ensure.js';
export { matchPersonsSql, shanghaiToday } from './eligibility.js';
export type { EligibilityRule } from './eligibility.js';
export { IMPORT_MAX_ROWS, importPersons, importTemplate } from './import.js';
export type { ImportReport } from './import.js';

export async function createPerson(actor: Actor, tx: Tx, input: PersonInput): Promise<Person> {
  requireStaffWriter(actor);
  const i = validated({ ...input, districtCode: districtFor(actor, input.districtCode) });
  await checkDistrict(tx, i.districtCode);
  const row = await insertPerson(tx, i);
  if (!row) throw new AppError('PERSON_EXISTS', 'a person with this ID number is already registered', 'idNumber');
  const person = toPerson(row);
  await audit.record(tx, actor, {
    action: 'person.create',
    entityType: 'person',
    entityId: person.id,
    districtCode: person.districtCode,
    detail: auditDetail(person),
  });
  return person;
}

export async function getPersonFor(actor: Actor, q: Queryable, id: string): Promise<PersonView> {
  requireRole(actor, [...REGISTRY_READERS, 'worker'], 'no access to the person registry');
  return presentPerson(await loadInScope(actor, q, id));
}

export async function getMyPerson(actor: Actor, q: Queryable): Promise<PersonView> {
  requireRole(actor, ['worker'], 'only workers have a person record');
  if (!actor.personId) throw new AppError('FORBIDDEN', 'only workers have a person record');
  return presentPerson(await loadInScope(actor, q, actor.personId));
}

export type SensitivePerson = z.infer<typeof SensitivePersonSchema>;

/** The full ID number, phone and card: city admins only, and every read is audited. */
export async function readSensitive(actor: Actor, tx: Tx, id: string, reason: string): Promise<SensitivePerson> {
  requireRole(actor, ['city_admin'], 'only a city admin reads full personal data');
  const p = await loadInScope(actor, tx, id);
  await audit.record(tx, actor, {
    action: 'person.read_sensitive',
    entityType: 'person',
    entityId: p.id,
    districtCode: p.districtCode,
    detail: auditDetail(p, { reason }),
  });
  return { id: p.id, name: p.name, idNumber: p.idNumber, phone: p.phone, bankAccount: p.bankAccount };
}

export type PersonPatch = Partial<Omit<PersonInput, 'idNumber' | 'isDemo'>>;

/** A patch field: its name in the audit entry and the columns it writes (value → column values). */
const PATCH_COLUMNS: ReadonlyArray<{ field: keyof PersonPatch; columns: ReadonlyArray<[string, (v: never) => unknown, string?]> }> = [
  { field: 'name', columns: [['name', (v: string) => v]] },
  {
    field: 'phone',
    columns: [
      ['phone_enc', (v: string | null) => (v ? encrypt(v) : null)],
      ['phone_bidx', (v: string | null) => (v ? phoneBlindIndex(v) : null)],
    ],
  },
  { field: 'bankAccount', columns: [['bank_account_enc', (v: string | null) => (v ? encrypt(v) : null)]] },
  { field: 'bankName', columns: [['bank_name', (v: string | null) => v]] },
  { field: 'districtCode', columns: [['district_code', (v: string | null) => v]] },
  { field: 'hukou', columns: [['hukou', (v: string) => v]] },
  { field: 'categories', columns: [['categories', (v: string[]) => v, '::text[]']] },
  { field: 'employerUscc', columns: [['employer_uscc', (v: string | null) => v]] },
  { field: 'employerName', columns: [['employer_name', (v: string | null) => v]] },
];

/** The UPDATE's SET list for the fields present in the patch, and their names. */
function patchSets(i: PersonPatch): { sets: string[]; params: unknown[]; changed: string[] } {
  const sets: string[] = [];
  const params: unknown[] = [];
  const changed: string[] = [];
  for (const { field, columns } of PATCH_COLUMNS) {
    const v = i[field];
    if (v === undefined) continue;
    for (const [col, value, cast = ''] of columns) {
      params.push(value(v as never));
      sets.push(`${col} = $${params.length}${cast}`);
    }
    changed.push(field);
  }
  return { sets, params, changed };
}

/** The masked audit detail of an update. */
function updateDetail(i: PersonPatch, before: Person, after: Person, changed: string[]): Record<string, unknown> {
  return auditDetail(after, {
    changed,
    ...(i.phone !== undefined ? { phone: i.phone ? maskPhone(i.phone) : null } : {}),
    ...(i.bankAccount !== undefined ? { bankAccount: i.bankAccount ? maskCard(i.bankAccount) : null } : {}),
    ...(i.districtCode !== undefined && before.districtCode !== after.districtCode ? { districtFrom: before.districtCode } : {}),
    ...(i.categories !== undefined ? { categories: after.categories } : {}),
  });
}

export async function updatePerson(actor: Actor, tx: Tx, id: string, patch: PersonPatch): Promise<Person> {
  requireStaffWriter(actor);
  const before = await loadInScope(actor, tx, id);
  const i = normalisePersonInput(patch);
  if ('districtCode' in i && i.districtCode !== undefined) i.districtCode = districtFor(actor, i.districtCode) ?? null;
  throwIssues(personIssues(i));
  await checkDistrict(tx, i.districtCode);
  const { sets, params, changed } = patchSets(i);
  if (sets.length === 0) return before;
  params.push(id);
  const row = (await tx.query<PersonRow>(`UPDATE persons SET ${sets.join(', ')} WHERE id = $${params.length} RETURNING *`, params)).rows[0]!;
  const after = toPerson(row);
  await audit.record(tx, actor, {
    action: 'person.update',
    entityType: 'person',
    entityId: after.id,
    districtCode: after.districtCode,
    detail: updateDetail(i, before, after, changed),
  });
  return after;
}

export interface PersonSearch {
  name?: string | undefined;
  idNumber?: string | undefined;
  phone?: string | undefined;
  districtCode?: string | undefined;
  category?: string | undefined;
  limit: number;
  offset: number;
}

export async function searchPersons(actor: Actor, q: Queryable, f: PersonSearch): Promise<{ total: number; items: PersonView[] }> {
  requireRole(actor, REGISTRY_READERS, 'no access to the person registry');
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  const scope = scopeSql(personScope(actor), { district: 'district_code' }, params);
  if (scope !== 'TRUE') where.push(scope);
  if (f.districtCode) add('district_code = ?', f.districtCode);
  if (f.name)
    add(
      `name LIKE ? || '%'`,
      f.name.trim().replace(/[\\%_]/g, (c) => `\\${c}`),
    );
  if (f.idNumber) add('id_number_bidx = ?', idBlindIndex(f.idNumber));
  if (f.phone) add('phone_bidx = ?', phoneBlindIndex(f.phone));
  if (f.category) add('categories @> ARRAY[?]::text[]', f.category);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM persons ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<PersonRow>(
    `SELECT * FROM persons ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: rows.map((r) => presentPerson(toPerson(r))) };
}
