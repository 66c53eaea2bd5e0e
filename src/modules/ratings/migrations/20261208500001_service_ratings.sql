-- 好差评 (issue 20 §3): the person served rates a finished service once — a paid subsidy claim, a closed
-- rehabilitation case, a closed appeal — with 1–5 stars and an optional comment. One rating per (kind, object).
CREATE TABLE service_ratings (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind           text NOT NULL CHECK (kind IN ('claim', 'rehab_case', 'appeal')),
  object_id      uuid NOT NULL,
  person_id      uuid NOT NULL REFERENCES persons (id),
  -- the service's district (statistics in scope); null when the service has none
  district_code  text,
  -- what the person knows the service by (a claim's number, a case's date), copied at the rating
  label          text NOT NULL,
  stars          smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment        text CHECK (comment IS NULL OR char_length(comment) BETWEEN 1 AND 300),
  rated_at       timestamptz NOT NULL,
  UNIQUE (kind, object_id)
);
CREATE INDEX service_ratings_person ON service_ratings (person_id, rated_at DESC);
CREATE INDEX service_ratings_district ON service_ratings (district_code, kind, stars);
