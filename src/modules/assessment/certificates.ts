/**
 * The certificate registry (培训证书查询, issue 19 part 3): certificates recorded here (a pass with a certificate)
 * and certificates imported from assessment bodies' sheets, one view (`certificate_registry`). Read by their
 * holder, by officers, by the lifelong record (records module), and publicly by number + full name (masked).
 */
import type { Db, Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { maskName } from '../../lib/identifiers.js';
import { readSheet, type SheetFormat } from '../../lib/sheet.js';
import { today as businessToday } from '../../lib/time.js';
import * as audit from '../audit/index.js';
import { requireRole, scopeOf, type Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as persons from '../persons/index.js';
import { parseCertificateRow, publicMatch, type ImportedCertificateInput } from './certificate-rules.js';
import { holderOf } from './policy.js';
import type { CertificateType } from './rules.js';
import type { CertificateImportReport, CertificateView, RegistryEntry } from './schemas.js';

export interface RegistryRow {
  id: string;
  source: 'recorded' | 'imported';
  certificate_number: string;
  certificate_type: CertificateType;
  person_id: string;
  occupation_code: string;
  level: number;
  issuer_org_id: string | null;
  issuer_name: string | null;
  issued_on: string;
  created_at: Date;
}

const COLS = `id, source, certificate_number, certificate_type, person_id, occupation_code, level, issuer_org_id, issuer_name, issued_on::text AS issued_on, created_at`;
const IMPORT_MAX_ROWS = 5000;

async function issuerOf(q: Queryable, r: RegistryRow): Promise<string> {
  if (r.issuer_name) return r.issuer_name;
  const org = r.issuer_org_id ? await orgs.getOrg(q, r.issuer_org_id) : null;
  return org?.name ?? '';
}

async function present(q: Queryable, r: RegistryRow, holderName: string): Promise<CertificateView> {
  return {
    id: r.id,
    source: r.source,
    certificateNumber: r.certificate_number,
    certificateType: r.certificate_type,
    holderNameMasked: maskName(holderName),
    occupationCode: r.occupation_code,
    level: Number(r.level),
    issuerName: await issuerOf(q, r),
    assessedOn: r.issued_on,
  };
}

/** A person's certificates, newest first (the lifelong record reads these through the face). */
export async function certificatesOfPerson(q: Queryable, personId: string): Promise<CertificateView[]> {
  const p = await persons.getPerson(q, personId);
  const { rows } = await q.query<RegistryRow>(`SELECT ${COLS} FROM certificate_registry WHERE person_id = $1 ORDER BY issued_on DESC, id`, [personId]);
  return Promise.all(rows.map((r) => present(q, r, p?.name ?? '')));
}

/** The holder's own certificates (worker). */
export async function myCertificates(actor: Actor, q: Queryable): Promise<CertificateView[]> {
  return certificatesOfPerson(q, holderOf(actor));
}

/** One certificate of a person (404 when it is not theirs). */
export async function certificateOfPerson(q: Queryable, personId: string, id: string): Promise<CertificateView> {
  const all = await certificatesOfPerson(q, personId);
  const c = all.find((x) => x.id === id);
  if (!c) throw notFound('certificate', 'id');
  return c;
}

/** Public check: certificate number + holder's full name must both match; anything else is 404 (no oracle on either). */
export async function lookupCertificate(q: Queryable, input: { certificateNumber: string; name: string }): Promise<CertificateView> {
  const { rows } = await q.query<RegistryRow>(`SELECT ${COLS} FROM certificate_registry WHERE certificate_number = $1`, [input.certificateNumber.trim()]);
  for (const r of rows) {
    const p = await persons.getPerson(q, r.person_id);
    if (p && publicMatch(p.name, input.name)) return present(q, r, p.name);
  }
  throw notFound('certificate', 'certificateNumber');
}

/** Officers' registry list: city admins and auditors everything; an assessment body what it recorded or imported. */
export async function listRegistry(
  actor: Actor,
  q: Queryable,
  f: { certificateNumber?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; items: RegistryEntry[] }> {
  requireRole(actor, ['city_admin', 'auditor', 'assessor'], 'not for this role');
  const scope = scopeOf(actor);
  const orgId = scope.kind === 'org' ? scope.orgId : null;
  if (actor.role === 'assessor' && !orgId) return { total: 0, items: [] };
  const where = 'WHERE ($1::uuid IS NULL OR issuer_org_id = $1) AND ($2::text IS NULL OR certificate_number = $2)';
  const params = [orgId, f.certificateNumber?.trim() || null];
  const total = Number((await q.query<{ n: number }>(`SELECT count(*) AS n FROM certificate_registry ${where}`, params)).rows[0]!.n);
  const { rows } = await q.query<RegistryRow>(`SELECT ${COLS} FROM certificate_registry ${where} ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  const items = await Promise.all(
    rows.map(async (r) => {
      const p = await persons.getPerson(q, r.person_id);
      return { ...(await present(q, r, p?.name ?? '')), personId: r.person_id, createdAt: new Date(r.created_at).toISOString() };
    }),
  );
  return { total, items };
}

/** Who imports: an assessment body (its own list) or the city admin. */
async function importer(actor: Actor, q: Queryable): Promise<{ orgId: string | null }> {
  requireRole(actor, ['assessor', 'city_admin'], 'only assessment bodies and the city admin import certificates');
  if (actor.role === 'city_admin') return { orgId: null };
  const scope = scopeOf(actor);
  if (scope.kind !== 'org') throw new AppError('FORBIDDEN', 'only assessment bodies import certificates');
  const org = await orgs.requireActiveOrg(q, scope.orgId);
  if (org.kind !== 'assessor') throw new AppError('FORBIDDEN', 'the account’s organisation is not an assessment body');
  return { orgId: org.id };
}

/** One imported certificate: the holder must be a registered person whose name matches; the number must be new. */
async function importOne(actor: Actor, tx: Tx, orgId: string | null, c: ImportedCertificateInput): Promise<void> {
  const p = await persons.findPersonByIdNumber(tx, c.idNumber);
  if (!p || p.name !== c.name) throw new AppError('CERTIFICATE_HOLDER_UNKNOWN', 'no registered person has this ID number and name', 'idNumber');
  const dup = await tx.query('SELECT 1 FROM certificate_registry WHERE certificate_type = $1 AND certificate_number = $2', [
    c.certificateType,
    c.certificateNumber,
  ]);
  if (dup.rows.length) throw new AppError('DUPLICATE', 'this certificate number is already in the registry', 'certificateNumber');
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO imported_certificates (certificate_number, certificate_type, person_id, occupation_code, level, issuer_name, issued_on, imported_by_org_id, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [c.certificateNumber, c.certificateType, p.id, c.occupationCode, c.level, c.issuerName, c.issuedOn, orgId, actor.accountId],
  );
  await audit.record(tx, actor, {
    action: 'certificate.import',
    entityType: 'certificate',
    entityId: rows[0]!.id,
    districtCode: p.districtCode,
    detail: { certificateNumber: c.certificateNumber, certificateType: c.certificateType, occupationCode: c.occupationCode, level: c.level },
  });
}

/** Imports an assessment body's certificate sheet (CSV / .xlsx): good rows kept, bad rows reported by row and field. */
export async function importCertificates(actor: Actor, db: Db, buffer: Buffer, format: SheetFormat): Promise<CertificateImportReport> {
  const { orgId } = await importer(actor, db);
  const sheet = await readSheet(buffer, format, IMPORT_MAX_ROWS);
  const today = businessToday();
  const report: CertificateImportReport = { total: sheet.rows.length, imported: 0, errors: [] };
  for (const row of sheet.rows) {
    const parsed = parseCertificateRow(sheet.header, row.cells, today);
    if ('issues' in parsed) {
      for (const i of parsed.issues) report.errors.push({ field: `rows.${row.line}.${i.field}`, code: i.code, message: i.message });
      continue;
    }
    try {
      await db.tx((tx) => importOne(actor, tx, orgId, parsed.input));
      report.imported++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      report.errors.push({ field: `rows.${row.line}.${e.field ?? 'row'}`, code: e.code, message: e.message });
    }
  }
  return report;
}
