"""A working session on the database: open it, bring the schema up to date,
and on a brand-new database load the catalogs and create the administrator
(`gongkai init` does the same explicitly; running it again changes nothing).
The command line and the terminal app both start here."""

from __future__ import annotations

from dataclasses import dataclass

from core.calendar import shared
from core.errors import DataFileError, Problem, SchemaError
from core.organisation import agencies, enforcement, roles, users
from core.organisation.roles import UserInfo
from core.store import settings
from core.store.db import database, is_sqlite, open_database
from core.store.migrations import LATEST, current_version, refuse_newer, upgrade
from core.store.models import User, UserRole

ADMIN_LOGIN = "admin"


@dataclass(frozen=True)
class InitReport:
    schema_version: int
    migrations_applied: tuple[int, ...]
    agencies: agencies.SyncResult
    admin_created: bool
    made_training: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.migrations_applied or self.agencies.added or self.agencies.updated
                    or self.admin_created or self.made_training)


def initialise(migrations_applied: list[int], training: bool = False) -> InitReport:
    """Load catalogs into an open, migrated database; `training` marks a new one for training."""
    records = agencies.load_catalog()
    if not records:
        raise DataFileError([Problem(str(agencies.catalog_path()), None, "agencies", "至少需要一个机构")])
    result = agencies.sync(records)
    admin_created = False
    with database.atomic():
        if not User.select().join(UserRole).where(UserRole.role == roles.ADMIN).exists():
            # The first agency in the file is the top of the tree (the city government).
            users.add(ADMIN_LOGIN, "系统管理员", records[0].code, [roles.ADMIN])
            admin_created = True
    made_training = settings.make_training() if training else False
    return InitReport(LATEST, tuple(migrations_applied), result, admin_created, made_training)


def migrate(reapply: bool = False) -> list[int]:
    """Bring the open database's schema up to date; on PostgreSQL also apply what the database
    enforces when a migration ran, the rules changed, or `reapply` asks. Only the database's owner
    may: an officer's connection is refused with what to ask for."""
    if not is_sqlite():
        if not enforcement.is_owner():
            users.acting_login()  # an account that is not an officer's learns that, not the schema's state
            version = refuse_newer(current_version())
            if version != LATEST:
                raise SchemaError(f"数据库架构为第{version}版，本程序需要第{LATEST}版：请由数据库所有者运行 gongkai migrate")
            return []
        applied = upgrade()
        if applied or reapply or not enforcement.current():
            enforcement.apply()
        return applied
    return upgrade()


def open_ready(url: str | None = None) -> InitReport | None:
    """Open (and migrate) the configured database; a brand-new one also gets
    the catalogs and the admin user, so the first command just works."""
    open_database(url)
    applied = migrate()
    if 1 in applied:
        return initialise(applied)
    return None


def start(url: str | None = None) -> UserInfo:
    """Open the database for an officer: who is acting is settled before anything is read, and
    the officer's holiday files are the ones the database holds (one calendar for everyone)."""
    open_ready(url)
    actor = users.acting_user()
    shared.sync_files()
    return actor
