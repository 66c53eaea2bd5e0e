/** An appeal as a finished service its appellant may rate (好差评, issue 20 §3): a worker's appeal, once closed. */
import type { Queryable } from '../../db/index.js';
import { isUuid } from '../../lib/identifiers.js';

export interface ServedAppeal {
  personId: string;
  finished: boolean;
  districtCode: string | null;
  /** The appeal's number (申诉编号), as the person knows it. */
  label: string;
}

/** A provider's appeal is not a service to a person: it is not rated here (null, as for an unknown id). */
export async function appealServed(q: Queryable, appealId: string): Promise<ServedAppeal | null> {
  if (!isUuid(appealId)) return null;
  const { rows } = await q.query<{ person_id: string; state: string; district_code: string | null; number: string; appellant_role: string }>(
    'SELECT person_id, state, district_code, number, appellant_role FROM appeals WHERE id = $1',
    [appealId],
  );
  const a = rows[0];
  if (!a || a.appellant_role !== 'worker') return null;
  return { personId: a.person_id, finished: a.state === 'closed', districtCode: a.district_code, label: a.number };
}
