-- 考评安排: which assessment body (评价/鉴定机构) assesses a class. A district admin of the class's district
-- (or a city admin) assigns it; an assessor account records results only for classes assigned to its body.
-- One live assignment per class; withdrawing keeps the row (who, when, why) and the results already recorded.
-- Distribution key (Citus-style): small, by class; district_code and provider_id copied from the class at
-- assignment time (a class never changes district or provider) so scoped lists need no join.
CREATE TABLE assessment_assignments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  class_id         uuid NOT NULL,
  assessor_org_id  uuid NOT NULL,
  district_code    text NOT NULL,
  provider_id      uuid NOT NULL,
  note             text,
  assigned_by      uuid,
  assigned_at      timestamptz NOT NULL DEFAULT now(),
  withdrawn_by     uuid,
  withdrawn_at     timestamptz,
  withdraw_reason  text,
  CHECK ((withdrawn_at IS NULL) = (withdraw_reason IS NULL))
);
CREATE UNIQUE INDEX assessment_assignments_live ON assessment_assignments (class_id) WHERE withdrawn_at IS NULL;
CREATE INDEX assessment_assignments_org ON assessment_assignments (assessor_org_id, assigned_at);
CREATE INDEX assessment_assignments_district ON assessment_assignments (district_code, assigned_at);
CREATE INDEX assessment_assignments_provider ON assessment_assignments (provider_id, assigned_at);
