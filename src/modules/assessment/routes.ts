import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, Page } from '../../http/route.js';
import { CERTIFICATE_TYPES } from './rules.js';
import * as assessment from './service.js';

const TAGS = ['assessment'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ResultBody = z
  .strictObject({
    voucherId: z.uuid().optional(),
    voucherNumber: z.string().trim().min(5).max(40).optional(),
    passed: z.boolean(),
    score: z.number().min(0).max(100).nullable().optional(),
    level: z.number().int().min(0).max(5),
    certificateNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{6,40}$/, '6..40 letters, digits or -')
      .nullable()
      .optional(),
    certificateType: z.enum(CERTIFICATE_TYPES).nullable().optional(),
    assessedOn: z.iso.date(),
  })
  .refine((b) => !!b.voucherId || !!b.voucherNumber, { message: 'voucherId or voucherNumber is required', path: ['voucherNumber'] });

const ResultViewSchema = z
  .object({
    id: z.string(),
    voucherId: z.string(),
    voucherNumber: z.string().nullable(),
    classId: z.string().nullable(),
    passed: z.boolean(),
    score: z.number().nullable(),
    level: z.number().int(),
    occupationCode: z.string(),
    certificateNumber: z.string().nullable(),
    certificateType: z.enum(CERTIFICATE_TYPES).nullable(),
    assessedOn: z.string(),
    claimId: z.string().nullable(),
    claimStatus: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AssessmentResult' });

const CertificateSchema = z.object({
  certificateNumber: z.string(),
  certificateType: z.enum(CERTIFICATE_TYPES),
  holderNameMasked: z.string(),
  occupationCode: z.string(),
  level: z.number().int(),
  assessedOn: z.string(),
});

const ImportReportSchema = z.object({
  total: z.number().int(),
  recorded: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

const AssignmentBody = z.strictObject({
  classId: z.uuid(),
  assessorOrgId: z.uuid(),
  note: z.string().trim().max(500).optional(),
});

const WithdrawBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

const AssignmentQuery = z.strictObject({
  classId: z.uuid().optional(),
  assessorOrgId: z.uuid().optional(),
  status: z.enum(['active', 'withdrawn', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

const AssignmentSchema = z
  .object({
    id: z.string(),
    classId: z.string(),
    className: z.string().nullable(),
    classState: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    occupationCode: z.string().nullable(),
    level: z.number().int().nullable(),
    districtCode: z.string(),
    providerId: z.string(),
    assessorOrgId: z.string(),
    assessorOrgName: z.string().nullable(),
    note: z.string().nullable(),
    assignedBy: z.string().nullable(),
    assignedAt: z.string(),
    active: z.boolean(),
    withdrawnAt: z.string().nullable(),
    withdrawReason: z.string().nullable(),
  })
  .meta({ id: 'AssessmentAssignment' });

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/assessment/assignments',
    operationId: 'assignAssessmentBody',
    summary: '考评安排: assign a class to an assessment body (district admin: classes of their district; one live assignment per class)',
    tags: TAGS,
    access: ['city_admin', 'district_admin'],
    body: AssignmentBody,
    status: 201,
    response: AssignmentSchema,
    tx: true,
    handler: async ({ actor, tx, body }) => assessment.assignClass(actor, tx!, body),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/assessment/assignments/:id/withdraw',
    operationId: 'withdrawAssessmentAssignment',
    summary: 'Withdraw a class’s assignment to an assessment body, with a reason (results already recorded stay)',
    tags: TAGS,
    access: ['city_admin', 'district_admin'],
    params: IdParams,
    body: WithdrawBody,
    response: AssignmentSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => assessment.withdrawAssignment(actor, tx!, params.id, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/assessment/assignments',
    operationId: 'listAssessmentAssignments',
    summary: 'Class assignments to assessment bodies in the caller’s scope (an assessment body: the classes it may assess)',
    tags: TAGS,
    access: ['city_admin', 'district_admin', 'auditor', 'assessor', 'provider'],
    query: AssignmentQuery,
    response: Page(AssignmentSchema),
    handler: async ({ actor, q, query }) => assessment.listAssignments(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/assessment/results',
    operationId: 'recordAssessmentResult',
    summary: 'Record a trainee’s result (pass → voucher assessed + subsidy claim; fail → voucher closed)',
    tags: TAGS,
    access: ['assessor'],
    body: ResultBody,
    status: 201,
    response: ResultViewSchema,
    tx: true,
    handler: async ({ actor, tx, body }) => assessment.recordResult(actor, tx!, body),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/assessment/results/import',
    operationId: 'importAssessmentResults',
    summary: 'Import results from a CSV or .xlsx sheet: good rows recorded, bad rows reported by row and field',
    tags: TAGS,
    access: ['assessor'],
    rawBody: ['text/csv', XLSX],
    bodyLimit: 16 * 1024 * 1024,
    response: ImportReportSchema,
    handler: async ({ actor, db: d, req }) => {
      const type = String(req.headers['content-type'] ?? '');
      return assessment.importResults(actor, d, req.body as Buffer, type.startsWith(XLSX) ? 'xlsx' : 'csv');
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/assessment/results',
    operationId: 'listAssessmentResults',
    summary: 'Results recorded by the caller’s assessment body (admins: their scope)',
    tags: TAGS,
    access: ['assessor', 'city_admin', 'district_admin', 'auditor'],
    query: z.strictObject({
      classId: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    }),
    response: Page(ResultViewSchema),
    handler: async ({ actor, q, query }) => assessment.listResults(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/me/certificates',
    operationId: 'myCertificates',
    summary: 'The worker’s own certificates',
    tags: TAGS,
    access: ['worker'],
    response: z.array(CertificateSchema),
    handler: async ({ actor, q }) => assessment.myCertificates(actor, q),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/certificates/lookup',
    operationId: 'lookupCertificate',
    summary: 'Public certificate check by number + the holder’s full name (masked answer; rate-limited)',
    tags: TAGS,
    access: 'public',
    rateLimit: { max: 10, timeWindow: '1 minute' },
    query: z.strictObject({ certificateNumber: z.string().trim().min(6).max(40), name: z.string().trim().min(1).max(64) }),
    response: CertificateSchema,
    handler: async ({ q, query }) => assessment.lookupCertificate(q, query),
  });
}
