-- 020 record id check by bytes first: incident's CHECK that a record id is 1 to 200 characters
-- long counted the characters of every id twice (length() >= 1 AND length() <= 200), walking
-- each UTF-8 character in turn: 0.17 CPU-s of a million-row import, on the backend that bounds
-- the import while the client is still reading (perf: pg_mbstrlen_with_len, pg_utf_mblen).
-- An id of 1 to 200 bytes is 1 to 200 characters, so the bytes (the stored length, no walk)
-- settle it for every id of 200 bytes or fewer; only a longer one is counted. The same rule,
-- under the same name: month tables an import sets aside copy incident's constraints
-- (LIKE ... INCLUDING CONSTRAINTS), and ATTACH matches them by name and definition.
--
-- Replacing the constraint checks every stored row once (one pass per month partition).

SET LOCAL ROLE scribe_owner;

ALTER TABLE scribe.incident
    DROP CONSTRAINT incident_source_record_id_check,
    ADD CONSTRAINT incident_source_record_id_check CHECK (
        octet_length(source_record_id) BETWEEN 1 AND 200
        OR length(source_record_id) BETWEEN 1 AND 200);

RESET ROLE;
