-- Training (培训): provider approvals, venues, courses, classes (班级) with sessions (课次), registrations
-- (报名), admissions (补贴学员录取) and opening reports (开班反馈 + 学员注册).
-- Coordinates are stored in GCJ-02 (what phones in China report); the API accepts WGS-84 or GCJ-02.
-- Distribution key (Citus-style): provider_id for venues/courses/classes/sessions; admissions and
-- registrations co-locate with vouchers by voucher_id (person) — the class is a lookup.

-- Programmes / occupations a provider is approved for (granted by a city or district admin).
-- occupation_code NULL: every occupation of the programme.
CREATE TABLE provider_approvals (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id     uuid NOT NULL REFERENCES organisations (id),
  programme_id    uuid NOT NULL REFERENCES programmes (id),
  occupation_code text REFERENCES occupations (code),
  granted_by      uuid,
  granted_at      timestamptz NOT NULL DEFAULT now(),
  revoked_by      uuid,
  revoked_at      timestamptz,
  revoke_reason   text
);
CREATE UNIQUE INDEX provider_approvals_active ON provider_approvals (provider_id, programme_id, coalesce(occupation_code, '*')) WHERE revoked_at IS NULL;

CREATE TABLE venues (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id       uuid NOT NULL REFERENCES organisations (id),
  name              text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  address           text NOT NULL CHECK (char_length(address) BETWEEN 1 AND 300),
  district_code     text NOT NULL REFERENCES districts (code),
  lat_gcj02         double precision NOT NULL CHECK (lat_gcj02 BETWEEN -90 AND 90),
  lng_gcj02         double precision NOT NULL CHECK (lng_gcj02 BETWEEN -180 AND 180),
  geofence_radius_m integer CHECK (geofence_radius_m IS NULL OR geofence_radius_m BETWEEN 10 AND 100000), -- NULL: the programme's
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX venues_provider ON venues (provider_id);
CREATE TRIGGER venues_touch BEFORE UPDATE ON venues FOR EACH ROW EXECUTE FUNCTION sv_touch_updated_at();

CREATE TABLE courses (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id     uuid NOT NULL REFERENCES organisations (id),
  programme_id    uuid NOT NULL REFERENCES programmes (id),
  occupation_code text NOT NULL REFERENCES occupations (code),
  level           smallint NOT NULL CHECK (level BETWEEN 0 AND 5),
  name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description     text CHECK (description IS NULL OR char_length(description) <= 4000),
  hours           integer NOT NULL CHECK (hours BETWEEN 1 AND 10000),
  fee_fen         bigint NOT NULL CHECK (fee_fen BETWEEN 0 AND 100000000),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX courses_provider ON courses (provider_id);
CREATE TRIGGER courses_touch BEFORE UPDATE ON courses FOR EACH ROW EXECUTE FUNCTION sv_touch_updated_at();

-- Course fields are copied onto the class (programme, occupation, level, fee) so search and admission
-- read one row; search_text gathers course, provider, occupation and venue names for free-text search.
CREATE TABLE training_classes (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id        uuid NOT NULL REFERENCES courses (id),
  provider_id      uuid NOT NULL REFERENCES organisations (id),
  programme_id     uuid NOT NULL REFERENCES programmes (id),
  occupation_code  text NOT NULL,
  level            smallint NOT NULL,
  fee_fen          bigint NOT NULL,
  name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  venue_id         uuid REFERENCES venues (id),
  online           boolean NOT NULL DEFAULT false,
  district_code    text NOT NULL,           -- the venue's district; online: the provider's
  capacity         integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  start_date       date NOT NULL,
  end_date         date NOT NULL,
  report_deadline  timestamptz NOT NULL,    -- 开班反馈 / roster deadline (23:59:59.999 Asia/Shanghai, N days before start)
  state            text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','reported','open','ended','cancelled')),
  search_text      text NOT NULL DEFAULT '',
  reported_at      timestamptz,
  reported_by      uuid,
  opened_at        timestamptz,
  ended_at         timestamptz,
  cancelled_at     timestamptz,
  cancel_reason    text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date),
  CHECK (online = (venue_id IS NULL))
);
CREATE INDEX training_classes_provider ON training_classes (provider_id, start_date);
CREATE INDEX training_classes_search ON training_classes (start_date, id) WHERE state = 'draft';
CREATE INDEX training_classes_district ON training_classes (district_code, start_date);
CREATE INDEX training_classes_start ON training_classes (start_date) WHERE state IN ('draft', 'reported');
CREATE INDEX training_classes_end ON training_classes (end_date) WHERE state = 'open';
CREATE TRIGGER training_classes_touch BEFORE UPDATE ON training_classes FOR EACH ROW EXECUTE FUNCTION sv_touch_updated_at();

-- Seats: one row per place (capacity rows). A registration or an admission claims a free seat with
-- FOR UPDATE SKIP LOCKED, so concurrent admissions to one class do not queue on a shared counter row.
CREATE TABLE class_seats (
  class_id   uuid NOT NULL REFERENCES training_classes (id),
  seat_no    integer NOT NULL CHECK (seat_no >= 1),
  voucher_id uuid,
  PRIMARY KEY (class_id, seat_no)
);
CREATE INDEX class_seats_free ON class_seats (class_id, seat_no) WHERE voucher_id IS NULL;
CREATE INDEX class_seats_taken ON class_seats (class_id) WHERE voucher_id IS NOT NULL;
CREATE UNIQUE INDEX class_seats_voucher ON class_seats (class_id, voucher_id) WHERE voucher_id IS NOT NULL;

-- 课次
CREATE TABLE class_sessions (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  class_id   uuid NOT NULL REFERENCES training_classes (id),
  seq        integer NOT NULL CHECK (seq >= 1),
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  topic      text CHECK (topic IS NULL OR char_length(topic) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  UNIQUE (class_id, seq)
);

-- 报名: a worker applies to a class with one of their vouchers; a pending registration holds a seat.
CREATE TABLE registrations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  class_id    uuid NOT NULL REFERENCES training_classes (id),
  voucher_id  uuid NOT NULL REFERENCES vouchers (id),
  person_id   uuid NOT NULL REFERENCES persons (id),
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','admitted','cancelled','released')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX registrations_one_pending ON registrations (class_id, voucher_id) WHERE status = 'pending';
CREATE INDEX registrations_person ON registrations (person_id, created_at DESC);
CREATE INDEX registrations_class ON registrations (class_id) WHERE status = 'pending';
CREATE INDEX registrations_voucher ON registrations (voucher_id) WHERE status = 'pending';
CREATE TRIGGER registrations_touch BEFORE UPDATE ON registrations FOR EACH ROW EXECUTE FUNCTION sv_touch_updated_at();

-- 补贴学员录取: binds a voucher to a class. At most one open admission per voucher (status 'admitted').
CREATE TABLE admissions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  class_id        uuid NOT NULL REFERENCES training_classes (id),
  voucher_id      uuid NOT NULL REFERENCES vouchers (id),
  person_id       uuid NOT NULL REFERENCES persons (id),
  provider_id     uuid NOT NULL REFERENCES organisations (id),
  registration_id uuid REFERENCES registrations (id),
  via             text NOT NULL CHECK (via IN ('qr', 'number')),
  status          text NOT NULL DEFAULT 'admitted' CHECK (status IN ('admitted','withdrawn','cancelled')),
  admitted_by     uuid,
  admitted_at     timestamptz NOT NULL DEFAULT now(),
  ended_at        timestamptz,
  end_reason      text
);
CREATE UNIQUE INDEX admissions_one_open ON admissions (voucher_id) WHERE status = 'admitted';
CREATE INDEX admissions_class ON admissions (class_id) WHERE status = 'admitted';
CREATE INDEX admissions_person ON admissions (person_id);
