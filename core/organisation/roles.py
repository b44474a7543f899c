"""The roles an officer may hold and who the acting officer is, as plain
values: rules check them without touching the database."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import PermissionDenied

# The three signatures of 保密审查 (seed 004 保密审查制度第六条), the staff member designated
# for secrecy review who records the 保密工作部门's answer (第四条: 指定一名工作人员负责),
# and the administrator.
CLERK, OFFICE_DIRECTOR, LEADER, SECRECY, ADMIN = "承办人", "办公室主任", "分管领导", "保密员", "管理员"
ROLES = (CLERK, OFFICE_DIRECTOR, LEADER, SECRECY, ADMIN)


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    name: str
    agency: str
    agency_name: str
    roles: tuple[str, ...]
    active: bool = True

    def has(self, role: str) -> bool:
        return role in self.roles

    def as_json(self) -> dict:
        return {"login": self.login, "name": self.name, "agency": self.agency,
                "agency_name": self.agency_name, "roles": list(self.roles), "active": self.active}


def require_role(user: UserInfo, role: str, action: str) -> None:
    if not user.has(role):
        raise PermissionDenied(f"{action}需要“{role}”角色，当前用户 {user.login}（{user.name}）没有该角色")


def require_agency(user: UserInfo, agency_code: str, action: str, *, read_only: bool = False) -> None:
    """谁公开、谁审查、谁负责: an officer acts for their own agency; a 分管领导 may read any
    agency's records; the administrator may act for any."""
    if user.has(ADMIN) or user.agency == agency_code or (read_only and user.has(LEADER)):
        return
    raise PermissionDenied(f"{user.name}属于{user.agency_name}，不能{action}其他机关（{agency_code}）的事项")
