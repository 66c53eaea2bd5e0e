/**
 * The export part of `npm run bench -- stats`, run in a process of its own (`exportInChild`): an .xlsx export of
 * the bench's vouchers through the analytics module's streamed writer, the same pages read alone, or the writer
 * alone on rows made in memory. The child reports its time and its peak RSS (the kernel's high-water mark,
 * `process.resourceUsage().maxRSS`): the export's memory as a CLI or an API node running it would use, not the
 * parent's, which holds the bench's world. Run directly: `tsx bench/stats-export.ts <export|read|floor> <rows> <file>`.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
// the bench's shared pieces first: they load the platform's modules in the app's order (analytics alone first
// would meet a module cycle half-initialised)
import { benchUrl } from './lib.js';
import { openDb, type Db } from '../src/db/index.js';
import { zh } from '../src/http/export.js';
import * as analytics from '../src/modules/analytics/index.js';

type ExportRow = { id: string; number: string; status: string; issued_at: string; district_code: string };
const EXPORT_PAGE = 10_000;
const STATUS = (s: string): string => STATUS_ZH.get(s) ?? s;
const STATUS_ZH = new Map(['issued', 'admitted', 'in_training', 'settled', 'expired', 'revoked'].map((k) => [k, zh(`status.${k}`)]));

/**
 * The rows of the export, keyset pages in id order (the time already as Shanghai local text, as COPY formats it
 * in the server). Written on the two tables behind the `vouchers` view, the key bounding both: through the
 * view, `ORDER BY id` beside `id::text AS id` sorted by the text (every page sorted the whole join), and with
 * the sort fixed the merge join still read voucher_states from its start on every page — each page cost more
 * than the one before (5,271 rows/s at n = 200,000 against 12,099 at 50,000).
 */
const voucherPages = (db: Db, rows: number): AsyncGenerator<ExportRow[]> =>
  analytics.keysetPages(
    async (after, limit) =>
      (
        await db.query<ExportRow>(
          `SELECT r.id::text AS id, r.number, s.status, to_char(r.issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS issued_at,
                  r.district_code
             FROM voucher_records r JOIN voucher_states s ON s.voucher_id = r.id
            WHERE r.id > $1::uuid AND s.voucher_id > $1::uuid ORDER BY r.id LIMIT $2`,
          [after ?? '00000000-0000-0000-0000-000000000000', limit],
        )
      ).rows,
    (r) => r.id,
    rows,
    EXPORT_PAGE,
  );

const EXPORT_COLUMNS: analytics.Column<ExportRow>[] = [
  { header: '券号', width: 18, value: (r) => r.number },
  { header: '状态', width: 10, value: (r) => STATUS(r.status) },
  { header: '发券时间', width: 20, value: (r) => r.issued_at },
  { header: '户籍区代码', width: 12, value: (r) => r.district_code },
];

/** The export through the analytics module's writer: three heading lines (scope, filters, time of export), then the rows. */
async function exportXlsx(db: Db, rows: number, file: string, pages: AsyncIterable<ExportRow[]>): Promise<void> {
  const out = createWriteStream(file);
  const heading = await analytics.headingOf(db, '培训券明细', '全市', {});
  await analytics.writeWorkbook(out, [{ list: 'bench_vouchers', title: '培训券明细', heading, columns: EXPORT_COLUMNS, pages }]);
  await finished(out);
}

/** The floor: the same number of rows, shaped as the export's, through the same writer with no database read. */
async function* syntheticPages(rows: number): AsyncGenerator<ExportRow[]> {
  const states = [...STATUS_ZH.keys()];
  for (let from = 0; from < rows; from += EXPORT_PAGE) {
    const page: ExportRow[] = [];
    for (let g = from; g < Math.min(rows, from + EXPORT_PAGE); g++)
      page.push({ id: '', number: `BENCH${g + 1}`, status: states[g % states.length]!, issued_at: '2026-03-14 08:00:00', district_code: '310115' });
    await new Promise((r) => setImmediate(r));
    yield page;
  }
}

/** The read alone: every page, nothing written. */
async function readOnly(db: Db, rows: number): Promise<number> {
  let n = 0;
  for await (const page of voucherPages(db, rows)) n += page.length;
  return n;
}

export function copyCsv(rows: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sql = `COPY (SELECT number, status, issued_at, district_code FROM vouchers ORDER BY id LIMIT ${rows}) TO STDOUT (FORMAT csv)`;
    const p = spawn('psql', [benchUrl(), '-qc', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}`))));
  });
}

export type ExportMode = 'export' | 'read' | 'floor';
export interface ExportRun {
  seconds: number;
  peakRssMb: number;
  rows: number;
}

/** One export mode in a child process (the parent's loader flags: tsx); resolves with the child's report. */
export function exportInChild(mode: ExportMode, rows: number, file: string): Promise<ExportRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), mode, String(rows), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the ${mode} child exited ${code}`));
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ExportRun);
      } catch {
        reject(new Error(`the ${mode} child answered ${JSON.stringify(out.slice(-200))}`));
      }
    });
  });
}

async function child(mode: ExportMode, rows: number, file: string): Promise<ExportRun> {
  const db = await openDb({ databaseUrl: benchUrl(), poolSize: 2 });
  try {
    const t0 = performance.now();
    let n = rows;
    if (mode === 'read') n = await readOnly(db, rows);
    else await exportXlsx(db, rows, file, mode === 'export' ? voucherPages(db, rows) : syntheticPages(rows));
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, rows: n, peakRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10 };
  } finally {
    await db.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [mode, rows, file] = process.argv.slice(2);
  if (!['export', 'read', 'floor'].includes(mode ?? '') || !Number(rows) || !file) {
    console.error('usage: stats-export.ts <export|read|floor> <rows> <file>');
    process.exit(2);
  }
  child(mode as ExportMode, Number(rows), file).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
