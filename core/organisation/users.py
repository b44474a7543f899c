"""Officers and their roles. The acting user is GONGKAI_USER or the OS login."""

from __future__ import annotations

import re

import peewee as pw

from core import config
from core.errors import GongkaiError, InvalidInput
from core.organisation.roles import ROLES, UserInfo
from core.store.db import database
from core.store.models import Agency, User, UserRole

_LOGIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")


def _info(user: User, roles: list[str]) -> UserInfo:
    ordered = tuple(r for r in ROLES if r in roles)
    return UserInfo(user.id, user.login, user.name, user.agency.code, user.agency.short_name, ordered)


def get(login: str) -> UserInfo | None:
    user = User.select(User, Agency).join(Agency).where(User.login == login).first()
    if user is None:
        return None
    return _info(user, [r.role for r in user.role_rows])


def acting_user() -> UserInfo:
    """The officer this process acts as; an unknown login is refused with
    the command that adds it."""
    login = config.acting_login()
    user = get(login)
    if user is None:
        raise GongkaiError(
            f"未知用户 {login!r}：请管理员执行 `GONGKAI_USER=admin gongkai user add {login} "
            f"--name 姓名 --agency 机构代码 --role 承办人` 添加，或设置 GONGKAI_USER 为已有用户",
            "GONGKAI_USER",
        )
    return user


def add(login: str, name: str, agency_code: str, roles: list[str]) -> UserInfo:
    login = (login or "").strip()
    name = (name or "").strip()
    if not _LOGIN.match(login):
        raise InvalidInput("login", "用户名应为 1–64 位字母、数字、下划线、点或连字符")
    if not name:
        raise InvalidInput("name", "姓名不能为空")
    if not roles:
        raise InvalidInput("role", f"至少指定一个角色：{'、'.join(ROLES)}")
    for role in roles:
        if role not in ROLES:
            raise InvalidInput("role", f"未知角色 {role!r}，应为 {'、'.join(ROLES)} 之一")
    agency = Agency.get_or_none(Agency.code == agency_code)
    if agency is None:
        raise InvalidInput("agency", f"机构代码 {agency_code!r} 不存在（`gongkai agencies` 列出所有机构）")
    try:
        with database.atomic():
            user = User.create(login=login, name=name, agency=agency)
            for role in dict.fromkeys(roles):
                UserRole.create(user=user, role=role)
    except pw.IntegrityError:
        raise InvalidInput("login", f"用户名 {login} 已存在") from None
    return get(login)


def list_users() -> list[UserInfo]:
    users = list(User.select(User, Agency).join(Agency).order_by(User.login))
    roles: dict[int, list[str]] = {}
    for row in UserRole.select():
        roles.setdefault(row.user_id, []).append(row.role)
    return [_info(u, roles.get(u.id, [])) for u in users]
