"""The process's settings from its environment: the database URL (and the name
of the variable that picks an officer on a training database). Resolved at call time so that tests and the demo can point a
process at another database. Where the office's content lives is core.home."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DB = "GONGKAI_DB"
ENV_USER = "GONGKAI_USER"


def default_db_url() -> str:
    return f"sqlite:///{Path(platformdirs.user_data_dir('gongkai', appauthor=False)) / 'gongkai.db'}"


def db_url() -> str:
    return os.environ.get(ENV_DB) or default_db_url()

