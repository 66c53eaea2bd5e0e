-- 培训证书查询 (issue 19 part 3): the certificate registry. Certificates recorded here come from assessment_results
-- (a pass with a certificate); certificates issued elsewhere are imported from the assessment bodies' sheets into
-- imported_certificates. The view certificate_registry is the one list of both; a certificate number is unique per
-- type across both (checked by the import, which reads the view).
CREATE TABLE imported_certificates (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  certificate_number  text NOT NULL CHECK (char_length(certificate_number) BETWEEN 6 AND 40),
  certificate_type    text NOT NULL CHECK (certificate_type IN ('skill_level', 'special_ability', 'qualification')),
  person_id           uuid NOT NULL REFERENCES persons (id),
  occupation_code     text NOT NULL,
  level               integer NOT NULL CHECK (level BETWEEN 0 AND 5),
  issuer_name         text NOT NULL CHECK (char_length(issuer_name) BETWEEN 1 AND 128),
  issued_on           date NOT NULL,
  imported_by_org_id  uuid,
  imported_by         uuid,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (certificate_type, certificate_number)
);
CREATE INDEX imported_certificates_person ON imported_certificates (person_id);
CREATE INDEX imported_certificates_number ON imported_certificates (certificate_number);
CREATE INDEX assessment_results_certificate_number ON assessment_results (certificate_number) WHERE certificate_number IS NOT NULL;

CREATE VIEW certificate_registry AS
  SELECT r.id, 'recorded'::text AS source, r.certificate_number, r.certificate_type, r.person_id, r.occupation_code, r.level,
         r.assessor_org_id AS issuer_org_id, NULL::text AS issuer_name, r.assessed_on AS issued_on, r.created_at
    FROM assessment_results r WHERE r.certificate_number IS NOT NULL
  UNION ALL
  SELECT i.id, 'imported'::text, i.certificate_number, i.certificate_type, i.person_id, i.occupation_code, i.level,
         i.imported_by_org_id, i.issuer_name, i.issued_on, i.created_at
    FROM imported_certificates i;

-- 技能人才评价证书全国联网查询 — 模拟器 (the national lookup's built-in simulator). The simulator confirms every
-- certificate except those listed here: 'not_found' (not on the national register) or 'revoked' (撤销).
CREATE TABLE national_certificate_simulator (
  certificate_number  text PRIMARY KEY,
  outcome             text NOT NULL CHECK (outcome IN ('not_found', 'revoked')),
  created_at          timestamptz NOT NULL DEFAULT now()
);
