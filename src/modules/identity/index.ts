/** The identity module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
export { ROLES, TOTP_REQUIRED_ROLES } from './actor.js';
export type { Actor, Role } from './actor.js';
export { configureEssc } from './essc.js';
export { listAccountsOfOrg } from './org-accounts.js';
export { assertInScope, covers, districtScope, requireRole, scopeOf, scopeSql } from './scope.js';
export type { Placement, Scope, ScopeColumns, Subject } from './scope.js';
export { AccountView } from './schemas.js';
export { registerRoutes } from './routes.js';
export {
  actorOfAccount,
  createAccount,
  currentTotp,
  displayNames,
  findAccountByPerson,
  hasAccounts,
  listDemoAccounts,
  presentAccount,
  setTotpSecret,
} from './service.js';
export type { AccountRow } from './service.js';
export { authenticate, configureSessions, createSession } from './sessions.js';
