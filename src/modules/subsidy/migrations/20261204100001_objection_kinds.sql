-- Issue 15 item 22: an objection sent without signing in is recorded and queued for an officer, but does not
-- hold the claim by itself; a real-name (signed-in) objection holds it. Who objected, and how, is kept.
ALTER TABLE claim_objections ADD COLUMN objector_id uuid;                         -- the signed-in account; null: anonymous
ALTER TABLE claim_objections ADD COLUMN real_name boolean NOT NULL DEFAULT false;
ALTER TABLE claim_objections ADD COLUMN held boolean NOT NULL DEFAULT false;      -- whether this objection held the claim
-- the per-claim limit counts a claim's anonymous objections of one day; the officers' queue reads open ones
CREATE INDEX claim_objections_claim_day ON claim_objections (claim_id, created_at) WHERE NOT real_name;
CREATE INDEX claim_objections_open ON claim_objections (created_at) WHERE status = 'open';
-- one open real-name objection per person and claim
CREATE UNIQUE INDEX claim_objections_one_per_objector ON claim_objections (claim_id, objector_id) WHERE status = 'open' AND objector_id IS NOT NULL;
