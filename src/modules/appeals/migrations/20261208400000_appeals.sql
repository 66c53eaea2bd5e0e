-- 申诉 (issue 20 §3): a worker (or a provider, for its own objects) appeals a refusal — a rejected subsidy claim, a
-- check-in rejected on review, an application that got no subsidy voucher, a refused rehabilitation application;
-- officers in scope take it (受理), answer it (维持 / 撤销原决定, with a reason) and close it, within 15 working days.
CREATE SEQUENCE appeal_numbers;

CREATE TABLE appeals (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number          text NOT NULL UNIQUE,
  kind            text NOT NULL CHECK (kind IN ('claim', 'check_in', 'voucher_application', 'rehab_refusal')),
  object_id       uuid NOT NULL,              -- the owning module's object (no FK: modules own their tables)
  object_label    text NOT NULL,              -- its number as people know it (claim, voucher, decision) or the check-in's time
  person_id       uuid NOT NULL,              -- whose object it is (the worker's scope)
  district_code   text CHECK (district_code IS NULL OR district_code ~ '^[0-9]{6}$'),
  provider_id     uuid,                       -- the provider whose object it also is (its scope), if any
  appellant_id    uuid NOT NULL,
  appellant_role  text NOT NULL CHECK (appellant_role IN ('worker', 'provider')),
  text            text NOT NULL CHECK (char_length(text) BETWEEN 5 AND 2000),
  -- the original decision as it stood when the appeal was made
  decision_reason text,
  decision_at     timestamptz,
  decision_ref    text,
  state           text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'in_progress', 'answered', 'closed')),
  outcome         text CHECK (outcome IN ('upheld', 'overturned')),
  answer          text CHECK (answer IS NULL OR char_length(answer) BETWEEN 2 AND 2000),
  effect          jsonb,                      -- what the overturn changed, as the owning service answered
  submitted_at    timestamptz NOT NULL,
  due_on          date NOT NULL,              -- 15 working days after the submission (the subsidy calendar)
  due_provisional boolean NOT NULL DEFAULT false,
  taken_by        uuid,
  taken_at        timestamptz,
  answered_by     uuid,
  answered_at     timestamptz,
  closed_by       uuid,
  closed_at       timestamptz,
  CHECK ((state IN ('answered', 'closed')) = (outcome IS NOT NULL)),
  CHECK ((outcome IS NULL) = (answer IS NULL))
);
-- one open appeal per object
CREATE UNIQUE INDEX appeals_one_open ON appeals (kind, object_id) WHERE state <> 'closed';
CREATE INDEX appeals_person ON appeals (person_id, submitted_at);
CREATE INDEX appeals_provider ON appeals (provider_id, submitted_at) WHERE provider_id IS NOT NULL;
CREATE INDEX appeals_queue ON appeals (district_code, due_on) WHERE state IN ('submitted', 'in_progress');

-- Small files (≤ 5 MB; PDF, JPEG or PNG decided by their first bytes), kept with the appeal, encrypted at rest
-- (src/lib/crypto.ts: AES-256-GCM, or SM4-GCM under CRYPTO_SUITE=gm) — certificates and medical papers are personal data.
CREATE TABLE appeal_attachments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appeal_id   uuid NOT NULL REFERENCES appeals (id),
  file_name   text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
  media_type  text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes  integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content_enc text NOT NULL,
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX appeal_attachments_appeal ON appeal_attachments (appeal_id);
