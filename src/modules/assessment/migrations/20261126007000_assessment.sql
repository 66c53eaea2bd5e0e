-- 考核鉴定: assessment results per trainee (voucher) per class, and the certificates they carry.
-- One result per voucher (a re-assessment is a new voucher). Certificate numbers are unique per type.
-- Distribution key (Citus-style): assessment_results by person_id (co-located with vouchers).
CREATE TABLE assessment_results (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  voucher_id          uuid NOT NULL UNIQUE,
  person_id           uuid NOT NULL,
  class_id            uuid,
  assessor_org_id     uuid,
  recorded_by         uuid,
  passed              boolean NOT NULL,
  score               numeric(5, 2) CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
  level               integer NOT NULL CHECK (level BETWEEN 0 AND 5),
  occupation_code     text NOT NULL,
  certificate_number  text,
  certificate_type    text CHECK (certificate_type IN ('skill_level', 'special_ability', 'qualification')),
  assessed_on         date NOT NULL,
  claim_id            uuid,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (passed OR certificate_number IS NULL),
  CHECK ((certificate_number IS NULL) = (certificate_type IS NULL))
);
CREATE UNIQUE INDEX assessment_results_certificate ON assessment_results (certificate_type, certificate_number) WHERE certificate_number IS NOT NULL;
CREATE INDEX assessment_results_person ON assessment_results (person_id);
CREATE INDEX assessment_results_class ON assessment_results (class_id);
CREATE INDEX assessment_results_org ON assessment_results (assessor_org_id, created_at);
