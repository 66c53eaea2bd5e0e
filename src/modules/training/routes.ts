/** Training API: thin routes, one service call each. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, Page } from '../../http/route.js';
import { JOBS } from '../../jobs/scheduler.js';
import { classJob } from './jobs.js';
import {
  AdmissionView,
  ApprovalParams,
  ApprovalView,
  ClassRegistrationView,
  ClassView,
  CourseView,
  CreateClassBody,
  CreateCourseBody,
  CreateVenueBody,
  CredentialBody,
  GrantApprovalBody,
  ListClassesQuery,
  ListQuery,
  OptionalReasonBody,
  ProviderParams,
  ReasonBody,
  RegisterBody,
  RegistrationView,
  RosterView,
  SearchItemView,
  SearchQuery,
  SessionsBody,
  SessionView,
  UpdateClassBody,
  UpdateCourseBody,
  UpdateVenueBody,
  VenueView,
  VerifyView,
} from './schemas.js';
import * as training from './service.js';

const admins = ['city_admin', 'district_admin'] as const;
const readers = ['city_admin', 'district_admin', 'auditor', 'provider'] as const;
const tags = ['training'];

if (!JOBS.includes(classJob)) JOBS.push(classJob);

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // ——— provider approvals ———
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/providers/:id/approvals',
    operationId: 'grantProviderApproval',
    summary: 'Approve a provider for a programme (and an occupation, or all of the programme’s)',
    tags,
    access: admins,
    tx: true,
    status: 201,
    params: ProviderParams,
    body: GrantApprovalBody,
    response: ApprovalView,
    handler: async ({ actor, tx, params, body }) => training.grantApproval(actor, tx!, params.id, body),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/providers/:id/approvals/:approvalId/revoke',
    operationId: 'revokeProviderApproval',
    summary: 'Revoke a provider approval (with a reason)',
    tags,
    access: admins,
    tx: true,
    params: ApprovalParams,
    body: ReasonBody,
    response: ApprovalView,
    handler: async ({ actor, tx, params, body }) => training.revokeApproval(actor, tx!, params.id, params.approvalId, body.reason),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/providers/:id/approvals',
    operationId: 'listProviderApprovals',
    summary: 'The programmes and occupations a provider is approved for',
    tags,
    access: readers,
    params: ProviderParams,
    response: z.array(ApprovalView),
    handler: async ({ actor, q, params }) => training.listApprovals(actor, q, params.id),
  });

  // ——— venues ———
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/venues',
    operationId: 'createVenue',
    summary: 'Add a venue; coordinates in WGS-84 or GCJ-02 (coordSystem), stored as GCJ-02',
    tags,
    access: ['provider'],
    tx: true,
    status: 201,
    body: CreateVenueBody,
    response: VenueView,
    handler: async ({ actor, tx, body }) => training.presentVenue(await training.createVenue(actor, tx!, body)),
  });
  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/v1/venues/:id',
    operationId: 'updateVenue',
    summary: 'Change a venue of the signed-in provider',
    tags,
    access: ['provider'],
    tx: true,
    params: IdParams,
    body: UpdateVenueBody,
    response: VenueView,
    handler: async ({ actor, tx, params, body }) => training.presentVenue(await training.updateVenue(actor, tx!, params.id, body)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/venues',
    operationId: 'listVenues',
    summary: 'Venues in scope',
    tags,
    access: readers,
    query: ListQuery,
    response: Page(VenueView),
    handler: async ({ actor, q, query }) => {
      const r = await training.listVenues(actor, q, query);
      return { total: r.total, items: r.items.map(training.presentVenue) };
    },
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/venues/:id',
    operationId: 'getVenue',
    summary: 'One venue (404 outside the caller’s scope)',
    tags,
    access: readers,
    params: IdParams,
    response: VenueView,
    handler: async ({ actor, q, params }) => training.presentVenue(await training.readVenue(actor, q, params.id)),
  });

  // ——— courses ———
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/courses',
    operationId: 'createCourse',
    summary: 'Add a course (programme, occupation, level, hours, fee in fen) the provider is approved for',
    tags,
    access: ['provider'],
    tx: true,
    status: 201,
    body: CreateCourseBody,
    response: CourseView,
    handler: async ({ actor, tx, body }) => training.presentCourse(await training.createCourse(actor, tx!, body)),
  });
  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/v1/courses/:id',
    operationId: 'updateCourse',
    summary: 'Change a course of the signed-in provider',
    tags,
    access: ['provider'],
    tx: true,
    params: IdParams,
    body: UpdateCourseBody,
    response: CourseView,
    handler: async ({ actor, tx, params, body }) => training.presentCourse(await training.updateCourse(actor, tx!, params.id, body)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/courses',
    operationId: 'listCourses',
    summary: 'Courses in scope',
    tags,
    access: readers,
    query: ListQuery,
    response: Page(CourseView),
    handler: async ({ actor, q, query }) => {
      const r = await training.listCourses(actor, q, query);
      return { total: r.total, items: r.items.map(training.presentCourse) };
    },
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/courses/:id',
    operationId: 'getCourse',
    summary: 'One course (404 outside the caller’s scope)',
    tags,
    access: readers,
    params: IdParams,
    response: CourseView,
    handler: async ({ actor, q, params }) => training.presentCourse(await training.readCourse(actor, q, params.id)),
  });

  // ——— classes and sessions ———
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/classes',
    operationId: 'createClass',
    summary: 'Open a class of a course (venue or online, capacity, dates, sessions)',
    tags,
    access: ['provider'],
    tx: true,
    status: 201,
    body: CreateClassBody,
    response: ClassView,
    handler: async ({ actor, tx, body }) => training.presentClass(await training.createClass(actor, tx!, body)),
  });
  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/v1/classes/:id',
    operationId: 'updateClass',
    summary: 'Change the name or capacity of a draft class',
    tags,
    access: ['provider'],
    tx: true,
    params: IdParams,
    body: UpdateClassBody,
    response: ClassView,
    handler: async ({ actor, tx, params, body }) => training.presentClass(await training.updateClass(actor, tx!, params.id, body)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes',
    operationId: 'listClasses',
    summary: 'Classes in scope (provider: its own; district admin: its district)',
    tags,
    access: readers,
    query: ListClassesQuery,
    response: Page(ClassView),
    handler: async ({ actor, q, query }) => {
      const r = await training.listClasses(actor, q, query);
      return { total: r.total, items: r.items.map(training.presentClass) };
    },
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id',
    operationId: 'getClass',
    summary: 'One class (404 outside the caller’s scope)',
    tags,
    access: readers,
    params: IdParams,
    response: ClassView,
    handler: async ({ actor, q, params }) => training.presentClass(await training.readClass(actor, q, params.id)),
  });
  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/classes/:id/sessions',
    operationId: 'replaceClassSessions',
    summary: 'Set the sessions (课次) of a draft class',
    tags,
    access: ['provider'],
    tx: true,
    params: IdParams,
    body: SessionsBody,
    response: z.array(SessionView),
    handler: async ({ actor, tx, params, body }) => (await training.replaceSessions(actor, tx!, params.id, body.sessions)).map(training.presentSession),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id/sessions',
    operationId: 'listClassSessions',
    summary: 'The sessions (课次) of a class',
    tags,
    access: readers,
    params: IdParams,
    response: z.array(SessionView),
    handler: async ({ actor, q, params }) => (await training.readSessions(actor, q, params.id)).map(training.presentSession),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/classes/:id/cancel',
    operationId: 'cancelClass',
    summary: 'Cancel a class before it opens; admitted vouchers are released',
    tags,
    access: ['provider'],
    tx: true,
    params: IdParams,
    body: ReasonBody,
    response: ClassView,
    handler: async ({ actor, tx, params, body }) => training.presentClass(await training.cancelClass(actor, tx!, params.id, body.reason)),
  });

  // ——— public search ———
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/course-search',
    operationId: 'searchCourses',
    summary: 'Classes open for registration; filters, sort by start date or distance; a subsidy estimate for a signed-in worker',
    tags,
    access: 'public',
    query: SearchQuery,
    response: Page(SearchItemView),
    handler: async ({ maybeActor, q, query }) => training.searchClasses(maybeActor, q, query),
  });

  // ——— registration (报名) ———
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/registrations',
    operationId: 'registerForClass',
    summary: 'Register for a class with one of your vouchers (a seat is held; CLASS_FULL when none)',
    tags,
    access: ['worker'],
    tx: true,
    status: 201,
    body: RegisterBody,
    response: RegistrationView,
    handler: async ({ actor, tx, body }) => training.presentRegistration(await training.register(actor, tx!, body)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/registrations/mine',
    operationId: 'listMyRegistrations',
    summary: 'The signed-in worker’s registrations',
    tags,
    access: ['worker'],
    response: z.array(RegistrationView),
    handler: async ({ actor, q }) => (await training.listMyRegistrations(actor, q)).map(training.presentRegistration),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/registrations/:id/cancel',
    operationId: 'cancelRegistration',
    summary: 'Cancel your pending registration (the seat is released)',
    tags,
    access: ['worker'],
    tx: true,
    params: IdParams,
    response: RegistrationView,
    handler: async ({ actor, tx, params }) => training.presentRegistration(await training.cancelRegistration(actor, tx!, params.id)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id/registrations',
    operationId: 'listClassRegistrations',
    summary: 'Pending registrations of a class (masked holders)',
    tags,
    access: readers,
    params: IdParams,
    response: z.array(ClassRegistrationView),
    handler: async ({ actor, q, params }) => training.listClassRegistrations(actor, q, params.id),
  });

  // ——— verify (读取验证) and admission (补贴学员录取) ———
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/classes/:id/verify',
    operationId: 'verifyVoucherForClass',
    summary: 'Read a voucher (QR token, or number + holder ID number) for a class: masked details and admissibility with reasons',
    tags,
    access: ['provider'],
    params: IdParams,
    body: CredentialBody,
    response: VerifyView,
    handler: async ({ actor, db: d, params, body }) => training.verifyForClass(actor, d, params.id, body),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/classes/:id/admissions',
    operationId: 'admitToClass',
    summary: 'Admit a subsidised trainee: binds the voucher to the class exactly once, before the roster deadline',
    tags,
    access: ['provider'],
    // the service reads first (coalesced with concurrent requests), then writes in one short transaction
    status: 201,
    params: IdParams,
    body: CredentialBody,
    response: AdmissionView,
    handler: async ({ actor, db: d, params, body }) => training.presentAdmission(await training.admitNow(actor, d, params.id, body)),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/admissions/:id/withdraw',
    operationId: 'withdrawAdmission',
    summary: 'Withdraw an admission before the roster deadline (the voucher is released)',
    tags,
    access: ['provider', 'worker'],
    tx: true,
    params: IdParams,
    body: OptionalReasonBody,
    response: AdmissionView,
    handler: async ({ actor, tx, params, body }) => training.presentAdmission(await training.withdrawAdmission(actor, tx!, params.id, body.reason)),
  });

  // ——— opening report and roster (开班反馈 + 学员注册) ———
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/classes/:id/report',
    operationId: 'fileOpeningReport',
    summary: 'File the opening report with the roster, no later than the deadline',
    tags,
    access: ['provider'],
    tx: true,
    params: IdParams,
    response: RosterView,
    handler: async ({ actor, tx, params }) => {
      const r = await training.fileOpeningReport(actor, tx!, params.id);
      return { class: training.presentClass(r.class), roster: r.roster };
    },
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id/roster',
    operationId: 'getClassRoster',
    summary: 'The admitted trainees of a class (masked)',
    tags,
    access: readers,
    params: IdParams,
    response: RosterView,
    handler: async ({ actor, q, params }) => {
      const r = await training.getRoster(actor, q, params.id);
      return { class: training.presentClass(r.class), roster: r.roster };
    },
  });
}
