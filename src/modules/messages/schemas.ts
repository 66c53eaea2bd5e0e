/** The messages API's schemas (contract: /work/wt/contracts/messages.md). */
import { z } from 'zod';
import { Paging } from '../../http/route.js';

const boolText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const InboxQuery = z.strictObject({
  unread: boolText.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: Paging.offset,
  lang: z.enum(['zh-CN', 'en']).optional(),
});

export const InboxItemSchema = z
  .object({
    id: z.uuid(),
    event: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'InboxMessage' });

export const InboxSchema = z.object({ total: z.number().int(), unread: z.number().int(), items: z.array(InboxItemSchema) }).meta({ id: 'Inbox' });
export const UnreadSchema = z.object({ unread: z.number().int() });
export const ReadSchema = z.object({ id: z.uuid(), readAt: z.string() });
export const ReadAllSchema = z.object({ updated: z.number().int() });

export const PreferencesSchema = z
  .object({
    sms: z.boolean(),
    reminders: z.boolean(),
    smsAvailable: z.boolean(),
    quietHours: z.object({ from: z.string(), to: z.string() }),
  })
  .meta({ id: 'MessagePreferences' });

export const PreferencesBody = z.strictObject({ sms: z.boolean().optional(), reminders: z.boolean().optional() });

export const PageQuery = z.strictObject({ limit: Paging.limit, offset: Paging.offset });

export const SimulatedSmsSchema = z
  .object({
    id: z.uuid(),
    phoneMasked: z.string(),
    text: z.string(),
    state: z.enum(['scheduled', 'sent', 'failed']),
    scheduledFor: z.string(),
    sentAt: z.string().nullable(),
    via: z.enum(['simulator', 'gateway']).nullable().describe('a sent SMS: through the built-in simulator or a real gateway; null until sent'),
    event: z.string(),
  })
  .meta({ id: 'SimulatedSms' });

/** The outbox page, with the gateway configured now (SMS_GATEWAY_URL set: a real gateway). */
export const SimulatedSmsPageSchema = z.object({
  total: z.number().int(),
  gateway: z.enum(['simulator', 'gateway']).describe('the SMS gateway configured now: the built-in simulator, or a real gateway'),
  items: z.array(SimulatedSmsSchema),
});

export const DeadLetterSchema = z
  .object({
    id: z.uuid(),
    event: z.string(),
    channel: z.enum(['inbox', 'sms']),
    recipientLabel: z.string(),
    attempts: z.number().int(),
    lastError: z.string(),
    failedAt: z.string(),
  })
  .meta({ id: 'DeadLetter' });

export const RetrySchema = z.object({ id: z.uuid(), state: z.literal('queued') });
