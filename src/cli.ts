#!/usr/bin/env node
/** `skillvoucher` — the command line: start, migrate, user create, audit verify, jobs, imports. */
import { Command } from 'commander';
import { loadConfig } from './config.js';
import { openPlatformDb } from './platform.js';
import { registerCommands } from './cli/commands.js';

const program = new Command();
program.name('skillvoucher').description('职业培训券 platform — vocational training vouchers').version('0.1.0');

program
  .command('start')
  .description('start the platform (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL); seeds the demo world on an empty database')
  .option('-p, --port <port>', 'port', (v) => Number(v))
  .option('--no-demo', 'do not seed the demo world')
  .action(async (opts: { port?: number; demo: boolean }) => {
    const { startServer } = await import('./server.js');
    await startServer(loadConfig(undefined, { ...(opts.port ? { port: opts.port } : {}), ...(opts.demo === false ? { demo: false } : {}) }));
  });

program
  .command('migrate')
  .description('apply pending SQL migrations and exit')
  .action(async () => {
    const db = await openPlatformDb(loadConfig(), { onMigration: (n) => process.stdout.write(`applied ${n}\n`) });
    await db.close();
    process.stdout.write('migrations up to date\n');
  });

registerCommands(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
