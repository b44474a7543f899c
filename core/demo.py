"""The demo database that `make run` opens: the catalogs plus one officer
per role at the city government office."""

from __future__ import annotations

from dataclasses import dataclass

from . import users

DEMO_AGENCY = "YXSZFB"
DEMO_USERS = (
    ("zhaomin", "赵敏", (users.CLERK,)),
    ("qianli", "钱立", (users.OFFICE_DIRECTOR,)),
    ("sunhong", "孙宏", (users.LEADER,)),
)


@dataclass(frozen=True)
class DemoReport:
    users_added: tuple[str, ...]


def fill() -> DemoReport:
    """Add the demo officers that are missing; safe to run twice."""
    added = []
    for login, name, roles in DEMO_USERS:
        if users.get(login) is None:
            users.add(login, name, DEMO_AGENCY, list(roles))
            added.append(login)
    return DemoReport(tuple(added))
