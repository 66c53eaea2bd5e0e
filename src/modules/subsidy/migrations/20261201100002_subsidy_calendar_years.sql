-- The working-day calendar knows which years it holds (issue 15 item 1): a year is loaded as a whole (the
-- data migration for 2025–2026, then `skillvoucher calendar import FILE` or the calendar page). Past the
-- last loaded year working days fall back to Monday–Friday and a notice end so computed is provisional.
CREATE TABLE subsidy_calendar_years (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  days       integer NOT NULL CHECK (days >= 0),      -- rows of subsidy_calendar in that year when loaded
  source     text NOT NULL DEFAULT '',
  loaded_by  uuid,                                    -- NULL: a migration or the command line
  loaded_at  timestamptz NOT NULL DEFAULT now()
);

-- A notice whose last day was counted (partly) in a year the calendar did not hold: shown as 暂定
-- (provisional); recomputed when that year is loaded.
ALTER TABLE subsidy_claims ADD COLUMN notice_provisional boolean NOT NULL DEFAULT false;
