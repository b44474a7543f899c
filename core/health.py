"""`gongkai doctor`: what a deployment needs to keep working and keep its promises — the schema,
the audit chains, next year's holidays, private files, free space, backups, personal data past its
period — each with what to do about it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from core import config, home
from core.calendar.workdays import calendar
from core.requests import retention
from core.store import audit
from core.store.db import is_sqlite, sqlite_path
from core.store.migrations import LATEST, current_version
from core.store.models import Checkpoint, SystemEvent

OK, WARN, FAIL = "正常", "注意", "需处理"
LOW_SPACE = 1024 ** 3  # a year's requests, exports and site builds fit many times over
BACKUP_EVERY_DAYS = 7
CHECKPOINT_EVERY_DAYS = 31


@dataclass(frozen=True)
class Finding:
    item: str
    status: str
    detail: str
    advice: str = ""

    def as_json(self) -> dict:
        return {"item": self.item, "status": self.status, "detail": self.detail, "advice": self.advice}


def examine(today: dt.date, key_path: Path | None = None) -> list[Finding]:
    return [_schema(), _chains(), _holidays(today), _backups(today), _checkpoints(today), _personal_data(today),
            *_files(key_path), *_space()]


def _schema() -> Finding:
    version = current_version()
    if version < LATEST:
        return Finding("数据库架构", FAIL, f"第{version}版，本程序为第{LATEST}版", "由数据库所有者运行 gongkai migrate")
    return Finding("数据库架构", OK, f"第{version}版（{'SQLite' if is_sqlite() else 'PostgreSQL'}）")


def _chains() -> Finding:
    result = audit.verify()
    if result.problem:
        return Finding("审计链", FAIL, result.problem, "保留现场，勿再写入；与最近的备份和检查点核对，查明改动来源")
    return Finding("审计链", OK, f"{result.requests} 件申请，{result.events} 条事件，均与哈希链一致")


def _holidays(today: dt.date) -> Finding:
    entered = calendar().years
    wanted = [today.year] + ([today.year + 1] if today.month >= 11 else [])
    missing = [y for y in wanted if y not in entered]
    if missing:
        # 国务院办公厅 publishes the next year's arrangement around November; deadlines past
        # 31 December are only estimates until it is imported.
        return Finding("节假日安排", FAIL if today.year in missing else WARN,
                       f"{'、'.join(map(str, missing))} 年尚未录入，跨入该年的答复期限只是暂估",
                       "国务院办公厅发布通知后运行 gongkai calendar import YYYY.yaml")
    return Finding("节假日安排", OK, f"已录入 {'、'.join(map(str, wanted))} 年")


def _backups(today: dt.date) -> Finding:
    last = SystemEvent.select().where(SystemEvent.action == "backup").order_by(SystemEvent.seq.desc()).first()
    if last is None:
        return Finding("备份", WARN, "尚无备份记录", "运行 gongkai backup 文件名，并把备份存到另一台机器或介质")
    age = (today - last.at.date()).days
    if age > BACKUP_EVERY_DAYS:
        return Finding("备份", WARN, f"最近一次备份在 {age} 天前（{last.at:%Y-%m-%d}）", "运行 gongkai backup 文件名")
    return Finding("备份", OK, f"最近一次备份 {last.at:%Y-%m-%d %H:%M}")


def _checkpoints(today: dt.date) -> Finding:
    last = Checkpoint.select().order_by(Checkpoint.seq.desc()).first()
    if last is None:
        return Finding("审计检查点", WARN, "尚未建立检查点，审计链的历史没有对外公布的凭据",
                       "管理员运行 gongkai audit keygen（一次）和 gongkai audit checkpoint，再 gongkai site build")
    age = (today - last.at.date()).days
    if age > CHECKPOINT_EVERY_DAYS:
        return Finding("审计检查点", WARN, f"最近的检查点在 {age} 天前", "管理员运行 gongkai audit checkpoint")
    return Finding("审计检查点", OK, f"第{last.seq}号，{last.at:%Y-%m-%d}")


def _personal_data(today: dt.date) -> Finding:
    due = retention.expired(today)
    if due:
        return Finding("个人信息保存期限", WARN, f"{len(due)} 件已办结申请的申请人信息已过保存期限",
                       "管理员运行 gongkai retention apply --dry-run 查看，再 gongkai retention apply")
    return Finding("个人信息保存期限", OK, "没有过期的申请人信息")


def _files(key_path: Path | None) -> list[Finding]:
    """Files holding personal data or the signing key must be the owner's alone."""
    paths = []
    if is_sqlite() and (file := sqlite_path(config.db_url())) is not None:
        paths += [("数据库文件", file), ("数据库文件", Path(f"{file}-wal"))]
    if key_path is not None:
        paths.append(("检查点签名私钥", key_path))
    findings = []
    for item, path in paths:
        if not path.exists():
            continue
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            findings.append(Finding(item, FAIL, f"{path} 权限为 {mode:o}，其他账户可以读取",
                                    f"chmod 600 {path}"))
        else:
            findings.append(Finding(item, OK, f"{path} 权限为 {mode:o}"))
    return findings


def _space() -> list[Finding]:
    places = {"内容目录": home.root()}
    if is_sqlite() and (file := sqlite_path(config.db_url())) is not None:
        places["数据库所在磁盘"] = file.parent
    findings = []
    for item, path in places.items():
        usage = shutil.disk_usage(path if path.exists() else Path(os.sep))
        free = f"剩余 {usage.free / 1024 ** 3:.1f} GB（{usage.free * 100 // max(usage.total, 1)}%）"
        if usage.free < LOW_SPACE:
            findings.append(Finding(f"磁盘空间（{item}）", WARN, f"{path}：{free}", "清理旧的导出和网站构建，或扩容"))
        else:
            findings.append(Finding(f"磁盘空间（{item}）", OK, f"{path}：{free}"))
    return findings
