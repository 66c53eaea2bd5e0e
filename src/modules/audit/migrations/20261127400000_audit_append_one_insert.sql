-- audit_append(chains, entries), the same contract and the same links (hash_version 2), with the entries
-- written by ONE multi-row INSERT instead of one INSERT per entry: the loop only computes the links (seq,
-- prev_hash, hash) in order, then every entry is inserted at once. A coalesced batch of admissions or check-ins
-- appends dozens of entries per call; each single-row INSERT paid the executor's start and end.
CREATE OR REPLACE FUNCTION audit_append(chains int, entries jsonb) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  c int := pg_backend_pid() % chains;
  s bigint;
  h text;
  p text;
  d text;
  seqs bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
  n int;
BEGIN
  SELECT seq, hash INTO s, h FROM audit_chain_heads WHERE chain = c FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit chain head % is missing', c;
  END IF;
  FOR d IN SELECT x.value->>'digest' FROM jsonb_array_elements(entries) WITH ORDINALITY AS x(value, i) ORDER BY x.i LOOP
    s := s + 1;
    p := h;
    h := encode(sha256(convert_to(c::text || ':' || s::text || ':' || p || ':' || d, 'UTF8')), 'hex');
    seqs := seqs || s;
    prevs := prevs || p;
    hashes := hashes || h;
  END LOOP;
  n := coalesce(array_length(seqs, 1), 0);
  IF n > 0 THEN
    INSERT INTO audit_log (chain, seq, at, actor_id, actor_role, action, entity_type, entity_id, district_code, detail, prev_hash, hash, hash_version)
    SELECT c, l.seq, (x.e->>'at')::timestamptz, x.e->>'actor_id', x.e->>'actor_role', x.e->>'action', x.e->>'entity_type', x.e->>'entity_id',
           x.e->>'district_code', coalesce(x.e->'detail', '{}'::jsonb), l.prev, l.hash, 2
      FROM jsonb_array_elements(entries) WITH ORDINALITY AS x(e, i)
      JOIN unnest(seqs, prevs, hashes) WITH ORDINALITY AS l(seq, prev, hash, i) ON l.i = x.i
     ORDER BY x.i;
    UPDATE audit_chain_heads SET seq = s, hash = h, prev_hash = p WHERE chain = c;
  END IF;
  RETURN n;
END $$;
