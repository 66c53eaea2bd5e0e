-- audit_append_all(chains, entries): audit_append, refusing (and so aborting the transaction) when fewer
-- entries were appended than given. Every append calls it (audit.recordMany, and recordManyAtCommit in the
-- COMMIT's round trip, where no caller could read the count before the commit).
CREATE FUNCTION audit_append_all(chains int, entries jsonb) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  n int := audit_append(chains, entries);
BEGIN
  IF n IS DISTINCT FROM jsonb_array_length(entries) THEN
    RAISE EXCEPTION 'audit: % of % entries appended', n, jsonb_array_length(entries);
  END IF;
  RETURN n;
END $$;
