-- A reviewer who approves a claim despite a failed rule gives a reason (issue 15, item 16): kept on the claim
-- beside the opinion, shown wherever the decision is shown.
ALTER TABLE subsidy_claims ADD COLUMN IF NOT EXISTS override_reason text;
