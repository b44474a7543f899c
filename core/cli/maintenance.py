"""Keeping a deployment well: `gongkai backup`, `restore`, `doctor` and `retention apply`."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import config, dates, health
from core.cli import output
from core.cli.audit import default_key_path
from core.cli.parser import ArgumentParser
from core.errors import PermissionDenied
from core.organisation import enforcement, roles
from core.requests import retention
from core.session import migrate, open_ready, start
from core.store import audit, backups
from core.store.db import database, is_sqlite, open_database, write_transaction


def register(nouns: argparse._SubParsersAction) -> None:
    p = nouns.add_parser("backup", help="备份整个数据库（含申请人个人信息，文件仅本人可读；记入审计）")
    p.add_argument("out", type=Path, metavar="文件", help="备份文件（不覆盖已有文件）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_backup)

    p = nouns.add_parser("restore", help="把备份恢复到 GONGKAI_DB 指定的新的空数据库，并校验审计链")
    p.add_argument("file", type=Path, metavar="文件", help="gongkai backup 生成的备份")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_restore)

    p = nouns.add_parser("doctor", help="检查部署：架构版本、审计链、节假日、备份、检查点、个人信息期限、文件权限、磁盘空间")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_doctor)

    group = nouns.add_parser("retention", help="个人信息保存期限").add_subparsers(
        dest="action", metavar="操作", parser_class=ArgumentParser)
    p = group.add_parser("apply", help="删除保存期限已满的申请人个人信息（需要管理员角色；记入办理记录）")
    p.add_argument("--dry-run", action="store_true", help="只列出将被删除的申请，不作改动")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_retention)


def _maintainer() -> str:
    """Who may copy or check the whole database: on SQLite the administrator; on PostgreSQL its
    owner (pg_dump must read every agency's rows, which no officer's role may)."""
    open_ready()
    if is_sqlite():
        actor = start()
        roles.require_role(actor, roles.ADMIN, "备份和检查数据库")
        return actor.login
    if not enforcement.is_owner():
        raise PermissionDenied("PostgreSQL 部署的备份须由数据库所有者运行（pg_dump 要读取所有机关的记录）")
    return database.execute_sql("SELECT session_user").fetchone()[0]


def cmd_backup(args) -> int:
    report = backups.backup(args.out.expanduser(), _maintainer())
    return output.result(args, report.as_json(),
                         f"已备份到 {report.file}：{report.requests} 件申请，{report.system_events} 条系统事件；"
                         f"SHA-256 {report.sha256}。备份含申请人个人信息，请存放在受控的介质上")


def cmd_restore(args) -> int:
    url = config.db_url()
    if not url.startswith("sqlite"):
        open_database(url)  # the owner's connection: pg_restore writes, then the rules are applied
    backups.restore(args.file.expanduser(), url)
    open_database(url)
    applied = migrate(reapply=True)  # a dump carries no privileges: the database's rules are applied anew
    result = audit.verify()
    with write_transaction():
        who = "gongkai restore" if is_sqlite() else database.execute_sql("SELECT session_user").fetchone()[0]
        audit.system_event(who, "restore", {"file": args.file.name, "requests": result.requests,
                                            "verified": result.problem is None})
    data = {"requests": result.requests, "events": result.events, "migrations_applied": applied,
            "problem": result.problem}
    text = (f"已恢复：{result.requests} 件申请，{result.events} 条事件，审计链完整" if result.problem is None
            else f"已恢复，但审计链不符：{result.problem}")
    output.result(args, data, text)
    return 0 if result.problem is None else 1


def cmd_doctor(args) -> int:
    _maintainer()
    findings = health.examine(dates.today(), default_key_path())
    if args.json:
        output.emit_json([f.as_json() for f in findings])
    else:
        for f in findings:
            output.say(f"[{f.status}] {f.item}：{f.detail}" + (f"\n        → {f.advice}" if f.advice else ""))
    return 1 if any(f.status == health.FAIL for f in findings) else 0


def cmd_retention(args) -> int:
    actor = start()
    report = retention.apply(actor, dates.today(), args.dry_run)
    verb = "将删除" if report.dry_run else "已删除"
    text = f"{verb} {len(report.erased)} 件申请的申请人个人信息" + (
        f"：{'、'.join(report.erased[:20])}{' 等' if len(report.erased) > 20 else ''}" if report.erased else "")
    if report.unerasable:
        text += (f"\n另有 {len(report.unerasable)} 件为旧格式记录（个人信息写在审计链内），"
                 "删除会破坏审计链，未删除：" + "、".join(report.unerasable[:20]))
    return output.result(args, report.as_json(), text)
