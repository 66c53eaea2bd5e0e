#!/usr/bin/env node
/**
 * The date-dependent tests, run as if a year had passed: the same files under libfaketime at a fixed future
 * instant (2027-12-06 10:00 Shanghai), on PGlite (which runs in this process and so reads the faked clock too).
 * A test that leans on "today" instead of pinning its clock fails here. Needs Debian's `faketime`.
 */
import { spawnSync } from 'node:child_process';

const INSTANT = '@2027-12-06 02:00:00'; // UTC: 10:00 in Shanghai
const FILES = [
  'src/lib/identifiers.test.ts',
  'src/modules/persons/rules.test.ts',
  'src/modules/vouchers/rules.test.ts',
  'src/modules/vouchers/validity.test.ts',
  'src/modules/vouchers/expiry.test.ts',
  'src/modules/vouchers/vouchers.test.ts',
  'src/modules/vouchers/issuance.test.ts',
  'src/modules/vouchers/qr.test.ts',
  'src/modules/training/rules.test.ts',
  'src/modules/training/training.test.ts',
  'src/modules/attendance/rules.test.ts',
  'src/modules/attendance/attendance.test.ts',
  'src/modules/assessment/assessment.test.ts',
  'src/modules/subsidy/rules.test.ts',
  'src/modules/subsidy/calendar.test.ts',
  'src/modules/subsidy/claims.test.ts',
  'src/modules/subsidy/skill-upgrade.test.ts',
  'src/modules/subsidy/apprenticeship.test.ts',
  'src/modules/subsidy/limits.test.ts',
  'src/modules/subsidy/no-budget.test.ts',
  'src/modules/subsidy/objections.test.ts',
  'src/modules/training/worker-journey.test.ts',
  'src/modules/identity/hardening.test.ts',
  'tests/web/worker-sessions.test.ts',
  'src/modules/subsidy/precheck.test.ts',
  'src/modules/ratings/ratings.test.ts',
];

const env = { ...process.env, TEST_LABEL: 'future' };
delete env.DATABASE_URL;
const r = spawnSync('faketime', ['-f', INSTANT, 'npx', 'vitest', 'run', ...FILES, ...process.argv.slice(2)], { stdio: 'inherit', env });
if (r.error) {
  console.error(`test:future needs Debian's faketime (apt-get install faketime): ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
