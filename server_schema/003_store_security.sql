-- 003 store and security model: partners, sharing agreements, vetted users, incidents with
-- row-level security, restricted columns, declared purpose, hash-chained audit.
-- The database is SCRIBE's security boundary: every rule here holds whatever client connects.

-- Group roles (NOLOGIN). People are LOGIN roles that are members of one of these and of their
-- partner's role; nobody logs in as a group or as the owner.
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['scribe_viewer', 'scribe_analyst', 'scribe_data_manager',
                             'scribe_admin', 'scribe_restricted_reader'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$$;
-- The owner creates and alters people's roles inside the vetting functions only.
ALTER ROLE scribe_owner NOLOGIN CREATEROLE;
GRANT scribe_viewer TO scribe_analyst;
GRANT USAGE ON SCHEMA scribe TO scribe_viewer, scribe_data_manager, scribe_admin;

SET LOCAL ROLE scribe_owner;

-- Sensitivity of a record; a person's clearance is the highest level they may read.
COMMENT ON SCHEMA scribe IS
    'SCRIBE: sensitivity 0 public, 1 official, 2 official-sensitive, 3 restricted';

CREATE TABLE scribe.partner (
    partner_id smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{1,30}$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind       text NOT NULL CHECK (kind IN ('police', 'fire_rescue', 'council', 'health',
                                              'housing', 'other')),
    role_name  text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Which partner's records another partner's people may see, up to which sensitivity.
CREATE TABLE scribe.sharing_agreement (
    owner_partner_id  smallint NOT NULL REFERENCES scribe.partner,
    viewer_partner_id smallint NOT NULL REFERENCES scribe.partner,
    max_sensitivity   smallint NOT NULL CHECK (max_sensitivity BETWEEN 0 AND 3),
    valid_from        date NOT NULL DEFAULT current_date,
    valid_to          date,
    PRIMARY KEY (owner_partner_id, viewer_partner_id)
);

CREATE TABLE scribe.app_user (
    username        text PRIMARY KEY CHECK (username ~ '^[a-z][a-z0-9_]{2,40}$'),
    partner_id      smallint NOT NULL REFERENCES scribe.partner,
    requested_role  text NOT NULL CHECK (requested_role IN
                        ('scribe_viewer', 'scribe_analyst', 'scribe_data_manager',
                         'scribe_admin')),
    clearance       smallint NOT NULL CHECK (clearance BETWEEN 0 AND 3),
    restricted_ok   boolean NOT NULL DEFAULT false,  -- may read free text and exact address
    vetting_expires date NOT NULL,
    status          text NOT NULL DEFAULT 'requested'
                        CHECK (status IN ('requested', 'active', 'suspended', 'expired')),
    requested_at    timestamptz NOT NULL DEFAULT now(),
    requested_by    text NOT NULL DEFAULT session_user,
    decided_at      timestamptz,
    decided_by      text
);

-- A person's declared purpose for reading incident data (Data Protection Act 2018 s62).
CREATE TABLE scribe.access_purpose (
    username   text PRIMARY KEY REFERENCES scribe.app_user ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 5 AND 500),
    declared_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);

-- Append-only audit log; each row's hash covers the previous row's hash, so an edited,
-- deleted or inserted row breaks the chain (scribe.audit_verify finds where).
CREATE TABLE scribe.audit_log (
    audit_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor     text NOT NULL DEFAULT session_user,
    action    text NOT NULL CHECK (action ~ '^[a-z_]{3,40}$'),
    purpose   text,
    details   jsonb NOT NULL DEFAULT '{}',
    prev_hash bytea NOT NULL,
    row_hash  bytea NOT NULL
);

CREATE TABLE scribe.import_batch (
    import_batch_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partner_id      smallint NOT NULL REFERENCES scribe.partner,
    file_name       text NOT NULL,
    file_sha256     text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    profile         text NOT NULL,
    rows_read       integer NOT NULL DEFAULT 0,
    rows_inserted   integer NOT NULL DEFAULT 0,
    rows_updated    integer NOT NULL DEFAULT 0,
    rows_unchanged  integer NOT NULL DEFAULT 0,
    rows_quarantined integer NOT NULL DEFAULT 0,
    imported_by     text NOT NULL DEFAULT session_user,
    imported_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, import_batch_id)
);

CREATE TABLE scribe.quarantine (
    quarantine_id   bigint GENERATED ALWAYS AS IDENTITY,
    partner_id      smallint NOT NULL,
    import_batch_id bigint NOT NULL,
    file_name       text NOT NULL,
    row_number      integer NOT NULL,
    column_name     text,
    reason          text NOT NULL,
    raw_row         jsonb NOT NULL,
    PRIMARY KEY (partner_id, quarantine_id),
    -- constraints include the partner column: their checks ignore RLS and must not reveal
    -- other partners' rows
    FOREIGN KEY (partner_id, import_batch_id)
        REFERENCES scribe.import_batch (partner_id, import_batch_id)
);

-- Incidents: one row per partner record, partitioned by month of occurred_from.
CREATE TABLE scribe.incident (
    incident_id          bigint GENERATED ALWAYS AS IDENTITY,
    partner_id           smallint NOT NULL REFERENCES scribe.partner,
    source_record_id     text NOT NULL CHECK (length(source_record_id) BETWEEN 1 AND 200),
    category_code        text NOT NULL REFERENCES scribe.category (code),
    occurred_from        timestamptz NOT NULL,
    occurred_to          timestamptz,
    reported_at          timestamptz,
    geom                 geometry(Point, 27700),
    original_x           double precision,
    original_y           double precision,
    original_crs         text,
    location_precision_m real CHECK (location_precision_m >= 0),
    location_description text,
    lsoa_code            text,
    ward_code            text,
    outcome              text,
    sensitivity          smallint NOT NULL DEFAULT 1 CHECK (sensitivity BETWEEN 0 AND 3),
    import_batch_id      bigint,
    free_text            text,     -- restricted column
    exact_address        text,     -- restricted column
    CHECK (occurred_to IS NULL OR occurred_to >= occurred_from),
    PRIMARY KEY (partner_id, source_record_id, occurred_from)
) PARTITION BY RANGE (occurred_from);
CREATE TABLE scribe.incident_undated_range PARTITION OF scribe.incident DEFAULT;
CREATE INDEX incident_geom_idx ON scribe.incident USING gist (geom);
CREATE INDEX incident_time_brin ON scribe.incident USING brin (occurred_from);
CREATE INDEX incident_partner_category_idx ON scribe.incident (partner_id, category_code,
                                                                occurred_from);
-- The natural key (partner, source record id) across partitions: a record whose date moves
-- between months is still one record.
CREATE TABLE scribe.incident_key (
    partner_id       smallint NOT NULL REFERENCES scribe.partner,
    source_record_id text NOT NULL,
    occurred_from    timestamptz NOT NULL,
    PRIMARY KEY (partner_id, source_record_id)
);

-- Keep incident_key in step with incident, set-wise per statement (fast under COPY): a second
-- record with the same (partner, source record id) in any month is refused.
CREATE FUNCTION scribe.incident_key_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from)
    SELECT partner_id, source_record_id, occurred_from FROM new_rows;
    RETURN NULL;
END
$$;
CREATE FUNCTION scribe.incident_key_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM scribe.incident_key k USING old_rows o
     WHERE k.partner_id = o.partner_id AND k.source_record_id = o.source_record_id;
    RETURN NULL;
END
$$;
CREATE FUNCTION scribe.incident_key_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM scribe.incident_key k USING old_rows o
     WHERE k.partner_id = o.partner_id AND k.source_record_id = o.source_record_id;
    INSERT INTO scribe.incident_key (partner_id, source_record_id, occurred_from)
    SELECT partner_id, source_record_id, occurred_from FROM new_rows;
    RETURN NULL;
END
$$;
CREATE TRIGGER incident_key_insert AFTER INSERT ON scribe.incident
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION scribe.incident_key_insert();
CREATE TRIGGER incident_key_delete AFTER DELETE ON scribe.incident
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION scribe.incident_key_delete();
CREATE TRIGGER incident_key_update AFTER UPDATE ON scribe.incident
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION scribe.incident_key_update();

-- Monthly partitions are made ahead of imports.
CREATE FUNCTION scribe.ensure_month_partitions(first_month date, last_month date)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    m date := date_trunc('month', first_month)::date;
    made integer := 0;
    name text;
BEGIN
    IF last_month < first_month OR last_month > first_month + interval '50 years' THEN
        RAISE EXCEPTION 'month range % to % is not sensible', first_month, last_month;
    END IF;
    WHILE m <= last_month LOOP
        name := 'incident_' || to_char(m, 'YYYY_MM');
        IF to_regclass('scribe.' || name) IS NULL THEN
            EXECUTE format('CREATE TABLE scribe.%I PARTITION OF scribe.incident '
                           'FOR VALUES FROM (%L) TO (%L)', name, m, (m + interval '1 month')::date);
            made := made + 1;
        END IF;
        m := (m + interval '1 month')::date;
    END LOOP;
    RETURN made;
END
$$;

-- -- who is asking ------------------------------------------------------------------------------

-- The signed-in person's row, if vetted and active.
CREATE FUNCTION scribe.current_app_user() RETURNS scribe.app_user
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT u FROM scribe.app_user u WHERE u.username = session_user AND u.status = 'active'
$$;

-- Partners whose records the signed-in person may read, with the highest sensitivity each.
-- Raises when no purpose is declared: reads are refused, not silently empty.
CREATE FUNCTION scribe.visible_partners()
RETURNS TABLE (partner_id smallint, max_sensitivity smallint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE me scribe.app_user;
BEGIN
    SELECT * INTO me FROM scribe.app_user u
     WHERE u.username = session_user AND u.status = 'active'
       AND u.vetting_expires >= current_date;
    IF NOT FOUND THEN
        RETURN;  -- not a vetted, active SCRIBE user: sees nothing
    END IF;
    IF NOT EXISTS (SELECT 1 FROM scribe.access_purpose p
                    WHERE p.username = me.username AND p.expires_at > now()) THEN
        RAISE EXCEPTION 'no current purpose of access declared'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'declare it with scribe.declare_purpose(purpose) first';
    END IF;
    RETURN QUERY
        SELECT me.partner_id, me.clearance
        UNION ALL
        SELECT a.owner_partner_id, least(a.max_sensitivity, me.clearance)::smallint
          FROM scribe.sharing_agreement a
         WHERE a.viewer_partner_id = me.partner_id
           AND a.owner_partner_id <> me.partner_id
           AND a.valid_from <= current_date
           AND (a.valid_to IS NULL OR a.valid_to >= current_date);
END
$$;

-- The same as an array of (partner_id * 4 + sensitivity) keys: a policy compares each row
-- with it via "= ANY ((SELECT scribe.visible_keys())::integer[])", evaluated once per
-- query (an InitPlan), not once per row as a correlated sub-query would be.
CREATE FUNCTION scribe.visible_keys() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(v.partner_id * 4 + s.level), '{}')
      FROM scribe.visible_partners() v, generate_series(0, v.max_sensitivity) AS s(level)
$$;

-- -- row-level security --------------------------------------------------------------------------

ALTER TABLE scribe.incident ENABLE ROW LEVEL SECURITY;
ALTER TABLE scribe.incident FORCE ROW LEVEL SECURITY;
ALTER TABLE scribe.quarantine ENABLE ROW LEVEL SECURITY;
ALTER TABLE scribe.quarantine FORCE ROW LEVEL SECURITY;
ALTER TABLE scribe.import_batch ENABLE ROW LEVEL SECURITY;
ALTER TABLE scribe.import_batch FORCE ROW LEVEL SECURITY;
ALTER TABLE scribe.incident_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE scribe.incident_key FORCE ROW LEVEL SECURITY;

-- The owner (only ever active inside SECURITY DEFINER functions) works on everything.
CREATE POLICY owner_all ON scribe.incident TO scribe_owner USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON scribe.quarantine TO scribe_owner USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON scribe.import_batch TO scribe_owner USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON scribe.incident_key TO scribe_owner USING (true) WITH CHECK (true);

-- Readers: permissive SELECT, bounded by a RESTRICTIVE policy that expresses the sharing
-- agreement, so a permissive policy added later cannot widen what anyone sees.
CREATE POLICY readers ON scribe.incident FOR SELECT TO scribe_viewer, scribe_data_manager
    USING (true);
CREATE POLICY sharing_boundary ON scribe.incident AS RESTRICTIVE FOR ALL
    TO scribe_viewer, scribe_data_manager
    USING (partner_id * 4 + sensitivity = ANY ((SELECT scribe.visible_keys())::integer[]));
CREATE POLICY own_partner ON scribe.quarantine FOR SELECT TO scribe_data_manager
    USING (partner_id = (scribe.current_app_user()).partner_id);
CREATE POLICY own_partner ON scribe.import_batch FOR SELECT TO scribe_data_manager
    USING (partner_id = (scribe.current_app_user()).partner_id);

-- Everything but the restricted columns for readers; all columns through the restricted role.
GRANT SELECT (incident_id, partner_id, source_record_id, category_code, occurred_from,
              occurred_to, reported_at, geom, original_x, original_y, original_crs,
              location_precision_m, location_description, lsoa_code, ward_code, outcome,
              sensitivity, import_batch_id)
    ON scribe.incident TO scribe_viewer, scribe_data_manager;
GRANT SELECT ON scribe.incident TO scribe_restricted_reader;
GRANT SELECT ON scribe.category, scribe.crosswalk, scribe.partner
    TO scribe_viewer, scribe_data_manager, scribe_admin;
GRANT SELECT ON scribe.quarantine, scribe.import_batch TO scribe_data_manager;

-- A view for cleared readers; security_invoker so RLS is checked as the reader, not the owner.
CREATE VIEW scribe.incident_restricted WITH (security_invoker = true) AS
    SELECT incident_id, partner_id, source_record_id, free_text, exact_address
      FROM scribe.incident;
GRANT SELECT ON scribe.incident_restricted TO scribe_restricted_reader;

-- -- audit ---------------------------------------------------------------------------------------

CREATE FUNCTION scribe.audit_row_hash(prev bytea, at timestamptz, actor text, action text,
                                      purpose text, details jsonb) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT sha256(prev || convert_to(concat_ws(E'\x1f', to_char(at AT TIME ZONE 'UTC',
               'YYYY-MM-DD"T"HH24:MI:SS.US'), actor, action, coalesce(purpose, ''),
               details::text), 'UTF8'))
$$;

-- Append one audit row (serialised by a lock so the chain has no forks).
CREATE FUNCTION scribe.audit(action text, details jsonb DEFAULT '{}')
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    prev bytea;
    stamp timestamptz := clock_timestamp();
    current_purpose text;
    new_id bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('scribe.audit_log'));
    SELECT row_hash INTO prev FROM scribe.audit_log ORDER BY audit_id DESC LIMIT 1;
    prev := coalesce(prev, '\x'::bytea);
    SELECT p.purpose INTO current_purpose FROM scribe.access_purpose p
     WHERE p.username = session_user AND p.expires_at > now();
    INSERT INTO scribe.audit_log (at, actor, action, purpose, details, prev_hash, row_hash)
    VALUES (stamp, session_user, action, current_purpose, coalesce(details, '{}'), prev,
            scribe.audit_row_hash(prev, stamp, session_user, action, current_purpose,
                                  coalesce(details, '{}')))
    RETURNING audit_id INTO new_id;
    RETURN new_id;
END
$$;

-- The first audit_id whose hash or link does not hold (NULL: the chain is intact).
CREATE FUNCTION scribe.audit_verify() RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    expected_prev bytea := '\x'::bytea;
BEGIN
    FOR r IN SELECT * FROM scribe.audit_log ORDER BY audit_id LOOP
        IF r.prev_hash <> expected_prev OR r.row_hash <> scribe.audit_row_hash(
                r.prev_hash, r.at, r.actor, r.action, r.purpose, r.details) THEN
            RETURN r.audit_id;
        END IF;
        expected_prev := r.row_hash;
    END LOOP;
    RETURN NULL;
END
$$;

-- The chain head, to keep outside the database (e.g. in a signed daily report).
CREATE FUNCTION scribe.audit_head() RETURNS TABLE (audit_id bigint, row_hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT audit_id, encode(row_hash, 'hex') FROM scribe.audit_log ORDER BY audit_id DESC LIMIT 1
$$;

-- What a signed-in person's client records about itself (sign-in, layer loads, exports,
-- analysis runs on SCRIBE data); the database adds who, when and the current purpose.
CREATE FUNCTION scribe.log_event(action text, details jsonb DEFAULT '{}')
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF action IS NULL OR action NOT IN ('sign_in', 'sign_out', 'layer_load', 'export',
                                        'analysis_run') THEN
        RAISE EXCEPTION 'unknown event %; one of sign_in, sign_out, layer_load, export, '
                        'analysis_run', quote_literal(coalesce(action, 'NULL'));
    END IF;
    IF (scribe.current_app_user()).username IS NULL THEN
        RAISE EXCEPTION 'only vetted, active SCRIBE users record events'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF details IS NOT NULL AND length(details::text) > 10000 THEN
        RAISE EXCEPTION 'event details are limited to 10000 characters';
    END IF;
    RETURN scribe.audit(action, details);
END
$$;

-- -- purpose of access ---------------------------------------------------------------------------

CREATE FUNCTION scribe.declare_purpose(purpose text, valid_for interval DEFAULT NULL)
RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me scribe.app_user := scribe.current_app_user();
    -- default: until the end of today (server time), so it covers every connection QGIS opens
    until timestamptz := coalesce(now() + valid_for, date_trunc('day', now()) + interval '1 day');
BEGIN
    IF me.username IS NULL THEN
        RAISE EXCEPTION 'only vetted, active SCRIBE users can declare a purpose'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF purpose IS NULL OR length(btrim(purpose)) NOT BETWEEN 5 AND 500 THEN
        RAISE EXCEPTION 'state the purpose in 5 to 500 characters';
    END IF;
    IF until > now() + interval '24 hours' THEN
        RAISE EXCEPTION 'a purpose lasts at most 24 hours';
    END IF;
    INSERT INTO scribe.access_purpose (username, purpose, declared_at, expires_at)
    VALUES (me.username, btrim(purpose), now(), until)
    ON CONFLICT (username) DO UPDATE
        SET purpose = excluded.purpose, declared_at = excluded.declared_at,
            expires_at = excluded.expires_at;
    PERFORM scribe.audit('declare_purpose', jsonb_build_object('until', until));
    RETURN until;
END
$$;

-- -- vetting (admins only) -----------------------------------------------------------------------

CREATE FUNCTION scribe.require_admin() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT pg_has_role(session_user, 'scribe_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'only SCRIBE administrators can manage users and partners'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

CREATE FUNCTION scribe.add_partner(code text, name text, kind text)
RETURNS smallint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    role_name text := 'scribe_partner_' || code;
    new_id smallint;
BEGIN
    PERFORM scribe.require_admin();
    IF code IS NULL OR code !~ '^[a-z][a-z0-9_]{1,30}$' THEN
        RAISE EXCEPTION 'partner code must be 2-31 lower-case letters, digits or _ (got %)',
            quote_literal(coalesce(code, 'NULL'));
    END IF;
    INSERT INTO scribe.partner (code, name, kind, role_name)
    VALUES (code, name, kind, role_name) RETURNING partner_id INTO new_id;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
    END IF;
    PERFORM scribe.audit('add_partner', jsonb_build_object('partner', code, 'kind', kind));
    RETURN new_id;
END
$$;

CREATE FUNCTION scribe.set_sharing(owner_code text, viewer_code text, max_sensitivity smallint,
                                   valid_to date DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE owner_id smallint; viewer_id smallint;
BEGIN
    PERFORM scribe.require_admin();
    SELECT partner_id INTO owner_id FROM scribe.partner WHERE code = owner_code;
    SELECT partner_id INTO viewer_id FROM scribe.partner WHERE code = viewer_code;
    IF owner_id IS NULL OR viewer_id IS NULL THEN
        RAISE EXCEPTION 'unknown partner code';
    END IF;
    INSERT INTO scribe.sharing_agreement AS a (owner_partner_id, viewer_partner_id,
                                                max_sensitivity, valid_to)
    VALUES (owner_id, viewer_id, max_sensitivity, valid_to)
    ON CONFLICT (owner_partner_id, viewer_partner_id) DO UPDATE
        SET max_sensitivity = excluded.max_sensitivity, valid_to = excluded.valid_to;
    PERFORM scribe.audit('set_sharing', jsonb_build_object(
        'owner', owner_code, 'viewer', viewer_code, 'max_sensitivity', max_sensitivity));
END
$$;

-- Request access: a NOLOGIN role and a vetting record; nobody can sign in yet.
CREATE FUNCTION scribe.request_access(username text, partner_code text, requested_role text,
                                      clearance smallint, vetting_expires date,
                                      restricted_ok boolean DEFAULT false)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE pid smallint;
BEGIN
    PERFORM scribe.require_admin();
    IF username IS NULL OR username !~ '^[a-z][a-z0-9_]{2,40}$' THEN
        RAISE EXCEPTION 'user names are 3-41 lower-case letters, digits or _, starting with '
                        'a letter (got %)', quote_literal(coalesce(username, 'NULL'));
    END IF;
    SELECT partner_id INTO pid FROM scribe.partner WHERE code = partner_code;
    IF pid IS NULL THEN
        RAISE EXCEPTION 'unknown partner code';
    END IF;
    IF vetting_expires IS NULL OR vetting_expires <= current_date THEN
        RAISE EXCEPTION 'vetting must expire in the future';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = username) THEN
        RAISE EXCEPTION 'that user name is taken';
    END IF;
    INSERT INTO scribe.app_user (username, partner_id, requested_role, clearance, restricted_ok,
                                 vetting_expires)
    VALUES (username, pid, requested_role, clearance, restricted_ok, vetting_expires);
    EXECUTE format('CREATE ROLE %I NOLOGIN', username);
    PERFORM scribe.audit('request_access', jsonb_build_object(
        'user', username, 'partner', partner_code, 'role', requested_role,
        'clearance', clearance, 'vetting_expires', vetting_expires));
END
$$;

-- A SCRAM-SHA-256 verifier, computed by the client: the plain password never reaches the
-- server, so no statement log can capture it.
CREATE FUNCTION scribe.is_scram_verifier(verifier text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT verifier ~ '^SCRAM-SHA-256\$[0-9]{4,7}:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$'
$$;

CREATE FUNCTION scribe.approve_access(username text, scram_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE u scribe.app_user; partner_role text;
BEGIN
    PERFORM scribe.require_admin();
    SELECT * INTO u FROM scribe.app_user a WHERE a.username = approve_access.username;
    IF NOT FOUND OR u.status <> 'requested' THEN
        RAISE EXCEPTION 'no pending access request for that user';
    END IF;
    IF NOT scribe.is_scram_verifier(scram_verifier) THEN
        RAISE EXCEPTION 'send a SCRAM-SHA-256 verifier, never a plain password';
    END IF;
    SELECT role_name INTO partner_role FROM scribe.partner WHERE partner_id = u.partner_id;
    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L VALID UNTIL %L CONNECTION LIMIT 20',
                   u.username, scram_verifier, u.vetting_expires + 1);
    EXECUTE format('GRANT %I, %I TO %I', u.requested_role, partner_role, u.username);
    IF u.restricted_ok THEN
        EXECUTE format('GRANT scribe_restricted_reader TO %I', u.username);
    END IF;
    EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', u.username,
                   CASE u.requested_role WHEN 'scribe_data_manager' THEN '30min'
                                         ELSE '5min' END);
    UPDATE scribe.app_user a SET status = 'active', decided_at = now(), decided_by = session_user
     WHERE a.username = u.username;
    PERFORM scribe.audit('approve_access', jsonb_build_object('user', u.username));
END
$$;

CREATE FUNCTION scribe.suspend_access(username text, reason text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM scribe.require_admin();
    UPDATE scribe.app_user a SET status = 'suspended', decided_at = now(),
                                 decided_by = session_user
     WHERE a.username = suspend_access.username AND a.status IN ('active', 'requested');
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no active or pending user of that name';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', username);
    PERFORM scribe.audit('suspend_access', jsonb_build_object('user', username,
                                                               'reason', reason));
END
$$;

CREATE FUNCTION scribe.renew_vetting(username text, vetting_expires date)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM scribe.require_admin();
    IF vetting_expires IS NULL OR vetting_expires <= current_date THEN
        RAISE EXCEPTION 'vetting must expire in the future';
    END IF;
    UPDATE scribe.app_user a SET vetting_expires = renew_vetting.vetting_expires,
                                 status = CASE WHEN a.status = 'expired' THEN 'active'
                                               ELSE a.status END
     WHERE a.username = renew_vetting.username AND a.status IN ('active', 'expired');
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no active or expired user of that name';
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN VALID UNTIL %L', username, vetting_expires + 1);
    PERFORM scribe.audit('renew_vetting', jsonb_build_object('user', username,
                                                              'vetting_expires', vetting_expires));
END
$$;

-- Run daily (cron, pg_cron): everyone whose vetting has lapsed loses LOGIN.
CREATE FUNCTION scribe.expire_lapsed_vetting() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE u record; n integer := 0;
BEGIN
    PERFORM scribe.require_admin();
    FOR u IN UPDATE scribe.app_user SET status = 'expired'
              WHERE status = 'active' AND vetting_expires < current_date
              RETURNING username LOOP
        EXECUTE format('ALTER ROLE %I NOLOGIN', u.username);
        PERFORM scribe.audit('expire_access', jsonb_build_object('user', u.username));
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

CREATE FUNCTION scribe.reset_password(username text, scram_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- admins reset anyone's; a person may change their own
    IF username IS DISTINCT FROM session_user THEN
        PERFORM scribe.require_admin();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM scribe.app_user a
                    WHERE a.username = reset_password.username AND a.status = 'active') THEN
        RAISE EXCEPTION 'no active user of that name';
    END IF;
    IF NOT scribe.is_scram_verifier(scram_verifier) THEN
        RAISE EXCEPTION 'send a SCRAM-SHA-256 verifier, never a plain password';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', username, scram_verifier);
    PERFORM scribe.audit('reset_password', jsonb_build_object('user', username));
END
$$;

-- Only what each group needs; functions are not executable by PUBLIC.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA scribe FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scribe.label_key(text), scribe.visible_partners(),
    scribe.visible_keys(),
    scribe.current_app_user(), scribe.declare_purpose(text, interval),
    scribe.reset_password(text, text), scribe.is_scram_verifier(text),
    scribe.log_event(text, jsonb)
    TO scribe_viewer, scribe_data_manager, scribe_admin;
GRANT EXECUTE ON FUNCTION scribe.add_partner(text, text, text),
    scribe.set_sharing(text, text, smallint, date),
    scribe.request_access(text, text, text, smallint, date, boolean),
    scribe.approve_access(text, text), scribe.suspend_access(text, text),
    scribe.renew_vetting(text, date), scribe.expire_lapsed_vetting(),
    scribe.audit_verify(), scribe.audit_head(), scribe.require_admin()
    TO scribe_admin;
-- The audit log: readable by admins, written only through scribe.audit(); nobody but the
-- owner may UPDATE, DELETE or TRUNCATE it, and the hash chain shows if anyone did.
GRANT SELECT ON scribe.audit_log TO scribe_admin;
ALTER DEFAULT PRIVILEGES IN SCHEMA scribe REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

RESET ROLE;
