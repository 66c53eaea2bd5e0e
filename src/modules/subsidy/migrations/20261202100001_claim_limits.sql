-- Limits cannot be bypassed (issue 15, item 2).
-- The category whose ratio the claim's amount uses (中职毕业学年学生's 80 % applies once per person: a later
-- claim finds the earlier one by this column and uses the ratio that applies otherwise).
ALTER TABLE subsidy_claims ADD COLUMN ratio_category text;
CREATE INDEX subsidy_claims_person_ratio_category ON subsidy_claims (person_id, ratio_category) WHERE ratio_category IS NOT NULL;

-- The same occupation and level is subsidised once per person, whatever the programme: two claims past
-- review (approved, held, in a batch, paid, or failed and waiting to be re-queued) for the same person,
-- occupation and level cannot both exist. The rules (checked under the person's lock) refuse it first; this
-- index is the last guard, so two vouchers of different programmes can never both be paid.
CREATE UNIQUE INDEX subsidy_claims_once_per_occupation_level ON subsidy_claims (person_id, occupation_code, level)
  WHERE status IN ('approved', 'held', 'in_batch', 'paid', 'failed');

