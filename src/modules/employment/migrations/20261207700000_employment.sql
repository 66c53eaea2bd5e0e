-- 就业岗位查询及推介 (issue 19 §4): job postings (by enterprises, by district officers, from the public employment
-- service's feed), a worker's interest with their consent to be seen by the employer, and what was recommended to whom.
CREATE TABLE job_postings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source          text NOT NULL CHECK (source IN ('enterprise', 'officer', 'feed')),
  enterprise_id   uuid REFERENCES organisations (id),
  employer_name   text NOT NULL CHECK (length(employer_name) BETWEEN 1 AND 100),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  occupation_code text NOT NULL REFERENCES occupations (code),
  -- the skill level wanted (1 高级技师 … 5 初级工; a holder of level ≤ this qualifies); null: any
  level           smallint CHECK (level BETWEEN 1 AND 5),
  district_code   text NOT NULL REFERENCES districts (code),
  address         text NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
  lat_gcj02       double precision NOT NULL CHECK (lat_gcj02 BETWEEN -90 AND 90),
  lng_gcj02       double precision NOT NULL CHECK (lng_gcj02 BETWEEN -180 AND 180),
  pay_min_fen     integer NOT NULL CHECK (pay_min_fen >= 0),
  pay_max_fen     integer NOT NULL,
  headcount       integer NOT NULL CHECK (headcount BETWEEN 1 AND 10000),
  valid_from      date NOT NULL,
  valid_until     date NOT NULL,
  description     text CHECK (description IS NULL OR length(description) <= 2000),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken_down', 'closed')),
  status_reason   text,
  status_by       uuid,
  status_at       timestamptz,
  external_ref    text,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (pay_max_fen >= pay_min_fen),
  CHECK (valid_until >= valid_from),
  CHECK ((source = 'enterprise') = (enterprise_id IS NOT NULL)),
  CHECK ((source = 'feed') = (external_ref IS NOT NULL))
);
CREATE UNIQUE INDEX job_postings_feed_ref ON job_postings (external_ref) WHERE external_ref IS NOT NULL;
-- recommendations and search: the open postings of an occupation, and of a district
CREATE INDEX job_postings_open_occupation ON job_postings (occupation_code, valid_until) WHERE status = 'open';
CREATE INDEX job_postings_open_district ON job_postings (district_code, valid_until) WHERE status = 'open';
CREATE INDEX job_postings_enterprise ON job_postings (enterprise_id, created_at);

-- A worker's interest in a posting; the employer sees the candidate's name and phone only once `consented_at` is set.
CREATE TABLE job_interests (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  posting_id    uuid NOT NULL REFERENCES job_postings (id),
  person_id     uuid NOT NULL REFERENCES persons (id),
  status        text NOT NULL DEFAULT 'interested' CHECK (status IN ('interested', 'withdrawn')),
  consented_at  timestamptz,
  contacted_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (posting_id, person_id),
  CHECK (contacted_at IS NULL OR consented_at IS NOT NULL)
);
CREATE INDEX job_interests_person ON job_interests (person_id);

-- What was recommended to whom (first time shown), for the counts recommended → interested → contacted.
CREATE TABLE job_recommended (
  posting_id    uuid NOT NULL REFERENCES job_postings (id),
  person_id     uuid NOT NULL REFERENCES persons (id),
  district_code text NOT NULL,
  first_at      timestamptz NOT NULL,
  PRIMARY KEY (posting_id, person_id)
);
