"""The client side of the direct month COPY (016): records split by position, points as EWKB."""

from __future__ import annotations

import struct

import pytest

from scribe_plugin.core.store_load import (
    FRESH_COLUMNS,
    FRESH_COPY_TYPES,
    IncidentRecords,
    point_ewkb,
)


def test_points_are_ewkb_in_british_national_grid():
    out = point_ewkb([500_000.5, None], [230_000.25, None])
    assert out[1] is None
    order, kind, srid, x, y = struct.unpack("<BIidd", out[0])
    assert (order, kind, srid, x, y) == (1, 0x20000001, 27700, 500_000.5, 230_000.25)
    # what PostGIS gives: ST_AsEWKB(ST_SetSRID(ST_MakePoint(500000.5, 230000.25), 27700), 'NDR')
    assert out[0].hex() == "0101000020346c00000000000082841e410000000082130c41"


def test_a_point_with_one_coordinate_is_refused():
    with pytest.raises(ValueError, match="one coordinate"):
        point_ewkb([1.0, 2.0], [1.0, None])


def test_take_keeps_the_records_at_those_positions_and_empty_columns_empty():
    records = IncidentRecords(source_record_id=["a", "b", "c"],
                              category_code=["x", "y", "z"], occurred_from=[1, 2, 3],
                              x=[1.0, 2.0, 3.0], y=[4.0, 5.0, 6.0])
    picked = records.take([2, 0])
    assert (picked.source_record_id, picked.category_code, picked.x, picked.y) == \
        (["c", "a"], ["z", "x"], [3.0, 1.0], [6.0, 4.0])
    assert picked.free_text == [] and len(picked) == 2


def test_the_copy_columns_match_their_types():
    assert len(FRESH_COLUMNS) == len(FRESH_COPY_TYPES)
    assert FRESH_COPY_TYPES[FRESH_COLUMNS.index("geom")] == "bytea"
