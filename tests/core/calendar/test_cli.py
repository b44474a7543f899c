"""`gongkai calendar …` as scripts use it."""

from __future__ import annotations

import hashlib
import io
import json
import shutil

import pytest

from core.session import open_ready
from core.store.models import SystemEvent
from tests.conftest import act_as

TEST_2027 = """\
# Test data shaped like a State Council notice; not the real 2027 arrangement.
year: 2027
notice: 国办发明电〔2026〕99号
notice_date: 2026-11-10
holidays:
  - name: 元旦
    from: 2027-01-01
    to: 2027-01-03
  - name: 春节
    from: 2027-02-06
    to: 2027-02-13
    makeup: [2027-02-14, 2027-02-20]
"""


def test_add_prints_the_date_as_json(catalogs, cli):
    code, out, _ = cli("calendar", "add", "--days", "15", "2025-09-30", "--json")
    assert code == 0
    assert json.loads(out) == {"start": "2025-09-30", "days": 15, "date": "2025-10-28", "provisional": False}


def test_add_from_stdin_prints_one_json_object_per_line_in_order(catalogs, cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("2025-09-30\n2026-02-13\n\n2026-12-24\n"))
    code, out, _ = cli("calendar", "add", "--days", "15", "--stdin")
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == [
        {"start": "2025-09-30", "days": 15, "date": "2025-10-28", "provisional": False},
        {"start": "2026-02-13", "days": 15, "date": "2026-03-12", "provisional": False},
        {"start": "2026-12-24", "days": 15, "date": "2027-01-14", "provisional": True,
         "reason": "2027年节假日安排尚未录入"},
    ]


def test_a_bad_line_on_stdin_is_named(catalogs, cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("2025-09-30\n2025-13-01\n"))
    code, out, err = cli("calendar", "add", "--days", "1", "--stdin")
    assert code == 1
    assert err == "错误：第2行：无法识别的日期 '2025-13-01'（应为 YYYY-MM-DD，如 2025-09-30）\n"


def test_human_output_flags_a_provisional_date(catalogs, cli):
    code, out, _ = cli("calendar", "add", "--days", "15", "2026-12-24")
    assert out == "2026-12-24 之后第15个工作日：2027-01-14（暂估：2027年节假日安排尚未录入，按周末双休计算）\n"


def test_importing_2027_makes_a_provisional_date_exact(env, catalogs, cli, tmp_path):
    source = tmp_path / "2027-notice.yaml"
    source.write_text(TEST_2027, encoding="utf-8")
    code, out, _ = cli("calendar", "import", str(source), "--json")
    assert code == 0
    installed = json.loads(out)
    assert installed["year"] == 2027 and installed["replaced"] is False
    assert (catalogs / "holidays" / "2027.yaml").read_text(encoding="utf-8") == TEST_2027
    open_ready()
    event = SystemEvent.select().order_by(SystemEvent.seq.desc()).first()
    assert (event.actor, event.action, json.loads(event.data)["sha256"]) == (
        "admin", "calendar_import", hashlib.sha256(TEST_2027.encode("utf-8")).hexdigest())

    code, out, _ = cli("calendar", "add", "--days", "15", "2026-12-24", "--json")
    assert json.loads(out) == {"start": "2026-12-24", "days": 15, "date": "2027-01-15", "provisional": False}
    code, out, _ = cli("calendar", "show", "2027", "--json")
    shown = json.loads(out)
    assert shown["source"] == "catalogs/holidays/2027.yaml"
    assert shown["notice"] == "国办发明电〔2026〕99号"
    assert shown["holidays"][1] == {"name": "春节", "from": "2027-02-06", "to": "2027-02-13",
                                    "makeup": ["2027-02-14", "2027-02-20"]}


def test_every_officer_computes_with_the_calendar_the_database_holds(env, catalogs, cli, tmp_path, monkeypatch):
    """Two officers' content trees: the 管理员 imports 2027 into one; the other officer's next
    session brings their own tree to the database's 2027."""
    source = tmp_path / "2027-notice.yaml"
    source.write_text(TEST_2027, encoding="utf-8")
    assert cli("calendar", "import", str(source))[0] == 0
    cli("demo")
    other = tmp_path / "other-office"
    shutil.copytree(catalogs.parent, other)
    (other / "catalogs" / "holidays" / "2027.yaml").unlink()
    monkeypatch.setenv("GONGKAI_HOME", str(other))
    act_as(monkeypatch, "zhaomin")
    assert cli("request", "list")[0] == 0  # any session of theirs
    code, out, _ = cli("calendar", "add", "--days", "15", "2026-12-24", "--json")
    assert (code, json.loads(out)["date"], json.loads(out)["provisional"]) == (0, "2027-01-15", False)
    assert (other / "catalogs" / "holidays" / "2027.yaml").read_text(encoding="utf-8") == TEST_2027


def test_only_the_administrator_imports_a_holiday_year(env, catalogs, cli, tmp_path, monkeypatch):
    """A fake 国庆 to 12-31 moved a deadline from 2025-11-10 to 2026-01-22 for everyone."""
    cli("demo")
    act_as(monkeypatch, "zhaomin")
    source = tmp_path / "2027-notice.yaml"
    source.write_text(TEST_2027, encoding="utf-8")
    code, _, err = cli("calendar", "import", str(source))
    assert (code, err) == (1, "错误：导入节假日安排需要“管理员”角色，当前用户 zhaomin（赵敏）没有该角色\n")
    assert not (catalogs / "holidays" / "2027.yaml").exists()


def test_a_data_file_wins_over_the_package_for_its_year(catalogs, cli):
    (catalogs / "holidays" / "2025.yaml").write_text(
        "year: 2025\nnotice: 更正测试\nnotice_date: 2024-11-12\nholidays:\n"
        "  - {name: 国庆节, from: 2025-10-01, to: 2025-10-03}\n", encoding="utf-8")
    code, out, _ = cli("calendar", "add", "--days", "1", "2025-09-30", "--json")
    assert json.loads(out)["date"] == "2025-10-06"
    code, out, _ = cli("calendar", "show", "2025")
    assert out.splitlines()[0] == "2025年节假日安排（来源：catalogs/holidays/2025.yaml，更正测试（2024-11-12））"


def test_import_reports_every_problem_with_file_line_and_field_and_installs_nothing(env, catalogs, cli, tmp_path):
    source = tmp_path / "bad.yaml"
    source.write_text("""\
year: 2027
notice: 国办发明电〔2026〕99号
notice_date: 2026-11-10
holidays:
  - name: 元旦
    from: 2027-01-01
    to: 2027-01-03
  - name: 春节
    from: 2027-02-05
    to: 2027-02-12
    makeup: [2027-02-03, 2027-02-20]
  - name: 重叠
    from: 2027-02-10
    to: 2027-02-11
  - name: 跨年
    from: 2027-12-31
    to: 2028-01-01
  - name: 国庆
    from: 2027-10-01
    to: 2027-10-07
    makeup: [2027-10-02]
""", encoding="utf-8")
    code, _, err = cli("calendar", "import", str(source))
    assert code == 1
    assert err.splitlines() == [
        f"错误：{source} 第11行 字段 makeup：调休上班日 2027-02-03 是星期三，应为星期六或星期日",
        f"{source} 第13行 字段 from：重叠 2027-02-10至2027-02-11 与第8行的 春节 重叠",
        f"{source} 第17行 字段 to：日期 2028-01-01 不在 2027 年内",
        f"{source} 第21行 字段 makeup：2027-10-02 同时是放假日和调休上班日",
    ]
    assert not (catalogs / "holidays" / "2027.yaml").exists()


@pytest.mark.parametrize("text, message", [
    ("year: 2027\nnotice: x\nholidays: []\n", "第1行 字段 notice_date：缺少必填字段"),
    ("year: 2027\nnotice: x\nnotice_date: 2026-13-01\nholidays: []\n",
     "第3行 字段 notice_date：不是有效日期（应为 YYYY-MM-DD）：'2026-13-01'"),
    ("year: [2027\n", "第2行：YAML 格式错误"),
])
def test_malformed_holiday_files_are_named(env, catalogs, cli, tmp_path, text, message):
    source = tmp_path / "x.yaml"
    source.write_text(text, encoding="utf-8")
    code, _, err = cli("calendar", "import", str(source))
    assert code == 1
    assert message in err


def test_show_a_year_without_data_says_how_to_enter_it(catalogs, cli):
    code, out, _ = cli("calendar", "show", "2027")
    assert out == ("2027年节假日安排尚未录入：按周末双休计算，相关期限均标注为暂估。"
                   "录入方法：gongkai calendar import 2027.yaml\n")


def test_between_counts_working_days(catalogs, cli):
    code, out, _ = cli("calendar", "between", "2026-02-13", "2026-03-12", "--json")
    assert json.loads(out) == {"start": "2026-02-13", "end": "2026-03-12", "days": 15, "provisional": False}
