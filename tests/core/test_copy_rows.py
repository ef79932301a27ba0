"""Binary COPY formatting (copy_rows): psycopg's C row formatter gives the bytes psycopg's
Copy gives, streams split by label hold each row once, in order, and PostgreSQL reads them
back as they were sent."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from scribe_plugin.core import copy_rows
from scribe_plugin.core.copy_rows import SIGNATURE, TRAILER, BinaryCopyRows, joined

TYPES = ("text", "timestamptz", "bytea", "float8", "float4", "int2")
WHEN = dt.datetime(2023, 5, 1, 23, 0, tzinfo=dt.timezone.utc)


def columns(n: int) -> list[list]:
    return [[f"id-{i}" if i % 7 else None for i in range(n)],
            [WHEN + dt.timedelta(days=i) for i in range(n)],
            [bytes([i % 256]) * 25 if i % 5 else None for i in range(n)],
            [i / 3 for i in range(n)],
            [float(i % 100) for i in range(n)],
            [i % 4 for i in range(n)]]


@pytest.fixture()
def conn(dev_cluster):
    with psycopg.connect(dev_cluster.admin_conninfo("postgres")) as conn:
        yield conn


def test_the_c_formatter_gives_the_bytes_copy_gives(conn):
    assert copy_rows._format_row is not None  # this psycopg offers it: the fast path is tested
    rows, data = BinaryCopyRows(conn, TYPES), columns(300)
    labels = [i % 3 for i in range(300)]
    assert rows.format_by(data, labels) == \
        rows._format_through_copy(data, labels, list(dict.fromkeys(labels)))
    assert rows.format(data) == rows._format_through_copy(data, None, [None])[None]


def test_streams_by_label_read_back_as_sent(conn):
    rows, data = BinaryCopyRows(conn, TYPES), columns(50)
    labels = ["even" if i % 2 == 0 else "odd" for i in range(50)]
    streams = rows.format_by(data, labels)
    assert list(streams) == ["even", "odd"]
    conn.execute("CREATE TEMP TABLE back (t text, w timestamptz, b bytea, f float8, r float4, "
                 "s int2)")
    for label in ("odd", "even"):
        with conn.cursor().copy("COPY back FROM STDIN (FORMAT binary)") as copy:
            copy.write(streams[label])
    got = conn.execute("SELECT * FROM back").fetchall()
    sent = list(zip(*data))
    assert got == [row for i, row in enumerate(sent) if i % 2] + sent[::2]


def test_no_rows_is_a_valid_stream_and_streams_join(conn):
    rows = BinaryCopyRows(conn, TYPES)
    empty = rows.format([[] for _ in TYPES])
    assert bytes(empty) == SIGNATURE + TRAILER
    first, second = rows.format(columns(3)), rows.format(columns(5))
    both = joined(first, second)
    conn.execute("CREATE TEMP TABLE back (t text, w timestamptz, b bytea, f float8, r float4, "
                 "s int2)")
    with conn.cursor().copy("COPY back FROM STDIN (FORMAT binary)") as copy:
        copy.write(both)
    assert conn.execute("SELECT count(*) FROM back").fetchone()[0] == 8
    assert joined(None, second) is second and joined(first, None) is first
