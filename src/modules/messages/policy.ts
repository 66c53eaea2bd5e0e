/**
 * Who may do what with messages, on the one policy layer (identity/scope.ts): every signed-in account reads its own
 * inbox and sets its own preferences (another account's message → 404); city admins and auditors read the SMS
 * simulator's outbox; city admins, district admins (their district's recipients) and auditors (read-only) see the
 * dead-letter list, and the admins send a dead letter again.
 */
import { scopeOf, type Actor, type Scope } from '../identity/index.js';

export const SIMULATOR_READERS = ['city_admin', 'auditor'] as const;
export const DEAD_LETTER_READERS = ['city_admin', 'district_admin', 'auditor'] as const;
export const DEAD_LETTER_RETRIERS = ['city_admin', 'district_admin'] as const;

/** The messages an account owns: a worker's (by person or account), anyone else's by account. */
export function ownerSql(actor: Actor, params: unknown[]): string {
  params.push(actor.accountId);
  const byAccount = `account_id = $${params.length}`;
  if (!actor.personId) return byAccount;
  params.push(actor.personId);
  return `(${byAccount} OR person_id = $${params.length})`;
}

export const deadLetterScope = (actor: Actor): Scope =>
  scopeOf(actor, DEAD_LETTER_READERS, 'the dead-letter list is for city and district admins and auditors');
export const retryScope = (actor: Actor): Scope => scopeOf(actor, DEAD_LETTER_RETRIERS, 'only city and district admins send a message again');
export const simulatorScope = (actor: Actor): Scope => scopeOf(actor, SIMULATOR_READERS, 'the SMS simulator is for city admins and auditors');
