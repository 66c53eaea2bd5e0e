/** 补贴到账 — an enterprise's read-only claims: paid to it, or made on its customised vouchers (企业定制券). */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams } from '../../http/route.js';
import * as claims from './claims.js';
import { ENTERPRISE_CLAIM_READERS } from './policy.js';
import { EnterpriseClaimDetailSchema, EnterpriseClaimPageSchema, EnterpriseClaimQuery } from './schemas.js';

export function registerEnterpriseClaimRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/enterprise-claims',
    operationId: 'listEnterpriseClaims',
    summary:
      '补贴到账: the claims that concern the signed-in enterprise — paid to it or made on a customised voucher it issued — with the employee masked and the sums paid',
    tags: ['subsidy'],
    access: ENTERPRISE_CLAIM_READERS,
    query: EnterpriseClaimQuery,
    response: EnterpriseClaimPageSchema,
    handler: async ({ actor, q, query }) => claims.listEnterpriseClaims(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/enterprise-claims/:id',
    operationId: 'getEnterpriseClaim',
    summary: 'One claim that concerns the enterprise, with its steps (another enterprise’s claim: 404)',
    tags: ['subsidy'],
    access: ENTERPRISE_CLAIM_READERS,
    params: IdParams,
    response: EnterpriseClaimDetailSchema,
    handler: async ({ actor, q, params }) => claims.getEnterpriseClaim(actor, q, params.id),
  });
}
