import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.js';
import { defineRoute, listed, Page } from '../../http/route.js';
import { RATERS, STATS_READERS } from './policy.js';
import { RatingCountsSchema, ServiceRatingBody, ServiceRatingSchema } from './schemas.js';
import * as ratings from './service.js';

const TAGS = ['service-ratings'];

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/service-ratings',
    operationId: 'rateService',
    summary:
      '好差评: the person served rates a finished service once (a paid claim, a closed rehabilitation case, a closed appeal) — 1–5 stars, an optional comment',
    tags: TAGS,
    access: RATERS,
    body: ServiceRatingBody,
    response: ServiceRatingSchema,
    status: 201,
    tx: true,
    handler: async ({ actor, tx, body }) => ratings.rateService(actor, tx, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/service-ratings/mine',
    operationId: 'listMyServiceRatings',
    summary: 'The signed-in worker’s service ratings, newest first',
    tags: TAGS,
    access: RATERS,
    response: Page(ServiceRatingSchema),
    handler: async ({ actor, q }) => listed(await ratings.myRatings(actor, q)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/service-ratings/stats',
    operationId: 'getServiceRatingStats',
    summary: '好差评 statistics: ratings per kind of service and stars, the mean and the shares of good (4–5) and bad (1–2), in the officer’s scope',
    tags: TAGS,
    access: STATS_READERS,
    response: Page(RatingCountsSchema),
    handler: async ({ actor, q }) => listed(await ratings.ratingCounts(actor, q)),
  });
}
