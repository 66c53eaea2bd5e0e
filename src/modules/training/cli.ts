/** CLI: `skillvoucher jobs classes` — run the class start/end pass now. */
import type { Command } from 'commander';
import { withDb } from '../../cli/commands.js';
import { runJob } from '../../jobs/scheduler.js';
import { classJob } from './jobs.js';

const group = (program: Command, name: string, description: string): Command =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

export function registerTrainingCommands(program: Command): void {
  group(program, 'jobs', 'background jobs')
    .command('classes')
    .description('open classes whose start date has come (vouchers → in_training), cancel unreported ones, end finished ones')
    .action(async () => {
      await withDb(async (db) => {
        const r = await runJob(db, classJob);
        if (r === null) process.stdout.write('another node is running the class job\n');
        else process.stdout.write(`classes: ${JSON.stringify(r)}\n`);
      });
    });
}
