"""The taxonomy: consistent in itself, covers every label in the real partner data, and the
generated SQL seed is exactly what taxonomy.py says."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from scribe_plugin.core import taxonomy

from ..conftest import DATA, POLICE_STREET
from ..qgis_helpers import REPO


def test_taxonomy_is_consistent():
    assert taxonomy.validate() == []
    domains = {c.domain for c in taxonomy.CATEGORIES}
    assert domains == set(taxonomy.DOMAINS)
    # fire groups of the Incident Recording System, each with sub-types where they have them
    for group in ("fire.primary", "fire.secondary", "fire.chimney", "fire.false_alarm",
                  "fire.special_service"):
        assert taxonomy.category(group)
    assert {c.code for c in taxonomy.CATEGORIES if c.parent == "asb"} == {
        "asb.personal", "asb.nuisance", "asb.environmental"}


def test_every_police_uk_crime_type_in_the_real_files_maps(shared_data):
    types = set()
    for path in sorted(POLICE_STREET.glob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as f:
            types |= {row["Crime type"] for row in csv.DictReader(f)}
    assert len(types) == 14
    mapped = {t: taxonomy.map_label("police_uk_crime_type", t) for t in types}
    assert None not in mapped.values(), mapped
    assert mapped["Anti-social behaviour"] == "asb"
    assert len(set(mapped.values())) == 14  # one category per police.uk type


def test_every_fire_label_in_the_real_lfb_files_maps(shared_data):
    path = DATA / "fire" / "lfb_incident_sample" / "LFB Incident data.csv"
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        stop = taxonomy.map_label("fire_stop_code", row["StopCodeDescription"])
        assert stop is not None, row["StopCodeDescription"]
        if row["SpecialServiceType"]:
            assert taxonomy.map_label("fire_special_service_type", row["SpecialServiceType"])
        if stop == "fire.primary":
            assert taxonomy.map_label("fire_primary_property_category", row["PropertyCategory"])
    animals = DATA / "fire" / "lfb_animal_rescue" / \
        "Animal Rescue incidents attended by LFB from Jan 2009.csv"
    with open(animals, newline="", encoding="cp1252") as f:
        categories = {r["PropertyCategory"] for r in csv.DictReader(f)}
    assert all(taxonomy.map_label("fire_primary_property_category", c) for c in categories)


def test_labels_match_loosely_but_unknown_labels_do_not():
    assert taxonomy.map_label("police_uk_crime_type", "  burglary ") == "crime.burglary"
    assert taxonomy.map_label("asb_type", "FLY   TIPPING") == "asb.environmental"
    assert taxonomy.map_label("asb_type", "Littering from space") is None
    with pytest.raises(KeyError, match="unknown crosswalk scheme"):
        taxonomy.map_label("no_such_scheme", "x")


def test_generated_sql_matches_taxonomy():
    out = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_taxonomy_sql.py"),
                          "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
