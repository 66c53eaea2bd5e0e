/**
 * The persons table in one place: the row, the person (decrypted), its masked view (derived from the zod
 * schema), the one row → person mapping, the blind indexes, the one INSERT, and the checks every write shares.
 */
import type { z } from 'zod';
import { batchedByKey } from '../../db/batch.js';
import type { Queryable, Tx } from '../../db/index.js';
import { blindIndex, decrypt, encrypt } from '../../lib/crypto.js';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import { birthDateOf, isUuid, maskCard, maskId, maskName, maskPhone, normaliseIdNumber, normaliseMobile, sexOf } from '../../lib/identifiers.js';
import { getDistrict } from '../catalog/index.js';
import { normalisePersonInput, personIssues, type Hukou, type PersonInput } from './rules.js';
import type { PersonViewSchema } from './schemas.js';

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

export type PersonView = z.infer<typeof PersonViewSchema>;

export interface PersonRow {
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

export function toPerson(r: PersonRow): Person {
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
export const auditDetail = (p: Pick<Person, 'name' | 'idNumber' | 'districtCode'>, extra: Record<string, unknown> = {}) => ({
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

/** The masked names (张*三) of several persons by id, in one query (a message naming a trainee to an organisation). */
export async function maskedNamesOf(q: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (!wanted.length) return new Map();
  const { rows } = await q.query<{ id: string; name: string }>('SELECT id, name FROM persons WHERE id = ANY($1::uuid[])', [wanted]);
  return new Map(rows.map((r) => [r.id, maskName(r.name)]));
}

export async function findPersonByIdNumber(q: Queryable, idNumber: string): Promise<Person | null> {
  const r = (await q.query<PersonRow>('SELECT * FROM persons WHERE id_number_bidx = $1', [idBlindIndex(idNumber)])).rows[0];
  return r ? toPerson(r) : null;
}

/** Throws the first issue as an AppError (the specific code where it is one of ours). */
export function throwIssues(issues: FieldIssue[]): void {
  const first = issues[0];
  if (!first) return;
  const code = first.code as ConstructorParameters<typeof AppError>[0];
  throw new AppError(code, first.message, first.field, undefined, issues);
}

/** The district must exist in the catalogue (which owns districts). */
export async function checkDistrict(q: Queryable, code: string | null | undefined): Promise<void> {
  if (code === null || code === undefined) return;
  if (!/^\d{6}$/.test(code) || !(await getDistrict(q, code))) throw new AppError('DISTRICT_UNKNOWN', `district ${code} is not known`, 'districtCode');
}

/** A validated, normalised input with its ID number's blind index (the conflict key). */
export interface Prepared {
  input: PersonInput;
  bidx: string;
}

/**
 * The one persons INSERT (single create, bulk create and import): `INSERT … SELECT FROM unnest(…)` of a
 * batch, followed by `tail` (the caller's `ON CONFLICT … RETURNING …`, given its first free parameter
 * number). Encrypts and blind-indexes in JS; one array parameter per column. Categories travel as
 * comma-joined text (unnest would flatten a text[][]).
 */
export function insertPersonsSql(batch: Prepared[], tail: (nextParam: number) => string): { sql: string; params: unknown[] } {
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

export async function insertPerson(tx: Tx, i: PersonInput): Promise<PersonRow | null> {
  const { sql, params } = insertPersonsSql([{ input: i, bidx: idBlindIndex(i.idNumber) }], () => 'ON CONFLICT (id_number_bidx) DO NOTHING RETURNING *');
  return (await tx.query<PersonRow>(sql, params)).rows[0] ?? null;
}

export function validated(input: PersonInput): PersonInput {
  const i = normalisePersonInput(input);
  throwIssues(personIssues(i));
  return i;
}

/** The district codes among `codes` that the catalogue does not know (one look-up per distinct code). */
export async function unknownDistricts(q: Queryable, codes: Iterable<string | null | undefined>): Promise<Set<string>> {
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
