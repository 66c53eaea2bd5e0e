/** CLI commands beyond start/migrate. Each opens the database, does one thing, closes it. */
import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { cliPassword, loadConfig } from '../config.js';
import { openPlatformDb } from '../platform.js';
import type { Db } from '../db/index.js';
import { ROLES, type Role } from '../modules/identity/index.js';
import * as identity from '../modules/identity/index.js';
import * as audit from '../modules/audit/index.js';
import { SYSTEM } from '../modules/audit/index.js';
import { progressBar } from './progress.js';
import { registerSubsidyCommands } from '../modules/subsidy/index.js';
import { registerDemoCommands } from '../demo/cli.js';
import { registerVoucherCommands } from '../modules/vouchers/index.js';
import { registerTrainingCommands } from '../modules/training/index.js';
import { registerStatsCommands } from '../modules/analytics/index.js';

export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openPlatformDb(loadConfig());
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function readPassword(prompt: string): Promise<string> {
  const fromEnv = cliPassword();
  if (fromEnv) return fromEnv;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

export function registerCommands(program: Command): void {
  registerSubsidyCommands(program);
  registerDemoCommands(program);
  registerVoucherCommands(program);
  registerTrainingCommands(program);
  registerStatsCommands(program);
  const user = program.command('user').description('accounts');
  user
    .command('create')
    .description('create an account; bootstraps the first city admin (password from the prompt or SKILLVOUCHER_PASSWORD)')
    .requiredOption('-u, --username <username>')
    .option('-r, --role <role>', `one of ${ROLES.join(', ')}`, 'city_admin')
    .option('-n, --name <displayName>')
    .option('-d, --district <code>', 'district code (district_admin)')
    .option('-o, --org <uuid>', 'organisation id (provider, enterprise, assessor)')
    .action(async (o: { username: string; role: string; name?: string; district?: string; org?: string }) => {
      if (!(ROLES as readonly string[]).includes(o.role) || o.role === 'worker')
        throw new Error(`role must be one of ${ROLES.filter((r) => r !== 'worker').join(', ')}`);
      const password = await readPassword('password: ');
      await withDb(async (db) => {
        const a = await db.tx((tx) =>
          identity.createAccount(tx, SYSTEM, {
            username: o.username,
            displayName: o.name ?? o.username,
            role: o.role as Role,
            password,
            districtCode: o.district ?? null,
            orgId: o.org ?? null,
          }),
        );
        process.stdout.write(`created ${a.role} ${a.username} (${a.id})\n`);
        if (o.role === 'city_admin' || o.role === 'finance') process.stdout.write('this role requires a second factor: enrol TOTP after the first sign-in\n');
      });
    });

  const auditCmd = program.command('audit').description('the audit log');
  auditCmd
    .command('verify')
    .description('check every hash link; exits 1 and names the first broken entry')
    .action(async () => {
      await withDb(async (db) => {
        const bar = progressBar('audit verify');
        const r = await audit.verify(db, (done, total) => bar.update(done, total));
        bar.stop();
        if (r.ok) process.stdout.write(`audit chain intact: ${r.entries} entries in ${r.chains} chains\n`);
        else {
          process.stdout.write(
            `audit chain BROKEN at entry id ${r.firstBroken!.id} (chain ${r.firstBroken!.chain}, seq ${r.firstBroken!.seq}): ${r.firstBroken!.reason}\n`,
          );
          process.exitCode = 1;
        }
      });
    });
}
