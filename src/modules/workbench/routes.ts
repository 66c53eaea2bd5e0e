import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.js';
import { defineRoute } from '../../http/route.js';
import { WORKBENCH_ROLES } from './policy.js';
import { WorkbenchSchema } from './schemas.js';
import { workbench } from './service.js';

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/workbench',
    operationId: 'getWorkbench',
    summary: 'The staff workbench (工作台): the caller’s to-dos with counts in its scope, each with the page that lists the work',
    tags: ['workbench'],
    access: WORKBENCH_ROLES,
    response: WorkbenchSchema,
    handler: async ({ actor, q }) => workbench(actor, q),
  });
}
