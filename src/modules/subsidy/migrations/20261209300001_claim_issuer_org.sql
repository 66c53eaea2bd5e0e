-- 定制券: the organisation whose customised issuance (an enterprise's list of its employees) issued the claim's
-- voucher, kept on the claim when it is made (NULL for a targeted or applied-for voucher). With the payee, it places
-- the claim in an enterprise's scope (补贴到账: the claims paid to it or made on its customised vouchers).
ALTER TABLE subsidy_claims ADD COLUMN issuer_org_id uuid;
CREATE INDEX subsidy_claims_issuer_org ON subsidy_claims (issuer_org_id) WHERE issuer_org_id IS NOT NULL;
CREATE INDEX subsidy_claims_payee ON subsidy_claims (payee_id) WHERE payee_id IS NOT NULL;
