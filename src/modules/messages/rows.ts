/** The messages module's rows, one type per table. */
export interface OutboxRow {
  id: string;
  event: string;
  key: string;
  person_id: string | null;
  account_id: string | null;
  recipient: string;
  channel: 'inbox' | 'sms';
  vars: Record<string, string>;
  link: string | null;
  essential: boolean;
  state: 'queued' | 'sent' | 'skipped' | 'dead';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  district_code: string | null;
  recipient_label: string | null;
  created_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
  /** The pg-boss job that delivers it (NULL: not enqueued). */
  job_id: string | null;
}

export interface InboxRow {
  id: string;
  outbox_id: string;
  person_id: string | null;
  account_id: string | null;
  event: string;
  vars: Record<string, string>;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

export interface PreferencesRow {
  account_id: string;
  sms: boolean;
  reminders: boolean;
  updated_at: Date;
}
