-- Subsidy (核验 / 核拨 / 结算核销): budget ledger, claims and their trail, public notice calendar and
-- objections, disbursement batches and payments, bank result imports; and the Idempotency-Key store used
-- by money-affecting POSTs (src/http/idempotency.ts).
-- Distribution key (Citus-style): subsidy_claims / claim_events by claim id co-located with the voucher's
-- person; batches, payments and imports are small per batch; budget accounts are a reference table.

-- Idempotency keys: same key + same body → the stored answer; same key + other body → 409.
CREATE TABLE idempotency_keys (
  actor_id    uuid NOT NULL,
  key         text NOT NULL CHECK (char_length(key) BETWEEN 8 AND 200),
  route       text NOT NULL,
  body_hash   text NOT NULL,
  status      integer,
  response    jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Calendar overrides for working days (公示 counts working days): holidays on weekdays, make-up workdays.
CREATE TABLE subsidy_calendar (
  date  date PRIMARY KEY,
  kind  text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name  text NOT NULL DEFAULT ''
);

-- Budget accounts: one per catalog budget (programme × district × year). Buckets, in fen:
-- amount (what catalog grants) = available + reserved + paid, enforced by a CHECK at every commit.
CREATE TABLE budget_accounts (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_id      uuid NOT NULL UNIQUE,
  programme_id   uuid NOT NULL,
  district_code  text NOT NULL,
  year           integer NOT NULL,
  amount_fen     bigint NOT NULL,
  available_fen  bigint NOT NULL,
  reserved_fen   bigint NOT NULL DEFAULT 0,
  paid_fen       bigint NOT NULL DEFAULT 0,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT budget_accounts_balanced CHECK (amount_fen = available_fen + reserved_fen + paid_fen),
  CONSTRAINT budget_accounts_nonneg CHECK (available_fen >= 0 AND reserved_fen >= 0 AND paid_fen >= 0),
  UNIQUE (programme_id, district_code, year)
);

-- Double-entry ledger: every entry moves an amount from one bucket to another
-- (fund: grant→available, defund: available→grant, reserve: available→reserved,
--  release: reserved→available, pay: reserved→paid).
CREATE TABLE budget_ledger (
  id          bigserial PRIMARY KEY,
  account_id  uuid NOT NULL REFERENCES budget_accounts (id),
  claim_id    uuid,
  kind        text NOT NULL CHECK (kind IN ('fund', 'defund', 'reserve', 'release', 'pay')),
  debit       text NOT NULL,
  credit      text NOT NULL,
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  actor_id    uuid,
  at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind, debit, credit) IN (('fund', 'available', 'grant'), ('defund', 'grant', 'available'), ('reserve', 'reserved', 'available'),
                                   ('release', 'available', 'reserved'), ('pay', 'paid', 'reserved')))
);
CREATE INDEX budget_ledger_account ON budget_ledger (account_id);
CREATE INDEX budget_ledger_claim ON budget_ledger (claim_id) WHERE claim_id IS NOT NULL;

CREATE SEQUENCE subsidy_claim_serial;
CREATE TABLE subsidy_claims (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number               text NOT NULL UNIQUE,
  voucher_id           uuid NOT NULL UNIQUE,
  result_id            uuid,
  person_id            uuid NOT NULL,
  programme_id         uuid NOT NULL,
  district_code        text,
  year                 integer NOT NULL,
  occupation_code      text NOT NULL,
  level                integer NOT NULL CHECK (level BETWEEN 0 AND 5),
  provider_id          uuid,
  class_id             uuid,
  standard_fen         bigint NOT NULL,
  uplift_pct           integer NOT NULL,
  ratio_pct            integer NOT NULL,
  fee_fen              bigint NOT NULL,
  amount_fen           bigint NOT NULL CHECK (amount_fen >= 0),
  status               text NOT NULL CHECK (status IN ('in_review', 'approved', 'held', 'rejected', 'in_batch', 'paid', 'failed')),
  rules                jsonb NOT NULL,
  payee_kind           text NOT NULL CHECK (payee_kind IN ('person', 'provider', 'enterprise')),
  payee_id             uuid,
  payee_key            text NOT NULL,
  payee_name           text,
  payee_account_enc    text,
  payee_account_last4  text,
  payee_bank           text,
  budget_account_id    uuid REFERENCES budget_accounts (id),
  notice_published_at  timestamptz,
  notice_last_day      date,
  decided_by           uuid,
  decided_at           timestamptz,
  opinion              text,
  fail_reason          text,
  attempt              integer NOT NULL DEFAULT 0,
  voucher_settled      boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subsidy_claims_payable ON subsidy_claims (notice_last_day, programme_id) WHERE status = 'approved';
CREATE INDEX subsidy_claims_person ON subsidy_claims (person_id);
CREATE INDEX subsidy_claims_status ON subsidy_claims (status, district_code);
CREATE INDEX subsidy_claims_unsettled ON subsidy_claims (id) WHERE status = 'paid' AND NOT voucher_settled;

CREATE TABLE claim_events (
  id           bigserial PRIMARY KEY,
  claim_id     uuid NOT NULL REFERENCES subsidy_claims (id),
  from_status  text,
  to_status    text NOT NULL,
  actor_id     uuid,
  actor_role   text NOT NULL,
  reason       text,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_events_claim ON claim_events (claim_id);

CREATE TABLE claim_objections (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  claim_id     uuid NOT NULL REFERENCES subsidy_claims (id),
  text         text NOT NULL,
  contact      text,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  resolved_by  uuid,
  resolved_at  timestamptz,
  resolution   text
);
CREATE INDEX claim_objections_claim ON claim_objections (claim_id);

CREATE SEQUENCE disbursement_batch_serial;
CREATE TABLE disbursement_batches (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number           text NOT NULL UNIQUE,
  status           text NOT NULL CHECK (status IN ('building', 'draft', 'approved', 'generating', 'file_ready', 'reconciling', 'reconciled', 'cancelled')),
  programme_id     uuid,
  district_code    text,
  max_payments     integer NOT NULL,
  maker_id         uuid NOT NULL,
  checker_id       uuid,
  payment_count    integer NOT NULL DEFAULT 0,
  total_fen        bigint NOT NULL DEFAULT 0,
  booked_count     integer NOT NULL DEFAULT 0,
  rejected_count   integer NOT NULL DEFAULT 0,
  msg_id           text,
  file_sha256      text,
  csv_sha256       text,
  requested_date   date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  approved_at      timestamptz,
  file_at          timestamptz,
  reconciled_at    timestamptz,
  CONSTRAINT disbursement_maker_checker CHECK (checker_id IS NULL OR checker_id <> maker_id)
);

CREATE TABLE disbursement_payments (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  batch_id           uuid NOT NULL REFERENCES disbursement_batches (id),
  claim_id           uuid NOT NULL REFERENCES subsidy_claims (id),
  end_to_end_id      text NOT NULL UNIQUE,
  amount_fen         bigint NOT NULL CHECK (amount_fen > 0),
  payee_key          text NOT NULL,
  payee_name         text NOT NULL,
  payee_account_enc  text NOT NULL,
  payee_bank         text,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'booked', 'rejected', 'cancelled')),
  reason             text,
  import_id          uuid,
  result_at          timestamptz
);
-- Each claim in at most one live batch: a pending or booked payment.
CREATE UNIQUE INDEX disbursement_payments_live ON disbursement_payments (claim_id) WHERE status IN ('pending', 'booked');
CREATE INDEX disbursement_payments_batch ON disbursement_payments (batch_id, end_to_end_id);

CREATE TABLE bank_result_imports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_sha256   text NOT NULL UNIQUE,
  format        text NOT NULL CHECK (format IN ('camt054', 'csv')),
  msg_id        text,
  status        text NOT NULL CHECK (status IN ('processing', 'done', 'invalid')),
  entries       integer NOT NULL DEFAULT 0,
  applied       integer NOT NULL DEFAULT 0,
  duplicates    integer NOT NULL DEFAULT 0,
  unknown       integer NOT NULL DEFAULT 0,
  mismatched    integer NOT NULL DEFAULT 0,
  issues        jsonb NOT NULL DEFAULT '[]',
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);

CREATE TABLE bank_result_entries (
  import_id      uuid NOT NULL REFERENCES bank_result_imports (id),
  position       integer NOT NULL,
  end_to_end_id  text NOT NULL,
  amount_fen     bigint,
  status         text NOT NULL CHECK (status IN ('booked', 'rejected')),
  reason         text,
  outcome        text NOT NULL CHECK (outcome IN ('applied', 'duplicate', 'unknown', 'amount_mismatch', 'conflict')),
  PRIMARY KEY (import_id, position, end_to_end_id)
);
