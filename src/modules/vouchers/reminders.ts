/** The vouchers the messages module reminds their holders of: issued, unused, and valid through one of the given days. */
import type { Queryable } from '../../db/index.js';

export interface ExpiringVoucher {
  id: string;
  number: string;
  personId: string;
  validUntil: string;
}

export async function vouchersExpiringOn(q: Queryable, days: readonly string[]): Promise<ExpiringVoucher[]> {
  const { rows } = await q.query<{ id: string; number: string; person_id: string; valid_until: string }>(
    `SELECT r.id, r.number, s.person_id, s.valid_until FROM voucher_states s JOIN voucher_records r ON r.id = s.voucher_id
      WHERE s.valid_until = ANY($1::date[]) AND s.status = 'issued' ORDER BY s.valid_until, r.id`,
    [days],
  );
  return rows.map((r) => ({ id: r.id, number: r.number, personId: r.person_id, validUntil: r.valid_until }));
}
