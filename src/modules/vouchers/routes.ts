import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, listed, Page, Paging } from '../../http/route.js';
import { AppError, notFound } from '../../lib/errors.js';
import { exportList } from '../../http/export.js';
import { vouchersExport } from './exports.js';
import * as vouchers from './service.js';
import * as issuance from './issuance.js';
import {
  ApplyBody,
  ApplyResultSchema,
  CustomReportSchema,
  IssuanceBody,
  IssuanceViewSchema,
  IssuanceVouchersQuery,
  IssuanceVouchersSchema,
  NumberQuery,
  PreviewSchema,
  QrTokenSchema,
  RevokeBody,
  StatsQuery,
  VoucherStatsSchema,
  VoucherDetailSchema,
  VoucherListQuery,
  VoucherViewSchema,
} from './schemas.js';
import { ADMINS, ISSUERS, VOUCHER_OFFICERS } from './policy.js';
import { forReading } from '../../db/replica.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Issuances: define, preview, list, progress, run. */
function registerIssuanceRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/issuances',
    operationId: 'createIssuance',
    summary: 'Define an issuance: targeted (精准发放, admins) or custom (定制发放, enterprise/provider/admin)',
    tags: ['vouchers'],
    access: ISSUERS,
    body: IssuanceBody,
    response: IssuanceViewSchema,
    status: 201,
    tx: true,
    handler: async ({ actor, tx, body }) => issuance.createIssuance(actor, tx, body),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/issuances/preview',
    operationId: 'previewIssuance',
    summary: 'How many persons a targeted definition matches (and how many already hold an open voucher)',
    tags: ['vouchers'],
    access: ADMINS,
    body: IssuanceBody,
    response: PreviewSchema,
    handler: async ({ actor, q, body }) => issuance.previewIssuance(actor, q, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/issuances',
    operationId: 'listIssuances',
    summary: 'Issuances in scope, newest first',
    tags: ['vouchers'],
    access: [...ISSUERS, 'auditor'],
    query: z.strictObject(Paging),
    response: Page(IssuanceViewSchema),
    handler: async ({ actor, q, query }) => issuance.listIssuances(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/issuances/:id',
    operationId: 'getIssuanceProgress',
    summary: 'An issuance with its progress (matched, processed, issued, skipped by reason) and summary',
    tags: ['vouchers'],
    access: [...ISSUERS, 'auditor'],
    params: IdParams,
    response: IssuanceViewSchema,
    handler: async ({ actor, q, params }) => issuance.getIssuance(actor, q, params.id),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/issuances/:id/vouchers',
    operationId: 'listIssuanceVouchers',
    summary: 'The vouchers an issuance gave out (holders masked), newest first, with the count in each state; whoever reaches the issuance',
    tags: ['vouchers'],
    access: [...ISSUERS, 'auditor'],
    params: IdParams,
    query: IssuanceVouchersQuery,
    response: IssuanceVouchersSchema,
    handler: async ({ actor, q, params, query }) => vouchers.listIssuanceVouchers(actor, q, params.id, query),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/issuances/:id/run',
    operationId: 'runIssuance',
    summary: 'Start (or resume) a targeted issuance as a background job; follow it with GET /issuances/{id}',
    tags: ['vouchers'],
    access: ADMINS,
    params: IdParams,
    response: IssuanceViewSchema,
    status: 202,
    handler: async ({ actor, db: d, params, req }) => issuance.startIssuance(actor, d, params.id, req.log),
  });
}

/** The custom issuance's list (定制发放): its template and its upload. */
function registerCustomListRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/issuances/custom-template',
    operationId: 'getCustomIssuanceTemplate',
    summary: 'The .xlsx template of a custom-issuance list (the person-import columns)',
    tags: ['vouchers'],
    access: ISSUERS,
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ reply }) => {
      const buf = await issuance.customListTemplate();
      reply.type(XLSX).header('content-disposition', 'attachment; filename="custom-issuance-template.xlsx"');
      return buf;
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/issuances/:id/list',
    operationId: 'uploadCustomIssuanceList',
    summary: 'Upload the list of a custom issuance (CSV or .xlsx): persons created as needed, vouchers issued, per-row report',
    tags: ['vouchers'],
    access: ISSUERS,
    params: IdParams,
    rawBody: ['text/csv', XLSX],
    bodyLimit: 32 * 1024 * 1024,
    response: CustomReportSchema,
    handler: async ({ actor, db: d, params, req }) => {
      const type = String(req.headers['content-type'] ?? '');
      return issuance.uploadCustomList(actor, d, params.id, req.body as Buffer, type.startsWith(XLSX) ? 'xlsx' : 'csv');
    },
  });
}

/** The worker's side: apply (申领) and their vouchers. */
function registerWorkerVoucherRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/vouchers/apply',
    operationId: 'applyForVoucher',
    summary: '申领: a worker applies for a voucher for an occupation and level; the answer says which and why',
    tags: ['vouchers'],
    access: ['worker'],
    body: ApplyBody,
    response: ApplyResultSchema,
    status: 201,
    tx: true,
    handler: async ({ actor, tx, body }) => {
      const r = await vouchers.applyForVoucher(actor, tx, body);
      const [view] = await vouchers.presentVouchers(tx, [r.voucher]);
      return { voucher: view!, reason: r.reason, explanation: r.explanation };
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/vouchers/mine',
    operationId: 'listMyVouchers',
    summary: "The signed-in worker's vouchers: status, programme, validity, subsidy estimate (fen), masked identity",
    tags: ['vouchers'],
    access: ['worker'],
    response: Page(VoucherViewSchema),
    handler: async ({ actor, q }) => listed(await vouchers.listMyVouchers(actor, q)),
  });
}

/** The officers' side: the list, its export, statistics, look-up by number. */
function registerOfficerVoucherRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/vouchers',
    operationId: 'listVouchers',
    summary: 'The officers’ voucher list: search by number, filters; holders masked; district admins their district',
    tags: ['vouchers'],
    access: VOUCHER_OFFICERS,
    query: VoucherListQuery,
    response: Page(VoucherViewSchema),
    handler: async ({ actor, q, query }) => vouchers.listVouchers(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/vouchers/export.xlsx',
    operationId: 'exportVouchers',
    summary: 'The vouchers the list’s filters show, as .xlsx (streamed; Chinese headings; masked; audited)',
    tags: ['vouchers'],
    access: VOUCHER_OFFICERS,
    query: VoucherListQuery.omit({ limit: true, offset: true }),
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ actor, db: d, query, reply }) => exportList(actor, d, reply, await vouchersExport(actor, d, query)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/vouchers/stats',
    operationId: 'voucherStats',
    summary: 'Voucher statistics (数据回流): counts by district × programme × status, expired included; district admins their district',
    tags: ['vouchers'],
    access: VOUCHER_OFFICERS,
    query: StatsQuery,
    response: VoucherStatsSchema,
    // statistics may read from the standby (DATABASE_READ_URL; staleness bounded in src/db/replica.ts)
    handler: async ({ actor, db: d, query }) => vouchers.voucherStats(actor, await forReading(d), query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/vouchers/by-number',
    operationId: 'findVoucherByNumber',
    summary: 'A voucher by its typed number (check character verified); admins of its scope',
    tags: ['vouchers'],
    access: VOUCHER_OFFICERS,
    query: NumberQuery,
    response: VoucherDetailSchema,
    handler: async ({ actor, q, query }) => {
      const v = await vouchers.findVoucherByNumber(q, query.number);
      if (!v) throw notFound('voucher', 'number');
      return vouchers.getVoucherDetail(actor, q, v.id);
    },
  });
}

/** One voucher: its detail, revocation, the holder's QR token. */
function registerVoucherRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/vouchers/:id',
    operationId: 'getVoucher',
    summary: 'One voucher with its events (its holder, or an admin of its district; else 404)',
    tags: ['vouchers'],
    access: ['worker', 'city_admin', 'district_admin', 'auditor'],
    params: IdParams,
    response: VoucherDetailSchema,
    handler: async ({ actor, q, params }) => vouchers.getVoucherDetail(actor, q, params.id),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/vouchers/:id/revoke',
    operationId: 'revokeVoucher',
    summary: 'Revoke an issued voucher with a reason (admins; a district admin in their district)',
    tags: ['vouchers'],
    access: ADMINS,
    params: IdParams,
    body: RevokeBody,
    response: VoucherViewSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => {
      const v = await vouchers.revokeVoucher(actor, tx, params.id, body.reason);
      return (await vouchers.presentVouchers(tx, [v]))[0]!;
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/vouchers/:id/qr-token',
    operationId: 'createVoucherQrToken',
    summary: 'A signed QR token for the voucher, valid 60 s (holder only)',
    tags: ['vouchers'],
    access: ['worker'],
    params: IdParams,
    response: QrTokenSchema,
    rateLimit: { max: 120, timeWindow: '1 minute' },
    handler: async ({ actor, q, params }) => {
      if (!actor.personId) throw new AppError('FORBIDDEN', 'no person linked to this account');
      return vouchers.issueQrToken(actor, q, params.id);
    },
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerIssuanceRoutes(app, db);
  registerCustomListRoutes(app, db);
  registerWorkerVoucherRoutes(app, db);
  registerOfficerVoucherRoutes(app, db);
  registerVoucherRoutes(app, db);
}
