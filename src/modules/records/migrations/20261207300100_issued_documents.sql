-- 终身电子培训档案 (issue 19 part 1): every document the platform issues (a lifelong-record PDF, a certificate
-- copy) is one row: the digest of its canonical content, the platform's signature over the signed statement
-- (records/rules.ts signedStatement), and the SHA-256 of the exact PDF bytes served — the verify page compares an
-- uploaded file with it, so any change to the file is found. The content itself is kept for the officers.
CREATE TABLE issued_documents (
  id                  uuid PRIMARY KEY,
  kind                text NOT NULL CHECK (kind IN ('record', 'certificate')),
  person_id           uuid NOT NULL REFERENCES persons (id),
  subject_id          uuid,                      -- the certificate of a certificate copy
  holder_name_masked  text NOT NULL,
  content             jsonb NOT NULL,
  content_digest      text NOT NULL,
  digest_alg          text NOT NULL CHECK (digest_alg IN ('sha256', 'sm3')),
  signature_alg       text NOT NULL CHECK (signature_alg IN ('Ed25519', 'SM2')),
  signature_kid       text NOT NULL,
  signature           text NOT NULL,
  file_sha256         text NOT NULL,
  issued_at           timestamptz NOT NULL,
  issued_on           date NOT NULL,
  issued_by           uuid
);
CREATE INDEX issued_documents_person ON issued_documents (person_id, issued_at);
