-- Append-only, hash-chained audit log. Entries are spread over a few chains (stripes) so that concurrent
-- transactions do not all queue on one lock; inside a chain each entry carries the hash of the one before.
CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  chain         smallint    NOT NULL,
  seq           bigint      NOT NULL,
  at            timestamptz NOT NULL,
  actor_id      text,
  actor_role    text,
  action        text        NOT NULL,
  entity_type   text        NOT NULL,
  entity_id     text,
  district_code text,
  detail        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  prev_hash     text        NOT NULL,
  hash          text        NOT NULL,
  UNIQUE (chain, seq)
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
