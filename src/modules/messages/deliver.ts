/**
 * The delivery worker: takes one due outbox row at a time under its row lock (FOR UPDATE SKIP LOCKED: workers
 * on several nodes or processes never take the same row), delivers it and records the result on the row in the
 * same transaction. Exactly once in effect: an inbox message is inserted in that transaction (UNIQUE outbox_id),
 * the simulator's send too; the HTTP gateway gets the row's id as Idempotency-Key. A worker that dies mid-delivery
 * (kill -9) leaves its transaction to roll back: the row is still queued and the next worker delivers it.
 * Failures: back-off (rules.afterFailure), SMS never inside the quiet hours; after the last attempt, or a refusal
 * by the gateway, the row goes to the dead-letter list.
 */
import type { Db, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { maskName } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import * as identity from '../identity/index.js';
import * as persons from '../persons/index.js';
import { gatewayFor, SmsSendError, type SmsGateway } from './gateway.js';
import { preferencesOf } from './preferences.js';
import type { OutboxRow } from './rows.js';
import { afterFailure, nextSmsSlot, smsText } from './rules.js';

export interface DeliveryOptions {
  /** At most this many rows in one pass (default 500). */
  limit?: number;
  /** The SMS gateway for a delivery's transaction (default: the configured one). */
  gateway?: (tx: Tx) => SmsGateway;
}

export interface DeliveryTally {
  sent: number;
  skipped: number;
  retried: number;
  dead: number;
  deferred: number;
}

type Outcome = keyof DeliveryTally;

/** Delivers the due rows, one transaction each, until none is due or `limit` rows were handled. */
export async function deliverDue(db: Db, opts: DeliveryOptions = {}): Promise<DeliveryTally> {
  const tally: DeliveryTally = { sent: 0, skipped: 0, retried: 0, dead: 0, deferred: 0 };
  const limit = opts.limit ?? 500;
  for (let i = 0; i < limit; i++) {
    let taken: string | null = null;
    let outcome: Outcome | null;
    try {
      outcome = await db.tx(async (tx) => {
        const row = await takeDue(tx);
        if (!row) return null;
        taken = row.id;
        return deliverRow(tx, row, opts.gateway ?? ((t) => gatewayFor(t)));
      });
    } catch (e) {
      // not the gateway's failure (a bug, a database error): the attempt is counted so a row cannot block the queue
      if (!taken) throw e;
      outcome = await db.tx((tx) => recordFailure(tx, taken!, e instanceof Error ? e.message : String(e), false));
    }
    if (outcome === null) break;
    tally[outcome]++;
  }
  return tally;
}

async function takeDue(tx: Tx): Promise<OutboxRow | null> {
  const { rows } = await tx.query<OutboxRow>(
    `SELECT * FROM message_outbox WHERE state = 'queued' AND next_attempt_at <= $1
      ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [clockNow()],
  );
  return rows[0] ?? null;
}

interface Recipient {
  accountId: string | null;
  personId: string | null;
  phone: string | null;
  label: string;
  districtCode: string | null;
}

async function recipientOf(tx: Tx, row: OutboxRow): Promise<Recipient> {
  const person = row.person_id ? await persons.getPerson(tx, row.person_id) : null;
  const accountId = row.account_id ?? (person ? ((await identity.findAccountByPerson(tx, person.id))?.id ?? null) : null);
  const name = person?.name ?? (accountId ? (await identity.displayNames(tx, [accountId])).get(accountId) : undefined) ?? '';
  return { accountId, personId: row.person_id, phone: person?.phone ?? null, label: name ? maskName(name) : '—', districtCode: person?.districtCode ?? null };
}

async function settle(tx: Tx, row: OutboxRow, state: 'sent' | 'skipped', note: string | null, now: Date): Promise<Outcome> {
  await tx.query(`UPDATE message_outbox SET state = $2, sent_at = $3, last_error = $4, attempts = attempts + 1 WHERE id = $1`, [row.id, state, now, note]);
  await audit.record(tx, audit.SYSTEM, {
    action: state === 'sent' ? 'message.sent' : 'message.skipped',
    entityType: 'message',
    entityId: row.id,
    detail: { event: row.event, channel: row.channel, ...(note ? { why: note } : {}) },
  });
  return state === 'sent' ? 'sent' : 'skipped';
}

/** One row's delivery, in the transaction holding its lock. */
async function deliverRow(tx: Tx, row: OutboxRow, gateway: (tx: Tx) => SmsGateway): Promise<Outcome> {
  const now = clockNow();
  const to = await recipientOf(tx, row);
  await tx.query('UPDATE message_outbox SET district_code = $2, recipient_label = $3 WHERE id = $1', [row.id, to.districtCode, to.label]);
  const prefs = to.accountId ? await preferencesOf(tx, to.accountId) : { sms: true, reminders: true };
  if (!row.essential && !prefs.reminders) return settle(tx, row, 'skipped', 'reminders off', now);
  if (row.channel === 'inbox') {
    await tx.query(
      `INSERT INTO message_inbox (outbox_id, person_id, account_id, event, vars, link, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (outbox_id) DO NOTHING`,
      [row.id, to.personId, to.personId ? null : to.accountId, row.event, JSON.stringify(row.vars), row.link, now],
    );
    return settle(tx, row, 'sent', null, now);
  }
  if (!prefs.sms) return settle(tx, row, 'skipped', 'sms off', now);
  if (!to.phone) return settle(tx, row, 'skipped', 'no phone on file', now);
  const slot = nextSmsSlot(now);
  if (slot.getTime() > now.getTime()) {
    // quiet hours (a retry that fell into them): later, never dropped
    await tx.query('UPDATE message_outbox SET next_attempt_at = $2 WHERE id = $1', [row.id, slot]);
    return 'deferred';
  }
  try {
    await gateway(tx).send(to.phone, smsText(row.event, row.vars), row.id);
  } catch (e) {
    if (!(e instanceof SmsSendError)) throw e;
    return recordFailure(tx, row.id, e.message, e.permanent);
  }
  return settle(tx, row, 'sent', null, now);
}

/** A failed attempt: try again after the back-off, or (last attempt, or refused) to the dead-letter list. */
async function recordFailure(tx: Tx, id: string, error: string, permanent: boolean): Promise<Outcome> {
  const now = clockNow();
  const row = (await tx.query<OutboxRow>('SELECT * FROM message_outbox WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!row || row.state !== 'queued') return 'skipped';
  const attempts = row.attempts + 1;
  const next = afterFailure(attempts, permanent, now, row.channel);
  if (next.dead) {
    await tx.query(`UPDATE message_outbox SET state = 'dead', attempts = $2, last_error = $3, failed_at = $4 WHERE id = $1`, [id, attempts, error, now]);
    await audit.record(tx, audit.SYSTEM, {
      action: 'message.dead_letter',
      entityType: 'message',
      entityId: id,
      districtCode: row.district_code,
      detail: { event: row.event, channel: row.channel, attempts, error },
    });
    return 'dead';
  }
  await tx.query('UPDATE message_outbox SET attempts = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1', [id, attempts, error, next.nextAt]);
  return 'retried';
}
