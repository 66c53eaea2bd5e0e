/**
 * An appeal made (申诉): by the worker whose refusal it is, or the provider whose class's claim or check-in it is;
 * only a refusal in force, one open appeal per object; the text and up to five small files (PDF / JPEG / PNG by
 * their first bytes, ≤ 5 MB each, encrypted at rest) checked before anything is written; the answer is due on the 15th working day.
 */
import { createHash } from 'node:crypto';
import type { Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { encrypt } from '../../lib/crypto.js';
import { AppError, notFound } from '../../lib/errors.js';
import { businessDate } from '../../lib/time.js';
import * as audit from '../audit/index.js';
import { covers, type Actor } from '../identity/index.js';
import * as rehab from '../rehab/index.js';
import * as subsidy from '../subsidy/index.js';
import { appellantScope } from './policy.js';
import { presentOne } from './queries.js';
import type { AppealRow } from './rows.js';
import { appealDeadline, ATTACHMENT_MAX_BYTES, safeFileName } from './rules.js';
import type { AppealView, SubmitInput } from './schemas.js';
import { PROVIDER_KINDS, resolveTarget, type Target } from './targets.js';

interface File {
  name: string;
  type: string;
  content: Buffer;
  sha256: string;
}

/** Every attachment decoded and checked (the first bad one refused, naming it) before any write. */
function decodeAttachments(input: SubmitInput['attachments']): File[] {
  return input.map((a, i) => {
    const content = Buffer.from(a.content, 'base64');
    const field = `attachments.${i}.content`;
    if (content.length === 0) throw new AppError('VALIDATION_FAILED', 'the file is empty', field);
    if (content.length > ATTACHMENT_MAX_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${ATTACHMENT_MAX_BYTES} bytes`, field, { maxBytes: ATTACHMENT_MAX_BYTES });
    const type = rehab.sniffType(content);
    if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'attachments are PDF, JPEG or PNG files', field);
    return { name: safeFileName(a.name), type, content, sha256: createHash('sha256').update(content).digest('hex') };
  });
}

/** The object as the appellant reaches it: their own (a worker), their class's claim or check-in (a provider); else 404. */
async function targetFor(actor: Actor, tx: Tx, input: SubmitInput): Promise<Target> {
  const scope = appellantScope(actor);
  const t = await resolveTarget(tx, input.kind, input.objectId);
  const reaches =
    t !== null &&
    (scope.kind === 'person' ? covers(scope, { personId: t.personId }) : PROVIDER_KINDS.includes(t.kind) && covers(scope, { orgIds: [t.providerId] }));
  if (!t || !reaches) throw notFound(input.kind.replace('_', ' '), 'objectId');
  if (!t.refused) throw new AppError('APPEAL_NOT_APPEALABLE', `this ${input.kind} is not a refusal in force (${t.status})`, 'objectId', { status: t.status });
  return t;
}

async function nextNumber(tx: Tx, now: Date): Promise<string> {
  const n = Number((await tx.query<{ n: number }>("SELECT nextval('appeal_numbers')::int AS n")).rows[0]!.n);
  return `SS${businessDate(now).replaceAll('-', '')}${String(n).padStart(6, '0')}`;
}

export async function submitAppeal(actor: Actor, tx: Tx, input: SubmitInput, now: Date = clockNow()): Promise<AppealView> {
  const t = await targetFor(actor, tx, input);
  const files = decodeAttachments(input.attachments);
  const open = await tx.query<{ number: string }>("SELECT number FROM appeals WHERE kind = $1 AND object_id = $2 AND state <> 'closed'", [t.kind, t.objectId]);
  if (open.rows[0]) throw new AppError('APPEAL_ALREADY_OPEN', `appeal ${open.rows[0].number} on this ${t.kind} is still open`, 'objectId');
  const cal = await subsidy.loadCalendar(tx);
  const due = appealDeadline(now, cal.days, cal.years);
  let row: AppealRow;
  try {
    row = (
      await tx.query<AppealRow>(
        `INSERT INTO appeals (number, kind, object_id, object_label, person_id, district_code, provider_id, appellant_id, appellant_role, text,
                              decision_reason, decision_at, decision_ref, submitted_at, due_on, due_provisional)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) RETURNING *`,
        [
          await nextNumber(tx, now),
          t.kind,
          t.objectId,
          t.label,
          t.personId,
          t.districtCode,
          t.providerId,
          actor.accountId,
          actor.role,
          input.text.trim(),
          t.decision.reason,
          t.decision.at,
          t.decision.ref,
          now,
          due.dueOn,
          due.provisional,
        ],
      )
    ).rows[0]!;
  } catch (e) {
    // a concurrent appeal on the same object won the one-open index
    if ((e as { code?: unknown }).code === '23505') throw new AppError('APPEAL_ALREADY_OPEN', `an appeal on this ${t.kind} is already open`, 'objectId');
    throw e;
  }
  for (const f of files)
    await tx.query(
      'INSERT INTO appeal_attachments (appeal_id, file_name, media_type, size_bytes, sha256, content_enc, uploaded_at) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [row.id, f.name, f.type, f.content.length, f.sha256, encrypt(f.content.toString('base64')), now],
    );
  await audit.record(tx, actor, {
    action: 'appeal.submit',
    entityType: 'appeal',
    entityId: row.id,
    districtCode: row.district_code,
    detail: { number: row.number, kind: t.kind, objectId: t.objectId, dueOn: due.dueOn, attachments: files.map((f) => f.sha256) },
  });
  return presentOne(tx, row, now);
}
