/**
 * Every statistics table as .xlsx (exceljs streaming WorkbookWriter) and .csv: three heading lines naming the
 * table and the scope, the filters, and the Asia/Shanghai time of export, then the Chinese column headings and
 * the rows. One audit entry (`analytics.export`) per file. The CLI writes the same sheets into one workbook.
 */
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Db, Queryable } from '../../db/index.js';
import { shanghaiDateTime, XLSX_TYPE, yuan, zh } from '../../http/export.js';
import { now as clockNow } from '../../lib/clock.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { labeller } from './labels.js';
import { COUNT_METRICS, FEN_METRICS } from './rules.js';
import type { BudgetView, FunnelView, LeagueView, MetricsView, SummaryView, TableView } from './schemas.js';

type Cell = string | number | null;
export interface Column<R> {
  header: string;
  width?: number;
  /** Method syntax: a sheet of any row type is a Sheet<unknown> (bivariant). */
  value(r: R): Cell;
}
export interface Sheet<R = unknown> {
  /** ASCII stem of the file name and the audit entry's list. */
  list: string;
  /** Chinese title (sheet name). */
  title: string;
  /** The three heading lines. */
  heading: [string, string, string];
  columns: ReadonlyArray<Column<R>>;
  rows: readonly R[];
}

const pct = (r: number | null): number | null => (r === null ? null : Math.round(r * 1000) / 10);

const FILTER_DIM: Record<string, string> = {
  districtCode: 'district',
  trainingDistrictCode: 'trainingDistrict',
  programmeId: 'programme',
  occupationCode: 'occupation',
  level: 'level',
  providerId: 'provider',
  category: 'category',
};

/** The heading lines: title and scope, the filters as shown (names, not codes), the time of export. */
export async function headingOf(q: Queryable, title: string, scopeLabel: string, filters: Record<string, string | number>): Promise<[string, string, string]> {
  const label = await labeller(q);
  const parts: string[] = [];
  if (filters.from || filters.to) parts.push(`月份：${filters.from ?? '…'} 至 ${filters.to ?? '…'}`);
  if (filters.year) parts.push(`年度：${filters.year}`);
  for (const [k, dim] of Object.entries(FILTER_DIM)) {
    const v = filters[k];
    if (v !== undefined) parts.push(`${zh(`analytics.dim.${dim}`)}：${await label(dim as never, String(v))}`);
  }
  return [`${title}（范围：${scopeLabel}）`, `筛选条件：${parts.length ? parts.join('；') : '无'}`, `导出时间：${shanghaiDateTime(clockNow())}（北京时间）`];
}

/** Columns of every figure (fen as yuan, rates as percent). */
export function metricColumns<R>(get: (r: R) => MetricsView): Column<R>[] {
  const cols: Column<R>[] = COUNT_METRICS.map((m) => ({ header: zh(`analytics.m.${m}`), width: 12, value: (r: R) => get(r)[m] }));
  for (const m of FEN_METRICS) cols.push({ header: zh(`analytics.m.${m}Fen`), width: 16, value: (r: R) => yuan(get(r)[`${m}Fen`]) });
  cols.push({ header: `${zh('analytics.m.attendanceRate')}（%）`, width: 10, value: (r) => pct(get(r).attendanceRate) });
  cols.push({ header: `${zh('analytics.m.passRate')}（%）`, width: 10, value: (r) => pct(get(r).passRate) });
  cols.push({ header: zh('analytics.m.avgDaysIssueToAdmission'), width: 14, value: (r) => get(r).avgDaysIssueToAdmission });
  cols.push({ header: zh('analytics.m.avgDaysPassToPayment'), width: 14, value: (r) => get(r).avgDaysPassToPayment });
  return cols;
}

type Row = TableView['rows'][number];
export function tableSheet(
  v: Pick<TableView, 'groupBy' | 'rows' | 'total'>,
  heading: Sheet['heading'],
  list = 'analytics_table',
  title = '统计表',
): Sheet<Row> {
  const total: Row = { key: '', label: '合计', metrics: v.total };
  return {
    list,
    title,
    heading,
    columns: [{ header: zh(`analytics.dim.${v.groupBy}`), width: 22, value: (r) => r.label }, ...metricColumns<Row>((r) => r.metrics)],
    rows: [...v.rows, total],
  };
}

export function summarySheet(v: SummaryView, heading: Sheet['heading']): Sheet<{ label: string; value: Cell }> {
  const m = v.metrics;
  const rows: { label: string; value: Cell }[] = metricColumns<MetricsView>((x) => x).map((c) => ({ label: c.header, value: c.value(m) }));
  return {
    list: 'analytics_summary',
    title: '统计概览',
    heading,
    columns: [
      { header: '指标', width: 28, value: (r) => r.label },
      { header: '数值', width: 16, value: (r) => r.value },
    ],
    rows,
  };
}

type Stage = FunnelView['stages'][number] & { group: string };
export function funnelSheet(v: FunnelView, heading: Sheet['heading']): Sheet<Stage> {
  const rows: Stage[] = [...v.stages.map((s) => ({ ...s, group: '合计' })), ...v.groups.flatMap((g) => g.stages.map((s) => ({ ...s, group: g.label })))];
  return {
    list: 'analytics_funnel',
    title: '转化漏斗',
    heading,
    columns: [
      { header: v.groupBy ? zh(`analytics.dim.${v.groupBy}`) : '分组', width: 22, value: (r) => r.group },
      { header: '环节', width: 18, value: (r) => zh(`analytics.stage.${r.stage}`) },
      { header: '人数', width: 12, value: (r) => r.count },
      { header: '较上一环节转化率（%）', width: 16, value: (r) => pct(r.rateFromPrevious) },
      { header: '较发券转化率（%）', width: 16, value: (r) => pct(r.rateFromIssued) },
    ],
    rows,
  };
}

type LRow = LeagueView['rows'][number];
export function leagueSheet(v: LeagueView, heading: Sheet['heading']): Sheet<LRow> {
  return {
    list: 'analytics_league',
    title: '培训机构排行',
    heading,
    columns: [
      { header: '培训机构', width: 26, value: (r) => r.providerName },
      { header: '培训项目', width: 22, value: (r) => r.programmeName },
      { header: zh('analytics.m.admitted'), value: (r) => r.admitted },
      { header: zh('analytics.m.assessed'), value: (r) => r.assessed },
      { header: zh('analytics.m.passed'), value: (r) => r.passed },
      { header: `${zh('analytics.m.passRate')}（%）`, value: (r) => pct(r.passRate) },
      { header: `${zh('analytics.m.attendanceRate')}（%）`, value: (r) => pct(r.attendanceRate) },
      { header: zh('analytics.m.checkInsFlagged'), value: (r) => r.checkInsFlagged },
      { header: zh('analytics.m.objections'), value: (r) => r.objections },
      { header: `${zh('analytics.m.completionRate')}（%）`, value: (r) => pct(r.completionRate) },
      { header: zh('analytics.m.claimsPaidFen'), width: 16, value: (r) => yuan(r.claimsPaidFen) },
    ],
    rows: v.rows,
  };
}

type BRow = BudgetView['rows'][number];
export function budgetSheet(v: BudgetView, heading: Sheet['heading']): Sheet<BRow> {
  const total = { districtCode: '', districtName: '合计', programmeId: '', programmeName: '', year: v.year, ...v.total };
  return {
    list: 'analytics_budget',
    title: '预算执行',
    heading,
    columns: [
      { header: '区', width: 12, value: (r) => r.districtName },
      { header: '培训项目', width: 22, value: (r) => r.programmeName },
      { header: '年度', width: 8, value: (r) => r.year },
      { header: '预算（元）', width: 16, value: (r) => yuan(r.allocatedFen) },
      { header: '已预留（元）', width: 16, value: (r) => yuan(r.reservedFen) },
      { header: '已拨付（元）', width: 16, value: (r) => yuan(r.paidFen) },
      { header: '可用（元）', width: 16, value: (r) => yuan(r.availableFen) },
      { header: '执行率（%）', width: 10, value: (r) => pct(r.executionRate) },
    ],
    rows: [...v.rows, total],
  };
}

/**
 * A sheet whose rows are read page by page while the file is written (a list of up to a million rows, never all
 * in memory): .xlsx only. `pages` yields each page as it is read (keyset pages or a cursor: not OFFSET).
 */
export interface StreamedSheet<R = unknown> extends Omit<Sheet<R>, 'rows'> {
  pages: AsyncIterable<readonly R[]>;
}

/**
 * Keyset pages for a streamed sheet: `read(after, limit)` answers the rows after the key `after` (null: from the
 * start) in key order. The next page is asked for before this one is handed on, so the database reads it while
 * the workbook is being written. Stops after `max` rows or at a short page.
 */
export async function* keysetPages<R>(
  read: (after: string | null, limit: number) => Promise<R[]>,
  key: (r: R) => string,
  max: number,
  pageSize = 10_000,
): AsyncGenerator<R[]> {
  let left = max;
  let next: Promise<R[]> | null = left > 0 ? read(null, Math.min(pageSize, left)) : null;
  while (next) {
    const page = await next;
    left -= page.length;
    next = page.length === pageSize && left > 0 ? read(key(page[page.length - 1]!), Math.min(pageSize, left)) : null;
    if (page.length) yield page;
  }
}

/** Bytes of a sheet's XML left waiting for the zip before a streamed sheet waits (bounds the export's memory). */
const BACKLOG_BYTES = 4 << 20;
interface Backlog {
  _writableState?: { length: number };
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * Where a streamed sheet's XML waits for the zip. exceljs 4.4 writes each sheet into archiver's PassThrough in
 * front of the deflate stream without heeding its backpressure, and deflate runs a chunk per turn of the event
 * loop: left alone, the uncompressed XML piled up there (~22 MB per 100,000 rows, 450 MB of RSS at 1,000,000).
 * Internal to exceljs 4.4 and archiver 5 — a test checks it is still found.
 */
export function sheetBacklog(ws: unknown): Backlog | undefined {
  const sink = (ws as { stream?: { pipes?: Backlog[] } }).stream?.pipes?.[0];
  return sink?._writableState ? sink : undefined;
}

async function drained(b: Backlog | undefined): Promise<void> {
  while (b && b._writableState!.length > BACKLOG_BYTES) await new Promise<void>((resolve) => b.once('drain', resolve));
}

const streamed = (s: Sheet<unknown> | StreamedSheet<unknown>): s is StreamedSheet<unknown> => 'pages' in s;

/**
 * Writes sheets into one streamed workbook; `onRow` counts rows written (the CLI's progress bar). Each row is
 * committed as soon as it is added (exceljs then serialises it and drops its cells). A workbook with a
 * streamed sheet waits after each page while its XML is waiting for the zip (sheetBacklog), and is written without a style table (its column headings are not bold): with one, exceljs
 * looks every cell's style up by rendering it to XML, which halved the rate (bench/stats.ts); strings stay
 * text cells either way (ID-like values are not turned into numbers).
 */
export async function writeWorkbook(stream: Writable, sheets: readonly (Sheet<unknown> | StreamedSheet<unknown>)[], onRow?: () => void): Promise<void> {
  const big = sheets.some(streamed);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: !big, useSharedStrings: false });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.title.slice(0, 31));
    ws.columns = s.columns.map((c, i) => ({ key: `c${i}`, width: c.width ?? 12 }));
    for (const line of s.heading) ws.addRow([line]).commit();
    const head = ws.addRow(s.columns.map((c) => c.header));
    if (!big) head.font = { bold: true };
    head.commit();
    const cols = s.columns;
    const k = cols.length;
    const write = (r: unknown) => {
      const cells = new Array<Cell>(k);
      for (let i = 0; i < k; i++) cells[i] = cols[i]!.value(r);
      ws.addRow(cells).commit();
      onRow?.();
    };
    if (streamed(s)) {
      for await (const page of s.pages) {
        for (const r of page) write(r);
        await drained(sheetBacklog(ws));
      }
    } else for (const r of s.rows) write(r);
    ws.commit();
  }
  await wb.commit();
}

const csvCell = (v: Cell): string => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The sheet as CSV (UTF-8 with BOM so Excel reads the Chinese). */
export function csvOf(s: Sheet<unknown>): string {
  const lines = [...s.heading.map((h) => csvCell(h)), s.columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of s.rows) lines.push(s.columns.map((c) => csvCell(c.value(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const stamp = (): string => shanghaiDateTime(clockNow()).replace(/[-: ]/g, '').slice(0, 12);

async function audited(actor: Actor, db: Db, s: Sheet<unknown>, format: string, filters: Record<string, unknown>): Promise<void> {
  await db.tx((tx) =>
    audit.record(tx, actor, {
      action: 'analytics.export',
      entityType: 'analytics',
      districtCode: actor.role === 'district_admin' ? actor.districtCode : null,
      detail: { list: s.list, format, filters, rows: s.rows.length },
    }),
  );
}

/** Answers a sheet as .xlsx (streamed) or .csv, after its audit entry. */
export async function sendSheet(
  actor: Actor,
  db: Db,
  reply: FastifyReply,
  s: Sheet<unknown>,
  format: 'xlsx' | 'csv',
  filters: Record<string, unknown>,
): Promise<unknown> {
  await audited(actor, db, s, format, filters);
  const file = `${s.list}-${stamp()}.${format}`;
  reply.header('content-disposition', `attachment; filename="${file}"`);
  if (format === 'csv') {
    reply.type('text/csv; charset=utf-8');
    return csvOf(s);
  }
  const out = new PassThrough();
  reply.type(XLSX_TYPE);
  writeWorkbook(out, [s]).catch((e: unknown) => out.destroy(e as Error));
  return out;
}
