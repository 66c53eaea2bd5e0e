/**
 * 线上培训: the provider imports the online platform's attendance records of one of its online classes
 * (programme setting `onlineAttendance`): the class → the sheet's columns → each row checked → the good rows
 * written together → one audit entry.
 */
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import { checkIdNumber, normaliseIdNumber } from '../../lib/identifiers.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import * as persons from '../persons/index.js';
import { readSheet, type SheetFormat } from '../../lib/sheet.js';
import * as training from '../training/index.js';
import { requireImporter } from './policy.js';
import type { OnlineImportReport } from './schemas.js';

/** Import columns (header row required; English or Chinese labels). */
export const ONLINE_COLUMNS = [
  { key: 'idNumber', labels: ['idnumber', '身份证号', '身份证号码'] },
  { key: 'sessionSeq', labels: ['sessionseq', '课次', '课次序号'] },
  { key: 'at', labels: ['at', 'joinedat', '签到时间', '进入时间'] },
] as const;

export const ONLINE_IMPORT_MAX_ROWS = 50_000;

type ColumnKey = (typeof ONLINE_COLUMNS)[number]['key'];
interface GoodRow {
  sessionId: string;
  personId: string;
  voucherId: string;
  at: Date;
}
/** What a row is checked against: the class's sessions by number and its admitted trainees by person. */
interface ClassRoll {
  sessions: training.ClassSession[];
  bySeq: Map<number, training.ClassSession>;
  admitted: Map<string, { voucherId: string }>;
}

/** The provider's own online class whose programme takes online records. */
async function importableClass(actor: Actor, tx: Tx, classId: string): Promise<training.TrainingClass> {
  requireImporter(actor);
  const cls = await training.readClass(actor, tx, classId);
  if (!cls.online) throw new AppError('CONFLICT', 'this class is held on site: attendance comes from geofenced check-ins', 'id');
  const programme = await catalog.getProgramme(tx, cls.programmeId);
  if (!programme?.onlineAttendance) throw new AppError('CONFLICT', `programme ${programme?.code ?? ''} does not take online attendance records`, 'id');
  return cls;
}

const normHeader = (h: string): string =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** Where each column is in the header (IMPORT_FILE_INVALID when one is missing). */
function columnsOf(header: readonly string[]): Record<ColumnKey, number> {
  const col: Partial<Record<ColumnKey, number>> = {};
  for (const c of ONLINE_COLUMNS) {
    const i = header.findIndex((h) => (c.labels as readonly string[]).includes(normHeader(h)));
    if (i < 0) throw new AppError('IMPORT_FILE_INVALID', `the header lacks the column ${c.key} (${c.labels.join(' / ')})`, 'header');
    col[c.key] = i;
  }
  return col as Record<ColumnKey, number>;
}

type RowVerdict = GoodRow | { field: string; code: string; message: string };

/** The session and instant a row names (pure), or its problem. */
function sessionAndInstant(cell: (k: ColumnKey) => string, roll: ClassRoll): { session: training.ClassSession; at: Date } | Exclude<RowVerdict, GoodRow> {
  const seq = Number(cell('sessionSeq'));
  const session = Number.isInteger(seq) ? roll.bySeq.get(seq) : undefined;
  if (!session)
    return {
      field: 'sessionSeq',
      code: 'VALIDATION_FAILED',
      message: `no session ${cell('sessionSeq') || '(empty)'} in this class (1..${roll.sessions.length})`,
    };
  const at = new Date(cell('at'));
  if (!cell('at') || Number.isNaN(at.getTime()))
    return { field: 'at', code: 'VALIDATION_FAILED', message: 'not a date-time (ISO 8601 with offset, e.g. 2026-12-01T09:02:00+08:00)' };
  if (at.getTime() < session.startsAt.getTime() - 24 * 3_600_000 || at.getTime() > session.endsAt.getTime() + 24 * 3_600_000)
    return {
      field: 'at',
      code: 'CHECKIN_OUTSIDE_WINDOW',
      message: `not within a day of session ${seq} (${session.startsAt.toISOString()}..${session.endsAt.toISOString()})`,
    };
  return { session, at };
}

/** One row: the ID number, the session, the instant, then the admitted trainee it names. */
async function checkRow(tx: Queryable, cells: readonly string[], col: Record<ColumnKey, number>, roll: ClassRoll): Promise<RowVerdict> {
  const cell = (k: ColumnKey): string => (cells[col[k]] ?? '').trim();
  const idRaw = cell('idNumber');
  const idProblem = checkIdNumber(idRaw);
  if (idProblem) return { field: 'idNumber', code: 'INVALID_ID_NUMBER', message: idProblem };
  const sa = sessionAndInstant(cell, roll);
  if ('field' in sa) return sa;
  const person = await persons.findPersonByIdNumber(tx, normaliseIdNumber(idRaw));
  const adm = person ? roll.admitted.get(person.id) : undefined;
  if (!person || !adm) return { field: 'idNumber', code: 'NOT_ENROLLED', message: 'this person is not admitted to the class' };
  return { sessionId: sa.session.id, personId: person.id, voucherId: adm.voucherId, at: sa.at };
}

/** The good rows as accepted check-ins (source online_import), once per trainee per session: returns how many were new. */
async function insertImported(tx: Tx, cls: training.TrainingClass, good: readonly GoodRow[]): Promise<number> {
  if (!good.length) return 0;
  const r = await tx.query(
    `INSERT INTO check_ins (session_id, class_id, person_id, voucher_id, provider_id, district_code, source, at, status)
       SELECT s, $1, p, v, $2, $3, 'online_import', a, 'accepted'
         FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[]) AS u(s, p, v, a)
       ON CONFLICT (session_id, person_id) DO NOTHING RETURNING voucher_id, person_id, at`,
    [cls.id, cls.providerId, cls.districtCode, good.map((g) => g.sessionId), good.map((g) => g.personId), good.map((g) => g.voucherId), good.map((g) => g.at)],
  );
  const rows = r.rows as Array<{ voucher_id: string | null; person_id: string; at: Date }>;
  await analytics.recordVoucherFacts(
    tx,
    rows.map((k) => ({ metric: 'checkInsCounted' as const, voucherId: k.voucher_id, personId: k.person_id, classId: cls.id, at: k.at })),
  );
  return r.rowCount;
}

/**
 * Each good row becomes an accepted check-in (source online_import), once per trainee per session (re-imports
 * count as duplicates); bad rows are reported by row and field, never half-written. One audit entry per import.
 */
export async function importOnlineAttendance(actor: Actor, tx: Tx, classId: string, buffer: Buffer, format: SheetFormat): Promise<OnlineImportReport> {
  const cls = await importableClass(actor, tx, classId);
  const sheet = await readSheet(buffer, format, ONLINE_IMPORT_MAX_ROWS);
  const col = columnsOf(sheet.header);
  const sessions = await training.listSessions(tx, cls.id);
  const roll: ClassRoll = {
    sessions,
    bySeq: new Map(sessions.map((s) => [s.seq, s])),
    admitted: new Map((await training.listAdmittedVouchers(tx, cls.id)).map((a) => [a.personId, a])),
  };
  const errors: FieldIssue[] = [];
  const good: GoodRow[] = [];
  for (const { line, cells } of sheet.rows) {
    const v = await checkRow(tx, cells, col, roll);
    if ('field' in v) errors.push({ field: `rows.${line}.${v.field}`, code: v.code, message: v.message });
    else good.push(v);
  }
  const imported = await insertImported(tx, cls, good);
  const report = { rows: sheet.rows.length, imported, duplicates: good.length - imported, errors };
  await audit.record(tx, actor, {
    action: 'attendance.import_online',
    entityType: 'class',
    entityId: cls.id,
    districtCode: cls.districtCode,
    detail: { rows: report.rows, imported, duplicates: report.duplicates, errors: errors.length },
  });
  return report;
}
