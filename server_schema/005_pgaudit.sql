-- 005 pgaudit: the server logs every read and write of incident data (object audit), beside
-- SCRIBE's own audit table. Needs the pgaudit extension installed and in
-- shared_preload_libraries; where it is not, this migration warns and changes nothing, so a
-- server without pgaudit still installs (add pgaudit and re-apply as a new migration later).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scribe_auditor') THEN
        CREATE ROLE scribe_auditor NOLOGIN;  -- its grants say what pgaudit logs
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgaudit')
       OR current_setting('shared_preload_libraries') !~ 'pgaudit' THEN
        RAISE WARNING 'pgaudit is not installed and preloaded: incident reads are audited by '
                      'SCRIBE''s own audit table only';
        RETURN;
    END IF;
    CREATE EXTENSION IF NOT EXISTS pgaudit;
    EXECUTE format('ALTER DATABASE %I SET pgaudit.role = %L', current_database(),
                   'scribe_auditor');
    EXECUTE format('ALTER DATABASE %I SET pgaudit.log_parameter = off', current_database());
    EXECUTE format('ALTER DATABASE %I SET pgaudit.log_relation = on', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'set pgaudit.role = scribe_auditor in the server configuration: this role '
                  'may not';
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON scribe.incident TO scribe_auditor;
