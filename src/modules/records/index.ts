/** The records module's public face (终身电子培训档案 and the documents the platform signs). Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { loadRecordKeys } from './signing.js';
export { recordOf } from './record.js';
export type { LifelongRecord, RecordEntry } from './schemas.js';
export type { RecordSource } from './sources.js';
