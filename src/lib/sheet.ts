/**
 * Everyone's spreadsheet reader and template writer: import sheets (CSV through csv-parse, .xlsx through
 * exceljs — cells read as text, so ID numbers keep their 18 characters) and .xlsx templates (text-formatted
 * columns, an example row, a notes sheet). The officers' list exports stream through src/http/export.ts.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError } from './errors.js';

export type SheetFormat = 'csv' | 'xlsx';

export interface Sheet {
  header: string[];
  /** Data rows with their row number as the user sees it (header = row 1). */
  rows: Array<{ line: number; cells: string[] }>;
}

const tooMany = (max: number) => new AppError('IMPORT_FILE_INVALID', `the sheet has more than ${max} rows; split it`, 'body');

export interface ReadOptions {
  /** An .xlsx row is read as at least this many cells (blank ones '') — e.g. the template's column count. */
  minColumns?: number;
}

export async function readSheet(buffer: Buffer, format: SheetFormat, maxRows: number, opts: ReadOptions = {}): Promise<Sheet> {
  if (!buffer || buffer.length === 0) throw new AppError('IMPORT_FILE_INVALID', 'the file is empty', 'body');
  return format === 'csv' ? readCsv(buffer, maxRows) : readXlsx(buffer, maxRows, opts.minColumns ?? 0);
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

async function readXlsx(buffer: Buffer, maxRows: number, minColumns: number): Promise<Sheet> {
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
  const width = Math.max(ws.columnCount, minColumns);
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

export interface TemplateColumn {
  key: string;
  header: string;
  example: string;
}

/** An .xlsx template: bold headers over text-formatted columns, one example row, and a notes sheet of [column, note] rows. */
export async function xlsxTemplate(t: {
  sheet: string;
  columns: readonly TemplateColumn[];
  notesSheet: string;
  notes: ReadonlyArray<[string, string]>;
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skillvoucher';
  const ws = wb.addWorksheet(t.sheet);
  ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(18, c.header.length + 4), style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, c.example])));
  const notes = wb.addWorksheet(t.notesSheet);
  for (const row of t.notes) notes.addRow([...row]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
