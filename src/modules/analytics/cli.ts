/**
 * CLI: `skillvoucher stats export --scope … --from … --to … --out FILE.xlsx` (the monthly report to the
 * ministry: summary, tables by district / training district / programme / occupation / month, the funnel, the
 * provider league and the budgets, with a progress bar), `stats rebuild`, `stats fold`.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { withDb } from '../../cli/commands.js';
import { progressBar } from '../../cli/progress.js';
import type { Db } from '../../db/index.js';
import * as audit from '../audit/index.js';
import type { Subject } from '../identity/index.js';
import { budgetSheet, funnelSheet, headingOf, leagueSheet, summarySheet, tableSheet, writeWorkbook, type Sheet } from './exports.js';
import { foldFacts, rebuildCube } from './facts.js';
import type { GroupBy } from './queries.js';
import * as stats from './service.js';

/** `city` | `district:310115` | `provider:<uuid>` | `enterprise:<uuid>` → the subject the report is read as. */
export function subjectOf(scope: string): Subject {
  if (scope === 'city') return { role: 'city_admin', districtCode: null, orgId: null };
  const [kind, value] = scope.split(':');
  if (kind === 'district' && value && /^\d{6}$/.test(value)) return { role: 'district_admin', districtCode: value, orgId: null };
  if ((kind === 'provider' || kind === 'enterprise') && value && /^[0-9a-f-]{36}$/i.test(value)) return { role: kind, districtCode: null, orgId: value };
  throw new Error('--scope is city, district:<6-digit code>, provider:<uuid> or enterprise:<uuid>');
}

const TABLES: readonly [GroupBy, string][] = [
  ['district', '按户籍区'],
  ['trainingDistrict', '按培训区'],
  ['programme', '按培训项目'],
  ['occupation', '按职业'],
  ['month', '按月'],
];

/** Reads every table in the subject's scope and writes them as one workbook; returns the rows written. */
export async function exportReport(
  db: Db,
  subject: Subject,
  f: { from?: string; to?: string },
  out: string,
  progress = progressBar('stats export'),
): Promise<number> {
  const steps = TABLES.length + 4;
  let done = 0;
  const step = () => progress.update(++done, steps);
  const sheets: Sheet<unknown>[] = [];
  const head = async (title: string, v: { scope: { label: string }; filters: Record<string, string | number> }) =>
    headingOf(db, title, v.scope.label, v.filters);
  const s = await stats.summary(subject, db, f);
  sheets.push(summarySheet(s, await head('统计概览', s)));
  step();
  for (const [by, title] of TABLES) {
    const t = await stats.table(subject, db, { ...f, groupBy: by });
    sheets.push(tableSheet(t, await head(title, t), `analytics_${by}`, title));
    step();
  }
  const fu = await stats.funnel(subject, db, f);
  sheets.push(funnelSheet(fu, await head('转化漏斗', fu)));
  step();
  const lg = await stats.league(subject, db, f);
  sheets.push(leagueSheet(lg, await head('培训机构排行', lg)));
  step();
  const year = f.to ? Number(f.to.slice(0, 4)) : undefined;
  const b = await stats.budget(subject, db, { year });
  sheets.push(budgetSheet(b, await headingOf(db, '预算执行', b.scope.label, { year: b.year })));
  step();
  const rows = sheets.reduce((n, sh) => n + sh.rows.length, 0);
  let written = 0;
  const file = createWriteStream(out);
  try {
    // a path that cannot be written fails here, as an error of this call (not an unhandled stream 'error')
    await once(file, 'open');
    await writeWorkbook(file, sheets, () => progress.update(steps + ++written, steps + rows));
    await finished(file);
  } catch (e) {
    progress.stop();
    file.destroy();
    await rm(out, { force: true }).catch(() => undefined); // no half-written report left behind
    throw new Error(`the report could not be written to ${out}: ${(e as Error).message}`, { cause: e });
  }
  await db.tx((tx) =>
    audit.record(tx, audit.SYSTEM, { action: 'analytics.export', entityType: 'analytics', detail: { list: 'stats_report', filters: f, rows } }),
  );
  progress.update(steps + rows, steps + rows);
  progress.stop();
  return rows;
}

const group = (program: Command, name: string, description: string): Command =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

export function registerStatsCommands(program: Command): void {
  const stats = group(program, 'stats', 'statistics (数据回流)');
  stats
    .command('export')
    .description('the statistics report as one .xlsx (summary, tables, funnel, provider league, budgets)')
    .option('--scope <scope>', 'city | district:<code> | provider:<uuid> | enterprise:<uuid>', 'city')
    .option('--from <month>', 'first month YYYY-MM')
    .option('--to <month>', 'last month YYYY-MM')
    .requiredOption('--out <file>', 'the .xlsx to write')
    .action(async (o: { scope: string; from?: string; to?: string; out: string }) => {
      const subject = subjectOf(o.scope);
      await withDb(async (db) => {
        const rows = await exportReport(db, subject, { ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) }, o.out);
        process.stdout.write(`wrote ${o.out} (${rows} rows)\n`);
      });
    });
  stats
    .command('rebuild')
    .description('recompute the statistics cube from the base tables (backfill, upgrades)')
    .action(async () => {
      await withDb(async (db) => process.stdout.write(`cube: ${JSON.stringify(await rebuildCube(db))}\n`));
    });
  stats
    .command('fold')
    .description('fold the facts recorded since the last fold into the cube')
    .action(async () => {
      await withDb(async (db) => process.stdout.write(`fold: ${JSON.stringify(await foldFacts(db))}\n`));
    });
}
