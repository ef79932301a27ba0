-- 013 admin roster: administrators read who is vetted, for which partner, role, clearance
-- and until when, and the sharing agreements they maintain (they could change both through
-- the vetting functions but not see them). Nothing secret is in these tables: passwords
-- live only as SCRAM verifiers in pg_authid.

SET LOCAL ROLE scribe_owner;

GRANT SELECT ON scribe.app_user, scribe.sharing_agreement TO scribe_admin;

RESET ROLE;
