"""Where things live: the database URL, the data directory, the catalogs.

Everything is resolved from the environment at call time so that tests and
the demo can point a process at another database or catalog tree."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import platformdirs

ENV_DB = "GONGKAI_DB"
ENV_USER = "GONGKAI_USER"
ENV_CATALOGS = "GONGKAI_CATALOGS"

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir("gongkai", appauthor=False))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'gongkai.db'}"


def db_url() -> str:
    return os.environ.get(ENV_DB) or default_db_url()


def catalogs_dir() -> Path:
    return Path(os.environ.get(ENV_CATALOGS) or REPO_ROOT / "catalogs")


def acting_login() -> str:
    return os.environ.get(ENV_USER) or getpass.getuser()
