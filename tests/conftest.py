"""Fixtures shared by every test.

Database tests run twice: on a fresh SQLite file and on PostgreSQL (the URL in
GONGKAI_TEST_PG, which `.ci/run` sets after starting a throwaway cluster).
Off CI without PostgreSQL the second run is skipped with its reason; on CI
(CI=true) a missing PostgreSQL fails the run instead."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from core.session import open_ready
from core.store import db as core_db
from core.store import settings
from tests import REPO

PG_ENV = "GONGKAI_TEST_PG"


def _reset_postgres(url: str) -> None:
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    conn.close()


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """No test touches the officer's real database, even one that does not ask
    for a database fixture."""
    monkeypatch.setenv("GONGKAI_DB", f"sqlite:///{tmp_path / 'isolated.db'}")
    monkeypatch.setenv("GONGKAI_HOME", str(REPO))  # read only: a test that writes takes `office`
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the TUI's remembered preferences
    monkeypatch.delenv("GONGKAI_TODAY", raising=False)


def fresh_postgres() -> str:
    """The test PostgreSQL database, emptied; skipped off CI without one, a failure on CI."""
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {PG_ENV} is not set: .ci/run must start PostgreSQL")
        pytest.skip(f"PostgreSQL run skipped: {PG_ENV} is not set (bash .ci/run starts a throwaway cluster)")
    core_db.close_database()
    _reset_postgres(url)
    return url


def open_training(url: str | None = None) -> None:
    """Open (creating it if new) a training database: demo data and GONGKAI_USER are allowed."""
    open_ready(url)
    settings.make_training()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'gongkai.db'}" if request.param == "sqlite" else fresh_postgres()


@pytest.fixture
def office(monkeypatch, tmp_path) -> Path:
    """A private copy of the demo office's content tree (catalogs/, mkdocs.yml)
    that this process and its children work on; site_src/ starts empty."""
    path = tmp_path / "office"
    shutil.copytree(REPO / "catalogs", path / "catalogs")
    shutil.copy(REPO / "mkdocs.yml", path / "mkdocs.yml")
    monkeypatch.setenv("GONGKAI_HOME", str(path))
    return path


@pytest.fixture
def owner(env, monkeypatch):
    """Commands run by whoever owns the database (init, migrate): on PostgreSQL its owner role."""
    monkeypatch.setenv("GONGKAI_DB", env["db"])
    return env


@pytest.fixture
def catalogs(office) -> Path:
    return office / "catalogs"


def as_officer(url: str, login: str) -> str:
    """The PostgreSQL URL of `login`'s own database account (the test cluster trusts local logins)."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{login}@{host}"))


def act_as(monkeypatch, login: str) -> None:
    """Commands and the app act as `login`: GONGKAI_USER on a (training) SQLite file, the
    officer's own database account on PostgreSQL, where GONGKAI_USER is refused."""
    url = os.environ["GONGKAI_DB"]
    if url.startswith("sqlite"):
        monkeypatch.setenv("GONGKAI_USER", login)
    else:
        monkeypatch.setenv("GONGKAI_DB", as_officer(url, login))


def connect_as(login: str | None) -> None:
    """On PostgreSQL, rebind this process's database to `login`'s own account (None: the
    owner's), as that officer's own client would connect; on SQLite nothing changes."""
    if core_db.is_sqlite():
        return
    core_db.close_database()
    owner_url = os.environ[PG_ENV]
    core_db.open_database(owner_url if login is None else as_officer(owner_url, login))


@pytest.fixture
def env(monkeypatch, db_url, office):
    """The test database (a training database, so that GONGKAI_USER picks the officer)
    and content tree; commands act as the administrator. `db` is the owner's URL."""
    monkeypatch.setenv("GONGKAI_DB", db_url)
    open_training(db_url)
    core_db.close_database()
    act_as(monkeypatch, "admin")
    return {"db": db_url, "home": office, "catalogs": office / "catalogs"}


@pytest.fixture
def db(env):
    """An open, initialised database (catalogs loaded, admin user present)."""
    open_ready(env["db"])
    yield core_db.database
    core_db.close_database()


@pytest.fixture
def cli(capsys):
    """Run `gongkai ARGS…` in this process; returns (exit code, stdout, stderr)."""
    from core.cli.main import main

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own exits
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run
