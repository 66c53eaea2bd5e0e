/**
 * Reading import sheets (CSV through csv-parse, .xlsx through exceljs — cells read as text, so ID numbers
 * keep their 18 characters) and writing the import template.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../lib/errors.js';
import { IMPORT_COLUMNS, PERSON_CATEGORIES, headerLabel } from './rules.js';

export type SheetFormat = 'csv' | 'xlsx';

export interface Sheet {
  header: string[];
  /** Data rows with their row number as the user sees it (header = row 1). */
  rows: Array<{ line: number; cells: string[] }>;
}

const tooMany = (max: number) => new AppError('IMPORT_FILE_INVALID', `the sheet has more than ${max} rows; split it`, 'body');

export async function readSheet(buffer: Buffer, format: SheetFormat, maxRows: number): Promise<Sheet> {
  if (!buffer || buffer.length === 0) throw new AppError('IMPORT_FILE_INVALID', 'the file is empty', 'body');
  return format === 'csv' ? readCsv(buffer, maxRows) : readXlsx(buffer, maxRows);
}

function readCsv(buffer: Buffer, maxRows: number): Sheet {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(buffer, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: false }) as unknown as typeof records;
  } catch (e) {
    throw new AppError('IMPORT_FILE_INVALID', `the CSV cannot be read: ${(e as Error).message}`, 'body');
  }
  const [head, ...rest] = records;
  if (!head) throw new AppError('IMPORT_FILE_INVALID', 'the file has no header row', 'header');
  if (rest.length > maxRows) throw tooMany(maxRows);
  return { header: head.record, rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

function cellText(c: ExcelJS.Cell): string {
  const v = c.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return c.text ?? '';
}

async function readXlsx(buffer: Buffer, maxRows: number): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('IMPORT_FILE_INVALID', `the .xlsx file cannot be read: ${(e as Error).message}`, 'body');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_FILE_INVALID', 'the workbook has no sheet', 'body');
  let header: string[] | null = null;
  const rows: Sheet['rows'] = [];
  const width = Math.max(ws.columnCount, IMPORT_COLUMNS.length);
  let over = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let i = 1; i <= width; i++) cells.push(cellText(row.getCell(i)));
    if (header === null) header = cells;
    else if (rows.length >= maxRows) over = true;
    else rows.push({ line: rowNumber, cells });
  });
  if (over) throw tooMany(maxRows);
  if (header === null) throw new AppError('IMPORT_FILE_INVALID', 'the file has no header row', 'header');
  return { header, rows };
}

/** The import template: bilingual headers, text-formatted columns, one example row and a notes sheet. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skillvoucher';
  const ws = wb.addWorksheet('人员 persons');
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: headerLabel(c), key: c.key, width: Math.max(18, headerLabel(c).length + 4), style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example])));
  const notes = wb.addWorksheet('说明 notes');
  notes.addRow(['列 column', '说明 notes']);
  notes.addRow(['身份证号 idNumber', '18位，文本格式 — 18 characters, kept as text (required)']);
  notes.addRow(['姓名 name', '必填 — required, at most 64 characters']);
  notes.addRow(['户籍 hukou', 'local (本市) / nonlocal (外省市)']);
  notes.addRow(['人员类别 categories', `以分号分隔 — separated by ";": ${PERSON_CATEGORIES.join(', ')}`]);
  notes.addRow(['空白单元格 blank cells', '更新时保留原值 — keep the stored value when a person is updated']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
