-- The statistics' facts (issue 17, 数据回流). Two tables of the same shape, both owned by the analytics module:
--   analytics_facts   deltas appended by the modules that own the events, in the event's own transaction
--                     (analytics.recordFacts / recordFactsAtCommit): INSERT only, no counter row, no contention
--   analytics_cube    the folded figures: metric × dimensions × Shanghai month. The fold job moves the deltas
--                     in (DELETE … RETURNING → INSERT, one statement), the rebuild recomputes it from the
--                     base tables (backfill, upgrades, `stats rebuild`); a key may have several rows (reads sum).
-- A read is cube + not yet folded deltas, in one snapshot: every figure is exact at the instant of the read.
-- Dimensions: the person's district (户籍/参保), the training's district (the class's), programme, occupation,
-- level, provider, class, the organisation that issued a customised voucher (enterprise scope), person
-- category, month (first day of the Asia/Shanghai month of the event). Missing values are NULL.
CREATE TABLE analytics_cube (
  metric             text NOT NULL,
  person_district    text,
  training_district  text,
  programme_id       uuid,
  occupation_code    text,
  level              smallint,
  provider_id        uuid,
  class_id           uuid,
  issuer_org_id      uuid,
  category           text,
  month              date NOT NULL,
  n                  bigint NOT NULL DEFAULT 0,
  amount_fen         bigint NOT NULL DEFAULT 0,
  days               bigint NOT NULL DEFAULT 0 -- summed whole days (average = days / n)
);
CREATE INDEX analytics_cube_month ON analytics_cube (month, metric);
CREATE INDEX analytics_cube_person_district ON analytics_cube (person_district, month);
CREATE INDEX analytics_cube_training_district ON analytics_cube (training_district, month);
CREATE INDEX analytics_cube_provider ON analytics_cube (provider_id, month) WHERE provider_id IS NOT NULL;
CREATE INDEX analytics_cube_issuer ON analytics_cube (issuer_org_id, month) WHERE issuer_org_id IS NOT NULL;

CREATE TABLE analytics_facts (LIKE analytics_cube INCLUDING DEFAULTS);

-- When the cube was last rebuilt / folded (one row).
CREATE TABLE analytics_state (
  id            boolean PRIMARY KEY DEFAULT true CHECK (id),
  rebuilt_at    timestamptz,
  folded_at     timestamptz,
  folded_rows   bigint NOT NULL DEFAULT 0
);
INSERT INTO analytics_state (id) VALUES (true);
