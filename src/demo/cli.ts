/** `skillvoucher demo …`: helpers for the demo world only. */
import type { Command } from 'commander';
import { decrypt } from '../lib/crypto.js';
import { currentTotp } from '../modules/identity/index.js';
import { withDb } from '../cli/commands.js';

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('the demo world');
  demo
    .command('totp')
    .description('print the current TOTP code of a demo account (demo accounts only)')
    .argument('<username>')
    .action(async (username: string) => {
      await withDb(async (db) => {
        const a = (
          await db.query<{ is_demo: boolean; totp_secret_enc: string | null; totp_enabled: boolean }>(
            'SELECT is_demo, totp_secret_enc, totp_enabled FROM accounts WHERE username = $1',
            [username],
          )
        ).rows[0];
        if (!a || !a.is_demo) throw new Error(`${username} is not a demo account`);
        if (!a.totp_enabled || !a.totp_secret_enc) throw new Error(`${username} has no second factor`);
        process.stdout.write(`${currentTotp(username, decrypt(a.totp_secret_enc))}\n`);
      });
    });
}
