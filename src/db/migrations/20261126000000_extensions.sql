-- Base: nothing PostgreSQL-16+-only is used anywhere (production is PostgreSQL 15; PGlite is 18).
-- gen_random_uuid() is core since PostgreSQL 13.
CREATE OR REPLACE FUNCTION sv_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
