"""Commands about the installation itself: init, agencies, users, demo data."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from core import dates, home
from core.cli import output
from core.cli.parser import ArgumentParser
from core.errors import InvalidInput
from core.organisation import agencies, roles, users
from core.session import initialise, migrate, open_ready, start
from core.store import settings
from core.store.db import open_database
from core.store.migrations import LATEST


def register(nouns: argparse._SubParsersAction) -> None:
    p = nouns.add_parser("init", help="创建或升级数据库架构并载入 catalogs/（可重复执行）")
    p.add_argument("--home", type=Path, metavar="目录",
                   help="使用该内容目录；目录尚不存在内容时先按默认模板创建（catalogs/、mkdocs.yml）")
    p.add_argument("--training", action="store_true",
                   help="新建培训数据库：可加入演示数据、可用 GONGKAI_USER 切换人员，产生的文书均标“培训”")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_init)

    p = nouns.add_parser("migrate", help="升级数据库架构（PostgreSQL 上由数据库所有者运行，并重设数据库权限规则）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_migrate)

    p = nouns.add_parser("agencies", help="列出机构")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_agencies)

    p = nouns.add_parser("demo", help="在当前数据库中加入演示数据（每个角色一名演示用户，及可选的演示申请）")
    p.add_argument("--requests", type=int, default=0, metavar="N", help="生成 N 件分布在近两年的演示申请")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_demo)

    user = nouns.add_parser("user", help="用户与角色").add_subparsers(dest="action", metavar="操作",
                                                                     parser_class=ArgumentParser)
    p = user.add_parser("add", help="添加用户（需要管理员角色）")
    p.add_argument("login", help="登录名")
    p.add_argument("--name", required=True, help="姓名")
    p.add_argument("--agency", required=True, help="机构代码")
    p.add_argument("--role", action="append", required=True, choices=roles.ROLES, help="角色，可重复")
    p.add_argument("--password-stdin", action="store_true",
                   help="PostgreSQL：从标准输入读取该人员的数据库登录密码（不用密码时由 peer 认证）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("roles", help="调整用户角色（需要管理员角色；记入审计）")
    p.add_argument("login", help="登录名")
    p.add_argument("--role", action="append", required=True, choices=roles.ROLES, help="新的角色，可重复")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_user_roles)
    p = user.add_parser("disable", help="停用用户（需要管理员角色；保留其办理记录）")
    p.add_argument("login", help="登录名")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_user_disable)
    p = user.add_parser("list", help="列出用户")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("whoami", help="当前用户")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_whoami)


def cmd_init(args) -> int:
    created = None
    if args.home is not None:
        if not home.is_tree(args.home):
            created = home.create(args.home)
        # The rest of this command (loading the catalogs) works on that tree.
        os.environ[home.ENV_HOME] = str(args.home.expanduser().resolve())
    open_database()
    report = initialise(migrate(), training=args.training)
    # The rules or regimes may have changed since the cached due dates were computed.
    from core.requests import service as requests  # the request machinery only for `init`

    refreshed = requests.refresh_deadlines(dates.today(), only_provisional=False)
    if args.json:
        output.emit_json({
            "home": str(home.root()),
            "home_created": created is not None,
            "schema_version": report.schema_version,
            "migrations_applied": list(report.migrations_applied),
            "agencies": report.agencies,
            "admin_created": report.admin_created,
            "training": settings.training(),
            "changed": report.changed,
            "deadlines_refreshed": refreshed,
        })
        return 0
    if created is not None:
        output.say(f"已创建内容目录 {created.root}（{len(created.files)} 个文件）。请把 catalogs/agencies.yaml 改为本地机关、"
                   f"catalogs/regimes.yaml 改为本地制度、mkdocs.yml 的 site_name 改为本地网站名称；"
                   f"之后在该目录中运行 gongkai，或设置 GONGKAI_HOME={created.root}")
    a = report.agencies
    output.say(f"内容目录 {home.root()}")
    output.say(f"数据库架构版本 {report.schema_version}"
               + (f"（本次应用迁移 {', '.join(map(str, report.migrations_applied))}）" if report.migrations_applied else "（已是最新）"))
    output.say(f"机构：新增 {a.added}，更新 {a.updated}，未变 {a.unchanged}")
    output.say("已创建管理员用户 admin" if report.admin_created else "管理员用户已存在")
    if settings.training():
        output.say("这是培训数据库：产生的文书均标“培训”")
    output.say(f"在办申请的答复期限按现行规则重算：{refreshed} 件有变化")
    return 0


def cmd_migrate(args) -> int:
    open_database()
    applied = migrate(reapply=True)
    return output.result(args, {"schema_version": LATEST, "migrations_applied": applied},
                         f"数据库架构版本 {LATEST}" + (f"（本次应用迁移 {', '.join(map(str, applied))}）" if applied else "（已是最新）"))


def cmd_agencies(args) -> int:
    start()
    rows = agencies.list_agencies()
    if args.json:
        output.emit_json([r.as_json() for r in rows])
        return 0
    output.table(["代码", "简称", "级别", "上级", "全称"],
                 [(r.code, r.short_name, agencies.LEVEL_NAMES[r.level], r.parent or "", r.name) for r in rows])
    return 0


def cmd_user_add(args) -> int:
    actor = start()
    roles.require_role(actor, roles.ADMIN, "添加用户")
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    if args.password_stdin and not password:
        raise InvalidInput("password", "标准输入中没有密码")
    info = users.add(args.login, args.name, args.agency, args.role, by=actor.login, password=password)
    return output.result(args, info.as_json(),
                         f"已添加用户 {info.login}（{info.name}，{info.agency_name}，{'、'.join(info.roles)}）")


def cmd_user_roles(args) -> int:
    actor = start()
    info = users.set_roles(args.login, args.role, actor)
    return output.result(args, info.as_json(), f"用户 {info.login}（{info.name}）的角色现为：{'、'.join(info.roles)}")


def cmd_user_disable(args) -> int:
    actor = start()
    info = users.disable(args.login, actor)
    return output.result(args, info.as_json(), f"已停用用户 {info.login}（{info.name}），其办理记录保留")


def cmd_user_list(args) -> int:
    start()
    rows = users.list_users()
    if args.json:
        output.emit_json([u.as_json() for u in rows])
        return 0
    output.table(["登录名", "姓名", "机构", "角色"], [(u.login, u.name, u.agency_name, "、".join(u.roles)) for u in rows])
    return 0


def cmd_whoami(args) -> int:
    actor = start()
    return output.result(args, actor.as_json(),
                         f"{actor.login}（{actor.name}）— {actor.agency_name} — {'、'.join(actor.roles)}")


def cmd_demo(args) -> int:
    open_ready()  # it adds the officers; demo.fill refuses anything but a training database
    if args.requests < 0:
        raise InvalidInput("requests", "演示申请数应为非负整数")
    from core import demo  # the demo's generator only for `demo`

    report = demo.fill(args.requests, dates.today())
    if args.json:
        output.emit_json({"users_added": list(report.users_added), "requests_added": report.requests_added})
    else:
        output.say(f"演示用户：新增 {len(report.users_added)} 名"
                   + (f"（{'、'.join(report.users_added)}）" if report.users_added else ""))
        output.say(f"演示申请：新增 {report.requests_added} 件")
        output.say("以 GONGKAI_USER=zhaomin（承办人）、qianli（办公室主任）、sunhong（分管领导）或 admin 登录")
    return 0
