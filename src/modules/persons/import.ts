/**
 * Import (CSV / xlsx) — set-based, one transaction per chunk: parse the sheet → validate each row (a district
 * admin's district, repeated ID numbers) → check districts → upsert the chunks. Also the import template.
 */
import type { z } from 'zod';
import type { Db, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { readSheet, xlsxTemplate, type Sheet, type SheetFormat } from '../../lib/sheet.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { confinedDistrict, requireStaffWriter } from './policy.js';
import { IMPORT_COLUMNS, IMPORT_SHEET_COLUMNS, PERSON_CATEGORIES, headerLabel, mapHeader, validatePersonRow, type ImportRowError } from './rules.js';
import type { ImportReportSchema } from './schemas.js';
import { idBlindIndex, insertPersonsSql, unknownDistricts, type Prepared } from './records.js';

/** The import's answer (its shape is the route's schema). */
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const IMPORT_MAX_ROWS = 100_000;
const IMPORT_CHUNK = 1000;
const MAX_LISTED_ERRORS = 1000;

interface ReadyRow extends Prepared {
  line: number;
}

/** The import's running report: rows' errors and the rows that failed. */
class ImportErrors {
  readonly errors: ImportRowError[] = [];
  readonly failedRows = new Set<number>();
  fail = (e: ImportRowError): void => {
    this.errors.push(e);
    this.failedRows.add(e.row);
  };
}

/** Step 1, parse: the sheet and its header mapped to the person-import columns. */
async function parseSheet(buffer: Buffer, format: SheetFormat): Promise<{ sheet: Sheet; keys: ReturnType<typeof mapHeader>['keys'] }> {
  const sheet = await readSheet(buffer, format, IMPORT_MAX_ROWS, { minColumns: IMPORT_SHEET_COLUMNS });
  const { keys, missing } = mapHeader(sheet.header);
  if (missing.length) throw new AppError('IMPORT_FILE_INVALID', `the header row lacks the column(s) ${missing.join(', ')}`, 'header');
  return { sheet, keys };
}

/** Step 2, validate: each non-blank row as a person (a district admin's district filled in or required; an ID number once). */
function validateRows(actor: Actor, sheet: Sheet, keys: ReturnType<typeof mapHeader>['keys'], out: ImportErrors): { total: number; ready: ReadyRow[] } {
  const confined = confinedDistrict(actor);
  const ready: ReadyRow[] = [];
  const seen = new Map<string, number>();
  let total = 0;
  const today = clockNow();
  for (const r of sheet.rows) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    total++;
    const obj: Partial<Record<(typeof keys)[number] & string, string>> = {};
    keys.forEach((k, idx) => {
      if (k) obj[k] = r.cells[idx] ?? '';
    });
    const res = validatePersonRow(obj, r.line, today);
    if (!res.ok) {
      res.errors.forEach(out.fail);
      continue;
    }
    const input = res.input;
    if (confined) {
      if (!input.districtCode) input.districtCode = confined.districtCode;
      else if (input.districtCode !== confined.districtCode) {
        out.fail({
          row: r.line,
          field: 'districtCode',
          code: 'VALIDATION_FAILED',
          message: `a district admin imports persons of district ${confined.districtCode} only`,
        });
        continue;
      }
    }
    const bidx = idBlindIndex(input.idNumber);
    const first = seen.get(bidx);
    if (first !== undefined) {
      out.fail({ row: r.line, field: 'idNumber', code: 'DUPLICATE', message: `the same ID number is already on row ${first}` });
      continue;
    }
    seen.set(bidx, r.line);
    ready.push({ line: r.line, input, bidx });
  }
  return { total, ready };
}

/** Step 3, the districts: each distinct code checked once; rows naming an unknown one fail. */
async function withKnownDistricts(db: Db, ready: ReadyRow[], out: ImportErrors): Promise<ReadyRow[]> {
  const badDistricts = await unknownDistricts(
    db,
    ready.map((r) => r.input.districtCode),
  );
  return ready.filter((r) => {
    if (r.input.districtCode && badDistricts.has(r.input.districtCode)) {
      out.fail({ row: r.line, field: 'districtCode', code: 'DISTRICT_UNKNOWN', message: `district ${r.input.districtCode} is not known` });
      return false;
    }
    return true;
  });
}

/**
 * Imports persons from a sheet. Good rows are created or updated (matched by ID number; blank cells keep
 * the stored value), bad rows are reported with their row number, field and code. A district admin
 * imports into their own district only and cannot touch persons registered elsewhere.
 */
export async function importPersons(actor: Actor, db: Db, buffer: Buffer, format: SheetFormat): Promise<ImportReport> {
  requireStaffWriter(actor);
  const { sheet, keys } = await parseSheet(buffer, format);
  const out = new ImportErrors();
  const { total, ready } = validateRows(actor, sheet, keys, out);
  const good = await withKnownDistricts(db, ready, out);
  // Step 4, write: one transaction per chunk.
  let created = 0;
  let updated = 0;
  for (let at = 0; at < good.length; at += IMPORT_CHUNK) {
    const chunk = good.slice(at, at + IMPORT_CHUNK);
    const res = await db.tx((tx) => upsertChunk(actor, tx, chunk));
    created += res.created;
    updated += res.updated;
    for (const r of res.refused) {
      out.fail({ row: r.line, field: 'idNumber', code: 'PERSON_EXISTS', message: 'a person with this ID number is registered in another district' });
    }
  }
  const errors = out.errors.sort((a, b) => a.row - b.row);
  return {
    total,
    created,
    updated,
    failed: out.failedRows.size,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorsTruncated: errors.length > MAX_LISTED_ERRORS,
  };
}

async function upsertChunk(actor: Actor, tx: Tx, chunk: ReadyRow[]): Promise<{ created: number; updated: number; refused: ReadyRow[] }> {
  const confined = confinedDistrict(actor);
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
     ${confined ? `WHERE p.district_code = $${next}` : ''}
     RETURNING p.id_number_bidx, (p.xmax = 0) AS inserted`,
  );
  if (confined) params.push(confined.districtCode);
  const { rows } = await tx.query<{ id_number_bidx: string; inserted: boolean }>(sql, params);
  const done = new Set(rows.map((r) => r.id_number_bidx));
  const created = rows.filter((r) => r.inserted).length;
  const updated = rows.length - created;
  const refused = chunk.filter((r) => !done.has(r.bidx));
  await audit.record(tx, actor, {
    action: 'person.import',
    entityType: 'person',
    entityId: null,
    districtCode: confined ? confined.districtCode : null,
    detail: { rows: chunk.length, created, updated, refused: refused.length, firstRow: chunk[0]?.line ?? null, lastRow: chunk[chunk.length - 1]?.line ?? null },
  });
  return { created, updated, refused };
}

/** The import template: bilingual headers, text-formatted columns, one example row and a notes sheet. */
export async function importTemplate(): Promise<Buffer> {
  return xlsxTemplate({
    sheet: '人员 persons',
    columns: IMPORT_COLUMNS.map((c) => ({ key: c.key, header: headerLabel(c), example: c.example })),
    notesSheet: '说明 notes',
    notes: [
      ['列 column', '说明 notes'],
      ['身份证号 idNumber', '18位，文本格式 — 18 characters, kept as text (required)'],
      ['姓名 name', '必填 — required, at most 64 characters'],
      ['户籍 hukou', 'local (本市) / nonlocal (外省市)'],
      ['人员类别 categories', `以分号分隔 — separated by ";": ${PERSON_CATEGORIES.join(', ')}`],
      ['空白单元格 blank cells', '更新时保留原值 — keep the stored value when a person is updated'],
    ],
  });
}
