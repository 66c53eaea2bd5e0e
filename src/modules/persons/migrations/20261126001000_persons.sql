-- 人员库 (person registry). ID number, phone and bank account are encrypted at rest (v1:<suite>:…) and
-- found through blind indexes (keyed HMAC of the normalised value); birth date and sex are derived from
-- the ID number (GB 11643) when the person is created.
CREATE TABLE persons (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
  id_number_enc     text NOT NULL,
  id_number_bidx    text NOT NULL,
  birth_date        date NOT NULL,
  sex               text NOT NULL CHECK (sex IN ('M','F')),
  phone_enc         text,
  phone_bidx        text,
  bank_account_enc  text,                 -- the account linked to the social security card (社保卡)
  bank_name         text CHECK (bank_name IS NULL OR char_length(bank_name) <= 64),
  district_code     text CHECK (district_code IS NULL OR district_code ~ '^[0-9]{6}$'),
  hukou             text NOT NULL DEFAULT 'local' CHECK (hukou IN ('local','nonlocal')),
  categories        text[] NOT NULL DEFAULT '{}' CHECK (categories <@ ARRAY['registered_unemployed','xiebao','former_rural_surplus','disabled','veteran_5y','employed','college_graduating','secondary_vocational_graduating']::text[]),
  employer_uscc     text CHECK (employer_uscc IS NULL OR employer_uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  employer_name     text CHECK (employer_name IS NULL OR char_length(employer_name) <= 128),
  is_demo           boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((phone_enc IS NULL) = (phone_bidx IS NULL))
);
-- One person per ID number.
CREATE UNIQUE INDEX persons_id_number_bidx ON persons (id_number_bidx);
CREATE INDEX persons_phone_bidx ON persons (phone_bidx) WHERE phone_bidx IS NOT NULL;
CREATE INDEX persons_district ON persons (district_code);
CREATE INDEX persons_name_prefix ON persons (name text_pattern_ops);
CREATE INDEX persons_categories ON persons USING gin (categories);
CREATE INDEX persons_employer ON persons (employer_uscc) WHERE employer_uscc IS NOT NULL;
CREATE TRIGGER persons_touch BEFORE UPDATE ON persons FOR EACH ROW EXECUTE FUNCTION sv_touch_updated_at();
