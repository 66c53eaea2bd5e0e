/** A person's vouchers for their lifelong training record (records module), oldest first. */
import type { Queryable } from '../../db/index.js';

export interface VoucherHistoryItem {
  id: string;
  number: string;
  kind: 'subsidy' | 'checkin_only';
  programmeId: string | null;
  occupationCode: string | null;
  level: number | null;
  status: string;
  issuedAt: Date;
  validFrom: string;
  validUntil: string;
  statusChangedAt: Date;
}

export async function vouchersOfPerson(q: Queryable, personId: string): Promise<VoucherHistoryItem[]> {
  const { rows } = await q.query<{
    id: string;
    number: string;
    kind: 'subsidy' | 'checkin_only';
    programme_id: string | null;
    occupation_code: string | null;
    level: number | null;
    status: string;
    issued_at: Date;
    valid_from: string;
    valid_until: string;
    status_changed_at: Date;
  }>(
    `SELECT id, number, kind, programme_id, occupation_code, level, status, issued_at, valid_from::text AS valid_from, valid_until::text AS valid_until, status_changed_at
       FROM vouchers WHERE person_id = $1 ORDER BY issued_at, id`,
    [personId],
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    programmeId: r.programme_id,
    occupationCode: r.occupation_code,
    level: r.level === null ? null : Number(r.level),
    status: r.status,
    issuedAt: new Date(r.issued_at),
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    statusChangedAt: new Date(r.status_changed_at),
  }));
}
