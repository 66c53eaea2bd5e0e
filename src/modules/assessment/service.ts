/**
 * 考核鉴定 (assessment): classes are assigned to an assessment body (考评安排, by the district or city admin);
 * that body's assessor accounts record a result per trainee (voucher) per assigned class — pass/fail,
 * score, level reached, certificate number and type, date — by API or by a CSV/xlsx sheet (per-row errors,
 * good rows kept). A pass moves the voucher in_training → assessed and opens the subsidy claim (核验); a
 * fail closes the voucher without a claim. Certificates can be looked up by their holder, and publicly by
 * certificate number + name (masked).
 */
import type { Db, Queryable, Tx } from '../../db/index.js';
import { AppError, notFound, type FieldIssue } from '../../lib/errors.js';
import { isUuid, maskName } from '../../lib/identifiers.js';
import * as audit from '../audit/service.js';
import * as attendance from '../attendance/service.js';
import type { Actor } from '../identity/actor.js';
import * as orgs from '../orgs/service.js';
import * as persons from '../persons/service.js';
import { readSheet, type SheetFormat } from '../persons/sheet.js';
import { createClaimForPass } from '../subsidy/claims.js';
import * as training from '../training/service.js';
import * as vouchers from '../vouchers/service.js';
import { CERTIFICATE_TYPES, parseResultRow, resultIssues, type CertificateType, type ResultInput } from './rules.js';
import { shanghaiDate } from '../subsidy/rules.js';

export interface ResultRow {
  id: string;
  voucher_id: string;
  person_id: string;
  class_id: string | null;
  assessor_org_id: string | null;
  recorded_by: string | null;
  passed: boolean;
  score: string | null;
  level: number;
  occupation_code: string;
  certificate_number: string | null;
  certificate_type: CertificateType | null;
  assessed_on: string;
  claim_id: string | null;
  created_at: Date;
}

export interface ResultView {
  id: string;
  voucherId: string;
  voucherNumber: string | null;
  classId: string | null;
  passed: boolean;
  score: number | null;
  level: number;
  occupationCode: string;
  certificateNumber: string | null;
  certificateType: CertificateType | null;
  assessedOn: string;
  claimId: string | null;
  claimStatus: string | null;
  createdAt: string;
}

const present = (r: ResultRow, extra: { voucherNumber?: string | null; claimStatus?: string | null } = {}): ResultView => ({
  id: r.id,
  voucherId: r.voucher_id,
  voucherNumber: extra.voucherNumber ?? null,
  classId: r.class_id,
  passed: r.passed,
  score: r.score === null ? null : Number(r.score),
  level: r.level,
  occupationCode: r.occupation_code,
  certificateNumber: r.certificate_number,
  certificateType: r.certificate_type,
  assessedOn: r.assessed_on,
  claimId: r.claim_id,
  claimStatus: extra.claimStatus ?? null,
  createdAt: r.created_at.toISOString(),
});

async function requireAssessor(actor: Actor, q: Queryable): Promise<orgs.Org> {
  if (actor.role !== 'assessor' || !actor.orgId) throw new AppError('FORBIDDEN', 'only assessment bodies record results');
  const org = await orgs.requireActiveOrg(q, actor.orgId);
  if (org.kind !== 'assessor') throw new AppError('FORBIDDEN', 'the account’s organisation is not an assessment body');
  return org;
}

// ------------------------------------------------------------------------------ assignments (考评安排)

const notInScope = (field: string): AppError => new AppError('NOT_FOUND', 'voucher not found among the classes assigned to this assessment body', field);

/** The assessment body a class is assigned to now (null when none). */
async function liveAssessorOf(q: Queryable, classId: string): Promise<string | null> {
  const { rows } = await q.query<{ assessor_org_id: string }>(
    'SELECT assessor_org_id FROM assessment_assignments WHERE class_id = $1 AND withdrawn_at IS NULL',
    [classId],
  );
  return rows[0]?.assessor_org_id ?? null;
}

interface AssignmentRow {
  id: string;
  class_id: string;
  assessor_org_id: string;
  district_code: string;
  provider_id: string;
  note: string | null;
  assigned_by: string | null;
  assigned_at: Date;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
}

export interface AssignmentView {
  id: string;
  classId: string;
  className: string | null;
  classState: string | null;
  startDate: string | null;
  endDate: string | null;
  occupationCode: string | null;
  level: number | null;
  districtCode: string;
  providerId: string;
  assessorOrgId: string;
  assessorOrgName: string | null;
  note: string | null;
  assignedBy: string | null;
  assignedAt: string;
  active: boolean;
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

async function presentAssignment(q: Queryable, r: AssignmentRow): Promise<AssignmentView> {
  const cls = await training.getClass(q, r.class_id);
  const org = await orgs.getOrg(q, r.assessor_org_id);
  return {
    id: r.id,
    classId: r.class_id,
    className: cls?.name ?? null,
    classState: cls?.state ?? null,
    startDate: cls?.startDate ?? null,
    endDate: cls?.endDate ?? null,
    occupationCode: cls?.occupationCode ?? null,
    level: cls?.level ?? null,
    districtCode: r.district_code,
    providerId: r.provider_id,
    assessorOrgId: r.assessor_org_id,
    assessorOrgName: org?.name ?? null,
    note: r.note,
    assignedBy: r.assigned_by,
    assignedAt: r.assigned_at.toISOString(),
    active: r.withdrawn_at === null,
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    withdrawReason: r.withdraw_reason,
  };
}

function requireAssigner(actor: Actor): void {
  if (actor.role !== 'city_admin' && actor.role !== 'district_admin') throw new AppError('FORBIDDEN', 'only city and district admins assign assessment bodies');
  if (actor.role === 'district_admin' && !actor.districtCode) throw new AppError('FORBIDDEN', 'this admin account has no district');
}

/**
 * Assigns a class to an assessment body (考评安排): a district admin for the classes of their district
 * (another district's class → 404), a city admin for any. The body must be an active assessment body; a
 * cancelled class takes none; a class has one live assignment (another → DUPLICATE: withdraw it first).
 */
export async function assignClass(actor: Actor, tx: Tx, input: { classId: string; assessorOrgId: string; note?: string | undefined }): Promise<AssignmentView> {
  requireAssigner(actor);
  const cls = isUuid(input.classId) ? await training.getClass(tx, input.classId) : null;
  if (!cls || (actor.role === 'district_admin' && cls.districtCode !== actor.districtCode)) throw notFound('class', 'classId');
  const org = isUuid(input.assessorOrgId) ? await orgs.getOrg(tx, input.assessorOrgId) : null;
  if (!org || org.kind !== 'assessor') throw notFound('assessment body', 'assessorOrgId');
  await orgs.requireActiveOrg(tx, org.id, 'assessorOrgId');
  if (cls.state === 'cancelled') throw new AppError('CONFLICT', 'the class is cancelled: there is nothing to assess', 'classId', { classState: cls.state });
  const note = input.note?.trim() || null;
  const { rows } = await tx.query<AssignmentRow>(
    `INSERT INTO assessment_assignments (class_id, assessor_org_id, district_code, provider_id, note, assigned_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (class_id) WHERE withdrawn_at IS NULL DO NOTHING RETURNING *`,
    [cls.id, org.id, cls.districtCode, cls.providerId, note, actor.accountId],
  );
  const r = rows[0];
  if (!r) {
    const cur = await liveAssessorOf(tx, cls.id);
    throw new AppError('DUPLICATE', 'the class is already assigned to an assessment body; withdraw that assignment first', 'classId', {
      assessorOrgId: cur,
    });
  }
  await audit.record(tx, actor, {
    action: 'assessment.assign',
    entityType: 'assessment_assignment',
    entityId: r.id,
    districtCode: cls.districtCode,
    detail: { classId: cls.id, className: cls.name, assessorOrgId: org.id, assessorOrgName: org.name, ...(note ? { note } : {}) },
  });
  return presentAssignment(tx, r);
}

/** Withdraws a live assignment with a reason (same admins; results already recorded stay). */
export async function withdrawAssignment(actor: Actor, tx: Tx, id: string, input: { reason: string }): Promise<AssignmentView> {
  requireAssigner(actor);
  if (!isUuid(id)) throw notFound('assignment', 'id');
  const { rows } = await tx.query<AssignmentRow>('SELECT * FROM assessment_assignments WHERE id = $1 FOR UPDATE', [id]);
  const cur = rows[0];
  if (!cur || (actor.role === 'district_admin' && cur.district_code !== actor.districtCode)) throw notFound('assignment', 'id');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', 'a reason is required', 'reason');
  if (cur.withdrawn_at) throw new AppError('CONFLICT', 'the assignment is already withdrawn', 'id');
  const u = await tx.query<AssignmentRow>(
    'UPDATE assessment_assignments SET withdrawn_at = now(), withdrawn_by = $2, withdraw_reason = $3 WHERE id = $1 AND withdrawn_at IS NULL RETURNING *',
    [id, actor.accountId, reason],
  );
  await audit.record(tx, actor, {
    action: 'assessment.unassign',
    entityType: 'assessment_assignment',
    entityId: id,
    districtCode: cur.district_code,
    detail: { classId: cur.class_id, assessorOrgId: cur.assessor_org_id, reason },
  });
  return presentAssignment(tx, u.rows[0]!);
}

/**
 * Assignments in the caller's scope: city admins and auditors all, district admins their district, an
 * assessment body its own (the classes it may assess), a provider its classes'.
 */
export async function listAssignments(
  actor: Actor,
  q: Queryable,
  f: { classId?: string | undefined; assessorOrgId?: string | undefined; status: 'active' | 'withdrawn' | 'all'; limit: number; offset: number },
): Promise<{ total: number; items: AssignmentView[] }> {
  const none = '00000000-0000-0000-0000-000000000000';
  let district: string | null = null;
  let org: string | null = f.assessorOrgId ?? null;
  let provider: string | null = null;
  switch (actor.role) {
    case 'city_admin':
    case 'auditor':
      break;
    case 'district_admin':
      district = actor.districtCode ?? '-';
      break;
    case 'assessor':
      if (org && org !== actor.orgId) return { total: 0, items: [] };
      org = actor.orgId ?? none;
      break;
    case 'provider':
      provider = actor.orgId ?? none;
      break;
    default:
      throw new AppError('FORBIDDEN', 'not for this role');
  }
  const w = `WHERE ($1::text IS NULL OR district_code = $1) AND ($2::uuid IS NULL OR assessor_org_id = $2) AND ($3::uuid IS NULL OR provider_id = $3)
      AND ($4::uuid IS NULL OR class_id = $4)
      AND ($5 = 'all' OR ($5 = 'active' AND withdrawn_at IS NULL) OR ($5 = 'withdrawn' AND withdrawn_at IS NOT NULL))`;
  const params = [district, org, provider, f.classId ?? null, f.status];
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM assessment_assignments ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<AssignmentRow>(`SELECT * FROM assessment_assignments ${w} ORDER BY assigned_at DESC, id LIMIT $6 OFFSET $7`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  const items: AssignmentView[] = [];
  for (const r of rows) items.push(await presentAssignment(q, r));
  return { total, items };
}

// ------------------------------------------------------------------------------------------- results

/**
 * Records one result. The voucher's admission names the class, which must be assigned to the caller's
 * assessment body (else 404); the voucher must be in training; a repeat for the same voucher → DUPLICATE.
 * Pass → voucher assessed + claim created (eligibility, amount, auto-approval or review); fail → voucher
 * closed.
 */
export async function recordResult(actor: Actor, tx: Tx, input: ResultInput, now: Date = new Date()): Promise<ResultView> {
  const org = await requireAssessor(actor, tx);
  const issues = resultIssues(input, shanghaiDate(now));
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues[0]!.message, issues[0]!.field, undefined, issues);
  const voucherField = input.voucherId ? 'voucherId' : 'voucherNumber';
  const v = input.voucherId ? await vouchers.getVoucher(tx, input.voucherId) : await vouchers.findVoucherByNumber(tx, input.voucherNumber ?? '');
  // scope: the trainee's class must be assigned to the caller's assessment body; anything else reads as
  // absent (404, the same answer as an unknown voucher: no existence leak)
  const admission = v ? await training.getAdmission(tx, v.id) : null;
  if (!v || !admission || (await liveAssessorOf(tx, admission.classId)) !== org.id) throw notInScope(voucherField);
  const existing = await tx.query<{ id: string }>('SELECT id FROM assessment_results WHERE voucher_id = $1', [v.id]);
  if (existing.rows[0]) throw new AppError('DUPLICATE', 'a result is already recorded for this voucher', 'voucherNumber');
  if (v.status !== 'in_training') throw new AppError('VOUCHER_NOT_USABLE', `the voucher is ${v.status}, not in training`, 'voucherNumber', { state: v.status });
  if (!v.occupationCode) throw new AppError('VOUCHER_NOT_USABLE', 'the voucher names no occupation', 'voucherNumber');
  const cls = await training.getClass(tx, admission.classId);
  if (input.certificateNumber) {
    const dup = await tx.query('SELECT 1 FROM assessment_results WHERE certificate_type = $1 AND certificate_number = $2', [
      input.certificateType,
      input.certificateNumber,
    ]);
    if (dup.rows.length) throw new AppError('DUPLICATE', 'this certificate number is already recorded', 'certificateNumber');
  }
  const { rows } = await tx.query<ResultRow>(
    `INSERT INTO assessment_results (voucher_id, person_id, class_id, assessor_org_id, recorded_by, passed, score, level, occupation_code,
        certificate_number, certificate_type, assessed_on)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING *`,
    [
      v.id,
      v.personId,
      cls?.id ?? null,
      org.id,
      actor.accountId,
      input.passed,
      input.score ?? null,
      input.level,
      cls?.occupationCode ?? v.occupationCode,
      input.passed ? (input.certificateNumber ?? null) : null,
      input.passed ? (input.certificateType ?? null) : null,
      input.assessedOn,
    ],
  );
  let r = rows[0]!;
  await audit.record(tx, actor, {
    action: input.passed ? 'assessment.pass' : 'assessment.fail',
    entityType: 'assessment_result',
    entityId: r.id,
    districtCode: v.districtCode,
    detail: { voucherNumber: v.number, level: input.level, certificateNumber: r.certificate_number, classId: r.class_id },
  });
  let claimStatus: string | null = null;
  if (!input.passed) {
    await vouchers.transitionVoucher(tx, actor, v.id, 'closed', { expectFrom: 'in_training', reason: 'assessment failed' });
  } else {
    await vouchers.transitionVoucher(tx, actor, v.id, 'assessed', { reason: `certificate ${r.certificate_number ?? '-'}` });
    let attendancePct: number | null = null;
    try {
      attendancePct = (await attendance.attendanceOf(tx, { voucherId: v.id })).rate;
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'NOT_FOUND') throw e;
    }
    const claim = await createClaimForPass(
      tx,
      actor,
      {
        voucherId: v.id,
        resultId: r.id,
        passed: true,
        certificateNumber: r.certificate_number,
        level: input.level,
        assessedOn: input.assessedOn,
        providerId: cls?.providerId ?? admission.providerId,
        classId: cls?.id ?? null,
        feeFen: cls?.feeFen ?? null,
        // training refuses an admission after the opening deadline (OPENING_DEADLINE_PASSED), so an open
        // admission is on time by construction (and a result needs one: the class is the assessor's scope)
        admissionOnTime: true,
        trainingStartOn: cls?.startDate ?? null,
        trainingEndOn: cls?.endDate ?? null,
        attendancePct,
      },
      now,
    );
    const u = await tx.query<ResultRow>('UPDATE assessment_results SET claim_id = $2 WHERE id = $1 RETURNING *', [r.id, claim.id]);
    r = u.rows[0]!;
    claimStatus = claim.status;
  }
  return present(r, { voucherNumber: v.number, claimStatus });
}

export interface ImportReport {
  total: number;
  recorded: number;
  passed: number;
  failed: number;
  errors: FieldIssue[];
}

export const IMPORT_MAX_ROWS = 20_000;

/** A sheet of results: every good row is recorded (one transaction each), every bad row reported by row and field. */
export async function importResults(actor: Actor, db: Db, buffer: Buffer, format: SheetFormat): Promise<ImportReport> {
  await requireAssessor(actor, db);
  const sheet = await readSheet(buffer, format, IMPORT_MAX_ROWS);
  const report: ImportReport = { total: sheet.rows.length, recorded: 0, passed: 0, failed: 0, errors: [] };
  for (const row of sheet.rows) {
    const parsed = parseResultRow(sheet.header, row.cells);
    if ('issues' in parsed) {
      for (const i of parsed.issues) report.errors.push({ field: `rows.${row.line}.${i.field}`, code: i.code, message: i.message });
      continue;
    }
    try {
      const r = await db.tx((tx) => recordResult(actor, tx, parsed.input));
      report.recorded++;
      if (r.passed) report.passed++;
      else report.failed++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      report.errors.push({ field: `rows.${row.line}.${e.field ?? 'row'}`, code: e.code, message: e.message });
    }
  }
  await db.tx((tx) =>
    audit.record(tx, actor, {
      action: 'assessment.import',
      entityType: 'assessment_result',
      detail: { total: report.total, recorded: report.recorded, errors: report.errors.length },
    }),
  );
  return report;
}

/** Results recorded by the caller's assessment body; admins and auditors see all (district admins their district's vouchers). */
export async function listResults(
  actor: Actor,
  q: Queryable,
  f: { classId?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; items: ResultView[] }> {
  let org: string | null = null;
  if (actor.role === 'assessor') org = actor.orgId ?? '00000000-0000-0000-0000-000000000000';
  else if (!['city_admin', 'district_admin', 'auditor'].includes(actor.role)) throw new AppError('FORBIDDEN', 'not for this role');
  const district = actor.role === 'district_admin' ? actor.districtCode : null;
  const params = [org, f.classId ?? null];
  let rows: ResultRow[];
  let total: number;
  if (district) {
    // scope by the voucher's district through the vouchers service (a result's voucher is one lookup each)
    const all = (
      await q.query<ResultRow>(
        'SELECT * FROM assessment_results WHERE ($1::uuid IS NULL OR assessor_org_id = $1) AND ($2::uuid IS NULL OR class_id = $2) ORDER BY created_at DESC',
        params,
      )
    ).rows;
    const mine: ResultRow[] = [];
    for (const r of all) if ((await vouchers.getVoucher(q, r.voucher_id))?.districtCode === district) mine.push(r);
    total = mine.length;
    rows = mine.slice(f.offset, f.offset + f.limit);
  } else {
    total = (
      await q.query<{ n: number }>(
        'SELECT count(*) AS n FROM assessment_results WHERE ($1::uuid IS NULL OR assessor_org_id = $1) AND ($2::uuid IS NULL OR class_id = $2)',
        params,
      )
    ).rows[0]!.n;
    rows = (
      await q.query<ResultRow>(
        'SELECT * FROM assessment_results WHERE ($1::uuid IS NULL OR assessor_org_id = $1) AND ($2::uuid IS NULL OR class_id = $2) ORDER BY created_at DESC, id LIMIT $3 OFFSET $4',
        [...params, f.limit, f.offset],
      )
    ).rows;
  }
  const items: ResultView[] = [];
  for (const r of rows) items.push(present(r, { voucherNumber: (await vouchers.getVoucher(q, r.voucher_id))?.number ?? null }));
  return { total, items };
}

export interface CertificateView {
  certificateNumber: string;
  certificateType: CertificateType;
  holderNameMasked: string;
  occupationCode: string;
  level: number;
  assessedOn: string;
}

const certificate = (r: ResultRow, name: string): CertificateView => ({
  certificateNumber: r.certificate_number!,
  certificateType: r.certificate_type!,
  holderNameMasked: maskName(name),
  occupationCode: r.occupation_code,
  level: r.level,
  assessedOn: r.assessed_on,
});

/** The holder's own certificates (worker). */
export async function myCertificates(actor: Actor, q: Queryable): Promise<CertificateView[]> {
  if (actor.role !== 'worker' || !actor.personId) throw new AppError('FORBIDDEN', 'for workers');
  const p = await persons.getPerson(q, actor.personId);
  const { rows } = await q.query<ResultRow>(
    'SELECT * FROM assessment_results WHERE person_id = $1 AND certificate_number IS NOT NULL ORDER BY assessed_on DESC',
    [actor.personId],
  );
  return rows.map((r) => certificate(r, p?.name ?? ''));
}

/** Public check: certificate number + holder's full name must both match; anything else is 404 (no oracle on either). */
export async function lookupCertificate(q: Queryable, input: { certificateNumber: string; name: string }): Promise<CertificateView> {
  const { rows } = await q.query<ResultRow>('SELECT * FROM assessment_results WHERE certificate_number = $1', [input.certificateNumber.trim()]);
  for (const r of rows) {
    const p = await persons.getPerson(q, r.person_id);
    if (p && p.name === input.name.trim()) return certificate(r, p.name);
  }
  throw notFound('certificate', 'certificateNumber');
}

export { CERTIFICATE_TYPES };
