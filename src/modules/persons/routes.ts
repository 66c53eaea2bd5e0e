import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, Page } from '../../http/route.js';
import { exportList } from '../../http/export.js';
import { AppError } from '../../lib/errors.js';
import { personsExport } from './exports.js';
import * as persons from './service.js';
import {
  CreatePersonBody,
  ImportReportSchema,
  PersonViewSchema,
  SearchPersonsQuery,
  SensitivePersonSchema,
  SensitiveQuery,
  UpdatePersonBody,
} from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The registry: register, search, export, the worker's own record. */
function registerRegistryRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/persons',
    operationId: 'createPerson',
    summary: 'Register a person (district admins: in their district)',
    tags: ['persons'],
    access: ['city_admin', 'district_admin'],
    body: CreatePersonBody,
    response: PersonViewSchema,
    status: 201,
    tx: true,
    handler: async ({ actor, tx, body }) => persons.presentPerson(await persons.createPerson(actor, tx, body)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/persons',
    operationId: 'searchPersons',
    summary: 'Search persons by name prefix, exact ID number, phone, district or category (masked)',
    tags: ['persons'],
    access: ['city_admin', 'district_admin', 'auditor'],
    query: SearchPersonsQuery,
    response: Page(PersonViewSchema),
    handler: async ({ actor, q, query }) => persons.searchPersons(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/persons/export.xlsx',
    operationId: 'exportPersons',
    summary: 'The persons the search’s filters show, as .xlsx (streamed; Chinese headings; masked; audited)',
    tags: ['persons'],
    access: ['city_admin', 'district_admin', 'auditor'],
    query: SearchPersonsQuery.omit({ limit: true, offset: true }),
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ actor, db: d, query, reply }) => exportList(actor, d, reply, await personsExport(actor, d, query)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/persons/me',
    operationId: 'getMyPerson',
    summary: "The signed-in worker's own person record (masked)",
    tags: ['persons'],
    access: ['worker'],
    response: PersonViewSchema,
    handler: async ({ actor, q }) => persons.getMyPerson(actor, q),
  });
}

/** Sheet import and its template. */
function registerImportRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/persons/import-template',
    operationId: 'getPersonImportTemplate',
    summary: 'The .xlsx import template (bilingual headers, ID numbers as text)',
    tags: ['persons'],
    access: ['city_admin', 'district_admin'],
    response: z.unknown().describe('an .xlsx file'),
    handler: async ({ reply }) => {
      const buf = await persons.importTemplate();
      reply.type(XLSX).header('content-disposition', 'attachment; filename="persons-import-template.xlsx"');
      return buf;
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/persons/import',
    operationId: 'importPersons',
    summary: 'Import persons from a CSV or .xlsx body: good rows kept, bad rows reported by row and field',
    tags: ['persons'],
    access: ['city_admin', 'district_admin'],
    rawBody: ['text/csv', XLSX],
    bodyLimit: 32 * 1024 * 1024,
    response: ImportReportSchema,
    handler: async ({ actor, db: d, req }) => {
      const type = String(req.headers['content-type'] ?? '');
      if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send the sheet as text/csv or ${XLSX}`, 'content-type');
      return persons.importPersons(actor, d, req.body, type.startsWith(XLSX) ? 'xlsx' : 'csv');
    },
  });
}

/** One person: read (masked), the audited full read, update. */
function registerPersonRecordRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/persons/:id',
    operationId: 'getPerson',
    summary: 'One person (masked); out of scope reads as 404',
    tags: ['persons'],
    access: ['city_admin', 'district_admin', 'auditor', 'worker'],
    params: IdParams,
    response: PersonViewSchema,
    handler: async ({ actor, q, params }) => persons.getPersonFor(actor, q, params.id),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/persons/:id/sensitive',
    operationId: 'readPersonSensitive',
    summary: 'Full ID number, phone and bank account (city admin; every read is audited)',
    tags: ['persons'],
    access: ['city_admin'],
    params: IdParams,
    query: SensitiveQuery.partial(),
    response: SensitivePersonSchema,
    tx: true,
    handler: async ({ actor, tx, params, query }) => persons.readSensitive(actor, tx, params.id, query.reason ?? 'unspecified'),
  });

  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/v1/persons/:id',
    operationId: 'updatePerson',
    summary: 'Update a person (the ID number is fixed); null clears an optional field',
    tags: ['persons'],
    access: ['city_admin', 'district_admin'],
    params: IdParams,
    body: UpdatePersonBody,
    response: PersonViewSchema,
    tx: true,
    handler: async ({ actor, tx, params, body }) => persons.presentPerson(await persons.updatePerson(actor, tx, params.id, body)),
  });
}

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerRegistryRoutes(app, db);
  registerImportRoutes(app, db);
  registerPersonRecordRoutes(app, db);
}
