import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams } from '../../http/route.js';
import { CASE_READERS, CLAIM_READERS, VOUCHER_READERS } from './policy.js';
import { TimelineSchema } from './schemas.js';
import * as timeline from './service.js';

const TAGS = ['timeline'];

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/vouchers/:id/timeline',
    operationId: 'getVoucherTimeline',
    summary:
      'A voucher’s steps 申领 → 报名 → 录取 → 培训 → 考核 → 审核 → 公示 → 到账, each done or expected by the rules (its holder, or an officer in scope; else 404)',
    tags: TAGS,
    access: VOUCHER_READERS,
    params: IdParams,
    response: TimelineSchema,
    handler: async ({ actor, q, params }) => timeline.voucherTimelineFor(actor, q, params.id),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/subsidy/claims/:id/timeline',
    operationId: 'getClaimTimeline',
    summary:
      'A claim’s steps (its voucher’s), with the notice’s last working day and the expected payment date (officers in scope, the worker for their own; else 404)',
    tags: TAGS,
    access: CLAIM_READERS,
    params: IdParams,
    response: TimelineSchema,
    handler: async ({ actor, q, params }) => timeline.claimTimelineFor(actor, q, params.id),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/cases/:id/timeline',
    operationId: 'getRehabCaseTimeline',
    summary: 'A rehabilitation case’s steps 申请 → 资格审核 → 委员会安排 → 入院 → 出院/结案 (whoever reads the case; else 404)',
    tags: TAGS,
    access: CASE_READERS,
    params: IdParams,
    response: TimelineSchema,
    handler: async ({ actor, q, params }) => timeline.rehabTimelineFor(actor, q, params.id),
  });
}
