-- Designated work-injury rehabilitation hospitals (工伤康复定点机构, issue 18) become organisations of a new kind
-- `hospital`, with a profile: where they are (GCJ-02, as venues), which of the nine conditions they take and
-- how many rehabilitation beds they have. Which beds are in use is the rehab module's (rehab_bed_use).
ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check;
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN ('provider','enterprise','assessor','hospital'));

CREATE TABLE hospital_profiles (
  org_id      uuid PRIMARY KEY REFERENCES organisations(id),
  lat         double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),   -- GCJ-02
  lng         double precision NOT NULL CHECK (lng BETWEEN -180 AND 180), -- GCJ-02
  conditions  text[] NOT NULL DEFAULT '{}',                               -- codes of rehab_conditions
  rehab_beds  integer NOT NULL CHECK (rehab_beds >= 0)
);
