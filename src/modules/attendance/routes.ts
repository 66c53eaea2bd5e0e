import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { IdParams, Page, Paging, defineRoute } from '../../http/route.js';
import { CheckInBody, CheckInView, ClassAttendanceView, FlagDecisionBody, FlagView, OnlineImportReport } from './schemas.js';
import * as attendance from './service.js';
import { attendanceXlsx } from './sheet.js';
import { exportList } from '../../http/export.js';
import { flagsExport } from './exports.js';

const FlagFilters = {
  classId: z.uuid().optional(),
  status: z.enum(['flagged', 'accepted', 'rejected_after_review']).optional().describe('flagged (awaiting review, default) or the review’s outcome'),
  flag: z.string().trim().max(40).optional().describe('one suspicious pattern, e.g. shared_device'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The trainee's check-in. */
function registerCheckInRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/sessions/:id/check-in',
    operationId: 'checkIn',
    summary: '打卡签到: check in to a session (window, geofence, accuracy); a repeat answers the first check-in',
    tags: ['attendance'],
    access: ['worker'],
    params: IdParams,
    body: CheckInBody,
    response: CheckInView,
    // transactions are the service's: concurrent check-ins are written together (attendance.checkInNow)
    handler: async ({ actor, db: d, params, body }) => attendance.checkInNow(actor, d, params.id, body),
  });
}

/** A class's attendance sheet (read, exported) and an online class's imported records. */
function registerSheetRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id/attendance',
    operationId: 'getClassAttendance',
    summary: 'Attendance of a class: every admitted trainee × session, rate and threshold (a worker: their own line)',
    tags: ['attendance'],
    access: ['provider', 'district_admin', 'city_admin', 'auditor', 'worker'],
    params: IdParams,
    response: ClassAttendanceView,
    handler: async ({ actor, db: d, params }) => attendance.classAttendance(actor, d, params.id),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/classes/:id/attendance.xlsx',
    operationId: 'exportClassAttendance',
    summary: 'The class attendance sheet as .xlsx (streamed)',
    tags: ['attendance'],
    access: ['provider', 'district_admin', 'city_admin', 'auditor'],
    params: IdParams,
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ actor, db: d, params, reply }) => {
      const a = await attendance.classAttendance(actor, d, params.id);
      reply.type(XLSX).header('content-disposition', `attachment; filename="attendance-${a.classId}.xlsx"`);
      return attendanceXlsx(a);
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/classes/:id/online-attendance',
    operationId: 'importOnlineAttendance',
    summary: 'Online class: import the platform’s attendance records (CSV or .xlsx: idNumber, sessionSeq, at); per-row errors',
    tags: ['attendance'],
    access: ['provider'],
    params: IdParams,
    rawBody: ['text/csv', XLSX],
    bodyLimit: 20 * 1024 * 1024,
    response: OnlineImportReport,
    tx: true,
    handler: async ({ actor, tx, params, req }) => {
      const type = String(req.headers['content-type'] ?? '');
      return attendance.importOnlineAttendance(actor, tx, params.id, req.body as Buffer, type.startsWith(XLSX) ? 'xlsx' : 'csv');
    },
  });
}

/** The review queue of flagged check-ins. */
function registerReviewRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/check-in-flags',
    operationId: 'listCheckInFlags',
    summary: 'Flagged check-ins awaiting review (district admin: their district)',
    tags: ['attendance'],
    access: ['district_admin', 'city_admin'],
    query: z.strictObject({ ...FlagFilters, ...Paging }),
    response: Page(FlagView),
    handler: async ({ actor, db: d, query }) => attendance.listFlags(actor, d, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/check-in-flags/export.xlsx',
    operationId: 'exportCheckInFlags',
    summary: 'The check-ins the list’s filters show, as .xlsx (streamed; Chinese headings; trainees masked; audited)',
    tags: ['attendance'],
    access: ['district_admin', 'city_admin'],
    query: z.strictObject(FlagFilters),
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ actor, db: d, query, reply }) => exportList(actor, d, reply, await flagsExport(actor, d, query)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/check-in-flags/:id/decision',
    operationId: 'decideCheckInFlag',
    summary: 'Accept (then it counts) or reject a flagged check-in, with a note',
    tags: ['attendance'],
    access: ['district_admin', 'city_admin'],
    params: IdParams,
    body: FlagDecisionBody,
    response: FlagView,
    tx: true,
    handler: async ({ actor, tx, params, body }) => attendance.decideFlag(actor, tx, params.id, body),
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerCheckInRoutes(app, db);
  registerSheetRoutes(app, db);
  registerReviewRoutes(app, db);
}
