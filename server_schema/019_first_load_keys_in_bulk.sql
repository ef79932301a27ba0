-- 019 first loads build their keys in bulk: incident_key is LIST-partitioned by partner, and
-- a partner's first import writes its keys into a table of its own without an index, whose
-- unique index finish_import builds in one pass (a sort, in parallel when the table is big)
-- before attaching the table as the partner's partition.
--
-- Kept row by row, the unique index of incident_key cost a million-row first load 1.8 CPU-s
-- on the server (about 3.2 s for the keys in all, sorted), on the one backend that bounds
-- the import's wall time while the client is still reading. The heap alone costs 0.65 s and
-- the index built afterwards 1.2 s, at the end, when the client is idle and the build can
-- have workers. Each partition holds one partner, so its unique index is on the record id
-- alone: (partner_id, source_record_id) guarantees nothing more there, and with the constant
-- partner first a sort cannot compare by abbreviated keys (a million keys: 0.42 s against
-- 1.05 s to build, in parallel). A first load is the big import a partner makes (years of history); later
-- monthly files and re-imports take the path they took before, into the partner's attached
-- partition.
--
-- * Every partner with keys gets its partition here; a partner without one gets it from its
--   first import (bulk, as above) or, for rows written otherwise, from the key trigger on
--   incident (ensure_key_partition, an ordinary attached partition).
-- * The batch's key table is scribe.incident_key_fresh_<batch>, with a CHECK on the partner
--   (ATTACH then needs no scan). Within the import's transaction the keys it holds are not
--   seen through incident_key: a first load has no earlier keys to find, and an id written
--   twice (a hostile client: the engine quarantines duplicates in a file) fails the unique
--   index's build, which is reported as the duplicate it is. The key triggers on incident write
--   (and delete) a first-loading batch's keys in its key table.
-- * Two first imports of one partner at once: the second waits (an advisory lock per partner,
--   taken only while the partner has no partition) and then imports onto the first's keys.
-- * The trigger on the months set aside makes one pass over each statement's rows (it writes
--   their keys); finish_import checks the categories of the rows set aside once, by a skip
--   scan of their months' partner/category index, and takes their months as the batch's. So
--   a hostile client's unknown category there is refused when the batch finishes, not by its
--   COPY: the same refusal, and nothing is kept either way.

SET LOCAL ROLE scribe_owner;

-- incident_key, partitioned by partner: same columns; one partner's record ids unique in each part.
ALTER TABLE scribe.incident_key RENAME TO incident_key_before_019;
ALTER TABLE scribe.incident_key_before_019
    RENAME CONSTRAINT incident_key_pkey TO incident_key_before_019_pkey;
CREATE TABLE scribe.incident_key (
    partner_id       smallint NOT NULL,
    source_record_id text COLLATE "C" NOT NULL,
    occurred_from    timestamptz NOT NULL,
    incident_id      bigint NOT NULL
) PARTITION BY LIST (partner_id);
-- No unique index on the parent (it would have to lead with partner_id): every partition has
-- UNIQUE (source_record_id), made with it (ensure_key_partition) or built by a first load
-- (finish_import). key_index_name names it.
ALTER TABLE scribe.incident_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE scribe.incident_key FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON scribe.incident_key TO scribe_owner USING (true) WITH CHECK (true);

CREATE FUNCTION scribe.key_partition_name(pid smallint) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT 'incident_key_p' || pid
$$;
CREATE FUNCTION scribe.key_index_name(pid smallint) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT scribe.key_partition_name(pid) || '_record'
$$;

-- Whether the partner has its partition of incident_key, read from pg_class under the
-- statement's snapshot. Not through to_regclass: a backend that waited on the partner's
-- advisory lock (below) has not taken in the catalog changes of the import it waited for
-- (only relation locks make a backend read them), so its cache would still say "no table".
CREATE FUNCTION scribe.has_key_partition(pid smallint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM pg_class c
                    WHERE c.relname = scribe.key_partition_name(pid)
                      AND c.relnamespace = 'scribe'::regnamespace)
$$;

-- A key table is read and written only by the store (no grants), through incident_key or,
-- for a first load, directly: row-level security as on incident_key.
CREATE FUNCTION scribe.secure_key_table(name text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    EXECUTE format('ALTER TABLE scribe.%I ENABLE ROW LEVEL SECURITY', name);
    EXECUTE format('ALTER TABLE scribe.%I FORCE ROW LEVEL SECURITY', name);
    EXECUTE format('CREATE POLICY owner_all ON scribe.%I TO scribe_owner USING (true) '
                   'WITH CHECK (true)', name);
END
$$;

-- The partner's partition of incident_key, made (attached, indexed) if it has none yet.
CREATE FUNCTION scribe.ensure_key_partition(pid smallint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE part text := scribe.key_partition_name(pid);
BEGIN
    IF scribe.has_key_partition(pid) THEN
        RETURN;
    END IF;
    -- wait for a first import of the partner's that is making it
    PERFORM pg_advisory_xact_lock(hashtext('scribe.incident_key'), pid);
    IF scribe.has_key_partition(pid) THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TABLE scribe.%I PARTITION OF scribe.incident_key FOR VALUES IN (%s)',
                   part, pid);
    EXECUTE format('CREATE UNIQUE INDEX %I ON scribe.%I (source_record_id)',
                   scribe.key_index_name(pid), part);
    PERFORM scribe.secure_key_table(part);
END
$$;

DO $$
DECLARE pid smallint;
BEGIN
    FOR pid IN SELECT DISTINCT k.partner_id FROM scribe.incident_key_before_019 k ORDER BY 1 LOOP
        PERFORM scribe.ensure_key_partition(pid);
    END LOOP;
END
$$;
INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from, incident_id)
SELECT k.partner_id, k.source_record_id, k.occurred_from, k.incident_id
  FROM scribe.incident_key_before_019 k ORDER BY k.partner_id, k.source_record_id;
DROP TABLE scribe.incident_key_before_019;

-- The key table of a batch that is its partner's first load, or NULL.
CREATE FUNCTION scribe.first_load_keys(batch bigint) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN to_regclass('scribe.incident_key_fresh_' || batch) IS NOT NULL
                THEN 'incident_key_fresh_' || batch END
$$;

-- The key triggers on incident (003, 018): a first-loading batch's keys go to its key table,
-- every other key to the partner's partition (made if missing).
CREATE OR REPLACE FUNCTION scribe.incident_key_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE g record; aside text;
BEGIN
    FOR g IN SELECT DISTINCT n.partner_id, n.import_batch_id FROM new_rows n LOOP
        aside := scribe.first_load_keys(g.import_batch_id);
        IF aside IS NULL THEN
            PERFORM scribe.ensure_key_partition(g.partner_id);
            INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from,
                                             incident_id)
            SELECT n.partner_id, n.source_record_id, n.occurred_from, n.incident_id
              FROM new_rows n
             WHERE n.partner_id = g.partner_id
               AND n.import_batch_id IS NOT DISTINCT FROM g.import_batch_id;
        ELSE
            EXECUTE format('INSERT INTO scribe.%I (partner_id, source_record_id, '
                           'occurred_from, incident_id) SELECT n.partner_id, '
                           'n.source_record_id, n.occurred_from, n.incident_id FROM new_rows n '
                           'WHERE n.partner_id = $1 AND n.import_batch_id = $2', aside)
                USING g.partner_id, g.import_batch_id;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION scribe.incident_key_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE b bigint; aside text;
BEGIN
    DELETE FROM scribe.incident_key k USING old_rows o
     WHERE k.partner_id = o.partner_id AND k.source_record_id = o.source_record_id;
    FOR b IN SELECT DISTINCT o.import_batch_id FROM old_rows o
              WHERE o.import_batch_id IS NOT NULL LOOP
        aside := scribe.first_load_keys(b);
        IF aside IS NOT NULL THEN
            EXECUTE format('DELETE FROM scribe.%I k USING old_rows o '
                           'WHERE o.import_batch_id = $1 AND k.partner_id = o.partner_id '
                           'AND k.source_record_id = o.source_record_id', aside) USING b;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
-- An update is its old rows' keys deleted, then its new rows' keys written: the two functions
-- above, as two UPDATE triggers, fired in the order of their names (PostgreSQL fires a
-- statement's triggers of one event by name), instead of a third function restating both.
DROP TRIGGER incident_key_update ON scribe.incident;
DROP FUNCTION scribe.incident_key_update();
CREATE TRIGGER incident_key_update_1_old AFTER UPDATE ON scribe.incident
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION scribe.incident_key_delete();
CREATE TRIGGER incident_key_update_2_new AFTER UPDATE ON scribe.incident
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION scribe.incident_key_insert();

-- The batch's running state (016), and now, when the partner has no partition of
-- incident_key yet, the batch's key table.
CREATE OR REPLACE FUNCTION scribe.import_open_state(batch bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    aside text := 'import_fresh_' || batch;
    keys text := 'incident_key_fresh_' || batch;
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
    -- A partner without keys makes its first load: keys into a table of the batch's, indexed
    -- and attached by finish_import. The lock (held to commit) makes a second first import
    -- of the partner's, or ensure_key_partition, wait for this one.
    IF NOT scribe.has_key_partition(pid) THEN
        PERFORM pg_advisory_xact_lock(hashtext('scribe.incident_key'), pid);
        IF NOT scribe.has_key_partition(pid) THEN
            EXECUTE format('CREATE TABLE scribe.%I (LIKE scribe.incident_key, CONSTRAINT %I '
                           'CHECK (partner_id = %s))', keys, keys || '_partner', pid);
            PERFORM scribe.secure_key_table(keys);
        END IF;
    END IF;
END
$$;

-- The trigger on the months set aside (016, 018), now one pass over the rows: it writes their
-- keys (a first load's into its key table, with no index to keep, so in no order and with no
-- key to collide with) and counts them by that INSERT. Their categories are checked once, by
-- finish_import, and their months are the months set aside: the passes for those (a count
-- with the rows' first and last instants, and their distinct categories) cost 0.4-0.8 s per
-- million rows on the backend that bounds the import.
CREATE OR REPLACE FUNCTION scribe.import_fresh_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET work_mem = '256MB' SET jit = off AS $$
DECLARE
    batch bigint := TG_ARGV[0]::bigint;
    pid smallint := scribe.own_open_batch(batch);
    keys text := scribe.first_load_keys(batch);
    n bigint; n_moved bigint := 0;
BEGIN
    IF scribe.import_temp_table('scribe_import_tally') IS NULL THEN
        RAISE EXCEPTION 'no open import in this transaction: call scribe.begin_import first';
    END IF;
    -- a crime's dated outcome (from an outcome file) wins over the street file's (012)
    IF EXISTS (SELECT 1 FROM scribe.outcome_record o WHERE o.partner_id = pid) THEN
        EXECUTE format('UPDATE scribe.%I a SET outcome = l.outcome '
                       'FROM scribe.latest_outcomes($1) l, new_rows r '
                       'WHERE l.source_record_id = r.source_record_id '
                       'AND a.incident_id = r.incident_id AND a.occurred_from = r.occurred_from '
                       'AND a.outcome IS DISTINCT FROM l.outcome', TG_TABLE_NAME) USING pid;
    END IF;
    IF keys IS NOT NULL THEN
        EXECUTE format('INSERT INTO scribe.%I (partner_id, source_record_id, occurred_from, '
                       'incident_id) SELECT $1, r.source_record_id, r.occurred_from, '
                       'r.incident_id FROM new_rows r', keys) USING pid;
        GET DIAGNOSTICS n = ROW_COUNT;
    ELSE
        -- Keys in key order, so the key index fills page after page. A key the store has
        -- already fails the unique index: only then look at which rows those are, and write
        -- the keys again once the rows they belonged to are gone.
        FOR attempt IN 1..2 LOOP
            BEGIN
                INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from,
                                                 incident_id)
                SELECT pid, r.source_record_id, r.occurred_from, r.incident_id FROM new_rows r
                 ORDER BY r.source_record_id COLLATE "C";
                GET DIAGNOSTICS n = ROW_COUNT;
                EXIT;
            EXCEPTION WHEN unique_violation THEN
                IF attempt = 2 THEN  -- not this batch's doing (another import of the partner's)
                    RAISE;
                END IF;
                -- an id twice among these rows, or one whose row this batch wrote (in
                -- incident, or set aside and so not found there), is in the file twice
                IF EXISTS (SELECT 1 FROM new_rows r GROUP BY r.source_record_id
                            HAVING count(*) > 1)
                   OR EXISTS (SELECT 1 FROM new_rows r
                                JOIN scribe.incident_key k
                                  ON k.partner_id = pid
                                 AND k.source_record_id = r.source_record_id
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
    END IF;
    UPDATE scribe_import_tally t
       SET inserted = t.inserted + n - n_moved, updated = t.updated + n_moved;
    RETURN NULL;
END
$$;

-- The distinct categories of the rows in a batch's months set aside, found by skipping along
-- the partner/category index each of those months carries (017): a few index probes per
-- category, where a pass over the rows would read every one of them. (Rows set aside are
-- all the batch partner's: the column takes only its default.)
CREATE FUNCTION scribe.fresh_categories(batch bigint, pid smallint) RETURNS text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE codes text[];
BEGIN
    EXECUTE format(
        'WITH RECURSIVE code (category_code) AS ('
        '  (SELECT f.category_code FROM scribe.%1$I f WHERE f.partner_id = $1 '
        '    ORDER BY f.category_code LIMIT 1) '
        '  UNION ALL '
        '  SELECT (SELECT f.category_code FROM scribe.%1$I f '
        '           WHERE f.partner_id = $1 AND f.category_code > c.category_code '
        '           ORDER BY f.category_code LIMIT 1) '
        '    FROM code c WHERE c.category_code IS NOT NULL) '
        'SELECT array_agg(c.category_code) FROM code c WHERE c.category_code IS NOT NULL',
        'import_fresh_' || batch) INTO codes USING pid;
    RETURN codes;
END
$$;

-- finish_import (017), and for a first load: the key table's unique index built in one pass
-- (an id in it twice is the file's duplicate), then the table attached as the partner's
-- partition (its CHECK on the partner spares ATTACH the scan).
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
        -- the rows set aside: their categories (checked here, once, not per chunk by the
        -- trigger), and their months in the batch's range
        PERFORM scribe.refuse_unknown_categories(scribe.fresh_categories(batch, pid));
        SELECT least(first_month, min(f.month)), greatest(last_month, max(f.month))
          INTO first_month, last_month FROM scribe_import_fresh f;
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

-- functions are executable by PUBLIC unless revoked (the schema's default revoke of 003 is
-- for functions its own role makes, not scribe_owner's): these serve the store alone
REVOKE EXECUTE ON FUNCTION scribe.key_partition_name(smallint),
    scribe.key_index_name(smallint), scribe.has_key_partition(smallint), scribe.secure_key_table(text),
    scribe.ensure_key_partition(smallint), scribe.first_load_keys(bigint),
    scribe.fresh_categories(bigint, smallint) FROM PUBLIC;

RESET ROLE;
