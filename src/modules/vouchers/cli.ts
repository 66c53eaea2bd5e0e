/** CLI: `skillvoucher issue run <id>` (with a progress bar) and `skillvoucher jobs expire`. */
import type { Command } from 'commander';
import { withDb } from '../../cli/commands.js';
import { progressBar } from '../../cli/progress.js';
import { runJob } from '../../jobs/scheduler.js';
import { SYSTEM } from '../audit/index.js';
import { expireVouchers, expiryJob } from './expiry.js';
import { runIssuance } from './issuance.js';

const group = (program: Command, name: string, description: string): Command =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

export function registerVoucherCommands(program: Command): void {
  group(program, 'issue', 'voucher issuance')
    .command('run <id>')
    .description('run (or resume) a targeted issuance in the foreground, with a progress bar')
    .option('--chunk <n>', 'persons per chunk (one transaction each)', (v) => Number(v))
    .action(async (id: string, o: { chunk?: number }) => {
      await withDb(async (db) => {
        const bar = progressBar('issuance');
        const r = await runIssuance(SYSTEM, db, id, { chunkSize: o.chunk, onProgress: (v) => bar.update(v.processed, Math.max(v.matchedTotal, v.processed)) });
        bar.stop();
        process.stdout.write(`issuance ${r.id} ${r.status}: matched ${r.matchedTotal}, issued ${r.issued}, skipped ${JSON.stringify(r.skipped)}\n`);
      });
    });

  group(program, 'jobs', 'background jobs')
    .command('expire')
    .description('void every voucher still issued past its validity (as of Asia/Shanghai midnight), now')
    .action(async () => {
      await withDb(async (db) => {
        const r = await runJob(db, {
          ...expiryJob,
          run: async (d) => {
            // the bar counts blocks of the state table walked; the count voided so far is printed at the end
            const bar = progressBar('expiry (blocks)');
            try {
              return { ...(await expireVouchers(d, { onProgress: (p) => bar.update(p.blocksDone, p.blocks) })) };
            } finally {
              bar.stop();
            }
          },
        });
        if (r === null) process.stdout.write('another node is running the expiry job\n');
        else process.stdout.write(`expired ${String(r.expired)} vouchers (cut-off ${String(r.cutoff)})\n`);
      });
    });
}
