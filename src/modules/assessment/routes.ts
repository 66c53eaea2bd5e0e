import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, listed, Page } from '../../http/route.js';
import {
  AssignmentBody,
  AssignmentQuery,
  AssignmentSchema,
  CertificateLookupQuery,
  CertificateImportReportSchema,
  CertificateSchema,
  ImportReportSchema,
  RegistryEntrySchema,
  RegistryQuery,
  ResultBody,
  ResultQuery,
  ResultViewSchema,
  WithdrawBody,
} from './schemas.js';
import * as assessment from './service.js';

const TAGS = ['assessment'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 考评安排: classes assigned to assessment bodies. */
function registerAssignmentRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, tx, body }) => assessment.assignClass(actor, tx, body),
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
    handler: async ({ actor, tx, params, body }) => assessment.withdrawAssignment(actor, tx, params.id, body),
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
}

/** Results: recorded one by one or from a sheet, and listed. */
function registerResultRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, tx, body }) => assessment.recordResult(actor, tx, body),
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
    query: ResultQuery,
    response: Page(ResultViewSchema),
    handler: async ({ actor, q, query }) => assessment.listResults(actor, q, query),
  });
}

/** Certificates: the holder's own, and the public check. */
function registerCertificateRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/me/certificates',
    operationId: 'myCertificates',
    summary: 'The worker’s own certificates',
    tags: TAGS,
    access: ['worker'],
    response: Page(CertificateSchema),
    handler: async ({ actor, q }) => listed(await assessment.myCertificates(actor, q)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/certificates/lookup',
    operationId: 'lookupCertificate',
    summary: 'Public certificate check by number + the holder’s full name (masked answer; rate-limited)',
    tags: TAGS,
    access: 'public',
    rateLimit: { max: 10, timeWindow: '1 minute' },
    query: CertificateLookupQuery,
    response: CertificateSchema,
    handler: async ({ q, query }) => assessment.lookupCertificate(q, query),
  });
}

/** 证书库: the registry of certificates recorded here and imported from assessment bodies. */
function registerRegistryRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/certificates',
    operationId: 'listCertificateRegistry',
    summary: 'The certificate registry (recorded + imported); an assessment body: its own; masked holder names',
    tags: TAGS,
    access: ['city_admin', 'auditor', 'assessor'],
    query: RegistryQuery,
    response: Page(RegistryEntrySchema),
    handler: async ({ actor, q, query }) => assessment.listRegistry(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/certificates/import',
    operationId: 'importCertificates',
    summary:
      'Import an assessment body’s certificates (CSV or .xlsx: 证书编号, 证书类型, 身份证号, 姓名, 职业代码, 等级, 发证机构, 发证日期); bad rows reported by row and field',
    tags: TAGS,
    access: ['assessor', 'city_admin'],
    rawBody: ['text/csv', XLSX],
    bodyLimit: 16 * 1024 * 1024,
    response: CertificateImportReportSchema,
    handler: async ({ actor, db: d, req }) => {
      const type = String(req.headers['content-type'] ?? '');
      return assessment.importCertificates(actor, d, req.body as Buffer, type.startsWith(XLSX) ? 'xlsx' : 'csv');
    },
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerAssignmentRoutes(app, db);
  registerResultRoutes(app, db);
  registerCertificateRoutes(app, db);
  registerRegistryRoutes(app, db);
}
