"""SCRIBE incident layers: a QGIS postgres-provider layer on the store, filtered, styled by
category, with a full attribute form and a temporal property for the temporal controller.

The layer's source carries only the session's authcfg id, and its filter (as JSON) is kept
in a custom property so that "Refresh" and a reopened project rebuild it exactly.
"""

from __future__ import annotations

import datetime as dt

import psycopg
from psycopg import sql
from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsDataSourceUri,
    QgsEditorWidgetSetup,
    QgsVectorLayer,
)

from .. import compat
from ..core import taxonomy
from ..core.layer_filter import IncidentFilter
from ..session import LAYER_PROPERTY, PROFILE_PROPERTY, ScribeSession
from . import incident_style

ALIASES = {
    "incident_id": "SCRIBE id", "partner_id": "Partner", "source_record_id": "Partner's record id",
    "category_code": "Category", "occurred_from": "Occurred (from)", "occurred_to": "Occurred (to)",
    "reported_at": "Reported", "original_x": "Original x", "original_y": "Original y",
    "original_crs": "Original CRS", "location_precision_m": "Location precision (m)",
    "location_description": "Location", "lsoa_code": "LSOA", "ward_code": "Ward",
    "outcome": "Outcome", "sensitivity": "Sensitivity", "import_batch_id": "Import batch",
    "free_text": "Free text (restricted)", "exact_address": "Exact address (restricted)",
}
FORM_TABS = {
    "Incident": ("category_code", "occurred_from", "occurred_to", "reported_at", "outcome",
                 "sensitivity"),
    "Place": ("location_description", "exact_address", "lsoa_code", "ward_code",
              "location_precision_m", "original_x", "original_y", "original_crs"),
    "Source": ("partner_id", "source_record_id", "incident_id", "import_batch_id"),
    "Narrative": ("free_text",),
}
SENSITIVITY = {"0 public": 0, "1 official": 1, "2 official-sensitive": 2, "3 restricted": 3}


def partners(conn: psycopg.Connection) -> dict[str, tuple[int, str]]:
    """code -> (id, name) of every partner in the store (the filter's whitelist)."""
    return {code: (pid, name) for pid, code, name in conn.execute(
        "SELECT partner_id, code, name FROM scribe.partner ORDER BY name")}


def where_clause(session: ScribeSession, incident_filter: IncidentFilter,
                 today: dt.date | None = None) -> sql.Composed:
    ids = {code: pid for code, (pid, _) in partners(session.connection()).items()}
    return incident_filter.where(ids, session.account.restricted_ok, today)


def subset_string(session: ScribeSession, incident_filter: IncidentFilter,
                  today: dt.date | None = None) -> str:
    return where_clause(session, incident_filter, today).as_string(session.connection())


def count_incidents(conn: psycopg.Connection, table: str, where: sql.Composed) -> int:
    """How many incidents a layer with this condition would show (the same condition)."""
    if table not in ("incident", "incident_public"):
        raise ValueError(f"not a SCRIBE incident table: {table!r}")
    query = sql.SQL("SELECT count(*) FROM scribe.{} WHERE {}").format(sql.Identifier(table),
                                                                    where)
    return conn.execute(query).fetchone()[0]


def layer_uri(session: ScribeSession, incident_filter: IncidentFilter,
              today: dt.date | None = None) -> QgsDataSourceUri:
    uri = session.data_source_uri(session.account.incident_table)
    uri.setWkbType(compat.WKB_POINT)
    uri.setSrid("27700")
    uri.setSql(subset_string(session, incident_filter, today))
    # a view's key is not checked row by row (that would read every row before drawing)
    uri.setParam("checkPrimaryKeyUnicity", "0")
    return uri


def make_layer(session: ScribeSession, incident_filter: IncidentFilter,
               today: dt.date | None = None) -> QgsVectorLayer:
    """A styled, filtered incident layer for the signed-in person (not yet in a project)."""
    uri = layer_uri(session, incident_filter, today)
    layer = QgsVectorLayer(uri.uri(False), incident_filter.label(today), "postgres")
    if not layer.isValid():
        raise RuntimeError("QGIS could not open the incident layer (see the PostGIS tab of "
                           "the log messages panel)")
    decorate(layer, session, incident_filter)
    return layer


def reconnect(layer: QgsVectorLayer, session: ScribeSession) -> bool:
    """Point a saved SCRIBE layer at the signed-in person's session (their authcfg, the
    table their clearance reads) with its own filter; True if it opened."""
    incident_filter = IncidentFilter.from_json(layer.customProperty(LAYER_PROPERTY))
    uri = layer_uri(session, incident_filter)
    layer.setDataSource(uri.uri(False), layer.name(), "postgres")
    if layer.isValid():
        decorate(layer, session, incident_filter)
    return layer.isValid()


def refilter(layer: QgsVectorLayer, session: ScribeSession,
             today: dt.date | None = None) -> IncidentFilter:
    """Re-apply a layer's own filter (relative periods move on with the calendar)."""
    incident_filter = IncidentFilter.from_json(layer.customProperty(LAYER_PROPERTY))
    layer.setSubsetString(subset_string(session, incident_filter, today))
    layer.setName(incident_filter.label(today))
    layer.triggerRepaint()
    return incident_filter


def decorate(layer: QgsVectorLayer, session: ScribeSession,
             incident_filter: IncidentFilter) -> None:
    layer.setCustomProperty(LAYER_PROPERTY, incident_filter.to_json())
    layer.setCustomProperty(PROFILE_PROPERTY, session.profile.name)
    layer.setReadOnly(True)
    layer.setRenderer(incident_style.category_renderer())
    _form(layer, session)
    temporal = layer.temporalProperties()
    temporal.setIsActive(True)
    temporal.setMode(compat.temporal_instant_from_field())
    temporal.setStartField("occurred_from")
    layer.setDisplayExpression(
        "concat(represent_value(\"category_code\"), ' · ', "
        "format_date(\"occurred_from\", 'd MMM yyyy HH:mm'), ' · ', "
        "coalesce(\"location_description\", ''))")


def _value_map(pairs) -> QgsEditorWidgetSetup:
    return QgsEditorWidgetSetup("ValueMap", {"map": [{label: value} for label, value in pairs]})


def _form(layer: QgsVectorLayer, session: ScribeSession) -> None:
    fields = layer.fields()
    for name, alias in ALIASES.items():
        index = fields.indexOf(name)
        if index >= 0:
            layer.setFieldAlias(index, alias)
    category_pairs = [(c.label, c.code) for c in taxonomy.CATEGORIES]
    partner_pairs = [(name, pid) for pid, name in partners(session.connection()).values()]
    for name, setup in (("category_code", _value_map(category_pairs)),
                        ("partner_id", _value_map(partner_pairs)),
                        ("sensitivity", _value_map(SENSITIVITY.items()))):
        index = fields.indexOf(name)
        if index >= 0:
            layer.setEditorWidgetSetup(index, setup)
    config = layer.editFormConfig()
    config.setLayout(compat.drag_and_drop_form_layout())
    root = config.invisibleRootContainer()
    root.clear()
    for title, names in FORM_TABS.items():
        present = [n for n in names if fields.indexOf(n) >= 0]
        if not present:
            continue
        tab = QgsAttributeEditorContainer(title, root)
        for name in present:
            tab.addChildElement(QgsAttributeEditorField(name, fields.indexOf(name), tab))
        root.addChildElement(tab)
    layer.setEditFormConfig(config)
