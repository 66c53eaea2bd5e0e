/** The employment module's public face (就业岗位查询及推介): what other modules, the CLI and the platform may use. Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { configureEmploymentFeed, SimulatedEmploymentFeed, syncFeed } from './service.js';
export type { EmploymentFeed, FeedPosting } from './service.js';
// for the jobs benchmark (bench/jobs.ts): the recommendation's steps and the full scan it is measured against
export { allOpenPostings, rankPostings, recommendFor, workerFacts } from './service.js';
