/** The persons module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { IMPORT_SHEET_COLUMNS, mapHeader } from './rules.js';
export type { ImportKey } from './rules.js';
export {
  ensurePerson,
  ensurePersonsBulk,
  findPersonByIdNumber,
  getPerson,
  getPersonFor,
  maskedNamesOf,
  importTemplate,
  matchPersonsSql,
  validatePersonRow,
} from './service.js';
export type { EligibilityRule, Person, PersonInput } from './service.js';
// the spreadsheet reader moved to src/lib/sheet.ts (everyone's); these stay for callers not yet moved
export { readSheet } from '../../lib/sheet.js';
export type { SheetFormat } from '../../lib/sheet.js';
export { nthIdNumber } from './synthetic.js';
// the statistics: this module's facts over its own tables for the rebuild (analytics/sources.ts composes them) and
// its dimension look-ups for the live deltas (analytics/lookups.ts composes them)
export { analyticsFacts, analyticsLookups } from './analytics-facts.js';
