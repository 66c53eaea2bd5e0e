/** 我能领吗？补多少？ — the worker's pre-check route (issue 20 §4). */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.js';
import { defineRoute } from '../../http/route.js';
import { PRECHECKERS } from './policy.js';
import { precheck } from './precheck.js';
import { PrecheckQuery, PrecheckSchema } from './precheck-schemas.js';

export function registerPrecheckRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/precheck',
    operationId: 'precheckSubsidy',
    summary:
      '我能领吗？补多少？ Before applying: for a course (or an occupation and level, and the programme), whether the worker is eligible and why not, the subsidy, what they pay themself, the subsidies left this year and the voucher’s validity — decided by the claim’s own rules',
    tags: ['subsidy'],
    access: PRECHECKERS,
    query: PrecheckQuery,
    response: PrecheckSchema,
    handler: async ({ actor, q, query }) => precheck(actor, q, query),
  });
}
