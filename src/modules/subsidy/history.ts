/** A person's subsidy claims for their lifelong training record (records module), oldest first, with the day each was paid. */
import type { Queryable } from '../../db/index.js';

export interface ClaimHistoryItem {
  id: string;
  number: string;
  voucherId: string;
  status: string;
  occupationCode: string;
  level: number;
  amountFen: number;
  createdAt: Date;
  decidedAt: Date | null;
  paidAt: Date | null;
}

export async function claimsOfPerson(q: Queryable, personId: string): Promise<ClaimHistoryItem[]> {
  const { rows } = await q.query<{
    id: string;
    number: string;
    voucher_id: string;
    status: string;
    occupation_code: string;
    level: number;
    amount_fen: number | string;
    created_at: Date;
    decided_at: Date | null;
    paid_at: Date | null;
  }>(
    `SELECT c.id, c.number, c.voucher_id, c.status, c.occupation_code, c.level, c.amount_fen, c.created_at, c.decided_at,
            (SELECT max(e.at) FROM claim_events e WHERE e.claim_id = c.id AND e.to_status = 'paid') AS paid_at
       FROM subsidy_claims c WHERE c.person_id = $1 ORDER BY c.created_at, c.id`,
    [personId],
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    voucherId: r.voucher_id,
    status: r.status,
    occupationCode: r.occupation_code,
    level: Number(r.level),
    amountFen: Number(r.amount_fen),
    createdAt: new Date(r.created_at),
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    paidAt: r.paid_at ? new Date(r.paid_at) : null,
  }));
}
