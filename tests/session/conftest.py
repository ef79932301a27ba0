"""A store for sign-in and layer tests: real partner files imported through the engine by
their data managers, sensitivities spread over the rows, users of each partner and role, and
people who are pending, suspended or lapsed. Also the OS keyring: a private D-Bus session
with GNOME Keyring's Secret Service, the same backend a Linux desktop uses."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess

import psycopg
import pytest

from scribe_plugin.core import vetting
from scribe_plugin.core.auth import ServerProfile

from ..conftest import POLICE_STREET, migrated_database
from ..qgis_helpers import unlock_qgis_auth_database
from ..store_helpers import Store

PASSWORD = "Layer-test-password-17"  # noqa: S105 (throwaway users in the test cluster)
FUTURE = dt.date.today() + dt.timedelta(days=200)
PARTNERS = {"police": "police", "fire": "fire_rescue", "council": "council"}
# owner -> viewer -> highest sensitivity shared
SHARING = {("police", "council"): 1, ("police", "fire"): 2, ("fire", "police"): 3,
           ("council", "police"): 2}
# user -> (partner, role, clearance, restricted_ok)
USERS = {
    "police_analyst": ("police", "scribe_analyst", 2, False),
    "police_cleared": ("police", "scribe_analyst", 3, True),
    "council_viewer": ("council", "scribe_viewer", 1, False),
    "fire_viewer": ("fire", "scribe_viewer", 3, False),
}
MONTHS = ("2022-01", "2022-02")


class LayerStore(Store):
    def manager(self, partner: str):  # roles are cluster-wide: not import_store's managers
        return psycopg.connect(self.cluster.user_conninfo(f"lay_{partner}_manager", self.name),
                               password="Importer-test-password-1")

    def profile(self, **changes) -> ServerProfile:
        values = {"name": "Test store", "host": "localhost", "port": self.cluster.port,
                  "dbname": self.name, "sslmode": "verify-full",
                  "sslrootcert": str(self.cluster.ca_cert)}
        values.update(changes)
        return ServerProfile(**values)

    def expected_visible(self, user: str) -> int:
        """What the sharing agreements allow ``user`` to see, counted here from the
        agreements above and the rows as the superuser sees them (not through RLS)."""
        partner, _, clearance, _ = USERS[user]
        allowed = {partner: clearance}
        for (owner, viewer), level in SHARING.items():
            if viewer == partner:
                allowed[owner] = min(level, clearance)
        with self.admin() as conn:
            rows = conn.execute("SELECT p.code, i.sensitivity, count(*) FROM scribe.incident i "
                                "JOIN scribe.partner p USING (partner_id) GROUP BY 1, 2")
            return sum(n for code, s, n in rows if code in allowed and s <= allowed[code])

    def admin_count(self, where: str, params=()) -> int:
        with self.admin() as conn:
            query = ("SELECT count(*) FROM scribe.incident i JOIN scribe.partner p "
                     f"USING (partner_id) WHERE {where}")  # the tests' own fixed conditions
            return conn.execute(query, params or None).fetchone()[0]


@pytest.fixture(scope="session")
def layer_store(dev_cluster, shared_data) -> LayerStore:
    name = "scribe_layers"
    store = LayerStore(dev_cluster, name)
    with psycopg.connect(migrated_database(dev_cluster, name), autocommit=True) as conn:
        for code, kind in PARTNERS.items():
            vetting.add_partner(conn, code, f"{code.title()} partner", kind)
            vetting.request_access(conn, f"lay_{code}_manager", code, "scribe_data_manager",
                                   3, FUTURE, restricted_ok=True)
            vetting.approve_access(conn, f"lay_{code}_manager", "Importer-test-password-1")
        for (owner, viewer), level in SHARING.items():
            vetting.set_sharing(conn, owner, viewer, level)
        for user, (partner, role, clearance, restricted) in USERS.items():
            vetting.request_access(conn, user, partner, role, clearance, FUTURE, restricted)
            vetting.approve_access(conn, user, PASSWORD)
        vetting.set_purpose_choices(conn, ["Weekly tasking and coordination",
                                           "Problem profile (SARA)",
                                           "Partnership strategic assessment"])
    for month in MONTHS:
        store.run("police", POLICE_STREET / f"{month}-bedfordshire-street.csv",
                  "police_uk_street")
    store.run("fire", shared_data / "fire/lfb_incident_sample/LFB Incident data.csv",
              "fire_incident")
    store.run("council", shared_data / "asb/lancashire/lancashire_asb.tab", "police_asb_points")
    with store.admin() as conn:  # sensitivities 0-3 spread over every partner's rows
        conn.execute("UPDATE scribe.incident SET sensitivity = (incident_id % 4)::smallint")
        conn.execute("UPDATE scribe.incident SET free_text = 'Caller reports ' || "
                     "CASE WHEN incident_id % 50 = 0 THEN 'a broken window' ELSE 'noise' END, "
                     "exact_address = incident_id || ' Example Street' "
                     "WHERE incident_id % 5 = 0")
        conn.commit()
    return store


@pytest.fixture(scope="session")
def os_keyring(tmp_path_factory):
    """keyring backed by a real Secret Service (GNOME Keyring) on a private D-Bus session."""
    import keyring
    from keyring.backends import SecretService

    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: scripts/setup installs dbus and gnome-keyring")
    home = tmp_path_factory.mktemp("keyring_home")
    runtime = tmp_path_factory.mktemp("keyring_runtime")
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = bus.stdout.readline().strip()
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "HOME": str(home),
           "XDG_RUNTIME_DIR": str(runtime), "XDG_DATA_HOME": str(home / "data")}
    daemon = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets",
                             "--daemonize"], input=b"keyring-unlock-password", env=env,
                            capture_output=True, timeout=30, check=True)
    pids = [int(line.split("=")[1]) for line in daemon.stdout.decode().splitlines()
            if line.startswith("GNOME_KEYRING_PID=")]
    previous_address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    previous = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())
    yield keyring.get_keyring()
    keyring.set_keyring(previous)
    if previous_address is None:
        os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
    else:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = previous_address
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    bus.terminate()
    bus.wait(timeout=10)
    bus.stdout.close()


@pytest.fixture()
def no_os_keyring():
    """What a headless Linux has: keyring's 'fail' backend."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture()
def sign_in(layer_store, qgis_app):
    """sign_in(user) -> a ScribeSession signed in with a declared purpose; all signed out
    at the end of the test."""
    from scribe_plugin.session import ScribeSession

    unlock_qgis_auth_database()
    sessions = []

    def _sign_in(user: str, purpose: str | None = "Layer tests for the partnership"):
        session = ScribeSession()
        session.sign_in(layer_store.profile(), user, PASSWORD)
        if purpose:
            session.declare_purpose(purpose)
        sessions.append(session)
        return session

    yield _sign_in
    for session in sessions:
        session.sign_out()
