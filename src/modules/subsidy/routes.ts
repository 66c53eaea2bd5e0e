import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { idempotent } from '../../http/idempotency.js';
import { defineRoute, IdParams, Page } from '../../http/route.js';
import { AppError } from '../../lib/errors.js';
import { simulateBank } from './bank-simulator.js';
import * as claims from './claims.js';
import * as disb from './disbursement.js';
import * as ledger from './ledger.js';
import { JOBS } from '../../jobs/scheduler.js';
import {
  BatchCreate,
  BatchDetailSchema,
  BatchQuery,
  BatchViewSchema,
  BudgetAccountQuery,
  BudgetAccountSchema,
  CalendarDaySchema,
  ClaimDetailSchema,
  ClaimQuery,
  ClaimViewSchema,
  Decision,
  FundsCheckSchema,
  ImportReportSchema,
  NoticeItemSchema,
  NoticeQuery,
  Objection,
  ResultQuery,
} from './schemas.js';

const TAGS = ['subsidy'];
if (!JOBS.includes(disb.resumeJob)) JOBS.push(disb.resumeJob);
const REVIEWERS = ['district_admin', 'city_admin'] as const;
const FINANCE = ['finance', 'city_admin'] as const;
const XML_TYPES = ['application/xml', 'text/xml'];

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/claims',
    operationId: 'listClaims',
    summary: 'Subsidy claims (核验) in the caller’s scope',
    tags: TAGS,
    access: ['city_admin', 'district_admin', 'finance', 'auditor', 'worker'],
    query: ClaimQuery,
    response: Page(ClaimViewSchema),
    handler: async ({ actor, q, query }) => claims.listClaims(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/claims/:id',
    operationId: 'getClaim',
    summary: 'One claim with its rules and event trail',
    tags: TAGS,
    access: ['city_admin', 'district_admin', 'finance', 'auditor', 'worker'],
    params: IdParams,
    response: ClaimDetailSchema,
    handler: async ({ actor, q, params }) => claims.getClaim(actor, q, params.id),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/claims/:id/decision',
    operationId: 'decideClaim',
    summary: 'Approve or reject a claim in review (or held by an objection) with an opinion; Idempotency-Key supported',
    tags: TAGS,
    access: REVIEWERS,
    params: IdParams,
    body: Decision,
    response: ClaimViewSchema,
    tx: true,
    handler: async ({ actor, tx, req, params, body }) =>
      idempotent(tx!, actor, req, 'decideClaim', body, () => claims.decideClaim(actor, tx!, params.id, body)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/claims/:id/requeue',
    operationId: 'requeueClaim',
    summary: '支付失败再申请: a failed claim goes back to the payable list once the payee account is corrected',
    tags: TAGS,
    access: ['finance', 'city_admin', 'district_admin'],
    params: IdParams,
    response: ClaimViewSchema,
    tx: true,
    handler: async ({ actor, tx, req, params }) => idempotent(tx!, actor, req, 'requeueClaim', null, () => claims.requeueClaim(actor, tx!, params.id)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/notices',
    operationId: 'listSubsidyNotices',
    summary: 'The public notice (公示) of approved claims, masked',
    tags: TAGS,
    access: 'public',
    rateLimit: { max: 60, timeWindow: '1 minute' },
    query: NoticeQuery,
    response: Page(NoticeItemSchema),
    handler: async ({ q, query }) => claims.listNotices(q, query),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/objections',
    operationId: 'objectToClaim',
    summary: 'An objection (异议) to a claim under public notice: the claim is held for review',
    tags: TAGS,
    access: 'public',
    rateLimit: { max: 10, timeWindow: '1 minute' },
    body: Objection,
    status: 201,
    response: z.object({ claimNumber: z.string(), status: z.literal('held') }),
    tx: true,
    handler: async ({ maybeActor, tx, body }) =>
      claims.objectToClaim(maybeActor ? { accountId: maybeActor.accountId, role: maybeActor.role } : { accountId: null, role: 'system' }, tx!, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/calendar',
    operationId: 'listSubsidyCalendar',
    summary: 'Working-day calendar overrides used by the notice period',
    tags: TAGS,
    access: ['city_admin', 'district_admin', 'finance', 'auditor'],
    response: z.array(CalendarDaySchema),
    handler: async ({ q }) => claims.listCalendar(q),
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/subsidy/calendar',
    operationId: 'setSubsidyCalendarDay',
    summary: 'Mark a date as a holiday or a make-up working day',
    tags: TAGS,
    access: ['city_admin'],
    body: CalendarDaySchema,
    response: CalendarDaySchema,
    tx: true,
    handler: async ({ actor, tx, body }) => claims.setCalendarDay(actor, tx!, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/budget-accounts',
    operationId: 'listBudgetAccounts',
    summary: 'Budget ledger balances: amount = available + reserved + paid',
    tags: TAGS,
    access: ['city_admin', 'district_admin', 'finance', 'auditor'],
    query: BudgetAccountQuery,
    response: z.array(BudgetAccountSchema),
    handler: async ({ actor, q, query }) =>
      ledger.listAccounts(q, { districtCode: actor.role === 'district_admin' ? actor.districtCode : (query.districtCode ?? null), year: query.year ?? null }),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/funds/check',
    operationId: 'checkFunds',
    summary: 'Verify the money invariant and every claim’s trail',
    tags: TAGS,
    access: ['city_admin', 'finance', 'auditor'],
    response: FundsCheckSchema,
    handler: async ({ q }) => ledger.checkFunds(q),
  });

  // ------------------------------------------------------------------------------------ batches
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/batches',
    operationId: 'createDisbursementBatch',
    summary: 'Build a batch from approved claims whose notice ended (maker); Idempotency-Key supported',
    tags: TAGS,
    access: FINANCE,
    body: BatchCreate,
    status: 201,
    response: BatchViewSchema,
    handler: async ({ actor, db: d, req, body }) => {
      const b = await d.tx((tx) => idempotent(tx, actor, req, 'createDisbursementBatch', body, () => disb.createBatch(actor, tx, body)));
      return disb.buildBatch(actor, d, b.id);
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/batches',
    operationId: 'listDisbursementBatches',
    summary: 'Disbursement batches',
    tags: TAGS,
    access: ['finance', 'city_admin', 'auditor'],
    query: BatchQuery,
    response: Page(BatchViewSchema),
    handler: async ({ actor, q, query }) => disb.listBatches(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/batches/:id',
    operationId: 'getDisbursementBatch',
    summary: 'One batch with its totals per payee',
    tags: TAGS,
    access: ['finance', 'city_admin', 'auditor'],
    params: IdParams,
    response: BatchDetailSchema,
    handler: async ({ actor, q, params }) => disb.getBatch(actor, q, params.id),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/batches/:id/approve',
    operationId: 'approveDisbursementBatch',
    summary: 'Approve a draft batch (checker ≠ maker: MAKER_CHECKER_SAME_PERSON); Idempotency-Key supported',
    tags: TAGS,
    access: FINANCE,
    params: IdParams,
    response: BatchViewSchema,
    tx: true,
    handler: async ({ actor, tx, req, params }) =>
      idempotent(tx!, actor, req, 'approveDisbursementBatch', null, () => disb.approveBatch(actor, tx!, params.id)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/batches/:id/cancel',
    operationId: 'cancelDisbursementBatch',
    summary: 'Cancel a draft batch: its claims return to the payable list',
    tags: TAGS,
    access: FINANCE,
    params: IdParams,
    response: BatchViewSchema,
    tx: true,
    handler: async ({ actor, tx, req, params }) => idempotent(tx!, actor, req, 'cancelDisbursementBatch', null, () => disb.cancelBatch(actor, tx!, params.id)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/batches/:id/generate',
    operationId: 'generateDisbursementFiles',
    summary: 'Generate the pain.001.001.09 and CSV 代发 files of an approved batch (idempotent)',
    tags: TAGS,
    access: FINANCE,
    params: IdParams,
    response: BatchViewSchema,
    handler: async ({ actor, db: d, params }) => disb.generateFiles(actor, d, params.id),
  });

  for (const kind of ['pain001', 'csv'] as const) {
    defineRoute(app, db, {
      method: 'GET',
      url: `/api/v1/subsidy/batches/:id/${kind}`,
      operationId: kind === 'pain001' ? 'downloadPain001' : 'downloadDisbursementCsv',
      summary: kind === 'pain001' ? 'The batch as ISO 20022 pain.001.001.09 (streamed)' : 'The batch as a CSV 代发 sheet (streamed)',
      tags: TAGS,
      access: FINANCE,
      params: IdParams,
      response: z.string(),
      handler: async ({ actor, db: d, params, reply }) => {
        const b = await disb.batchForDownload(actor, d, params.id);
        const pass = new PassThrough();
        void disb.streamBatchFile(actor, d, params.id, kind, pass).then(
          () => pass.end(),
          (e: Error) => pass.destroy(e),
        );
        reply
          .header('content-type', kind === 'pain001' ? 'application/xml; charset=utf-8' : 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${b.number}.${kind === 'pain001' ? 'pain001.xml' : 'csv'}"`);
        await reply.send(pass);
        return '';
      },
    });
  }

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/batches/:id/simulated-camt054',
    operationId: 'simulateBankAnswer',
    summary: 'BANK SIMULATOR (demo/test only; refused in production): the camt.054 a bank would answer to this batch',
    tags: TAGS,
    access: FINANCE,
    params: IdParams,
    query: z.strictObject({ fail: z.string().max(10_000).optional().describe('comma-separated creditor accounts the simulator rejects') }),
    response: z.string(),
    handler: async ({ actor, db: d, params, query, reply }) => {
      if (process.env.NODE_ENV === 'production' && process.env.DEMO !== 'true')
        throw new AppError('FORBIDDEN', 'the bank simulator is for demo and test deployments');
      const b = await disb.batchForDownload(actor, d, params.id);
      const pain = new PassThrough();
      const camt = new PassThrough();
      void disb.streamBatchFile(actor, d, params.id, 'pain001', pain).then(
        () => pain.end(),
        (e: Error) => pain.destroy(e),
      );
      void simulateBank(pain, camt, { failingAccounts: (query.fail ?? '').split(',').filter(Boolean) }).then(
        () => camt.end(),
        (e: Error) => camt.destroy(e),
      );
      reply.header('content-type', 'application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${b.number}.camt054.xml"`);
      await reply.send(camt);
      return '';
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/bank-results',
    operationId: 'importBankResults',
    summary: 'Import a bank result file (camt.054.001.10, XSD-validated, or CSV); the same file twice changes nothing',
    tags: TAGS,
    access: FINANCE,
    rawBody: [...XML_TYPES, 'text/csv'],
    bodyLimit: 256 * 1024 * 1024,
    query: ResultQuery,
    response: ImportReportSchema,
    handler: async ({ actor, db: d, req, query }) => {
      const buf = req.body as Buffer;
      const type = String(req.headers['content-type'] ?? '');
      const format = query.format ?? (XML_TYPES.some((t) => type.startsWith(t)) ? 'camt054' : 'csv');
      return disb.importResults(actor, d, () => Readable.from([buf]), format);
    },
  });
}
