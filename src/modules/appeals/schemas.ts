/** Request and response shapes of appeals (申诉); view types are their z.infer. */
import { z } from 'zod';
import { Paging } from '../../http/route.js';
import { APPEAL_KINDS, APPEAL_STATES, ATTACHMENT_MAX_BYTES, ATTACHMENTS_MAX } from './rules.js';

// the schema bounds the request (twice the limit); the service decodes and answers PAYLOAD_TOO_LARGE past 5 MB
const Base64Max = Math.ceil((2 * ATTACHMENT_MAX_BYTES) / 3) * 4;

export const AttachmentUpload = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('the file name as the appellant knows it'),
  content: z
    .string()
    .min(4)
    .max(Base64Max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
    .describe('the file, base64; PDF, JPEG or PNG by its first bytes, at most 5 MB'),
});

export const SubmitBody = z.strictObject({
  kind: z.enum(APPEAL_KINDS).describe('what is appealed: claim, check_in, voucher_application, rehab_refusal'),
  objectId: z.uuid().describe('the claim, check-in, voucher (of the application) or rehabilitation case'),
  text: z.string().trim().min(5).max(2000).describe('why the decision is wrong (5–2000 characters)'),
  attachments: z.array(AttachmentUpload).max(ATTACHMENTS_MAX).default([]),
});

export const AnswerBody = z.strictObject({
  outcome: z.enum(['uphold', 'overturn']).describe('维持原决定 (uphold) or 撤销原决定 (overturn: the effect is applied by the owning service)'),
  reason: z.string().trim().min(2).max(2000).describe('the written reason, shown to the appellant'),
});

export const CloseBody = z.strictObject({});
export const TakeBody = z.strictObject({});

export const ListQuery = z.strictObject({
  state: z.enum(APPEAL_STATES).optional(),
  kind: z.enum(APPEAL_KINDS).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: waiting for an officer past the due date'),
  due: z.enum(['soon']).optional().describe('soon: waiting for an officer, due within 3 working days or overdue (the workbench to-do)'),
  ...Paging,
});

export const MineQuery = z.strictObject({ ...Paging });

export const AttachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

export const AttachmentSchema = z
  .object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int() })
  .meta({ id: 'AppealAttachment' });

export const AppealSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(APPEAL_KINDS),
    objectId: z.string(),
    objectLabel: z.string(),
    /** The object's state now, as its owner names it (e.g. a claim's in_review after an overturn). */
    objectStatus: z.string().nullable(),
    person: z.string().describe('the person whose object it is, name masked'),
    appellantRole: z.enum(['worker', 'provider']),
    text: z.string(),
    decision: z.object({ reason: z.string().nullable(), at: z.string().nullable(), ref: z.string().nullable() }),
    state: z.enum(APPEAL_STATES),
    outcome: z.enum(['upheld', 'overturned']).nullable(),
    answer: z.string().nullable(),
    effect: z.record(z.string(), z.union([z.string(), z.boolean()])).nullable(),
    submittedAt: z.string(),
    dueOn: z.string(),
    dueProvisional: z.boolean(),
    deadline: z.enum(['ok', 'near', 'overdue', 'met', 'missed']),
    takenAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    attachments: z.array(AttachmentSchema),
  })
  .meta({ id: 'Appeal' });

export type AppealView = z.infer<typeof AppealSchema>;
export type SubmitInput = z.infer<typeof SubmitBody>;
export type AnswerInput = z.infer<typeof AnswerBody>;
export type ListFilter = z.infer<typeof ListQuery>;
