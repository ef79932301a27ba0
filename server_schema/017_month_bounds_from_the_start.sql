-- 017 month bounds from the start: each month table an import sets aside (import_make_fresh)
-- is made with its bounds as a CHECK, while it is empty, so the check costs nothing to add,
-- every row is checked as it arrives, and finish_import's ATTACH needs no scan. Before (009,
-- 015), finish_import added the CHECK after the rows were in, and that scanned every new
-- month once more (0.23 s of the tail on a million police.uk rows).
--
-- The month is also made with incident's partner/category and BRIN indexes: kept row by row
-- they cost about what building them costs (1.3 s and 0.23 s per million rows, against 1.05 s
-- and 0.2 s), but the server does it while the client is still reading, and ATTACH adopts
-- them. The primary key and GiST cost twice as much row by row, so ATTACH still builds
-- those. finish_import: 3.6 s -> 2.3 s per million rows.
--
-- incident's id sequence hands each session 1,000 ids at a time: a COPY draws one per row,
-- and a sequence without a cache locks and logs itself on every draw (0.2 s of a million-row
-- COPY). Ids stay unique; they were never gap-free (rolled-back imports leave gaps too).

SET LOCAL ROLE scribe_owner;

DO $$
BEGIN
    EXECUTE format('ALTER SEQUENCE %s CACHE 1000',
                   pg_get_serial_sequence('scribe.incident', 'incident_id'));
END
$$;

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
        -- the month's bounds as a CHECK from the start: free to validate on an empty table,
        -- checked per row as rows arrive, and it spares ATTACH (finish_import) a full scan
        EXECUTE format('CREATE TABLE scribe.%I PARTITION OF scribe.%I (CONSTRAINT %I CHECK '
                       '(occurred_from >= %L AND occurred_from < %L)) FOR VALUES FROM (%L) '
                       'TO (%L)', part, aside, part || '_bounds', m::timestamptz,
                       (m + interval '1 month')::date::timestamptz, m,
                       (m + interval '1 month')::date);
        -- incident's two indexes that cost about the same kept row by row as built at the
        -- end (partner/category, BRIN on time), from the start: the server keeps them while
        -- the client is still reading, and ATTACH adopts them instead of building them. The
        -- primary key and GiST cost twice as much row by row, so ATTACH builds those.
        EXECUTE format('CREATE INDEX ON scribe.%I (partner_id, category_code, occurred_from)',
                       part);
        EXECUTE format('CREATE INDEX ON scribe.%I USING brin (occurred_from)', part);
        -- the batch's defaults serve COPYs through the parent; the month keeps none of them
        EXECUTE format('ALTER TABLE scribe.%I ALTER incident_id DROP DEFAULT, '
                       'ALTER partner_id DROP DEFAULT, ALTER import_batch_id DROP DEFAULT',
                       part);
        INSERT INTO scribe_import_fresh VALUES (m);
    END LOOP;
END
$$;

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
            -- its bounds CHECK (made with it) spares ATTACH a scan; ATTACH builds the
            -- month's indexes in bulk
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
