/**
 * Person registry (人员库). Personal data (ID number, phone, bank account) is encrypted at rest and found
 * through blind indexes; every response goes through presentPerson (masked). Scope: city admins and
 * auditors see everyone, a district admin the persons of their district (others are 404), a worker
 * themself. Service functions take the actor first and check access on their first line.
 */
import { batchedByKey } from '../../db/batch.js';
import type { Db, Queryable, Tx } from '../../db/index.js';
import { blindIndex, decrypt, encrypt } from '../../lib/crypto.js';
import { AppError, notFound, type FieldIssue } from '../../lib/errors.js';
import { birthDateOf, isUuid, maskCard, maskId, maskName, maskPhone, normaliseIdNumber, normaliseMobile, sexOf } from '../../lib/identifiers.js';
import * as audit from '../audit/service.js';
import { getDistrict } from '../catalog/service.js';
import type { AuditActor } from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import { normalisePersonInput, personIssues, type Hukou, type PersonInput } from './rules.js';
import { readSheet, type SheetFormat } from './sheet.js';
import { mapHeader, validatePersonRow, type ImportRowError } from './rules.js';

export { validatePersonRow, PERSON_CATEGORIES, type PersonInput } from './rules.js';

export interface Person {
  id: string;
  name: string;
  /** Decrypted; internal use only — never put it in a response or a log. */
  idNumber: string;
  birthDate: string;
  sex: 'M' | 'F';
  phone: string | null;
  bankAccount: string | null;
  bankName: string | null;
  districtCode: string | null;
  hukou: Hukou;
  categories: string[];
  employerUscc: string | null;
  employerName: string | null;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface PersonView {
  id: string;
  name: string;
  idNumberMasked: string;
  birthDate: string;
  sex: 'M' | 'F';
  phoneMasked: string | null;
  bankAccountMasked: string | null;
  bankName: string | null;
  districtCode: string | null;
  hukou: Hukou;
  categories: string[];
  employerUscc: string | null;
  employerName: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

interface PersonRow {
  id: string;
  name: string;
  id_number_enc: string;
  id_number_bidx: string;
  birth_date: string;
  sex: 'M' | 'F';
  phone_enc: string | null;
  phone_bidx: string | null;
  bank_account_enc: string | null;
  bank_name: string | null;
  district_code: string | null;
  hukou: Hukou;
  categories: string[];
  employer_uscc: string | null;
  employer_name: string | null;
  is_demo: boolean;
  created_at: Date;
  updated_at: Date;
}

export const idBlindIndex = (idNumber: string): string => blindIndex('id', normaliseIdNumber(idNumber));
export const phoneBlindIndex = (phone: string): string => blindIndex('phone', normaliseMobile(phone));

function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    name: r.name,
    idNumber: decrypt(r.id_number_enc),
    birthDate: r.birth_date,
    sex: r.sex,
    phone: r.phone_enc ? decrypt(r.phone_enc) : null,
    bankAccount: r.bank_account_enc ? decrypt(r.bank_account_enc) : null,
    bankName: r.bank_name,
    districtCode: r.district_code,
    hukou: r.hukou,
    categories: r.categories,
    employerUscc: r.employer_uscc,
    employerName: r.employer_name,
    isDemo: r.is_demo,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The masked view: the only shape in which a person leaves the service (names in full, for staff). */
export function presentPerson(p: Person): PersonView {
  return {
    id: p.id,
    name: p.name,
    idNumberMasked: maskId(p.idNumber),
    birthDate: p.birthDate,
    sex: p.sex,
    phoneMasked: p.phone ? maskPhone(p.phone) : null,
    bankAccountMasked: p.bankAccount ? maskCard(p.bankAccount) : null,
    bankName: p.bankName,
    districtCode: p.districtCode,
    hukou: p.hukou,
    categories: p.categories,
    employerUscc: p.employerUscc,
    employerName: p.employerName,
    isDemo: p.isDemo,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Masked summary for audit details. */
const auditDetail = (p: Pick<Person, 'name' | 'idNumber' | 'districtCode'>, extra: Record<string, unknown> = {}) => ({
  name: maskName(p.name),
  idNumber: maskId(p.idNumber),
  districtCode: p.districtCode,
  ...extra,
});

const personById = batchedByKey<PersonRow>('SELECT * FROM persons WHERE id = ANY($1::uuid[])', (r) => r.id);

/** One person (concurrent reads outside a transaction are coalesced into one query: src/db/batch.ts). */
export async function getPerson(q: Queryable, id: string): Promise<Person | null> {
  if (!isUuid(id)) return null;
  const r = await personById(q, id.toLowerCase());
  return r ? toPerson(r) : null;
}

export async function findPersonByIdNumber(q: Queryable, idNumber: string): Promise<Person | null> {
  const r = (await q.query<PersonRow>('SELECT * FROM persons WHERE id_number_bidx = $1', [idBlindIndex(idNumber)])).rows[0];
  return r ? toPerson(r) : null;
}

/** Throws the first issue as an AppError (the specific code where it is one of ours). */
function throwIssues(issues: FieldIssue[]): void {
  const first = issues[0];
  if (!first) return;
  const code = first.code as ConstructorParameters<typeof AppError>[0];
  throw new AppError(code, first.message, first.field, undefined, issues);
}

/** The district must exist in the catalogue (which owns districts). */
async function checkDistrict(q: Queryable, code: string | null | undefined): Promise<void> {
  if (code === null || code === undefined) return;
  if (!/^\d{6}$/.test(code) || !(await getDistrict(q, code))) throw new AppError('DISTRICT_UNKNOWN', `district ${code} is not known`, 'districtCode');
}

/** A validated, normalised input with its ID number's blind index (the conflict key). */
interface Prepared {
  input: PersonInput;
  bidx: string;
}

/**
 * The one persons INSERT (single create, bulk create and import): `INSERT … SELECT FROM unnest(…)` of a
 * batch, followed by `tail` (the caller's `ON CONFLICT … RETURNING …`, given its first free parameter
 * number). Encrypts and blind-indexes in JS; one array parameter per column. Categories travel as
 * comma-joined text (unnest would flatten a text[][]).
 */
function insertPersonsSql(batch: Prepared[], tail: (nextParam: number) => string): { sql: string; params: unknown[] } {
  const col = <T>(f: (i: PersonInput, r: Prepared) => T): T[] => batch.map((r) => f(r.input, r));
  const params: unknown[] = [
    col((i) => i.name),
    col((i) => encrypt(i.idNumber)),
    col((_, r) => r.bidx),
    col((i) => birthDateOf(i.idNumber)),
    col((i) => sexOf(i.idNumber)),
    col((i) => (i.phone ? encrypt(i.phone) : null)),
    col((i) => (i.phone ? phoneBlindIndex(i.phone) : null)),
    col((i) => (i.bankAccount ? encrypt(i.bankAccount) : null)),
    col((i) => i.bankName ?? null),
    col((i) => i.districtCode ?? null),
    col((i) => i.hukou ?? 'local'),
    col((i) => (i.categories ?? []).join(',')),
    col((i) => i.employerUscc ?? null),
    col((i) => i.employerName ?? null),
    col((i) => i.isDemo ?? false),
  ];
  const sql = `INSERT INTO persons AS p (name, id_number_enc, id_number_bidx, birth_date, sex, phone_enc, phone_bidx, bank_account_enc, bank_name,
                             district_code, hukou, categories, employer_uscc, employer_name, is_demo)
   SELECT u.name, u.id_enc, u.id_bidx, u.birth, u.sex, u.phone_enc, u.phone_bidx, u.bank_enc, u.bank_name, u.district, u.hukou,
          CASE WHEN u.cats = '' THEN '{}'::text[] ELSE string_to_array(u.cats, ',') END, u.uscc, u.employer, u.demo
     FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                 $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::boolean[])
          AS u(name, id_enc, id_bidx, birth, sex, phone_enc, phone_bidx, bank_enc, bank_name, district, hukou, cats, uscc, employer, demo)
   ${tail(params.length + 1)}`;
  return { sql, params };
}

async function insertPerson(tx: Tx, i: PersonInput): Promise<PersonRow | null> {
  const { sql, params } = insertPersonsSql([{ input: i, bidx: idBlindIndex(i.idNumber) }], () => 'ON CONFLICT (id_number_bidx) DO NOTHING RETURNING *');
  return (await tx.query<PersonRow>(sql, params)).rows[0] ?? null;
}

function validated(input: PersonInput): PersonInput {
  const i = normalisePersonInput(input);
  throwIssues(personIssues(i));
  return i;
}

/**
 * Finds the person with this ID number or creates them (validated). For other modules and the system
 * (e-SSC sign-in, enrolment by a provider, the demo seeder): the caller has already checked its own access.
 */
export async function ensurePerson(tx: Tx, by: AuditActor, input: PersonInput): Promise<{ person: Person; created: boolean }> {
  const i = validated(input);
  const found = await findPersonByIdNumber(tx, i.idNumber);
  if (found) return { person: found, created: false };
  await checkDistrict(tx, i.districtCode);
  const row = await insertPerson(tx, i);
  if (!row) {
    const again = await findPersonByIdNumber(tx, i.idNumber);
    if (!again) throw new AppError('CONFLICT', 'the person was created concurrently; try again');
    return { person: again, created: false };
  }
  const person = toPerson(row);
  await audit.record(tx, by, {
    action: 'person.create',
    entityType: 'person',
    entityId: person.id,
    districtCode: person.districtCode,
    detail: auditDetail(person),
  });
  return { person, created: true };
}

/** The district codes among `codes` that the catalogue does not know (one look-up per distinct code). */
async function unknownDistricts(q: Queryable, codes: Iterable<string | null | undefined>): Promise<Set<string>> {
  const bad = new Set<string>();
  for (const code of new Set([...codes].filter((c): c is string => !!c))) {
    try {
      await checkDistrict(q, code);
    } catch {
      bad.add(code);
    }
  }
  return bad;
}

export const BULK_CHUNK = 1000;

/**
 * ensurePerson for many persons at once, set-based: every input is validated in JS first (any problem
 * refuses the whole call, each issue's field named `inputs[n].<field>`), then the new ones are inserted
 * with one `INSERT … SELECT FROM unnest(…) ON CONFLICT (id_number_bidx) DO NOTHING` per chunk of
 * {@link BULK_CHUNK}, each chunk that creates anyone with one `person.create_bulk` audit entry (counts only). Existing persons
 * are returned as found (not updated); districts are checked for every input. Results are in input order; an ID number given twice yields the same
 * person, created at its first occurrence only. For the system and other modules (the demo seeder): the
 * caller has already checked its own access.
 */
export async function ensurePersonsBulk(tx: Tx, by: AuditActor, inputs: PersonInput[]): Promise<Array<{ person: Person; created: boolean }>> {
  const today = new Date();
  const issues: FieldIssue[] = [];
  const normalised = inputs.map((input, n) => {
    const i = normalisePersonInput(input);
    for (const issue of personIssues(i, today)) issues.push({ ...issue, field: `inputs[${n}].${issue.field}` });
    return i;
  });
  if (!issues.length) {
    const bad = await unknownDistricts(
      tx,
      normalised.map((i) => i.districtCode),
    );
    normalised.forEach((i, n) => {
      if (i.districtCode && bad.has(i.districtCode))
        issues.push({ field: `inputs[${n}].districtCode`, code: 'DISTRICT_UNKNOWN', message: `district ${i.districtCode} is not known` });
    });
  }
  const first = issues[0];
  if (first) {
    const rows = new Set(issues.map((i) => /^inputs\[(\d+)\]/.exec(i.field)?.[1])).size;
    throw new AppError(
      first.code as ConstructorParameters<typeof AppError>[0],
      `${rows} of ${inputs.length} persons are invalid; first: ${first.field}: ${first.message}`,
      first.field,
      undefined,
      issues,
    );
  }

  // One row per distinct ID number (the first occurrence wins, as with repeated ensurePerson calls).
  const bidxs = normalised.map((i) => idBlindIndex(i.idNumber));
  const unique = new Map<string, Prepared>();
  normalised.forEach((input, n) => {
    if (!unique.has(bidxs[n]!)) unique.set(bidxs[n]!, { input, bidx: bidxs[n]! });
  });
  const found = new Map<string, { person: Person; created: boolean }>();
  const batch = [...unique.values()];
  for (let at = 0; at < batch.length; at += BULK_CHUNK) {
    const chunk = batch.slice(at, at + BULK_CHUNK);
    const { sql, params } = insertPersonsSql(chunk, () => 'ON CONFLICT (id_number_bidx) DO NOTHING RETURNING *');
    const inserted = (await tx.query<PersonRow>(sql, params)).rows;
    for (const r of inserted) found.set(r.id_number_bidx, { person: toPerson(r), created: true });
    const missing = chunk.filter((r) => !found.has(r.bidx)).map((r) => r.bidx);
    if (missing.length) {
      const existing = (await tx.query<PersonRow>('SELECT * FROM persons WHERE id_number_bidx = ANY($1::text[])', [missing])).rows;
      for (const r of existing) found.set(r.id_number_bidx, { person: toPerson(r), created: false });
    }
    if (inserted.length === 0) continue; // nothing changed: no audit entry
    await audit.record(tx, by, {
      action: 'person.create_bulk',
      entityType: 'person',
      entityId: null,
      districtCode: null,
      detail: { rows: chunk.length, created: inserted.length, existing: chunk.length - inserted.length },
    });
  }
  const seen = new Set<string>();
  return bidxs.map((b) => {
    const hit = found.get(b);
    if (!hit) throw new AppError('CONFLICT', 'a person was created concurrently; try again');
    const repeat = seen.has(b);
    seen.add(b);
    return repeat ? { person: hit.person, created: false } : hit;
  });
}

function requireStaffWriter(actor: Actor): void {
  if (actor.role !== 'city_admin' && actor.role !== 'district_admin') throw new AppError('FORBIDDEN', 'only city and district admins register persons');
}

/** A district admin works in their own district only. */
function districtFor(actor: Actor, requested: string | null | undefined): string | null | undefined {
  if (actor.role !== 'district_admin') return requested;
  if (requested === undefined || requested === null) return actor.districtCode;
  if (requested !== actor.districtCode)
    throw new AppError('VALIDATION_FAILED', `a district admin registers persons of district ${actor.districtCode} only`, 'districtCode');
  return requested;
}

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

/** May this actor see this person? Not in scope reads as not found. */
function inScope(actor: Actor, p: Person): boolean {
  switch (actor.role) {
    case 'city_admin':
    case 'auditor':
      return true;
    case 'district_admin':
      return actor.districtCode !== null && p.districtCode === actor.districtCode;
    case 'worker':
      return actor.personId === p.id;
    default:
      return false;
  }
}

async function loadInScope(actor: Actor, q: Queryable, id: string): Promise<Person> {
  const p = await getPerson(q, id);
  if (!p || !inScope(actor, p)) throw notFound('person', 'id');
  return p;
}

export async function getPersonFor(actor: Actor, q: Queryable, id: string): Promise<PersonView> {
  if (!['city_admin', 'auditor', 'district_admin', 'worker'].includes(actor.role)) throw new AppError('FORBIDDEN', 'no access to the person registry');
  return presentPerson(await loadInScope(actor, q, id));
}

export async function getMyPerson(actor: Actor, q: Queryable): Promise<PersonView> {
  if (actor.role !== 'worker' || !actor.personId) throw new AppError('FORBIDDEN', 'only workers have a person record');
  return presentPerson(await loadInScope(actor, q, actor.personId));
}

export interface SensitivePerson {
  id: string;
  name: string;
  idNumber: string;
  phone: string | null;
  bankAccount: string | null;
}

/** The full ID number, phone and card: city admins only, and every read is audited. */
export async function readSensitive(actor: Actor, tx: Tx, id: string, reason: string): Promise<SensitivePerson> {
  if (actor.role !== 'city_admin') throw new AppError('FORBIDDEN', 'only a city admin reads full personal data');
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

export async function updatePerson(actor: Actor, tx: Tx, id: string, patch: PersonPatch): Promise<Person> {
  requireStaffWriter(actor);
  const before = await loadInScope(actor, tx, id);
  const i = normalisePersonInput(patch);
  if ('districtCode' in i && i.districtCode !== undefined) i.districtCode = districtFor(actor, i.districtCode) ?? null;
  throwIssues(personIssues(i));
  await checkDistrict(tx, i.districtCode);
  const sets: string[] = [];
  const params: unknown[] = [];
  const set = (col: string, v: unknown, cast = '') => {
    params.push(v);
    sets.push(`${col} = $${params.length}${cast}`);
  };
  const changed: string[] = [];
  if (i.name !== undefined) {
    set('name', i.name);
    changed.push('name');
  }
  if (i.phone !== undefined) {
    set('phone_enc', i.phone ? encrypt(i.phone) : null);
    set('phone_bidx', i.phone ? phoneBlindIndex(i.phone) : null);
    changed.push('phone');
  }
  if (i.bankAccount !== undefined) {
    set('bank_account_enc', i.bankAccount ? encrypt(i.bankAccount) : null);
    changed.push('bankAccount');
  }
  if (i.bankName !== undefined) {
    set('bank_name', i.bankName);
    changed.push('bankName');
  }
  if (i.districtCode !== undefined) {
    set('district_code', i.districtCode);
    changed.push('districtCode');
  }
  if (i.hukou !== undefined) {
    set('hukou', i.hukou);
    changed.push('hukou');
  }
  if (i.categories !== undefined) {
    set('categories', i.categories, '::text[]');
    changed.push('categories');
  }
  if (i.employerUscc !== undefined) {
    set('employer_uscc', i.employerUscc);
    changed.push('employerUscc');
  }
  if (i.employerName !== undefined) {
    set('employer_name', i.employerName);
    changed.push('employerName');
  }
  if (sets.length === 0) return before;
  params.push(id);
  const row = (await tx.query<PersonRow>(`UPDATE persons SET ${sets.join(', ')} WHERE id = $${params.length} RETURNING *`, params)).rows[0]!;
  const after = toPerson(row);
  await audit.record(tx, actor, {
    action: 'person.update',
    entityType: 'person',
    entityId: after.id,
    districtCode: after.districtCode,
    detail: auditDetail(after, {
      changed,
      ...(i.phone !== undefined ? { phone: i.phone ? maskPhone(i.phone) : null } : {}),
      ...(i.bankAccount !== undefined ? { bankAccount: i.bankAccount ? maskCard(i.bankAccount) : null } : {}),
      ...(i.districtCode !== undefined && before.districtCode !== after.districtCode ? { districtFrom: before.districtCode } : {}),
      ...(i.categories !== undefined ? { categories: after.categories } : {}),
    }),
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
  if (!['city_admin', 'auditor', 'district_admin'].includes(actor.role)) throw new AppError('FORBIDDEN', 'no access to the person registry');
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (actor.role === 'district_admin') add('district_code = ?', actor.districtCode ?? '-');
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

export interface EligibilityRule {
  districtCodes?: string[];
  categoriesAny?: string[];
  hukou?: 'local' | 'nonlocal';
  ageMin?: number;
  ageMax?: number;
  sex?: 'M' | 'F';
  employerUscc?: string;
}

/** Today's date in Asia/Shanghai, 'YYYY-MM-DD'. */
export const shanghaiToday = (now: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/**
 * A SELECT of `id, district_code, categories, hukou, birth_date` from persons matching the rule, for
 * set-based issuance. Parameters are numbered from `firstParam`; ages are full years as of `asOf`
 * ('YYYY-MM-DD', default today in Asia/Shanghai).
 */
export function matchPersonsSql(rule: EligibilityRule, firstParam: number, asOf: string = shanghaiToday()): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${firstParam + params.length - 1}`;
  };
  const where: string[] = [];
  if (rule.districtCodes?.length) where.push(`district_code = ANY(${p(rule.districtCodes)}::text[])`);
  if (rule.categoriesAny?.length) where.push(`categories && ${p(rule.categoriesAny)}::text[]`);
  if (rule.hukou) where.push(`hukou = ${p(rule.hukou)}::text`);
  if (rule.sex) where.push(`sex = ${p(rule.sex)}::text`);
  if (rule.employerUscc) where.push(`employer_uscc = ${p(rule.employerUscc)}::text`);
  if (rule.ageMin !== undefined || rule.ageMax !== undefined) {
    const d = p(asOf);
    if (rule.ageMin !== undefined) where.push(`birth_date <= (${d}::date - make_interval(years => ${p(rule.ageMin)}::int))::date`);
    if (rule.ageMax !== undefined) where.push(`birth_date > (${d}::date - make_interval(years => ${p(rule.ageMax + 1)}::int))::date`);
  }
  return {
    sql: `SELECT id, district_code, categories, hukou, birth_date FROM persons${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
    params,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Import (CSV / xlsx) — set-based, one transaction per chunk.

export interface ImportReport {
  total: number;
  created: number;
  updated: number;
  failed: number;
  errors: ImportRowError[];
  /** True when more errors exist than are listed. */
  errorsTruncated: boolean;
}

export const IMPORT_MAX_ROWS = 100_000;
const IMPORT_CHUNK = 1000;
const MAX_LISTED_ERRORS = 1000;

interface ReadyRow extends Prepared {
  line: number;
}

/**
 * Imports persons from a sheet. Good rows are created or updated (matched by ID number; blank cells keep
 * the stored value), bad rows are reported with their row number, field and code. A district admin
 * imports into their own district only and cannot touch persons registered elsewhere.
 */
export async function importPersons(actor: Actor, db: Db, buffer: Buffer, format: SheetFormat): Promise<ImportReport> {
  requireStaffWriter(actor);
  const sheet = await readSheet(buffer, format, IMPORT_MAX_ROWS);
  const { keys, missing } = mapHeader(sheet.header);
  if (missing.length) throw new AppError('IMPORT_FILE_INVALID', `the header row lacks the column(s) ${missing.join(', ')}`, 'header');

  const errors: ImportRowError[] = [];
  const failedRows = new Set<number>();
  const fail = (e: ImportRowError) => {
    errors.push(e);
    failedRows.add(e.row);
  };
  const ready: ReadyRow[] = [];
  const seen = new Map<string, number>();
  let total = 0;
  const today = new Date();
  for (const r of sheet.rows) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    total++;
    const obj: Partial<Record<(typeof keys)[number] & string, string>> = {};
    keys.forEach((k, idx) => {
      if (k) obj[k] = r.cells[idx] ?? '';
    });
    const res = validatePersonRow(obj, r.line, today);
    if (!res.ok) {
      res.errors.forEach(fail);
      continue;
    }
    const input = res.input;
    if (actor.role === 'district_admin') {
      if (!input.districtCode) input.districtCode = actor.districtCode;
      else if (input.districtCode !== actor.districtCode) {
        fail({
          row: r.line,
          field: 'districtCode',
          code: 'VALIDATION_FAILED',
          message: `a district admin imports persons of district ${actor.districtCode} only`,
        });
        continue;
      }
    }
    const bidx = idBlindIndex(input.idNumber);
    const first = seen.get(bidx);
    if (first !== undefined) {
      fail({ row: r.line, field: 'idNumber', code: 'DUPLICATE', message: `the same ID number is already on row ${first}` });
      continue;
    }
    seen.set(bidx, r.line);
    ready.push({ line: r.line, input, bidx });
  }

  // District existence, once per distinct code.
  const badDistricts = await unknownDistricts(
    db,
    ready.map((r) => r.input.districtCode),
  );
  const good = ready.filter((r) => {
    if (r.input.districtCode && badDistricts.has(r.input.districtCode)) {
      fail({ row: r.line, field: 'districtCode', code: 'DISTRICT_UNKNOWN', message: `district ${r.input.districtCode} is not known` });
      return false;
    }
    return true;
  });

  let created = 0;
  let updated = 0;
  for (let at = 0; at < good.length; at += IMPORT_CHUNK) {
    const chunk = good.slice(at, at + IMPORT_CHUNK);
    const res = await db.tx((tx) => upsertChunk(actor, tx, chunk));
    created += res.created;
    updated += res.updated;
    for (const r of res.refused) {
      fail({ row: r.line, field: 'idNumber', code: 'PERSON_EXISTS', message: 'a person with this ID number is registered in another district' });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    total,
    created,
    updated,
    failed: failedRows.size,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorsTruncated: errors.length > MAX_LISTED_ERRORS,
  };
}

async function upsertChunk(actor: Actor, tx: Tx, chunk: ReadyRow[]): Promise<{ created: number; updated: number; refused: ReadyRow[] }> {
  const restrict = actor.role === 'district_admin';
  const { sql, params } = insertPersonsSql(
    chunk,
    (next) => `ON CONFLICT (id_number_bidx) DO UPDATE SET
       name = EXCLUDED.name,
       phone_enc = COALESCE(EXCLUDED.phone_enc, p.phone_enc),
       phone_bidx = COALESCE(EXCLUDED.phone_bidx, p.phone_bidx),
       bank_account_enc = COALESCE(EXCLUDED.bank_account_enc, p.bank_account_enc),
       bank_name = COALESCE(EXCLUDED.bank_name, p.bank_name),
       district_code = COALESCE(EXCLUDED.district_code, p.district_code),
       hukou = EXCLUDED.hukou,
       categories = CASE WHEN cardinality(EXCLUDED.categories) = 0 THEN p.categories ELSE EXCLUDED.categories END,
       employer_uscc = COALESCE(EXCLUDED.employer_uscc, p.employer_uscc),
       employer_name = COALESCE(EXCLUDED.employer_name, p.employer_name)
     ${restrict ? `WHERE p.district_code = $${next}` : ''}
     RETURNING p.id_number_bidx, (p.xmax = 0) AS inserted`,
  );
  if (restrict) params.push(actor.districtCode);
  const { rows } = await tx.query<{ id_number_bidx: string; inserted: boolean }>(sql, params);
  const done = new Set(rows.map((r) => r.id_number_bidx));
  const created = rows.filter((r) => r.inserted).length;
  const updated = rows.length - created;
  const refused = chunk.filter((r) => !done.has(r.bidx));
  await audit.record(tx, actor, {
    action: 'person.import',
    entityType: 'person',
    entityId: null,
    districtCode: actor.role === 'district_admin' ? actor.districtCode : null,
    detail: { rows: chunk.length, created, updated, refused: refused.length, firstRow: chunk[0]?.line ?? null, lastRow: chunk[chunk.length - 1]?.line ?? null },
  });
  return { created, updated, refused };
}

export { importTemplate } from './sheet.js';
