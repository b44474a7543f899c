"""Officers and their roles, and who is acting.

Who acts is established by something the officer cannot simply type: on
PostgreSQL the database login (`session_user`, authenticated by PostgreSQL);
on a workstation's SQLite file the operating-system account. GONGKAI_USER picks
the officer only on a training database."""

from __future__ import annotations

import getpass
import os
import re

import peewee as pw

from core import config
from core.chinese import plain
from core.errors import InvalidInput, PermissionDenied
from core.organisation import accounts, agencies
from core.organisation.roles import ADMIN, ROLES, UserInfo, require_role
from core.store import audit, settings
from core.store.db import database, is_sqlite, write_transaction
from core.store.models import Agency, User, UserRole

_LOGIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")


def _info(user: User, roles: list[str]) -> UserInfo:
    ordered = tuple(r for r in ROLES if r in roles)
    return UserInfo(user.id, user.login, user.name, user.agency.code, user.agency.short_name, ordered, user.active)


def get(login: str) -> UserInfo | None:
    user = User.select(User, Agency).join(Agency).where(User.login == login).first()
    if user is None:
        return None
    return _info(user, [r.role for r in user.role_rows])


def acting_login() -> str:
    requested = os.environ.get(config.ENV_USER)
    if not is_sqlite():
        if requested:
            raise PermissionDenied("PostgreSQL 部署中当前人员就是数据库登录账户，不接受 GONGKAI_USER；"
                                   "请以本人的数据库账户连接（GONGKAI_DB 中的用户名，或本机账户经 peer 认证）")
        login, officer = database.execute_sql(
            "SELECT session_user, pg_has_role(session_user, %s, 'MEMBER')", (accounts.OFFICER,)).fetchone()
        if not officer:
            raise PermissionDenied(f"账户 {login} 不是本系统登记的人员：请管理员用 gongkai user add {login} 添加")
        return login
    account = getpass.getuser()
    if requested and requested != account and not settings.training():
        raise PermissionDenied(f"单机数据库以操作系统账户（{account}）为当前人员；"
                               f"GONGKAI_USER 只在培训数据库（gongkai init --training）中有效")
    return requested or account


def acting_user() -> UserInfo:
    """The officer this process acts as. Nothing is read for someone who is not a
    registered, active officer."""
    login = acting_login()
    user = get(login)
    if user is None:
        raise PermissionDenied(f"账户 {login} 不是本系统登记的人员：请管理员用 gongkai user add {login} 添加")
    if not user.active:
        raise PermissionDenied(f"账户 {login}（{user.name}）已停用")
    return user


def _check_roles(roles: list[str]) -> None:
    if not roles:
        raise InvalidInput("role", f"至少指定一个角色：{'、'.join(ROLES)}")
    for role in roles:
        if role not in ROLES:
            raise InvalidInput("role", f"未知角色 {role!r}，应为 {'、'.join(ROLES)} 之一")


def add(login: str, name: str, agency_code: str, roles: list[str], *, by: str = "gongkai init",
        password: str | None = None) -> UserInfo:
    """Record an officer (and on PostgreSQL create their login role), on the record as done `by`."""
    login = (login or "").strip()
    name = plain("name", name, 100)
    if not _LOGIN.match(login):
        raise InvalidInput("login", "用户名应为 1–64 位字母、数字、下划线、点或连字符")
    if not name:
        raise InvalidInput("name", "姓名不能为空")
    _check_roles(roles)
    agency = agencies.existing(agency_code)
    try:
        with database.atomic():
            user = User.create(login=login, name=name, agency=agency)
            for role in dict.fromkeys(roles):
                UserRole.create(user=user, role=role)
            if not is_sqlite():
                accounts.create(login, roles, password)
            audit.system_event(by, "user_add", {"login": login, "name": name, "agency": agency_code,
                                                "roles": list(dict.fromkeys(roles))})
    except pw.IntegrityError:
        raise InvalidInput("login", f"用户名 {login} 已存在") from None
    return get(login)


def _existing(login: str) -> User:
    user = User.get_or_none(User.login == login)
    if user is None:
        raise InvalidInput("login", f"用户 {login} 不存在")
    return user


def set_roles(login: str, roles: list[str], actor: UserInfo) -> UserInfo:
    """An officer's 岗位 changed: the old and new roles stay in the audit."""
    require_role(actor, ADMIN, "调整用户角色")
    _check_roles(roles)
    with write_transaction():
        user = _existing(login)
        before = [r.role for r in user.role_rows]
        if ADMIN in before and ADMIN not in roles and not _other_admins(user):
            raise InvalidInput("role", f"{user.name}是唯一在用的管理员，取消其管理员角色后将无人能管理用户和节假日安排；"
                                       "请先为另一人员添加管理员角色")
        UserRole.delete().where(UserRole.user == user).execute()
        for role in dict.fromkeys(roles):
            UserRole.create(user=user, role=role)
        if not is_sqlite():
            accounts.set_roles(login, roles)
        audit.system_event(actor.login, "user_roles", {"login": login, "before": before,
                                                       "after": list(dict.fromkeys(roles))})
    return get(login)


def _other_admins(user: User) -> bool:
    return (UserRole.select().join(User).where(UserRole.role == ADMIN, User.active == True,  # noqa: E712
                                               User.id != user.id).exists())


def disable(login: str, actor: UserInfo) -> UserInfo:
    """No more sign-ins; everything the officer did keeps their name."""
    require_role(actor, ADMIN, "停用用户")
    if login == actor.login:
        raise InvalidInput("login", "不能停用自己的账户")
    with write_transaction():
        user = _existing(login)
        User.update(active=False).where(User.id == user.id).execute()
        if not is_sqlite():
            accounts.disable(login)
        audit.system_event(actor.login, "user_disable", {"login": login})
    return get(login)


def list_users() -> list[UserInfo]:
    users = list(User.select(User, Agency).join(Agency).order_by(User.login))
    roles: dict[int, list[str]] = {}
    for row in UserRole.select():
        roles.setdefault(row.user_id, []).append(row.role)
    return [_info(u, roles.get(u.id, [])) for u in users]
