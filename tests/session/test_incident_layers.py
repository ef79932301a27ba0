"""Incident layers through QGIS's postgres provider as real users: what each person sees is
what the sharing agreements say; filters count and load the same rows; hostile filter values
are refused or match literally and change nothing; layers are styled, described and
animatable, and carry no credential."""

from __future__ import annotations

import datetime as dt

import pytest
from qgis.core import QgsDataSourceUri, QgsFeatureRequest

from scribe_plugin.core.layer_filter import FilterError, IncidentFilter
from scribe_plugin.gui import incident_layer
from scribe_plugin.session import LAYER_PROPERTY

from .conftest import USERS

ALL = IncidentFilter(period="all")
JANUARY = IncidentFilter(period="custom", date_from=dt.date(2022, 1, 1),
                         date_to=dt.date(2022, 1, 31))
LUTON = ("POLYGON((505000 218000, 512000 218000, 512000 226000, 505000 226000, "
         "505000 218000))")


def loaded(session, incident_filter, today=None):
    layer = incident_layer.make_layer(session, incident_filter, today)
    request = QgsFeatureRequest()
    n = sum(1 for _ in layer.getFeatures(request))
    return layer, n


@pytest.mark.parametrize("user", list(USERS))
def test_each_user_loads_exactly_what_the_agreements_allow(layer_store, sign_in, user):
    session = sign_in(user)
    layer, n = loaded(session, ALL)
    expected = layer_store.expected_visible(user)
    assert expected > 0
    assert n == layer.featureCount() == expected
    where = incident_layer.where_clause(session, ALL)
    assert incident_layer.count_incidents(session.connection(),
                                          session.account.incident_table, where) == expected


def test_filters_load_what_an_independent_count_says(layer_store, sign_in):
    session = sign_in("police_cleared")  # clearance 3: sees all police rows
    cases = [
        (IncidentFilter(partners=("police",), categories=("crime.burglary",), period="custom",
                        date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 1, 31)),
         "p.code = 'police' AND category_code = 'crime.burglary' AND occurred_from >= "
         "'2022-01-01 00:00 Europe/London' AND occurred_from < '2022-02-01 00:00 "
         "Europe/London'"),
        (IncidentFilter(partners=("police",), categories=("crime",), period="all"),
         "p.code = 'police' AND category_code LIKE 'crime%'"),
        (IncidentFilter(partners=("police",), period="all").with_area(LUTON, "Luton"),
         "p.code = 'police' AND ST_Intersects(geom, ST_GeomFromText(%s, 27700))"),
    ]
    for incident_filter, where in cases:
        params = (LUTON,) if "%s" in where else ()
        expected = layer_store.admin_count(where, params)
        layer, n = loaded(session, incident_filter)
        assert 0 < n == expected, incident_filter
        assert incident_layer.count_incidents(
            session.connection(), "incident",
            incident_layer.where_clause(session, incident_filter)) == expected


def test_relative_periods_and_refresh_keep_the_filter(layer_store, sign_in):
    session = sign_in("police_analyst")
    last_month = IncidentFilter(partners=("police",), period="last_month")
    layer, n = loaded(session, last_month, today=dt.date(2022, 2, 14))
    visible_jan = layer_store.admin_count(
        "p.code = 'police' AND sensitivity <= 2 AND occurred_from >= "
        "'2022-01-01 00:00 Europe/London' AND occurred_from < '2022-02-01 00:00 Europe/London'")
    assert n == visible_jan > 0
    assert "01 Jan 2022 – 31 Jan 2022" in layer.name()
    # refresh a month later: same filter, the period moves on with the calendar
    again = incident_layer.refilter(layer, session, today=dt.date(2022, 3, 3))
    assert again == last_month
    assert "01 Feb 2022 – 28 Feb 2022" in layer.name()
    assert layer.featureCount() == layer_store.admin_count(
        "p.code = 'police' AND sensitivity <= 2 AND occurred_from >= "
        "'2022-02-01 00:00 Europe/London' AND occurred_from < '2022-03-01 00:00 Europe/London'")
    year_earlier = IncidentFilter(partners=("police",), period="last_month", year_earlier=True)
    assert loaded(session, year_earlier, today=dt.date(2023, 2, 14))[1] == visible_jan


HOSTILE_PARTNERS = ["police') OR TRUE --", "police'; DROP TABLE scribe.partner; --", "",
                    "POLICE", "police\x00"]
HOSTILE_CATEGORIES = ["crime.burglary' OR '1'='1", "crime%", "crime.burglary)--", "asb;"]
HOSTILE_AREAS = ["POLYGON((0 0, 1 0, 1 1, 0 0)); DROP TABLE scribe.partner; --",
                 "POINT(505000 218000)", "POLYGON((0 0, 1 0", "1=1"]


def test_hostile_filter_values_are_refused_or_literal_and_change_nothing(layer_store,
                                                                        sign_in):
    before = layer_store.state()
    session = sign_in("police_cleared")
    for value in HOSTILE_PARTNERS:
        with pytest.raises(FilterError, match="unknown partner"):
            incident_layer.make_layer(session, IncidentFilter(partners=(value,)))
    for value in HOSTILE_CATEGORIES:
        with pytest.raises(FilterError, match="unknown category"):
            incident_layer.make_layer(session, IncidentFilter(categories=(value,)))
    for value in HOSTILE_AREAS:
        with pytest.raises(FilterError, match="polygon"):
            incident_layer.make_layer(session, ALL.with_area(value, "x"))
    # text is searched for literally: quotes, wildcards and SQL match nothing
    for text in ("%' OR '1'='1", "'; DROP TABLE scribe.partner; --", "_", "%", "\\'"):
        layer, n = loaded(session, IncidentFilter(period="all", text=text))
        assert n == 0, text
    layer, n = loaded(session, IncidentFilter(period="all", text="broken WINDOW"))
    assert n == layer_store.admin_count("p.code IN ('police', 'fire', 'council') AND "
                                        "free_text ILIKE '%broken window%' AND "
                                        "(p.code <> 'council' OR sensitivity <= 2) AND "
                                        "(p.code <> 'fire' OR sensitivity <= 3)") > 0
    # people not cleared for the restricted columns cannot search them
    with pytest.raises(FilterError, match="clearance"):
        incident_layer.make_layer(sign_in("police_analyst"),
                                  IncidentFilter(period="all", text="window"))
    assert layer_store.state() == before


def test_layers_are_styled_described_animatable_and_carry_no_credential(sign_in):
    session = sign_in("police_cleared")
    layer, _ = loaded(session, JANUARY)
    assert layer.name().startswith("SCRIBE incidents: all partners · all categories · "
                                   "01 Jan 2022 – 31 Jan 2022")
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == \
        "category_code"
    labels = {c.value(): c.label() for c in renderer.categories()}
    assert labels["crime.burglary"] == "Burglary" and labels["asb"] == "Anti-social behaviour"
    colours = {c.value(): c.symbol().color().name() for c in renderer.categories()}
    assert len(set(colours.values())) == len(colours)  # one colour per category
    temporal = layer.temporalProperties()
    assert temporal.isActive() and temporal.startField() == "occurred_from"
    form = layer.editFormConfig()
    tabs = [c.name() for c in form.invisibleRootContainer().children()]
    assert tabs == ["Incident", "Place", "Source", "Narrative"]  # cleared: narrative too
    fields = layer.fields()
    assert fields.field("free_text").alias() == "Free text (restricted)"
    assert layer.editorWidgetSetup(fields.indexOf("category_code")).type() == "ValueMap"
    assert IncidentFilter.from_json(layer.customProperty(LAYER_PROPERTY)) == JANUARY
    source = QgsDataSourceUri(layer.source())
    assert source.authConfigId() == session.authcfg
    assert source.username() == "" and source.password() == ""
    feature = next(layer.getFeatures())
    assert feature["category_code"] in labels and feature["occurred_from"].isValid()
    # readers not cleared for restricted columns load the public view: no narrative tab
    viewer = sign_in("council_viewer")
    public, n = loaded(viewer, ALL)
    assert n > 0 and public.fields().indexOf("free_text") == -1
    assert "Narrative" not in [c.name() for c in
                               public.editFormConfig().invisibleRootContainer().children()]
