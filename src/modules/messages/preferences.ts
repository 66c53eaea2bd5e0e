/** A person's choices: also by SMS, and non-essential reminders (no row: both on). */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import * as persons from '../persons/index.js';
import type { PreferencesRow } from './rows.js';
import { QUIET_HOURS } from './rules.js';

export interface Preferences {
  sms: boolean;
  reminders: boolean;
}

export async function preferencesOf(q: Queryable, accountId: string): Promise<Preferences> {
  const r = (await q.query<PreferencesRow>('SELECT * FROM message_preferences WHERE account_id = $1', [accountId])).rows[0];
  return r ? { sms: r.sms, reminders: r.reminders } : { sms: true, reminders: true };
}

export interface PreferencesView extends Preferences {
  smsAvailable: boolean;
  quietHours: { from: string; to: string };
}

async function view(q: Queryable, actor: Actor): Promise<PreferencesView> {
  const p = await preferencesOf(q, actor.accountId);
  const person = actor.personId ? await persons.getPerson(q, actor.personId) : null;
  return { ...p, smsAvailable: Boolean(person?.phone), quietHours: { ...QUIET_HOURS } };
}

/** The signed-in account's own preferences. */
export async function getPreferences(actor: Actor, q: Queryable): Promise<PreferencesView> {
  return view(q, actor);
}

/** Changes the signed-in account's own preferences (at least one of the two). */
export async function setPreferences(actor: Actor, tx: Tx, input: { sms?: boolean | undefined; reminders?: boolean | undefined }): Promise<PreferencesView> {
  if (input.sms === undefined && input.reminders === undefined) throw new AppError('VALIDATION_FAILED', 'give sms or reminders', 'sms');
  const before = await preferencesOf(tx, actor.accountId);
  const next = { sms: input.sms ?? before.sms, reminders: input.reminders ?? before.reminders };
  await tx.query(
    `INSERT INTO message_preferences (account_id, sms, reminders, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account_id) DO UPDATE SET sms = EXCLUDED.sms, reminders = EXCLUDED.reminders, updated_at = EXCLUDED.updated_at`,
    [actor.accountId, next.sms, next.reminders, clockNow()],
  );
  await audit.record(tx, actor, { action: 'message.preferences', entityType: 'account', entityId: actor.accountId, detail: { before, after: next } });
  return view(tx, actor);
}
