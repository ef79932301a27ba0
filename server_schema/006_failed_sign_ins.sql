-- 006 failed sign-ins, visible to administrators. A failed sign-in has no session that could
-- write to scribe.audit_log, so the server's own log is the record: this function reads the
-- tail of the current log file and returns its authentication failures. It runs as a NOLOGIN
-- role that may read server files, through this fixed code only. It expects the logging
-- collector (pg_current_logfile) and log_line_prefix '%m [%p] ' (see server_schema/README.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scribe_log_reader') THEN
        CREATE ROLE scribe_log_reader NOLOGIN;
    END IF;
END
$$;
GRANT pg_read_server_files TO scribe_log_reader;
GRANT EXECUTE ON FUNCTION pg_current_logfile(text), pg_stat_file(text),
    pg_read_file(text, bigint, bigint) TO scribe_log_reader;
GRANT USAGE ON SCHEMA scribe TO scribe_log_reader;

CREATE FUNCTION scribe.failed_sign_ins(since timestamptz DEFAULT now() - interval '7 days',
                                       max_bytes integer DEFAULT 20000000)
RETURNS TABLE (at timestamptz, pid integer, username text, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    path text := pg_current_logfile('stderr');
    size bigint;
BEGIN
    IF NOT pg_has_role(session_user, 'scribe_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'only SCRIBE administrators can see failed sign-ins'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF path IS NULL THEN
        RAISE EXCEPTION 'the server is not writing a log file (logging_collector is off)';
    END IF;
    -- a relative path (log_directory inside the data directory) is what pg_read_file expects
    size := (pg_stat_file(path)).size;
    RETURN QUERY
    SELECT m[1]::timestamptz, m[2]::integer, coalesce(m[4], m[5], m[7]),
           CASE WHEN m[4] IS NOT NULL THEN 'wrong password or no such user'
                WHEN m[5] IS NOT NULL THEN 'account not permitted to sign in'
                ELSE 'connection refused by pg_hba.conf (e.g. without TLS)' END
      FROM regexp_matches(
               pg_read_file(path, greatest(size - max_bytes, 0), least(size, max_bytes)),
               '(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+) \[(\d+)\] FATAL:  '
               '(password authentication failed for user "([^"\n]+)"'
               '|role "([^"\n]+)" is not permitted to log in'
               '|no pg_hba\.conf entry for host "([^"\n]+)", user "([^"\n]+)")', 'g') AS m
     WHERE m[1]::timestamptz >= since;
END
$$;
ALTER FUNCTION scribe.failed_sign_ins(timestamptz, integer) OWNER TO scribe_log_reader;
REVOKE EXECUTE ON FUNCTION scribe.failed_sign_ins(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scribe.failed_sign_ins(timestamptz, integer) TO scribe_admin;
