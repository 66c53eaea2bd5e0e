/**
 * The outbox: `notify(tx, …)` writes, in the transaction of the event that causes it, one row per channel
 * (in-app always; SMS too — the recipient's choice is applied at delivery). UNIQUE (event, key, recipient,
 * channel): the same event notified twice writes nothing the second time. An SMS row is due at the next
 * instant outside the quiet hours (22:00–08:00 Shanghai); an inbox row at once. A rolled-back event leaves no row.
 */
import type { Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { EVENTS, missingVars, nextSmsSlot, type MessageEvent } from './rules.js';

export interface NotifyInput {
  event: MessageEvent;
  /** The event's idempotency key within (event, recipient): e.g. the voucher id, or the voucher id + '30d'. */
  key: string;
  /** A worker: their person (the message reaches their account, and their phone). */
  personId?: string | null | undefined;
  /** A staff account (providers' staff): in-app only unless a person stands behind it. */
  accountId?: string | null | undefined;
  vars: Record<string, string>;
  /** An in-app path such as '/vouchers/<id>'. */
  link?: string | null | undefined;
  /** Defaults to the event's own (decisions and payments essential, reminders not). */
  essential?: boolean | undefined;
}

/** Writes the outbox rows of one event. Returns how many rows were new (0: already notified). */
export async function notify(tx: Tx, input: NotifyInput): Promise<number> {
  return notifyMany(tx, [input]);
}

/** The rows of several events (one per channel), checked: a wrong call is a programming error and throws. */
function outboxRows(inputs: readonly NotifyInput[], now: Date): object[] {
  const smsAt = nextSmsSlot(now);
  return inputs.flatMap((n) => {
    if (!(n.event in EVENTS)) throw new Error(`messages: unknown event ${n.event}`);
    const missing = missingVars(n.event, n.vars);
    if (missing.length) throw new Error(`messages: ${n.event} needs ${missing.join(', ')}`);
    if (!n.personId && !n.accountId) throw new Error(`messages: ${n.event} has no recipient`);
    const essential = n.essential ?? EVENTS[n.event].essential;
    const vars = Object.fromEntries(EVENTS[n.event].vars.map((v) => [v, n.vars[v]!]));
    const base = { event: n.event, key: n.key, person_id: n.personId ?? null, account_id: n.accountId ?? null, vars, link: n.link ?? null, essential };
    return [
      { ...base, channel: 'inbox', next_attempt_at: now.toISOString() },
      { ...base, channel: 'sms', next_attempt_at: smsAt.toISOString() },
    ];
  });
}

/** Every writer of the outbox inserts these columns and skips a row already there (told once per event, recipient and channel). */
const INSERT_INTO = `INSERT INTO message_outbox (event, key, person_id, account_id, channel, vars, link, essential, next_attempt_at, created_at)`;
const TOLD_ONCE = `ON CONFLICT (event, key, recipient, channel) DO NOTHING`;

const INSERT_SQL = (rows: string, createdAt: string) => `${INSERT_INTO}
     SELECT x.event, x.key, x.person_id, x.account_id, x.channel, x.vars, x.link, x.essential, x.next_attempt_at, ${createdAt}
       FROM jsonb_to_recordset(${rows}) AS x(event text, key text, person_id uuid, account_id uuid, channel text, vars jsonb, link text,
                                               essential boolean, next_attempt_at timestamptz)
     ${TOLD_ONCE}`;

/** Writes the outbox rows of several events in one statement (set-based callers: a chunk of issued vouchers). */
export async function notifyMany(tx: Tx, inputs: readonly NotifyInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const now = clockNow();
  const r = await tx.query(INSERT_SQL('$1::jsonb', '$2'), [JSON.stringify(outboxRows(inputs, now)), now]);
  return r.rowCount;
}

/**
 * The same, written in the COMMIT's round trip (Tx.atCommit) — for the hot paths (admission) that keep their last
 * writes there. Checked now: a wrong call throws before anything is deferred.
 */
export function notifyAtCommit(tx: Tx, inputs: readonly NotifyInput[]): void {
  if (inputs.length === 0) return;
  const now = clockNow();
  const rows = outboxRows(inputs, now);
  tx.atCommit({ sql: INSERT_SQL('$1::jsonb', '$2'), types: ['jsonb', 'timestamptz'], values: [JSON.stringify(rows), now.toISOString()] });
}

/**
 * The outbox rows of one event for every row of a query, written by one INSERT … SELECT inside the database (a
 * chunk of 20,000 issued vouchers: nothing read back into Node). `source.sql` yields the columns `key`,
 * `person_id`, `link` and one text column per variable of the event, named as the variable; its parameters are
 * `source.params` ($1…$n). Checked now: the variables named must be exactly the event's, or it throws.
 */
export async function notifyFromQuery(tx: Tx, event: MessageEvent, source: { sql: string; params: unknown[]; vars: readonly string[] }): Promise<number> {
  const def = EVENTS[event];
  if (!def) throw new Error(`messages: unknown event ${event}`);
  const declared: readonly string[] = def.vars;
  const missing = declared.filter((v) => !source.vars.includes(v));
  const extra = source.vars.filter((v) => !declared.includes(v));
  if (missing.length || extra.length) throw new Error(`messages: ${event} needs ${def.vars.join(', ')}; the query gives ${source.vars.join(', ')}`);
  const now = clockNow();
  const n = source.params.length;
  // the variable names are the event's declared identifiers (rules.EVENTS), never input
  const vars = declared.map((v) => `'${v}', s."${v}"::text`).join(', ');
  const r = await tx.query(
    `${INSERT_INTO}
     SELECT $${n + 1}, s.key, s.person_id, NULL, ch.channel, jsonb_build_object(${vars}), s.link, $${n + 2}, ch.at, $${n + 3}
       FROM (${source.sql}) s CROSS JOIN (VALUES ('inbox', $${n + 3}::timestamptz), ('sms', $${n + 4}::timestamptz)) AS ch(channel, at)
     ${TOLD_ONCE}`,
    [...source.params, event, def.essential, now, nextSmsSlot(now)],
  );
  return r.rowCount;
}
