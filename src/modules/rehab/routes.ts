/** Work-injury rehabilitation API (issue 18): thin routes, one service call each; the contract is /work/wt/contracts/rehab.md. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, listed, Page } from '../../http/route.js';
import type { Role } from '../identity/index.js';
import { addAttachment, readAttachment } from './attachments.js';
import * as cases from './cases.js';
import { decide, hospitalStates, review } from './committee.js';
import { importRecognitions, recognitionTemplate, syncRecognitions } from './district-system.js';
import { APPLICANTS, CASE_READERS, COMMITTEE, HOSPITAL, OFFICERS, RECOGNITION_READERS, REVIEWERS, STATS_READERS } from './policy.js';
import * as recognitions from './recognitions.js';
import { CONDITIONS } from './rules.js';
import {
  ApplyBody,
  AttachmentParams,
  AttachmentQuery,
  AttachmentSchema,
  CaseListItemSchema,
  CaseQuery,
  CaseSchema,
  ConditionSchema,
  DecisionBody,
  DischargeBody,
  EmptyBody,
  ExtensionRequestBody,
  HospitalSchema,
  ImportReportSchema,
  LeaveExtensionBody,
  NoteBody,
  ReasonBody,
  RecognitionBody,
  RecognitionQuery,
  RecognitionSchema,
  RetrainingVoucherBody,
  ReviewSchema,
  StatsQuery,
  StatsSchema,
  SyncBody,
} from './schemas.js';
import { rehabStats } from './stats.js';
import { admit, discharge, issueRetrainingVoucher, recordProgress, requestExtension } from './stay.js';

const TAGS = ['rehab'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'] as const;

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerReferenceRoutes(app, db);
  registerRecognitionRoutes(app, db);
  registerRecognitionFileRoutes(app, db);
  registerCaseRoutes(app, db);
  registerCommitteeRoutes(app, db);
  registerHospitalRoutes(app, db);
}

function registerReferenceRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/conditions',
    operationId: 'listRehabConditions',
    summary: 'The nine conditions of the national rehabilitation service norm (工伤康复服务规范), with ICD-10 prefixes',
    tags: TAGS,
    access: 'any',
    response: Page(ConditionSchema),
    handler: async () => listed(CONDITIONS.map((c) => ({ ...c, icd10: [...c.icd10] }))),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/hospitals',
    operationId: 'listRehabHospitals',
    summary: 'The designated rehabilitation hospitals with their conditions and free beds (coordinates GCJ-02)',
    tags: TAGS,
    access: 'any',
    response: Page(HospitalSchema),
    handler: async ({ q }) =>
      listed(
        (await hospitalStates(q)).map((h) => ({
          id: h.id,
          name: h.name,
          districtCode: h.districtCode,
          address: h.address,
          location: { lat: h.lat, lng: h.lng },
          conditions: h.conditions as z.infer<typeof HospitalSchema>['conditions'],
          beds: h.beds,
          occupied: h.occupied,
          reserved: h.reserved,
          freeBeds: h.freeBeds,
        })),
      ),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/stats',
    operationId: 'rehabStats',
    summary: 'Rehabilitation statistics: applications, decisions, time to decision, bed use, by district and month (scoped)',
    tags: TAGS,
    access: STATS_READERS,
    query: StatsQuery,
    response: StatsSchema,
    handler: async ({ actor, q, query }) => rehabStats(actor, q, query),
  });
}

function registerRecognitionRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/recognitions',
    operationId: 'listInjuryRecognitions',
    summary: 'Injury recognitions in scope, each with its eligibility today (worker: own; employer: its employees’; officer: district)',
    tags: TAGS,
    access: RECOGNITION_READERS,
    query: RecognitionQuery,
    response: Page(RecognitionSchema),
    handler: async ({ actor, q, query }) => recognitions.listRecognitions(actor, q, query),
  });
}

/** The import template, the sheet import and the district system's sync. */
function registerRecognitionFileRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/recognitions/template.xlsx',
    operationId: 'rehabRecognitionTemplate',
    summary: 'The .xlsx template of the recognition import',
    tags: TAGS,
    access: OFFICERS,
    response: z.string(),
    handler: async ({ reply }) => {
      reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="recognitions-template.xlsx"');
      await reply.send(await recognitionTemplate());
      return '';
    },
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/recognitions/:id',
    operationId: 'getInjuryRecognition',
    summary: 'One injury recognition with its eligibility',
    tags: TAGS,
    access: RECOGNITION_READERS,
    params: IdParams,
    response: RecognitionSchema,
    handler: async ({ actor, q, params }) => recognitions.getRecognition(actor, q, params.id),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/rehab/recognitions',
    operationId: 'createInjuryRecognition',
    summary: 'Enter an injury recognition (district officer: own district)',
    tags: TAGS,
    access: OFFICERS,
    body: RecognitionBody,
    status: 201,
    response: RecognitionSchema,
    tx: true,
    handler: async ({ actor, tx, body }) => recognitions.createRecognition(actor, tx, body),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/rehab/recognitions/:id/leave-extensions',
    operationId: 'extendInjuryLeave',
    summary: 'Extend the paid injury-leave period (停工留薪期) with a reason',
    tags: TAGS,
    access: OFFICERS,
    params: IdParams,
    body: LeaveExtensionBody,
    response: RecognitionSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => recognitions.extendLeave(actor, tx, params.id, body),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/rehab/recognitions/import',
    operationId: 'importInjuryRecognitions',
    summary: 'Import recognitions from a CSV or .xlsx sheet: good rows saved, bad rows listed by line and field',
    tags: TAGS,
    access: OFFICERS,
    rawBody: ['text/csv', XLSX],
    bodyLimit: 8 * 1024 * 1024,
    response: ImportReportSchema,
    handler: async ({ actor, db: d, req }) =>
      importRecognitions(actor, d, req.body as Buffer, String(req.headers['content-type'] ?? '').startsWith(XLSX) ? 'xlsx' : 'csv'),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/rehab/recognitions/sync',
    operationId: 'syncInjuryRecognitions',
    summary: 'Pull recognitions from the district recognition system (built in: 区工伤认定系统模拟器)',
    tags: TAGS,
    access: OFFICERS,
    body: SyncBody,
    response: ImportReportSchema,
    handler: async ({ actor, db: d, body }) => syncRecognitions(actor, d, body.districtCode),
  });
}

function registerCaseRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/rehab/cases',
    operationId: 'applyForRehab',
    summary: 'Apply for inpatient rehabilitation (worker: submitted; employer for its employee: awaiting the worker’s confirmation)',
    tags: TAGS,
    access: APPLICANTS,
    body: ApplyBody,
    status: 201,
    response: CaseSchema,
    tx: true,
    handler: async ({ actor, tx, body }) => cases.apply(actor, tx, body),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/cases',
    operationId: 'listRehabCases',
    summary: 'Rehabilitation cases in scope (hospital: those placed at it)',
    tags: TAGS,
    access: CASE_READERS,
    query: CaseQuery,
    response: Page(CaseListItemSchema),
    handler: async ({ actor, q, query }) => cases.listCases(actor, q, query),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/cases/:id',
    operationId: 'getRehabCase',
    summary: 'One case with its decisions, attachments and timeline',
    tags: TAGS,
    access: CASE_READERS,
    params: IdParams,
    response: CaseSchema,
    handler: async ({ actor, q, params }) => cases.getCase(actor, q, params.id),
  });
  caseStep(app, db, 'confirm', 'confirmRehabApplication', 'The worker confirms the application their employer made', ['worker'], EmptyBody, (a, tx, id) =>
    cases.confirm(a, tx, id),
  );
  caseStep(app, db, 'withdraw', 'withdrawRehabApplication', 'Withdraw the application (until decided)', APPLICANTS, ReasonBody, (a, tx, id, b) =>
    cases.withdraw(a, tx, id, b.reason),
  );
  caseStep(
    app,
    db,
    'resubmit',
    'resubmitRehabApplication',
    'Resubmit after the committee asked for material (the clock restarts)',
    APPLICANTS,
    NoteBody,
    (a, tx, id, b) => cases.resubmit(a, tx, id, b.note),
  );
  registerAttachmentRoutes(app, db);
}

type StepBody =
  | typeof EmptyBody
  | typeof ReasonBody
  | typeof NoteBody
  | typeof DecisionBody
  | typeof ExtensionRequestBody
  | typeof DischargeBody
  | typeof RetrainingVoucherBody;

/** One POST /api/v1/rehab/cases/:id/<step> answering the case. */
function caseStep<B extends StepBody>(
  app: FastifyInstance,
  db: Db,
  step: string,
  operationId: string,
  summary: string,
  access: readonly Role[],
  body: B,
  run: (actor: Parameters<typeof cases.getCase>[0], tx: import('../../db/index.js').Tx, id: string, body: z.infer<B>) => Promise<z.infer<typeof CaseSchema>>,
  status: 200 | 201 = 200,
): void {
  defineRoute(app, db, {
    method: 'POST',
    url: `/api/v1/rehab/cases/:id/${step}`,
    operationId,
    summary,
    tags: TAGS,
    access,
    params: IdParams,
    body,
    status,
    response: CaseSchema,
    tx: true,
    handler: async ({ actor, tx, params, body: b }) => run(actor, tx, params.id, b as z.infer<B>),
  });
}

function registerAttachmentRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/rehab/cases/:id/attachments',
    operationId: 'uploadRehabAttachment',
    summary: 'Add an attachment (PDF / JPEG / PNG by content; size limit REHAB_ATTACHMENT_MAX_BYTES); the file is the body',
    tags: TAGS,
    access: APPLICANTS,
    params: IdParams,
    query: AttachmentQuery,
    rawBody: FILE_TYPES,
    bodyLimit: 64 * 1024 * 1024,
    status: 201,
    response: AttachmentSchema,
    tx: true,
    handler: async ({ actor, tx, params, query, req }) => addAttachment(actor, tx, params.id, query.name, req.body as Buffer),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/cases/:id/attachments/:attachmentId',
    operationId: 'downloadRehabAttachment',
    summary: 'An attachment’s file (only within the case’s scope)',
    tags: TAGS,
    access: CASE_READERS,
    params: AttachmentParams,
    response: z.string(),
    handler: async ({ actor, q, params, reply }) => {
      const { view, content } = await readAttachment(actor, q, params.id, params.attachmentId);
      reply
        .header('content-type', view.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(view.fileName)}`)
        .header('x-content-sha256', view.sha256);
      await reply.send(content);
      return '';
    },
  });
}

function registerCommitteeRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/rehab/cases/:id/review',
    operationId: 'reviewRehabCase',
    summary: 'The committee’s case view: eligibility, preferences, hospitals (free beds, condition taken, distance) and the proposed placement',
    tags: TAGS,
    access: REVIEWERS,
    params: IdParams,
    response: ReviewSchema,
    handler: async ({ actor, q, params }) => review(actor, q, params.id),
  });
  caseStep(
    app,
    db,
    'decisions',
    'decideRehabCase',
    'The committee decides: place, ask for material, refuse, extend, refuse an extension',
    COMMITTEE,
    DecisionBody,
    decide,
    201,
  );
  caseStep(
    app,
    db,
    'retraining-voucher',
    'issueRehabRetrainingVoucher',
    'Issue, in one step, the targeted training voucher a discharge recommended',
    OFFICERS,
    RetrainingVoucherBody,
    issueRetrainingVoucher,
  );
}

function registerHospitalRoutes(app: FastifyInstance, db: Db): void {
  caseStep(app, db, 'admit', 'admitRehabPatient', 'Confirm admission (one bed taken)', HOSPITAL, EmptyBody, (a, tx, id) => admit(a, tx, id));
  caseStep(app, db, 'progress', 'recordRehabProgress', 'Record progress of the stay', HOSPITAL, NoteBody, (a, tx, id, b) => recordProgress(a, tx, id, b.note));
  caseStep(
    app,
    db,
    'extension-requests',
    'requestRehabExtension',
    'Ask the committee for an extension with a reason',
    HOSPITAL,
    ExtensionRequestBody,
    (a, tx, id, b) => requestExtension(a, tx, id, b.days, b.reason),
  );
  caseStep(
    app,
    db,
    'discharge',
    'dischargeRehabPatient',
    'Discharge with an outcome (retraining recommended names an occupation)',
    HOSPITAL,
    DischargeBody,
    discharge,
  );
}
