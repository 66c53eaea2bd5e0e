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

/** A claim as a result's page links it: its number (申请编号) and status. */
export interface ClaimLink {
  id: string;
  number: string;
  status: string;
}

/** The claims of these ids (unknown ids left out), for a list that names each row's claim (考核结果 → 补贴申请). */
export async function claimLinks(q: Queryable, ids: readonly string[]): Promise<Map<string, ClaimLink>> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (!wanted.length) return new Map();
  const { rows } = await q.query<ClaimLink>('SELECT id, number, status FROM subsidy_claims WHERE id = ANY($1::uuid[])', [wanted]);
  return new Map(rows.map((r) => [r.id, r]));
}
