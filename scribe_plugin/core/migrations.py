"""Apply ``server_schema/NNN_name.sql`` migrations in order, each in one transaction.

A version table records what was applied (with a checksum, so an edited migration is caught);
re-running is a no-op; a failing file rolls back completely and leaves the table unchanged.
Raw psycopg is used on purpose: SQL files contain ``::casts`` and ``$$`` bodies that a
bind-parameter parser would misread. Files are trusted code shipped with SCRIBE, never user input.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

VERSION_TABLE = "public.scribe_schema_version"
_VERSION_IDENT = sql.Identifier("public", "scribe_schema_version")
_FILE_PATTERN = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_LOCK_KEY = 0x5C21BE  # advisory lock so two installers never interleave


class MigrationError(RuntimeError):
    """A migration could not be applied; the message names the file and what to do."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def discover(folder: Path) -> list[Migration]:
    """All migration files in ``folder``, ordered; refuses gaps, duplicates and odd names."""
    found: dict[int, Migration] = {}
    for path in sorted(Path(folder).glob("*.sql")):
        match = _FILE_PATTERN.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files must be named NNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise MigrationError(f"{path.name}: version {version} is used twice "
                                 f"(also {found[version].path.name})")
        found[version] = Migration(version, match.group(2), path)
    ordered = [found[v] for v in sorted(found)]
    for expected, migration in enumerate(ordered, start=1):
        if migration.version != expected:
            raise MigrationError(f"{migration.path.name}: expected version {expected:03d} next; "
                                 "migration numbers must have no gaps")
    return ordered


def _ensure_version_table(conn: psycopg.Connection) -> None:
    conn.execute(sql.SQL("""
        CREATE TABLE IF NOT EXISTS {} (
            version    integer PRIMARY KEY,
            name       text NOT NULL,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text NOT NULL DEFAULT current_user
        )""").format(_VERSION_IDENT))


def applied_versions(conn: psycopg.Connection) -> dict[int, str]:
    """version -> checksum of what the database has recorded."""
    exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (VERSION_TABLE,)).fetchone()[0]
    if not exists:
        return {}
    rows = conn.execute(sql.SQL("SELECT version, checksum FROM {}")
                        .format(_VERSION_IDENT)).fetchall()
    return dict(rows)


def _error_line(script: str, error: psycopg.Error) -> str:
    position = getattr(error.diag, "statement_position", None)
    if position:
        line = script[: int(position)].count("\n") + 1
        return f" (line {line})"
    return ""


def apply_migrations(conninfo: str, folder: Path, log=print) -> list[Migration]:
    """Apply pending migrations from ``folder``; returns the ones applied now."""
    migrations = discover(folder)
    applied_now: list[Migration] = []
    with psycopg.connect(conninfo, autocommit=True) as conn:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            _ensure_version_table(conn)
        done = applied_versions(conn)
        for migration in migrations:
            recorded = done.get(migration.version)
            if recorded is not None:
                if recorded != migration.checksum:
                    raise MigrationError(
                        f"{migration.path.name}: changed after it was applied; never edit an "
                        "applied migration, add a new numbered file instead")
                continue
            script = migration.sql
            try:
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                    conn.execute(script)
                    conn.execute(
                        sql.SQL("INSERT INTO {} (version, name, checksum) VALUES (%s, %s, %s)")
                        .format(_VERSION_IDENT),
                        (migration.version, migration.name, migration.checksum))
            except psycopg.Error as error:
                message = (error.diag.message_primary or str(error)).strip()
                raise MigrationError(
                    f"{migration.path.name}{_error_line(script, error)}: {message}. Nothing from "
                    "this file was applied; fix it and run the migrations again.") from error
            log(f"applied {migration.path.name}")
            applied_now.append(migration)
    return applied_now


def schema_version(conninfo: str) -> int:
    with psycopg.connect(conninfo) as conn:
        versions = applied_versions(conn)
    return max(versions, default=0)
