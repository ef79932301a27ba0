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
-- import_fresh_rows (restated from 016) writes the chunk's keys with one INSERT, retried once
-- after the slow path has removed the rows of records that moved month.
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
                       'AND a.source_record_id = r.source_record_id '
                       'AND a.occurred_from = r.occurred_from '
                       'AND a.outcome IS DISTINCT FROM l.outcome', TG_TABLE_NAME) USING pid;
    END IF;
    -- Keys in key order, so the key index fills page after page. A key the store has already
    -- fails the unique index: only then look at which rows those are, and write the keys
    -- again once the rows they belonged to are gone.
    FOR attempt IN 1..2 LOOP
        BEGIN
            INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from)
            SELECT pid, r.source_record_id, r.occurred_from FROM new_rows r
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
                              ON i.partner_id = pid AND i.source_record_id = k.source_record_id
                             AND i.occurred_from = k.occurred_from
                           WHERE i.partner_id IS NULL OR i.import_batch_id = batch) THEN
                PERFORM scribe.refuse_duplicate_ids();
            END IF;
            -- the others are records that moved to a new month: their old row (and, by
            -- trigger, its key) goes, and they count as updated
            DELETE FROM scribe.incident i USING new_rows r, scribe.incident_key k
             WHERE k.partner_id = pid AND k.source_record_id = r.source_record_id
               AND i.partner_id = pid AND i.source_record_id = k.source_record_id
               AND i.occurred_from = k.occurred_from;
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

RESET ROLE;
