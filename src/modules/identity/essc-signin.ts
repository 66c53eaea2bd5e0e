/**
 * Worker sign-in through the e-SSC: verify the platform's assertion (adapter), refuse a replayed one,
 * find or register the person (the national platform vouches for the identity), find or create the
 * worker account, open a session. The e-SSC is itself a strong, real-name sign-in: the session counts
 * as having passed a second factor.
 */
import { now as clockNow } from '../../lib/clock.js';
import type { Db } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import * as audit from '../audit/index.js';
import { ensurePerson } from '../persons/index.js';
import { esscAdapter } from './essc.js';
import { createSession } from './sessions.js';
import { findAccountByPerson, createAccount, type SignInResult } from './service.js';
import { SYSTEM } from '../audit/index.js';

export async function signInWithEssc(
  db: Db,
  assertion: string,
  kind: 'cookie' | 'bearer',
  meta: { userAgent?: string | undefined; ip?: string | undefined },
): Promise<SignInResult> {
  const adapter = await esscAdapter();
  const who = await adapter.verifyAssertion(assertion);
  return db.tx(async (tx) => {
    const fresh = await tx.query('INSERT INTO essc_assertions_used (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING jti', [
      who.jti,
      who.expiresAt,
    ]);
    if (fresh.rowCount === 0) throw new AppError('ESSC_ASSERTION_INVALID', 'this e-SSC assertion was already used; sign in again', 'assertion');
    await tx.query("DELETE FROM essc_assertions_used WHERE expires_at < $1::timestamptz - interval '1 hour'", [clockNow()]);
    const { person, created } = await ensurePerson(tx, SYSTEM, { idNumber: who.idNumber, name: who.name });
    let account = await findAccountByPerson(tx, person.id);
    if (!account) {
      account = await createAccount(tx, SYSTEM, { username: `w.${person.id}`, displayName: person.name, role: 'worker', personId: person.id });
    }
    if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED', 'the account is disabled');
    const s = await createSession(tx, account.id, kind, true, meta);
    await audit.record(
      tx,
      { accountId: account.id, role: 'worker' },
      {
        action: 'session.create',
        entityType: 'account',
        entityId: account.id,
        districtCode: person.districtCode,
        detail: { kind, method: `essc:${adapter.name}`, personCreated: created },
      },
    );
    return { status: 'signed_in' as const, token: s.token, expiresAt: s.expiresAt, account, mfaPassed: true };
  });
}
