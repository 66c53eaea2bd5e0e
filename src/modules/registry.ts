/**
 * Every domain module's routes and scheduled jobs, in one place. A module's face exports `registerRoutes(app, db)`
 * and, when it has any, `jobs`; nothing is registered as a side effect of an import.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/index.js';
import type { QueueDef } from '../jobs/queue.js';
import type { JobDef } from '../jobs/scheduler.js';
import { registerRoutes as audit } from './audit/index.js';
import { registerRoutes as catalog } from './catalog/index.js';
import { registerRoutes as identity } from './identity/index.js';
import { registerRoutes as orgs } from './orgs/index.js';
import { registerRoutes as persons } from './persons/index.js';
import { registerRoutes as training, jobs as trainingJobs, useClaimEstimate, useCourseScores } from './training/index.js';
import { registerRoutes as vouchers, jobs as voucherJobs } from './vouchers/index.js';
import { registerRoutes as assessment } from './assessment/index.js';
import { registerRoutes as subsidy, jobs as subsidyJobs, expectedClaimAmountFen } from './subsidy/index.js';
import { registerRoutes as attendance } from './attendance/index.js';
import { registerRoutes as evaluation, COURSE_SCORE_SQL } from './evaluation/index.js';
import { registerRoutes as rehab } from './rehab/index.js';
import { registerRoutes as records } from './records/index.js';
import { registerRoutes as employment } from './employment/index.js';
import { registerRoutes as analytics, jobs as analyticsJobs } from './analytics/index.js';
import { registerRoutes as workbench } from './workbench/index.js';
import { registerRoutes as ratings, useRatableKind } from './ratings/index.js';
import { registerRoutes as appeals, appealServed } from './appeals/index.js';
import { registerRoutes as messages, jobs as messageJobs, queues as messageQueues } from './messages/index.js';
import { registerRoutes as timeline } from './timeline/index.js';

/** In this order: a module registers after those it calls. */
const MODULES = [
  identity,
  audit,
  catalog,
  persons,
  orgs,
  vouchers,
  training,
  attendance,
  assessment,
  subsidy,
  evaluation,
  rehab,
  records,
  employment,
  analytics,
  appeals,
  workbench,
  ratings,
  messages,
  timeline,
];

export async function registerModules(app: FastifyInstance, db: Db): Promise<void> {
  for (const register of MODULES) {
    await register(app, db);
  }
  // the course search shows and sorts by the courses' ratings, which evaluation keeps
  useCourseScores(COURSE_SCORE_SQL);
  // the provider's desk shows a voucher's subsidy as the claim will price it (same function, same facts)
  useClaimEstimate(expectedClaimAmountFen);
  // a closed appeal is a finished service its appellant may rate (好差评), as a paid claim or a closed rehab case
  useRatableKind('appeal', appealServed);
}

/** Every module's scheduled jobs (started by src/server.ts, run by name from the CLI and the tests). */
export const JOBS: readonly JobDef[] = [...voucherJobs, ...trainingJobs, ...subsidyJobs, ...analyticsJobs, ...messageJobs];

/** Every module's job queues (pg-boss: workers and relays, started by src/server.ts next to the scheduler). */
export const QUEUES: readonly QueueDef[] = [messageQueues];
