"""监督检查: each failure of 责任追究制度第六条 the data shows, per body, and the 通报 draft in Word."""

from __future__ import annotations

import datetime as dt
import json

import docx

from core import demo
from core.oversight import complaints, inspection
from core.requests import service as requests
from core.requests.lifecycle import Params
from core.store import audit
from core.store.db import write_transaction
from core.store.models import Event, Request
from tests.core.oversight.test_timeliness import entry
from tests.reviewing import officers

D = dt.date
TODAY = D(2026, 1, 20)  # the 2025 check runs to 31 December
NOTHING_HELD = {"outcome": "无法提供", "reason_code": 1, "reason": "本机关不掌握该信息"}


def late_reply(agency: str) -> str:
    clerk = officers(agency)[0]
    view = requests.create(requests.Intake(agency=agency, received=D(2025, 6, 2), channel="当面",
                                           applicant_type="自然人", applicant_name="张三", content="某项信息"),
                           clerk, TODAY)
    requests.act(view.id, "accept", Params(date=D(2025, 6, 2)), clerk, TODAY)  # due 23 June (15 working days)
    requests.act(view.id, "decide", Params(date=D(2025, 6, 30), **NOTHING_HELD), clerk, TODAY)
    requests.act(view.id, "reply", Params(date=D(2025, 6, 30)), clerk, TODAY)
    return view.number


def off_standard_fee(number: str) -> None:
    """A fee notice taken over from an old ledger that asked more than the standard for its pages."""
    row = Request.get(Request.number == number)
    last = Event.select().where(Event.request == row.id).order_by(Event.seq.desc()).first()
    with write_transaction():
        event = audit.new_event(row, last.seq + 1, last.hash, "import", "fee", D(2025, 6, 20),
                                {"method": "按量", "pages": 40, "amount": 500})
        Request.update(head_hash=event.hash).where(Request.id == row.id).execute()


def test_each_failure_the_data_shows_is_named_under_its_item(db, env, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())
    demo.fill()
    number = late_reply("YXFGW")
    off_standard_fee(number)
    entry(env["catalogs"], "YXFGW", 1, 形成日期="2025-03-03", 发布日期="2025-03-05")
    entry(env["catalogs"], "YXFGW", 2, 形成日期="2025-09-26")  # due 23 October, never published
    entry(env["catalogs"], "YXHTQ", 3, 形成日期="2025-11-03", 发布日期="2025-11-10")  # on time, and recent
    made = complaints.create(complaints.Intake("YXFGW", D(2025, 10, 9), "来信", (2,), "目录未更新"),
                             officers("YXSZFB")[0], TODAY)
    for step, extra in (("accept", {}), ("reply", {"finding": "成立", "follow_up": "更新目录",
                                                   "follow_up_due": D(2025, 11, 10)})):
        complaints.act(made.number, step, officers("YXSZFB")[0], TODAY, date=D(2025, 10, 10), **extra)
    found = inspection.run(2025, TODAY, ["YXFGW", "YXHTQ"])
    by_body = {b.agency: [(f.item, f.what, f.refs) for f in b.findings] for b in found.bodies}
    assert by_body["YXFGW"] == [
        ("二", "依申请公开逾期答复或逾期未答复", (f"{number}（逾期答复）",)),
        ("三", "主动公开信息逾期发布、更新或逾期未发布、更新", ("YXFGW/2025-00002（发布逾期未完成，应于2025-10-23前）",)),
        # Its latest publication was on 5 March: nothing in the three months before 31 December.
        ("四", "政府信息公开目录自2025-03-05以来3个月以上未发布或更新条目", ()),
        # The complaint held, on ground (二) 不及时更新…目录: a failure of item (四) as well.
        ("四", "举报投诉经调查成立或部分成立", ("YXSZFB-JB-2025-0001（成立）",)),
        ("八", "收费金额与国办函〔2020〕109号标准不符", (f"{number}（收取500元，标准100元）",)),
        ("九", "查实的举报投诉逾期未整改落实", ("YXSZFB-JB-2025-0001（整改期限2025-11-10，未落实）",)),
        ("年报", "2024年度报告逾期", ("2025-03-01前应已报送", "2025-03-31前应已公布")),
    ]
    assert by_body["YXHTQ"] == [("年报", "2024年度报告逾期", ("2025-03-01前应已报送", "2025-03-31前应已公布"))]
    assert found.notes == (inspection.REVIEW_NOTE,)  # a fee was off the standard: no note saying all were on it
    out = tmp_path / "通报.docx"
    code, printed, err = cli("inspect", "--year", "2025", "--agency", "YXFGW", "--agency", "YXHTQ",
                             "--out", str(out), "--json")
    assert (code, err) == (0, "")
    assert json.loads(printed)["bodies"][0]["findings"][0]["basis"] == "《玉溪市政府办公室信息公开责任追究制度》第六条第（二）项"
    text = [p.text for p in docx.Document(out).paragraphs]
    assert text[0] == "关于2025年度政府信息公开工作监督检查情况的通报"
    assert "检查的2个单位中，0个单位未发现问题，2个单位存在责任追究制度第六条所列情形。" in text
    assert f"1. 应当公开的事项没有按要求时限公开（《玉溪市政府办公室信息公开责任追究制度》第六条第（二）项）。" \
           f"依申请公开逾期答复或逾期未答复1件：{number}（逾期答复）。" in text
    assert inspection.REVIEW_NOTE in text
    assert text[-2:] == ["玉溪市人民政府", "2026年1月20日"]  # the administrator's own body, and today
