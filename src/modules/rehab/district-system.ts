/**
 * The district recognition system (区工伤认定系统) behind an adapter. Built in: the SIMULATOR
 * (区工伤认定系统模拟器) — records handed to it by the demo world or a test, never anyone's real recognition. A
 * sync pulls a district's records and writes them (new decision numbers inserted, known ones updated), each
 * record in its own savepoint-free transaction so one bad record is reported, not fatal. Spreadsheet imports
 * (CSV / .xlsx through src/lib/sheet.ts) go through the same writer with per-row errors.
 */
import type { Db } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { readSheet, xlsxTemplate, type SheetFormat } from '../../lib/sheet.js';
import { districtScope, type Actor } from '../identity/index.js';
import { OFFICERS, scopeFor } from './policy.js';
import { CONDITIONS } from './rules.js';
import { writeRecognition, type RecognitionInput, type RecognitionSource } from './recognitions.js';
import type { z } from 'zod';
import type { ImportReportSchema } from './schemas.js';

export type ImportReport = z.infer<typeof ImportReportSchema>;

/** What any district recognition system answers. */
export interface RecognitionSystem {
  /** Shown to officers: says plainly when it is the simulator. */
  readonly name: string;
  recognitionsOf(districtCode: string | null): Promise<RecognitionInput[]>;
}

/** The built-in simulator: an in-process list of records. */
export class RecognitionSimulator implements RecognitionSystem {
  readonly name = '区工伤认定系统模拟器 (district recognition system simulator)';
  private records: RecognitionInput[] = [];
  /** Replaces (by decision number) or adds records. */
  put(records: RecognitionInput[]): void {
    const by = new Map(this.records.map((r) => [r.decisionNumber, r]));
    for (const r of records) by.set(r.decisionNumber, r);
    this.records = [...by.values()];
  }
  clear(): void {
    this.records = [];
  }
  async recognitionsOf(districtCode: string | null): Promise<RecognitionInput[]> {
    return this.records.filter((r) => districtCode === null || r.districtCode === districtCode);
  }
}

export const simulator = new RecognitionSimulator();
let system: RecognitionSystem = simulator;
/** Another adapter (a real district system) replaces the simulator. */
export const configureRecognitionSystem = (s: RecognitionSystem): void => {
  system = s;
};

/** Writes each record in its own transaction; bad ones reported by line (1-based record number) and field. */
async function writeAll(
  actor: Actor,
  db: Db,
  items: Array<{ line: number; input: RecognitionInput | null; error?: { field: string; message: string } }>,
  source: RecognitionSource,
) {
  const report: ImportReport = { total: items.length, created: 0, updated: 0, failed: 0, errors: [] };
  for (const it of items) {
    if (!it.input) {
      report.failed++;
      report.errors.push({ line: it.line, field: it.error?.field ?? 'row', code: 'VALIDATION_FAILED', message: it.error?.message ?? 'unreadable row' });
      continue;
    }
    const input = it.input;
    try {
      districtScope(actor, input.districtCode);
      const { created } = await db.tx((tx) => writeRecognition(tx, actor, input, source, true));
      if (created) report.created++;
      else report.updated++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      report.failed++;
      for (const issue of e.issues?.length ? e.issues : [{ field: e.field ?? 'row', code: e.code, message: e.message }])
        report.errors.push({ line: it.line, field: issue.field, code: issue.code, message: issue.message });
    }
  }
  return report;
}

/** Pulls the district's recognitions from the district system (a district officer: their own district). */
export async function syncRecognitions(actor: Actor, db: Db, districtCode?: string): Promise<ImportReport> {
  scopeFor(actor, OFFICERS, 'district officers sync recognitions');
  const district = districtScope(actor, districtCode);
  const records = await system.recognitionsOf(district);
  return writeAll(
    actor,
    db,
    records.map((input, i) => ({ line: i + 1, input })),
    'district_system',
  );
}

/** The sheet's columns: Chinese heading, English key. */
export const IMPORT_COLUMNS: ReadonlyArray<[string, keyof RecognitionInput]> = [
  ['认定书编号', 'decisionNumber'],
  ['身份证号', 'idNumber'],
  ['姓名', 'name'],
  ['单位统一社会信用代码', 'employerUscc'],
  ['单位名称', 'employerName'],
  ['区代码', 'districtCode'],
  ['受伤日期', 'injuryDate'],
  ['认定日期', 'decisionDate'],
  ['认定类型', 'kind'],
  ['诊断', 'diagnosis'],
  ['ICD-10', 'icd10'],
  ['病种', 'conditionCode'],
  ['停工留薪期起', 'leaveStart'],
  ['停工留薪期止', 'leaveEnd'],
];
const KIND_WORDS: Record<string, RecognitionInput['kind']> = { 认定工伤: 'recognised', 视同工伤: 'deemed', recognised: 'recognised', deemed: 'deemed' };
const conditionOf = (v: string): string => CONDITIONS.find((c) => c.zh === v || c.code === v)?.code ?? v;

/** One sheet row as a recognition input (text cells; kind and condition accepted in Chinese). */
function rowInput(header: string[], cells: string[]): RecognitionInput | { field: string; message: string } {
  const col = new Map<string, number>();
  header.forEach((h, i) => {
    const t = h.trim();
    const hit = IMPORT_COLUMNS.find(([zh, en]) => zh === t || en === t);
    if (hit) col.set(hit[1], i);
  });
  const missing = IMPORT_COLUMNS.filter(([, k]) => !['employerUscc', 'icd10', 'conditionCode'].includes(k) && !col.has(k));
  if (missing.length) return { field: 'header', message: `missing columns: ${missing.map(([zh]) => zh).join(', ')}` };
  const v = (k: keyof RecognitionInput): string => (col.has(k) ? (cells[col.get(k)!] ?? '').trim() : '');
  const kind = KIND_WORDS[v('kind')];
  if (!kind) return { field: 'kind', message: '认定工伤 or 视同工伤' };
  return {
    decisionNumber: v('decisionNumber'),
    idNumber: v('idNumber'),
    name: v('name'),
    employerUscc: v('employerUscc') || null,
    employerName: v('employerName'),
    districtCode: v('districtCode'),
    injuryDate: v('injuryDate'),
    decisionDate: v('decisionDate'),
    kind,
    diagnosis: v('diagnosis'),
    icd10: v('icd10') || null,
    conditionCode: v('conditionCode') ? conditionOf(v('conditionCode')) : null,
    leaveStart: v('leaveStart'),
    leaveEnd: v('leaveEnd'),
  };
}

export const IMPORT_MAX_ROWS = 5_000;

/** Imports a sheet of recognitions: good rows saved, bad rows listed with line and field. */
export async function importRecognitions(actor: Actor, db: Db, buffer: Buffer, format: SheetFormat): Promise<ImportReport> {
  scopeFor(actor, OFFICERS, 'district officers import recognitions');
  const sheet = await readSheet(buffer, format, IMPORT_MAX_ROWS, { minColumns: IMPORT_COLUMNS.length });
  const items = sheet.rows.map((r) => {
    const x = rowInput(sheet.header, r.cells);
    return 'field' in x && !('decisionNumber' in x) ? { line: r.line, input: null, error: x } : { line: r.line, input: x as RecognitionInput };
  });
  return writeAll(actor, db, items, 'imported');
}

const EXAMPLE: Record<string, string> = {
  decisionNumber: '浦人社认〔2026〕第0001号',
  idNumber: '310115199003071215',
  name: '张三',
  employerUscc: '',
  employerName: '某某制造有限公司',
  districtCode: '310115',
  injuryDate: '2026-10-08',
  decisionDate: '2026-11-02',
  kind: '认定工伤',
  diagnosis: '右胫骨骨折',
  icd10: 'S82.2',
  conditionCode: '骨折',
  leaveStart: '2026-10-08',
  leaveEnd: '2027-01-07',
};

/** The import template (.xlsx, text columns, an example row and notes). */
export const recognitionTemplate = (): Promise<Buffer> =>
  xlsxTemplate({
    sheet: '工伤认定',
    columns: IMPORT_COLUMNS.map(([zh, en]) => ({ key: en, header: zh, example: EXAMPLE[en] ?? '' })),
    notesSheet: '说明',
    notes: [
      ['认定类型', '认定工伤 或 视同工伤'],
      ['病种', `9个病种之一（${CONDITIONS.map((c) => c.zh).join('、')}），不属于时留空`],
      ['日期', 'YYYY-MM-DD'],
    ],
  });
