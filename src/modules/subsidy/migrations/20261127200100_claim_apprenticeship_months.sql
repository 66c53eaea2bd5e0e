-- 企业新型学徒制: the apprenticeship standard is per apprentice per year, paid for the months of the training
-- period and for at most the programme's cap (2 years) over all of a person's apprenticeship claims. The
-- months a claim covers are kept on it, so the cap is a sum over the person's claims that are not rejected.
ALTER TABLE subsidy_claims ADD COLUMN apprenticeship_months integer CHECK (apprenticeship_months IS NULL OR apprenticeship_months >= 0);
CREATE INDEX subsidy_claims_apprenticeship ON subsidy_claims (person_id) WHERE apprenticeship_months IS NOT NULL;
