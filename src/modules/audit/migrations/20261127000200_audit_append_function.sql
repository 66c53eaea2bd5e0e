-- audit_append(chains, entries): appends a list of entries to the calling session's chain in ONE round trip.
-- Each entry is {at, actor_id, actor_role, action, entity_type, entity_id, district_code, detail, digest};
-- `digest` is the entry's content digest computed by the application (src/modules/audit/chain.ts), the link is
-- computed here: hash = sha256(chain ':' seq ':' prev_hash ':' digest) — hash_version 2.
-- The head row is locked FOR UPDATE (a concurrent writer on the same chain waits, then reads the committed head).
CREATE FUNCTION audit_append(chains int, entries jsonb) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  c int := pg_backend_pid() % chains;
  s bigint;
  h text;
  p text;
  e jsonb;
  n int := 0;
BEGIN
  SELECT seq, hash INTO s, h FROM audit_chain_heads WHERE chain = c FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit chain head % is missing', c;
  END IF;
  FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
    s := s + 1;
    p := h;
    h := encode(sha256(convert_to(c::text || ':' || s::text || ':' || p || ':' || (e->>'digest'), 'UTF8')), 'hex');
    INSERT INTO audit_log (chain, seq, at, actor_id, actor_role, action, entity_type, entity_id, district_code, detail, prev_hash, hash, hash_version)
    VALUES (c, s, (e->>'at')::timestamptz, e->>'actor_id', e->>'actor_role', e->>'action', e->>'entity_type', e->>'entity_id',
            e->>'district_code', coalesce(e->'detail', '{}'::jsonb), p, h, 2);
    n := n + 1;
  END LOOP;
  IF n > 0 THEN
    UPDATE audit_chain_heads SET seq = s, hash = h, prev_hash = p WHERE chain = c;
  END IF;
  RETURN n;
END $$;
