-- 004 logging hygiene: the server never writes bind-parameter values to its log, so nothing a
-- client sends as a parameter (a mistyped password, a free-text field) can reach the log,
-- even with log_statement = 'all'. Superuser-only settings: on a managed service where the
-- migrating role is not a superuser, set them in the server's parameter group instead.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET log_parameter_max_length = 0', current_database());
    EXECUTE format('ALTER DATABASE %I SET log_parameter_max_length_on_error = 0',
                   current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'set log_parameter_max_length = 0 and log_parameter_max_length_on_error = 0 '
                  'in the server configuration: this role may not set them';
END
$$;
