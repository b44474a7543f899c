"""The one database handle. Models bind to `database` (a proxy); `open_database`
binds it to SQLite or PostgreSQL from a URL."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Iterable
from urllib.parse import urlparse

import peewee

from core import config
from core.errors import GongkaiError

database = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # Officers sharing one SQLite file wait for each other rather than fail.
    "busy_timeout": 10_000,
    "synchronous": "normal",
    # Read pages straight from the OS's file cache: each worker thread opens its own connection, and
    # without this every new connection starts with an empty page cache (a cold first keystroke).
    "mmap_size": 268_435_456,
}


LOCK_TIMEOUT_S = 10
STATEMENT_TIMEOUT_S = 300


def describe(exc: peewee.PeeweeException) -> str:
    """A database error in one Chinese line (the busy cases say what to do)."""
    while ("no transaction is active" in str(exc) or "no such savepoint" in str(exc)) and exc.__context__ is not None:
        # SQLite rolled back by itself (a full disk, I/O error); peewee's own rollback then failed.
        exc = exc.__context__
    if "database or disk is full" in str(exc):
        return "错误：磁盘空间不足：未作任何改动，请清理磁盘后重试"
    if "disk I/O error" in str(exc):  # also what a file-size limit or quota gives
        return "错误：数据库文件写入失败（磁盘已满、超出配额或磁盘出错）：未作任何改动，请检查磁盘后重试"
    if "readonly database" in str(exc):
        return "错误：数据库只读（文件或磁盘不可写）：未作任何改动；请检查数据库文件的权限和磁盘"
    code = getattr(exc.__cause__, "pgcode", None) or getattr(exc, "pgcode", None)
    if code == "55P03" or "database is locked" in str(exc):
        return f"数据库忙：等待其他人员的操作超过 {LOCK_TIMEOUT_S} 秒，未作任何改动，请稍后重试"
    if code == "57014":
        return f"数据库操作超过 {STATEMENT_TIMEOUT_S} 秒被中止，未作任何改动；请缩小范围或联系管理员"
    return f"数据库错误：{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"


class _Postgres(peewee.PostgresqlDatabase):
    def execute_sql(self, sql, params=None, *args, **kwargs):
        try:
            return super().execute_sql(sql, params, *args, **kwargs)
        except ValueError as exc:
            # SQLite stores a NUL, PostgreSQL's text cannot hold one: psycopg2 refuses before sending.
            if "NUL" not in str(exc):
                raise
            raise GongkaiError("输入含有空字符（U+0000），未作任何改动；请删去后重试") from None


def is_sqlite() -> bool:
    return isinstance(database.obj, peewee.SqliteDatabase)


def sqlite_path(url: str) -> Path | None:
    """The file of a sqlite:/// URL (None for an in-memory database)."""
    path = url.split("://", 1)[1]
    if path.startswith("/") and path not in ("/", "/:memory:"):
        return Path(path[1:] if path.startswith("//") else path)
    return None


def writable(file: Path) -> bool:
    """False on a read-only mount, or for an account that may only read the file (WAL also needs
    to create files beside it)."""
    return os.access(file, os.W_OK) and os.access(file.parent, os.W_OK)


def _read_only(file: Path) -> peewee.SqliteDatabase:
    """A database that cannot be written is still read: lists, details, `audit verify`, `doctor`;
    a change is refused in one line (see `describe`). With no -wal file beside it everything is in
    the file itself, and `immutable` lets SQLite read it without creating one."""
    flags = "mode=ro" if Path(f"{file}-wal").exists() else "mode=ro&immutable=1"
    return peewee.SqliteDatabase(f"file:{file}?{flags}", uri=True,
                                 pragmas={k: v for k, v in SQLITE_PRAGMAS.items() if k != "journal_mode"})


def connect_url(url: str) -> peewee.Database:
    scheme = urlparse(url).scheme
    if scheme.startswith("sqlite"):
        file = sqlite_path(url)
        if file is not None and file.exists() and not writable(file):
            return _read_only(file)
        if file is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
            # Applicants' personal data: a new database file is the owner's alone (SQLite gives its
            # -wal and -shm files the same mode).
            os.close(os.open(file, os.O_CREAT | os.O_RDWR, 0o600))
        # The name as playhouse.db_url reads it (the path after its leading '/'); that module is
        # not imported for SQLite: it brings PostgreSQL's pool and extensions into every command.
        return peewee.SqliteDatabase(urlparse(url).path[1:] or ":memory:", pragmas=SQLITE_PRAGMAS)
    if scheme.startswith(("postgres", "psycopg")):
        from playhouse.db_url import parse  # with its pool and extension modules: PostgreSQL only

        # Waiting behind another officer's lock, or a runaway statement, ends with a message
        # instead of a terminal that silently hangs.
        return _Postgres(**parse(url),
                         options=f"-c lock_timeout={LOCK_TIMEOUT_S}s -c statement_timeout={STATEMENT_TIMEOUT_S}s")
    raise GongkaiError(f"GONGKAI_DB：不支持的数据库地址 {url!r}（应为 sqlite:///路径 或 postgresql://…）", "GONGKAI_DB")


def open_database(url: str | None = None) -> peewee.Database:
    """Bind the proxy to the database at `url` (default: GONGKAI_DB or the
    user's data dir). Migrations are core.session's: only the owner applies them."""
    db = connect_url(url or config.db_url())
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        raise GongkaiError(f"无法连接数据库：{exc}".strip()) from None
    return db


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        if is_sqlite():
            # SQLite's advice for long-lived databases: refresh planner statistics when they matter.
            # Advisory: when another officer holds the write lock it is simply left for a later close.
            try:
                database.execute_sql("PRAGMA optimize")
            except peewee.OperationalError:
                pass
        database.close()


def write_transaction():
    """A transaction for a read-then-write state change. On SQLite it takes
    the write lock up front (BEGIN IMMEDIATE) so a second officer waits and
    then reads the first one's result instead of a stale snapshot."""
    if is_sqlite():
        return database.atomic("IMMEDIATE")
    return database.atomic()


def insert_rows(model: type[peewee.Model], rows: list[dict]) -> None:
    """Rows inserted in bulk (inside the caller's transaction). Every row has the first row's
    columns; a column they all leave out takes its field's default, as peewee's own inserts give it."""
    if not rows:
        return
    names = [*rows[0], *(name for name, f in model._meta.fields.items() if name not in rows[0] and f.default is not None)]
    insert_values(model, names, column_values(model, names, rows))


def column_values(model: type[peewee.Model], names: list[str], rows: Iterable[dict]) -> list[tuple]:
    """Rows as `insert_values` takes them: each value through its field's `db_value`; a value a
    row lacks is its field's default (None when it has none)."""
    fields = [model._meta.fields[name] for name in names]
    plain = [_PLAIN.get(f.field_type) for f in fields]
    converted = []
    for row in rows:
        values = []
        for f, kind in zip(fields, plain):
            value = row[f.name] if f.name in row else f.default() if callable(f.default) else f.default
            # A value already of the column's plain type is what db_value would return: skip the call
            # (a bulk load makes millions).
            values.append(value if value is None or type(value) is kind else f.db_value(value))
        converted.append(tuple(values))
    return converted


# Column type → the Python type peewee's db_value hands to the driver unchanged.
_PLAIN = {"VARCHAR": str, "TEXT": str, "INT": int, "AUTO": int, "BOOL": bool, "DATE": dt.date,
          "DATETIME": dt.datetime}


def insert_values(model: type[peewee.Model], names: list[str], values: list[tuple]) -> None:
    """Tuples of database values for the columns `names`, with one prepared statement the driver
    runs for every row: peewee's insert_many builds the SQL text of every value in Python, most
    of a bulk load's time."""
    if not values:
        return
    columns = ", ".join(f'"{model._meta.fields[name].column_name}"' for name in names)
    table = model._meta.table_name
    cursor = database.cursor()
    if is_sqlite():
        cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" for _ in names)})', values)
        return
    if not _bypasses_row_security(table):
        # COPY is refused where row-level security applies: an officer's import goes row by row.
        from psycopg2.extras import execute_values

        execute_values(cursor, f'INSERT INTO "{table}" ({columns}) VALUES %s', values, page_size=1000)
        return
    # PostgreSQL's own bulk path for the owner (the demo load): the server parses no INSERT statements,
    # most of a load's time there.
    text = io.StringIO()
    for row in values:
        text.write("\t".join(map(_copy_field, row)))
        text.write("\n")
    text.seek(0)
    cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN', text)


def _bypasses_row_security(table: str) -> bool:
    return bool(database.execute_sql(
        "SELECT r.rolsuper OR r.rolbypassrls OR t.tableowner = current_user FROM pg_roles r, pg_tables t "
        "WHERE r.rolname = current_user AND t.schemaname = current_schema() AND t.tablename = %s",
        (table,)).fetchone()[0])


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _copy_field(value) -> str:
    """A value in COPY's text format: \\N for NULL, text with its backslashes and line and field
    separators escaped; dates, times and numbers as Python writes them, which PostgreSQL reads."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        if "\0" in value:  # PostgreSQL's text cannot hold it (SQLite's can)
            raise GongkaiError("输入含有空字符（U+0000），未作任何改动；请删去后重试")
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)
