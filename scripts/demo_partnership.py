"""The demo's partnership: partners, sharing agreements and vetted people, made through the
vetting functions, then each data manager's imports through SCRIBE's import engine, and the
counts that show each person sees only what the agreements allow.

Passwords are made afresh on every run (secrets), kept in memory and given to libpq; they
are never printed, written to a file or put on a command line.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg

from scribe_plugin.core import vetting

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
POLICE = DATA / "police_uk" / "bedfordshire"
AREA = DATA / "boundaries" / "bedfordshire" / "merged" / "bedfordshire_lsoa_2011.gpkg"
SYNTHETIC = "SYNTHETIC"

PARTNERS = (  # code, name, kind
    ("beds_police", "Bedfordshire Police", "police"),
    ("beds_fire", f"Bedfordshire Fire and Rescue ({SYNTHETIC} data)", "fire_rescue"),
    ("luton_council", f"Luton Borough Council ({SYNTHETIC} ASB log)", "council"),
    ("bedford_council", "Bedford Borough Council", "council"))
SHARING = (  # owner, viewer, highest sensitivity shared
    ("beds_police", "beds_fire", 1), ("beds_police", "luton_council", 2),
    ("beds_police", "bedford_council", 1),
    ("beds_fire", "beds_police", 1), ("beds_fire", "luton_council", 1),
    ("beds_fire", "bedford_council", 1),
    ("luton_council", "beds_police", 2))
PURPOSES = ("Partnership tasking: hotspots and trends",
            "ASB problem profile for a problem-solving group (SARA)",
            "Response assessment for a partnership intervention")


@dataclass(frozen=True)
class Person:
    username: str
    partner: str
    role: str
    clearance: int
    restricted_ok: bool = False


ADMIN = Person("demo_admin", "bedford_council", "scribe_admin", 3)
POLICE_MANAGER = Person("demo_police_manager", "beds_police", "scribe_data_manager", 3, True)
FIRE_MANAGER = Person("demo_fire_manager", "beds_fire", "scribe_data_manager", 3, True)
LUTON_MANAGER = Person("demo_luton_manager", "luton_council", "scribe_data_manager", 3, True)
ANALYST = Person("demo_luton_analyst", "luton_council", "scribe_analyst", 2)
FIRE_VIEWER = Person("demo_fire_viewer", "beds_fire", "scribe_viewer", 1)
BEDFORD_VIEWER = Person("demo_bedford_viewer", "bedford_council", "scribe_viewer", 1)
PEOPLE = (ADMIN, POLICE_MANAGER, FIRE_MANAGER, LUTON_MANAGER, ANALYST, FIRE_VIEWER,
          BEDFORD_VIEWER)


def exists(conn, table: str, value: str) -> bool:
    query = {"partner": "SELECT 1 FROM scribe.partner WHERE code = %s",
             "app_user": "SELECT 1 FROM scribe.app_user WHERE username = %s"}[table]
    return conn.execute(query, (value,)).fetchone() is not None


def vet_person(conn, person: Person, password: str) -> str:
    """Request and approve (a new person) or set a new password (a returning one)."""
    if exists(conn, "app_user", person.username):
        vetting.reset_password(conn, person.username, password)
        return "new password"
    vetting.request_access(conn, person.username, person.partner, person.role,
                           person.clearance, dt.date.today() + dt.timedelta(days=365),
                           restricted_ok=person.restricted_ok)
    vetting.approve_access(conn, person.username, password)
    return "vetted"


def build_partnership(cluster) -> dict[str, str]:
    """Partners, agreements and people; returns this run's passwords (memory only)."""
    passwords = {p.username: secrets.token_urlsafe(18) for p in PEOPLE}
    # the database owner only bootstraps the first administrator...
    with psycopg.connect(cluster.admin_conninfo(), autocommit=True) as conn:
        code, name, kind = next(p for p in PARTNERS if p[0] == ADMIN.partner)
        if not exists(conn, "partner", code):
            vetting.add_partner(conn, code, name, kind)
        vet_person(conn, ADMIN, passwords[ADMIN.username])
    # ...who sets up everything else through the vetting functions
    with psycopg.connect(cluster.user_conninfo(ADMIN.username),
                         password=passwords[ADMIN.username], autocommit=True) as conn:
        for code, name, kind in PARTNERS:
            if not exists(conn, "partner", code):
                vetting.add_partner(conn, code, name, kind)
        for owner, viewer, level in SHARING:
            vetting.set_sharing(conn, owner, viewer, level)
        vetting.set_purpose_choices(conn, list(PURPOSES))
        for person in PEOPLE[1:]:
            state = vet_person(conn, person, passwords[person.username])
            print(f"   {person.username:22} {person.role:20} {person.partner:16} "
                  f"clearance {person.clearance}  ({state})")
    print(f"   {len(PARTNERS)} partners, {len(SHARING)} sharing agreements; administrator "
          f"{ADMIN.username}; passwords are new for this run and never shown")
    return passwords


def connect(cluster, person: Person, passwords: dict[str, str], purpose: str | None = None
            ) -> psycopg.Connection:
    conn = psycopg.connect(cluster.user_conninfo(person.username),
                           password=passwords[person.username])
    if purpose:
        vetting.declare_purpose(conn, purpose)
        conn.commit()
    return conn


@dataclass
class ImportLine:
    partner: str
    what: str
    files: int = 0
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    reasons: Counter = None  # type: ignore[assignment]

    def add(self, report) -> None:
        s = report.summary
        self.files += 1
        self.read += report.rows_read
        self.new += s.inserted
        self.updated += s.updated
        self.unchanged += s.unchanged
        self.quarantined += s.quarantined
        self.reasons = (self.reasons or Counter()) + report.reasons

    def show(self) -> None:
        print(f"   {self.partner:15} {self.what:44} {self.files:3} files {self.read:8,} read "
              f"{self.new:8,} new {self.updated:6,} updated {self.unchanged:8,} unchanged "
              f"{self.quarantined:6,} quarantined")
        for reason, n in (self.reasons or Counter()).most_common(4):
            print(f"   {'':15}   quarantined: {n:6,} x {reason}")


def import_partner_files(cluster, passwords: dict[str, str], synthetic: dict[str, Path]
                         ) -> list[ImportLine]:
    """Each data manager imports their own partner's files (the import dialog's engine)."""
    from scribe_plugin.core.importers import engine, outcomes, profiles
    from scribe_plugin.core.importers.coords import AreaFilter

    area = AreaFilter.from_file(AREA, buffer_m=100)  # the partnership's area (+100 m)
    lines = []
    with connect(cluster, POLICE_MANAGER, passwords) as conn:
        street = ImportLine("beds_police", "police.uk street crime and ASB (real)")
        for path in sorted((POLICE / "street").glob("*-street.csv")):
            street.add(engine.run_import(conn, path, profiles.get_profile("police_uk_street"),
                                         area=area))
            conn.commit()
        results = ImportLine("beds_police", "police.uk outcomes (real)")
        for path in sorted((POLICE / "outcomes").glob("*-outcomes.csv")):
            results.add(outcomes.run_outcome_import(conn, path))
            conn.commit()
        lines += [street, results]
    for person, key, profile, what in (
            (FIRE_MANAGER, "fire", "fire_incident", f"fire incidents, LFB layout ({SYNTHETIC})"),
            (LUTON_MANAGER, "asb", "council_asb_log", f"council ASB log ({SYNTHETIC})")):
        with connect(cluster, person, passwords) as conn:
            line = ImportLine(person.partner, what)
            line.add(engine.run_import(conn, synthetic[key], profiles.get_profile(profile),
                                       area=area))
            conn.commit()
            lines.append(line)
    for line in lines:
        line.show()
    return lines


VISIBLE_BY_PARTNER = ("SELECT p.code, count(*) FROM scribe.incident_public i "
                      "JOIN scribe.partner p USING (partner_id) GROUP BY 1 ORDER BY 1")
# what the agreements allow, worked out by the database owner from the tables themselves
ALLOWED_BY_PARTNER = """
SELECT p.code, count(*) FROM scribe.incident i JOIN scribe.partner p USING (partner_id),
       scribe.app_user u
 WHERE u.username = %s
   AND ((i.partner_id = u.partner_id AND i.sensitivity <= u.clearance)
        OR EXISTS (SELECT 1 FROM scribe.sharing_agreement a
                    WHERE a.owner_partner_id = i.partner_id
                      AND a.viewer_partner_id = u.partner_id
                      AND i.sensitivity <= least(a.max_sensitivity, u.clearance)))
 GROUP BY 1 ORDER BY 1"""


def role_counts(cluster, passwords: dict[str, str]) -> dict[str, dict[str, int]]:
    """Incidents each reader sees, by owning partner, next to what the agreements allow."""
    seen = {}
    with psycopg.connect(cluster.admin_conninfo(), autocommit=True) as admin:
        for person in (FIRE_VIEWER, BEDFORD_VIEWER, ANALYST):
            with connect(cluster, person, passwords, PURPOSES[0]) as conn:
                visible = dict(conn.execute(VISIBLE_BY_PARTNER).fetchall())
            allowed = dict(admin.execute(ALLOWED_BY_PARTNER, (person.username,)).fetchall())
            verdict = "= what the agreements allow" if visible == allowed else "MISMATCH"
            counts = ", ".join(f"{code} {n:,}" for code, n in visible.items())
            print(f"   {person.username:20} ({person.partner}, {person.role[7:]}, clearance "
                  f"{person.clearance}) sees {sum(visible.values()):7,}: {counts}  {verdict}")
            if visible != allowed:
                raise SystemExit(f"{person.username} sees {visible}, agreements allow {allowed}")
            seen[person.username] = visible
    return seen
