/** The assessment module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { assignClass, listAssignments, recordResult } from './service.js';
export { certificateOfPerson, certificatesOfPerson, confirmCertificate, configureNationalLookup, setSimulatedNationalOutcome } from './service.js';
export type { CertificateView } from './service.js';
export { resultsOfPerson } from './history.js';
export type { ResultHistoryItem } from './history.js';
export { countClassesAwaitingResults, hasLiveAssignmentSql } from './todos.js';
// the statistics' rebuild: this module's facts over its own tables (analytics/sources.ts composes them)
export { analyticsFacts } from './analytics-facts.js';
