-- The certificate a claim pays for: the decider sees the result and its certificate on the claim itself (the
-- claim's own snapshot of what it was decided on, like its rules), without reading the assessment's tables.
ALTER TABLE subsidy_claims ADD COLUMN IF NOT EXISTS certificate_number text;
