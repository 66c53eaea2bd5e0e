import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, listed, Page } from '../../http/route.js';
import { EMPLOYERS, OFFICERS, POSTERS, STATS_READERS, WORKERS } from './policy.js';
import {
  CandidateSchema,
  FeedSyncSchema,
  ImportReportSchema,
  InterestBody,
  InterestSchema,
  JobStatsQuery,
  JobStatsSchema,
  ManagedPostingSchema,
  ManageQuery,
  PostingBody,
  PostingSchema,
  RecommendationSchema,
  RecommendQuery,
  SearchJobsQuery,
  TakeDownBody,
} from './schemas.js';
import * as employment from './service.js';

const TAGS = ['jobs'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Postings: posted, listed for their managers, imported, pulled from the feed, taken down, closed. */
function registerPostingRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/jobs/postings',
    operationId: 'createJobPosting',
    summary: 'Post a job: an enterprise under its own name; a city or district admin naming the employer (their district)',
    tags: TAGS,
    access: POSTERS,
    body: PostingBody,
    status: 201,
    response: PostingSchema,
    tx: true,
    handler: async ({ actor, tx, body }) => employment.createPosting(actor, tx, body),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/jobs/postings',
    operationId: 'listJobPostings',
    summary: 'The postings the caller manages (an enterprise: its own; an officer: the district or city) with candidates’ counts',
    tags: TAGS,
    access: POSTERS,
    query: ManageQuery,
    response: Page(ManagedPostingSchema),
    handler: async ({ actor, q, query }) => employment.listManagedPostings(actor, q, query),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/jobs/postings/:id/take-down',
    operationId: 'takeDownJobPosting',
    summary: 'An officer takes a posting down, with the reason',
    tags: TAGS,
    access: OFFICERS,
    params: IdParams,
    body: TakeDownBody,
    response: PostingSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => employment.takeDownPosting(actor, tx, params.id, body.reason),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/jobs/postings/:id/close',
    operationId: 'closeJobPosting',
    summary: 'The enterprise closes its own posting (filled)',
    tags: TAGS,
    access: ['enterprise'],
    params: IdParams,
    response: PostingSchema,
    tx: true,
    handler: async ({ actor, tx, params }) => employment.closePosting(actor, tx, params.id),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/jobs/postings/import',
    operationId: 'importJobPostings',
    summary: 'Import postings from a CSV or .xlsx sheet (the public employment service’s export): good rows posted, bad rows listed',
    tags: TAGS,
    access: OFFICERS,
    rawBody: ['text/csv', XLSX],
    bodyLimit: 8 * 1024 * 1024,
    response: ImportReportSchema,
    handler: async ({ actor, db: d, req }) =>
      employment.importPostings(actor, d, req.body as Buffer, String(req.headers['content-type']).startsWith('text/csv') ? 'csv' : 'xlsx'),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/jobs/feed/sync',
    operationId: 'syncJobFeed',
    summary: 'Pull the public employment service’s postings through its adapter (the built-in simulator unless configured)',
    tags: TAGS,
    access: ['city_admin'],
    response: FeedSyncSchema,
    handler: async ({ actor, db: d }) => employment.syncFeed(actor, d),
  });
}

/** Search, recommendations, interest and candidates, the counts. */
function registerMatchingRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/jobs/search',
    operationId: 'searchJobs',
    summary: '就业岗位查询: open postings by occupation, district, level, pay, words and distance (public)',
    tags: TAGS,
    access: 'public',
    query: SearchJobsQuery,
    response: Page(PostingSchema),
    handler: async ({ q, query }) => employment.searchPostings(q, query),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/jobs/recommendations',
    operationId: 'recommendJobs',
    summary: '岗位推介: postings for the signed-in worker from their certificates, training, district and location, each with why',
    tags: TAGS,
    access: WORKERS,
    query: RecommendQuery,
    response: Page(RecommendationSchema),
    handler: async ({ actor, q, query }) => listed(await employment.recommendFor(actor, q, query)),
  });
}

/** A worker's interest; the employer's candidates and contacts; the counts and the import template. */
function registerInterestRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/jobs/postings/:id/interest',
    operationId: 'expressJobInterest',
    summary: 'The worker is interested in a posting; with consent the employer sees their name and phone',
    tags: TAGS,
    access: WORKERS,
    params: IdParams,
    body: InterestBody,
    response: InterestSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => employment.expressInterest(actor, tx, params.id, body.consent),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/jobs/postings/:id/interest/withdraw',
    operationId: 'withdrawJobInterest',
    summary: 'The worker withdraws their interest (and the consent)',
    tags: TAGS,
    access: WORKERS,
    params: IdParams,
    response: InterestSchema,
    tx: true,
    handler: async ({ actor, tx, params }) => employment.withdrawInterest(actor, tx, params.id),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/jobs/postings/:id/candidates',
    operationId: 'listJobCandidates',
    summary: 'Interested candidates of a posting: masked, named with a phone only once the worker consents',
    tags: TAGS,
    access: EMPLOYERS,
    params: IdParams,
    response: Page(CandidateSchema),
    tx: true,
    handler: async ({ actor, tx, params }) => employment.listCandidates(actor, tx, params.id),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/jobs/interests/:id/contacted',
    operationId: 'markJobCandidateContacted',
    summary: 'The employer records that it contacted a consenting candidate',
    tags: TAGS,
    access: EMPLOYERS,
    params: IdParams,
    response: InterestSchema,
    tx: true,
    handler: async ({ actor, tx, params }) => employment.markContacted(actor, tx, params.id),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/jobs/stats',
    operationId: 'getJobStats',
    summary: 'Per district: open postings and recommended → interested → consented → contacted',
    tags: TAGS,
    access: STATS_READERS,
    query: JobStatsQuery,
    response: JobStatsSchema,
    handler: async ({ actor, q, query }) => employment.jobStats(actor, q, query.districtCode),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/jobs/postings/template.xlsx',
    operationId: 'jobPostingTemplate',
    summary: 'The postings import template (.xlsx)',
    tags: TAGS,
    access: OFFICERS,
    response: z.unknown(),
    handler: async ({ reply }) => {
      const buf = await employment.postingTemplate();
      void reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="job-postings-template.xlsx"');
      return buf;
    },
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerPostingRoutes(app, db);
  registerMatchingRoutes(app, db);
  registerInterestRoutes(app, db);
}
