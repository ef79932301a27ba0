"""Dates by the profile's explicit formats, Excel's two date systems, spatial files in any
CRS, and profiles that save, load and detect."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from scribe_plugin.core.importers import engine, profiles, readers
from scribe_plugin.core.importers.dates import DateParser, DateSpec
from scribe_plugin.core.importers.errors import ImportFileError
from scribe_plugin.core.store_load import HASH_BLOCK, file_sha256, file_sha256_in_background

from ..conftest import DATA

UTC = dt.timezone.utc


def test_day_first_is_decided_by_the_profile_for_the_whole_column():
    """pandas' per-value inference reads '12/01/2021' as 1 December and '13/01/2021' as
    13 January in one column; SCRIBE's profile says day first and means it."""
    import pandas as pd

    cells = ["12/01/2021", "13/01/2021"]
    inferred = [pd.to_datetime(c).date() for c in cells]
    assert inferred[0].month != inferred[1].month  # the trap is real
    parser = DateParser(DateSpec("d", ("%d/%m/%Y",)))
    parsed = [parser.parse(c) for c in cells]
    assert [p.astimezone(dt.timezone.utc).date().isoformat() for p in parsed] == \
        ["2021-01-12", "2021-01-13"]
    us = DateParser(DateSpec("d", ("%m/%d/%Y",)))
    assert isinstance(us.parse("13/01/2021"), str)  # refused, never re-read day first


def test_separate_time_columns_time_zones_and_iso_offsets():
    spec = DateSpec("d", ("%d %b %Y",), time_column="t")
    parser = DateParser(spec)
    assert parser.parse("01 Jul 2021", "14:05:09") == dt.datetime(2021, 7, 1, 13, 5, 9,
                                                                  tzinfo=UTC)  # BST
    assert "no time" in parser.parse("01 Jul 2021", None)
    iso = DateParser(DateSpec("d", ("iso",)))
    assert iso.parse("2022-03-04T10:00:00+02:00") == dt.datetime(2022, 3, 4, 8, tzinfo=UTC)
    assert iso.parse("2022-03-04") == dt.datetime(2022, 3, 4, tzinfo=UTC)  # GMT in March


@pytest.mark.parametrize("epoch, serial, expected", [
    (dt.datetime(1899, 12, 30), 43831, dt.date(2020, 1, 1)),   # the 1900 system
    (dt.datetime(1904, 1, 1), 43831, dt.date(2024, 1, 2)),     # the 1904 (old Mac) system
    (dt.datetime(1899, 12, 30), 1, dt.date(1900, 1, 1)),       # before Excel's phantom 29 Feb
])
def test_excel_serial_dates_follow_the_workbooks_date_system(epoch, serial, expected):
    parser = DateParser(DateSpec("d", ("excel",), timezone="UTC"), excel_epoch=epoch)
    assert parser.parse(serial).date() == expected


def asb_profile(date_format) -> profiles.Profile:
    data = profiles.get_profile("council_asb_log").to_dict()
    data["occurred"]["format"] = date_format
    data["occurred_to"]["format"] = date_format
    return profiles.Profile.from_dict(data)


ASB_HEADER = ["Reference", "ASB type", "Date from", "Time from", "Date to", "Time to",
              "Easting", "Northing", "Address", "Ward code", "Notes"]


@pytest.mark.parametrize("date_system", ["1900", "1904"])
def test_xlsx_council_log_with_date_cells_and_serial_numbers(tmp_path, date_system):
    book = openpyxl.Workbook()
    if date_system == "1904":
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(ASB_HEADER)
    sheet.append(["A1", "Noise", dt.datetime(2023, 5, 2), "22:15", dt.datetime(2023, 5, 3),
                  "01:00", 512000, 235000, "1 High St", "E05000001", None])
    serial = 45048 if date_system == "1900" else 45048 - 1462  # both 2023-05-01
    sheet.append(["A2", "Graffiti", serial, None, serial, None, 512100, 235100, None, None,
                  None])
    path = tmp_path / f"asb_{date_system}.xlsx"
    book.save(path)
    source = readers.open_source(path)
    assert source.kind == "excel" and source.header == ASB_HEADER
    report = engine.check_file(path, asb_profile(["excel", "%d/%m/%Y"]))
    assert (report.rows_read, report.rows_valid) == (2, 2), report.first_rejects


def test_a_workbook_that_would_expand_hugely_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (300 << 20) + b">")
    with pytest.raises(ImportFileError, match="zip bomb"):
        readers.open_source(path)


def test_spatial_files_in_any_crs_import_as_british_national_grid(tmp_path, shared_data):
    import geopandas as gpd
    import shapely

    frame = gpd.GeoDataFrame(
        {"Reference": ["S1", "S2", "S3"], "ASB type": ["Litter", "Begging", "Noise"],
         "Date from": ["01/06/2023"] * 3, "Time from": ["10:00"] * 3,
         "Date to": [None] * 3, "Time to": [None] * 3, "Address": [None] * 3,
         "Ward code": [None] * 3, "Notes": [None] * 3},
        geometry=[shapely.Point(-0.47, 52.13), shapely.Point(-0.41, 51.88), None],
        crs="EPSG:4326")
    data = profiles.get_profile("council_asb_log").to_dict()
    data["points"] = [{"geometry": True}]
    data["name"] = "council_asb_spatial"
    profile = profiles.Profile.from_dict(data)
    expected = frame.to_crs(27700)
    for name, driver in (("asb.gpkg", "GPKG"), ("asb.geojson", "GeoJSON"),
                         ("asb.shp", "ESRI Shapefile")):
        path = tmp_path / name
        frame.to_file(path, driver=driver)
        source = readers.open_source(path)
        assert source.kind == "spatial"
        report = engine.check_file(path, profile)
        assert (report.rows_read, report.rows_valid, report.rows_without_location) == (3, 3, 1)
        first = next(readers.open_source(path).chunks())
        assert abs(first.x[0] - (-0.47)) < 1e-9
    assert abs(expected.geometry[0].x - 501_000) < 10_000


def test_profiles_round_trip_save_and_detect(tmp_path):
    for profile in profiles.builtin_profiles():
        assert profiles.Profile.from_dict(profile.to_dict()) == profile
    custom = profiles.get_profile("council_asb_log").to_dict()
    custom.update(name="luton_asb", title="Luton Borough Council ASB", partner="council",
                  detect=custom["detect"] + ["Case officer"])
    saved = profiles.save_profile(profiles.Profile.from_dict(custom), tmp_path)
    assert json.loads(saved.read_text())["partner"] == "council"
    header = ASB_HEADER + ["Case officer"]
    found = profiles.detect_profile(header, profiles.all_profiles(tmp_path))
    assert found.name == "luton_asb"
    assert profiles.detect_profile(ASB_HEADER, profiles.all_profiles(tmp_path)).name == \
        "council_asb_log"
    with pytest.raises(profiles.ProfileError, match="built-in"):
        profiles.save_profile(profiles.get_profile("police_uk_street"), tmp_path)
    bad = dict(custom, name="bad", category={"column": "ASB type", "scheme": "nope"})
    with pytest.raises(profiles.ProfileError, match="unknown scheme 'nope'"):
        profiles.Profile.from_dict(bad)
    with pytest.raises(profiles.ProfileError, match="unknown keys"):
        profiles.Profile.from_dict(dict(custom, colour="red"))


def test_a_quick_look_reads_only_the_head_and_a_character_cut_there_is_no_fault(tmp_path):
    from scribe_plugin.core.importers import text_format

    head = text_format.HEAD_BLOCKS * text_format.BLOCK
    prefix = b"id,place\n"
    filler = head - 1 - len(prefix) - 2  # the pound sign's two bytes straddle the head's end
    lines = (filler - 4) // 4
    body = prefix + b"1,x\n" * lines + b"1," + b"x" * (filler - 4 * lines - 3) + b"\n"
    body += "2,£ and more\n".encode()
    assert body[head - 1:head + 1] == "£".encode()
    path = tmp_path / "big.csv"
    path.write_bytes(body + b"3,\xff\n")  # beyond the head: not UTF-8
    quick = text_format.inspect(path, whole_file=False)
    assert (quick.encoding, quick.delimiter) == ("utf-8", ",")
    assert quick.checked_bytes == head < quick.size
    whole = text_format.inspect(path)
    assert whole.encoding == "cp1252"
    assert whole.checked_bytes == whole.size


def _whole_file_verdict(data: bytes) -> str | None:
    """The encoding a file is, decoding it in one go: what the block-wise pass must find."""
    for enc in ("utf-8", "cp1252"):
        try:
            data.decode(enc)
            return enc
        except UnicodeDecodeError:
            pass
    return None


@pytest.mark.parametrize("tail", [
    b"",                    # all ASCII: no block is decoded
    b"\xc3",                # a character's first byte ends block one, block two is ASCII
    "£".encode(),           # a character cut across the blocks
    b"\xa3",                # a Windows-1252 pound sign
    b"\x81",                # defined in neither encoding
])
def test_ascii_blocks_skip_decoding_but_the_verdict_is_the_whole_files(tmp_path, tail):
    from scribe_plugin.core.importers import text_format

    block = text_format.BLOCK
    first = b"id,place\n" + b"1,x\n" * ((block - 9) // 4)
    first += b"y" * (block - len(first) - 1)
    data = first + tail + b"\n2,plain ascii\n" * 1000
    path = tmp_path / "blocks.csv"
    path.write_bytes(data)
    assert data[block - 1:block] == tail[:1] or not tail
    expected = _whole_file_verdict(data)
    if expected is None:
        with pytest.raises(ImportFileError, match=f"offset {block - 1:,}"):
            text_format.inspect(path)
    else:
        assert text_format.inspect(path).encoding == expected


@pytest.mark.parametrize("relative", [
    "police_uk/bedfordshire/street/2021-05-bedfordshire-street.csv",
    "asb/lancashire/lancashire_ward_pop.xlsx",
    "asb/lancashire/lancashire_wards.gpkg",
    "fire/lfb_animal_rescue/Animal Rescue incidents attended by LFB from Jan 2009.csv",
])
def test_every_reader_records_the_files_own_sha256(relative):
    """The hash is worked out on a thread beside the reading (readers.open_source): it must
    still be the whole file's, for text (any encoding), workbooks and spatial files alike;
    a quick look (the dialog's preview) has none."""
    import hashlib

    path = DATA / relative
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    assert readers.open_source(path).sha256 == expected
    if path.suffix == ".csv":
        assert readers.open_source(path, whole_file=False).sha256 == ""
    if relative.startswith("police_uk"):  # and what a check or an import records
        report = engine.check_file(path, profiles.get_profile("police_uk_street"))
        assert report.sha256 == expected


@pytest.mark.parametrize("size", [0, 1, HASH_BLOCK, HASH_BLOCK + 7])
def test_the_file_hash_is_the_whole_files_at_any_size(tmp_path, size):
    import hashlib
    import random

    data = random.Random(size).randbytes(size)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()
    assert file_sha256_in_background(path).result() == hashlib.sha256(data).hexdigest()
