-- Data backfill (separate from the schema change): claims made before the claim kept its certificate take their
-- result's certificate number (claims without a result keep none: the decision screen shows —).
UPDATE subsidy_claims c SET certificate_number = r.certificate_number
  FROM assessment_results r
 WHERE r.id = c.result_id AND c.certificate_number IS NULL;
