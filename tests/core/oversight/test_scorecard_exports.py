"""The scorecard as leadership receives it: `score list` sorted, `score trace`, and the workbook,
Word results and chart; who may see which bodies."""

from __future__ import annotations

import datetime as dt
import json

import docx
import openpyxl

from core import demo
from core.requests import service as requests
from core.requests.lifecycle import Params
from tests.conftest import act_as
from tests.reviewing import officers

D = dt.date
NOTHING_HELD = {"outcome": "无法提供", "reason_code": 1, "reason": "本机关不掌握该信息"}


def replied(agency: str, received: dt.date, on: dt.date) -> str:
    clerk = officers(agency)[0]
    view = requests.create(requests.Intake(agency=agency, received=received, channel="当面",
                                           applicant_type="自然人", applicant_name="张三", content="某项信息"),
                           clerk, D(2026, 1, 20))
    requests.act(view.id, "accept", Params(date=received), clerk, D(2026, 1, 20))
    requests.act(view.id, "decide", Params(date=on, **NOTHING_HELD), clerk, D(2026, 1, 20))
    requests.act(view.id, "reply", Params(date=on), clerk, D(2026, 1, 20))
    return view.number


def test_list_trace_and_exports(db, env, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2026-01-20")
    demo.fill()
    on_time = replied("YXFGW", D(2025, 6, 2), D(2025, 6, 20))  # due 23 June
    late = replied("YXFGW", D(2025, 6, 2), D(2025, 6, 30))
    replied("YXCZJ", D(2025, 6, 2), D(2025, 6, 3))
    code, out, _ = cli("score", "list", "--year", "2025", "--agency", "YXFGW", "--agency", "YXCZJ",
                       "--sort", "reply_on_time", "--json")
    cards = json.loads(out)
    # 发展改革委: 1 of 2 replies on time → 20 of 40; no 2024 report → both milestones missed, 0 of 10.
    assert [(c["agency"], c["scored"][0]["points"], c["total"], c["grade"]) for c in cards] == [
        ("YXCZJ", 40.0, 90.0, "优秀"), ("YXFGW", 20.0, 70.0, "一般")]
    code, out, _ = cli("score", "trace", "YXFGW", "replied_late", "--year", "2025", "--json")
    assert [(r["ref"], r["detail"]) for r in json.loads(out)] == [
        (late, "收到 2025-06-02，期限 2025-06-23，答复 2025-06-30")]
    book = tmp_path / "考核.xlsx"
    assert cli("score", "export", "--year", "2025", "--agency", "YXFGW", "--out", str(book))[0] == 0
    sheets = openpyxl.load_workbook(book)
    assert sheets.sheetnames == ["考核得分", "数据", "明细"]
    assert [row for row in sheets["考核得分"].iter_rows(values_only=True)] == [
        ("机构代码", "机构", "依申请公开按时答复", "主动公开按时发布和更新", "复议诉讼未被纠正", "举报投诉查实",
         "年度报告按时报送公布", "总分", "档次"),
        ("YXFGW", "玉溪市发展和改革委员会", 20, 25, 10, 15, 0, 70, "一般")]
    details = [row[2:4] for row in sheets["明细"].iter_rows(min_row=2, values_only=True)]
    assert details == [("收到申请", on_time), ("收到申请", late), ("按时答复", on_time), ("逾期答复", late),
                       ("年度报告逾期节点", "2024年度报告"), ("年度报告逾期节点", "2024年度报告")]
    word = tmp_path / "考核.docx"
    assert cli("score", "export", "--year", "2025", "--agency", "YXFGW", "--agency", "YXCZJ", "--format", "docx",
               "--out", str(word))[0] == 0
    doc = docx.Document(word)
    assert doc.paragraphs[0].text == "2025年度政府信息公开工作考核结果"
    assert [c.text for c in doc.tables[0].rows[0].cells][:3] == ["序号", "机构", "依申请公开按时答复（40）"]
    assert len(doc.inline_shapes) == 2  # a chart per body
    chart = tmp_path / "chart.png"
    assert cli("score", "export", "--year", "2025", "--agency", "YXFGW", "--format", "png", "--out", str(chart))[0] == 0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_officer_sees_their_own_body_only(db, env, cli, monkeypatch):
    demo.fill()
    officers("YXFGW")
    act_as(monkeypatch, "yxfgw.clerk")
    code, out, _ = cli("score", "list", "--json")
    assert [c["agency"] for c in json.loads(out)] == ["YXFGW"]
    code, _, err = cli("score", "trace", "YXCZJ", "received")
    assert (code, err) == (1, "错误：YXFGW承办人属于市发展改革委，不能查看玉溪市财政局的考核数据\n")
