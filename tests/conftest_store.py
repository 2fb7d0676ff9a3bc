"""Fixtures of the store tests: a SQLite file per test and a PostgreSQL server for the session.

The PostgreSQL server is Debian's ``postgresql`` package started in a temporary directory on a free
local port (or the server named by ``GCPCALC_TEST_PG_URL``). Without the binaries the PostgreSQL tests
are skipped locally, and fail when ``CI=true``: a missing install step cannot hide.

Import the fixtures into a test module with ``from conftest_store import *``.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

__all__ = ["pg_server", "db_url", "sqlite_url", "minimal_assessment_dict"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-c", " ".join(cmd)]


def _missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server():
    """The URL of an empty-able PostgreSQL server database (``postgresql+psycopg://...``)."""
    url = os.environ.get("GCPCALC_TEST_PG_URL", "").strip()
    if url:
        yield url
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _missing("psycopg is not installed (pip install 'gcpcalc[postgres]')")
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        _missing("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb); "
                 "run scripts/install-system-deps.sh as root")
    bindir = Path(initdbs[-1]).parent
    if os.geteuid() == 0:
        try:
            import pwd

            pw = pwd.getpwnam("postgres")
        except KeyError:
            _missing("running as root and there is no 'postgres' user to run the server")
    base = Path(tempfile.mkdtemp(prefix="gcpcalc-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        os.chown(base, pw.pw_uid, pw.pw_gid)
        os.chown(sock, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    log = base / "server.log"

    def run(cmd):
        return subprocess.run(_as_postgres(cmd), capture_output=True, text=True, timeout=120)

    r = run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
             "--locale=C.UTF-8" if Path("/usr/lib/locale/C.utf8").exists() else "--no-locale"])
    if r.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"initdb failed: {r.stderr or r.stdout}")
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
    r = run([str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w", "-t", "60", "start"])
    if r.returncode != 0:
        detail = log.read_text(errors="replace") if log.exists() else r.stderr
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {detail}")
    try:
        import psycopg

        for _ in range(50):
            try:
                with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres",
                                     autocommit=True) as conn:
                    conn.execute("CREATE DATABASE gcpcalc")
                break
            except psycopg.OperationalError:
                time.sleep(0.2)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/gcpcalc"
    finally:
        run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(base, ignore_errors=True)


def _fresh_pg_database(server_url: str) -> str:
    """A new empty database on the server, so every test starts from an empty store."""
    import psycopg
    import sqlalchemy as sa

    u = sa.engine.make_url(server_url)
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password,
                         dbname=u.database, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return u.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """The URL of an empty store, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return _fresh_pg_database(request.getfixturevalue("pg_server"))


def minimal_assessment_dict(name: str = "Kita Kogyo", period_end: str = "2025-03-31",
                            period_start: str = "2024-04-01", **org) -> dict:
    """A small valid assessment: two inflows, two outflows (masses chosen for hand computation)."""
    return {
        "organisation": {"name": name, "period_start": period_start, "period_end": period_end, **org},
        "inflows": [
            {"line_id": "IN-1", "material": "steel", "mass": 100, "mass_unit": "t", "recycled_postconsumer_pct": 30,
             "business_unit": "Plant A"},
            {"line_id": "IN-2", "material": "plastics", "mass": 50000, "mass_unit": "kg", "renewable_pct": 40,
             "sustainably_sourced_pct": 50, "business_unit": "Plant B"},
        ],
        "outflows": [
            {"line_id": "OUT-1", "flow_type": "waste", "mass": 20, "destination": "recycling",
             "business_unit": "Plant A"},
            {"line_id": "OUT-2", "flow_type": "waste", "mass": 10, "destination": "landfill"},
        ],
        "energy": [{"line_id": "E-1", "carrier": "electricity", "amount": 1000, "energy_unit": "MWh",
                    "renewable": True}],
    }


def save_worker(url: str, name: str, period_end: str, count: int, author: str) -> list[int]:
    """Save the same assessment ``count`` times (run in a separate process); the revision numbers got."""
    from gcpcalc.models import load_assessment
    from gcpcalc.store import Store

    assessment = load_assessment(minimal_assessment_dict(name=name, period_end=period_end))
    store = Store(url)
    try:
        return [store.save(assessment, author=author, comment=f"{author} #{i}", indicators={}).number
                for i in range(count)]
    finally:
        store.close()
