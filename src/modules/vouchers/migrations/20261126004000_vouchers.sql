-- 职业培训券 (vouchers): issuances (精准发放 / 定制发放 runs), the vouchers with everything snapshotted at
-- issue (ratio, standard, uplift, validity, category), the event trail of every state transition, and the
-- QR-token nonces consumed by admissions (single use).
-- Distribution key (Citus-style, past one server): vouchers and voucher_events by person_id / voucher_id
-- co-located; issuances are a small reference table.

-- ISO 7064 MOD 11-2 check character of an 18-digit payload given as a bigint (yymm + district + serial).
-- Pure arithmetic (no per-digit subquery) so set-based issuance can number a million rows cheaply; weights
-- are 2^(k+1) mod 11 for the k-th digit from the right. Same algorithm as rules.ts mod112CheckChar.
CREATE FUNCTION sv_voucher_check(p bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT substr('10X98765432', ((
      (p % 10) * 2 + (p / 10 % 10) * 4 + (p / 100 % 10) * 8 + (p / 1000 % 10) * 5
    + (p / 10000 % 10) * 10 + (p / 100000 % 10) * 9 + (p / 1000000 % 10) * 7 + (p / 10000000 % 10) * 3
    + (p / 100000000 % 10) * 6 + (p / 1000000000 % 10) * 1 + (p / 10000000000 % 10) * 2 + (p / 100000000000 % 10) * 4
    + (p / 1000000000000 % 10) * 8 + (p / 10000000000000 % 10) * 5 + (p / 100000000000000 % 10) * 10
    + (p / 1000000000000000 % 10) * 9 + (p / 10000000000000000 % 10) * 7 + (p / 100000000000000000 % 10) * 3
  ) % 11)::int + 1, 1)
$$;

-- Voucher number: 'SV' + yymm + district (6) + serial (8) + check character (22 characters).
CREATE SEQUENCE voucher_serial CACHE 100;
CREATE FUNCTION sv_voucher_number(yymm text, district text, serial bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT 'SV' || yymm || district || lpad((serial % 100000000)::text, 8, '0')
      || sv_voucher_check(((yymm || district)::bigint) * 100000000 + serial % 100000000)
$$;

CREATE TABLE issuances (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mode            text NOT NULL CHECK (mode IN ('targeted', 'custom')),
  name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  programme_id    uuid NOT NULL REFERENCES programmes (id),
  district_code   text CHECK (district_code IS NULL OR district_code ~ '^[0-9]{6}$'),
  org_id          uuid,                      -- custom issuance by an enterprise / provider
  definition      jsonb NOT NULL,            -- scope, eligibility rule, cap, validity (see issuance.ts)
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'done', 'failed')),
  matched_total   integer NOT NULL DEFAULT 0, -- persons matching at the start of the current run
  processed       integer NOT NULL DEFAULT 0, -- candidates handled by the current run
  issued          integer NOT NULL DEFAULT 0, -- vouchers issued by this issuance, all runs
  skipped         jsonb NOT NULL DEFAULT '{}', -- reason → count, current run
  cursor_person   uuid,                       -- resume point: last person id of the last committed chunk
  terms           jsonb,                      -- snapshot taken when a run starts: standard, uplift, ratios, validity
  summary         jsonb,
  error           text,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX issuances_district ON issuances (district_code, created_at DESC);

CREATE TABLE vouchers (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number               text NOT NULL UNIQUE,
  person_id            uuid NOT NULL REFERENCES persons (id),
  kind                 text NOT NULL CHECK (kind IN ('subsidy', 'checkin_only')),
  programme_id         uuid REFERENCES programmes (id),
  occupation_code      text,                 -- NULL: open scope (any occupation of the programme)
  level                smallint CHECK (level IS NULL OR level BETWEEN 0 AND 5),
  status               text NOT NULL DEFAULT 'issued'
                         CHECK (status IN ('issued','admitted','in_training','assessed','approved','settled','closed','expired','revoked','completed')),
  mode                 text NOT NULL CHECK (mode IN ('targeted', 'custom', 'on_demand')),
  issuance_id          uuid REFERENCES issuances (id),
  district_code        text,
  -- snapshots at issue (later policy changes never rewrite an issued voucher)
  ratio_pct            integer NOT NULL DEFAULT 0 CHECK (ratio_pct BETWEEN 0 AND 100),
  standard_fen         bigint CHECK (standard_fen IS NULL OR standard_fen >= 0), -- NULL: open scope, fixed at admission
  uplift_pct           integer NOT NULL DEFAULT 0 CHECK (uplift_pct BETWEEN 0 AND 100),
  category             text,                 -- 身份类别 that gave the ratio
  category_valid_until date,
  valid_from           date NOT NULL,
  valid_until          date NOT NULL CHECK (valid_until >= valid_from),
  issued_at            timestamptz NOT NULL DEFAULT now(),
  status_changed_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'subsidy' OR ratio_pct = 0),
  CHECK (kind = 'checkin_only' OR programme_id IS NOT NULL)
);
-- One open subsidy voucher per (person, programme).
CREATE UNIQUE INDEX vouchers_one_open ON vouchers (person_id, programme_id)
  WHERE kind = 'subsidy' AND status IN ('issued','admitted','in_training','assessed','approved');
-- Targeted/custom issuance never issues twice to one person (NULL issuance_id = on-demand: distinct).
ALTER TABLE vouchers ADD CONSTRAINT vouchers_issuance_person UNIQUE (issuance_id, person_id);
CREATE INDEX vouchers_person ON vouchers (person_id);
-- The expiry pass reads only vouchers still issued.
CREATE INDEX vouchers_expiry ON vouchers (valid_until) WHERE status = 'issued';

CREATE TABLE voucher_events (
  id          bigserial PRIMARY KEY,
  voucher_id  uuid NOT NULL,                  -- no FK: appended set-based by the expiry pass
  from_status text,                           -- NULL: issued
  to_status   text NOT NULL,
  actor_id    uuid,
  actor_role  text NOT NULL,
  reason      text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voucher_events_voucher ON voucher_events (voucher_id, id);

-- Admission single use of QR tokens: a nonce is consumed once; rows are kept past the token's expiry.
CREATE TABLE voucher_qr_nonces (
  nonce       text PRIMARY KEY,
  voucher_id  uuid NOT NULL,
  used_at     timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
