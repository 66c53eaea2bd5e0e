/** A rehabilitation case as a finished service the worker may rate (好差评, issue 20 §3): discharged, or refused. */
import type { Queryable } from '../../db/index.js';
import { isUuid } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';

/** A case is finished when the stay ended (discharged) or the committee refused it. */
export const FINISHED_CASE_STATUSES: readonly string[] = ['discharged', 'refused'];

export interface ServedCase {
  personId: string;
  finished: boolean;
  districtCode: string | null;
  /** The Shanghai date of the application, as the worker knows the case. */
  label: string;
}

export async function rehabCaseServed(q: Queryable, caseId: string): Promise<ServedCase | null> {
  if (!isUuid(caseId)) return null;
  const { rows } = await q.query<{ person_id: string; status: string; district_code: string; applied_at: Date }>(
    'SELECT person_id, status, district_code, applied_at FROM rehab_cases WHERE id = $1',
    [caseId],
  );
  const c = rows[0];
  return c
    ? { personId: c.person_id, finished: FINISHED_CASE_STATUSES.includes(c.status), districtCode: c.district_code, label: businessDate(c.applied_at) }
    : null;
}
