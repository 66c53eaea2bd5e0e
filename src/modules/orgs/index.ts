/** The orgs module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { configureOrgCache, createOrg, createOrgAccount, findOrgByUscc, getOrg, getOrgRecent, listOrgs, requireActiveOrg } from './service.js';
export type { NewOrg, Org } from './service.js';
export { getHospital, listHospitals } from './hospitals.js';
export type { Hospital } from './hospitals.js';
export { syntheticBankAccount, syntheticUscc } from './synthetic.js';
