/**
 * Catalogue routes. Reads of reference data are public; budgets are for admins, finance and auditors
 * (a district admin sees its own district); every write is for city admins, in one transaction with its
 * audit entry.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, listed, Page } from '../../http/route.js';
import { notFound } from '../../lib/errors.js';
import * as catalog from './service.js';
import { listBudgets, setBudget } from './budgets.js';
import { BUDGET_READERS } from './policy.js';
import {
  BudgetQuery,
  BudgetSet,
  BudgetView,
  DistrictView,
  OccupationCode,
  OccupationDetailView,
  OccupationSearch,
  OccupationView,
  ProgrammeCreate,
  ProgrammePatch,
  ProgrammeQuery,
  ProgrammeView,
  RatioSet,
  RatioView,
  ShortageSet,
  ShortageSetResult,
  ShortageView,
  StandardSet,
  StandardView,
} from './schemas.js';

const tags = ['catalogue'];
const CITY_ADMIN = ['city_admin'] as const;
const items = Page;

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerClassificationRoutes(app, db);
  registerProgrammeRoutes(app, db);
  registerStandardAndRatioRoutes(app, db);
  registerShortageAndBudgetRoutes(app, db);
}

/** The districts and the occupational classification (public). */
function registerClassificationRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/districts',
    operationId: 'listDistricts',
    summary: 'The districts (区) and their administrative division codes',
    tags,
    access: 'public',
    response: items(DistrictView),
    handler: async ({ q }) => listed(await catalog.listDistricts(q)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/occupations',
    operationId: 'searchOccupations',
    summary: 'Search the 2022 occupational classification by code prefix or name (occupations = level 4)',
    tags,
    access: 'public',
    query: OccupationSearch,
    response: Page(OccupationView),
    handler: async ({ q, query }) => catalog.searchOccupations(q, query),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/occupations/:code',
    operationId: 'getOccupation',
    summary: 'One occupation (or group) with its definition and shortage uplift',
    tags,
    access: 'public',
    params: z.strictObject({ code: OccupationCode }),
    response: OccupationDetailView,
    handler: async ({ q, params }) => {
      const o = await catalog.getOccupationDetail(q, params.code);
      if (!o) throw notFound('occupation', 'code');
      return o;
    },
  });
}

/** Programmes and their rules. */
function registerProgrammeRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/programmes',
    operationId: 'listProgrammes',
    summary: 'Programmes with their rules (funding source, payee, validity, thresholds)',
    tags,
    access: 'public',
    query: ProgrammeQuery,
    response: items(ProgrammeView),
    handler: async ({ q, query }) => listed(await catalog.listProgrammes(q, query)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/programmes/:id',
    operationId: 'getProgramme',
    summary: 'One programme',
    tags,
    access: 'public',
    params: IdParams,
    response: ProgrammeView,
    handler: async ({ q, params }) => {
      const p = await catalog.getProgramme(q, params.id);
      if (!p) throw notFound('programme', 'id');
      return p;
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/programmes',
    operationId: 'createProgramme',
    summary: 'Create a programme (city admin)',
    tags,
    access: CITY_ADMIN,
    body: ProgrammeCreate,
    response: ProgrammeView,
    status: 201,
    tx: true,
    handler: async ({ actor, tx, body }) => catalog.createProgramme(actor, tx, body),
  });

  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/v1/programmes/:id',
    operationId: 'updateProgramme',
    summary: 'Change a programme (city admin); issued vouchers keep their snapshot',
    tags,
    access: CITY_ADMIN,
    params: IdParams,
    body: ProgrammePatch,
    response: ProgrammeView,
    tx: true,
    handler: async ({ actor, tx, params, body }) => catalog.updateProgramme(actor, tx, params.id, body),
  });
}

/** Subsidy standards per programme, and the ratios per person category. */
function registerStandardAndRatioRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/programmes/:id/standards',
    operationId: 'listStandards',
    summary: "A programme's subsidy standards per occupation (null = any) and level, in fen",
    tags,
    access: 'public',
    params: IdParams,
    response: items(StandardView),
    handler: async ({ q, params }) => listed(await catalog.listStandards(q, params.id)),
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/programmes/:id/standards',
    operationId: 'setStandard',
    summary: 'Set one standard: occupation (null = any) × level → amount in fen (city admin)',
    tags,
    access: CITY_ADMIN,
    params: IdParams,
    body: StandardSet,
    response: StandardView,
    tx: true,
    handler: async ({ actor, tx, params, body }) => catalog.setStandard(actor, tx, params.id, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/ratios',
    operationId: 'listRatios',
    summary: 'Subsidy ratios per person category',
    tags,
    access: 'public',
    response: items(RatioView),
    handler: async ({ q }) => listed(await catalog.listRatios(q)),
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/ratios',
    operationId: 'setRatio',
    summary: 'Set the ratio of one person category (city admin)',
    tags,
    access: CITY_ADMIN,
    body: RatioSet,
    response: RatioView,
    tx: true,
    handler: async ({ actor, tx, body }) => catalog.setRatio(actor, tx, body),
  });
}

/** Shortage occupations and the yearly budgets. */
function registerShortageAndBudgetRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/shortage-occupations',
    operationId: 'listShortageOccupations',
    summary: 'Shortage occupations (紧缺职业) and their uplift',
    tags,
    access: 'public',
    response: items(ShortageView),
    handler: async ({ q }) => listed(await catalog.listShortageOccupations(q)),
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/shortage-occupations',
    operationId: 'setShortageOccupation',
    summary: 'List, change or (upliftPct null) delist a shortage occupation (city admin)',
    tags,
    access: CITY_ADMIN,
    body: ShortageSet,
    response: ShortageSetResult,
    tx: true,
    handler: async ({ actor, tx, body }) => catalog.setShortageUplift(actor, tx, body),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/budgets',
    operationId: 'listBudgets',
    summary: 'Yearly budgets per programme × district (a district admin sees its own district)',
    tags,
    access: BUDGET_READERS,
    query: BudgetQuery,
    response: Page(BudgetView),
    handler: async ({ actor, q, query }) => listBudgets(actor, q, query),
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/v1/budgets',
    operationId: 'setBudget',
    summary: 'Set the budget of a programme × district × year, in fen (city admin)',
    tags,
    access: CITY_ADMIN,
    body: BudgetSet,
    response: BudgetView,
    tx: true,
    handler: async ({ actor, tx, body }) => setBudget(actor, tx, body),
  });
}
