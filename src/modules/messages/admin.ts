/** The officers' side: the dead-letter list (and sending one again), the SMS simulator's outbox. */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { decrypt } from '../../lib/crypto.js';
import { notFound } from '../../lib/errors.js';
import { isUuid, maskPhone } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import { assertInScope, scopeSql, type Actor } from '../identity/index.js';
import * as persons from '../persons/index.js';
import { deadLetterScope, retryScope, simulatorScope } from './policy.js';
import type { OutboxRow } from './rows.js';
import { smsGatewayChoice } from './gateway.js';
import { nextSmsSlot, smsText } from './rules.js';

export interface DeadLetter {
  id: string;
  event: string;
  channel: 'inbox' | 'sms';
  recipientLabel: string;
  attempts: number;
  lastError: string;
  failedAt: string;
}

const presentDead = (r: OutboxRow): DeadLetter => ({
  id: r.id,
  event: r.event,
  channel: r.channel,
  recipientLabel: r.recipient_label ?? '—',
  attempts: r.attempts,
  lastError: r.last_error ?? '',
  failedAt: (r.failed_at ?? r.created_at).toISOString(),
});

export async function listDeadLetters(actor: Actor, q: Queryable, page: { limit: number; offset: number }): Promise<{ total: number; items: DeadLetter[] }> {
  const scope = deadLetterScope(actor);
  const params: unknown[] = [];
  const where = `state = 'dead' AND ${scopeSql(scope, { district: 'district_code' }, params)}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM message_outbox WHERE ${where}`, params)).rows[0]!.n;
  const { rows } = await q.query<OutboxRow>(
    `SELECT * FROM message_outbox WHERE ${where} ORDER BY failed_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { total, items: rows.map(presentDead) };
}

/** Sends a dead letter again: queued now (an SMS: outside the quiet hours), not enqueued (the relay puts it on the queue again), its attempts counted afresh. */
export async function retryDeadLetter(actor: Actor, tx: Tx, id: string): Promise<{ id: string; state: 'queued' }> {
  const scope = retryScope(actor);
  if (!isUuid(id)) throw notFound('dead letter');
  const row = (await tx.query<OutboxRow>(`SELECT * FROM message_outbox WHERE id = $1 AND state = 'dead' FOR UPDATE`, [id])).rows[0];
  if (!row) throw notFound('dead letter');
  assertInScope(scope, { districtCodes: [row.district_code] }, 'dead letter');
  const now = clockNow();
  await tx.query(`UPDATE message_outbox SET state = 'queued', attempts = 0, failed_at = NULL, next_attempt_at = $2, job_id = NULL WHERE id = $1`, [
    id,
    row.channel === 'sms' ? nextSmsSlot(now) : now,
  ]);
  await audit.record(tx, actor, {
    action: 'message.retry',
    entityType: 'message',
    entityId: id,
    districtCode: row.district_code,
    detail: { event: row.event, channel: row.channel, attempts: row.attempts, lastError: row.last_error },
  });
  return { id, state: 'queued' };
}

export interface SimulatedSms {
  id: string;
  phoneMasked: string;
  text: string;
  state: 'scheduled' | 'sent' | 'failed';
  scheduledFor: string;
  sentAt: string | null;
  via: 'simulator' | 'gateway' | null;
  event: string;
}

type SimRow = OutboxRow & { sim_phone_enc: string | null; sim_text: string | null; sim_sent_at: Date | null };

/**
 * The SMS outbox (短信模拟器): each SMS the platform has scheduled, sent or given up, with the gateway configured now
 * (`gateway`: the built-in simulator, or a real gateway when SMS_GATEWAY_URL is set) and, per sent row, the one it
 * went through (`via`: the simulator when the simulator stored it, else the gateway) — so a page never calls a text
 * simulated that a real gateway delivered, nor the other way round.
 */
export async function listSimulatedSms(
  actor: Actor,
  q: Queryable,
  page: { limit: number; offset: number },
): Promise<{ total: number; gateway: 'simulator' | 'gateway'; items: SimulatedSms[] }> {
  simulatorScope(actor);
  const where = `o.channel = 'sms' AND o.state <> 'skipped'`;
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM message_outbox o WHERE ${where}`)).rows[0]!.n;
  const { rows } = await q.query<SimRow>(
    `SELECT o.*, s.phone_enc AS sim_phone_enc, s.text AS sim_text, s.sent_at AS sim_sent_at
       FROM message_outbox o LEFT JOIN sms_simulator_sent s ON s.idempotency_key = o.id::text
      WHERE ${where} ORDER BY o.created_at DESC, o.id LIMIT $1 OFFSET $2`,
    [page.limit, page.offset],
  );
  const items: SimulatedSms[] = [];
  for (const r of rows) {
    const phone = r.sim_phone_enc ? decrypt(r.sim_phone_enc) : r.person_id ? ((await persons.getPerson(q, r.person_id))?.phone ?? null) : null;
    items.push({
      id: r.id,
      phoneMasked: phone ? maskPhone(phone) : '—',
      text: r.sim_text ?? smsText(r.event, r.vars),
      state: r.state === 'sent' ? 'sent' : r.state === 'dead' ? 'failed' : 'scheduled',
      scheduledFor: r.next_attempt_at.toISOString(),
      sentAt: (r.sim_sent_at ?? r.sent_at)?.toISOString() ?? null,
      via: r.state !== 'sent' ? null : r.sim_sent_at ? 'simulator' : 'gateway',
      event: r.event,
    });
  }
  return { total, gateway: smsGatewayChoice().kind === 'http' ? 'gateway' : 'simulator', items };
}
