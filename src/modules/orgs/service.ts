/**
 * Organisations registry: providers (培训实施机构), enterprises (企业) and assessment bodies (评价/鉴定机构).
 * Service functions take the actor (or the system) first and check access on their first line; every write
 * records its audit entry in the same transaction. `getOrg` / `findOrgByUscc` are the unscoped reads other
 * modules use (training, subsidy); `readOrg` / `listOrgs` are the scoped reads behind the routes.
 */
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { decrypt, encrypt } from '../../lib/crypto.js';
import { isUuid, maskCard, maskPhone } from '../../lib/identifiers.js';
import { ShortCache } from '../../lib/short-cache.js';
import { batchedByKey } from '../../db/batch.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import { getDistrict } from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import * as identity from '../identity/index.js';
import { listAccountsOfOrg, requireRole, scopeOf } from '../identity/index.js';
import {
  checkProviderKind,
  normaliseUscc,
  roleForKind,
  validBankAccount,
  validMobile,
  validUscc,
  type OrgKind,
  type OrgStatus,
  type ProviderKind,
} from './rules.js';
import { canManageOrg, canSeeOrg, ORG_ACCOUNT_READERS, ORG_LISTERS, ORG_MANAGERS, type ScopeSubject } from './policy.js';

export type { OrgKind, OrgStatus, ProviderKind } from './rules.js';

/** A signed-in actor, or the system (CLI, demo world, fixtures: `SYSTEM`). */
export type OrgActor = Actor | AuditActor;

/** An organisation. `contactPhone` and `bankAccount` are decrypted: internal only, never returned raw. */
export interface Org {
  id: string;
  kind: OrgKind;
  name: string;
  uscc: string;
  districtCode: string;
  providerKind: ProviderKind | null;
  address: string | null;
  status: OrgStatus;
  suspendedReason: string | null;
  suspendedAt: Date | null;
  contactName: string | null;
  contactPhone: string | null;
  bankAccount: string | null;
  bankName: string | null;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The masked view returned by the API. */
export interface OrgView {
  id: string;
  kind: OrgKind;
  name: string;
  uscc: string;
  districtCode: string;
  providerKind: ProviderKind | null;
  address: string | null;
  status: OrgStatus;
  suspendedReason: string | null;
  suspendedAt: string | null;
  contactName: string | null;
  contactPhone: string | null;
  bankAccount: string | null;
  bankName: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

interface OrgRow {
  id: string;
  kind: OrgKind;
  name: string;
  uscc: string;
  district_code: string;
  provider_kind: ProviderKind | null;
  address: string | null;
  status: OrgStatus;
  suspended_reason: string | null;
  suspended_at: Date | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  bank_account_enc: string | null;
  bank_name: string | null;
  is_demo: boolean;
  created_at: Date;
  updated_at: Date;
}

const toOrg = (r: OrgRow): Org => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  uscc: r.uscc,
  districtCode: r.district_code,
  providerKind: r.provider_kind,
  address: r.address,
  status: r.status,
  suspendedReason: r.suspended_reason,
  suspendedAt: r.suspended_at,
  contactName: r.contact_name,
  contactPhone: r.contact_phone_enc ? decrypt(r.contact_phone_enc) : null,
  bankAccount: r.bank_account_enc ? decrypt(r.bank_account_enc) : null,
  bankName: r.bank_name,
  isDemo: r.is_demo,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const presentOrg = (o: Org): OrgView => ({
  id: o.id,
  kind: o.kind,
  name: o.name,
  uscc: o.uscc,
  districtCode: o.districtCode,
  providerKind: o.providerKind,
  address: o.address,
  status: o.status,
  suspendedReason: o.suspendedReason,
  suspendedAt: o.suspendedAt ? o.suspendedAt.toISOString() : null,
  contactName: o.contactName,
  contactPhone: o.contactPhone ? maskPhone(o.contactPhone) : null,
  bankAccount: o.bankAccount ? maskCard(o.bankAccount) : null,
  bankName: o.bankName,
  isDemo: o.isDemo,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});

const subject = (by: OrgActor): ScopeSubject => ({
  role: by.role,
  districtCode: 'districtCode' in by ? by.districtCode : null,
  orgId: 'orgId' in by ? by.orgId : null,
});

const requireManager = (by: OrgActor): void => requireRole(by, ORG_MANAGERS, 'only a city or district admin manages organisations');

/** The district must be one of the catalogue's. */
async function validDistrict(q: Queryable, code: string): Promise<string> {
  if (!/^\d{6}$/.test(code) || !(await getDistrict(q, code))) throw new AppError('DISTRICT_UNKNOWN', `district ${code} is not known`, 'districtCode');
  return code;
}

// ---------------------------------------------------------------- unscoped reads (other modules)

/** One organisation, read fresh (concurrent reads outside a transaction share one query: src/db/batch.ts). */
export async function getOrg(q: Queryable, id: string): Promise<Org | null> {
  if (!isUuid(id)) return null;
  const r = await orgById(q, id.toLowerCase());
  return r ? toOrg(r) : null;
}

const orgById = batchedByKey<OrgRow>('SELECT * FROM organisations WHERE id = ANY($1::uuid[])', (r) => r.id);

/** Organisations read on every request of a busy provider's read paths; see ShortCache for the rules. */
const orgCache = new ShortCache<Org | null>(3_000);
export const configureOrgCache = (ttlMs: number): void => {
  orgCache.ttlMs = ttlMs;
};

/**
 * An organisation as this node saw it at most a few seconds ago (a change made on this node is seen at
 * once). For read-only answers such as verify; a write decides on `getOrg` inside its transaction.
 */
export const getOrgRecent = (q: Queryable, id: string): Promise<Org | null> => orgCache.read(id, () => getOrg(q, id));

export async function findOrgByUscc(q: Queryable, uscc: string): Promise<Org | null> {
  const r = (await q.query<OrgRow>('SELECT * FROM organisations WHERE uscc = $1', [normaliseUscc(uscc)])).rows[0];
  return r ? toOrg(r) : null;
}

/**
 * The organisation, required active: a suspended provider (暂停) opens no class, admits no one and files
 * no report. Throws NOT_FOUND when absent and PROVIDER_SUSPENDED when suspended.
 */
export async function requireActiveOrg(q: Queryable, id: string, field = 'orgId'): Promise<Org> {
  const o = await getOrg(q, id);
  if (!o) throw notFound('organisation', field);
  if (o.status !== 'active') throw new AppError('PROVIDER_SUSPENDED', `${o.name} is suspended: ${o.suspendedReason ?? ''}`.trim(), field, { orgId: o.id });
  return o;
}

// ---------------------------------------------------------------- scoped reads (routes)

/** One organisation in the actor's scope; out of scope reads as absent (404). */
export async function readOrg(actor: OrgActor, q: Queryable, id: string): Promise<Org> {
  const o = await getOrg(q, id);
  if (!o || !canSeeOrg(subject(actor), o)) throw notFound('organisation', 'id');
  return o;
}

/** The signed-in provider / enterprise / assessor account's own organisation. */
export async function myOrg(actor: Actor, q: Queryable): Promise<Org> {
  if (!actor.orgId) throw new AppError('FORBIDDEN', 'this account belongs to no organisation');
  return readOrg(actor, q, actor.orgId);
}

export interface OrgFilter {
  kind?: OrgKind | undefined;
  districtCode?: string | undefined;
  status?: OrgStatus | undefined;
  providerKind?: ProviderKind | undefined;
  /** Substring of the name (case-insensitive) or the exact USCC. */
  name?: string | undefined;
  limit: number;
  offset: number;
}

export async function listOrgs(actor: OrgActor, q: Queryable, f: OrgFilter): Promise<{ total: number; items: Org[] }> {
  const s = subject(actor);
  requireRole(s, ORG_LISTERS, 'role may not list organisations');
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  // A district admin sees the organisations of the district, and the assessment bodies of the whole city
  // (an assessment body serves every district: the district admin assigns classes to it).
  const scope = scopeOf(s);
  if (scope.kind === 'district' || scope.kind === 'none')
    add(`(district_code = ? OR kind = 'assessor')`, scope.kind === 'district' ? scope.districtCode : null);
  if (f.districtCode) add('district_code = ?', f.districtCode);
  if (f.kind) add('kind = ?', f.kind);
  if (f.status) add('status = ?', f.status);
  if (f.providerKind) add('provider_kind = ?', f.providerKind);
  if (f.name)
    add(
      `(name ILIKE '%' || ? || '%' OR uscc = upper(?))`,
      f.name.replace(/[\\%_]/g, (c) => `\\${c}`),
    );
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM organisations ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<OrgRow>(`SELECT * FROM organisations ${w} ORDER BY name, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  return { total, items: rows.map(toOrg) };
}

// ---------------------------------------------------------------- writes

export interface NewOrg {
  kind: OrgKind;
  name: string;
  uscc: string;
  districtCode: string;
  providerKind?: ProviderKind | null | undefined;
  address?: string | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  bankAccount?: string | null | undefined;
  bankName?: string | null | undefined;
  isDemo?: boolean | undefined;
}

const isUniqueViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

export async function createOrg(by: OrgActor, tx: Tx, input: NewOrg): Promise<Org> {
  requireManager(by);
  const districtCode = await validDistrict(tx, input.districtCode);
  if (!canManageOrg(subject(by), { districtCode }))
    throw new AppError('FORBIDDEN', 'a district admin registers organisations of its own district only', 'districtCode');
  const uscc = validUscc(input.uscc);
  const providerKind = checkProviderKind(input.kind, input.providerKind);
  const phone = input.contactPhone ? validMobile(input.contactPhone) : null;
  const bank = input.bankAccount ? validBankAccount(input.bankAccount) : null;
  if (bank && !input.bankName) throw new AppError('VALIDATION_FAILED', 'a bank account needs its bank name', 'bankName');
  if (await findOrgByUscc(tx, uscc)) throw new AppError('DUPLICATE', `an organisation with USCC ${uscc} is already registered`, 'uscc');
  let row: OrgRow;
  try {
    row = (
      await tx.query<OrgRow>(
        `INSERT INTO organisations (kind, name, uscc, district_code, provider_kind, address, contact_name, contact_phone_enc, bank_account_enc, bank_name, is_demo)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING *`,
        [
          input.kind,
          input.name.trim(),
          uscc,
          districtCode,
          providerKind,
          input.address ?? null,
          input.contactName ?? null,
          phone ? encrypt(phone) : null,
          bank ? encrypt(bank) : null,
          input.bankName ?? null,
          input.isDemo ?? false,
        ],
      )
    ).rows[0]!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('DUPLICATE', `an organisation with USCC ${uscc} is already registered`, 'uscc');
    throw e;
  }
  const o = toOrg(row);
  await audit.record(tx, by, {
    action: 'org.create',
    entityType: 'organisation',
    entityId: o.id,
    districtCode: o.districtCode,
    detail: {
      kind: o.kind,
      name: o.name,
      uscc: o.uscc,
      providerKind: o.providerKind,
      contactPhone: phone ? maskPhone(phone) : null,
      bankAccount: bank ? maskCard(bank) : null,
      isDemo: o.isDemo,
    },
  });
  return o;
}

export interface OrgPatch {
  name?: string | undefined;
  districtCode?: string | undefined;
  providerKind?: ProviderKind | undefined;
  address?: string | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  bankAccount?: string | null | undefined;
  bankName?: string | null | undefined;
}

/** Locks the row and checks the actor may manage it; out of scope reads as absent (404). */
async function lockForWrite(by: OrgActor, tx: Tx, id: string): Promise<OrgRow> {
  const r = (await tx.query<OrgRow>('SELECT * FROM organisations WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!r || !canManageOrg(subject(by), { districtCode: r.district_code })) throw notFound('organisation', 'id');
  return r;
}

export async function updateOrg(by: OrgActor, tx: Tx, id: string, patch: OrgPatch): Promise<Org> {
  requireManager(by);
  const cur = await lockForWrite(by, tx, id);
  const { sets, params, changed, set } = orgChange(id);
  if (patch.name !== undefined) set('name', patch.name.trim(), 'name');
  await changeDistrict(set, by, tx, cur, patch);
  changeDetails(set, cur, patch);
  assertBankNamed(cur, patch);
  if (sets.length === 0) return toOrg(cur);
  orgCache.clear();
  const row = (await tx.query<OrgRow>(`UPDATE organisations SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params)).rows[0]!;
  await audit.record(tx, by, {
    action: 'org.update',
    entityType: 'organisation',
    entityId: id,
    districtCode: row.district_code,
    detail: { changed, ...(changed.districtCode ? { fromDistrict: cur.district_code } : {}) },
  });
  return toOrg(row);
}

/** The columns an update sets, their parameters ($1 is the id) and what its audit entry shows as changed. */
function orgChange(id: string) {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const changed: Record<string, unknown> = {};
  const set = (col: string, v: unknown, field: string, shown: unknown = v) => {
    params.push(v);
    sets.push(`${col} = $${params.length}`);
    changed[field] = shown;
  };
  return { sets, params, changed, set };
}
type SetColumn = ReturnType<typeof orgChange>['set'];

/** A move to another district: a known district the actor manages too. */
async function changeDistrict(set: SetColumn, by: OrgActor, tx: Tx, cur: OrgRow, patch: OrgPatch): Promise<void> {
  if (patch.districtCode === undefined || patch.districtCode === cur.district_code) return;
  const d = await validDistrict(tx, patch.districtCode);
  if (!canManageOrg(subject(by), { districtCode: d }))
    throw new AppError('FORBIDDEN', 'a district admin cannot move an organisation to another district', 'districtCode');
  set('district_code', d, 'districtCode');
}

/** The provider kind, address, contact and bank details (phone and card validated, shown masked). */
function changeDetails(set: SetColumn, cur: OrgRow, patch: OrgPatch): void {
  if (patch.providerKind !== undefined) set('provider_kind', checkProviderKind(cur.kind, patch.providerKind), 'providerKind');
  if (patch.address !== undefined) set('address', patch.address, 'address');
  if (patch.contactName !== undefined) set('contact_name', patch.contactName, 'contactName');
  if (patch.contactPhone !== undefined) {
    const p = patch.contactPhone === null ? null : validMobile(patch.contactPhone);
    set('contact_phone_enc', p ? encrypt(p) : null, 'contactPhone', p ? maskPhone(p) : null);
  }
  if (patch.bankAccount !== undefined) {
    const b = patch.bankAccount === null ? null : validBankAccount(patch.bankAccount);
    set('bank_account_enc', b ? encrypt(b) : null, 'bankAccount', b ? maskCard(b) : null);
  }
  if (patch.bankName !== undefined) set('bank_name', patch.bankName, 'bankName');
}

/** After the update, a bank account still has its bank's name. */
function assertBankNamed(cur: OrgRow, patch: OrgPatch): void {
  const bankAfter = patch.bankAccount !== undefined ? patch.bankAccount : cur.bank_account_enc;
  const bankNameAfter = patch.bankName !== undefined ? patch.bankName : cur.bank_name;
  if (bankAfter && !bankNameAfter) throw new AppError('VALIDATION_FAILED', 'a bank account needs its bank name', 'bankName');
}

/** Suspends (暂停) an organisation during an investigation; the reason is required and audited. */
export async function suspendOrg(by: OrgActor, tx: Tx, id: string, reason: string): Promise<Org> {
  requireManager(by);
  const why = reason.trim();
  if (!why) throw new AppError('VALIDATION_FAILED', 'a suspension names its reason', 'reason');
  const cur = await lockForWrite(by, tx, id);
  if (cur.status === 'suspended') throw new AppError('CONFLICT', `${cur.name} is already suspended`, 'status');
  orgCache.clear();
  const row = (
    await tx.query<OrgRow>(
      `UPDATE organisations SET status = 'suspended', suspended_reason = $2, suspended_at = now() WHERE id = $1 AND status = 'active' RETURNING *`,
      [id, why],
    )
  ).rows[0]!;
  await audit.record(tx, by, { action: 'org.suspend', entityType: 'organisation', entityId: id, districtCode: row.district_code, detail: { reason: why } });
  return toOrg(row);
}

/** Lifts a suspension; the reason is required and audited (with the reason of the suspension). */
export async function reinstateOrg(by: OrgActor, tx: Tx, id: string, reason: string): Promise<Org> {
  requireManager(by);
  const why = reason.trim();
  if (!why) throw new AppError('VALIDATION_FAILED', 'a reinstatement names its reason', 'reason');
  const cur = await lockForWrite(by, tx, id);
  if (cur.status === 'active') throw new AppError('CONFLICT', `${cur.name} is not suspended`, 'status');
  orgCache.clear();
  const row = (
    await tx.query<OrgRow>(
      `UPDATE organisations SET status = 'active', suspended_reason = NULL, suspended_at = NULL WHERE id = $1 AND status = 'suspended' RETURNING *`,
      [id],
    )
  ).rows[0]!;
  await audit.record(tx, by, {
    action: 'org.reinstate',
    entityType: 'organisation',
    entityId: id,
    districtCode: row.district_code,
    detail: { reason: why, suspendedReason: cur.suspended_reason },
  });
  return toOrg(row);
}

export interface NewOrgAccount {
  username: string;
  displayName: string;
  password?: string | undefined;
  isDemo?: boolean | undefined;
}

/**
 * A staff account of an organisation; its role follows the organisation's kind. City admins anywhere,
 * district admins for organisations of their district (others: 404).
 */
export async function createOrgAccount(by: OrgActor, tx: Tx, orgId: string, input: NewOrgAccount): Promise<identity.AccountRow> {
  requireManager(by);
  const o = await getOrg(tx, orgId);
  if (!o || !canManageOrg(subject(by), o)) throw notFound('organisation', 'id');
  return identity.createAccount(tx, by, {
    username: input.username,
    displayName: input.displayName,
    role: roleForKind(o.kind),
    password: input.password,
    orgId: o.id,
    orgDistrictCode: o.districtCode,
    isDemo: input.isDemo ?? o.isDemo,
  });
}

/** The staff accounts of an organisation the caller may see (404 outside the caller's scope). */
export async function listOrgAccounts(actor: Actor, q: Queryable, orgId: string, page: { limit: number; offset: number }) {
  requireRole(actor, ORG_ACCOUNT_READERS, 'only admins and auditors list the accounts of an organisation');
  const o = await readOrg(actor, q, orgId);
  return listAccountsOfOrg(q, o.id, page);
}
export { getHospital, listHospitals } from './hospitals.js';
