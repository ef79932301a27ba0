-- 022 file hash after the rows: an import may open its batch before the file's SHA-256 is
-- known, and record the hash (record_file_hash) before finish_import.
--
-- The client works the hash out on a thread beside the reading of the first rows. Opening
-- the batch needed it, so the store's first rows waited for the whole file to be hashed
-- (0.4 s per 222 MB on a slow core) even when the first chunk was ready sooner. Now
-- begin_import takes NULL for the hash ("to follow"); a batch cannot be finished without one
-- (the CHECK below: finish_import's UPDATE sets finished_at), and it is recorded once.

SET LOCAL ROLE scribe_owner;

ALTER TABLE scribe.import_batch ALTER COLUMN file_sha256 DROP NOT NULL,
    ADD CONSTRAINT import_batch_hashed_when_finished
        CHECK (file_sha256 IS NOT NULL OR finished_at IS NULL);

-- As in 008, with NULL allowed for a hash that follows.
CREATE OR REPLACE FUNCTION scribe.begin_import(file_name text, file_sha256 text, profile text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pid smallint := scribe.require_data_manager();
    batch bigint;
BEGIN
    IF file_sha256 !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'file_sha256 must be 64 lower-case hex digits (or NULL, recorded '
                        'later by record_file_hash)';
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

-- The hash of a batch opened without one: once, by the user who opened it, while it is open.
CREATE FUNCTION scribe.record_file_hash(batch bigint, file_sha256 text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM scribe.own_open_batch(batch);
    IF file_sha256 IS NULL OR file_sha256 !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'file_sha256 must be 64 lower-case hex digits';
    END IF;
    UPDATE scribe.import_batch b SET file_sha256 = record_file_hash.file_sha256
     WHERE b.import_batch_id = batch AND b.file_sha256 IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'import batch % already has its file hash', batch;
    END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION scribe.record_file_hash(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scribe.record_file_hash(bigint, text) TO scribe_data_manager;

RESET ROLE;
