import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordKeySettings } from '../../config.js';
import type { Db } from '../../db/index.js';
import { defineRoute } from '../../http/route.js';
import { checkDocument, checkUpload, issueCertificatePdf, issueRecordPdf } from './documents.js';
import { ownPerson, personForRecord, RECORD_OFFICERS } from './policy.js';
import { recordOf } from './record.js';
import { CertificateIdParams, DocumentCheckSchema, DocumentIdParams, LifelongRecordSchema, PersonIdParams, UploadCheckSchema } from './schemas.js';
import { publicKeyInfo } from './signing.js';

const TAGS = ['records'];
const PDF = 'application/pdf';
const settings = recordKeySettings();

/** The address the QR code points at: PUBLIC_BASE_URL, else the origin the caller reached us by. */
const verifyBase = (req: FastifyRequest): string => settings.publicBaseUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;

/** 终身电子培训档案: the worker's own, and officers' in scope; as data and as a signed PDF. */
function registerRecordRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/me/record',
    operationId: 'getMyRecord',
    summary:
      'The worker’s lifelong training record: every voucher, registration, class, attendance, assessment, certificate and subsidy in time order, with totals',
    tags: TAGS,
    access: ['worker'],
    response: LifelongRecordSchema,
    handler: async ({ actor, q }) => recordOf(q, await ownPerson(actor, q)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/persons/:personId/record',
    operationId: 'getPersonRecord',
    summary: 'A person’s lifelong training record (officers: persons in their scope; another district’s person → 404)',
    tags: TAGS,
    access: RECORD_OFFICERS,
    params: PersonIdParams,
    response: LifelongRecordSchema,
    handler: async ({ actor, q, params }) => recordOf(q, await personForRecord(actor, q, params.personId)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/me/record.pdf',
    operationId: 'downloadMyRecordPdf',
    summary: 'The worker’s lifelong training record as a PDF signed by the platform, with a QR code to the public verify page (audited)',
    tags: TAGS,
    access: ['worker'],
    response: z.unknown().describe('a PDF file'),
    handler: async ({ actor, db: d, req, reply }) => {
      const doc = await issueRecordPdf(actor, d, await ownPerson(actor, d), verifyBase(req));
      reply.type(PDF).header('content-disposition', `attachment; filename="${doc.filename}"`).header('x-document-id', doc.id);
      return doc.pdf;
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/persons/:personId/record.pdf',
    operationId: 'downloadPersonRecordPdf',
    summary: 'A person’s lifelong training record as a signed PDF (officers in scope; audited)',
    tags: TAGS,
    access: RECORD_OFFICERS,
    params: PersonIdParams,
    response: z.unknown().describe('a PDF file'),
    handler: async ({ actor, db: d, params, req, reply }) => {
      const doc = await issueRecordPdf(actor, d, await personForRecord(actor, d, params.personId), verifyBase(req));
      reply.type(PDF).header('content-disposition', `attachment; filename="${doc.filename}"`).header('x-document-id', doc.id);
      return doc.pdf;
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/me/certificates/:id/pdf',
    operationId: 'downloadMyCertificatePdf',
    summary: 'A copy of one of the worker’s certificates as a signed PDF with a verification QR code (audited)',
    tags: TAGS,
    access: ['worker'],
    params: CertificateIdParams,
    response: z.unknown().describe('a PDF file'),
    handler: async ({ actor, db: d, params, req, reply }) => {
      const doc = await issueCertificatePdf(actor, d, await ownPerson(actor, d), params.id, verifyBase(req));
      reply.type(PDF).header('content-disposition', `attachment; filename="${doc.filename}"`).header('x-document-id', doc.id);
      return doc.pdf;
    },
  });
}

/** The public verify page's calls: by id (the QR code) and by uploading the file. */
function registerVerifyRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/public/documents/:id',
    operationId: 'checkIssuedDocument',
    summary: 'Public check of an issued document by its id (the QR code): masked name, issue date, content digest, signature (rate-limited)',
    tags: TAGS,
    access: 'public',
    rateLimit: { max: 30, timeWindow: '1 minute' },
    params: DocumentIdParams,
    response: DocumentCheckSchema,
    handler: async ({ q, params }) => checkDocument(q, params.id),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/public/documents/verify',
    operationId: 'verifyUploadedDocument',
    summary: 'Public check of an uploaded PDF: genuine (byte for byte as issued and signed), tampered, or unknown (rate-limited)',
    tags: TAGS,
    access: 'public',
    rateLimit: { max: 20, timeWindow: '1 minute' },
    rawBody: [PDF, 'application/octet-stream'],
    bodyLimit: 8 * 1024 * 1024,
    response: UploadCheckSchema,
    handler: async ({ q, req }) => checkUpload(q, req.body as Buffer),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/public/documents-key',
    operationId: 'getDocumentSigningKey',
    summary: 'The platform’s public document-signing key (Ed25519 PEM, or SM2 hex under the GM/T suite) for offline checks',
    tags: TAGS,
    access: 'public',
    response: z.object({ kid: z.string(), alg: z.enum(['Ed25519', 'SM2']), publicKey: z.string() }),
    handler: async () => publicKeyInfo(),
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerRecordRoutes(app, db);
  registerVerifyRoutes(app, db);
}
