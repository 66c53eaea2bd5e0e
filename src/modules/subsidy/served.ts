/** A claim as a finished service the person may rate (好差评, issue 20 §3): served when it is paid. */
import type { Queryable } from '../../db/index.js';
import { isUuid } from '../../lib/identifiers.js';

export interface ServedClaim {
  personId: string;
  /** Paid: the service is finished. */
  finished: boolean;
  districtCode: string | null;
  /** The claim's number (申请编号), as the person knows it. */
  label: string;
}

export async function claimServed(q: Queryable, claimId: string): Promise<ServedClaim | null> {
  if (!isUuid(claimId)) return null;
  const { rows } = await q.query<{ person_id: string; status: string; district_code: string | null; number: string }>(
    'SELECT person_id, status, district_code, number FROM subsidy_claims WHERE id = $1',
    [claimId],
  );
  const c = rows[0];
  return c ? { personId: c.person_id, finished: c.status === 'paid', districtCode: c.district_code, label: c.number } : null;
}
