-- A voucher's mutable state moves to its own narrow table, so that a state change rewrites ~100 bytes and
-- two small indexes instead of the whole voucher and its six indexes. The expiry pass voids millions of
-- vouchers in one night (issue 3: 10,000,000 in ≤ 60 s); on the wide table even a bare UPDATE of 9,000,000
-- rows took over four minutes here, most of it random inserts into the wide indexes.
--
--   voucher_records  what was decided at issue and never changes (number, holder, programme, snapshots)
--   voucher_states   the state (status, when it changed, which expiry pass voided it), with copies of the four
--                    immutable facts the state rules need (holder, programme, kind, valid_until), so the
--                    one-open rule and the expiry pass never join the wide table
--   vouchers         a view joining the two: what every reader of the module sees, unchanged
--
-- Voucher ids become time-ordered (UUID version 7): the table, its primary key and the expiry pass's scan
-- then share one order, so the index entries of a pass are appended near each other instead of at random.
-- Old ids (version 4) stay valid.

CREATE FUNCTION sv_uuid7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  -- RFC 9562 version 7: 48 bits of Unix milliseconds, then the random bits of a version-4 UUID with the
  -- version nibble set to 0111 (bits 52 and 53 of the byte string; the variant bits stay 10).
  SELECT encode(set_bit(set_bit(
           overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
           52, 1), 53, 1), 'hex')::uuid
$$;

ALTER TABLE vouchers RENAME TO voucher_records;
ALTER TABLE voucher_records ALTER COLUMN id SET DEFAULT sv_uuid7();

-- One pass of the expiry job: the event of every voucher it voided (they point to it), with its cut-off,
-- who ran it and how many it voided so far (updated in the same transaction as each chunk).
CREATE TABLE voucher_expiry_passes (
  id          bigserial PRIMARY KEY,
  cutoff      date NOT NULL,                 -- vouchers valid until a day before this were voided
  actor_id    uuid,
  actor_role  text NOT NULL,
  expired     integer NOT NULL DEFAULT 0 CHECK (expired >= 0),
  chunks      integer NOT NULL DEFAULT 0 CHECK (chunks >= 0),
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz                    -- NULL: still running, or cut short (a later pass finishes the work)
);

CREATE TABLE voucher_states (
  voucher_id        uuid PRIMARY KEY,        -- = voucher_records.id (written together by the vouchers service only)
  person_id         uuid NOT NULL,
  programme_id      uuid,
  kind              text NOT NULL CHECK (kind IN ('subsidy', 'checkin_only')),
  valid_until       date NOT NULL,
  status            text NOT NULL DEFAULT 'issued'
                      CHECK (status IN ('issued','admitted','in_training','assessed','approved','settled','closed','expired','revoked','completed')),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  -- no foreign key: its check would run once per voided voucher; the pass row is committed before any state points to it
  expiry_pass_id    bigint,
  CHECK ((status = 'expired') OR expiry_pass_id IS NULL)
);

INSERT INTO voucher_states (voucher_id, person_id, programme_id, kind, valid_until, status, status_changed_at)
SELECT id, person_id, programme_id, kind, valid_until, status, status_changed_at FROM voucher_records ORDER BY id;

DROP INDEX vouchers_one_open;
DROP INDEX vouchers_expiry;
ALTER TABLE voucher_records DROP COLUMN status, DROP COLUMN status_changed_at;
ALTER TABLE voucher_records RENAME CONSTRAINT vouchers_issuance_person TO voucher_records_issuance_person;
ALTER INDEX vouchers_person RENAME TO voucher_records_person;

-- One open subsidy voucher per (person, programme). A closed or voided state leaves this index, so a
-- state change into a terminal state adds no entry here.
CREATE UNIQUE INDEX voucher_states_one_open ON voucher_states (person_id, programme_id)
  WHERE kind = 'subsidy' AND status IN ('issued','admitted','in_training','assessed','approved');

CREATE VIEW vouchers AS
  SELECT r.*, s.status, s.status_changed_at, s.expiry_pass_id
    FROM voucher_records r JOIN voucher_states s ON s.voucher_id = r.id;
