/**
 * The training module's to-do counts for the staff workbench (issue 17), scoped in SQL on the one policy layer
 * (a provider: its own classes; a district admin: classes in its district).
 */
import type { Queryable } from '../../db/index.js';
import { scopeSql, type Scope } from '../identity/index.js';

const CLASS_SCOPE = { district: 'c.district_code', org: 'c.provider_id' } as const;

/**
 * Classes still in draft whose opening report (开班反馈) and roster are due within `days` days of `now`: the
 * deadline not yet passed and at most `days` × 24 h away.
 */
export async function countOpeningReportsDue(q: Queryable, scope: Scope, now: Date, days: number): Promise<number> {
  const until = new Date(now.getTime() + days * 86_400_000);
  const params: unknown[] = [now, until];
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM training_classes c
      WHERE c.state = 'draft' AND c.report_deadline >= $1 AND c.report_deadline <= $2 AND ${scopeSql(scope, CLASS_SCOPE, params)}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Registrations (报名) waiting for the provider's admission in classes not yet reported. */
export async function countPendingRegistrations(q: Queryable, scope: Scope): Promise<number> {
  const params: unknown[] = [];
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM registrations r JOIN training_classes c ON c.id = r.class_id
      WHERE r.status = 'pending' AND c.state = 'draft' AND ${scopeSql(scope, CLASS_SCOPE, params)}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Classes reported, open or ended (not cancelled) that no assessment body assesses yet. `assignedSql(col)` is the
 * assessment module's test "the class in `col` has a live assignment" (its table, its fragment).
 */
export async function countClassesWithoutAssessor(q: Queryable, scope: Scope, assignedSql: (classIdColumn: string) => string): Promise<number> {
  const params: unknown[] = [];
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM training_classes c
      WHERE c.state IN ('reported', 'open', 'ended') AND NOT ${assignedSql('c.id')} AND ${scopeSql(scope, CLASS_SCOPE, params)}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}
