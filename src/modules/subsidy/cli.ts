/** `skillvoucher funds …`: the money invariant check, resumption of interrupted steps, bank files. */
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { once } from 'node:events';
import type { Command } from 'commander';
import { withDb } from '../../cli/commands.js';
import type { Db } from '../../db/index.js';
import { SYSTEM } from '../audit/index.js';
import { calendarStatus, importCalendar, type CalendarImport } from './calendar.js';
import { simulateBank } from './bank-simulator.js';
import { generateFiles, importResults, resumeAll } from './disbursement.js';
import { checkFunds } from './ledger.js';
import { fundLabel } from './debtor-accounts.js';
import { fenToYuan } from './money.js';

/** `skillvoucher calendar import FILE`: one transaction; a malformed file changes nothing. */
export async function importCalendarFile(db: Db, file: string): Promise<CalendarImport & { lines: string[] }> {
  const buf = await readFile(file);
  const r = await db.tx((tx) => importCalendar(SYSTEM, tx, buf, { source: basename(file) }));
  const st = await calendarStatus(db);
  return {
    ...r,
    lines: [
      `loaded ${r.days} day(s) of ${r.years.join(', ')} from ${basename(file)}; ${r.noticesRecomputed} running notice(s) recounted`,
      `calendar holds ${st.years.map((y) => y.year).join(', ')}; known through ${st.lastDay ?? '—'}`,
    ],
  };
}

/** `skillvoucher calendar …` and `skillvoucher funds …`. */
export function registerSubsidyCommands(program: Command): void {
  registerCalendarCommands(program);
  registerFundsCommands(program);
}

/** `skillvoucher calendar import FILE | status`: the working-day calendar of the public notice. */
function registerCalendarCommands(program: Command): void {
  const cal = program.command('calendar').description('the working-day calendar of the public notice (statutory holidays, make-up working days)');
  cal
    .command('import <file>')
    .description("load whole years from a CSV in holidays-cn.csv's format (date,kind,name); a malformed file changes nothing")
    .action(async (file: string) => {
      await withDb(async (db) => {
        const r = await importCalendarFile(db, file);
        for (const l of r.lines) process.stdout.write(`${l}\n`);
      });
    });
  cal
    .command('status')
    .description('which years are loaded, and whether next year is due')
    .action(async () => {
      await withDb(async (db) => {
        const st = await calendarStatus(db);
        for (const y of st.years) process.stdout.write(`${y.year}: ${y.holidays} holiday(s), ${y.workdays} make-up working day(s) — ${y.source}\n`);
        process.stdout.write(st.todo.due ? `next year (${st.todo.nextYear}) is due: load it with \`skillvoucher calendar import FILE\`\n` : 'up to date\n');
      });
    });
}

/** `skillvoucher funds check | resume | generate | import | simulate-bank`. */
function registerFundsCommands(program: Command): void {
  const funds = program.command('funds').description('subsidy funds: ledger check, disbursement steps, bank files');

  funds
    .command('check')
    .description(
      'verify budget = available + reserved + paid on every account, every claim’s trail, and each funding source’s balance (paid from its budgets = booked from its debtor account); exits 1 on a problem',
    )
    .action(async () => {
      await withDb(async (db) => {
        const r = await checkFunds(db);
        for (const line of fundsCheckLines(r)) process.stdout.write(`${line}\n`);
        if (!r.ok) process.exitCode = 1;
      });
    });

  funds
    .command('resume')
    .description('rerun interrupted steps: batches left building, files left generating, vouchers of paid claims to settle')
    .action(async () => {
      await withDb(async (db) => {
        const r = await resumeAll(SYSTEM, db);
        process.stdout.write(`resumed: ${r.builds} build(s), ${r.files} file generation(s), ${r.settled} voucher(s) settled\n`);
      });
    });

  funds
    .command('generate <batchId>')
    .description('generate (or regenerate) the bank file of an approved batch; --out writes the pain.001')
    .option('-o, --out <file>')
    .action(async (batchId: string, o: { out?: string }) => {
      await withDb(async (db) => {
        const out = o.out ? createWriteStream(o.out) : undefined;
        const b = await generateFiles(SYSTEM, db, batchId, out);
        if (out) {
          out.end();
          await once(out, 'finish');
        }
        process.stdout.write(`batch ${b.number}: ${b.status}, ${b.paymentCount} payments, sha256 ${b.fileSha256}\n`);
      });
    });

  funds
    .command('import <file>')
    .description('import a bank result file (camt.054.001.10 or CSV); rerunning the same file resumes or changes nothing')
    .option('-f, --format <format>', 'camt054 | csv (default by extension)')
    .action(async (file: string, o: { format?: string }) => {
      const format = (o.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'camt054')) as 'camt054' | 'csv';
      await withDb(async (db) => {
        const r = await importResults(SYSTEM, db, () => createReadStream(file), format);
        process.stdout.write(
          `${r.alreadyImported ? 'already imported' : 'imported'}: ${r.entries} entries, ${r.booked} booked, ${r.rejected} rejected, ${r.duplicates} duplicate, ${r.unknown} unknown, ${r.mismatched} amount mismatch\n`,
        );
      });
    });

  funds
    .command('simulate-bank <pain001> <camt054>')
    .description('BANK SIMULATOR (testing/demo only): answer a pain.001 with a camt.054; --fail lists accounts to reject')
    .option('--fail <accounts>', 'comma-separated creditor accounts to reject', '')
    .action(async (pain: string, camt: string, o: { fail: string }) => {
      const out = createWriteStream(camt);
      const r = await simulateBank(createReadStream(pain), out, { failingAccounts: o.fail.split(',').filter(Boolean) });
      out.end();
      await once(out, 'finish');
      process.stdout.write(`simulated bank answer: ${r.booked} booked, ${r.rejected} rejected\n`);
    });
}

/** What `funds check` prints: one line per funding source (balanced / OFF), then the verdict or the problems. */
export function fundsCheckLines(r: Awaited<ReturnType<typeof checkFunds>>): string[] {
  const yuan = (fen: number) => (fen < 0 ? `-${fenToYuan(-fen)}` : fenToYuan(fen));
  const lines = r.funds.map(
    (f) =>
      `fund ${fundLabel(f.fundingSource)}: ${f.accounts} account(s), amount ${yuan(f.amountFen)} = available ${yuan(f.availableFen)} + reserved ${yuan(f.reservedFen)} + paid ${yuan(f.paidFen)}; booked ${yuan(f.bookedFen)} — ${f.ok ? 'balanced' : 'OFF'}`,
  );
  if (r.ok) lines.push(`funds consistent: ${r.accounts} budget accounts, ${r.claims} claims`);
  else {
    for (const p of r.problems.slice(0, 50)) lines.push(`PROBLEM ${p.kind} ${p.id}: ${p.message}`);
    lines.push(`${r.problems.length} problem(s)`);
  }
  return lines;
}
