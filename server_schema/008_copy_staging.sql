-- 008 COPY staging and set-wise integrity for imports.
--
-- Measured on a million police.uk rows (scripts/bench_import.py): staging through stage_rows'
-- arrays cost 25 s, binary COPY 1.3 s; and the per-row foreign-key triggers on incident
-- (partner, category) and incident_key (partner) cost 16 s of a 33 s insert. So:
--  * begin_import now also creates the batch's staging table in the caller's own session,
--    pg_temp.scribe_import_rows, ON COMMIT DROP. It is owned by scribe_owner (this function's
--    owner) and the caller gets INSERT on it only, so they can COPY into it (COPY FROM is
--    refused on tables under row-level security) but cannot alter it, add triggers, rules or
--    policies, or read another session's rows. stage_rows remains for small array loads.
--  * finish_import checks partner and categories once for the whole batch instead of once per
--    row, and the per-row foreign keys on incident and incident_key are dropped. Only
--    finish_import writes incidents (no role has INSERT on them), and deleting a category or a
--    partner that records still use is refused by triggers below.

SET LOCAL ROLE scribe_owner;

DROP FUNCTION scribe.stage_rows(bigint, text[], text[], timestamptz[], timestamptz[],
    timestamptz[], float8[], float8[], float8[], float8[], text[], real[], text[], text[],
    text[], text[], smallint[], text[], text[]);
DROP FUNCTION scribe.finish_import(bigint, integer);
DROP TABLE scribe.import_staging;

ALTER TABLE scribe.incident DROP CONSTRAINT incident_partner_id_fkey;
ALTER TABLE scribe.incident DROP CONSTRAINT incident_category_code_fkey;
ALTER TABLE scribe.incident_key DROP CONSTRAINT incident_key_partner_id_fkey;

CREATE FUNCTION scribe.refuse_delete_in_use() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_NAME = 'category' AND EXISTS (
            SELECT 1 FROM scribe.incident i WHERE i.category_code = OLD.code) THEN
        RAISE EXCEPTION 'category % is used by incidents; map them to another category first',
            OLD.code USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF TG_TABLE_NAME = 'partner' AND EXISTS (
            SELECT 1 FROM scribe.incident_key k WHERE k.partner_id = OLD.partner_id) THEN
        RAISE EXCEPTION 'partner % still has incidents', OLD.code
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER category_in_use BEFORE DELETE OR UPDATE OF code ON scribe.category
    FOR EACH ROW EXECUTE FUNCTION scribe.refuse_delete_in_use();
CREATE TRIGGER partner_in_use BEFORE DELETE OR UPDATE OF partner_id ON scribe.partner
    FOR EACH ROW EXECUTE FUNCTION scribe.refuse_delete_in_use();

CREATE OR REPLACE FUNCTION scribe.begin_import(file_name text, file_sha256 text, profile text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.require_data_manager();
    batch bigint;
BEGIN
    IF file_sha256 IS NULL OR file_sha256 !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'file_sha256 must be 64 lower-case hex digits';
    END IF;
    IF to_regclass('pg_temp.scribe_import_rows') IS NOT NULL THEN
        RAISE EXCEPTION 'an import is already open in this transaction; commit or roll it back'
            USING ERRCODE = 'object_in_use';
    END IF;
    INSERT INTO scribe.import_batch (partner_id, file_name, file_sha256, profile)
    VALUES (pid, left(coalesce(file_name, ''), 500), file_sha256, left(coalesce(profile, ''), 100))
    RETURNING import_batch_id INTO batch;
    CREATE TEMP TABLE scribe_import_rows (
        source_record_id     text,
        category_code        text,
        occurred_from        timestamptz,
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
        sensitivity          smallint,
        free_text            text,
        exact_address        text
    ) ON COMMIT DROP;
    EXECUTE format('GRANT INSERT ON pg_temp.scribe_import_rows TO %I', session_user);
    RETURN batch;
END
$$;

-- The staging table of the caller's open import, checked to be the one begin_import made.
CREATE FUNCTION scribe.import_rows_table() RETURNS regclass
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE t regclass := to_regclass('pg_temp.scribe_import_rows');
BEGIN
    IF t IS NULL OR NOT EXISTS (
            SELECT 1 FROM pg_class c
             WHERE c.oid = t AND c.relkind = 'r' AND c.relowner = 'scribe_owner'::regrole
               AND NOT c.relrowsecurity AND NOT c.relhasrules AND NOT c.relhastriggers) THEN
        RAISE EXCEPTION 'no open import in this transaction: call scribe.begin_import first';
    END IF;
    RETURN t;
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
    PERFORM scribe.import_rows_table();
    INSERT INTO pg_temp.scribe_import_rows
    SELECT u.* FROM unnest(source_record_id, category_code, occurred_from, occurred_to,
                           reported_at, x, y, original_x, original_y, original_crs,
                           location_precision_m, location_description, lsoa_code, ward_code,
                           outcome, sensitivity, free_text, exact_address) AS u;
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
    first_month date; last_month date; bad text;
BEGIN
    PERFORM scribe.import_rows_table();
    SELECT count(*), min(s.occurred_from)::date, max(s.occurred_from)::date
      INTO n_staged, first_month, last_month FROM pg_temp.scribe_import_rows s;
    -- the per-row foreign keys and NOT NULLs of incident, checked once for the whole batch
    SELECT string_agg(DISTINCT coalesce(s.category_code, 'NULL'), ', ') INTO bad
      FROM pg_temp.scribe_import_rows s
     WHERE NOT EXISTS (SELECT 1 FROM scribe.category c WHERE c.code = s.category_code);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'unknown SCRIBE categories in the batch: %', left(bad, 500)
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_temp.scribe_import_rows s
                WHERE s.source_record_id IS NULL OR s.occurred_from IS NULL
                   OR s.sensitivity IS NULL OR (s.x IS NULL) <> (s.y IS NULL)) THEN
        RAISE EXCEPTION 'staged rows need a source record id, a date, a sensitivity and '
                        'either both or neither coordinates' USING ERRCODE = 'not_null_violation';
    END IF;
    IF n_staged > 0 AND EXISTS (
            SELECT 1 FROM pg_temp.scribe_import_rows s
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
      FROM pg_temp.scribe_import_rows s
      LEFT JOIN scribe.incident_key k
             ON k.partner_id = pid AND k.source_record_id = s.source_record_id
      LEFT JOIN scribe.incident i
             ON i.partner_id = pid AND i.source_record_id = s.source_record_id
            AND i.occurred_from = k.occurred_from;

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
    TRUNCATE pg_temp.scribe_import_rows;
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

GRANT EXECUTE ON FUNCTION
    scribe.stage_rows(bigint, text[], text[], timestamptz[], timestamptz[], timestamptz[],
                      float8[], float8[], float8[], float8[], text[], real[], text[], text[],
                      text[], text[], smallint[], text[], text[]),
    scribe.finish_import(bigint, integer),
    scribe.import_rows_table()
    TO scribe_data_manager;

RESET ROLE;
