-- The staff of a designated rehabilitation hospital (issue 18): role `hospital`, anchored to its organisation.
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('worker','provider','enterprise','assessor','district_admin','city_admin','finance','auditor','committee','hospital'));
ALTER TABLE accounts ADD CONSTRAINT accounts_hospital_org CHECK (role <> 'hospital' OR org_id IS NOT NULL);
