-- The day of the pass a claim pays for (issue 17): the statistics' days from pass to payment are counted from
-- the claim's own row (the payment's delta and the rebuild alike), so neither reads the assessment's tables.
ALTER TABLE subsidy_claims ADD COLUMN IF NOT EXISTS passed_on date;
