-- Data backfill: a check-in at the venue (geofence) kept no voucher before it kept its admission's, so the statistics
-- could not name the issuing organisation of a customised voucher (an enterprise's 出勤率 read 0). Each takes the
-- voucher of the trainee's admission to the class: the open one, else the latest.
UPDATE check_ins k SET voucher_id = a.voucher_id
  FROM (SELECT DISTINCT ON (person_id, class_id) person_id, class_id, voucher_id FROM admissions
         ORDER BY person_id, class_id, (status = 'admitted') DESC, admitted_at DESC) a
 WHERE k.voucher_id IS NULL AND a.person_id = k.person_id AND a.class_id = k.class_id;
