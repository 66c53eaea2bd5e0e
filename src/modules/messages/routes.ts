import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import { prefersChinese } from '../../http/problem.js';
import { defineRoute, IdParams, Page } from '../../http/route.js';
import { DEAD_LETTER_READERS, DEAD_LETTER_RETRIERS, SIMULATOR_READERS } from './policy.js';
import type { Lang } from './rules.js';
import {
  DeadLetterSchema,
  InboxQuery,
  InboxSchema,
  PageQuery,
  PreferencesBody,
  PreferencesSchema,
  ReadAllSchema,
  ReadSchema,
  RetrySchema,
  SimulatedSmsPageSchema,
  UnreadSchema,
} from './schemas.js';
import * as messages from './service.js';

const TAGS = ['messages'];

/** `?lang=` first, else the Accept-Language header (English only when it is preferred to Chinese); zh-CN by default. */
const langOf = (req: FastifyRequest, asked: Lang | undefined): Lang => {
  if (asked) return asked;
  const h = req.headers['accept-language'];
  return h && !prefersChinese(h) && /\ben\b|^en/i.test(Array.isArray(h) ? h.join(',') : h) ? 'en' : 'zh-CN';
};

function registerInboxRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/messages/inbox',
    operationId: 'listInbox',
    summary: '站内信: the signed-in account’s own messages, newest first, in the reader’s language',
    tags: TAGS,
    access: 'any',
    query: InboxQuery,
    response: InboxSchema,
    handler: async ({ actor, q, query, req }) =>
      messages.listInbox(actor, q, { unread: query.unread, limit: query.limit, offset: query.offset, lang: langOf(req, query.lang) }),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/messages/unread-count',
    operationId: 'unreadMessageCount',
    summary: 'How many of the signed-in account’s messages are unread (the header’s badge)',
    tags: TAGS,
    access: 'any',
    response: UnreadSchema,
    handler: async ({ actor, q }) => messages.unreadCount(actor, q),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/messages/inbox/:id/read',
    operationId: 'markMessageRead',
    summary: 'Mark one of the account’s own messages read (another account’s → 404)',
    tags: TAGS,
    access: 'any',
    params: IdParams,
    response: ReadSchema,
    tx: true,
    handler: async ({ actor, tx, params }) => messages.markRead(actor, tx, params.id),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/messages/inbox/read-all',
    operationId: 'markAllMessagesRead',
    summary: 'Mark all the account’s unread messages read',
    tags: TAGS,
    access: 'any',
    response: ReadAllSchema,
    tx: true,
    handler: async ({ actor, tx }) => messages.markAllRead(actor, tx),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/messages/preferences',
    operationId: 'getMessagePreferences',
    summary: 'The account’s message preferences: SMS too, non-essential reminders; whether a phone is on file; the quiet hours',
    tags: TAGS,
    access: 'any',
    response: PreferencesSchema,
    handler: async ({ actor, q }) => messages.getPreferences(actor, q),
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/messages/preferences',
    operationId: 'setMessagePreferences',
    summary: 'Change the account’s message preferences (essential messages are always sent in-app)',
    tags: TAGS,
    access: 'any',
    body: PreferencesBody,
    response: PreferencesSchema,
    tx: true,
    handler: async ({ actor, tx, body }) => messages.setPreferences(actor, tx, body),
  });
}

function registerOfficerRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/messages/sms-simulator',
    operationId: 'listSimulatedSms',
    summary: '短信模拟器: the SMS the platform scheduled, sent (through the built-in simulator or the configured gateway), or gave up (phones masked)',
    tags: TAGS,
    access: SIMULATOR_READERS,
    query: PageQuery,
    response: SimulatedSmsPageSchema,
    handler: async ({ actor, q, query }) => messages.listSimulatedSms(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/messages/dead-letters',
    operationId: 'listDeadLetters',
    summary: 'Messages given up after their last attempt or refused by the gateway (district admins: their district’s recipients)',
    tags: TAGS,
    access: DEAD_LETTER_READERS,
    query: PageQuery,
    response: Page(DeadLetterSchema),
    handler: async ({ actor, q, query }) => messages.listDeadLetters(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/messages/dead-letters/:id/retry',
    operationId: 'retryDeadLetter',
    summary: 'Queue a dead letter again (its attempts counted afresh)',
    tags: TAGS,
    access: DEAD_LETTER_RETRIERS,
    params: IdParams,
    response: RetrySchema,
    tx: true,
    handler: async ({ actor, tx, params }) => messages.retryDeadLetter(actor, tx, params.id),
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerInboxRoutes(app, db);
  registerOfficerRoutes(app, db);
}
