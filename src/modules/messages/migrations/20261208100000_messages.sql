-- 消息 (issue 20 §1): a durable outbox written in the transaction of the event that causes it, one row per
-- (event, key, recipient, channel) so the same event twice sends once; delivered by the messages worker, which
-- records each attempt's result on the row under its row lock (exactly once in effect).
CREATE TABLE message_outbox (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event            text NOT NULL,
  -- the event's idempotency key, e.g. the voucher id, or the voucher id + '30d' for a reminder
  key              text NOT NULL,
  -- the recipient: a worker's person (their account, if any, is found at delivery) or a staff account
  person_id        uuid,
  account_id       uuid,
  recipient        uuid NOT NULL GENERATED ALWAYS AS (coalesce(person_id, account_id)) STORED,
  channel          text NOT NULL CHECK (channel IN ('inbox', 'sms')),
  vars             jsonb NOT NULL DEFAULT '{}',
  link             text,
  essential        boolean NOT NULL,
  state            text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'skipped', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  -- filled at the first attempt: the recipient's district (dead-letter scope) and masked name
  district_code    text,
  recipient_label  text,
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz,
  failed_at        timestamptz,
  CHECK (person_id IS NOT NULL OR account_id IS NOT NULL),
  UNIQUE (event, key, recipient, channel)
);
CREATE INDEX message_outbox_due ON message_outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX message_outbox_dead ON message_outbox (failed_at DESC) WHERE state = 'dead';
CREATE INDEX message_outbox_sms ON message_outbox (created_at DESC) WHERE channel = 'sms';

-- 站内信: one message per delivered inbox outbox row (UNIQUE outbox_id: a repeated delivery inserts nothing).
-- Title and body are rendered at read time in the reader's language from the event's template and vars.
CREATE TABLE message_inbox (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  outbox_id   uuid NOT NULL UNIQUE REFERENCES message_outbox (id),
  person_id   uuid,
  account_id  uuid,
  event       text NOT NULL,
  vars        jsonb NOT NULL,
  link        text,
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  CHECK (person_id IS NOT NULL OR account_id IS NOT NULL)
);
CREATE INDEX message_inbox_person ON message_inbox (person_id, created_at DESC) WHERE person_id IS NOT NULL;
CREATE INDEX message_inbox_account ON message_inbox (account_id, created_at DESC) WHERE account_id IS NOT NULL;

-- A person's choices (per account): also by SMS; non-essential reminders. No row: both on.
CREATE TABLE message_preferences (
  account_id  uuid PRIMARY KEY,
  sms         boolean NOT NULL,
  reminders   boolean NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- 短信模拟器: what the built-in SMS simulator "sent" (the default gateway; no message leaves the machine).
-- The idempotency key (the outbox row) is unique: a repeated send is answered as the first and stores nothing.
CREATE TABLE sms_simulator_sent (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  idempotency_key  text NOT NULL UNIQUE,
  phone_enc        text NOT NULL,
  text             text NOT NULL,
  sent_at          timestamptz NOT NULL
);
