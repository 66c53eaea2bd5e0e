-- Attendance (打卡签到): one check-in per trainee per session. A repeat answers the first record
-- (INSERT … ON CONFLICT (session_id, person_id) DO NOTHING, then SELECT).
-- Check-ins by geofence (the worker's phone) or imported from an online platform's records (online classes).
-- Suspicious check-ins are flagged for review by the district admin, never dropped; a flagged check-in counts
-- for attendance only once accepted.
-- Distribution key (Citus-style): person_id (co-located with vouchers/admissions); the session and class are lookups.
CREATE TABLE check_ins (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id    uuid NOT NULL REFERENCES class_sessions (id),
  class_id      uuid NOT NULL,
  person_id     uuid NOT NULL REFERENCES persons (id),
  voucher_id    uuid,
  provider_id   uuid NOT NULL,
  district_code text NOT NULL,               -- the class's district: scope of the review queue
  source        text NOT NULL CHECK (source IN ('geofence', 'online_import')),
  at            timestamptz NOT NULL,
  -- as reported by the device
  lat           double precision CHECK (lat BETWEEN -90 AND 90),
  lng           double precision CHECK (lng BETWEEN -180 AND 180),
  coord_system  text CHECK (coord_system IN ('wgs84', 'gcj02')),
  -- normalised to the venues' system (GCJ-02): what the flag rules compare
  lat_gcj02     double precision,
  lng_gcj02     double precision,
  coord_key     text,                        -- 'lat,lng' of the GCJ-02 coordinates to 5 decimals (identical-coordinates rule)
  accuracy_m    double precision CHECK (accuracy_m >= 0),
  distance_m    double precision CHECK (distance_m >= 0),
  device_id     text CHECK (char_length(device_id) <= 128),
  status        text NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'flagged', 'rejected_after_review')),
  flags         text[] NOT NULL DEFAULT '{}',
  reviewed_by   uuid,
  reviewed_at   timestamptz,
  review_note   text CHECK (char_length(review_note) <= 1000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (source <> 'geofence' OR (lat IS NOT NULL AND lng IS NOT NULL AND accuracy_m IS NOT NULL)),
  UNIQUE (session_id, person_id)
);
CREATE INDEX check_ins_person_at ON check_ins (person_id, at);
CREATE INDEX check_ins_class ON check_ins (class_id, person_id);
CREATE INDEX check_ins_review ON check_ins (district_code, created_at, id) WHERE status = 'flagged';
