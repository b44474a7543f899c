"""Opening the database for a command, initialising it on first use."""

from __future__ import annotations

from ..bootstrap import InitReport, initialise
from ..db import open_database
from ..migrations import upgrade


def open_ready(url: str | None = None) -> InitReport | None:
    """Open (and migrate) the configured database; a brand-new one also gets
    the catalogs and the admin user, so the first command just works."""
    open_database(url, migrate=False)
    applied = upgrade()
    if 1 in applied:
        return initialise(applied)
    return None
