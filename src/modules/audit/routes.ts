import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, Page, Paging } from '../../http/route.js';
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
});

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/audit',
    operationId: 'listAuditEntries',
    summary: 'Browse the audit log (district admins see their district)',
    tags: ['audit'],
    access: ['auditor', 'city_admin', 'district_admin'],
    query: z.strictObject({
      entityType: z.string().max(64).optional(),
      entityId: z.string().max(64).optional(),
      action: z.string().max(64).optional(),
      ...Paging,
    }),
    response: Page(Entry),
    handler: async ({ actor, db: d, query }) =>
      audit.list(d, { ...query, districtCode: actor.role === 'district_admin' ? (actor.districtCode ?? '-') : undefined }),
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
