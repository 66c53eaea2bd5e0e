/**
 * The vouchers' part of the statistics. The rebuild (analytics/sources.ts): `vd`, a voucher's dimensions (the
 * holder's district through persons' `pd`, the issuing organisation of a customised issuance), and the facts of
 * issue, application, expiry, revocation and settlement (in the class of the voucher's latest admission). The
 * live deltas (analytics/lookups.ts): the look-ups of a voucher and of an issuance by id.
 */
import type { FactsKit, FactsSource, VoucherLookups } from '../analytics/index.js';

/** The issuing organisation of a customised issuance `i` (NULL for the others). */
const ISSUER_ORG = `CASE WHEN i.mode = 'custom' THEN i.org_id END`;

/** Columns decided at issue (voucher_records), so a delta never reads the state row. */
export const analyticsLookups: VoucherLookups = {
  voucher: `SELECT v.id, v.person_id, v.programme_id, v.occupation_code, v.level, v.category, v.issued_at, ${ISSUER_ORG} AS issuer_org_id
              FROM voucher_records v LEFT JOIN issuances i ON i.id = v.issuance_id`,
  issuance: `SELECT i.id, ${ISSUER_ORG} AS issuer_org_id FROM issuances i`,
};

export const analyticsFacts = (k: FactsKit): FactsSource => ({
  relations: [
    [
      'vd',
      `SELECT v.id, v.person_id, v.issued_at, v.mode, v.status, v.status_changed_at, v.category,
              p.district_code AS person_district, v.programme_id, v.occupation_code, v.level::smallint AS level,
              ${ISSUER_ORG} AS issuer_org_id
         FROM vouchers v JOIN pd p ON p.id = v.person_id LEFT JOIN issuances i ON i.id = v.issuance_id`,
    ],
  ],
  facts: [
    `SELECT 'issued' AS metric, ${k.voucherDims}, ${k.month('v.issued_at')} AS month, 1 AS n, 0::bigint AS amount_fen, 0 AS days FROM vd v`,
    `SELECT 'applied', ${k.voucherDims}, ${k.month('v.issued_at')}, 1, 0, 0 FROM vd v WHERE v.mode = 'on_demand'`,
    `SELECT CASE v.status WHEN 'expired' THEN 'expired' ELSE 'revoked' END, ${k.voucherDims}, ${k.month('v.status_changed_at')}, 1, 0, 0
       FROM vd v WHERE v.status IN ('expired', 'revoked')`,
    `SELECT 'settled', ${k.dims}, ${k.month('v.status_changed_at')}, 1, 0, 0
       FROM vd v LEFT JOIN la ON la.voucher_id = v.id LEFT JOIN cd c ON c.class_id = la.class_id WHERE v.status = 'settled'`,
  ],
});
