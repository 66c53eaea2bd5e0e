/**
 * Injury recognitions (工伤认定): entered by a district officer, imported from a sheet, or synced from the
 * district recognition system (district-system.ts). Each is validated once (`checkRecognition`), then written
 * with its audit entry; reads are scoped (recognition: its district, its employer, its person).
 */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound, type FieldIssue } from '../../lib/errors.js';
import { checkIdNumber, checkUscc, isUuid, maskId, normaliseIdNumber } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import { districtScope, scopeSql, type Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as persons from '../persons/index.js';
import { OFFICERS, RECOGNITION_COLUMNS, RECOGNITION_READERS, scopeFor } from './policy.js';
import { nameBook, toRecognitionView, type RecognitionRow, type RecognitionView } from './rows.js';
import { conditionForIcd10, isCondition, type LeaveExtension, type RecognitionKind, type RecognitionStatus } from './rules.js';

export interface RecognitionInput {
  decisionNumber: string;
  idNumber: string;
  name: string;
  employerUscc?: string | null | undefined;
  employerName: string;
  districtCode: string;
  injuryDate: string;
  decisionDate: string;
  kind: RecognitionKind;
  status?: RecognitionStatus | undefined;
  diagnosis: string;
  icd10?: string | null | undefined;
  conditionCode?: string | null | undefined;
  leaveStart: string;
  leaveEnd: string;
  leaveExtensions?: LeaveExtension[] | undefined;
}
export type RecognitionSource = RecognitionRow['source'];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string): boolean =>
  DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

type Add = (field: string, message: string, code?: string) => void;

/** Every problem of one recognition, by field (pure apart from the clock's "today" for the ID check). */
export function recognitionIssues(i: RecognitionInput): FieldIssue[] {
  const out: FieldIssue[] = [];
  const add: Add = (field, message, code = 'VALIDATION_FAILED') => out.push({ field, code, message });
  partyIssues(i, add);
  dateIssues(i, add);
  if (!['recognised', 'deemed'].includes(i.kind)) add('kind', 'recognised (认定工伤) or deemed (视同工伤)');
  if (!i.diagnosis?.trim()) add('diagnosis', 'the diagnosis is required');
  if (i.conditionCode && !isCondition(i.conditionCode)) add('conditionCode', 'one of the nine conditions of the rehabilitation norm, or empty');
  return out;
}

/** The decision number, the person and the employer. */
function partyIssues(i: RecognitionInput, add: Add): void {
  if (!i.decisionNumber?.trim()) add('decisionNumber', 'the decision number is required');
  const idProblem = checkIdNumber(i.idNumber ?? '');
  if (idProblem) add('idNumber', `the ID number ${idProblem}`, 'INVALID_ID_NUMBER');
  if (!i.name?.trim()) add('name', 'the name is required');
  const u = i.employerUscc ? checkUscc(i.employerUscc) : null;
  if (u) add('employerUscc', `the unified social credit code ${u}`, 'INVALID_USCC');
  if (!i.employerName?.trim()) add('employerName', 'the employer’s name is required');
}

/** The dates: real, the decision after the injury, the leave period in order, extensions after it. */
function dateIssues(i: RecognitionInput, add: Add): void {
  for (const f of ['injuryDate', 'decisionDate', 'leaveStart', 'leaveEnd'] as const) if (!validDate(i[f] ?? '')) add(f, 'a date YYYY-MM-DD');
  if (validDate(i.injuryDate) && validDate(i.decisionDate) && i.decisionDate < i.injuryDate) add('decisionDate', 'the decision cannot precede the injury');
  if (validDate(i.leaveStart) && validDate(i.leaveEnd) && i.leaveEnd < i.leaveStart) add('leaveEnd', 'the leave period ends before it starts');
  for (const [n, x] of (i.leaveExtensions ?? []).entries()) {
    if (!validDate(x.until) || x.until <= i.leaveEnd) add(`leaveExtensions.${n}.until`, 'an extension ends after the leave period');
  }
}

/** Validates, resolves the person (created in the registry if new) and the employer; the row's values. */
async function prepare(tx: Tx, by: AuditActor, i: RecognitionInput) {
  const issues = recognitionIssues(i);
  if (issues.length) throw new AppError(issues[0]!.code as 'VALIDATION_FAILED', issues[0]!.message, issues[0]!.field, undefined, issues);
  if (!(await catalog.getDistrict(tx, i.districtCode))) throw new AppError('DISTRICT_UNKNOWN', `district ${i.districtCode} is not known`, 'districtCode');
  const employer = i.employerUscc ? await orgs.findOrgByUscc(tx, i.employerUscc) : null;
  const { person } = await persons.ensurePerson(tx, by, {
    idNumber: normaliseIdNumber(i.idNumber),
    name: i.name.trim(),
    districtCode: i.districtCode,
    employerUscc: i.employerUscc ?? null,
    employerName: i.employerName.trim(),
  });
  const condition = i.conditionCode || conditionForIcd10(i.icd10) || null;
  return { person, employerOrgId: employer && employer.kind === 'enterprise' ? employer.id : null, condition };
}

/**
 * Writes one recognition (inserted, or — `upsert` — updated when its decision number is known). Returns the
 * row and whether it was created. The caller has checked the actor's right to the district.
 */
export async function writeRecognition(tx: Tx, by: AuditActor, i: RecognitionInput, source: RecognitionSource, upsert: boolean, at: Date = clockNow()) {
  const { person, employerOrgId, condition } = await prepare(tx, by, i);
  const existing = (await tx.query<RecognitionRow>('SELECT * FROM rehab_recognitions WHERE decision_number = $1 FOR UPDATE', [i.decisionNumber.trim()]))
    .rows[0];
  if (existing && !upsert) throw new AppError('DUPLICATE', `recognition ${i.decisionNumber} is already on file`, 'decisionNumber');
  if (existing && existing.person_id !== person.id)
    throw new AppError('CONFLICT', `recognition ${i.decisionNumber} is on file for another person`, 'decisionNumber');
  const values = [
    i.decisionNumber.trim(),
    person.id,
    employerOrgId,
    i.employerName.trim(),
    i.districtCode,
    i.injuryDate,
    i.decisionDate,
    i.kind,
    i.status ?? 'final',
    i.diagnosis.trim(),
    i.icd10 ?? null,
    condition,
    i.leaveStart,
    i.leaveEnd,
    JSON.stringify(i.leaveExtensions ?? []),
    source,
    at,
  ];
  const row = existing
    ? (
        await tx.query<RecognitionRow>(
          `UPDATE rehab_recognitions SET employer_org_id = $3, employer_name = $4, district_code = $5, injury_date = $6, decision_date = $7,
                  kind = $8, status = $9, diagnosis = $10, icd10 = $11, condition_code = $12, leave_start = $13, leave_end = $14,
                  leave_extensions = $15::jsonb, source = $16, updated_at = $17
            WHERE decision_number = $1 AND person_id = $2 RETURNING *`,
          values,
        )
      ).rows[0]!
    : (
        await tx.query<RecognitionRow>(
          `INSERT INTO rehab_recognitions (decision_number, person_id, employer_org_id, employer_name, district_code, injury_date, decision_date,
                  kind, status, diagnosis, icd10, condition_code, leave_start, leave_end, leave_extensions, source, created_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15::jsonb,$16,$17,$17) RETURNING *`,
          values,
        )
      ).rows[0]!;
  await audit.record(tx, by, {
    action: existing ? 'rehab.recognition.update' : 'rehab.recognition.create',
    entityType: 'rehab_recognition',
    entityId: row.id,
    districtCode: row.district_code,
    detail: { decisionNumber: row.decision_number, idNumber: maskId(person.idNumber), source, status: row.status, conditionCode: condition },
  });
  return { row, created: !existing };
}

/** A district officer enters a recognition (own district only; another district reads as absent). */
export async function createRecognition(actor: Actor, tx: Tx, input: RecognitionInput): Promise<RecognitionView> {
  scopeFor(actor, OFFICERS, 'district officers enter recognitions');
  districtScope(actor, input.districtCode);
  const { row } = await writeRecognition(tx, actor, input, 'entered', false);
  return presentOne(tx, row);
}

/** Extends the paid injury-leave period (停工留薪期延长), with a reason. */
export async function extendLeave(actor: Actor, tx: Tx, id: string, x: LeaveExtension): Promise<RecognitionView> {
  const scope = scopeFor(actor, OFFICERS, 'district officers extend the leave period');
  const r = await loadScoped(tx, scope, id, true);
  const current = r.leave_extensions.reduce((end, e) => (e.until > end ? e.until : end), r.leave_end);
  if (!validDate(x.until) || x.until <= current) throw new AppError('VALIDATION_FAILED', `an extension ends after the current end (${current})`, 'until');
  const extensions = [...r.leave_extensions, { until: x.until, reason: x.reason.trim() }];
  const row = (
    await tx.query<RecognitionRow>('UPDATE rehab_recognitions SET leave_extensions = $2::jsonb, updated_at = $3 WHERE id = $1 RETURNING *', [
      id,
      JSON.stringify(extensions),
      clockNow(),
    ])
  ).rows[0]!;
  await audit.record(tx, actor, {
    action: 'rehab.recognition.extend_leave',
    entityType: 'rehab_recognition',
    entityId: id,
    districtCode: row.district_code,
    detail: { from: current, until: x.until, reason: x.reason },
  });
  return presentOne(tx, row);
}

async function loadScoped(q: Queryable, scope: ReturnType<typeof scopeFor>, id: string, lock = false): Promise<RecognitionRow> {
  if (!isUuid(id)) throw notFound('recognition', 'id');
  const params: unknown[] = [id];
  const where = scopeSql(scope, RECOGNITION_COLUMNS, params);
  const r = (await q.query<RecognitionRow>(`SELECT r.* FROM rehab_recognitions r WHERE r.id = $1 AND ${where}${lock ? ' FOR UPDATE' : ''}`, params)).rows[0];
  if (!r) throw notFound('recognition', 'id');
  return r;
}

/** The recognition rows as views, with each person's eligibility as of today (Shanghai). */
export async function presentRecognitions(q: Queryable, rows: RecognitionRow[]): Promise<RecognitionView[]> {
  const book = await nameBook(
    q,
    rows.map((r) => r.person_id),
    [],
  );
  const open = await openCasePersons(
    q,
    rows.map((r) => r.person_id),
  );
  const today = businessDate(clockNow());
  return rows.map((r) => toRecognitionView(r, book, open.has(r.person_id), today));
}
const presentOne = async (q: Queryable, r: RecognitionRow): Promise<RecognitionView> => (await presentRecognitions(q, [r]))[0]!;

/** Which of these persons have an open case (application or stay). */
export async function openCasePersons(q: Queryable, personIds: string[]): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const { rows } = await q.query<{ person_id: string }>(
    `SELECT DISTINCT person_id FROM rehab_cases WHERE person_id = ANY($1::uuid[]) AND status IN ('awaiting_worker','submitted','material_requested','placed','admitted')`,
    [[...new Set(personIds)]],
  );
  return new Set(rows.map((r) => r.person_id));
}

export async function getRecognition(actor: Actor, q: Queryable, id: string): Promise<RecognitionView> {
  return presentOne(q, await loadScoped(q, scopeFor(actor, RECOGNITION_READERS), id));
}

/** The recognition row in the actor's scope (for the application). */
export const recognitionInScope = (actor: Actor, q: Queryable, id: string, lock = false): Promise<RecognitionRow> =>
  loadScoped(q, scopeFor(actor, RECOGNITION_READERS), id, lock);

export async function listRecognitions(
  actor: Actor,
  q: Queryable,
  f: { districtCode?: string | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; items: RecognitionView[] }> {
  const scope = scopeFor(actor, RECOGNITION_READERS);
  const params: unknown[] = [];
  const where = [scopeSql(scope, RECOGNITION_COLUMNS, params)];
  if (f.districtCode) {
    params.push(f.districtCode);
    where.push(`r.district_code = $${params.length}`);
  }
  if (f.q) {
    params.push(f.q);
    where.push(`r.decision_number ILIKE '%' || $${params.length} || '%'`);
  }
  const w = where.join(' AND ');
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM rehab_recognitions r WHERE ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<RecognitionRow>(
    `SELECT r.* FROM rehab_recognitions r WHERE ${w} ORDER BY r.decision_date DESC, r.decision_number LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: await presentRecognitions(q, rows) };
}
