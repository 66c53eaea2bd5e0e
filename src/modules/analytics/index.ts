/** The analytics module's public face (statistics, 数据回流): what other modules, the CLI and the platform may use. */
import type { JobDef } from '../../jobs/scheduler.js';
import { foldJob, rebuildJob } from './facts.js';
export { registerStatsCommands } from './cli.js';
export { setFactsRecording } from './facts.js';
export { issuedFactsCte } from './lookups.js';
export type { PersonLookups, TrainingLookups, VoucherLookups } from './lookups.js';
export { factsSql } from './sources.js';
export type { FactsKit, FactsSource } from './sources.js';
export { headingOf, keysetPages, writeWorkbook, type Column, type Sheet, type StreamedSheet } from './exports.js';
export {
  cubeState,
  foldFacts,
  rebuildCube,
  recordFacts,
  recordFactsAtCommit,
  recordFactsSelect,
  recordVoucherFacts,
  recordVoucherFactsAtCommit,
} from './facts.js';
export type { Fact, VoucherEvent } from './facts.js';
export { registerRoutes } from './routes.js';
export { budget, drill, funnel, league, summary, table } from './service.js';

// the module's scheduled jobs, for the registry (src/modules/registry.ts); importing this file schedules nothing
export const jobs: readonly JobDef[] = [foldJob, rebuildJob];
