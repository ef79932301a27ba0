-- 021 month tables copied directly: the client COPYs each new month's rows straight into that
-- month's table (named by open_fresh_months), not into the batch's partitioned parent.
--
-- PostgreSQL (15) COPYs into a partitioned table one row at a time when the table has a
-- statement trigger with a transition table (copyfrom.c: "we can't support multi-inserts when
-- there are any statement level insert triggers"), as import_fresh_<batch> has
-- (import_fresh_rows). Into a plain table with such a trigger, COPY still buffers and writes
-- rows in batches. Measured on a million police.uk rows in 24 months, 10 chunks, the trigger
-- writing keys (server only, paired SQL rounds): through the parent 3.5-3.8 s, month by month
-- 2.9-3.0 s.
--
-- So each month an import sets aside now carries, while the import runs:
--  * the batch's defaults (the store's id sequence, the batch's partner, the batch), which it
--    inherits from the parent (017 dropped them at once);
--  * the same statement trigger as the parent (import_fresh_rows: keys, outcomes, counts).
--    A COPY into the month fires the month's trigger alone; rows routed through the parent
--    (stage_chunk's insert, or a client that COPYs into the parent) fire the parent's alone;
--  * INSERT on the data columns for the batch's user, as on the parent.
-- finish_import takes all three away before it attaches the month to incident, so an attached
-- month is what it was before: no trigger, no default, no grant.

SET LOCAL ROLE scribe_owner;

CREATE OR REPLACE FUNCTION scribe.import_make_fresh(batch bigint, months date[]) RETURNS void
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
        -- the month's bounds as a CHECK from the start (017): it spares ATTACH a scan
        EXECUTE format('CREATE TABLE scribe.%I PARTITION OF scribe.%I (CONSTRAINT %I CHECK '
                       '(occurred_from >= %L AND occurred_from < %L)) FOR VALUES FROM (%L) '
                       'TO (%L)', part, aside, part || '_bounds', m::timestamptz,
                       (m + interval '1 month')::date::timestamptz, m,
                       (m + interval '1 month')::date);
        -- the two indexes kept row by row while the client reads (017)
        EXECUTE format('CREATE INDEX ON scribe.%I (partner_id, category_code, occurred_from)',
                       part);
        EXECUTE format('CREATE INDEX ON scribe.%I USING brin (occurred_from)', part);
        -- the batch's COPY target for the month: its trigger and the data columns' grant
        EXECUTE format('CREATE TRIGGER import_fresh_rows AFTER INSERT ON scribe.%I '
                       'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION scribe.import_fresh_rows(%s)', part, batch);
        EXECUTE format('GRANT INSERT (%s) ON scribe.%I TO %I', scribe.import_fresh_columns(),
                       part, session_user);
        INSERT INTO scribe_import_fresh VALUES (m);
    END LOOP;
END
$$;

-- As in 016, and each month's table, for the client's COPY.
DROP FUNCTION scribe.open_fresh_months(bigint, timestamptz[]);
CREATE FUNCTION scribe.open_fresh_months(batch bigint, stamps timestamptz[])
RETURNS TABLE (month_start timestamptz, month_end timestamptz, month_table text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    months date[];
BEGIN
    PERFORM scribe.import_rows_table();
    PERFORM scribe.import_open_state(batch);
    months := ARRAY(SELECT DISTINCT date_trunc('month', t)::date FROM unnest(stamps) AS t);
    PERFORM scribe.import_make_fresh(batch, months);
    RETURN QUERY
    SELECT f.month::timestamptz, (f.month + interval '1 month')::date::timestamptz,
           'incident_' || to_char(f.month, 'YYYY_MM')
      FROM scribe_import_fresh f WHERE f.month = ANY (months) ORDER BY 1;
END
$$;
REVOKE EXECUTE ON FUNCTION scribe.open_fresh_months(bigint, timestamptz[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scribe.open_fresh_months(bigint, timestamptz[])
    TO scribe_data_manager;

-- finish_import (019), and before each month is attached: its trigger, grant and defaults go.
CREATE OR REPLACE FUNCTION scribe.finish_import(batch bigint, rows_read integer)
RETURNS TABLE (inserted integer, updated integer, unchanged integer, quarantined integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET work_mem = '256MB' SET maintenance_work_mem = '512MB' SET jit = off AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    aside text := 'import_fresh_' || batch;
    keys text;
    n_ins bigint := 0; n_upd bigint := 0; n_same bigint := 0; n_quar integer;
    first_month date; last_month date; m date; part text;
BEGIN
    PERFORM scribe.import_rows_table();
    PERFORM scribe.stage_chunk(batch);
    keys := scribe.first_load_keys(batch);
    IF keys IS NOT NULL THEN
        BEGIN
            EXECUTE format('CREATE UNIQUE INDEX %I ON scribe.%I (source_record_id)',
                           scribe.key_index_name(pid), keys);
        EXCEPTION WHEN unique_violation THEN
            PERFORM scribe.refuse_duplicate_ids();
        END;
        EXECUTE format('ALTER TABLE scribe.incident_key ATTACH PARTITION scribe.%I '
                       'FOR VALUES IN (%s)', keys, pid);
        EXECUTE format('ALTER TABLE scribe.%I DROP CONSTRAINT %I', keys, keys || '_partner');
        EXECUTE format('ALTER TABLE scribe.%I RENAME TO %I', keys,
                       scribe.key_partition_name(pid));
    END IF;
    IF scribe.import_temp_table('scribe_import_tally') IS NOT NULL THEN
        SELECT t.inserted, t.updated, t.unchanged, t.first_month, t.last_month
          INTO n_ins, n_upd, n_same, first_month, last_month FROM scribe_import_tally t;
        PERFORM scribe.refuse_unknown_categories(scribe.fresh_categories(batch, pid));
        SELECT least(first_month, min(f.month)), greatest(last_month, max(f.month))
          INTO first_month, last_month FROM scribe_import_fresh f;
        FOR m IN SELECT f.month FROM scribe_import_fresh f ORDER BY 1 LOOP
            part := 'incident_' || to_char(m, 'YYYY_MM');
            -- what served the batch's COPY goes first: an attached month takes rows only
            -- through incident (its triggers, its row-level security)
            EXECUTE format('REVOKE ALL ON scribe.%I FROM %I', part, session_user);
            EXECUTE format('DROP TRIGGER import_fresh_rows ON scribe.%I', part);
            EXECUTE format('ALTER TABLE scribe.%I DETACH PARTITION scribe.%I', aside, part);
            EXECUTE format('ALTER TABLE scribe.%I ALTER incident_id DROP DEFAULT, '
                           'ALTER partner_id DROP DEFAULT, ALTER import_batch_id DROP DEFAULT',
                           part);
            -- its bounds CHECK (made with it) spares ATTACH a scan; ATTACH builds the
            -- month's other indexes in bulk
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

RESET ROLE;
