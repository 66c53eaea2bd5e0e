-- The head (last seq and hash) of every audit chain, so that appending an entry is ONE statement: the
-- UPDATE of the head row locks the chain (a concurrent writer waits and then re-reads the committed head),
-- computes the new link in SQL, and the INSERT of the entry follows in the same statement.
-- Entries written from now on carry hash_version 2:
--   hash = sha256(chain ':' seq ':' prev_hash ':' content_digest), content_digest = sha256(canonical content)
-- (version 1 entries keep their original formula; the verifier knows both).
-- The heads also let verification see a chain cut short at its end.
CREATE TABLE audit_chain_heads (
  chain     smallint PRIMARY KEY,
  seq       bigint NOT NULL,
  hash      text   NOT NULL,
  prev_hash text   NOT NULL
) WITH (fillfactor = 50);

INSERT INTO audit_chain_heads (chain, seq, hash, prev_hash)
SELECT g, coalesce(l.seq, 0), coalesce(l.hash, repeat('0', 64)), coalesce(l.prev_hash, repeat('0', 64))
  FROM generate_series(0, 1023) AS g
  LEFT JOIN LATERAL (SELECT seq, hash, prev_hash FROM audit_log WHERE chain = g ORDER BY seq DESC LIMIT 1) l ON true;

ALTER TABLE audit_log ADD COLUMN hash_version smallint NOT NULL DEFAULT 1;
ALTER TABLE audit_log ALTER COLUMN hash_version SET DEFAULT 2;
