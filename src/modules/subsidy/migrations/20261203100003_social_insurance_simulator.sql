-- The SOCIAL-INSURANCE SIMULATOR's (社保记录模拟器) and social security card simulator's own records — not a
-- person's real record: months of unemployment insurance paid and whether the card's financial function is
-- active, keyed by a blind index of the ID number (src/modules/subsidy/social-insurance.ts). Seeded by the
-- demo world; empty on a real installation, which uses a real adapter.
CREATE TABLE social_insurance_simulator (
  id_key                text PRIMARY KEY,
  ui_months             integer NOT NULL CHECK (ui_months >= 0),
  ssc_financial_active  boolean NOT NULL
);
