/**
 * The demo world: seeded on the first `npm start` with an empty database, and marked as demo.
 * Demo passwords exist only here; `skillvoucher user create` bootstraps a real installation.
 */
import type { Db } from '../db/index.js';
import type { Role } from '../modules/identity/actor.js';
import * as identity from '../modules/identity/service.js';
import { SYSTEM } from '../modules/audit/service.js';

export const DEMO_PASSWORD = 'Demo-2026-skillvoucher';
/** Published TOTP secret of the demo city_admin and finance accounts (base32). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface DemoSignIn {
  role: Role;
  username: string;
  password?: string;
  totpSecret?: string;
  note?: string;
}

export async function seedDemoWorldIfEmpty(db: Db, log: (msg: string) => void): Promise<DemoSignIn[] | null> {
  const n = (await db.query<{ n: number }>('SELECT count(*) AS n FROM accounts')).rows[0]!.n;
  if (n > 0) {
    const demo = await db.query<{ username: string; role: Role }>('SELECT username, role FROM accounts WHERE is_demo ORDER BY role, username');
    return demo.rows.length ? demo.rows.map((r) => ({ ...r, password: DEMO_PASSWORD })) : null;
  }
  log('seeding the demo world …');
  return seedDemoWorld(db, log);
}

export async function seedDemoWorld(db: Db, log: (msg: string) => void): Promise<DemoSignIn[]> {
  const out: DemoSignIn[] = [];
  await db.tx(async (tx) => {
    const staff: Array<[Role, string, string, string | null]> = [
      ['city_admin', 'demo.city', '市人社局管理员 (demo)', null],
      ['district_admin', 'demo.pudong', '浦东新区人社局 (demo)', '310115'],
      ['finance', 'demo.finance', '资金专员 (demo)', null],
      ['finance', 'demo.finance2', '资金复核员 (demo)', null],
      ['auditor', 'demo.auditor', '监督检查 (demo)', null],
      ['committee', 'demo.committee', '市劳鉴委 (demo)', null],
    ];
    for (const [role, username, displayName, districtCode] of staff) {
      const a = await identity.createAccount(tx, SYSTEM, { username, displayName, role, password: DEMO_PASSWORD, districtCode, isDemo: true });
      if (role === 'city_admin' || role === 'finance') {
        await identity.setTotpSecret(tx, SYSTEM, a.id, DEMO_TOTP_SECRET);
        out.push({ role, username, password: DEMO_PASSWORD, totpSecret: DEMO_TOTP_SECRET });
      } else out.push({ role, username, password: DEMO_PASSWORD });
    }
  });
  log(`demo world: ${out.length} sign-ins`);
  return out;
}

export function printDemoSignIns(list: DemoSignIn[], url: string): void {
  const w = (s: string) => process.stdout.write(s);
  w('\n  DEMO WORLD — synthetic data, demo passwords; never use in production\n');
  for (const s of list) {
    w(
      `  ${s.role.padEnd(15)} ${s.username.padEnd(22)} ${s.password ?? ''}${s.totpSecret ? `  (TOTP secret ${s.totpSecret}; current code: npm run skillvoucher -- demo totp ${s.username})` : ''}${s.note ? `  ${s.note}` : ''}\n`,
    );
  }
  w(`  sign in at ${url}\n\n`);
}
