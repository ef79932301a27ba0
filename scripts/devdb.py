"""A throwaway PostGIS cluster that SCRIBE starts for itself (dev, tests, demo).

It lives in a project-local, git-ignored folder (default ``.devdb/<name>``), listens on its own
port on 127.0.0.1 only, serves TLS with a CA and server certificate generated here, and accepts
TCP sign-ins only as ``hostssl ... scram-sha-256``. The bootstrap superuser ``postgres`` is
reachable only through the Unix socket in the cluster's own 0700 folder.

initdb refuses to run as root, so as root every server command runs as the ``postgres`` OS user.
Nothing here depends on a server someone started by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
DEFAULT_PORTS = {"dev": 55432, "test": 55433, "demo": 55434}


def _run(cmd: list[str], as_postgres: bool, **kwargs) -> subprocess.CompletedProcess:
    if as_postgres:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs)


@dataclass
class DevCluster:
    root: Path
    port: int
    dbname: str = "scribe"

    @property
    def as_root(self) -> bool:
        return os.geteuid() == 0

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "run"

    @property
    def tls_dir(self) -> Path:
        return self.root / "tls"

    @property
    def ca_cert(self) -> Path:
        return self.tls_dir / "ca.crt"

    @property
    def startup_log(self) -> Path:
        """What pg_ctl captures before the logging collector takes over."""
        return self.root / "postgresql.log"

    @property
    def log_file(self) -> Path:
        """The server log (the logging collector's file, as in production)."""
        return self.data_dir / "log" / "postgresql.log"

    # -- connection strings ---------------------------------------------------------------
    def admin_conninfo(self, dbname: str | None = None) -> str:
        """Superuser over the private Unix socket (schema installs and test set-up only)."""
        return (f"host={self.socket_dir} port={self.port} user=postgres "
                f"dbname={dbname or self.dbname}")

    def user_conninfo(self, user: str, dbname: str | None = None) -> str:
        """How an application user connects: TCP + TLS verify-full; password supplied apart."""
        return (f"host=localhost port={self.port} dbname={dbname or self.dbname} user={user} "
                f"sslmode=verify-full sslrootcert={self.ca_cert}")

    # -- lifecycle ------------------------------------------------------------------------
    def _pg(self, tool: str, *args: str) -> subprocess.CompletedProcess:
        return _run([str(PG_BIN / tool), *args], as_postgres=self.as_root)

    def is_running(self) -> bool:
        if not (self.data_dir / "PG_VERSION").exists():
            return False
        try:
            self._pg("pg_ctl", "-D", str(self.data_dir), "status")
            return True
        except subprocess.CalledProcessError:
            return False

    def _prepare_root(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.as_root:
            probe = subprocess.run(["runuser", "-u", "postgres", "--", "test", "-w",
                                    str(self.root)], check=False)
            if probe.returncode != 0:
                shutil.chown(self.root, "postgres", "postgres")
            parent = self.root
            while parent != parent.parent:  # postgres must be able to walk down to the folder
                parent = parent.parent
                if subprocess.run(["runuser", "-u", "postgres", "--", "test", "-x",
                                   str(parent)], check=False).returncode != 0:
                    raise SystemExit(
                        f"the postgres OS user cannot enter {parent}; clone SCRIBE somewhere "
                        "world-traversable (e.g. /opt or /srv) or set SCRIBE_DEVDB_ROOT")

    def _make_tls(self) -> None:
        if self.ca_cert.exists():
            return
        tls = self.tls_dir
        tls.mkdir(parents=True, exist_ok=True)
        ssl = ["openssl"]
        subprocess.run([*ssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "825",
                        "-subj", "/CN=SCRIBE dev CA", "-keyout", str(tls / "ca.key"),
                        "-out", str(self.ca_cert), "-addext", "basicConstraints=critical,CA:TRUE",
                        "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
                       check=True, capture_output=True)
        subprocess.run([*ssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                        "-keyout", str(tls / "server.key"), "-out", str(tls / "server.csr")],
                       check=True, capture_output=True)
        ext = tls / "server.ext"
        ext.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                       "extendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n")
        subprocess.run([*ssl, "x509", "-req", "-in", str(tls / "server.csr"), "-CA",
                        str(self.ca_cert), "-CAkey", str(tls / "ca.key"), "-CAcreateserial",
                        "-days", "825", "-extfile", str(ext), "-out", str(tls / "server.crt")],
                       check=True, capture_output=True)
        os.chmod(tls / "server.key", 0o600)
        os.chmod(tls / "ca.key", 0o600)
        if self.as_root:
            for name in ("server.key", "server.crt", "ca.crt"):
                shutil.chown(tls / name, "postgres", "postgres")

    def _initdb(self) -> None:
        self._pg("initdb", "-D", str(self.data_dir), "-U", "postgres", "--encoding=UTF8",
                 "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=reject")
        conf = f"""
# --- SCRIBE dev cluster (scripts/devdb.py) ---
port = {self.port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '{self.socket_dir}'
unix_socket_permissions = 0700
ssl = on
ssl_cert_file = '{self.tls_dir / "server.crt"}'
ssl_key_file = '{self.tls_dir / "server.key"}'
ssl_ca_file = '{self.ca_cert}'
ssl_min_protocol_version = 'TLSv1.2'
password_encryption = 'scram-sha-256'
shared_preload_libraries = 'auth_delay,pgaudit'
auth_delay.milliseconds = 250
logging_collector = on
log_directory = 'log'
log_filename = 'postgresql.log'
log_file_mode = 0640
log_line_prefix = '%m [%p] '
log_connections = on
log_min_error_statement = error
log_parameter_max_length = 0
log_parameter_max_length_on_error = 0
max_connections = 100
shared_buffers = 256MB
work_mem = 32MB
maintenance_work_mem = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
"""
        with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as f:
            f.write(conf)
        (self.data_dir / "pg_hba.conf").write_text(
            "# SCRIBE: superuser only through the private socket; everyone else TLS + SCRAM.\n"
            "local   all  postgres                 trust\n"
            "hostssl all  all       127.0.0.1/32    scram-sha-256\n"
            "hostssl all  all       ::1/128         scram-sha-256\n")

    def start(self) -> DevCluster:
        if self.is_running():
            return self
        self._prepare_root()
        self._make_tls()
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb()
        self.socket_dir.mkdir(exist_ok=True)
        if self.as_root:
            for path in (self.socket_dir, self.data_dir):
                shutil.chown(path, "postgres", "postgres")
            if self.startup_log.exists():
                shutil.chown(self.startup_log, "postgres", "postgres")
        os.chmod(self.socket_dir, 0o700)
        try:
            self._pg("pg_ctl", "-D", str(self.data_dir), "-l", str(self.startup_log), "-w",
                     "-t", "60", "start")
        except subprocess.CalledProcessError as error:
            tail = self.startup_log.read_text(errors="replace")[-2000:] \
                if self.startup_log.exists() else ""
            raise SystemExit(f"PostgreSQL did not start: {error.stderr}\n{tail}") from error
        return self

    def stop(self) -> None:
        if self.is_running():
            self._pg("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")

    def cpu_seconds(self, settle_timeout: float = 3.0) -> float | None:
        """CPU time the server has used so far: the postmaster, the backends and background
        processes it has reaped (its children's times) and those still running. The
        difference over a run is the server's share of it; None off Linux or when down.

        One read takes the postmaster first and its running children after, so a backend
        reaped in between is in neither (a benchmark side's server CPU once read 0.2 s
        instead of 10): reads repeat until two 0.1 s apart agree."""
        last = self._cpu_seconds_once()
        deadline = time.monotonic() + settle_timeout
        while last is not None and time.monotonic() < deadline:
            time.sleep(0.1)
            now = self._cpu_seconds_once()
            if now is not None and abs(now - last) < 0.005:
                return now
            last = now
        return last

    def _cpu_seconds_once(self) -> float | None:
        try:
            postmaster = int((self.data_dir / "postmaster.pid").read_text().split()[0])
            own = _stat_fields(Path(f"/proc/{postmaster}/stat"))
            if own is None:
                return None
            total = sum(int(v) for v in own[11:15])  # utime, stime, reaped children's too
            for stat in Path("/proc").glob("[0-9]*/stat"):
                fields = _stat_fields(stat)
                if fields and int(fields[1]) == postmaster:  # (state, ppid, ...)
                    total += int(fields[11]) + int(fields[12])
            return total / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def wipe(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        out = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql,
                              self.admin_conninfo(dbname)], check=True, text=True,
                             capture_output=True)
        return out.stdout.strip()

    def create_database(self, dbname: str | None = None, recreate: bool = False) -> str:
        """Create ``dbname`` with PostGIS; with ``recreate`` drop it first (test sessions)."""
        dbname = dbname or self.dbname
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_conninfo("postgres"), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (dbname,)).fetchone()
            if exists and recreate:
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)")
                             .format(sql.Identifier(dbname)))
                exists = None
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
        return dbname

    def apply_schema(self, dbname: str | None = None) -> list[str]:
        sys.path.insert(0, str(REPO))
        from scribe_plugin.core.migrations import apply_migrations

        applied = apply_migrations(self.admin_conninfo(dbname), REPO / "server_schema",
                                   log=lambda m: print(f"[dev_db] {m}"))
        return [m.path.name for m in applied]


def _stat_fields(stat: Path) -> list[str] | None:
    """/proc/<pid>/stat after the command name (which may hold spaces), or None if gone."""
    try:
        return stat.read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _port_free(port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def cluster(name: str = "dev", port: int | None = None) -> DevCluster:
    """The named cluster. Its port is remembered in its folder; a new cluster whose default
    port is taken (another clone's cluster, another service) gets the next free one."""
    base = Path(os.environ.get("SCRIBE_DEVDB_ROOT", REPO / ".devdb"))
    root = base / name
    port_file = root / "port"
    if port is None and port_file.exists():
        port = int(port_file.read_text().strip())
    if port is None:
        port = DEFAULT_PORTS.get(name, 55432)
        if not (root / "data" / "PG_VERSION").exists():
            while not _port_free(port):
                port += 10
        root.mkdir(parents=True, exist_ok=True)
        port_file.write_text(f"{port}\n")
    return DevCluster(root=root, port=port)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/dev_db", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["start", "stop", "wipe", "status", "url"])
    parser.add_argument("--name", default="dev", help="cluster name (folder under .devdb/)")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--db", default="scribe")
    args = parser.parse_args(argv)
    c = cluster(args.name, args.port)
    c.dbname = args.db
    if args.command == "start":
        t0 = time.time()
        c.start()
        c.create_database()
        applied = c.apply_schema()
        print(f"[dev_db] running on port {c.port} ({time.time() - t0:.1f}s); "
              f"migrations applied now: {len(applied)}")
        print(f"[dev_db] admin:  psql \"{c.admin_conninfo()}\"")
        print(f"[dev_db] users:  {c.user_conninfo('<user>')}")
    elif args.command == "stop":
        c.stop()
        print("[dev_db] stopped")
    elif args.command == "wipe":
        c.wipe()
        print(f"[dev_db] wiped {c.root}")
    elif args.command == "status":
        print("running" if c.is_running() else "stopped")
    elif args.command == "url":
        print(c.admin_conninfo())
    return 0


if __name__ == "__main__":
    sys.exit(main())
