CREATE TABLE accounts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        text NOT NULL UNIQUE,
  display_name    text NOT NULL,
  role            text NOT NULL CHECK (role IN ('worker','provider','enterprise','assessor','district_admin','city_admin','finance','auditor','committee')),
  password_hash   text,                    -- null: no password sign-in (workers sign in through the e-SSC)
  district_code   text,
  org_id          uuid,
  person_id       uuid UNIQUE,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
  totp_secret_enc text,                    -- encrypted at rest
  totp_enabled    boolean NOT NULL DEFAULT false,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  last_failed_at  timestamptz,
  is_demo         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'district_admin' OR district_code IS NOT NULL),
  CHECK (role NOT IN ('provider','enterprise','assessor') OR org_id IS NOT NULL),
  CHECK (role <> 'worker' OR person_id IS NOT NULL)
);
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION sv_touch_updated_at();

CREATE TABLE sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id   uuid NOT NULL REFERENCES accounts(id),
  token_hash   text NOT NULL UNIQUE,       -- sha256 of the opaque token; the token itself is never stored
  kind         text NOT NULL CHECK (kind IN ('cookie','bearer')),
  mfa_passed   boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,       -- absolute expiry
  revoked_at   timestamptz,
  user_agent   text,
  ip           text
);
CREATE INDEX sessions_account ON sessions (account_id) WHERE revoked_at IS NULL;

-- Pending second-factor challenges: password passed, TOTP not yet.
CREATE TABLE mfa_challenges (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  attempts   integer NOT NULL DEFAULT 0
);

-- e-SSC assertions already consumed (replay protection), kept until they expire.
CREATE TABLE essc_assertions_used (
  jti        text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
