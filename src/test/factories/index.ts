/**
 * The one test factory API (issue 16): worlds built through the owning modules' services, for tests and
 * benchmarks. `seed…` fills a database with a fixed world; `make…` builds one object (and what it needs).
 */
export { FIXTURE_PASSWORD, FIXTURE_TOTP, seedFixtures, type Fixtures } from './fixtures.js';
export { OCC, OCC_OTHER, inDays, makeProvider, makeVoucher, makeWorker, morning, sessionFor, skillUpgrade, type WorldActor } from './training.js';
export {
  VENUE_GCJ,
  addDays,
  adminActor,
  businessDate,
  financeActor,
  makeTrainees,
  makeWorld,
  northOf,
  openClass,
  type Trainee,
  type World,
} from './attendance.js';
