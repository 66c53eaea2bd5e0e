/**
 * Results (考核鉴定): an assessment body's assessor records a result per trainee (voucher) of a class assigned
 * to the body — pass/fail, score, level reached, certificate number and type, date — by API or from a sheet.
 * What follows a result across modules (the voucher's state, the subsidy claim) is flows.ts.
 */
import type { Db, Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { maskName } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import * as messages from '../messages/index.js';
import * as catalog from '../catalog/index.js';
import * as persons from '../persons/index.js';
import type { Actor } from '../identity/index.js';
import { readSheet, type SheetFormat } from '../../lib/sheet.js';
import * as subsidy from '../subsidy/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { liveAssessorOf } from './assignments.js';
import { failRecordedVoucherClosed, passRecordedClaimCreated } from './flows.js';
import { requireAssessor, resultReaderScope } from './policy.js';
import { presentResult, type ResultRow } from './rows.js';
import { parseResultRow, resolveResultLevel, resultIssues, type ResultInput } from './rules.js';
import type { ImportReport, ResultView } from './schemas.js';

/** The pass mark when the programme is unknown (the catalogue's default). */
const DEFAULT_PASS_MARK = 60;

export const IMPORT_MAX_ROWS = 20_000;

type Admission = NonNullable<Awaited<ReturnType<typeof training.getAdmission>>>;
type LevelChange = { classLevel: number; reason: string } | null;

const notInScope = (field: string): AppError => new AppError('NOT_FOUND', 'voucher not found among the classes assigned to this assessment body', field);

/** The candidate's name as a clerk cross-checks it (考生): masked, read through the persons service, as the certificates' holder. */
async function candidateNameMasked(q: Queryable, personId: string): Promise<string | null> {
  const p = await persons.getPerson(q, personId);
  return p ? maskName(p.name) : null;
}

/** The input's problems (the assessment date against today's Shanghai date), the first one as the error. */
function assertValid(input: ResultInput, now: Date): void {
  const issues = resultIssues(input, businessDate(now));
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues[0]!.message, issues[0]!.field, undefined, issues);
}

/**
 * The voucher named, whose admission's class is assigned to the caller's assessment body; anything else reads
 * as absent (404, the same answer as an unknown voucher: no existence leak).
 */
async function voucherInScope(tx: Tx, input: ResultInput, orgId: string): Promise<{ v: vouchers.Voucher; admission: Admission }> {
  const voucherField = input.voucherId ? 'voucherId' : 'voucherNumber';
  const v = input.voucherId ? await vouchers.getVoucher(tx, input.voucherId) : await vouchers.findVoucherByNumber(tx, input.voucherNumber ?? '');
  const admission = v ? await training.getAdmission(tx, v.id) : null;
  if (!v || !admission || (await liveAssessorOf(tx, admission.classId)) !== orgId) throw notInScope(voucherField);
  return { v, admission };
}

/** One result per voucher, of a voucher in training that names its occupation. */
async function assertRecordable(tx: Tx, v: vouchers.Voucher): Promise<void> {
  const existing = await tx.query<{ id: string }>('SELECT id FROM assessment_results WHERE voucher_id = $1', [v.id]);
  if (existing.rows[0]) throw new AppError('DUPLICATE', 'a result is already recorded for this voucher', 'voucherNumber');
  if (v.status !== 'in_training') throw new AppError('VOUCHER_NOT_USABLE', `the voucher is ${v.status}, not in training`, 'voucherNumber', { state: v.status });
  if (!v.occupationCode) throw new AppError('VOUCHER_NOT_USABLE', 'the voucher names no occupation', 'voucherNumber');
}

/** The level: the class's unless the assessor gives another with a reason; no pass below the programme's pass mark. */
async function levelOf(
  tx: Tx,
  input: ResultInput,
  v: vouchers.Voucher,
  cls: training.TrainingClass | null,
): Promise<{ level: number; levelChange: LevelChange }> {
  const programme = v.programmeId ? await catalog.getProgramme(tx, v.programmeId) : null;
  const resolved = resolveResultLevel(input, cls?.level ?? v.level ?? null, programme?.passMarkScore ?? DEFAULT_PASS_MARK);
  if ('issue' in resolved) throw new AppError('VALIDATION_FAILED', resolved.issue.message, resolved.issue.field, undefined, [resolved.issue]);
  return resolved;
}

/** A certificate number is recorded once per certificate type. */
async function assertCertificateFree(tx: Tx, input: ResultInput): Promise<void> {
  if (!input.certificateNumber) return;
  const dup = await tx.query('SELECT 1 FROM assessment_results WHERE certificate_type = $1 AND certificate_number = $2', [
    input.certificateType,
    input.certificateNumber,
  ]);
  if (dup.rows.length) throw new AppError('DUPLICATE', 'this certificate number is already recorded', 'certificateNumber');
}

interface ResultWrite {
  actor: Actor;
  orgId: string;
  v: vouchers.Voucher;
  cls: training.TrainingClass | null;
  input: ResultInput;
  level: number;
  levelChange: LevelChange;
}

/** The result's row (a fail carries no certificate), and its audit entry. */
async function insertResult(tx: Tx, w: ResultWrite): Promise<ResultRow> {
  const { v, cls, input } = w;
  const { rows } = await tx.query<ResultRow>(
    `INSERT INTO assessment_results (voucher_id, person_id, class_id, assessor_org_id, recorded_by, passed, score, level, occupation_code,
        certificate_number, certificate_type, assessed_on, level_change_reason)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING *`,
    [
      v.id,
      v.personId,
      cls?.id ?? null,
      w.orgId,
      w.actor.accountId,
      input.passed,
      input.score ?? null,
      w.level,
      cls?.occupationCode ?? v.occupationCode,
      input.passed ? (input.certificateNumber ?? null) : null,
      input.passed ? (input.certificateType ?? null) : null,
      input.assessedOn,
      w.levelChange?.reason ?? null,
    ],
  );
  const r = rows[0]!;
  // the statistics' facts, in the month of the assessment (its Shanghai date)
  const at = new Date(`${r.assessed_on}T12:00:00+08:00`);
  const fact = (metric: 'assessed' | 'passed' | 'certificates') => ({ metric, voucherId: r.voucher_id, classId: r.class_id, at });
  await analytics.recordVoucherFacts(tx, [fact('assessed'), ...(r.passed ? [fact('passed')] : []), ...(r.certificate_number ? [fact('certificates')] : [])]);
  await audit.record(tx, w.actor, {
    action: input.passed ? 'assessment.pass' : 'assessment.fail',
    entityType: 'assessment_result',
    entityId: r.id,
    districtCode: v.districtCode,
    detail: {
      voucherNumber: v.number,
      level: w.level,
      certificateNumber: r.certificate_number,
      classId: r.class_id,
      ...(w.levelChange ? { classLevel: w.levelChange.classLevel, levelChangeReason: w.levelChange.reason } : {}),
    },
  });
  await messages.notify(tx, {
    event: 'assessment.recorded',
    key: r.id,
    personId: v.personId,
    vars: { className: w.cls?.name ?? '培训班', outcome: r.passed ? '合格' : '不合格' },
    link: `/vouchers/${v.id}`,
  });
  return r;
}

/**
 * Records one result. The voucher's admission names the class, which must be assigned to the caller's
 * assessment body (else 404); the voucher must be in training; a repeat for the same voucher → DUPLICATE.
 * Pass → voucher assessed + claim created (eligibility, amount, auto-approval or review); fail → voucher
 * closed (flows.ts).
 */
export async function recordResult(actor: Actor, tx: Tx, input: ResultInput, now: Date = clockNow()): Promise<ResultView> {
  const org = await requireAssessor(actor, tx);
  assertValid(input, now);
  const { v, admission } = await voucherInScope(tx, input, org.id);
  await assertRecordable(tx, v);
  const cls = await training.getClass(tx, admission.classId);
  const { level, levelChange } = await levelOf(tx, input, v, cls);
  await assertCertificateFree(tx, input);
  const r = await insertResult(tx, { actor, orgId: org.id, v, cls, input, level, levelChange });
  const named = { voucherNumber: v.number, candidateNameMasked: await candidateNameMasked(tx, v.personId) };
  if (!input.passed) {
    await failRecordedVoucherClosed(tx, actor, v.id);
    return presentResult(r, { ...named, claimStatus: null });
  }
  const pass = { result: r, voucherId: v.id, level, levelChange, assessedOn: input.assessedOn, cls, admissionProviderId: admission.providerId };
  const { result, claimStatus, claimNumber } = await passRecordedClaimCreated(tx, actor, pass, now);
  return presentResult(result, { ...named, claimStatus, claimNumber });
}

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

const RESULTS_WHERE = 'WHERE ($1::uuid IS NULL OR assessor_org_id = $1) AND ($2::uuid IS NULL OR class_id = $2)';

/** A district admin's results: scoped by the voucher's district through the vouchers service (one lookup each). */
async function districtResults(q: Queryable, params: unknown[], districtCode: string, f: { limit: number; offset: number }) {
  const all = (await q.query<ResultRow>(`SELECT * FROM assessment_results ${RESULTS_WHERE} ORDER BY created_at DESC`, params)).rows;
  const mine: ResultRow[] = [];
  for (const r of all) if ((await vouchers.getVoucher(q, r.voucher_id))?.districtCode === districtCode) mine.push(r);
  return { total: mine.length, rows: mine.slice(f.offset, f.offset + f.limit) };
}

/** Results recorded by the caller's assessment body; admins and auditors see all (district admins their district's vouchers). */
export async function listResults(
  actor: Actor,
  q: Queryable,
  f: { classId?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; items: ResultView[] }> {
  const scope = resultReaderScope(actor);
  if (scope.kind === 'none') return { total: 0, items: [] };
  const params = [scope.kind === 'org' ? scope.orgId : null, f.classId ?? null];
  let rows: ResultRow[];
  let total: number;
  if (scope.kind === 'district') ({ total, rows } = await districtResults(q, params, scope.districtCode, f));
  else {
    total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM assessment_results ${RESULTS_WHERE}`, params)).rows[0]!.n;
    rows = (
      await q.query<ResultRow>(`SELECT * FROM assessment_results ${RESULTS_WHERE} ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`, [
        ...params,
        f.limit,
        f.offset,
      ])
    ).rows;
  }
  // each pass names its claim: its number and status through the subsidy module's service
  const claims = await subsidy.claimLinks(
    q,
    rows.flatMap((r) => (r.claim_id ? [r.claim_id] : [])),
  );
  // each result names its candidate, masked (the persons service's reads of one page are coalesced into one query)
  const names = await Promise.all(rows.map((r) => candidateNameMasked(q, r.person_id)));
  const items: ResultView[] = [];
  for (const [i, r] of rows.entries()) {
    const c = r.claim_id ? claims.get(r.claim_id) : undefined;
    items.push(
      presentResult(r, {
        voucherNumber: (await vouchers.getVoucher(q, r.voucher_id))?.number ?? null,
        candidateNameMasked: names[i] ?? null,
        claimNumber: c?.number ?? null,
        claimStatus: c?.status ?? null,
      }),
    );
  }
  return { total, items };
}
