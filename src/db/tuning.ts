/**
 * Database tuning for batched hot writes, kept here rather than in domain code (issue 16 item 2): the
 * advisory locks a batch takes and the planner settings its statements run under.
 */
import { sqlLiteral } from './index.js';

/**
 * The first statement of a batched write, sent with its BEGIN (`TxOptions.begin`). It takes the advisory
 * locks of `keys` (in namespace `lockNamespace`) in one fixed order, so two batches never deadlock on them,
 * and sets two planner settings for this transaction only:
 *  - plan_cache_mode = force_generic_plan: the batch statements are planned once per connection and the plan
 *    is kept. Left to choose, PostgreSQL planned the check-in statement for half of the batches
 *    (pg_stat_statements in the checkin bench: ~54 µs of the database's time per check-in).
 *  - enable_seqscan = off: a kept plan made while the table looked empty would otherwise scan it for every
 *    look-up for as long as it is kept (src/modules/attendance/plans.test.ts).
 * The keys are literals (the statement shares the BEGIN's parameter-free round trip).
 */
export function lockedGenericPlanBegin(lockNamespace: number, keys: readonly string[]): string {
  const ids = [...new Set(keys)].map(sqlLiteral).join(', '); // the statement orders them
  return `SELECT set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true),
            (SELECT count(*) FROM (SELECT pg_advisory_xact_lock(${lockNamespace}, hashtext(s)) FROM (SELECT DISTINCT s FROM unnest(ARRAY[${ids}]::text[]) AS s ORDER BY s) o) l)`;
}
