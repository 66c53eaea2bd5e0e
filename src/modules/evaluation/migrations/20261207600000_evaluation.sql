-- 培训评价 (issue 19 §2): a completer's rating of a class, once per (class, person), changeable for 30 days;
-- its comment is public only after an officer's moderation; the provider may reply to a published comment.
CREATE TABLE class_ratings (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  class_id           uuid NOT NULL REFERENCES training_classes (id),
  person_id          uuid NOT NULL REFERENCES persons (id),
  -- copies of the class's facts at the rating (the class never changes them once ended)
  course_id          uuid NOT NULL,
  provider_id        uuid NOT NULL REFERENCES organisations (id),
  programme_id       uuid NOT NULL,
  district_code      text NOT NULL,
  teaching           smallint NOT NULL CHECK (teaching BETWEEN 1 AND 5),
  practical          smallint NOT NULL CHECK (practical BETWEEN 1 AND 5),
  venue              smallint NOT NULL CHECK (venue BETWEEN 1 AND 5),
  organisation       smallint NOT NULL CHECK (organisation BETWEEN 1 AND 5),
  comment            text CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 500),
  comment_status     text NOT NULL DEFAULT 'none' CHECK (comment_status IN ('none', 'pending', 'published', 'rejected')),
  moderation_reason  text,
  moderated_by       uuid,
  moderated_at       timestamptz,
  reply              text CHECK (reply IS NULL OR length(reply) BETWEEN 1 AND 500),
  replied_by         uuid,
  replied_at         timestamptz,
  rated_at           timestamptz NOT NULL,
  changed_at         timestamptz NOT NULL,
  editable_until     timestamptz NOT NULL,
  UNIQUE (class_id, person_id),
  CHECK ((comment IS NULL) = (comment_status = 'none')),
  CHECK (reply IS NULL OR comment_status = 'published')
);
CREATE INDEX class_ratings_person ON class_ratings (person_id);
CREATE INDEX class_ratings_course ON class_ratings (course_id);
CREATE INDEX class_ratings_provider ON class_ratings (provider_id, programme_id);
CREATE INDEX class_ratings_queue ON class_ratings (district_code, changed_at) WHERE comment_status = 'pending';

-- The running sums behind every score (a class, a course, a provider), written in the rating's transaction:
-- a score read never aggregates the ratings, and the course search can sort by a course's score.
CREATE TABLE rating_totals (
  subject            text NOT NULL CHECK (subject IN ('class', 'course', 'provider')),
  subject_id         uuid NOT NULL,
  ratings            integer NOT NULL DEFAULT 0 CHECK (ratings >= 0),
  sum_teaching       integer NOT NULL DEFAULT 0,
  sum_practical      integer NOT NULL DEFAULT 0,
  sum_venue          integer NOT NULL DEFAULT 0,
  sum_organisation   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (subject, subject_id)
);
