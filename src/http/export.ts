/**
 * The one way an officer's list becomes an Excel file (`GET …/export.xlsx`): the same service function and
 * the same filters as the list (so the file holds what the screen's filters show, in the caller's scope),
 * read page by page and streamed through exceljs's WorkbookWriter into the reply — never the whole list in
 * memory. Columns are headed in Chinese; personal data goes out as the list presents it (masked). Every
 * export leaves an audit entry (`list.export`: which list, which filters, how many rows) before the first
 * byte is sent. At most EXPORT_MAX_ROWS rows; the entry and the file's last row say when the list was cut.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { exportMaxRows } from '../config.js';
import type { Db } from '../db/index.js';
import * as audit from '../modules/audit/index.js';
import type { Actor } from '../modules/identity/index.js';
import { strings } from '../../web/src/i18n/strings.js';
import { now as clockNow } from '../lib/clock.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_MAX_ROWS = exportMaxRows();
const EXPORT_PAGE = 1_000;

/** The web app's zh-CN label of a key (one catalogue for the screens and the files); `fallback` when absent. */
export const zh = (key: string, fallback?: string): string => strings[key]?.[0] ?? fallback ?? key;

/** One formatter for the process: building an Intl.DateTimeFormat costs more than formatting with it (an export formats a time per row). */
const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** A date-time as Asia/Shanghai local time, `YYYY-MM-DD HH:mm:ss`. */
export function shanghaiDateTime(v: string | Date | null | undefined): string {
  if (!v) return '';
  const d = typeof v === 'string' ? new Date(v) : v;
  if (Number.isNaN(d.getTime())) return String(v);
  return SHANGHAI.format(d);
}

/** Fen as yuan with two decimals (a number cell: Excel sums it). */
export const yuan = (amountFen: number | null | undefined): number | null => (amountFen === null || amountFen === undefined ? null : amountFen / 100);

export interface ExportColumn<T> {
  /** Chinese heading. */
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

export interface ListExport<T> {
  /** The list's name: the audit entry's entity type and the file name's stem (ASCII). */
  list: string;
  /** Sheet name (Chinese). */
  sheet: string;
  columns: ReadonlyArray<ExportColumn<T>>;
  /** The filters as sent (recorded in the audit entry). */
  filters: Record<string, unknown>;
  /** One page of the list, exactly as the list route reads it. */
  page: (limit: number, offset: number) => Promise<{ total: number; items: T[] }>;
  /** Run once before writing (e.g. to look up names for the rows); optional. */
  prepare?: (rows: T[]) => Promise<void>;
}

function stamp(now = clockNow()): string {
  return shanghaiDateTime(now).replace(/[-: ]/g, '').slice(0, 12);
}

/**
 * Answers the export: reads the first page (a refusal — scope, a bad filter — is still a problem+json), writes
 * the audit entry in its own transaction, then streams the workbook. Returns the stream for the route to send.
 */
export async function exportList<T>(actor: Actor, db: Db, reply: FastifyReply, spec: ListExport<T>): Promise<Readable> {
  const first = await spec.page(EXPORT_PAGE, 0);
  const rows = Math.min(first.total, EXPORT_MAX_ROWS);
  await db.tx((tx) =>
    audit.record(tx, actor, {
      action: 'list.export',
      entityType: spec.list,
      districtCode: actor.role === 'district_admin' ? actor.districtCode : null,
      detail: { filters: spec.filters, rows, total: first.total, truncated: first.total > rows },
    }),
  );
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  void (async () => {
    try {
      let written = 0;
      let page = first.items;
      let offset = 0;
      while (page.length && written < rows) {
        if (spec.prepare) await spec.prepare(page);
        for (const r of page) {
          if (written >= rows) break;
          const cells: Record<string, string | number | null> = {};
          spec.columns.forEach((c, i) => {
            const v = c.value(r);
            cells[`c${i}`] = v === undefined ? null : v;
          });
          ws.addRow(cells).commit();
          written++;
        }
        offset += page.length;
        if (written >= rows || page.length < EXPORT_PAGE) break;
        page = (await spec.page(EXPORT_PAGE, offset)).items;
      }
      if (first.total > rows) ws.addRow({ c0: `（仅导出前 ${rows} 条，共 ${first.total} 条；请缩小筛选范围）` }).commit();
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${spec.list}-${stamp()}.xlsx"`);
  return out;
}
