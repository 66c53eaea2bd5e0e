/**
 * Applications (申请住院工伤康复): by the worker, or by the employer for its employee (the worker confirms);
 * withdrawable until decided; material resubmitted when the committee asks (the clock restarts). Reads:
 * the case list and one case with its decisions, attachments and timeline, in the caller's scope.
 */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { encrypt } from '../../lib/crypto.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';
import * as audit from '../audit/index.js';
import { scopeSql, type Actor, type Scope } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import { APPLICANTS, assertCaseInScope, CASE_COLUMNS, CASE_READERS, scopeFor } from './policy.js';
import { openCasePersons, recognitionInScope } from './recognitions.js';
import { PENDING_SQL } from './todos.js';
import {
  decisionsOf,
  nameBook,
  toCaseListItem,
  type AttachmentView,
  type CaseListItem,
  type CaseRow,
  type CaseView,
  type RecognitionRow,
  type TimelineEntry,
} from './rows.js';
import { caseEligibility, checkEligibility, WITHDRAWABLE } from './rules.js';
import type { TIMELINE_KINDS } from './schemas.js';

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One step of a case's timeline (written in the step's transaction). */
export async function addEvent(tx: Tx, caseId: string, kind: TimelineKind, by: Actor, note: string | null = null, at: Date = clockNow()): Promise<void> {
  await tx.query('INSERT INTO rehab_events (case_id, kind, note, actor_id, actor_role, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    caseId,
    kind,
    note,
    by.accountId,
    by.role,
    at,
  ]);
}

/** The case row if the actor reaches it (else 404), optionally locked. */
export async function loadCase(q: Queryable, scope: Scope, id: string, lock = false): Promise<CaseRow> {
  if (!isUuid(id)) throw notFound('rehabilitation case', 'id');
  const c = (await q.query<CaseRow>(`SELECT * FROM rehab_cases c WHERE c.id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  if (!c) throw notFound('rehabilitation case', 'id');
  assertCaseInScope(scope, c);
  return c;
}

export interface ApplyInput {
  recognitionId: string;
  conditionCode: string;
  treatmentSummary: string;
  homeAddress: string;
  homeLocation: { lat: number; lng: number };
  preferences: Array<{ hospitalId: string; reason: string }>;
}

/** Up to three distinct designated hospitals, each one that exists. */
async function checkPreferences(q: Queryable, prefs: ApplyInput['preferences']): Promise<void> {
  const seen = new Set<string>();
  for (const [n, p] of prefs.entries()) {
    const h = await orgs.getHospital(q, p.hospitalId);
    if (!h) throw new AppError('VALIDATION_FAILED', 'not a designated rehabilitation hospital', `preferences.${n}.hospitalId`);
    if (seen.has(h.id)) throw new AppError('VALIDATION_FAILED', 'each hospital once', `preferences.${n}.hospitalId`);
    seen.add(h.id);
  }
}

/**
 * Applies: the worker for themself (submitted at once) or the employer for its employee (awaiting the
 * worker's confirmation). Refused with REHAB_NOT_ELIGIBLE and every reason when the rules say no.
 */
export async function apply(actor: Actor, tx: Tx, input: ApplyInput): Promise<CaseView> {
  scopeFor(actor, APPLICANTS, 'the worker or the employer applies');
  const r = await recognitionInScope(actor, tx, input.recognitionId, true);
  const now = clockNow();
  const open = await openCasePersons(tx, [r.person_id]);
  const reasons = checkEligibility({
    recognition: { status: r.status, leaveStart: r.leave_start, leaveEnd: r.leave_end, extensions: r.leave_extensions, conditionCode: r.condition_code },
    conditionCode: input.conditionCode,
    openCase: open.has(r.person_id),
    today: businessDate(now),
  });
  if (reasons.length)
    throw new AppError(
      'REHAB_NOT_ELIGIBLE',
      reasons.map((x) => x.en).join(' '),
      reasons[0]!.code === 'CONDITION_NOT_LISTED' ? 'conditionCode' : 'recognitionId',
      { reasons },
    );
  await checkPreferences(tx, input.preferences);
  const byWorker = actor.role === 'worker';
  const c = await insertCase(tx, r, input, byWorker, now);
  await addEvent(tx, c.id, 'applied', actor, null, now);
  await audit.record(tx, actor, {
    action: 'rehab.apply',
    entityType: 'rehab_case',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { recognition: r.decision_number, condition: c.condition_code, by: c.applied_by, preferences: input.preferences.map((p) => p.hospitalId) },
  });
  return caseView(tx, c);
}

/** The case row; a concurrent application of the same person (the one-open index) is refused as OPEN_CASE_EXISTS. */
async function insertCase(tx: Tx, r: RecognitionRow, input: ApplyInput, byWorker: boolean, now: Date): Promise<CaseRow> {
  try {
    return (
      await tx.query<CaseRow>(
        `INSERT INTO rehab_cases (recognition_id, person_id, employer_org_id, district_code, condition_code, treatment_summary, home_address_enc,
                home_lat, home_lng, preferences, applied_by, status, applied_at, submitted_at, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11,$12,$13,$14,$13,$13) RETURNING *`,
        [
          r.id,
          r.person_id,
          r.employer_org_id,
          r.district_code,
          input.conditionCode,
          input.treatmentSummary.trim(),
          encrypt(input.homeAddress.trim()),
          input.homeLocation.lat,
          input.homeLocation.lng,
          JSON.stringify(input.preferences.map((p) => ({ hospitalId: p.hospitalId.toLowerCase(), reason: p.reason.trim() }))),
          byWorker ? 'worker' : 'employer',
          byWorker ? 'submitted' : 'awaiting_worker',
          now,
          byWorker ? now : null,
        ],
      )
    ).rows[0]!;
  } catch (e) {
    if ((e as { code?: unknown }).code !== '23505') throw e;
    const reasons = checkEligibility({ recognition: null, openCase: true, today: businessDate(now) }).filter((x) => x.code === 'OPEN_CASE_EXISTS');
    throw new AppError('REHAB_NOT_ELIGIBLE', reasons[0]!.en, 'recognitionId', { reasons });
  }
}

/** One conditional status change with its timeline step and audit entry; CONFLICT when the case is not in `from`. */
export async function moveCase(
  actor: Actor,
  tx: Tx,
  c: CaseRow,
  from: readonly CaseRow['status'][],
  step: { to: CaseRow['status']; kind: TimelineKind; note?: string | null; sets?: string; params?: unknown[] },
): Promise<CaseRow> {
  if (!from.includes(c.status)) throw new AppError('CONFLICT', `the case is ${c.status}`, 'status', { status: c.status });
  const now = clockNow();
  const params = [c.id, step.to, now, ...(step.params ?? [])];
  const row = (
    await tx.query<CaseRow>(
      `UPDATE rehab_cases SET status = $2, updated_at = $3${step.sets ? `, ${step.sets}` : ''} WHERE id = $1 AND status = ANY($${params.length + 1}::text[]) RETURNING *`,
      [...params, from],
    )
  ).rows[0];
  if (!row) throw new AppError('CONFLICT', 'the case changed meanwhile; reload it', 'status');
  await addEvent(tx, c.id, step.kind, actor, step.note ?? null, now);
  await audit.record(tx, actor, {
    action: `rehab.${step.kind}`,
    entityType: 'rehab_case',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { from: c.status, to: step.to, ...(step.note ? { note: step.note } : {}) },
  });
  return row;
}

/** The worker confirms the application their employer made for them. */
export async function confirm(actor: Actor, tx: Tx, id: string): Promise<CaseView> {
  const scope = scopeFor(actor, ['worker'], 'the worker confirms');
  const c = await loadCase(tx, scope, id, true);
  if (c.status === 'awaiting_worker') {
    // the worker's confirmation is the application's submission: judged on its day (rules.ts caseEligibility)
    const r = (await tx.query<RecognitionRow>('SELECT * FROM rehab_recognitions WHERE id = $1', [c.recognition_id])).rows[0]!;
    const reasons = caseEligibility(
      { status: r.status, leaveStart: r.leave_start, leaveEnd: r.leave_end, extensions: r.leave_extensions, conditionCode: r.condition_code },
      c.condition_code,
      businessDate(clockNow()),
    );
    if (reasons.length) throw new AppError('REHAB_NOT_ELIGIBLE', reasons.map((x) => x.en).join(' '), 'recognitionId', { reasons });
  }
  return caseView(tx, await moveCase(actor, tx, c, ['awaiting_worker'], { to: 'submitted', kind: 'confirmed', sets: 'submitted_at = $3' }));
}

/** Withdrawn by the worker or the employer until the committee has decided. */
export async function withdraw(actor: Actor, tx: Tx, id: string, reason: string): Promise<CaseView> {
  const scope = scopeFor(actor, APPLICANTS, 'the worker or the employer withdraws');
  const c = await loadCase(tx, scope, id, true);
  return caseView(tx, await moveCase(actor, tx, c, WITHDRAWABLE, { to: 'withdrawn', kind: 'withdrawn', note: reason.trim() }));
}

/** After the committee asked for material: resubmitted; the paused time is added to the case's pause. */
export async function resubmit(actor: Actor, tx: Tx, id: string, note: string): Promise<CaseView> {
  const scope = scopeFor(actor, APPLICANTS, 'the worker or the employer resubmits');
  const c = await loadCase(tx, scope, id, true);
  return caseView(
    tx,
    await moveCase(actor, tx, c, ['material_requested'], {
      to: 'submitted',
      kind: 'resubmitted',
      note: note.trim(),
      sets: `paused_ms = paused_ms + GREATEST(0, floor(extract(epoch FROM ($3::timestamptz - coalesce(paused_at, $3::timestamptz))) * 1000))::bigint, paused_at = NULL`,
    }),
  );
}

async function timelineOf(q: Queryable, caseId: string): Promise<TimelineEntry[]> {
  const { rows } = await q.query<{ at: Date; kind: TimelineKind; note: string | null; actor_role: string }>(
    'SELECT at, kind, note, actor_role FROM rehab_events WHERE case_id = $1 ORDER BY at, id',
    [caseId],
  );
  return rows.map((r) => ({ at: r.at.toISOString(), kind: r.kind, note: r.note, byRole: r.actor_role }));
}

export async function attachmentsOf(q: Queryable, caseId: string): Promise<AttachmentView[]> {
  const { rows } = await q.query<{ id: string; file_name: string; media_type: string; size_bytes: number; sha256: string; uploaded_at: Date }>(
    'SELECT id, file_name, media_type, size_bytes, sha256, uploaded_at FROM rehab_attachments WHERE case_id = $1 ORDER BY uploaded_at, id',
    [caseId],
  );
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
  }));
}

async function listItems(q: Queryable, rows: CaseRow[]): Promise<CaseListItem[]> {
  const book = await nameBook(
    q,
    rows.map((c) => c.person_id),
    rows.flatMap((c) => [c.employer_org_id, c.hospital_id, ...c.preferences.map((p) => p.hospitalId)]),
  );
  const ids = [...new Set(rows.map((c) => c.recognition_id))];
  const numbers = new Map(
    ids.length
      ? (
          await q.query<{ id: string; decision_number: string }>('SELECT id, decision_number FROM rehab_recognitions WHERE id = ANY($1::uuid[])', [ids])
        ).rows.map((r) => [r.id, r.decision_number])
      : [],
  );
  const today = businessDate(clockNow());
  return rows.map((c) => toCaseListItem(c, book, numbers.get(c.recognition_id) ?? '', today));
}

/** The whole case: list item + decisions, attachments and timeline. */
export async function caseView(q: Queryable, c: CaseRow): Promise<CaseView> {
  const [item] = await listItems(q, [c]);
  return { ...item!, decisions: await decisionsOf(q, c.id), attachments: await attachmentsOf(q, c.id), timeline: await timelineOf(q, c.id) };
}

export async function getCase(actor: Actor, q: Queryable, id: string): Promise<CaseView> {
  return caseView(q, await loadCase(q, scopeFor(actor, CASE_READERS), id));
}

export async function listCases(
  actor: Actor,
  q: Queryable,
  f: {
    status?: CaseRow['status'] | undefined;
    districtCode?: string | undefined;
    hospitalId?: string | undefined;
    pending?: 'extension' | 'voucher' | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: CaseListItem[] }> {
  const scope = scopeFor(actor, CASE_READERS);
  const params: unknown[] = [];
  const where = [scopeSql(scope, CASE_COLUMNS, params)];
  const add = (col: string, v: unknown) => {
    params.push(v);
    where.push(`${col} = $${params.length}`);
  };
  if (f.status) add('c.status', f.status);
  if (f.districtCode) add('c.district_code', f.districtCode);
  if (f.hospitalId) add('c.hospital_id', f.hospitalId);
  // the workbench's to-dos (todos.ts) as filters: the same conditions
  if (f.pending) where.push(PENDING_SQL[f.pending]);
  const w = where.join(' AND ');
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM rehab_cases c WHERE ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<CaseRow>(
    `SELECT c.* FROM rehab_cases c WHERE ${w} ORDER BY c.applied_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: await listItems(q, rows) };
}
