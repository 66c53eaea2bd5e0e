import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, Page, Paging } from '../../http/route.js';
import { exportList } from '../../http/export.js';
import { auditExport, listNamed } from './listing.js';
import * as audit from './service.js';

const Entry = z.object({
  id: z.number().int(),
  chain: z.number().int(),
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  districtCode: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
  actorName: z.string().nullable().describe('the acting account’s display name (null: the system, or unknown)'),
});

const Filters = {
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.date().optional().describe('from this business date (Asia/Shanghai), inclusive'),
  to: z.iso.date().optional().describe('to this business date (Asia/Shanghai), inclusive'),
};

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/audit',
    operationId: 'listAuditEntries',
    summary: 'Browse the audit log (district admins see their district)',
    tags: ['audit'],
    access: ['auditor', 'city_admin', 'district_admin'],
    query: z.strictObject({ ...Filters, ...Paging }),
    response: Page(Entry),
    handler: async ({ actor, db: d, query }) => listNamed(actor, d, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/audit/export.xlsx',
    operationId: 'exportAuditEntries',
    summary: 'The entries the filters show, as .xlsx (streamed; actions in words, actors by name; district admins their district; audited)',
    tags: ['audit'],
    access: ['auditor', 'city_admin', 'district_admin'],
    query: z.strictObject(Filters),
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ actor, db: d, query, reply }) => exportList(actor, d, reply, auditExport(actor, d, query)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/audit/verify',
    operationId: 'verifyAuditChain',
    summary: 'Check every hash link of the audit log; names the first broken entry',
    tags: ['audit'],
    access: ['auditor', 'city_admin'],
    response: z.object({
      ok: z.boolean(),
      entries: z.number().int(),
      chains: z.number().int(),
      firstBroken: z.object({ id: z.number().int(), chain: z.number().int(), seq: z.number().int(), reason: z.string() }).optional(),
    }),
    handler: async ({ db: d }) => audit.verify(d),
  });
}
