-- 010 scribe.incident_public: every incident column a reader may see, none of the restricted
-- ones (free_text, exact_address). QGIS's PostgreSQL provider reads a table with SELECT *,
-- which column grants refuse to readers not cleared for the restricted columns; this view is
-- what their layers load. security_invoker: row-level security is checked as the reader.

SET LOCAL ROLE scribe_owner;

CREATE VIEW scribe.incident_public WITH (security_invoker = true) AS
    SELECT incident_id, partner_id, source_record_id, category_code, occurred_from,
           occurred_to, reported_at, geom, original_x, original_y, original_crs,
           location_precision_m, location_description, lsoa_code, ward_code, outcome,
           sensitivity, import_batch_id
      FROM scribe.incident;
COMMENT ON VIEW scribe.incident_public IS
    'Incidents without the restricted columns, for readers not cleared for them';
GRANT SELECT ON scribe.incident_public TO scribe_viewer, scribe_data_manager;

RESET ROLE;
