/**
 * The staff accounts of one organisation, for the orgs module's "accounts of an organisation" listing.
 * Scope is the caller's business: orgs checks that the organisation is visible before it asks.
 */
import type { Queryable } from '../../db/index.js';
import { presentAccount, type AccountRow, type AccountView } from './service.js';

export async function listAccountsOfOrg(
  q: Queryable,
  orgId: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: AccountView[] }> {
  const total = (await q.query<{ n: number }>('SELECT count(*) AS n FROM accounts WHERE org_id = $1', [orgId])).rows[0]!.n;
  const { rows } = await q.query<AccountRow>('SELECT * FROM accounts WHERE org_id = $1 ORDER BY created_at, username LIMIT $2 OFFSET $3', [
    orgId,
    page.limit,
    page.offset,
  ]);
  return { total, items: rows.map(presentAccount) };
}
