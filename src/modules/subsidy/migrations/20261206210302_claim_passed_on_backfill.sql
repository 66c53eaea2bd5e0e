-- Data backfill (separate from the schema change): claims made before the claim kept its pass day take their
-- result's assessment day (claims without a result keep none: their days from pass to payment count as 0, as before).
UPDATE subsidy_claims c SET passed_on = r.assessed_on
  FROM assessment_results r
 WHERE r.id = c.result_id AND c.passed_on IS NULL;
