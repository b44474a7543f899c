"""Bad input from the command line: one Chinese line naming the field, exit 1, never an
internal error, and nothing changed — on SQLite and on PostgreSQL (the crash classes #16 found)."""

from __future__ import annotations

import pytest

from core import demo
from core.session import open_ready
from core.store import db as core_db
from core.store.models import Request, SystemEvent
from tests.conftest import act_as, connect_as

NEW = ["request", "new", "--agency", "YXSZFB", "--channel", "当面", "--applicant-type", "自然人",
       "--content", "政务云经费"]


def new(name="张三", received="2025-10-15"):
    return NEW + ["--applicant-name", name, "--received", received]


CASES = [
    (["request", "show", "²"], "错误：申请 ² 不存在\n"),
    (["request", "show", "9" * 25], f"错误：申请 {'9' * 25} 不存在\n"),
    (new(received="2025-10-15; DROP TABLE request"),
     "错误：收到日期：无法识别的日期 '2025-10-15; DROP TABLE request'（应为 YYYY-MM-DD，如 2025-09-30）\n"),
    (new(received="0001-01-01"), "错误：收到日期：日期 0001-01-01 超出可办理的范围（1990–2099 年）\n"),
    (new(name="张三\x1b[31m"), "错误：申请人姓名或名称：申请人姓名或名称含有不可见的控制字符（U+001B），请删去后重新输入\n"),
    (new(name="张\u202e三"), "错误：申请人姓名或名称：申请人姓名或名称含有不可见的控制字符（U+202E），请删去后重新输入\n"),
    (new(name="张三" * 200), "错误：申请人姓名或名称：申请人姓名或名称不超过100字\n"),
    (["report", "set", "--year", "2025", "--agency", "YXSZFB", "--cell", "行政许可=1e400"],
     "错误：填报栏目：“行政许可”应为有限的数\n"),
    (["report", "set", "--year", "2025", "--agency", "YXSZFB", "--cell", "行政许可=nan"],
     "错误：填报栏目：“行政许可”应为有限的数\n"),
    (["request", "list", "--limit", "-1"], "错误：条数：条数应为正整数\n"),
    (["request", "list", "--limit", "9" * 25], "参数错误：条数（limit） 数值超出范围\n"),
    (["catalog", "add", "--title", "关于" * 150, "--class", "业务及服务", "--agency", "YXSZFB", "--body", "BODY"],
     "错误：信息名称：信息名称不超过200字\n"),
    # Longer than a file name may be, with a NEL (U+0085) a terminal would break the line on.
    (["review", "new", "--catalog", "0" * 300 + "\x85"],
     f"错误：目录条目索引号：'{'0' * 300}\\x85' 不是索引号，应为 机构代码/年份-5位序号，如 YXSZFB/2025-00001\n"),
]


@pytest.fixture
def office_db(db, env, monkeypatch):
    connect_as(None)
    demo.fill(20)
    core_db.close_database()
    act_as(monkeypatch, "zhaomin")
    return env


def state(env) -> tuple:
    open_ready(env["db"])
    counted = (Request.select().count(), SystemEvent.select().count(),
               sorted(p.name for p in (env["catalogs"]).rglob("*") if p.is_file()))
    core_db.close_database()
    return counted


@pytest.mark.parametrize("args, message", CASES, ids=[str(i) for i in range(len(CASES))])
def test_bad_input_is_one_line_naming_the_field_and_changes_nothing(office_db, cli, args, message, tmp_path):
    body = tmp_path / "body.txt"
    body.write_text("正文\n", encoding="utf-8")
    args = [str(body) if a == "BODY" else a for a in args]
    before = state(office_db)
    code, out, err = cli(*args)
    assert (code, out, err) == (1, "", message)
    assert state(office_db) == before


def test_one_malformed_catalogue_entry_blocks_no_other_agencys_addition(office_db, cli, tmp_path, monkeypatch):
    """Invalid UTF-8 in one 市发展改革委 entry stopped `catalog add` for every agency."""
    broken = office_db["catalogs"] / "catalogue" / "YXFGW" / "YXFGW-2025-00001.md"
    broken.parent.mkdir(parents=True)
    broken.write_bytes("---\n索引号: YXFGW/2025-00001\n---\n".encode() + b"\xff\xfe")
    body = tmp_path / "body.txt"
    body.write_text("春节期间政务服务大厅暂停现场服务。\n", encoding="utf-8")
    code, out, err = cli("catalog", "add", "--title", "春节办公安排", "--class", "业务及服务", "--agency", "YXSZFB",
                         "--body", str(body), "--json")
    assert (code, err) == (0, "")
    act_as(monkeypatch, "admin")  # its own agency's addition names the broken file, in one line
    code, _, err = cli("catalog", "add", "--title", "节假日安排", "--class", "业务及服务", "--agency", "YXFGW",
                       "--body", str(body))
    assert code == 1 and err.startswith("错误：") and "不是 UTF-8 编码的文本" in err and err.count("\n") == 1
