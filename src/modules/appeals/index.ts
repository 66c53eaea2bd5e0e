/** The appeals module's public face (申诉, issue 20 §3). Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { countAppealsDue } from './service.js';
export { APPEAL_KINDS, APPEAL_WORKING_DAYS, NEAR_WORKING_DAYS } from './rules.js';
export { appealServed } from './served.js';
