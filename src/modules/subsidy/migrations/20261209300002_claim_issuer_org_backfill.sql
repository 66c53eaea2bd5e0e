-- Data backfill (separate from the schema change): claims made before the claim kept its voucher's issuer take the
-- organisation of the customised issuance that issued the voucher.
UPDATE subsidy_claims c SET issuer_org_id = i.org_id
  FROM voucher_records v JOIN issuances i ON i.id = v.issuance_id
 WHERE v.id = c.voucher_id AND i.mode = 'custom' AND c.issuer_org_id IS NULL;
