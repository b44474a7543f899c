"""Officers' database accounts on PostgreSQL. Each officer is a login role named
by their login; each 岗位 is a group role. PostgreSQL authenticates the officer
(password/SCRAM, or peer over the local socket) and the database's own rules
(core.organisation.enforcement) hold whatever client they use."""

from __future__ import annotations

from core.organisation.roles import ADMIN, CLERK, LEADER, OFFICE_DIRECTOR, ROLES, SECRECY
from core.store.db import database

OFFICER = "gongkai_officer"  # every officer: what all of them may do
GROUPS = {CLERK: "gongkai_clerk", OFFICE_DIRECTOR: "gongkai_director", LEADER: "gongkai_leader",
          SECRECY: "gongkai_secrecy", ADMIN: "gongkai_admin"}


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def ensure_groups() -> None:
    """The group roles, created once per cluster (role names are cluster-wide)."""
    for group in (OFFICER, *GROUPS.values()):
        database.execute_sql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{group}') THEN "
            f"CREATE ROLE {group} NOLOGIN; END IF; END $$")
    for group in GROUPS.values():
        database.execute_sql(f"GRANT {OFFICER} TO {group}")


def exists(login: str) -> bool:
    return database.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone() is not None


def create(login: str, roles: list[str], password: str | None = None) -> None:
    """The officer's login role with their 岗位 (an existing role of that name, e.g. one the IT
    staff made for peer authentication, is given login and the groups)."""
    role = _ident(login)
    if exists(login):
        database.execute_sql(f"ALTER ROLE {role} LOGIN")
    else:
        database.execute_sql(f"CREATE ROLE {role} LOGIN")
    if password:
        database.execute_sql(f"ALTER ROLE {role} PASSWORD %s", (password,))
    set_roles(login, roles)


def set_roles(login: str, roles: list[str]) -> None:
    """Group membership follows the officer's 岗位 (the table privileges hang on it); who may
    sign which step is checked against the recorded roles, so membership alone grants no
    signature. An administrator adds officers: CREATEROLE, and every group with ADMIN OPTION
    (PostgreSQL 16 lets a CREATEROLE role grant only what it administers)."""
    role = _ident(login)
    admin = ADMIN in roles
    database.execute_sql(f"GRANT {OFFICER} TO {role}{' WITH ADMIN OPTION' if admin else ''}")
    for name in ROLES:
        if admin:
            database.execute_sql(f"GRANT {GROUPS[name]} TO {role} WITH ADMIN OPTION")
        elif name in roles:
            database.execute_sql(f"GRANT {GROUPS[name]} TO {role}")
        else:
            database.execute_sql(f"REVOKE {GROUPS[name]} FROM {role}")
    database.execute_sql(f"ALTER ROLE {role} {'CREATEROLE' if admin else 'NOCREATEROLE'}")


def disable(login: str) -> None:
    """No more logins; the role stays, so its history keeps its name."""
    if exists(login):
        database.execute_sql(f"ALTER ROLE {_ident(login)} NOLOGIN")
