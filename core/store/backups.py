"""Backups of the whole database and their restoration into an empty one.

SQLite: the online backup API (a consistent copy while officers keep working). PostgreSQL:
pg_dump's custom format, restored by pg_restore in one transaction; the database's rules
(roles' privileges, row security, the signing trigger) are applied again afterwards, since a
dump made without owners and privileges carries none. Backups hold applicants' personal data:
created 0600, and each one is an event on the system chain."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from core import config, files
from core.errors import GongkaiError, InvalidInput
from core.store import audit
from core.store.db import database, is_sqlite, sqlite_path, write_transaction
from core.store.models import Request, SystemEvent

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class BackupReport:
    file: Path
    requests: int
    system_events: int
    sha256: str

    def as_json(self) -> dict:
        return {"file": str(self.file), "requests": self.requests, "system_events": self.system_events,
                "sha256": self.sha256}


def backup(target: Path, actor_login: str) -> BackupReport:
    """Copy the open database to `target` (which must not exist yet), then record it."""
    target = Path(target)
    if target.exists():
        raise InvalidInput("out", f"{target} 已存在：不覆盖已有文件，请换一个文件名")
    with files.replacing(target, 0o600) as partial:
        if is_sqlite():
            copy = sqlite3.connect(partial)
            with copy:
                database.connection().backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            copy.close()
            requests, events = _sqlite_counts(partial)
        else:
            # One snapshot for the dump and the counts that describe it, however many officers
            # keep working meanwhile.
            with database.atomic():
                database.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                snapshot = database.execute_sql("SELECT pg_export_snapshot()").fetchone()[0]
                _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                      f"--snapshot={snapshot}", f"--file={partial}", f"--dbname={config.db_url()}"], "pg_dump")
                requests, events = Request.select().count(), SystemEvent.select().count()
        digest = _sha256(partial)
    with write_transaction():
        audit.system_event(actor_login, "backup", {"file": target.name, "sha256": digest, "requests": requests})
    return BackupReport(target, requests, events, digest)


def restore(source: Path, url: str) -> None:
    """Restore a backup into the empty database at `url` (the caller migrates and verifies it)."""
    source = Path(source)
    try:
        with open(source, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise InvalidInput("file", f"无法读取备份 {source}：{exc.strerror}") from None
    sqlite_target = urlparse(url).scheme.startswith("sqlite")
    if head.startswith(SQLITE_MAGIC) != sqlite_target or not head.startswith((SQLITE_MAGIC, PG_DUMP_MAGIC)):
        kind = "SQLite 数据库文件" if head.startswith(SQLITE_MAGIC) else \
            "PostgreSQL 备份（pg_dump）" if head.startswith(PG_DUMP_MAGIC) else "不是 gongkai 的备份"
        raise InvalidInput("file", f"{source}：{kind}，不能恢复到{'SQLite' if sqlite_target else 'PostgreSQL'}数据库 {url}")
    if sqlite_target:
        _restore_sqlite(source, sqlite_path(url))
    else:
        _restore_postgres(source, url)


def _restore_sqlite(source: Path, target: Path) -> None:
    if target.exists() and target.stat().st_size > 0 and _sqlite_tables(target):
        raise InvalidInput("file", f"目标数据库 {target} 不是空的：只能恢复到新的空数据库")
    original = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        if original.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise InvalidInput("file", f"备份 {source} 已损坏（完整性检查未通过）")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(target, os.O_CREAT | os.O_RDWR, 0o600))
        copy = sqlite3.connect(target)
        with copy:
            original.backup(copy)
        copy.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput("file", f"备份 {source} 无法读取：{exc}") from None
    finally:
        original.close()


def _restore_postgres(source: Path, url: str) -> None:
    tables = database.execute_sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").fetchone()[0]
    if tables:
        raise InvalidInput("file", "目标数据库不是空的：只能恢复到新的空数据库（createdb 新建一个）")
    _run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          f"--dbname={url}", str(source)], "pg_restore")


def _sqlite_counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise GongkaiError("备份副本的完整性检查未通过，未保存；请检查磁盘后重试")
        return (conn.execute("SELECT count(*) FROM request").fetchone()[0],
                conn.execute("SELECT count(*) FROM system_event").fetchone()[0])
    finally:
        conn.close()


def _sqlite_tables(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    except sqlite3.DatabaseError:
        return 1  # not a database at all: certainly not an empty one to restore into
    finally:
        conn.close()


def _pg_tool(name: str) -> str:
    """The newest installed client (it must be at least the server's version), else the PATH's."""
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    found = str(versions[-1]) if versions else shutil.which(name)
    if not found:
        raise GongkaiError(f"找不到 {name}：请安装 PostgreSQL 客户端（Debian：apt install postgresql-client）")
    return found


def _run(command: list[str], name: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["（无输出）"])[-1]
        raise GongkaiError(f"{name} 失败，未作任何改动：{last}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
