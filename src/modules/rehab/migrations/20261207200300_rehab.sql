-- Work-injury inpatient rehabilitation (住院工伤康复, issue 18; DESIGN.md §9).

-- The nine conditions of the national 工伤康复服务规范 (reference data; src/modules/rehab/rules.ts CONDITIONS).
CREATE TABLE rehab_conditions (
  code     text PRIMARY KEY,
  name_zh  text NOT NULL,
  name_en  text NOT NULL,
  icd10    text[] NOT NULL,
  sort     integer NOT NULL
);
INSERT INTO rehab_conditions (code, name_zh, name_en, icd10, sort) VALUES
  ('brain_injury', '颅脑损伤', 'Traumatic brain injury', ARRAY['S06','S07','T90.5'], 1),
  ('fracture', '骨折', 'Fracture', ARRAY['S02','S12','S22','S32','S42','S52','S62','S72','S82','S92','T02','T08','T10','T12'], 2),
  ('spinal_cord_injury', '脊柱脊髓损伤', 'Spine and spinal cord injury', ARRAY['S14.0','S14.1','S24.0','S24.1','S34.0','S34.1','T09.3','T91.3'], 3),
  ('hand_injury', '手外伤', 'Hand injury', ARRAY['S60','S61','S62','S63','S64','S65','S66','S67','S68','S69'], 4),
  ('amputation', '截肢', 'Amputation', ARRAY['S48','S58','S78','S88','S98','T05','Z89'], 5),
  ('joint_soft_tissue', '关节和软组织损伤', 'Joint and soft-tissue injury', ARRAY['S03','S13','S23','S33','S43','S53','S73','S83','S93','M24'], 6),
  ('burn', '烧伤', 'Burn', ARRAY['T20','T21','T22','T23','T24','T25','T29','T30','T31','T32'], 7),
  ('peripheral_nerve', '周围神经损伤', 'Peripheral nerve injury', ARRAY['S44','S54','S74','S84','S94','S14.2','S14.3','S14.4'], 8),
  ('vegetative_state', '持续植物状态', 'Persistent vegetative state', ARRAY['R40.2'], 9);

-- Injury recognitions (工伤认定) as the district recognition system decided them: entered, imported or synced.
CREATE TABLE rehab_recognitions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  decision_number  text NOT NULL UNIQUE,
  person_id        uuid NOT NULL,
  employer_org_id  uuid,
  employer_name    text NOT NULL,
  district_code    text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  injury_date      date NOT NULL,
  decision_date    date NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('recognised','deemed')),
  status           text NOT NULL CHECK (status IN ('final','under_review')),
  diagnosis        text NOT NULL,
  icd10            text,
  condition_code   text,
  leave_start      date NOT NULL,
  leave_end        date NOT NULL,
  leave_extensions jsonb NOT NULL DEFAULT '[]',
  source           text NOT NULL CHECK (source IN ('entered','imported','district_system')),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CHECK (leave_end >= leave_start),
  CHECK (decision_date >= injury_date)
);
CREATE INDEX rehab_recognitions_person ON rehab_recognitions (person_id);
CREATE INDEX rehab_recognitions_district ON rehab_recognitions (district_code, created_at);
CREATE INDEX rehab_recognitions_employer ON rehab_recognitions (employer_org_id) WHERE employer_org_id IS NOT NULL;

-- An application and, once placed, the stay: one row per case; its steps in rehab_events.
CREATE TABLE rehab_cases (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recognition_id       uuid NOT NULL REFERENCES rehab_recognitions(id),
  person_id            uuid NOT NULL,
  employer_org_id      uuid,
  district_code        text NOT NULL,
  condition_code       text NOT NULL REFERENCES rehab_conditions(code),
  treatment_summary    text NOT NULL,
  home_address_enc     text NOT NULL,            -- encrypted at rest
  home_lat             double precision NOT NULL, -- GCJ-02
  home_lng             double precision NOT NULL,
  preferences          jsonb NOT NULL,            -- [{hospitalId, reason}] in order, 1..3
  applied_by           text NOT NULL CHECK (applied_by IN ('worker','employer')),
  status               text NOT NULL CHECK (status IN ('awaiting_worker','submitted','material_requested','placed','refused','withdrawn','admitted','discharged')),
  applied_at           timestamptz NOT NULL,
  submitted_at         timestamptz,
  paused_at            timestamptz,               -- material requested: the clock stops
  paused_ms            bigint NOT NULL DEFAULT 0,
  decided_at           timestamptz,               -- the first decision
  hospital_id          uuid,
  planned_days         integer CHECK (planned_days > 0),
  admitted_at          timestamptz,
  admitted_on          date,
  discharged_at        timestamptz,
  discharge_outcome    text CHECK (discharge_outcome IN ('returned_to_work','retraining_recommended','further_treatment','other')),
  discharge_summary    text,
  recommended_occupation_code text,
  extension_days       integer,
  extension_reason     text,
  extension_at         timestamptz,
  voucher_id           uuid UNIQUE,
  voucher_number       text,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  CHECK (status NOT IN ('placed','admitted','discharged') OR (hospital_id IS NOT NULL AND planned_days IS NOT NULL)),
  CHECK (voucher_id IS NULL OR discharge_outcome = 'retraining_recommended')
);
-- One open application or stay per person.
CREATE UNIQUE INDEX rehab_cases_one_open ON rehab_cases (person_id) WHERE status IN ('awaiting_worker','submitted','material_requested','placed','admitted');
CREATE INDEX rehab_cases_district ON rehab_cases (district_code, applied_at);
CREATE INDEX rehab_cases_hospital ON rehab_cases (hospital_id, status) WHERE hospital_id IS NOT NULL;
CREATE INDEX rehab_cases_employer ON rehab_cases (employer_org_id) WHERE employer_org_id IS NOT NULL;

-- Decision numbers, sequential per year without gaps: the counter row is taken in the deciding transaction.
CREATE TABLE rehab_decision_counters (
  year  integer PRIMARY KEY,
  last  integer NOT NULL CHECK (last > 0)
);

-- The committee's decisions: never edited, only superseded by a later decision naming them.
CREATE TABLE rehab_decisions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES rehab_cases(id),
  year            integer NOT NULL,
  seq             integer NOT NULL,
  number          text NOT NULL UNIQUE,
  outcome         text NOT NULL CHECK (outcome IN ('place','request_material','refuse','extend','refuse_extension')),
  hospital_id     uuid,
  planned_days    integer,
  extra_days      integer,
  refusal_reason  text CHECK (refusal_reason IN ('not_eligible','not_needed','medically_unstable','material_insufficient','other')),
  reason          text NOT NULL,
  supersedes_id   uuid UNIQUE REFERENCES rehab_decisions(id),
  decided_by      uuid,
  decided_at      timestamptz NOT NULL,
  UNIQUE (year, seq),
  CHECK (outcome <> 'place' OR (hospital_id IS NOT NULL AND planned_days IS NOT NULL)),
  CHECK (outcome <> 'refuse' OR refusal_reason IS NOT NULL)
);
CREATE INDEX rehab_decisions_case ON rehab_decisions (case_id, decided_at);
CREATE FUNCTION rehab_decisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rehab decisions are immutable: supersede them with a new decision';
END $$;
CREATE TRIGGER rehab_decisions_no_change BEFORE UPDATE OR DELETE ON rehab_decisions FOR EACH ROW EXECUTE FUNCTION rehab_decisions_immutable();

-- Beds in use per hospital (admitted, not discharged); the capacity is the hospital's profile (orgs).
CREATE TABLE rehab_bed_use (
  hospital_id  uuid PRIMARY KEY,
  occupied     integer NOT NULL DEFAULT 0 CHECK (occupied >= 0)
);

-- Every step of a case, for the timeline.
CREATE TABLE rehab_events (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES rehab_cases(id),
  kind        text NOT NULL,
  note        text,
  actor_id    uuid,
  actor_role  text NOT NULL,
  at          timestamptz NOT NULL
);
CREATE INDEX rehab_events_case ON rehab_events (case_id, at);

-- Attachments (PDF / JPEG / PNG by content), stored as files named by their SHA-256.
CREATE TABLE rehab_attachments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES rehab_cases(id),
  file_name    text NOT NULL,
  media_type   text NOT NULL CHECK (media_type IN ('application/pdf','image/jpeg','image/png')),
  size_bytes   integer NOT NULL CHECK (size_bytes > 0),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by  uuid,
  uploaded_at  timestamptz NOT NULL
);
CREATE INDEX rehab_attachments_case ON rehab_attachments (case_id);
