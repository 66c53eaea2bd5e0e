-- 消息 (issue 20 §1): delivery through the pg-boss queue (schema pgboss). The outbox stays the durable record; the
-- relay enqueues each due row once, as one pg-boss job whose id it records here in the same transaction (NULL: not
-- enqueued). A gateway failure or the quiet hours clear it (enqueued again when due); an officer's retry too.
ALTER TABLE message_outbox ADD COLUMN job_id uuid;
DROP INDEX message_outbox_due;
CREATE INDEX message_outbox_relay ON message_outbox (next_attempt_at) WHERE state = 'queued' AND job_id IS NULL;
