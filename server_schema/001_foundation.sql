-- 001 foundation: PostGIS, the scribe schema and the NOLOGIN role that owns every SCRIBE object.
-- Applied in one transaction by scribe_plugin/core/migrations.py; never edit once applied.

CREATE EXTENSION IF NOT EXISTS postgis;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scribe_owner') THEN
        CREATE ROLE scribe_owner NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS scribe AUTHORIZATION scribe_owner;
REVOKE ALL ON SCHEMA scribe FROM PUBLIC;
-- Nobody may create objects in public in this database (CVE-2018-1058 style search_path attacks).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

COMMENT ON SCHEMA scribe IS 'SCRIBE: shared community safety incident store';
