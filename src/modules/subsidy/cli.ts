/** `skillvoucher funds …`: the money invariant check, resumption of interrupted steps, bank files. */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { withDb } from '../../cli/commands.js';
import { SYSTEM } from '../audit/service.js';
import { simulateBank } from './bank-simulator.js';
import { generateFiles, importResults, resumeAll } from './disbursement.js';
import { checkFunds } from './ledger.js';

export function registerSubsidyCommands(program: Command): void {
  const funds = program.command('funds').description('subsidy funds: ledger check, disbursement steps, bank files');

  funds
    .command('check')
    .description('verify budget = available + reserved + paid on every account and every claim’s trail; exits 1 on a problem')
    .action(async () => {
      await withDb(async (db) => {
        const r = await checkFunds(db);
        if (r.ok) process.stdout.write(`funds consistent: ${r.accounts} budget accounts, ${r.claims} claims\n`);
        else {
          for (const p of r.problems.slice(0, 50)) process.stdout.write(`PROBLEM ${p.kind} ${p.id}: ${p.message}\n`);
          process.stdout.write(`${r.problems.length} problem(s)\n`);
          process.exitCode = 1;
        }
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
