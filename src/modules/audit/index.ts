/** The audit module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { SYSTEM, defer, record, recordMany, recordManyAtCommit, setAuditChains, verify } from './service.js';
export type { AuditActor, AuditInput } from './service.js';
