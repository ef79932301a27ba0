-- 016 direct month COPY: rows for months that have no partition yet are COPYed by the client
-- straight into the batch's month tables (the ones finish_import attaches), instead of into the
-- staging table and then, row by row, into the month tables by INSERT ... SELECT.
--
-- Per chunk the client asks scribe.open_fresh_months(batch, its rows' dates): the store makes
-- the missing months (tables set aside, as in 009/015) and answers which of the chunk's months
-- are such new months, as [start, end) instants. The client COPYs those rows into
-- scribe.import_fresh_<batch> (the parent of the months set aside) and the others into the
-- staging table as before (stage_chunk). What the caller's COPY can set is bounded by the table:
--  * INSERT is granted on the data columns only: incident_id, partner_id and import_batch_id
--    come from defaults (the store's sequence, the batch's partner, the batch);
--  * incident's NOT NULLs and CHECKs are on the table (LIKE ... INCLUDING CONSTRAINTS), and the
--    geometry column takes only points in EPSG:27700;
--  * a statement trigger (import_fresh_rows) checks the rows' categories, adopts recorded
--    outcomes (012), writes their natural keys, and counts them. A key already in the store is
--    a record that moved month (its old row goes: an update) or an id this batch has written
--    already (refused: the file has it twice).
-- No row, key or table survives a failure: everything is in the import's one transaction.
--
-- stage_chunk (restated) shares the batch state and month making with open_fresh_months, lets
-- the trigger write the keys of the rows it sets aside, plans by index probes per staged row
-- (the hash join read every key of the partner per chunk, so it grew with the store), checks
-- duplicates only among rows whose key exists (a new key twice fails its unique index, and
-- that error is reported as the duplicate it is), and skips the insert into existing months
-- when a chunk has none.
--
-- Measured on a million police.uk rows (scripts/bench_import.py, 2 cores): see server_schema/
-- README.md.

SET LOCAL ROLE scribe_owner;

-- The months tables' incident_id default draws from incident's identity sequence while the
-- data manager's COPY runs, so they need USAGE on it (they can only advance it).
DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO scribe_data_manager',
                   pg_get_serial_sequence('scribe.incident', 'incident_id'));
END
$$;

-- Data columns of incident that a client fills, in the order the client COPYs them.
CREATE FUNCTION scribe.import_fresh_columns() RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT 'source_record_id, category_code, occurred_from, occurred_to, reported_at, geom, '
           'original_x, original_y, original_crs, location_precision_m, location_description, '
           'lsoa_code, ward_code, outcome, sensitivity, free_text, exact_address'
$$;

-- The batch's running state, made on its first chunk: the months set aside, the counts, and
-- the parent table of the months set aside (which the caller may COPY data columns into).
CREATE FUNCTION scribe.import_open_state(batch bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    aside text := 'import_fresh_' || batch;
BEGIN
    IF scribe.import_temp_table('scribe_import_tally') IS NOT NULL THEN
        RETURN;
    END IF;
    CREATE TEMP TABLE scribe_import_fresh (month date PRIMARY KEY) ON COMMIT DROP;
    CREATE TEMP TABLE scribe_import_tally (inserted bigint, updated bigint, unchanged bigint,
                                           first_month date, last_month date) ON COMMIT DROP;
    INSERT INTO scribe_import_tally VALUES (0, 0, 0, NULL, NULL);
    EXECUTE format('CREATE TABLE scribe.%I (LIKE scribe.incident INCLUDING DEFAULTS '
                   'INCLUDING CONSTRAINTS) PARTITION BY RANGE (occurred_from)', aside);
    EXECUTE format('ALTER TABLE scribe.%I ALTER incident_id SET DEFAULT nextval(%L), '
                   'ALTER partner_id SET DEFAULT %s, ALTER import_batch_id SET DEFAULT %s',
                   aside, pg_get_serial_sequence('scribe.incident', 'incident_id'), pid, batch);
    EXECUTE format('CREATE TRIGGER import_fresh_rows AFTER INSERT ON scribe.%I '
                   'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
                   'EXECUTE FUNCTION scribe.import_fresh_rows(%s)', aside, batch);
    EXECUTE format('GRANT INSERT (%s) ON scribe.%I TO %I', scribe.import_fresh_columns(),
                   aside, session_user);
    UPDATE scribe.import_batch b SET finished_at = NULL   -- arms import_batch_must_finish
     WHERE b.import_batch_id = batch;
END
$$;

-- Make a table set aside for each of these months that has no partition yet.
CREATE FUNCTION scribe.import_make_fresh(batch bigint, months date[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    aside text := 'import_fresh_' || batch;
    m date; part text;
BEGIN
    PERFORM scribe.own_open_batch(batch);
    FOR m IN SELECT DISTINCT d.month FROM unnest(months) AS d (month)
              WHERE d.month IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM scribe_import_fresh f WHERE f.month = d.month)
                AND to_regclass('scribe.incident_' || to_char(d.month, 'YYYY_MM')) IS NULL
              ORDER BY 1 LOOP
        part := 'incident_' || to_char(m, 'YYYY_MM');
        EXECUTE format('CREATE TABLE scribe.%I PARTITION OF scribe.%I FOR VALUES FROM (%L) '
                       'TO (%L)', part, aside, m, (m + interval '1 month')::date);
        -- the batch's defaults serve COPYs through the parent; the month keeps none of them
        EXECUTE format('ALTER TABLE scribe.%I ALTER incident_id DROP DEFAULT, '
                       'ALTER partner_id DROP DEFAULT, ALTER import_batch_id DROP DEFAULT',
                       part);
        INSERT INTO scribe_import_fresh VALUES (m);
    END LOOP;
END
$$;

-- Which of these instants' months are (now) months set aside by the batch, as [start, end).
CREATE FUNCTION scribe.open_fresh_months(batch bigint, stamps timestamptz[])
RETURNS TABLE (month_start timestamptz, month_end timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    months date[];
BEGIN
    PERFORM scribe.import_rows_table();
    PERFORM scribe.import_open_state(batch);
    months := ARRAY(SELECT DISTINCT date_trunc('month', t)::date FROM unnest(stamps) AS t);
    PERFORM scribe.import_make_fresh(batch, months);
    RETURN QUERY
    SELECT f.month::timestamptz, (f.month + interval '1 month')::date::timestamptz
      FROM scribe_import_fresh f WHERE f.month = ANY (months) ORDER BY 1;
END
$$;

-- The checks both write paths (the staging table, the months set aside) make per chunk, with
-- one wording: categories once per chunk instead of a per-row foreign key (008), and an id
-- the batch holds twice.
CREATE FUNCTION scribe.refuse_unknown_categories(codes text[]) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE bad text;
BEGIN
    SELECT string_agg(coalesce(c.code, 'NULL'), ', ' ORDER BY coalesce(c.code, 'NULL'))
      INTO bad FROM unnest(codes) AS c (code)
     WHERE NOT EXISTS (SELECT 1 FROM scribe.category k WHERE k.code = c.code);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'unknown SCRIBE categories in the batch: %', left(bad, 500)
            USING ERRCODE = 'foreign_key_violation';
    END IF;
END
$$;
CREATE FUNCTION scribe.refuse_duplicate_ids() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'the batch has duplicate source record ids; quarantine them first'
        USING ERRCODE = 'unique_violation';
END
$$;

-- After each statement that writes rows into the months set aside (a client's COPY, or
-- stage_chunk's insert): check, adopt outcomes, write the keys, count.
CREATE FUNCTION scribe.import_fresh_rows() RETURNS trigger
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
                       'AND a.source_record_id = r.source_record_id '
                       'AND a.occurred_from = r.occurred_from '
                       'AND a.outcome IS DISTINCT FROM l.outcome', TG_TABLE_NAME) USING pid;
    END IF;
    -- Keys in key order, so the key index fills page after page. A key the store has already
    -- fails the unique index: only then look at which rows those are.
    BEGIN
        INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from)
        SELECT pid, r.source_record_id, r.occurred_from FROM new_rows r
         ORDER BY r.source_record_id COLLATE "C";
    EXCEPTION WHEN unique_violation THEN
        -- an id twice among these rows, or one whose row this batch wrote (in incident, or
        -- set aside and so not found there) is in the file twice
        IF EXISTS (SELECT 1 FROM new_rows r GROUP BY r.source_record_id HAVING count(*) > 1)
           OR EXISTS (SELECT 1 FROM new_rows r
                        JOIN scribe.incident_key k
                          ON k.partner_id = pid AND k.source_record_id = r.source_record_id
                        LEFT JOIN scribe.incident i
                          ON i.partner_id = pid AND i.source_record_id = k.source_record_id
                         AND i.occurred_from = k.occurred_from
                       WHERE i.partner_id IS NULL OR i.import_batch_id = batch) THEN
            PERFORM scribe.refuse_duplicate_ids();
        END IF;
        -- the others are records that moved to a new month: their old row (and, by trigger,
        -- its key) goes, and they count as updated
        DELETE FROM scribe.incident i USING new_rows r, scribe.incident_key k
         WHERE k.partner_id = pid AND k.source_record_id = r.source_record_id
           AND i.partner_id = pid AND i.source_record_id = k.source_record_id
           AND i.occurred_from = k.occurred_from;
        GET DIAGNOSTICS n_moved = ROW_COUNT;
        INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from)
        SELECT pid, r.source_record_id, r.occurred_from FROM new_rows r
         ORDER BY r.source_record_id COLLATE "C";
    END;
    UPDATE scribe_import_tally t
       SET inserted = t.inserted + n - n_moved, updated = t.updated + n_moved,
           first_month = least(t.first_month, first_at::date),
           last_month = greatest(t.last_month, last_at::date);
    RETURN NULL;
END
$$;

-- As in 015, but sharing the batch state and month making with open_fresh_months; the rows it
-- sets aside get their keys and counts from import_fresh_rows.
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
     CROSS JOIN LATERAL (SELECT k.occurred_from FROM scribe.incident_key k
                          WHERE k.partner_id = pid AND k.source_record_id = s.source_record_id
                          LIMIT 1) k
      LEFT JOIN LATERAL (SELECT i.* FROM scribe.incident i
                          WHERE i.partner_id = pid AND i.source_record_id = s.source_record_id
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
         WHERE p.action = 'update' AND i.partner_id = pid
           AND i.source_record_id = p.source_record_id AND i.occurred_from = p.old_from;
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

REVOKE EXECUTE ON FUNCTION scribe.refuse_unknown_categories(text[]),
    scribe.refuse_duplicate_ids(), scribe.import_open_state(bigint),
    scribe.import_make_fresh(bigint, date[]), scribe.import_fresh_rows() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION scribe.open_fresh_months(bigint, timestamptz[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scribe.open_fresh_months(bigint, timestamptz[])
    TO scribe_data_manager;

RESET ROLE;
