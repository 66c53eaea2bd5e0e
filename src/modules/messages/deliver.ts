/**
 * Delivery through the pg-boss queue (src/jobs/queue.ts), the outbox staying the durable record:
 *  - the relay takes the due outbox rows not yet enqueued (FOR UPDATE SKIP LOCKED: relays on several nodes never
 *    take the same row) and, in that transaction, inserts one pg-boss job per row and records the job's id on it:
 *    a row is enqueued once (again only after a failure cleared the mark, or an officer's retry);
 *  - a job's handler locks its row (FOR UPDATE) and delivers it only if it is still queued under that job, then
 *    records the result and completes the job in the same transaction. Exactly once in effect: an inbox message is
 *    inserted in that transaction (UNIQUE outbox_id), the simulator's send too; the HTTP gateway gets the row's id
 *    as Idempotency-Key. A worker killed mid-delivery (kill -9) leaves its transaction to roll back and its job
 *    active: pg-boss's maintenance expires it and the job runs again, and delivers the still-queued row.
 *  - a gateway failure keeps the messages' own rules (rules.afterFailure back-off, SMS never in the quiet hours,
 *    by our clock): the attempt is recorded, the enqueued mark cleared and the row due again later; after the
 *    last attempt, or a refusal, it goes to the dead-letter list. An unexpected error (a bug, a database error)
 *    throws: pg-boss re-runs the job (the queue's retryLimit, retryDelay, retryBackoff) and then moves it to its
 *    dead-letter queue, whose handler puts the row on the dead-letter list (投递失败).
 * `deliverDue` is the synchronous drain (tests, the test worker process): the relay, then the queue's jobs fetched,
 * handled and completed or failed through pg-boss until none is due.
 */
import { randomUUID } from 'node:crypto';
import { messageQueueSettings } from '../../config.js';
import type { Db, Tx } from '../../db/index.js';
import { bossDb, queueFor, type Boss, type QueueDef, type QueueJob } from '../../jobs/queue.js';
import { now as clockNow } from '../../lib/clock.js';
import { maskName } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import * as identity from '../identity/index.js';
import * as persons from '../persons/index.js';
import { gatewayFor, SmsSendError, type SmsGateway } from './gateway.js';
import { preferencesOf } from './preferences.js';
import type { OutboxRow } from './rows.js';
import { afterFailure, nextSmsSlot, smsText } from './rules.js';

/** The queue of delivery jobs (one per enqueued outbox row) and its dead-letter queue. */
export const DELIVER_QUEUE = 'messages-deliver';
export const DEAD_LETTER_QUEUE = 'messages-deliver-dead';

/** A delivery job's data: the outbox row, and the job's own id (a dead-letter job carries its failed job's). */
export interface DeliveryJobData {
  outboxId: string;
  jobId: string;
}

export interface DeliveryOptions {
  /** At most this many jobs in one pass (default 500). */
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

const defaultGateway = (tx: Tx): SmsGateway => gatewayFor(tx);

/** The messages' queues, created (or updated to the configured settings) once per PgBoss. */
export const messageQueues: QueueDef = {
  async setup(boss) {
    const s = messageQueueSettings();
    // the dead-letter queue's own job only marks a row: a few quick re-runs if the database hiccups
    await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, retryLimit: 5, retryDelay: 10, retryBackoff: true });
    const opts = {
      name: DELIVER_QUEUE,
      retryLimit: s.retryLimit,
      retryDelay: s.retryDelaySeconds,
      retryBackoff: s.retryBackoff,
      expireInSeconds: s.expireSeconds,
      deadLetter: DEAD_LETTER_QUEUE,
    };
    await boss.createQueue(DELIVER_QUEUE, opts);
    await boss.updateQueue(DELIVER_QUEUE, opts);
  },
  workers: [
    { queue: DELIVER_QUEUE, handle: (db, boss, job) => deliverJob(db, boss, job as QueueJob<DeliveryJobData>, defaultGateway) },
    { queue: DEAD_LETTER_QUEUE, handle: (db, boss, job) => deadLetterJob(db, boss, job as QueueJob<DeliveryJobData>) },
  ],
  // the relay, every 3 s in the running app (the minutely job `messages.deliver` runs it too)
  ticks: [{ name: 'messages.relay', everyMs: 3_000, run: (db, boss) => relayDue(db, boss) }],
};

/** The relay: due outbox rows not yet enqueued → one pg-boss job each, marked enqueued, in one transaction. */
export async function relayDue(db: Db, boss?: Boss, limit = 500): Promise<number> {
  const b = boss ?? (await queueFor(db, messageQueues));
  return db.tx(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id FROM message_outbox WHERE state = 'queued' AND job_id IS NULL AND next_attempt_at <= $1
        ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [clockNow(), limit],
    );
    if (rows.length === 0) return 0;
    const jobs = rows.map((r) => ({ outboxId: r.id, jobId: randomUUID() }));
    await b.insert(
      jobs.map((j) => ({ id: j.jobId, name: DELIVER_QUEUE, data: j })),
      { db: bossDb(tx) },
    );
    await tx.query(`UPDATE message_outbox o SET job_id = j.job_id FROM unnest($1::uuid[], $2::uuid[]) AS j(id, job_id) WHERE o.id = j.id`, [
      jobs.map((j) => j.outboxId),
      jobs.map((j) => j.jobId),
    ]);
    return rows.length;
  });
}

/**
 * One delivery job: its row under its lock, delivered only if still queued under this job (a re-run after a crash,
 * an expiry or a stale job does nothing more); the job completed in the same transaction. Throws on an unexpected
 * error: nothing is recorded and pg-boss re-runs the job.
 */
export async function deliverJob(db: Db, boss: Boss, job: QueueJob<DeliveryJobData>, gateway: (tx: Tx) => SmsGateway): Promise<Outcome | null> {
  return db.tx(async (tx) => {
    const row = (await tx.query<OutboxRow>('SELECT * FROM message_outbox WHERE id = $1 FOR UPDATE', [job.data.outboxId])).rows[0];
    const outcome = row && row.state === 'queued' && row.job_id === job.id ? await deliverRow(tx, row, gateway) : null;
    await boss.complete(DELIVER_QUEUE, job.id, {}, { db: bossDb(tx) });
    return outcome;
  });
}

/** A delivery job pg-boss gave up on (its last re-run threw, or expired): its row goes to the dead-letter list. */
export async function deadLetterJob(db: Db, boss: Boss, job: QueueJob<DeliveryJobData>): Promise<boolean> {
  return db.tx(async (tx) => {
    const row = (await tx.query<OutboxRow>('SELECT * FROM message_outbox WHERE id = $1 FOR UPDATE', [job.data.outboxId])).rows[0];
    let dead = false;
    if (row && row.state === 'queued' && row.job_id === job.data.jobId) {
      const output = job.output as { message?: unknown } | null;
      const error = typeof output?.message === 'string' && output.message ? output.message : 'delivery failed';
      if (row.district_code === null) {
        // the failed runs rolled back the recipient's district and label: the list's scope needs them
        await tx.exec('SAVEPOINT recipient');
        try {
          const to = await recipientOf(tx, row);
          await tx.query('UPDATE message_outbox SET district_code = $2, recipient_label = $3 WHERE id = $1', [row.id, to.districtCode, to.label]);
          row.district_code = to.districtCode;
          await tx.exec('RELEASE SAVEPOINT recipient');
        } catch {
          await tx.exec('ROLLBACK TO SAVEPOINT recipient');
        }
      }
      // every run pg-boss made counts as an attempt
      await markDead(tx, row, row.attempts + messageQueueSettings().retryLimit + 1, error, clockNow());
      dead = true;
    }
    await boss.complete(DEAD_LETTER_QUEUE, job.id, {}, { db: bossDb(tx) });
    return dead;
  });
}

/** Delivers what is due now, through the queue, until none is due or `limit` jobs were handled. */
export async function deliverDue(db: Db, opts: DeliveryOptions = {}): Promise<DeliveryTally> {
  const tally: DeliveryTally = { sent: 0, skipped: 0, retried: 0, dead: 0, deferred: 0 };
  const limit = opts.limit ?? 500;
  const gateway = opts.gateway ?? defaultGateway;
  const boss = await queueFor(db, messageQueues);
  // jobs left active past their expiry (their worker was killed) run again, or go to the dead-letter queue
  await boss.expire();
  let handled = 0;
  while (handled < limit) {
    await relayDue(db, boss, limit - handled);
    let progressed = false;
    for (;;) {
      if (handled >= limit) break;
      const [job] = await boss.fetch<DeliveryJobData>(DELIVER_QUEUE, { batchSize: 1, includeMetadata: true });
      if (!job) break;
      progressed = true;
      handled++;
      try {
        const outcome = await deliverJob(db, boss, job, gateway);
        if (outcome) tally[outcome]++;
      } catch (e) {
        await boss.fail(DELIVER_QUEUE, job.id, e instanceof Error ? e : { message: String(e) });
      }
    }
    for (;;) {
      const [job] = await boss.fetch<DeliveryJobData>(DEAD_LETTER_QUEUE, { batchSize: 1, includeMetadata: true });
      if (!job) break;
      progressed = true;
      try {
        if (await deadLetterJob(db, boss, job)) tally.dead++;
      } catch (e) {
        await boss.fail(DEAD_LETTER_QUEUE, job.id, e instanceof Error ? e : { message: String(e) });
      }
    }
    if (!progressed) break;
  }
  return tally;
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
    await tx.query('UPDATE message_outbox SET next_attempt_at = $2, job_id = NULL WHERE id = $1', [row.id, slot]);
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
    await markDead(tx, row, attempts, error, now);
    return 'dead';
  }
  // due again after the back-off: the relay enqueues it then
  await tx.query('UPDATE message_outbox SET attempts = $2, last_error = $3, next_attempt_at = $4, job_id = NULL WHERE id = $1', [
    id,
    attempts,
    error,
    next.nextAt,
  ]);
  return 'retried';
}

/** The row on the dead-letter list (投递失败), with its audit entry. */
async function markDead(tx: Tx, row: OutboxRow, attempts: number, error: string, now: Date): Promise<void> {
  await tx.query(`UPDATE message_outbox SET state = 'dead', attempts = $2, last_error = $3, failed_at = $4 WHERE id = $1`, [row.id, attempts, error, now]);
  await audit.record(tx, audit.SYSTEM, {
    action: 'message.dead_letter',
    entityType: 'message',
    entityId: row.id,
    districtCode: row.district_code,
    detail: { event: row.event, channel: row.channel, attempts, error },
  });
}
