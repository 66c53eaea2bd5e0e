import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, listed, Page } from '../../http/route.js';
import { COVERAGE_READERS, MODERATORS, RATERS, REPLIERS } from './policy.js';
import {
  ClassIdParams,
  CourseIdParams,
  CourseRatingsSchema,
  CoverageQuery,
  CoverageSchema,
  ModerateBody,
  ModerationItemSchema,
  ModerationQuery,
  ProviderRatingSchema,
  ProviderRatingsQuery,
  RatableSchema,
  RatingBody,
  RatingSchema,
  ReplyBody,
} from './schemas.js';
import * as evaluation from './service.js';

const TAGS = ['evaluation'];

/** The trainee's side: the classes to rate, and the rating itself. */
function registerRaterRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/evaluation/my-classes',
    operationId: 'listMyRatableClasses',
    summary: '培训评价: the signed-in worker’s classes under way or ended, whether each can be rated now (or why not), and their rating',
    tags: TAGS,
    access: RATERS,
    response: Page(RatableSchema),
    handler: async ({ actor, q }) => listed(await evaluation.myRatableClasses(actor, q)),
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/evaluation/classes/:classId/my-rating',
    operationId: 'rateClass',
    summary: 'Rate a class once it has ended (admitted trainees who reached the attendance threshold), or change the rating within 30 days',
    tags: TAGS,
    access: RATERS,
    params: ClassIdParams,
    body: RatingBody,
    response: RatingSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => evaluation.rateClass(actor, tx, params.classId, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/evaluation/courses/:courseId',
    operationId: 'getCourseRatings',
    summary: 'A course’s and its provider’s scores with the published comments and replies (public; raters’ names masked)',
    tags: TAGS,
    access: 'public',
    params: CourseIdParams,
    response: CourseRatingsSchema,
    handler: async ({ q, params }) => evaluation.courseRatings(q, params.courseId),
  });
}

/** The officers' and the provider's side: moderation, replies, the share of completers who rated. */
function registerOfficerRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/evaluation/moderation',
    operationId: 'listRatingComments',
    summary: 'Comments waiting for moderation (or already published / rejected) in the officer’s district or the city',
    tags: TAGS,
    access: MODERATORS,
    query: ModerationQuery,
    response: Page(ModerationItemSchema),
    handler: async ({ actor, q, query }) => evaluation.listModeration(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/evaluation/ratings/:id/moderate',
    operationId: 'moderateRatingComment',
    summary: 'Publish a comment, or reject it with a reason',
    tags: TAGS,
    access: MODERATORS,
    params: IdParams,
    body: ModerateBody,
    response: ModerationItemSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => evaluation.moderate(actor, tx, params.id, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/evaluation/provider-ratings',
    operationId: 'listProviderRatings',
    summary: 'The provider’s classes’ ratings, newest first: when, the class, who rated (masked), the overall and the four scores, and comments once published',
    tags: TAGS,
    access: REPLIERS,
    query: ProviderRatingsQuery,
    response: Page(ProviderRatingSchema),
    handler: async ({ actor, q, query }) => evaluation.providerRatings(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/evaluation/ratings/:id/reply',
    operationId: 'replyToRating',
    summary: 'The provider’s public reply to a published comment on one of its classes',
    tags: TAGS,
    access: REPLIERS,
    params: IdParams,
    body: ReplyBody,
    response: ModerationItemSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => evaluation.replyToRating(actor, tx, params.id, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/evaluation/coverage',
    operationId: 'getRatingCoverage',
    summary: '参评率: the share of completers who rated, per ended class and district (target 80 %), with scores and low scores',
    tags: TAGS,
    access: COVERAGE_READERS,
    query: CoverageQuery,
    response: CoverageSchema,
    handler: async ({ actor, q, query }) => evaluation.ratingCoverage(actor, q, query),
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerRaterRoutes(app, db);
  registerOfficerRoutes(app, db);
}
