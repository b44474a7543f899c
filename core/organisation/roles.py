"""The roles an officer may hold and who the acting officer is, as plain
values: rules check them without touching the database."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import PermissionDenied

# The three signatures of 保密审查 plus the administrator (seed 004 保密审查制度).
CLERK, OFFICE_DIRECTOR, LEADER, ADMIN = "承办人", "办公室主任", "分管领导", "管理员"
ROLES = (CLERK, OFFICE_DIRECTOR, LEADER, ADMIN)


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    name: str
    agency: str
    agency_name: str
    roles: tuple[str, ...]

    def has(self, role: str) -> bool:
        return role in self.roles

    def as_json(self) -> dict:
        return {"login": self.login, "name": self.name, "agency": self.agency,
                "agency_name": self.agency_name, "roles": list(self.roles)}


def require_role(user: UserInfo, role: str, action: str) -> None:
    if not user.has(role):
        raise PermissionDenied(f"{action}需要“{role}”角色，当前用户 {user.login}（{user.name}）没有该角色")
