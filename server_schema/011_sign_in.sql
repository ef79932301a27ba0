-- 011 sign-in: tell a person why they cannot sign in, without telling anyone else anything.
--
-- PostgreSQL refuses a pending, suspended or lapsed account either with "password
-- authentication failed" (no password yet, or past VALID UNTIL) or, after the right password,
-- "role ... is not permitted to log in": the same words for all three. Each person therefore
-- also gets a sign-in check role "<username>.status" with the same password (a SCRAM verifier
-- does not depend on the user name). It stays able to log in while the person's record exists
-- but may do exactly one thing: call scribe_gate.my_status(), which returns that person's own
-- vetting status. It reads no incident, partner or user data. Someone who gets the password
-- wrong fails at both roles with the same message whether or not the name exists.
-- Also: the admin-maintained list of purposes, scribe.my_account() for the signed-in person,
-- and current_app_user() now also refuses a person whose vetting date has passed (before the
-- daily expire_lapsed_vetting() sweep has removed their LOGIN).

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scribe_status_check') THEN
        CREATE ROLE scribe_status_check NOLOGIN;
    END IF;
END
$$;
-- the owner makes the check roles members of this group inside the vetting functions
GRANT scribe_status_check TO scribe_owner WITH ADMIN OPTION;
CREATE SCHEMA scribe_gate AUTHORIZATION scribe_owner;

SET LOCAL ROLE scribe_owner;

REVOKE ALL ON SCHEMA scribe_gate FROM PUBLIC;
GRANT USAGE ON SCHEMA scribe_gate TO scribe_status_check;

-- Verifiers given with an access request, until approval makes them the person's password.
CREATE TABLE scribe.pending_password (
    username text PRIMARY KEY REFERENCES scribe.app_user ON DELETE CASCADE,
    verifier text NOT NULL CHECK (scribe.is_scram_verifier(verifier))
);

CREATE FUNCTION scribe.status_role(username text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT username || '.status'
$$;

-- Create or re-password the person's sign-in check role.
CREATE FUNCTION scribe.set_status_role(username text, scram_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE check_role text := scribe.status_role(username);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = check_role) THEN
        EXECUTE format('CREATE ROLE %I LOGIN CONNECTION LIMIT 3 IN ROLE scribe_status_check',
                       check_role);
        EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', check_role, '5s');
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', check_role, scram_verifier);
END
$$;

-- What the sign-in check role may ask: its own person's status, nothing else.
CREATE FUNCTION scribe_gate.my_status()
RETURNS TABLE (status text, vetting_expires date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF right(session_user, 7) <> '.status'
       OR NOT pg_has_role(session_user, 'scribe_status_check', 'MEMBER') THEN
        RAISE EXCEPTION 'only sign-in check roles ask this' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
        SELECT CASE WHEN u.status = 'active' AND u.vetting_expires < current_date
                    THEN 'expired' ELSE u.status END,
               u.vetting_expires
          FROM scribe.app_user u
         WHERE u.username = left(session_user, -7);
END
$$;
REVOKE EXECUTE ON FUNCTION scribe_gate.my_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scribe_gate.my_status() TO scribe_status_check;

-- An access request may carry the person's chosen password (as a verifier): they can then
-- learn that the request is still awaiting vetting, and approval needs no new password.
CREATE FUNCTION scribe.request_access(username text, partner_code text, requested_role text,
                                      clearance smallint, vetting_expires date,
                                      restricted_ok boolean, scram_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT scribe.is_scram_verifier(scram_verifier) THEN
        RAISE EXCEPTION 'send a SCRAM-SHA-256 verifier, never a plain password';
    END IF;
    PERFORM scribe.request_access(username, partner_code, requested_role, clearance,
                                  vetting_expires, restricted_ok);
    INSERT INTO scribe.pending_password VALUES (username, scram_verifier);
    PERFORM scribe.set_status_role(username, scram_verifier);
END
$$;

CREATE OR REPLACE FUNCTION scribe.approve_access(username text, scram_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE u scribe.app_user; partner_role text; verifier text := scram_verifier;
BEGIN
    PERFORM scribe.require_admin();
    SELECT * INTO u FROM scribe.app_user a WHERE a.username = approve_access.username;
    IF NOT FOUND OR u.status <> 'requested' THEN
        RAISE EXCEPTION 'no pending access request for that user';
    END IF;
    IF verifier IS NULL THEN  -- the password chosen with the request
        SELECT p.verifier INTO verifier FROM scribe.pending_password p
         WHERE p.username = u.username;
        IF verifier IS NULL THEN
            RAISE EXCEPTION 'this request carries no password: give one to approve it';
        END IF;
    END IF;
    IF NOT scribe.is_scram_verifier(verifier) THEN
        RAISE EXCEPTION 'send a SCRAM-SHA-256 verifier, never a plain password';
    END IF;
    SELECT role_name INTO partner_role FROM scribe.partner WHERE partner_id = u.partner_id;
    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L VALID UNTIL %L CONNECTION LIMIT 20',
                   u.username, verifier, u.vetting_expires + 1);
    EXECUTE format('GRANT %I, %I TO %I', u.requested_role, partner_role, u.username);
    IF u.restricted_ok THEN
        EXECUTE format('GRANT scribe_restricted_reader TO %I', u.username);
    END IF;
    EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', u.username,
                   CASE u.requested_role WHEN 'scribe_data_manager' THEN '30min'
                                         ELSE '5min' END);
    PERFORM scribe.set_status_role(u.username, verifier);
    DELETE FROM scribe.pending_password p WHERE p.username = u.username;
    UPDATE scribe.app_user a SET status = 'active', decided_at = now(), decided_by = session_user
     WHERE a.username = u.username;
    PERFORM scribe.audit('approve_access', jsonb_build_object('user', u.username));
END
$$;

CREATE OR REPLACE FUNCTION scribe.reset_password(username text, scram_verifier text)
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
    PERFORM scribe.set_status_role(username, scram_verifier);
    PERFORM scribe.audit('reset_password', jsonb_build_object('user', username));
END
$$;

-- Vetting that has passed counts, even before the daily sweep removes LOGIN.
CREATE OR REPLACE FUNCTION scribe.current_app_user() RETURNS scribe.app_user
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT u FROM scribe.app_user u
     WHERE u.username = session_user AND u.status = 'active'
       AND u.vetting_expires >= current_date
$$;

-- -- purposes -------------------------------------------------------------------------------------

-- The pick list of purposes the partnership agreed; people may also type their own.
CREATE TABLE scribe.purpose_choice (
    purpose  text PRIMARY KEY CHECK (length(btrim(purpose)) BETWEEN 5 AND 500),
    position smallint NOT NULL DEFAULT 0
);
GRANT SELECT ON scribe.purpose_choice TO scribe_viewer, scribe_data_manager, scribe_admin;

CREATE FUNCTION scribe.set_purpose_choices(purposes text[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM scribe.require_admin();
    DELETE FROM scribe.purpose_choice;
    INSERT INTO scribe.purpose_choice (purpose, position)
    SELECT btrim(p), min(o) FROM unnest(purposes) WITH ORDINALITY AS t(p, o)
     WHERE p IS NOT NULL GROUP BY btrim(p);
    PERFORM scribe.audit('set_purpose_choices',
                         jsonb_build_object('count', coalesce(cardinality(purposes), 0)));
    RETURN (SELECT count(*) FROM scribe.purpose_choice);
END
$$;

-- -- the signed-in person ------------------------------------------------------------------------

CREATE FUNCTION scribe.my_account()
RETURNS TABLE (username text, partner_code text, partner_name text, role text,
               clearance smallint, restricted_ok boolean, vetting_expires date, status text,
               purpose text, purpose_expires timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT u.username, p.code, p.name, u.requested_role, u.clearance, u.restricted_ok,
           u.vetting_expires,
           CASE WHEN u.status = 'active' AND u.vetting_expires < current_date
                THEN 'expired' ELSE u.status END,
           ap.purpose, ap.expires_at
      FROM scribe.app_user u
      JOIN scribe.partner p USING (partner_id)
      LEFT JOIN scribe.access_purpose ap ON ap.username = u.username AND ap.expires_at > now()
     WHERE u.username = session_user
$$;

REVOKE EXECUTE ON FUNCTION scribe.status_role(text), scribe.set_status_role(text, text),
    scribe.request_access(text, text, text, smallint, date, boolean, text),
    scribe.set_purpose_choices(text[]), scribe.my_account() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scribe.request_access(text, text, text, smallint, date, boolean, text),
    scribe.set_purpose_choices(text[]) TO scribe_admin;
GRANT EXECUTE ON FUNCTION scribe.my_account() TO scribe_viewer, scribe_data_manager, scribe_admin;

RESET ROLE;
