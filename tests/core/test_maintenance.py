"""Backups, restoration, the personal-data lifecycle and `gongkai doctor`, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest

from core import demo
from core.organisation import users
from core.requests import service as requests
from core.requests.intake import Intake
from core.store import db as core_db
from core.store.models import Request
from tests.conftest import act_as, as_officer, connect_as

RECEIVED = dt.date(2019, 3, 4)


def _keep_logging(url: str, stop, logged) -> None:
    core_db.open_database(url)
    clerk = users.get("zhaomin")
    while not stop.is_set():
        requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 11, 3), channel="当面", applicant_type="自然人",
                               applicant_name="王芳", content="政务云经费"), clerk, dt.date(2025, 12, 1))
        logged.value += 1
    core_db.close_database()


def _empty_database(owner_url: str, name: str) -> str:
    """A second, empty database beside the test one: SQLite file or PostgreSQL database."""
    if owner_url.startswith("sqlite"):
        return owner_url.replace("gongkai.db", f"{name}.db")
    conn = psycopg2.connect(owner_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name}")
        cur.execute(f"CREATE DATABASE {name}")
    conn.close()
    return urlunsplit(urlsplit(owner_url)._replace(path=f"/{name}"))


@pytest.fixture
def office_db(db, env, monkeypatch):
    connect_as(None)
    demo.fill(60, today=dt.date(2025, 12, 1))
    core_db.close_database()
    return env


def maintainer(monkeypatch, env) -> None:
    """Backups are the administrator's on SQLite and the database owner's on PostgreSQL."""
    if env["db"].startswith("sqlite"):
        act_as(monkeypatch, "admin")
    else:
        monkeypatch.setenv("GONGKAI_DB", env["db"])


def test_a_backup_taken_while_an_officer_logs_requests_restores_whole_and_verifies(office_db, cli, monkeypatch,
                                                                                   tmp_path):
    url = office_db["db"]
    writer_url = url if url.startswith("sqlite") else as_officer(url, "zhaomin")
    context = multiprocessing.get_context("spawn")
    stop, logged = context.Event(), context.Value("i", 0)
    writer = context.Process(target=_keep_logging, args=(writer_url, stop, logged))
    writer.start()
    try:
        while logged.value < 20:  # the writer is in full flow
            pass
        maintainer(monkeypatch, office_db)
        before = logged.value
        code, out, err = cli("backup", str(tmp_path / "backup.gk"), "--json")
        during = logged.value
    finally:
        stop.set()
        writer.join(60)
    assert (code, err) == (0, ""), err
    backed = json.loads(out)
    assert oct(os.stat(tmp_path / "backup.gk").st_mode & 0o777) == "0o600"
    # Every request logged before the backup began is in it, each with its whole chain.
    assert 60 + before <= backed["requests"] <= 60 + during + 1

    target = _empty_database(url, "gongkai_restored")
    monkeypatch.setenv("GONGKAI_DB", target)
    code, out, err = cli("restore", str(tmp_path / "backup.gk"), "--json")
    assert (code, err) == (0, ""), err
    restored = json.loads(out)
    assert (restored["requests"], restored["problem"]) == (backed["requests"], None)
    code, _, err = cli("restore", str(tmp_path / "backup.gk"))  # a second time: it now holds data
    assert code == 1 and "不是空的" in err
    if not url.startswith("sqlite"):  # officers work on the restored database under its rules
        monkeypatch.setenv("GONGKAI_DB", as_officer(target, "zhaomin"))
        code, out, err = cli("request", "list", "--json", "--limit", "1000")
        assert (code, err) == (0, "") and {r["agency"] for r in json.loads(out)} == {"YXSZFB"}


def test_restore_refuses_a_database_that_is_not_empty(office_db, cli, monkeypatch, tmp_path):
    maintainer(monkeypatch, office_db)
    assert cli("backup", str(tmp_path / "b.gk"))[0] == 0
    monkeypatch.setenv("GONGKAI_DB", office_db["db"])
    code, out, err = cli("restore", str(tmp_path / "b.gk"))
    assert code == 1 and err.startswith("错误：文件：") and "不是空的" in err and err.count("\n") == 1


def test_a_backup_never_overwrites_a_file(office_db, cli, monkeypatch, tmp_path):
    maintainer(monkeypatch, office_db)
    (tmp_path / "b.gk").write_text("keep")
    code, _, err = cli("backup", str(tmp_path / "b.gk"))
    assert (code, err) == (1, f"错误：输出文件：{tmp_path / 'b.gk'} 已存在：不覆盖已有文件，请换一个文件名\n")
    assert (tmp_path / "b.gk").read_text() == "keep"


def _dump(url: str) -> str:
    """Every value in every table, as text: where an erased name must not be found."""
    core_db.open_database(url)
    database = core_db.database
    tables = database.get_tables()
    text = "\n".join(str(row) for t in tables for row in database.execute_sql(f'SELECT * FROM "{t}"').fetchall())
    core_db.close_database()
    return text


def test_personal_data_is_erased_after_its_period_and_the_audit_still_verifies(db, env, cli, monkeypatch):
    connect_as(None)
    demo.fill()
    core_db.close_database()
    act_as(monkeypatch, "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", "2019-03-20")

    def log(name: str) -> str:
        code, out, err = cli("request", "new", "--agency", "YXSZFB", "--received", RECEIVED.isoformat(), "--channel",
                             "当面", "--applicant-type", "自然人", "--applicant-name", name, "--applicant-phone",
                             "13912345678", "--content", "2018年政务云经费", "--json")
        assert code == 0, err
        number = json.loads(out)["number"]
        for step in (["accept", "--date", "2019-03-05"],
                     ["decide", "--outcome", "无法提供", "--reason-code", "1", "--reason", "本机关未制作",
                      "--date", "2019-03-06"], ["reply", "--date", "2019-03-07"], ["close", "--date", "2019-03-08"]):
            code, _, err = cli("request", "act", number, *step)
            assert code == 0, err
        return number

    erased, disputed = log("欧阳明远"), log("司马青衫")
    assert cli("request", "case", disputed, "--kind", "行政复议", "--result", "尚未审结", "--filed", "2019-03-15")[0] == 0
    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-07")  # five years after the decision: still kept
    act_as(monkeypatch, "admin")
    code, out, _ = cli("retention", "apply", "--json")
    assert json.loads(out)["erased"] == []

    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-08")
    code, out, _ = cli("retention", "apply", "--dry-run", "--json")
    assert (code, json.loads(out)) == (0, {"erased": [erased], "unerasable": [], "dry_run": True})
    assert "欧阳明远" in _dump(env["db"])
    code, out, err = cli("retention", "apply")
    assert (code, out, err) == (0, f"已删除 1 件申请的申请人个人信息：{erased}\n", "")

    text = _dump(env["db"])
    assert "欧阳明远" not in text  # nowhere: not in the request, not in its events
    assert "司马青衫" in text  # a 行政复议 still pending keeps its applicant
    code, out, _ = cli("audit", "verify", "--json")
    assert (code, json.loads(out)["ok"]) == (0, True)
    code, out, _ = cli("request", "show", erased, "--json")
    shown = json.loads(out)
    assert (shown["applicant_name"], shown["applicant_phone"]) == ("（已删除）", None)
    assert shown["events"][-1]["action"] == "erase_personal"

    # An applicant's name changed around the application is caught by the commitment.
    core_db.open_database(env["db"])
    Request.update(applicant_name="司马青山").where(Request.number == disputed).execute()
    core_db.close_database()
    code, out, _ = cli("audit", "verify")
    assert (code, out) == (1, f"审计链不符：申请 {disputed}：申请人信息与登记时的记录不符，该信息未经办理记录被改动\n")
    assert cli("audit", "verify", "--processes", "1") == (1, out, "")
    assert cli("audit", "verify", "--processes", "0") == (1, "", "错误：进程数：应为不小于 1 的整数\n")


def test_only_the_administrator_erases(db, env, cli, monkeypatch):
    connect_as(None)
    demo.fill()
    core_db.close_database()
    act_as(monkeypatch, "zhaomin")
    code, _, err = cli("retention", "apply")
    assert (code, err) == (1, "错误：删除到期的个人信息需要“管理员”角色，当前用户 zhaomin（赵敏）没有该角色\n")


def test_doctor_names_what_needs_doing(office_db, cli, monkeypatch):
    maintainer(monkeypatch, office_db)
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-25")
    code, out, _ = cli("doctor", "--json")
    found = {f["item"]: f for f in json.loads(out)}
    assert found["审计链"]["status"] == "正常"
    assert found["备份"] == {"item": "备份", "status": "注意", "detail": "尚无备份记录",
                             "advice": "运行 gongkai backup 文件名，并把备份存到另一台机器或介质"}
    assert found["节假日安排"]["detail"].startswith("2027 年尚未录入")
    if office_db["db"].startswith("sqlite"):
        file = core_db.sqlite_path(office_db["db"])
        os.chmod(file, 0o644)
        code, out, _ = cli("doctor")
        assert code == 1
        assert f"[需处理] 数据库文件：{file} 权限为 644，其他账户可以读取\n        → chmod 600 {file}\n" in out
