/** Training API: thin routes, one service call each. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, listed, Page } from '../../http/route.js';
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
  MyTrainingView,
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
import { admitNow } from './admission.js';
import { withdrawAdmission } from './admitted.js';
import { grantApproval, listApprovals, revokeApproval } from './approvals.js';
import { cancelClass, fileOpeningReport, getRoster } from './roster.js';
import { createClass, listClasses, readClass, readSessions, replaceSessions, updateClass } from './classes.js';
import { createCourse, listCourses, readCourse, updateCourse } from './courses.js';
import { listMyTraining, presentMyTraining } from './my-training.js';
import { APPROVERS, READERS } from './policy.js';
import { cancelRegistration, fittingVouchers, listClassRegistrations, listMyRegistrations, register } from './registration.js';
import { searchClasses } from './search.js';
import { forReading } from '../../db/replica.js';
import { createVenue, listVenues, readVenue, updateVenue } from './venues.js';
import { verifyForClass } from './verify.js';
import { presentAdmission, presentClass, presentCourse, presentRegistration, presentSession, presentVenue } from './views.js';
import { VoucherViewSchema } from '../vouchers/index.js';
import { exportList } from '../../http/export.js';
import { classesExport } from './exports.js';

const admins = APPROVERS;
const readers = READERS;
const tags = ['training'];

/** Routes: provider approvals. */
function registerApprovalRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, tx, params, body }) => grantApproval(actor, tx, params.id, body),
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
    handler: async ({ actor, tx, params, body }) => revokeApproval(actor, tx, params.id, params.approvalId, body.reason),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/providers/:id/approvals',
    operationId: 'listProviderApprovals',
    summary: 'The programmes and occupations a provider is approved for',
    tags,
    access: readers,
    params: ProviderParams,
    response: Page(ApprovalView),
    handler: async ({ actor, q, params }) => listed(await listApprovals(actor, q, params.id)),
  });
}

/** Routes: venues. */
function registerVenueRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, tx, body }) => presentVenue(await createVenue(actor, tx, body)),
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
    handler: async ({ actor, tx, params, body }) => presentVenue(await updateVenue(actor, tx, params.id, body)),
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
      const r = await listVenues(actor, q, query);
      return { total: r.total, items: r.items.map(presentVenue) };
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
    handler: async ({ actor, q, params }) => presentVenue(await readVenue(actor, q, params.id)),
  });
}

/** Routes: courses. */
function registerCourseRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, tx, body }) => presentCourse(await createCourse(actor, tx, body)),
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
    handler: async ({ actor, tx, params, body }) => presentCourse(await updateCourse(actor, tx, params.id, body)),
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
      const r = await listCourses(actor, q, query);
      return { total: r.total, items: r.items.map(presentCourse) };
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
    handler: async ({ actor, q, params }) => presentCourse(await readCourse(actor, q, params.id)),
  });
}

/** Routes: classes. */
function registerClassRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, tx, body }) => presentClass(await createClass(actor, tx, body)),
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
    handler: async ({ actor, tx, params, body }) => presentClass(await updateClass(actor, tx, params.id, body)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/export.xlsx',
    operationId: 'exportClasses',
    summary: 'The classes the list’s filters show, as .xlsx (streamed; Chinese headings; in scope; audited)',
    tags,
    access: readers,
    query: ListClassesQuery.omit({ limit: true, offset: true }),
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ actor, db: d, query, reply }) => exportList(actor, d, reply, await classesExport(actor, d, query)),
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
      const r = await listClasses(actor, q, query);
      return { total: r.total, items: r.items.map(presentClass) };
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
    handler: async ({ actor, q, params }) => presentClass(await readClass(actor, q, params.id)),
  });
}

/** Routes: a class's sessions (课次) and its cancellation. */
function registerSessionRoutes(app: FastifyInstance, db: Db): void {
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
    response: Page(SessionView),
    handler: async ({ actor, tx, params, body }) => listed((await replaceSessions(actor, tx, params.id, body.sessions)).map(presentSession)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id/sessions',
    operationId: 'listClassSessions',
    summary: 'The sessions (课次) of a class',
    tags,
    access: readers,
    params: IdParams,
    response: Page(SessionView),
    handler: async ({ actor, q, params }) => listed((await readSessions(actor, q, params.id)).map(presentSession)),
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
    handler: async ({ actor, tx, params, body }) => presentClass(await cancelClass(actor, tx, params.id, body.reason)),
  });
}

/** Routes: public search. */
function registerSearchRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/course-search',
    operationId: 'searchCourses',
    summary: 'Classes open for registration; filters, sort by start date or distance; a subsidy estimate for a signed-in worker',
    tags,
    access: 'public',
    query: SearchQuery,
    response: Page(SearchItemView),
    // a search may read from the standby (DATABASE_READ_URL; staleness bounded in src/db/replica.ts)
    handler: async ({ maybeActor, db: d, query }) => searchClasses(maybeActor, await forReading(d), query),
  });
}

/** Routes: registration (报名). */
function registerRegistrationRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, tx, body }) => presentRegistration(await register(actor, tx, body)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/registrations/mine',
    operationId: 'listMyRegistrations',
    summary: 'The signed-in worker’s registrations',
    tags,
    access: ['worker'],
    response: Page(RegistrationView),
    handler: async ({ actor, q }) => listed((await listMyRegistrations(actor, q)).map(presentRegistration)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/training/mine',
    operationId: 'listMyTraining',
    summary: '我的培训: the signed-in worker’s admissions (also those made at the provider’s desk) and registrations',
    tags,
    access: ['worker'],
    response: Page(MyTrainingView),
    handler: async ({ actor, q }) => {
      const items = await presentMyTraining(q, await listMyTraining(actor, q));
      return { items, total: items.length };
    },
  });
}

/** Routes: the worker's fitting vouchers, cancelling a registration, a class's registrations. */
function registerWorkerClassRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id/fitting-vouchers',
    operationId: 'listFittingVouchers',
    summary: 'The signed-in worker’s vouchers that fit a class: issued, valid, its programme, occupation and level (报名 offers these)',
    tags,
    access: ['worker'],
    params: IdParams,
    response: Page(VoucherViewSchema),
    handler: async ({ actor, q, params }) => {
      const items = await fittingVouchers(actor, q, params.id);
      return { items, total: items.length };
    },
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
    handler: async ({ actor, tx, params }) => presentRegistration(await cancelRegistration(actor, tx, params.id)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id/registrations',
    operationId: 'listClassRegistrations',
    summary: 'Pending registrations of a class (masked holders)',
    tags,
    access: readers,
    params: IdParams,
    response: Page(ClassRegistrationView),
    handler: async ({ actor, q, params }) => listed(await listClassRegistrations(actor, q, params.id)),
  });
}

/** Routes: verify (读取验证) and admission (补贴学员录取). */
function registerAdmissionRoutes(app: FastifyInstance, db: Db): void {
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
    handler: async ({ actor, db: d, params, body }) => verifyForClass(actor, d, params.id, body),
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
    handler: async ({ actor, db: d, params, body }) => presentAdmission(await admitNow(actor, d, params.id, body)),
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
    handler: async ({ actor, tx, params, body }) => presentAdmission(await withdrawAdmission(actor, tx, params.id, body.reason)),
  });
}

/** Routes: opening report and roster (开班反馈 + 学员注册). */
function registerRosterRoutes(app: FastifyInstance, db: Db): void {
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
      const r = await fileOpeningReport(actor, tx, params.id);
      return { class: presentClass(r.class), roster: r.roster };
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
      const r = await getRoster(actor, q, params.id);
      return { class: presentClass(r.class), roster: r.roster };
    },
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerApprovalRoutes(app, db);
  registerVenueRoutes(app, db);
  registerCourseRoutes(app, db);
  registerClassRoutes(app, db);
  registerSessionRoutes(app, db);
  registerSearchRoutes(app, db);
  registerRegistrationRoutes(app, db);
  registerWorkerClassRoutes(app, db);
  registerAdmissionRoutes(app, db);
  registerRosterRoutes(app, db);
}
