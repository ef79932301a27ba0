-- 012 outcomes: police.uk outcome files update the outcome of crimes already in the store.
--
-- An outcome file lists (Crime ID, month, outcome type) events, one file per month, and a
-- crime can have several over time: the latest month's outcome is the crime's outcome.
-- Each event is kept once in scribe.outcome_record (re-importing a file adds nothing), and
-- the incident's `outcome` column follows the latest recorded event. A street file's "Last
-- outcome category" is undated, so a dated event wins over it: re-importing a street file
-- after its outcomes keeps the recorded outcome (adopt_recorded_outcomes, called before
-- finish_import) instead of reverting it and counting every such crime as "updated".
-- Events naming a crime the partner does not have are quarantined with that reason.

SET LOCAL ROLE scribe_owner;

CREATE TABLE scribe.outcome_record (
    partner_id       smallint NOT NULL REFERENCES scribe.partner,
    source_record_id text NOT NULL CHECK (length(source_record_id) BETWEEN 1 AND 200),
    outcome_month    date NOT NULL CHECK (outcome_month = date_trunc('month', outcome_month)),
    outcome          text NOT NULL CHECK (length(outcome) BETWEEN 1 AND 200),
    import_batch_id  bigint NOT NULL,
    PRIMARY KEY (partner_id, source_record_id, outcome_month, outcome),
    FOREIGN KEY (partner_id, import_batch_id)
        REFERENCES scribe.import_batch (partner_id, import_batch_id)
);
-- read and written only through the functions below (no grants)
ALTER TABLE scribe.outcome_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE scribe.outcome_record FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON scribe.outcome_record TO scribe_owner USING (true) WITH CHECK (true);

-- the latest recorded outcome of each of a partner's crimes (ties in a month: by name, so
-- the answer never depends on import order)
CREATE FUNCTION scribe.latest_outcomes(pid smallint)
RETURNS TABLE (source_record_id text, outcome text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT DISTINCT ON (o.source_record_id) o.source_record_id, o.outcome
      FROM scribe.outcome_record o
     WHERE o.partner_id = pid
     ORDER BY o.source_record_id, o.outcome_month DESC, o.outcome DESC
$$;
REVOKE EXECUTE ON FUNCTION scribe.latest_outcomes(smallint) FROM PUBLIC;

CREATE FUNCTION scribe.adopt_recorded_outcomes(batch bigint) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    n integer;
BEGIN
    PERFORM scribe.import_rows_table();
    IF NOT EXISTS (SELECT 1 FROM scribe.outcome_record o WHERE o.partner_id = pid) THEN
        RETURN 0;   -- the usual case, and a 1M-row import pays nothing for it
    END IF;
    UPDATE pg_temp.scribe_import_rows s SET outcome = l.outcome
      FROM scribe.latest_outcomes(pid) l
     WHERE l.source_record_id = s.source_record_id AND s.outcome IS DISTINCT FROM l.outcome;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

-- One outcome file (or chunk of it) in the caller's open batch: events are recorded, events
-- for crimes this partner does not have are quarantined. Returns how many were recorded new.
CREATE FUNCTION scribe.record_outcomes(batch bigint, file_name text, row_number integer[],
                                       source_record_id text[], outcome_month date[],
                                       outcome text[])
RETURNS TABLE (recorded integer, unmatched integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.own_open_batch(batch);
    n_new integer; n_bad integer;
BEGIN
    CREATE TEMP TABLE IF NOT EXISTS scribe_outcome_rows (
        row_number integer, source_record_id text, outcome_month date, outcome text
    ) ON COMMIT DROP;
    TRUNCATE scribe_outcome_rows;
    INSERT INTO scribe_outcome_rows
    SELECT u.* FROM unnest(row_number, source_record_id, outcome_month, outcome) AS u;
    IF EXISTS (SELECT 1 FROM scribe_outcome_rows r
                WHERE r.source_record_id IS NULL OR r.outcome_month IS NULL
                   OR coalesce(r.outcome, '') = '') THEN
        RAISE EXCEPTION 'outcome events need a crime id, a month and an outcome; '
                        'quarantine incomplete rows first' USING ERRCODE = 'not_null_violation';
    END IF;
    INSERT INTO scribe.quarantine (partner_id, import_batch_id, file_name, row_number,
                                   column_name, reason, raw_row)
    SELECT pid, batch, record_outcomes.file_name, r.row_number, 'Crime ID',
           'no crime with this Crime ID in the store (import its street file first)',
           jsonb_build_object('Crime ID', r.source_record_id,
                              'Month', to_char(r.outcome_month, 'YYYY-MM'),
                              'Outcome type', r.outcome)
      FROM scribe_outcome_rows r
     WHERE NOT EXISTS (SELECT 1 FROM scribe.incident_key k
                        WHERE k.partner_id = pid AND k.source_record_id = r.source_record_id);
    GET DIAGNOSTICS n_bad = ROW_COUNT;
    INSERT INTO scribe.outcome_record (partner_id, source_record_id, outcome_month, outcome,
                                       import_batch_id)
    SELECT DISTINCT pid, r.source_record_id, date_trunc('month', r.outcome_month)::date,
           left(r.outcome, 200), batch
      FROM scribe_outcome_rows r
     WHERE EXISTS (SELECT 1 FROM scribe.incident_key k
                    WHERE k.partner_id = pid AND k.source_record_id = r.source_record_id)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n_new = ROW_COUNT;
    RETURN QUERY SELECT n_new, n_bad;
END
$$;

-- Close the batch: every crime this batch recorded an event for takes its latest outcome.
-- updated = crimes whose outcome changed; unchanged = the other rows_matched (valid events
-- naming a crime the partner has).
CREATE FUNCTION scribe.finish_outcomes(batch bigint, rows_read integer, rows_matched integer)
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
     WHERE i.partner_id = pid AND i.source_record_id = l.source_record_id
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

GRANT EXECUTE ON FUNCTION scribe.adopt_recorded_outcomes(bigint),
    scribe.record_outcomes(bigint, text, integer[], text[], date[], text[]),
    scribe.finish_outcomes(bigint, integer, integer)
    TO scribe_data_manager;

RESET ROLE;
