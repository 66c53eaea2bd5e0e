/** Every domain module's routes, registered in one place. A module exports `registerRoutes(app, db)`. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/index.js';
import { registerRoutes as audit } from './audit/routes.js';
import { registerRoutes as catalog } from './catalog/routes.js';
import { registerRoutes as identity } from './identity/routes.js';
import { registerRoutes as orgs } from './orgs/routes.js';
import { registerRoutes as persons } from './persons/routes.js';
import { registerRoutes as training } from './training/routes.js';
import { registerRoutes as vouchers } from './vouchers/routes.js';
import { registerRoutes as assessment } from './assessment/routes.js';
import { registerRoutes as subsidy } from './subsidy/routes.js';
import { registerRoutes as attendance } from './attendance/routes.js';

export async function registerModules(app: FastifyInstance, db: Db): Promise<void> {
  for (const register of [identity, audit, catalog, persons, orgs, vouchers, training, attendance, assessment, subsidy]) {
    await register(app, db);
  }
}
