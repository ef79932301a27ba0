-- 018 rows named by number: incident_key carries each record's incident_id, and incident's
-- primary key becomes (incident_id, occurred_from) instead of (partner_id, source_record_id,
-- occurred_from).
--
-- The partner's record id is stored once in incident and once in incident_key's unique
-- index, which is what guarantees one row per (partner, record id) across months. The old
-- primary key indexed the same text a second time, in every month: 64-character police.uk
-- ids made it the dearest index to build when an import attaches its new months (1.2 s per
-- million rows, against 0.3 s for the numeric key) and about 100 MB per million rows on disk.
-- Every lookup of a record's row now goes through its key: incident_key (partner, record id)
-- -> (incident_id, occurred_from) -> the month's primary key.
--
-- Restated to look rows up that way: the key triggers of 003 (they write incident_id),
-- import_fresh_rows (016), stage_chunk (016) and finish_outcomes (012). import_fresh_rows
-- also writes the chunk's keys with one INSERT now, retried once after the slow path has
-- removed the rows of records that moved month, and re-raises a second violation (another
-- import of the partner's) instead of calling it a duplicate in the file.

SET LOCAL ROLE scribe_owner;

ALTER TABLE scribe.incident_key ADD COLUMN incident_id bigint;
UPDATE scribe.incident_key k SET incident_id = i.incident_id
  FROM scribe.incident i
 WHERE i.partner_id = k.partner_id AND i.source_record_id = k.source_record_id
   AND i.occurred_from = k.occurred_from;
ALTER TABLE scribe.incident_key ALTER COLUMN incident_id SET NOT NULL;

ALTER TABLE scribe.incident DROP CONSTRAINT incident_pkey;
ALTER TABLE scribe.incident ADD PRIMARY KEY (incident_id, occurred_from);

CREATE OR REPLACE FUNCTION scribe.incident_key_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from, incident_id)
    SELECT partner_id, source_record_id, occurred_from, incident_id FROM new_rows;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION scribe.incident_key_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM scribe.incident_key k USING old_rows o
     WHERE k.partner_id = o.partner_id AND k.source_record_id = o.source_record_id;
    INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from, incident_id)
    SELECT partner_id, source_record_id, occurred_from, incident_id FROM new_rows;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION scribe.import_fresh_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET work_mem = '256MB' SET jit = off AS $$
DECLARE
    batch bigint := TG_ARGV[0]::bigint;
    pid smallint := scribe.own_open_batch(batch);
    n bigint; n_moved bigint := 0; first_at timestamptz; last_at timestamptz;
BEGIN
    IF scribe.import_temp_table('scribe_import_tally') IS NULL THEN
        RAISE EXCEPTION 'no open import in this transaction: call scribe.begin_import first';
    END IF;
    SELECT count(*), min(r.occurred_from), max(r.occurred_from)
      INTO n, first_at, last_at FROM new_rows r;
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM scribe.refuse_unknown_categories(ARRAY(SELECT DISTINCT r.category_code
                                                     FROM new_rows r));
    -- a crime's dated outcome (from an outcome file) wins over the street file's (012)
    IF EXISTS (SELECT 1 FROM scribe.outcome_record o WHERE o.partner_id = pid) THEN
        EXECUTE format('UPDATE scribe.%I a SET outcome = l.outcome '
                       'FROM scribe.latest_outcomes($1) l, new_rows r '
                       'WHERE l.source_record_id = r.source_record_id '
                       'AND a.incident_id = r.incident_id AND a.occurred_from = r.occurred_from '
                       'AND a.outcome IS DISTINCT FROM l.outcome', TG_TABLE_NAME) USING pid;
    END IF;
    -- Keys in key order, so the key index fills page after page. A key the store has already
    -- fails the unique index: only then look at which rows those are, and write the keys
    -- again once the rows they belonged to are gone.
    FOR attempt IN 1..2 LOOP
        BEGIN
            INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from,
                                             incident_id)
            SELECT pid, r.source_record_id, r.occurred_from, r.incident_id FROM new_rows r
             ORDER BY r.source_record_id COLLATE "C";
            EXIT;
        EXCEPTION WHEN unique_violation THEN
            IF attempt = 2 THEN  -- not this batch's doing (another import of the partner's)
                RAISE;
            END IF;
            -- an id twice among these rows, or one whose row this batch wrote (in incident,
            -- or set aside and so not found there), is in the file twice
            IF EXISTS (SELECT 1 FROM new_rows r GROUP BY r.source_record_id
                        HAVING count(*) > 1)
               OR EXISTS (SELECT 1 FROM new_rows r
                            JOIN scribe.incident_key k
                              ON k.partner_id = pid AND k.source_record_id = r.source_record_id
                            LEFT JOIN scribe.incident i
                              ON i.incident_id = k.incident_id
                             AND i.occurred_from = k.occurred_from
                           WHERE i.partner_id IS NULL OR i.import_batch_id = batch) THEN
                PERFORM scribe.refuse_duplicate_ids();
            END IF;
            -- the others are records that moved to a new month: their old row (and, by
            -- trigger, its key) goes, and they count as updated
            DELETE FROM scribe.incident i USING new_rows r, scribe.incident_key k
             WHERE k.partner_id = pid AND k.source_record_id = r.source_record_id
               AND i.incident_id = k.incident_id AND i.occurred_from = k.occurred_from;
            GET DIAGNOSTICS n_moved = ROW_COUNT;
        END;
    END LOOP;
    UPDATE scribe_import_tally t
       SET inserted = t.inserted + n - n_moved, updated = t.updated + n_moved,
           first_month = least(t.first_month, first_at::date),
           last_month = greatest(t.last_month, last_at::date);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION scribe.stage_chunk(batch bigint) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET work_mem = '256MB' SET jit = off AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    aside text := 'import_fresh_' || batch;
    n_staged integer; n_written integer := 0; n_upd integer; n_same integer;
    chunk_first date; chunk_last date; months date[]; twice boolean;
BEGIN
    PERFORM scribe.import_rows_table();
    SELECT count(*), min(s.occurred_from)::date, max(s.occurred_from)::date,
           array_agg(DISTINCT date_trunc('month', s.occurred_from)::date)
      INTO n_staged, chunk_first, chunk_last, months FROM pg_temp.scribe_import_rows s;
    IF n_staged = 0 THEN
        RETURN 0;
    END IF;
    -- the per-row foreign keys and NOT NULLs of incident, checked once per chunk
    PERFORM scribe.refuse_unknown_categories(ARRAY(SELECT DISTINCT s.category_code
                                                     FROM pg_temp.scribe_import_rows s));
    IF EXISTS (SELECT 1 FROM pg_temp.scribe_import_rows s
                WHERE s.source_record_id IS NULL OR s.occurred_from IS NULL
                   OR s.sensitivity IS NULL OR (s.x IS NULL) <> (s.y IS NULL)) THEN
        RAISE EXCEPTION 'staged rows need a source record id, a date, a sensitivity and '
                        'either both or neither coordinates' USING ERRCODE = 'not_null_violation';
    END IF;
    PERFORM scribe.adopt_recorded_outcomes(batch);
    PERFORM scribe.import_open_state(batch);

    -- The rows whose natural key the store already has, found by one index probe per staged
    -- row (LIMIT 1 keeps each lookup a probe: a join would read every key of the partner):
    -- unchanged, changed (updated), or a key this batch wrote itself (the id is in the file
    -- twice). Every other row is new.
    DROP TABLE IF EXISTS pg_temp.scribe_import_plan;
    CREATE TEMP TABLE scribe_import_plan ON COMMIT DROP AS
    SELECT s.source_record_id, k.incident_id AS old_id, k.occurred_from AS old_from,
           CASE WHEN (i.category_code, i.occurred_from, i.occurred_to, i.reported_at,
                      public.ST_X(i.geom), public.ST_Y(i.geom),
                      i.original_x, i.original_y, i.original_crs, i.location_precision_m,
                      i.location_description, i.lsoa_code, i.ward_code, i.outcome,
                      i.sensitivity, i.free_text, i.exact_address)
                     IS NOT DISTINCT FROM
                     (s.category_code, s.occurred_from, s.occurred_to, s.reported_at, s.x, s.y,
                      s.original_x, s.original_y, s.original_crs, s.location_precision_m,
                      s.location_description, s.lsoa_code, s.ward_code, s.outcome,
                      s.sensitivity, s.free_text, s.exact_address)
                THEN 'same' ELSE 'update' END AS action,
           -- this batch's own row, or one still set aside (so not found in incident)
           i.partner_id IS NULL OR i.import_batch_id = batch AS seen_in_batch
      FROM pg_temp.scribe_import_rows s
     CROSS JOIN LATERAL (SELECT k.incident_id, k.occurred_from FROM scribe.incident_key k
                          WHERE k.partner_id = pid AND k.source_record_id = s.source_record_id
                          LIMIT 1) k
      LEFT JOIN LATERAL (SELECT i.* FROM scribe.incident i
                          WHERE i.incident_id = k.incident_id
                            AND i.occurred_from = k.occurred_from LIMIT 1) i ON true;
    SELECT count(*) FILTER (WHERE p.action = 'same'), coalesce(bool_or(p.seen_in_batch), false)
      INTO n_same, twice FROM scribe_import_plan p;
    -- an id twice among rows with a key is found here; a new id twice fails the key index
    IF twice OR EXISTS (SELECT 1 FROM scribe_import_plan p
                         GROUP BY p.source_record_id HAVING count(*) > 1) THEN
        PERFORM scribe.refuse_duplicate_ids();
    END IF;

    BEGIN
        -- a changed record's old row (and, by trigger, its key) goes before its new row
        DELETE FROM scribe.incident i USING scribe_import_plan p
         WHERE p.action = 'update' AND i.incident_id = p.old_id
           AND i.occurred_from = p.old_from;
        GET DIAGNOSTICS n_upd = ROW_COUNT;

        -- Months with no partition yet are built aside and attached by finish_import (009);
        -- their keys and counts come from the trigger on the table set aside.
        PERFORM scribe.import_make_fresh(batch, months);
        EXECUTE format(
            'INSERT INTO scribe.%I (partner_id, source_record_id, '
            'category_code, occurred_from, occurred_to, reported_at, geom, original_x, '
            'original_y, original_crs, location_precision_m, location_description, lsoa_code, '
            'ward_code, outcome, sensitivity, import_batch_id, free_text, exact_address) '
            'SELECT $1, s.source_record_id, s.category_code, s.occurred_from, '
            's.occurred_to, s.reported_at, CASE WHEN s.x IS NULL THEN NULL ELSE '
            'public.ST_SetSRID(public.ST_MakePoint(s.x, s.y), 27700) END, s.original_x, '
            's.original_y, s.original_crs, s.location_precision_m, s.location_description, '
            's.lsoa_code, s.ward_code, s.outcome, s.sensitivity, $2, s.free_text, '
            's.exact_address FROM pg_temp.scribe_import_rows s '
            'WHERE date_trunc(''month'', s.occurred_from)::date '
            'IN (SELECT f.month FROM scribe_import_fresh f)', aside)
            USING pid, batch;
        IF EXISTS (SELECT 1 FROM unnest(months) AS d (month)
                    WHERE NOT EXISTS (SELECT 1 FROM scribe_import_fresh f
                                       WHERE f.month = d.month)) THEN
            INSERT INTO scribe.incident (partner_id, source_record_id, category_code,
                occurred_from, occurred_to, reported_at, geom, original_x, original_y,
                original_crs, location_precision_m, location_description, lsoa_code, ward_code,
                outcome, sensitivity, import_batch_id, free_text, exact_address)
            SELECT pid, s.source_record_id, s.category_code, s.occurred_from, s.occurred_to,
                   s.reported_at,
                   CASE WHEN s.x IS NULL THEN NULL  -- PostGIS lives in public
                        ELSE public.ST_SetSRID(public.ST_MakePoint(s.x, s.y), 27700) END,
                   s.original_x, s.original_y, s.original_crs, s.location_precision_m,
                   s.location_description, s.lsoa_code, s.ward_code, s.outcome, s.sensitivity,
                   batch, s.free_text, s.exact_address
              FROM pg_temp.scribe_import_rows s
             WHERE NOT EXISTS (SELECT 1 FROM scribe_import_fresh f
                                WHERE f.month = date_trunc('month', s.occurred_from)::date)
               AND NOT EXISTS (SELECT 1 FROM scribe_import_plan p
                                WHERE p.source_record_id = s.source_record_id
                                  AND p.action = 'same');
            GET DIAGNOSTICS n_written = ROW_COUNT;
        END IF;
    EXCEPTION WHEN unique_violation THEN
        PERFORM scribe.refuse_duplicate_ids();
    END;
    TRUNCATE pg_temp.scribe_import_rows;

    UPDATE scribe_import_tally t
       SET inserted = t.inserted + n_written - n_upd, updated = t.updated + n_upd,
           unchanged = t.unchanged + n_same,
           first_month = least(t.first_month, chunk_first),
           last_month = greatest(t.last_month, chunk_last);
    DROP TABLE scribe_import_plan;
    RETURN n_staged;
END
$$;

CREATE OR REPLACE FUNCTION scribe.finish_outcomes(batch bigint, rows_read integer,
                                                  rows_matched integer)
RETURNS TABLE (inserted integer, updated integer, unchanged integer, quarantined integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    n_upd integer; n_same integer; n_quar integer;
BEGIN
    WITH touched AS (
        SELECT DISTINCT o.source_record_id FROM scribe.outcome_record o
         WHERE o.partner_id = pid AND o.import_batch_id = batch)
    UPDATE scribe.incident i SET outcome = l.outcome
      FROM scribe.latest_outcomes(pid) l JOIN touched t USING (source_record_id)
      JOIN scribe.incident_key k ON k.partner_id = pid AND k.source_record_id = l.source_record_id
     WHERE i.incident_id = k.incident_id AND i.occurred_from = k.occurred_from
       AND i.outcome IS DISTINCT FROM l.outcome;
    GET DIAGNOSTICS n_upd = ROW_COUNT;
    n_same := greatest(rows_matched - n_upd, 0);
    SELECT count(*) INTO n_quar FROM scribe.quarantine q WHERE q.import_batch_id = batch;
    UPDATE scribe.import_batch b
       SET rows_read = finish_outcomes.rows_read, rows_inserted = 0, rows_updated = n_upd,
           rows_unchanged = n_same, rows_quarantined = n_quar, finished_at = now()
     WHERE b.import_batch_id = batch;
    PERFORM scribe.audit('import_outcomes', jsonb_build_object(
        'batch', batch, 'rows_read', finish_outcomes.rows_read, 'updated', n_upd,
        'unchanged', n_same, 'quarantined', n_quar));
    RETURN QUERY SELECT 0, n_upd, n_same, n_quar;
END
$$;

RESET ROLE;
