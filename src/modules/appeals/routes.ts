import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, Page } from '../../http/route.js';
import { APPELLANTS, HANDLERS, READERS } from './policy.js';
import { AnswerBody, AppealSchema, AttachmentParams, CloseBody, ListQuery, MineQuery, SubmitBody, TakeBody } from './schemas.js';
import * as appeals from './service.js';

const TAGS = ['appeals'];

/** The appellant's side: make an appeal, list one's own, read one (also the officers), download an attachment. */
function registerAppellantRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/appeals',
    operationId: 'submitAppeal',
    summary:
      '申诉: appeal a refusal (a rejected claim, a check-in rejected on review, an application without a subsidy voucher, a refused rehabilitation application) with text and up to 5 files (PDF/JPEG/PNG, ≤ 5 MB each, base64)',
    tags: TAGS,
    access: APPELLANTS,
    body: SubmitBody,
    bodyLimit: 40 * 1024 * 1024,
    status: 201,
    response: AppealSchema,
    tx: true,
    handler: async ({ actor, tx, body }) => appeals.submitAppeal(actor, tx, body),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/appeals/mine',
    operationId: 'listMyAppeals',
    summary: '我的申诉: the appeals the signed-in worker (or provider) made, with their state and due date',
    tags: TAGS,
    access: APPELLANTS,
    query: MineQuery,
    response: Page(AppealSchema),
    handler: async ({ actor, q, query }) => appeals.listMine(actor, q, query),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/appeals/:id',
    operationId: 'getAppeal',
    summary: 'One appeal with the original decision, the text, attachments, the answer and its effect (in the reader’s scope)',
    tags: TAGS,
    access: READERS,
    params: IdParams,
    response: AppealSchema,
    handler: async ({ actor, q, params }) => appeals.getAppeal(actor, q, params.id),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/appeals/:id/attachments/:attachmentId',
    operationId: 'downloadAppealAttachment',
    summary: 'An attachment’s file (only within the appeal’s scope)',
    tags: TAGS,
    access: READERS,
    params: AttachmentParams,
    response: z.string(),
    handler: async ({ actor, q, params, reply }) => {
      const f = await appeals.readAttachment(actor, q, params.id, params.attachmentId);
      reply
        .header('content-type', f.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-sha256', f.sha256);
      await reply.send(f.content);
      return '';
    },
  });
}

/** The officers' side: the queue, take, answer (uphold / overturn), close. */
function registerHandlerRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/appeals',
    operationId: 'listAppeals',
    summary: '申诉处理: the appeals in the officer’s district (or the city), by state, kind, overdue; the nearest due date first',
    tags: TAGS,
    access: HANDLERS,
    query: ListQuery,
    response: Page(AppealSchema),
    handler: async ({ actor, q, query }) => appeals.listAppeals(actor, q, query),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/appeals/:id/take',
    operationId: 'takeAppeal',
    summary: '受理: take the appeal up',
    tags: TAGS,
    access: HANDLERS,
    params: IdParams,
    body: TakeBody,
    response: AppealSchema,
    tx: true,
    handler: async ({ actor, tx, params }) => appeals.takeAppeal(actor, tx, params.id),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/appeals/:id/answer',
    operationId: 'answerAppeal',
    summary: '答复: uphold (维持原决定) or overturn (撤销原决定, applied by the owning module’s service) with a written reason',
    tags: TAGS,
    access: HANDLERS,
    params: IdParams,
    body: AnswerBody,
    response: AppealSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => appeals.answerAppeal(actor, tx, params.id, body),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/appeals/:id/close',
    operationId: 'closeAppeal',
    summary: '办结: close an answered appeal',
    tags: TAGS,
    access: HANDLERS,
    params: IdParams,
    body: CloseBody,
    response: AppealSchema,
    tx: true,
    handler: async ({ actor, tx, params }) => appeals.closeAppeal(actor, tx, params.id),
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerAppellantRoutes(app, db);
  registerHandlerRoutes(app, db);
}
