/** Organisations API: thin routes, one service call each. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, Page, Paging } from '../../http/route.js';
import { AccountView, presentAccount } from '../identity/index.js';
import { CreateOrgAccountBody, CreateOrgBody, ListOrgsQuery, OrgView, ReasonBody, UpdateOrgBody } from './schemas.js';
import * as orgs from './service.js';

const managers = ['city_admin', 'district_admin'] as const;
const readers = ['city_admin', 'district_admin', 'auditor', 'finance'] as const;
const orgRoles = ['provider', 'enterprise', 'assessor', 'hospital'] as const;

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerOrgReadRoutes(app, db);
  registerOrgChangeRoutes(app, db);
  registerOrgAccountRoutes(app, db);
}

/** Registering and reading organisations. */
function registerOrgReadRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/orgs',
    operationId: 'createOrg',
    summary: 'Register an organisation (provider, enterprise or assessment body)',
    tags: ['orgs'],
    access: managers,
    tx: true,
    status: 201,
    body: CreateOrgBody,
    response: OrgView,
    handler: async ({ actor, tx, body }) => orgs.presentOrg(await orgs.createOrg(actor, tx, body)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/orgs',
    operationId: 'listOrgs',
    summary: 'List organisations in scope (filters: kind, district, status, provider kind, name or USCC)',
    tags: ['orgs'],
    access: readers,
    query: ListOrgsQuery,
    response: Page(OrgView),
    handler: async ({ actor, q, query }) => {
      const r = await orgs.listOrgs(actor, q, query);
      return { total: r.total, items: r.items.map(orgs.presentOrg) };
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/orgs/me',
    operationId: 'getMyOrg',
    summary: 'The organisation of the signed-in provider, enterprise or assessor account',
    tags: ['orgs'],
    access: orgRoles,
    response: OrgView,
    handler: async ({ actor, q }) => orgs.presentOrg(await orgs.myOrg(actor, q)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/orgs/:id',
    operationId: 'getOrg',
    summary: 'One organisation (404 outside the caller’s scope)',
    tags: ['orgs'],
    access: [...readers, ...orgRoles],
    params: IdParams,
    response: OrgView,
    handler: async ({ actor, q, params }) => orgs.presentOrg(await orgs.readOrg(actor, q, params.id)),
  });
}

/** Changing an organisation: its details, a suspension and its lifting. */
function registerOrgChangeRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/v1/orgs/:id',
    operationId: 'updateOrg',
    summary: 'Change an organisation’s details (the USCC and kind are fixed)',
    tags: ['orgs'],
    access: managers,
    tx: true,
    params: IdParams,
    body: UpdateOrgBody,
    response: OrgView,
    handler: async ({ actor, tx, params, body }) => orgs.presentOrg(await orgs.updateOrg(actor, tx, params.id, body)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/orgs/:id/suspend',
    operationId: 'suspendOrg',
    summary: 'Suspend (暂停) an organisation; the reason is required',
    tags: ['orgs'],
    access: managers,
    tx: true,
    params: IdParams,
    body: ReasonBody,
    response: OrgView,
    handler: async ({ actor, tx, params, body }) => orgs.presentOrg(await orgs.suspendOrg(actor, tx, params.id, body.reason)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/orgs/:id/reinstate',
    operationId: 'reinstateOrg',
    summary: 'Lift a suspension; the reason is required',
    tags: ['orgs'],
    access: managers,
    tx: true,
    params: IdParams,
    body: ReasonBody,
    response: OrgView,
    handler: async ({ actor, tx, params, body }) => orgs.presentOrg(await orgs.reinstateOrg(actor, tx, params.id, body.reason)),
  });
}

/** The staff accounts of an organisation. */
function registerOrgAccountRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/orgs/:id/accounts',
    operationId: 'createOrgAccount',
    summary: 'Create a staff account of the organisation (role from its kind)',
    tags: ['orgs'],
    access: managers,
    tx: true,
    status: 201,
    params: IdParams,
    body: CreateOrgAccountBody,
    response: AccountView,
    handler: async ({ actor, tx, params, body }) => presentAccount(await orgs.createOrgAccount(actor, tx, params.id, body)),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/orgs/:id/accounts',
    operationId: 'listOrgAccounts',
    summary: 'The staff accounts of an organisation (404 outside the caller’s scope)',
    tags: ['orgs'],
    access: ['city_admin', 'district_admin', 'auditor'],
    params: IdParams,
    query: z.strictObject({ ...Paging }),
    response: Page(AccountView),
    handler: async ({ actor, q, params, query }) => orgs.listOrgAccounts(actor, q, params.id, query),
  });
}
