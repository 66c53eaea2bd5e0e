-- A result whose level differs from its class's is recorded only with the assessor's confirmed reason
-- (issue 15 item 3); the reason is kept on the result and named on the claim (LEVEL_DIFFERS_FROM_CLASS).
ALTER TABLE assessment_results ADD COLUMN level_change_reason text CHECK (level_change_reason IS NULL OR char_length(level_change_reason) BETWEEN 1 AND 500);
