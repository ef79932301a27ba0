-- 007 import functions: the only way incident data is written. A data manager, in one
-- transaction of their own: begin_import (a batch for their own partner) -> stage_rows (array
-- chunks; COPY FROM is refused on tables under row-level security) -> quarantine_rows (the
-- rows their client rejected, with reasons) -> finish_import (one set-wise upsert on the
-- natural key, counts, audit). Any failure before COMMIT leaves the store exactly as it was;
-- importing the same file again changes nothing.

SET LOCAL ROLE scribe_owner;

ALTER TABLE scribe.import_batch ADD COLUMN finished_at timestamptz;

CREATE UNLOGGED TABLE scribe.import_staging (
    import_batch_id      bigint NOT NULL,
    partner_id           smallint NOT NULL,
    source_record_id     text NOT NULL,
    category_code        text NOT NULL,
    occurred_from        timestamptz NOT NULL,
    occurred_to          timestamptz,
    reported_at          timestamptz,
    x                    double precision,
    y                    double precision,
    original_x           double precision,
    original_y           double precision,
    original_crs         text,
    location_precision_m real,
    location_description text,
    lsoa_code            text,
    ward_code            text,
    outcome              text,
    sensitivity          smallint NOT NULL,
    free_text            text,
    exact_address        text
);
CREATE INDEX import_staging_batch_idx ON scribe.import_staging (import_batch_id);
ALTER TABLE scribe.import_staging ENABLE ROW LEVEL SECURITY;
ALTER TABLE scribe.import_staging FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON scribe.import_staging TO scribe_owner USING (true) WITH CHECK (true);

-- The signed-in data manager's partner, or an error.
CREATE FUNCTION scribe.require_data_manager() RETURNS smallint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE me scribe.app_user := scribe.current_app_user();
BEGIN
    IF me.username IS NULL OR NOT pg_has_role(session_user, 'scribe_data_manager', 'MEMBER')
    THEN
        RAISE EXCEPTION 'only SCRIBE data managers import data'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN me.partner_id;
END
$$;

CREATE FUNCTION scribe.begin_import(file_name text, file_sha256 text, profile text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.require_data_manager();
    batch bigint;
BEGIN
    IF file_sha256 IS NULL OR file_sha256 !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'file_sha256 must be 64 lower-case hex digits';
    END IF;
    INSERT INTO scribe.import_batch (partner_id, file_name, file_sha256, profile)
    VALUES (pid, left(coalesce(file_name, ''), 500), file_sha256, left(coalesce(profile, ''), 100))
    RETURNING import_batch_id INTO batch;
    RETURN batch;
END
$$;

-- The caller's own open batch (not yet finished), or an error.
CREATE FUNCTION scribe.own_open_batch(batch bigint) RETURNS smallint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE pid smallint := scribe.require_data_manager();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM scribe.import_batch b
                    WHERE b.import_batch_id = batch AND b.partner_id = pid
                      AND b.imported_by = session_user AND b.finished_at IS NULL) THEN
        RAISE EXCEPTION 'import batch % is not an open batch of yours', batch;
    END IF;
    RETURN pid;
END
$$;

CREATE FUNCTION scribe.stage_rows(
    batch bigint, source_record_id text[], category_code text[], occurred_from timestamptz[],
    occurred_to timestamptz[], reported_at timestamptz[], x float8[], y float8[],
    original_x float8[], original_y float8[], original_crs text[],
    location_precision_m real[], location_description text[], lsoa_code text[],
    ward_code text[], outcome text[], sensitivity smallint[], free_text text[],
    exact_address text[])
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    n integer;
BEGIN
    INSERT INTO scribe.import_staging
    SELECT batch, pid, u.* FROM unnest(source_record_id, category_code, occurred_from,
                                       occurred_to, reported_at, x, y, original_x, original_y,
                                       original_crs, location_precision_m,
                                       location_description, lsoa_code, ward_code, outcome,
                                       sensitivity, free_text, exact_address) AS u;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

CREATE FUNCTION scribe.quarantine_rows(batch bigint, file_name text, row_number integer[],
                                       column_name text[], reason text[], raw_row jsonb[])
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    n integer;
BEGIN
    INSERT INTO scribe.quarantine (partner_id, import_batch_id, file_name, row_number,
                                   column_name, reason, raw_row)
    SELECT pid, batch, file_name, u.r, u.c, u.why, u.raw
      FROM unnest(row_number, column_name, reason, raw_row) AS u(r, c, why, raw);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

-- Upsert the staged rows on (partner, source record id): new records are inserted, changed
-- ones updated (a record whose month changed moves partition), identical ones left alone.
CREATE FUNCTION scribe.finish_import(batch bigint, rows_read integer)
RETURNS TABLE (inserted integer, updated integer, unchanged integer, quarantined integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    n_ins integer; n_upd integer; n_same integer; n_quar integer; n_staged integer;
    first_month date; last_month date;
BEGIN
    SELECT count(*), min(s.occurred_from)::date, max(s.occurred_from)::date
      INTO n_staged, first_month, last_month
      FROM scribe.import_staging s WHERE s.import_batch_id = batch;
    IF n_staged > 0 AND EXISTS (
            SELECT 1 FROM scribe.import_staging s WHERE s.import_batch_id = batch
             GROUP BY s.source_record_id HAVING count(*) > 1) THEN
        RAISE EXCEPTION 'the batch has duplicate source record ids; quarantine them first';
    END IF;
    IF n_staged > 0 THEN
        PERFORM scribe.ensure_month_partitions(first_month, last_month);
    END IF;

    DROP TABLE IF EXISTS pg_temp.scribe_import_plan;
    CREATE TEMP TABLE scribe_import_plan ON COMMIT DROP AS
    SELECT s.*, k.occurred_from AS old_from,
           CASE WHEN k.partner_id IS NULL THEN 'insert'
                WHEN (i.category_code, i.occurred_from, i.occurred_to, i.reported_at,
                      public.ST_X(i.geom), public.ST_Y(i.geom),
                      i.original_x, i.original_y, i.original_crs, i.location_precision_m,
                      i.location_description, i.lsoa_code, i.ward_code, i.outcome,
                      i.sensitivity, i.free_text, i.exact_address)
                     IS NOT DISTINCT FROM
                     (s.category_code, s.occurred_from, s.occurred_to, s.reported_at, s.x, s.y,
                      s.original_x, s.original_y, s.original_crs, s.location_precision_m,
                      s.location_description, s.lsoa_code, s.ward_code, s.outcome,
                      s.sensitivity, s.free_text, s.exact_address)
                THEN 'same' ELSE 'update' END AS action
      FROM scribe.import_staging s
      LEFT JOIN scribe.incident_key k
             ON k.partner_id = pid AND k.source_record_id = s.source_record_id
      LEFT JOIN scribe.incident i
             ON i.partner_id = pid AND i.source_record_id = s.source_record_id
            AND i.occurred_from = k.occurred_from
     WHERE s.import_batch_id = batch;

    DELETE FROM scribe.incident i USING scribe_import_plan p
     WHERE p.action = 'update' AND i.partner_id = pid
       AND i.source_record_id = p.source_record_id AND i.occurred_from = p.old_from;
    GET DIAGNOSTICS n_upd = ROW_COUNT;
    INSERT INTO scribe.incident (partner_id, source_record_id, category_code, occurred_from,
        occurred_to, reported_at, geom, original_x, original_y, original_crs,
        location_precision_m, location_description, lsoa_code, ward_code, outcome, sensitivity,
        import_batch_id, free_text, exact_address)
    SELECT pid, p.source_record_id, p.category_code, p.occurred_from, p.occurred_to,
           p.reported_at,
           CASE WHEN p.x IS NULL THEN NULL  -- PostGIS lives in public, outside search_path
                ELSE public.ST_SetSRID(public.ST_MakePoint(p.x, p.y), 27700) END,
           p.original_x, p.original_y, p.original_crs, p.location_precision_m,
           p.location_description, p.lsoa_code, p.ward_code, p.outcome, p.sensitivity, batch,
           p.free_text, p.exact_address
      FROM scribe_import_plan p WHERE p.action IN ('insert', 'update');
    GET DIAGNOSTICS n_ins = ROW_COUNT;
    n_ins := n_ins - n_upd;
    SELECT count(*) INTO n_same FROM scribe_import_plan WHERE action = 'same';
    SELECT count(*) INTO n_quar FROM scribe.quarantine q WHERE q.import_batch_id = batch;
    DELETE FROM scribe.import_staging s WHERE s.import_batch_id = batch;
    UPDATE scribe.import_batch b
       SET rows_read = finish_import.rows_read, rows_inserted = n_ins, rows_updated = n_upd,
           rows_unchanged = n_same, rows_quarantined = n_quar, finished_at = now()
     WHERE b.import_batch_id = batch;
    PERFORM scribe.audit('import', jsonb_build_object(
        'batch', batch, 'rows_read', finish_import.rows_read, 'inserted', n_ins,
        'updated', n_upd, 'unchanged', n_same, 'quarantined', n_quar));
    RETURN QUERY SELECT n_ins, n_upd, n_same, n_quar;
END
$$;

-- (new functions are not executable by PUBLIC: 003 set the schema's default privileges)
GRANT EXECUTE ON FUNCTION scribe.begin_import(text, text, text),
    scribe.stage_rows(bigint, text[], text[], timestamptz[], timestamptz[], timestamptz[],
                      float8[], float8[], float8[], float8[], text[], real[], text[], text[],
                      text[], text[], smallint[], text[], text[]),
    scribe.quarantine_rows(bigint, text, integer[], text[], text[], jsonb[]),
    scribe.finish_import(bigint, integer)
    TO scribe_data_manager;

RESET ROLE;
