/** The assessment module's to-do counts for the staff workbench (issue 17). */
import type { Queryable } from '../../db/index.js';

/** SQL: the class in `classIdColumn` has a live assignment to an assessment body (考评安排) — for set-based counts elsewhere. */
export const hasLiveAssignmentSql = (classIdColumn: string): string =>
  `EXISTS (SELECT 1 FROM assessment_assignments a WHERE a.class_id = ${classIdColumn} AND a.withdrawn_at IS NULL)`;

/** Classes assigned to the body (live) for which it has recorded no result yet. */
export async function countClassesAwaitingResults(q: Queryable, assessorOrgId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assessment_assignments a
      WHERE a.assessor_org_id = $1 AND a.withdrawn_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM assessment_results r WHERE r.class_id = a.class_id)`,
    [assessorOrgId],
  );
  return Number(rows[0]?.n ?? 0);
}
