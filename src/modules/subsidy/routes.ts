import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { exportList } from '../../http/export.js';
import { idempotent } from '../../http/idempotency.js';
import { defineRoute, IdParams, listed, Page, Paging } from '../../http/route.js';
import { subsidyConfig } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { scopeOf, type Actor } from '../identity/index.js';
import { simulateBank } from './bank-simulator.js';
import * as calendar from './calendar.js';
import * as claims from './claims.js';
import * as disb from './disbursement.js';
import { batchesExport, claimsExport, noticesExport } from './exports.js';
import * as ledger from './ledger.js';
import * as debtors from './debtor-accounts.js';
import { registerEnterpriseClaimRoutes } from './enterprise-routes.js';
import { registerPrecheckRoutes } from './precheck-routes.js';
import {
  BATCH_READERS,
  CITY_ADMIN,
  CLAIM_READERS,
  CLASS_CLAIM_READERS,
  FINANCE,
  FUNDS_READERS,
  OBJECTION_READERS,
  OFFICERS,
  REQUEUERS,
  REVIEWERS,
} from './policy.js';
import {
  BatchCreate,
  BatchPreviewQuery,
  BatchPreviewSchema,
  BatchDetailSchema,
  BatchPaymentSchema,
  BatchQuery,
  BatchViewSchema,
  BudgetAccountQuery,
  BudgetAccountSchema,
  CalendarDaySchema,
  CalendarImportSchema,
  CalendarStatusSchema,
  DebtorAccountBody,
  DebtorAccountSchema,
  FundParams,
  ClaimDetailSchema,
  ClassClaimSchema,
  ClaimQuery,
  ClaimTodoSchema,
  ClaimViewSchema,
  Decision,
  FundsCheckSchema,
  ImportReportSchema,
  NoticeItemSchema,
  NoticeQuery,
  Objection,
  ObjectionResultSchema,
  ObjectionViewSchema,
  OBJECTION_STATES,
  PaymentQuery,
  ResultQuery,
  PayableSummarySchema,
} from './schemas.js';

const TAGS = ['subsidy'];
const XML_TYPES = ['application/xml', 'text/xml'];

/** The subsidy module's routes, one register function per area. */
export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerClaimRoutes(app, db);
  registerClaimReviewRoutes(app, db);
  registerNoticeRoutes(app, db);
  registerCalendarRoutes(app, db);
  registerFundsRoutes(app, db);
  registerBatchRoutes(app, db);
  registerBatchPreviewRoutes(app, db);
  registerBatchCheckRoutes(app, db);
  registerBankFileRoutes(app, db);
  registerPrecheckRoutes(app, db);
  registerEnterpriseClaimRoutes(app, db);
}

/** Reading claims: the list, the admins' to-dos, the export, one claim. */
function registerClaimRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/claims',
    operationId: 'listClaims',
    summary: 'Subsidy claims (核验) in the caller’s scope',
    tags: TAGS,
    access: CLAIM_READERS,
    query: ClaimQuery,
    response: Page(ClaimViewSchema),
    handler: async ({ actor, q, query }) => claims.listClaims(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id/claims',
    operationId: 'listClassClaims',
    summary: 'The subsidy claims of the provider’s own class: amount and payment state per trainee’s voucher (another provider’s class: 404)',
    tags: TAGS,
    access: CLASS_CLAIM_READERS,
    params: IdParams,
    response: Page(ClassClaimSchema),
    handler: async ({ actor, q, params }) => claims.claimsOfClass(actor, q, params.id),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/todos',
    operationId: 'listClaimTodos',
    summary: 'To-dos of the admins’ home from the claims: claims waiting in review for a missing budget (year × district × programme)',
    tags: TAGS,
    access: REVIEWERS,
    response: Page(ClaimTodoSchema),
    handler: async ({ actor, q }) => claims.claimTodos(actor, q),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/claims/export.xlsx',
    operationId: 'exportClaims',
    summary: 'The claims the list’s filters show, as .xlsx (streamed; Chinese headings; payee masked; audited)',
    tags: TAGS,
    access: OFFICERS,
    query: ClaimQuery.omit({ limit: true, offset: true }),
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ actor, db: d, query, reply }) => exportList(actor, d, reply, await claimsExport(actor, d, query)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/claims/:id',
    operationId: 'getClaim',
    summary: 'One claim with its rules and event trail',
    tags: TAGS,
    access: CLAIM_READERS,
    params: IdParams,
    response: ClaimDetailSchema,
    handler: async ({ actor, q, params }) => claims.getClaim(actor, q, params.id),
  });
}

/** A reviewer's decision; re-queue after a failed payment. */
function registerClaimReviewRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, tx, req, params, body }) => idempotent(tx, actor, req, 'decideClaim', body, () => claims.decideClaim(actor, tx, params.id, body)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/claims/:id/requeue',
    operationId: 'requeueClaim',
    summary: '支付失败再申请: a failed claim goes back to the payable list once the payee account is corrected',
    tags: TAGS,
    access: REQUEUERS,
    params: IdParams,
    response: ClaimViewSchema,
    tx: true,
    handler: async ({ actor, tx, req, params }) => idempotent(tx, actor, req, 'requeueClaim', null, () => claims.requeueClaim(actor, tx, params.id)),
  });
}

/** The public notice (公示) and objections (异议). */
function registerNoticeRoutes(app: FastifyInstance, db: Db): void {
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
    method: 'GET',
    url: '/api/v1/subsidy/notices/export.xlsx',
    operationId: 'exportSubsidyNotices',
    summary: 'The public notice as the filters show it, as .xlsx (officers; streamed; masked; audited)',
    tags: TAGS,
    access: OFFICERS,
    query: NoticeQuery.omit({ limit: true, offset: true }),
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ actor, db: d, query, reply }) => exportList(actor, d, reply, await noticesExport(actor, d, query)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/objections',
    operationId: 'objectToClaim',
    summary: 'An objection (异议) to a claim under public notice: signed in (real name) it holds the claim for review; anonymous it is queued for an officer',
    tags: TAGS,
    access: 'public',
    rateLimit: { max: 10, timeWindow: '1 minute' },
    body: Objection,
    status: 201,
    response: ObjectionResultSchema,
    tx: true,
    handler: async ({ maybeActor, tx, body }) =>
      claims.objectToClaim(maybeActor ? { accountId: maybeActor.accountId, role: maybeActor.role } : { accountId: null, role: 'system' }, tx, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/objections',
    operationId: 'listObjections',
    summary: 'The officers’ queue of objections (open by default); a district admin sees its district’s',
    tags: TAGS,
    access: OBJECTION_READERS,
    query: z.strictObject({ status: z.enum(OBJECTION_STATES).optional(), ...Paging }),
    response: Page(ObjectionViewSchema),
    handler: async ({ actor, q, query }) => claims.listObjections(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/objections/:id/resolve',
    operationId: 'resolveObjection',
    summary: 'Take up a queued objection: hold its claim for review, or dismiss the objection with a reason',
    tags: TAGS,
    access: REVIEWERS,
    params: IdParams,
    body: z.strictObject({ action: z.enum(['hold', 'dismiss']), opinion: z.string().trim().min(1).max(2000) }),
    response: ObjectionViewSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => claims.resolveObjection(actor, tx, params.id, body),
  });
}

/** The working-day calendar of the notice. */
function registerCalendarRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/calendar',
    operationId: 'listSubsidyCalendar',
    summary: 'Working-day calendar overrides used by the notice period',
    tags: TAGS,
    access: OFFICERS,
    response: Page(CalendarDaySchema),
    handler: async ({ q }) => listed(await calendar.listCalendar(q)),
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/subsidy/calendar',
    operationId: 'setSubsidyCalendarDay',
    summary: 'Mark a date as a holiday or a make-up working day',
    tags: TAGS,
    access: CITY_ADMIN,
    body: CalendarDaySchema,
    response: CalendarDaySchema,
    tx: true,
    handler: async ({ actor, tx, body }) => calendar.setCalendarDay(actor, tx, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/calendar/years',
    operationId: 'getSubsidyCalendarStatus',
    summary: 'Which years of holidays the calendar holds, the last day it knows, and whether next year is due',
    tags: TAGS,
    access: OFFICERS,
    response: CalendarStatusSchema,
    handler: async ({ q }) => calendar.calendarStatus(q),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/subsidy/calendar/import',
    operationId: 'importSubsidyCalendar',
    summary: "Load whole years of holidays from a CSV (date,kind,name — holidays-cn.csv's format); a malformed file changes nothing",
    tags: TAGS,
    access: CITY_ADMIN,
    rawBody: ['text/csv'],
    bodyLimit: 1024 * 1024,
    response: CalendarImportSchema,
    tx: true,
    handler: async ({ actor, tx, req }) => calendar.importCalendar(actor, tx, req.body as Buffer, { source: 'upload' }),
  });
}

/** Budget balances, the funds check, the debtor accounts. */
function registerFundsRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/budget-accounts',
    operationId: 'listBudgetAccounts',
    summary: 'Budget ledger balances: amount = available + reserved + paid',
    tags: TAGS,
    access: OFFICERS,
    query: BudgetAccountQuery,
    response: Page(BudgetAccountSchema),
    handler: async ({ actor, q, query }) =>
      listed(
        await ledger.listAccounts(q, {
          districtCode: districtOf(actor, query.districtCode),
          year: query.year ?? null,
        }),
      ),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/funds/check',
    operationId: 'checkFunds',
    summary: 'Verify the money invariant and every claim’s trail',
    tags: TAGS,
    access: FUNDS_READERS,
    response: FundsCheckSchema,
    handler: async ({ q }) => ledger.checkFunds(q),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/debtor-accounts',
    operationId: 'listDebtorAccounts',
    summary: 'The debtor account (付款账户) of each funding source',
    tags: TAGS,
    access: FUNDS_READERS,
    response: Page(DebtorAccountSchema),
    handler: async ({ actor, q }) => debtors.listDebtorAccounts(actor, q),
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/subsidy/debtor-accounts/:fundingSource',
    operationId: 'setDebtorAccount',
    summary: 'Set the debtor account of a funding source (city admin); batches approved before keep theirs',
    tags: TAGS,
    access: CITY_ADMIN,
    params: FundParams,
    body: DebtorAccountBody,
    response: DebtorAccountSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => debtors.setDebtorAccount(actor, tx, params.fundingSource, body),
  });
}

/** Before a batch is made: what one made now would take (the maker's dialog, the empty list). */
function registerBatchPreviewRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/batches/preview',
    operationId: 'previewDisbursementBatch',
    summary: 'What a batch made now with these filters would take (count and total; read-only, for the maker)',
    tags: TAGS,
    access: FINANCE,
    query: BatchPreviewQuery,
    response: BatchPreviewSchema,
    handler: async ({ actor, q, query }) => disb.previewBatch(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/batches/payable',
    operationId: 'getPayableSummary',
    summary: 'What a batch made now would take (approved claims whose notice ended), and what still waits for its notice or an account',
    tags: TAGS,
    access: BATCH_READERS,
    response: PayableSummarySchema,
    handler: async ({ actor, q }) => disb.payableSummary(actor, q),
  });
}

/** Disbursement batches: make (the maker), list, export, read. */
function registerBatchRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, db: d, req, body }) =>
      disb.openBatch(actor, d, (tx) => idempotent(tx, actor, req, 'createDisbursementBatch', body, () => disb.createPayableBatch(actor, tx, body))),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/batches',
    operationId: 'listDisbursementBatches',
    summary: 'Disbursement batches',
    tags: TAGS,
    access: BATCH_READERS,
    query: BatchQuery,
    response: Page(BatchViewSchema),
    handler: async ({ actor, q, query }) => disb.listBatches(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/batches/export.xlsx',
    operationId: 'exportDisbursementBatches',
    summary: 'The batches the list’s filters show, as .xlsx (streamed; Chinese headings; audited)',
    tags: TAGS,
    access: BATCH_READERS,
    query: BatchQuery.omit({ limit: true, offset: true }),
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ actor, db: d, query, reply }) => exportList(actor, d, reply, await batchesExport(actor, d, query)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/batches/:id',
    operationId: 'getDisbursementBatch',
    summary: 'One batch with its totals per payee',
    tags: TAGS,
    access: BATCH_READERS,
    params: IdParams,
    response: BatchDetailSchema,
    handler: async ({ actor, q, params }) => disb.getBatch(actor, q, params.id),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/batches/:id/payments',
    operationId: 'listBatchPayments',
    summary: 'The payments of a batch: payee (masked), masked account, bank, programme, amount',
    tags: TAGS,
    access: BATCH_READERS,
    params: IdParams,
    query: PaymentQuery,
    response: Page(BatchPaymentSchema),
    handler: async ({ actor, q, params, query }) => disb.listBatchPayments(actor, q, params.id, query),
  });
}

/** The checker's steps: approve (maker ≠ checker), cancel, generate the bank files. */
function registerBatchCheckRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, tx, req, params }) => idempotent(tx, actor, req, 'approveDisbursementBatch', null, () => disb.approveBatch(actor, tx, params.id)),
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
    handler: async ({ actor, tx, req, params }) => idempotent(tx, actor, req, 'cancelDisbursementBatch', null, () => disb.cancelBatch(actor, tx, params.id)),
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
}

/** The bank files: downloads, the bank simulator's answer, the result import. */
function registerBankFileRoutes(app: FastifyInstance, db: Db): void {
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
      if (!subsidyConfig.bankSimulatorAllowed) throw new AppError('FORBIDDEN', 'the bank simulator is for demo and test deployments');
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

/** The district a budget list is confined to: a district admin's own, else what was asked (null: every district). */
function districtOf(actor: Actor, requested: string | undefined): string | null {
  const scope = scopeOf(actor);
  return scope.kind === 'district' ? scope.districtCode : (requested ?? null);
}
