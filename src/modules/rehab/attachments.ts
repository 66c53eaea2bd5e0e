/**
 * Attachments of an application (诊断证明, 出院小结 …): PDF, JPEG or PNG decided by the content's first bytes,
 * limited in size (config.ts `rehabFileSettings`), stored once per content under the configured directory as
 * `<sha256>`, and served only to whoever reaches the case.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rehabFileSettings } from '../../config.js';
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { addEvent, attachmentsOf, loadCase } from './cases.js';
import { APPLICANTS, CASE_READERS, scopeFor } from './policy.js';
import type { AttachmentView } from './rows.js';
import { sniffType, WITHDRAWABLE } from './rules.js';

const pathOf = (sha: string): string => join(rehabFileSettings().dir, sha);

/** Writes the content once (a temporary name, then a rename: a reader never sees half a file). */
async function store(buf: Buffer, sha: string): Promise<void> {
  const dir = rehabFileSettings().dir;
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${sha}.${randomBytes(6).toString('hex')}.part`);
  await writeFile(tmp, buf);
  await rename(tmp, pathOf(sha));
}

/** The file name as shown: no path separators or control characters, at most 200 characters. */
const safeName = (raw: string): string =>
  Array.from(raw, (ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch))
    .join('')
    .slice(0, 200) || 'attachment';

export async function addAttachment(actor: Actor, tx: Tx, caseId: string, fileName: string, buf: Buffer): Promise<AttachmentView> {
  const c = await loadCase(tx, scopeFor(actor, APPLICANTS, 'the worker or the employer adds material'), caseId, true);
  if (!WITHDRAWABLE.includes(c.status))
    throw new AppError('CONFLICT', `material is added before the decision (the case is ${c.status})`, 'status', { status: c.status });
  const { maxBytes } = rehabFileSettings();
  if (buf.length === 0) throw new AppError('VALIDATION_FAILED', 'the file is empty', 'body');
  if (buf.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${maxBytes} bytes`, 'body', { maxBytes });
  const type = sniffType(buf);
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'attachments are PDF, JPEG or PNG files', 'body');
  const sha = createHash('sha256').update(buf).digest('hex');
  await store(buf, sha);
  const now = clockNow();
  const name = safeName(fileName);
  const row = (
    await tx.query<{ id: string }>(
      'INSERT INTO rehab_attachments (case_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id',
      [c.id, name, type, buf.length, sha, actor.accountId, now],
    )
  ).rows[0]!;
  await addEvent(tx, c.id, 'attachment_added', actor, name, now);
  await audit.record(tx, actor, {
    action: 'rehab.attachment_added',
    entityType: 'rehab_case',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { attachmentId: row.id, mediaType: type, sizeBytes: buf.length, sha256: sha },
  });
  return (await attachmentsOf(tx, c.id)).find((a) => a.id === row.id)!;
}

/** The file of an attachment of a case the actor reaches (404 otherwise), checked against its SHA-256. */
export async function readAttachment(actor: Actor, q: Queryable, caseId: string, attachmentId: string): Promise<{ view: AttachmentView; content: Buffer }> {
  const c = await loadCase(q, scopeFor(actor, CASE_READERS), caseId);
  const view = (await attachmentsOf(q, c.id)).find((a) => a.id === attachmentId.toLowerCase());
  if (!view) throw notFound('attachment', 'attachmentId');
  const content = await readFile(pathOf(view.sha256)).catch(() => null);
  if (!content || createHash('sha256').update(content).digest('hex') !== view.sha256) throw new AppError('INTERNAL', 'the stored file is missing or damaged');
  return { view, content };
}
