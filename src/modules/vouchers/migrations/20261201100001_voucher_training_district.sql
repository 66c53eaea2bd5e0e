-- Where a check-in-only voucher's training took place (issue 15 item 9): the statistics count such a voucher
-- under the district of its class (the venue's district; online classes: the provider's), not its holder's.
-- Written by the vouchers service in the same statement that admits the voucher (the training service
-- passes the class's district); the latest admission wins. Subsidy vouchers keep their issuing district.
CREATE TABLE voucher_training_districts (
  voucher_id     uuid PRIMARY KEY,          -- = voucher_records.id (kind checkin_only)
  district_code  text NOT NULL,
  class_id       uuid,
  set_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voucher_training_districts_district ON voucher_training_districts (district_code);

-- Existing check-in-only vouchers already admitted to a class (one-time backfill, read from the admissions
-- as they stand at this migration; afterwards only the vouchers service writes this table).
INSERT INTO voucher_training_districts (voucher_id, district_code, class_id, set_at)
SELECT DISTINCT ON (a.voucher_id) a.voucher_id, c.district_code, c.id, a.admitted_at
  FROM admissions a
  JOIN training_classes c ON c.id = a.class_id
  JOIN voucher_states s ON s.voucher_id = a.voucher_id AND s.kind = 'checkin_only'
 ORDER BY a.voucher_id, a.admitted_at DESC;
