-- 015 pipelined import: the store works on an import chunk by chunk, while the client reads
-- and validates the next chunk, instead of all at once at the end.
--
-- After each COPY into the batch's staging table the client calls scribe.stage_chunk(batch):
-- it checks those rows, plans them against the store (insert, update or unchanged), writes
-- them (rows for months without a partition into tables set aside, with their natural keys),
-- counts them and empties the staging table. finish_import stages whatever is still waiting
-- (so a client that never calls stage_chunk gets the same result), attaches the months set
-- aside (their indexes built in bulk, as in 009), fills month gaps, and writes the counts and
-- the audit entry. Measured on a million police.uk rows (scripts/bench_import.py, 2 cores): the
-- client's reading hides behind the server's work; 29.4 s -> 17.4 s on a quiet machine, and
-- 34.7 s -> 27.4-28.1 s side by side with the previous version on a slower spell.
--
-- Still one transaction: a failure or cancel anywhere leaves no row, key or table behind. A
-- batch that has written rows must be finished before its transaction commits (a deferred
-- check on import_batch), so no client can commit incidents without their counts and audit.

SET LOCAL ROLE scribe_owner;

-- Natural keys compare byte by byte: ids are opaque, equality is the same in any
-- deterministic collation, and "C" spares the database locale's strcoll in every sort and
-- key-index comparison (a million keys: sorted in 0.6 s instead of 1.5 s). Rebuilds the key
-- index once.
ALTER TABLE scribe.incident_key ALTER COLUMN source_record_id TYPE text COLLATE "C";

-- A temp table the store made in this session for the open batch, or NULL when there is none
-- yet; refuses a look-alike of the caller's (as import_rows_table does for the staging table).
CREATE FUNCTION scribe.import_temp_table(name text) RETURNS regclass
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE t regclass := to_regclass('pg_temp.' || quote_ident(name));
BEGIN
    IF t IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM pg_class c
             WHERE c.oid = t AND c.relkind = 'r' AND c.relowner = 'scribe_owner'::regrole
               AND NOT c.relrowsecurity AND NOT c.relhasrules AND NOT c.relhastriggers) THEN
        RAISE EXCEPTION 'pg_temp.% is not the store''s: roll back and import again', name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN t;
END
$$;

-- Checked at commit for every batch updated in the transaction (stage_chunk arms it).
CREATE FUNCTION scribe.import_batch_must_finish() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM scribe.import_batch b
                WHERE b.import_batch_id = NEW.import_batch_id AND b.finished_at IS NULL) THEN
        RAISE EXCEPTION 'import batch % staged rows but was not finished: call '
                        'scribe.finish_import before committing (nothing of it is kept)',
                        NEW.import_batch_id USING ERRCODE = 'invalid_transaction_state';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER import_batch_must_finish AFTER UPDATE ON scribe.import_batch
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION scribe.import_batch_must_finish();

-- Check, plan and write the rows now in the staging table; returns how many there were.
CREATE FUNCTION scribe.stage_chunk(batch bigint) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET work_mem = '256MB' SET jit = off AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    aside text := 'import_fresh_' || batch;   -- parent of the batch's new months, until attached
    id_seq text := pg_get_serial_sequence('scribe.incident', 'incident_id');
    n_staged integer; n_written integer; n_aside integer; n_upd integer; n_same integer;
    chunk_first date; chunk_last date; months date[]; bad text; m date; twice boolean;
BEGIN
    PERFORM scribe.import_rows_table();
    SELECT count(*), min(s.occurred_from)::date, max(s.occurred_from)::date,
           array_agg(DISTINCT date_trunc('month', s.occurred_from)::date)
      INTO n_staged, chunk_first, chunk_last, months FROM pg_temp.scribe_import_rows s;
    IF n_staged = 0 THEN
        RETURN 0;
    END IF;
    -- the per-row foreign keys and NOT NULLs of incident, checked once per chunk
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
    -- a crime's dated outcome (from an outcome file) wins over the street file's undated
    -- "last outcome", so re-importing the street file changes nothing (012)
    PERFORM scribe.adopt_recorded_outcomes(batch);

    IF scribe.import_temp_table('scribe_import_tally') IS NULL THEN
        -- the batch's running state: the months set aside, and the counts
        CREATE TEMP TABLE scribe_import_fresh (month date PRIMARY KEY) ON COMMIT DROP;
        CREATE TEMP TABLE scribe_import_tally (inserted bigint, updated bigint, unchanged bigint,
                                               first_month date, last_month date) ON COMMIT DROP;
        INSERT INTO scribe_import_tally VALUES (0, 0, 0, NULL, NULL);
        EXECUTE format('CREATE TABLE scribe.%I (LIKE scribe.incident INCLUDING DEFAULTS '
                       'INCLUDING CONSTRAINTS) PARTITION BY RANGE (occurred_from)', aside);
        UPDATE scribe.import_batch b SET finished_at = NULL   -- arms import_batch_must_finish
         WHERE b.import_batch_id = batch;
    END IF;

    -- The rows whose natural key the store already has: unchanged, changed (updated), or a
    -- key this batch wrote itself (the id is in the file twice). Every other row is new.
    DROP TABLE IF EXISTS pg_temp.scribe_import_plan;
    CREATE TEMP TABLE scribe_import_plan ON COMMIT DROP AS
    SELECT s.source_record_id, k.occurred_from AS old_from,
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
      JOIN scribe.incident_key k
        ON k.partner_id = pid AND k.source_record_id = s.source_record_id
      LEFT JOIN scribe.incident i
             ON i.partner_id = pid AND i.source_record_id = s.source_record_id
            AND i.occurred_from = k.occurred_from;
    SELECT count(*) FILTER (WHERE p.action = 'same'), coalesce(bool_or(p.seen_in_batch), false)
      INTO n_same, twice FROM scribe_import_plan p;
    IF twice OR EXISTS (SELECT 1 FROM pg_temp.scribe_import_rows s
                         GROUP BY s.source_record_id HAVING count(*) > 1) THEN
        RAISE EXCEPTION 'the batch has duplicate source record ids; quarantine them first';
    END IF;

    -- a changed record's old row (and, by trigger, its key) goes before its new row is written
    DELETE FROM scribe.incident i USING scribe_import_plan p
     WHERE p.action = 'update' AND i.partner_id = pid
       AND i.source_record_id = p.source_record_id AND i.occurred_from = p.old_from;
    GET DIAGNOSTICS n_upd = ROW_COUNT;

    -- Months with no partition yet are built aside and attached by finish_import, so their
    -- indexes are built in bulk (see 009). No row there can be unchanged: all are written.
    FOR m IN SELECT d.month FROM unnest(months) AS d (month)
              WHERE NOT EXISTS (SELECT 1 FROM scribe_import_fresh f WHERE f.month = d.month)
                AND to_regclass('scribe.incident_' || to_char(d.month, 'YYYY_MM')) IS NULL
              ORDER BY 1 LOOP
        EXECUTE format('CREATE TABLE scribe.%I PARTITION OF scribe.%I FOR VALUES FROM (%L) '
                       'TO (%L)', 'incident_' || to_char(m, 'YYYY_MM'), aside, m,
                       (m + interval '1 month')::date);
        INSERT INTO scribe_import_fresh VALUES (m);
    END LOOP;
    -- Tables not yet attached fire no key trigger: the keys of the rows written there are
    -- written by the same statement, in key order so the key index fills page after page.
    EXECUTE format(
        'WITH aside_rows AS (INSERT INTO scribe.%I (incident_id, partner_id, source_record_id, '
        'category_code, occurred_from, occurred_to, reported_at, geom, original_x, original_y, '
        'original_crs, location_precision_m, location_description, lsoa_code, ward_code, '
        'outcome, sensitivity, import_batch_id, free_text, exact_address) '
        'SELECT nextval(%L), $1, s.source_record_id, s.category_code, s.occurred_from, '
        's.occurred_to, s.reported_at, CASE WHEN s.x IS NULL THEN NULL ELSE '
        'public.ST_SetSRID(public.ST_MakePoint(s.x, s.y), 27700) END, s.original_x, '
        's.original_y, s.original_crs, s.location_precision_m, s.location_description, '
        's.lsoa_code, s.ward_code, s.outcome, s.sensitivity, $2, s.free_text, s.exact_address '
        'FROM pg_temp.scribe_import_rows s WHERE date_trunc(''month'', s.occurred_from)::date '
        'IN (SELECT f.month FROM scribe_import_fresh f) '
        'RETURNING source_record_id, occurred_from) '
        'INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from) '
        'SELECT $1, a.source_record_id, a.occurred_from FROM aside_rows a '
        'ORDER BY a.source_record_id COLLATE "C"', aside, id_seq)
        USING pid, batch;
    GET DIAGNOSTICS n_aside = ROW_COUNT;  -- one key per row set aside
    INSERT INTO scribe.incident (partner_id, source_record_id, category_code, occurred_from,
        occurred_to, reported_at, geom, original_x, original_y, original_crs,
        location_precision_m, location_description, lsoa_code, ward_code, outcome, sensitivity,
        import_batch_id, free_text, exact_address)
    SELECT pid, s.source_record_id, s.category_code, s.occurred_from, s.occurred_to,
           s.reported_at,
           CASE WHEN s.x IS NULL THEN NULL  -- PostGIS lives in public, outside search_path
                ELSE public.ST_SetSRID(public.ST_MakePoint(s.x, s.y), 27700) END,
           s.original_x, s.original_y, s.original_crs, s.location_precision_m,
           s.location_description, s.lsoa_code, s.ward_code, s.outcome, s.sensitivity, batch,
           s.free_text, s.exact_address
      FROM pg_temp.scribe_import_rows s
     WHERE NOT EXISTS (SELECT 1 FROM scribe_import_fresh f
                        WHERE f.month = date_trunc('month', s.occurred_from)::date)
       AND NOT EXISTS (SELECT 1 FROM scribe_import_plan p
                        WHERE p.source_record_id = s.source_record_id AND p.action = 'same');
    GET DIAGNOSTICS n_written = ROW_COUNT;
    TRUNCATE pg_temp.scribe_import_rows;

    UPDATE scribe_import_tally t
       SET inserted = t.inserted + n_aside + n_written - n_upd, updated = t.updated + n_upd,
           unchanged = t.unchanged + n_same,
           first_month = least(t.first_month, chunk_first),
           last_month = greatest(t.last_month, chunk_last);
    DROP TABLE scribe_import_plan;
    RETURN n_staged;
END
$$;

-- Stage what is still waiting, attach the months set aside, fill month gaps, count, audit.
CREATE OR REPLACE FUNCTION scribe.finish_import(batch bigint, rows_read integer)
RETURNS TABLE (inserted integer, updated integer, unchanged integer, quarantined integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET work_mem = '256MB' SET jit = off AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    aside text := 'import_fresh_' || batch;
    n_ins bigint := 0; n_upd bigint := 0; n_same bigint := 0; n_quar integer;
    first_month date; last_month date; m date; part text;
BEGIN
    PERFORM scribe.import_rows_table();
    PERFORM scribe.stage_chunk(batch);
    IF scribe.import_temp_table('scribe_import_tally') IS NOT NULL THEN
        SELECT t.inserted, t.updated, t.unchanged, t.first_month, t.last_month
          INTO n_ins, n_upd, n_same, first_month, last_month FROM scribe_import_tally t;
        FOR m IN SELECT f.month FROM scribe_import_fresh f ORDER BY 1 LOOP
            part := 'incident_' || to_char(m, 'YYYY_MM');
            EXECUTE format('ALTER TABLE scribe.%I DETACH PARTITION scribe.%I', aside, part);
            -- a CHECK matching the bounds spares ATTACH a scan of the new table; ATTACH
            -- builds the month's indexes in bulk
            EXECUTE format('ALTER TABLE scribe.%I ADD CONSTRAINT %I CHECK (occurred_from >= '
                           '%L AND occurred_from < %L)', part, part || '_bounds', m::timestamptz,
                           (m + interval '1 month')::date::timestamptz);
            EXECUTE format('ALTER TABLE scribe.incident ATTACH PARTITION scribe.%I FOR VALUES '
                           'FROM (%L) TO (%L)', part, m, (m + interval '1 month')::date);
            EXECUTE format('ALTER TABLE scribe.%I DROP CONSTRAINT %I', part,
                           part || '_bounds');
        END LOOP;
        EXECUTE format('DROP TABLE scribe.%I', aside);
        DROP TABLE scribe_import_fresh, scribe_import_tally;
        IF first_month IS NOT NULL THEN
            PERFORM scribe.ensure_month_partitions(first_month, last_month);
        END IF;
    END IF;
    SELECT count(*) INTO n_quar FROM scribe.quarantine q WHERE q.import_batch_id = batch;
    UPDATE scribe.import_batch b
       SET rows_read = finish_import.rows_read, rows_inserted = n_ins, rows_updated = n_upd,
           rows_unchanged = n_same, rows_quarantined = n_quar, finished_at = now()
     WHERE b.import_batch_id = batch;
    PERFORM scribe.audit('import', jsonb_build_object(
        'batch', batch, 'rows_read', finish_import.rows_read, 'inserted', n_ins,
        'updated', n_upd, 'unchanged', n_same, 'quarantined', n_quar));
    RETURN QUERY SELECT n_ins::integer, n_upd::integer, n_same::integer, n_quar;
END
$$;

REVOKE EXECUTE ON FUNCTION scribe.import_temp_table(text), scribe.import_batch_must_finish(),
    scribe.stage_chunk(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scribe.stage_chunk(bigint) TO scribe_data_manager;

RESET ROLE;
