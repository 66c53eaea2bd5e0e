/** Reading appeals: one (in the reader's scope), the appellant's own, the officers' queue, an attachment, the to-do count. */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { decrypt } from '../../lib/crypto.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';
import { assertInScope, scopeSql, type Actor, type Scope } from '../identity/index.js';
import * as persons from '../persons/index.js';
import * as subsidy from '../subsidy/index.js';
import { APPEAL_COLUMNS, appellantScope, handlerScope, placementOf, readerScope } from './policy.js';
import { toAppealView, type AppealRow, type AttachmentRow } from './rows.js';
import { nearUntil } from './rules.js';
import type { AppealView, ListFilter } from './schemas.js';
import { resolveTarget } from './targets.js';

/** Today and the last "near" date, read once per request. */
async function deadlineContext(q: Queryable, now: Date): Promise<{ today: string; nearLimit: string }> {
  const cal = await subsidy.loadCalendar(q);
  return { today: businessDate(now), nearLimit: nearUntil(now, cal.days) };
}

async function present(q: Queryable, rows: AppealRow[], now: Date): Promise<AppealView[]> {
  if (!rows.length) return [];
  const ctx = await deadlineContext(q, now);
  const atts = (
    await q.query<AttachmentRow>(
      'SELECT id, appeal_id, file_name, media_type, size_bytes, sha256 FROM appeal_attachments WHERE appeal_id = ANY($1::uuid[]) ORDER BY uploaded_at, id',
      [rows.map((r) => r.id)],
    )
  ).rows;
  const out: AppealView[] = [];
  for (const r of rows) {
    const person = await persons.getPerson(q, r.person_id);
    const target = await resolveTarget(q, r.kind, r.object_id);
    out.push(
      toAppealView(r, { personName: person?.name ?? '', objectStatus: target?.status ?? null, attachments: atts.filter((a) => a.appeal_id === r.id), ...ctx }),
    );
  }
  return out;
}

export async function presentOne(q: Queryable, r: AppealRow, now: Date = clockNow()): Promise<AppealView> {
  return (await present(q, [r], now))[0]!;
}

/** One appeal row in the scope (404 otherwise), optionally locked. */
export async function loadAppeal(q: Queryable, scope: Scope, id: string, lock = false): Promise<AppealRow> {
  if (!isUuid(id)) throw notFound('appeal', 'id');
  const r = (await q.query<AppealRow>(`SELECT * FROM appeals a WHERE a.id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  if (!r) throw notFound('appeal', 'id');
  assertInScope(scope, placementOf(r), 'appeal', 'id');
  // an appellant reads the appeals made from its side only (a provider does not read a trainee's appeal, nor the reverse)
  if ((scope.kind === 'person' && r.appellant_role !== 'worker') || (scope.kind === 'org' && r.appellant_role !== 'provider')) throw notFound('appeal', 'id');
  return r;
}

export async function getAppeal(actor: Actor, q: Queryable, id: string, now: Date = clockNow()): Promise<AppealView> {
  return presentOne(q, await loadAppeal(q, readerScope(actor), id), now);
}

/** The appellant's appeals (a worker's own; a provider's organisation's), newest first. */
export async function listMine(actor: Actor, q: Queryable, page: { limit: number; offset: number }, now: Date = clockNow()) {
  const scope = appellantScope(actor);
  const params: unknown[] = [];
  const where = `${scopeSql(scope, APPEAL_COLUMNS, params)} AND a.appellant_role = '${scope.kind === 'person' ? 'worker' : 'provider'}'`;
  const total = Number((await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM appeals a WHERE ${where}`, params)).rows[0]?.n ?? 0);
  const { rows } = await q.query<AppealRow>(
    `SELECT * FROM appeals a WHERE ${where} ORDER BY a.submitted_at DESC, a.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { total, items: await present(q, rows, now) };
}

/** The officers' queue in their scope: by state, kind, overdue; the nearest due date first. */
export async function listAppeals(actor: Actor, q: Queryable, f: ListFilter, now: Date = clockNow()) {
  const scope = handlerScope(actor);
  const params: unknown[] = [];
  const where = [scopeSql(scope, APPEAL_COLUMNS, params)];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.state) add('a.state = ?', f.state);
  if (f.kind) add('a.kind = ?', f.kind);
  if (f.overdue === 'true') add("a.state IN ('submitted', 'in_progress') AND a.due_on < ?::date", businessDate(now));
  if (f.overdue === 'false') add("NOT (a.state IN ('submitted', 'in_progress') AND a.due_on < ?::date)", businessDate(now));
  if (f.due === 'soon') add("a.state IN ('submitted', 'in_progress') AND a.due_on <= ?::date", (await deadlineContext(q, now)).nearLimit);
  const w = where.join(' AND ');
  const total = Number((await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM appeals a WHERE ${w}`, params)).rows[0]?.n ?? 0);
  const { rows } = await q.query<AppealRow>(
    `SELECT * FROM appeals a WHERE ${w}
      ORDER BY (a.state IN ('submitted', 'in_progress')) DESC, a.due_on, a.submitted_at, a.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: await present(q, rows, now) };
}

/** An attachment's file, to whoever reads the appeal (404 otherwise), checked against its SHA-256. */
export async function readAttachment(actor: Actor, q: Queryable, id: string, attachmentId: string) {
  const a = await loadAppeal(q, readerScope(actor), id);
  const r = (await q.query<AttachmentRow & { content_enc: string }>('SELECT * FROM appeal_attachments WHERE id = $1 AND appeal_id = $2', [attachmentId, a.id]))
    .rows[0];
  if (!r) throw notFound('attachment', 'attachmentId');
  const content = Buffer.from(decrypt(r.content_enc), 'base64');
  if (createHash('sha256').update(content).digest('hex') !== r.sha256) throw new AppError('INTERNAL', 'the stored file is damaged');
  return { fileName: r.file_name, mediaType: r.media_type, sha256: r.sha256, content };
}

/** 申诉 to-do: appeals waiting for an officer whose answer is due within 3 working days or overdue, in the scope. */
export async function countAppealsDue(q: Queryable, scope: Scope, now: Date = clockNow()): Promise<number> {
  const { nearLimit } = await deadlineContext(q, now);
  const params: unknown[] = [nearLimit];
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appeals a WHERE a.state IN ('submitted', 'in_progress') AND a.due_on <= $1::date AND ${scopeSql(scope, APPEAL_COLUMNS, params)}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}
