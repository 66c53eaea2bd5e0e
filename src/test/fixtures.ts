/**
 * Fixture world for tests: one account per role (two for finance, two district admins in different
 * districts), created through the services, so tests exercise the same paths as production.
 */
import type { Db } from '../db/index.js';
import type { Role } from '../modules/identity/actor.js';
import * as identity from '../modules/identity/service.js';
import { SYSTEM } from '../modules/audit/service.js';
import { createSession } from '../modules/identity/sessions.js';

export const FIXTURE_PASSWORD = 'Fixture-pass-2026';
export const FIXTURE_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface Fixtures {
  accounts: Record<string, { id: string; role: Role; username: string }>;
  /** Creates a session directly (as a completed sign-in would). */
  tokenFor(db: Db, who: Role | string): Promise<string>;
}

export async function seedFixtures(db: Db): Promise<Fixtures> {
  const accounts: Fixtures['accounts'] = {};
  await db.tx(async (tx) => {
    const plan: Array<[string, Role, string | null]> = [
      ['city_admin', 'city_admin', null],
      ['district_admin', 'district_admin', '310115'],
      ['district_admin_b', 'district_admin', '310104'],
      ['finance', 'finance', null],
      ['finance2', 'finance', null],
      ['auditor', 'auditor', null],
      ['committee', 'committee', null],
    ];
    for (const [key, role, district] of plan) {
      const a = await identity.createAccount(tx, SYSTEM, { username: `fx.${key}`, displayName: key, role, password: FIXTURE_PASSWORD, districtCode: district });
      if (role === 'city_admin' || role === 'finance') await identity.setTotpSecret(tx, SYSTEM, a.id, FIXTURE_TOTP);
      accounts[key] = { id: a.id, role, username: a.username };
    }
  });
  return {
    accounts,
    async tokenFor(d: Db, who: string) {
      const a = accounts[who];
      if (!a) throw new Error(`no fixture account ${who}`);
      const s = await createSession(d, a.id, 'bearer', true);
      return s.token;
    },
  };
}
