/** 站内信: the signed-in account's own messages, rendered in the reader's language; read / unread. */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { ownerSql } from './policy.js';
import type { InboxRow } from './rows.js';
import { render, type Lang } from './rules.js';

export interface InboxItem {
  id: string;
  event: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const presentInbox = (r: InboxRow, lang: Lang): InboxItem => {
  const t = render(r.event, r.vars, lang);
  return {
    id: r.id,
    event: r.event,
    title: t.title,
    body: t.body,
    link: r.link,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
};

export async function unreadCount(actor: Actor, q: Queryable): Promise<{ unread: number }> {
  const params: unknown[] = [];
  const own = ownerSql(actor, params);
  const r = await q.query<{ n: number }>(`SELECT count(*) AS n FROM message_inbox WHERE ${own} AND read_at IS NULL`, params);
  return { unread: r.rows[0]!.n };
}

export async function listInbox(
  actor: Actor,
  q: Queryable,
  f: { unread?: boolean | undefined; limit: number; offset: number; lang: Lang },
): Promise<{ total: number; unread: number; items: InboxItem[] }> {
  const params: unknown[] = [];
  const own = ownerSql(actor, params);
  const where = f.unread === true ? `${own} AND read_at IS NULL` : f.unread === false ? `${own} AND read_at IS NOT NULL` : own;
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM message_inbox WHERE ${where}`, params)).rows[0]!.n;
  const { rows } = await q.query<InboxRow>(
    `SELECT * FROM message_inbox WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  const { unread } = await unreadCount(actor, q);
  return { total, unread, items: rows.map((r) => presentInbox(r, f.lang)) };
}

/** Marks one of the account's own messages read (another account's → 404); reading twice keeps the first time. */
export async function markRead(actor: Actor, tx: Tx, id: string): Promise<{ id: string; readAt: string }> {
  if (!isUuid(id)) throw notFound('message');
  const params: unknown[] = [id];
  const own = ownerSql(actor, params);
  const row = (await tx.query<InboxRow>(`SELECT * FROM message_inbox WHERE id = $1 AND ${own} FOR UPDATE`, params)).rows[0];
  if (!row) throw notFound('message');
  if (row.read_at) return { id: row.id, readAt: row.read_at.toISOString() };
  const at = clockNow();
  await tx.query('UPDATE message_inbox SET read_at = $2 WHERE id = $1', [id, at]);
  await audit.record(tx, actor, { action: 'message.read', entityType: 'message', entityId: id });
  return { id, readAt: at.toISOString() };
}

export async function markAllRead(actor: Actor, tx: Tx): Promise<{ updated: number }> {
  const params: unknown[] = [clockNow()];
  const own = ownerSql(actor, params);
  const r = await tx.query(`UPDATE message_inbox SET read_at = $1 WHERE ${own} AND read_at IS NULL`, params);
  if (r.rowCount > 0)
    await audit.record(tx, actor, { action: 'message.read_all', entityType: 'account', entityId: actor.accountId, detail: { updated: r.rowCount } });
  return { updated: r.rowCount };
}
