"""`gongkai init`: bring a database to the current schema and load the catalogs.
Running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from . import agencies, users
from .db import database
from .errors import DataFileError, Problem
from .migrations import LATEST
from .models import User, UserRole

ADMIN_LOGIN = "admin"


@dataclass(frozen=True)
class InitReport:
    schema_version: int
    migrations_applied: tuple[int, ...]
    agencies: agencies.SyncResult
    admin_created: bool

    @property
    def changed(self) -> bool:
        return bool(self.migrations_applied or self.agencies.added or self.agencies.updated
                    or self.admin_created)


def initialise(migrations_applied: list[int]) -> InitReport:
    """Load catalogs into an open, migrated database."""
    records = agencies.load_catalog()
    if not records:
        raise DataFileError([Problem(str(agencies.catalog_path()), None, "agencies", "至少需要一个机构")])
    result = agencies.sync(records)
    admin_created = False
    with database.atomic():
        if not User.select().join(UserRole).where(UserRole.role == users.ADMIN).exists():
            # The first agency in the file is the top of the tree (the city government).
            users.add(ADMIN_LOGIN, "系统管理员", records[0].code, [users.ADMIN])
            admin_created = True
    return InitReport(LATEST, tuple(migrations_applied), result, admin_created)
