-- Data backfill (separate from the schema change): payments built before payments carried their funding
-- source take their programme's. Batches already approved keep paying from the one debtor account of the
-- time (the employment subsidy fund's, as before), so their bank file stays the same bytes.
UPDATE disbursement_payments p SET funding_source = pr.funding_source
  FROM subsidy_claims c JOIN programmes pr ON pr.id = c.programme_id
 WHERE c.id = p.claim_id AND p.funding_source IS NULL;

INSERT INTO disbursement_batch_debtors (batch_id, funding_source, account_name, account_number, bank_name)
SELECT DISTINCT p.batch_id, p.funding_source, f.account_name, f.account_number, f.bank_name
  FROM disbursement_payments p
  JOIN disbursement_batches b ON b.id = p.batch_id
  JOIN fund_debtor_accounts f ON f.funding_source = 'employment_subsidy_fund'
 WHERE b.status IN ('approved', 'generating', 'file_ready', 'reconciling', 'reconciled') AND p.status <> 'cancelled'
ON CONFLICT DO NOTHING;
