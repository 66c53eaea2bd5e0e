/**
 * The vouchers view (voucher_records ⋈ voucher_states) in one place: the row, the voucher, the one row →
 * voucher mapping, the look-ups by id and by number, and the subsidy estimate.
 */
import * as catalog from '../catalog/index.js';
import { batchedByKey } from '../../db/batch.js';
import type { Queryable } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import { parseVoucherNumber, type VoucherKind, type VoucherStatus } from './rules.js';

export type VoucherMode = 'targeted' | 'custom' | 'on_demand';

export interface Voucher {
  id: string;
  number: string;
  personId: string;
  kind: VoucherKind;
  programmeId: string | null;
  occupationCode: string | null;
  level: number | null;
  status: VoucherStatus;
  mode: VoucherMode;
  issuanceId: string | null;
  districtCode: string | null;
  ratioPct: number;
  /** NULL for an open-scope voucher: the standard is fixed when the course's occupation is known. */
  standardFen: number | null;
  upliftPct: number;
  category: string | null;
  categoryValidUntil: string | null;
  validFrom: string;
  validUntil: string;
  issuedAt: Date;
  statusChangedAt: Date;
}

export interface VoucherRow {
  id: string;
  number: string;
  person_id: string;
  kind: VoucherKind;
  programme_id: string | null;
  occupation_code: string | null;
  level: number | null;
  status: VoucherStatus;
  mode: VoucherMode;
  issuance_id: string | null;
  district_code: string | null;
  ratio_pct: number;
  standard_fen: number | null;
  uplift_pct: number;
  category: string | null;
  category_valid_until: string | null;
  valid_from: string;
  valid_until: string;
  issued_at: Date;
  status_changed_at: Date;
}

export const toVoucher = (r: VoucherRow): Voucher => ({
  id: r.id,
  number: r.number,
  personId: r.person_id,
  kind: r.kind,
  programmeId: r.programme_id,
  occupationCode: r.occupation_code,
  level: r.level,
  status: r.status,
  mode: r.mode,
  issuanceId: r.issuance_id,
  districtCode: r.district_code,
  ratioPct: r.ratio_pct,
  standardFen: r.standard_fen,
  upliftPct: r.uplift_pct,
  category: r.category,
  categoryValidUntil: r.category_valid_until,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  issuedAt: r.issued_at,
  statusChangedAt: r.status_changed_at,
});

export async function getVoucher(q: Queryable, id: string): Promise<Voucher | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<VoucherRow>('SELECT * FROM vouchers WHERE id = $1', [id])).rows[0];
  return r ? toVoucher(r) : null;
}

/**
 * The organisation whose customised issuance (定制发放: an enterprise's or a provider's list) issued the voucher;
 * null for any other voucher (targeted, applied for, or unknown).
 */
export async function issuerOrgOf(q: Queryable, voucherId: string): Promise<string | null> {
  if (!isUuid(voucherId)) return null;
  const { rows } = await q.query<{ org_id: string | null }>(
    `SELECT i.org_id FROM voucher_records r JOIN issuances i ON i.id = r.issuance_id WHERE r.id = $1 AND i.mode = 'custom'`,
    [voucherId],
  );
  return rows[0]?.org_id ?? null;
}

/** By a typed number: the check character is verified first (one wrong digit → INVALID_VOUCHER_NUMBER). */
export async function findVoucherByNumber(q: Queryable, number: string): Promise<Voucher | null> {
  const n = parseVoucherNumber(number);
  if (!n) throw new AppError('INVALID_VOUCHER_NUMBER', 'the voucher number is not valid (format or check character)', 'number');
  const r = await voucherByNumber(q, n);
  return r ? toVoucher(r) : null;
}

/** Concurrent look-ups by number share one query (src/db/batch.ts). */
export const voucherByNumber = batchedByKey<VoucherRow>('SELECT * FROM vouchers WHERE number = ANY($1::text[])', (r) => r.number);

/**
 * Subsidy estimate in fen before a class is chosen: the catalogue's formula (catalog `applySubsidyFormula`, the
 * claim's) on the voucher's snapshot, not yet capped by a fee; null when the standard is open. Once a class is
 * chosen the desk shows the claim's own amount (subsidy `expectedClaimAmountFen`).
 */
export function subsidyEstimateFen(v: Pick<Voucher, 'kind' | 'standardFen' | 'upliftPct' | 'ratioPct'>): number | null {
  if (v.kind !== 'subsidy' || v.standardFen === null) return null;
  return catalog.applySubsidyFormula({ standardFen: v.standardFen, upliftPct: v.upliftPct, ratioPct: v.ratioPct, feeFen: Number.MAX_SAFE_INTEGER });
}
