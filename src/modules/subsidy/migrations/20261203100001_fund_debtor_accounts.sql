-- Debtor account per funding source (资金来源 → 付款账户): each programme's funding source pays from its own
-- account in the agency bank, set by the city admin. A batch's pain.001 has one PmtInf per debtor account.
-- The batch keeps the accounts it was approved with (disbursement_batch_debtors), so its file stays the same
-- bytes even when the city admin changes an account later.
CREATE TABLE fund_debtor_accounts (
  funding_source  text PRIMARY KEY,
  account_name    text NOT NULL CHECK (char_length(account_name) BETWEEN 1 AND 140),
  account_number  text NOT NULL CHECK (account_number ~ '^[0-9]{8,34}$'),
  bank_name       text NOT NULL CHECK (char_length(bank_name) BETWEEN 1 AND 140),
  updated_by      uuid,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A fresh install: one account per funding source (the city admin replaces them with the real ones).
INSERT INTO fund_debtor_accounts (funding_source, account_name, account_number, bank_name) VALUES
  ('employment_subsidy_fund', '就业补助资金专户', '31001500000050000001', '代发银行'),
  ('unemployment_insurance_fund', '失业保险基金支出户', '31001500000050000002', '代发银行'),
  ('local_education_surcharge', '地方教育附加专项资金专户', '31001500000050000003', '代发银行');

-- Each payment carries its programme's funding source (set when the batch is built).
ALTER TABLE disbursement_payments ADD COLUMN funding_source text;

-- The debtor accounts a batch pays from, fixed at approval (one row per funding source in the batch).
CREATE TABLE disbursement_batch_debtors (
  batch_id        uuid NOT NULL REFERENCES disbursement_batches (id),
  funding_source  text NOT NULL,
  account_name    text NOT NULL,
  account_number  text NOT NULL,
  bank_name       text NOT NULL,
  PRIMARY KEY (batch_id, funding_source)
);
