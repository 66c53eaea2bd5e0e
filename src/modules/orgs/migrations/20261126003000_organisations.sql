-- Organisations registry: training providers (培训实施机构), enterprises (企业) and assessment bodies
-- (评价/鉴定机构). The USCC (统一社会信用代码, GB 32100) identifies an organisation; it is public
-- company data, so it is stored in clear. Contact phone and bank account are encrypted at rest.
CREATE TABLE organisations (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind              text NOT NULL CHECK (kind IN ('provider','enterprise','assessor')),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  uscc              text NOT NULL UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  district_code     text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  provider_kind     text CHECK (provider_kind IN ('social_training_body','vocational_college','high_skill_base')),
  address           text,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended')),
  suspended_reason  text,
  suspended_at      timestamptz,
  contact_name      text,
  contact_phone_enc text,                  -- encrypted at rest
  bank_account_enc  text,                  -- encrypted at rest (payee account)
  bank_name         text,
  is_demo           boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'provider') = (provider_kind IS NOT NULL)),
  CHECK (status <> 'suspended' OR suspended_reason IS NOT NULL)
);
CREATE INDEX organisations_district ON organisations (district_code, kind);
CREATE INDEX organisations_kind_status ON organisations (kind, status);
CREATE TRIGGER organisations_touch BEFORE UPDATE ON organisations FOR EACH ROW EXECUTE FUNCTION sv_touch_updated_at();
