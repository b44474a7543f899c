"""The 2025 考核 scorecard of three bodies — the city government office (yuxi rules), a department
(yuxi) and a county government (条例) — from a small year of requests, catalogue entries, cases,
complaints and annual reports. Every expected figure was counted by hand from the rules (working
days on the 2025 holiday schedule), not read off the code; the comments name the rows counted.

Request labels: c* 市政府办公室 (YXSZFB), d* 发展改革委 (YXFGW), h* 红塔区政府 (YXHTQ); each body's
requests are logged in order of receipt, so c2 is YXSZFB-2025-0001, d3 is YXFGW-2025-0003, etc."""

from __future__ import annotations

import datetime as dt

import pytest

from core import demo
from core.errors import PermissionDenied
from core.oversight import complaints, scorecard
from core.oversight.scorecard import Traced
from core.report import states as reports
from core.requests import cases
from core.requests import service as requests
from core.requests.lifecycle import Params
from core.store.models import AnnualReport
from tests.reviewing import officers

D = dt.date
TODAY = D(2026, 2, 10)  # the 2025 card is counted as of 2025-12-31
CITY, DEPT, COUNTY = "YXSZFB", "YXFGW", "YXHTQ"
# The reply needs no 保密审查 when nothing is released: every answered request here is 无法提供.
NOTHING_HELD = {"outcome": "无法提供", "reason_code": 1, "reason": "本机关不掌握该信息"}
# Who may approve an extension: yuxi 分管领导 (officers()[2]), 条例 办公室主任 (officers()[1]).
EXTENDER = {CITY: 2, DEPT: 2, COUNTY: 1}


def log(agency, received, *steps):
    clerk = officers(agency)[0]
    view = requests.create(requests.Intake(agency=agency, received=received, channel="当面",
                                           applicant_type="自然人", applicant_name="张三", content="某项信息"),
                           clerk, TODAY)
    for action, date, extra in steps:
        actor = officers(agency)[EXTENDER[agency]] if action == "extend" else clerk
        requests.act(view.id, action, Params(date=date, **extra), actor, TODAY)
    return view


def accept(date):
    return ("accept", date, {})


def answer(date, replied=None):
    return ("decide", date, NOTHING_HELD), ("reply", replied or date, {})


def extend(date, days):
    return ("extend", date, {"days": days, "reason": "需调取档案"})


def entry(catalogs, index_no, formed, published=None, changed=None, updated=None, method="主动公开"):
    agency, number = index_no.split("/")
    head = {"索引号": index_no, "信息名称": f"测试信息{number}", "发布机构": agency, "主题分类": "业务及服务",
            "成文日期": formed, "公开方式": method, "发布日期": published, "变更日期": changed, "更新日期": updated}
    folder = catalogs / "catalogue" / agency
    folder.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{k}: {v}\n" for k, v in head.items() if v is not None)
    (folder / f"{agency}-{number}.md").write_text(f"---\n{lines}---\n正文。\n", encoding="utf-8")


def complaint(agency, received, *steps):
    handler = officers(CITY)[0]  # 市政府办公室 handles complaints about the other two bodies
    number = complaints.create(complaints.Intake(agency=agency, received=received, channel="来信", grounds=(1,),
                                                 content="未按规定公开信息"), handler, TODAY).number
    for kind, date, extra in steps:
        complaints.act(number, kind, handler, TODAY, date=date, **extra)
    return number


@pytest.fixture
def city(db, catalogs):
    demo.fill()
    # --- 市政府办公室 (yuxi: 15 working days from 受理; extension up to 15)
    c1 = log(CITY, D(2024, 12, 20), accept(D(2024, 12, 20)), *answer(D(2025, 1, 10)))  # due 2025-01-13 (元旦)
    log(CITY, D(2025, 3, 3), accept(D(2025, 3, 3)), ("decide", D(2025, 3, 28), NOTHING_HELD),
        ("reply", D(2025, 3, 31), {}))  # c2: due 03-24, replied 03-31: late
    log(CITY, D(2025, 5, 6), ("withdraw", D(2025, 5, 8), {"reason_code": 3, "reason": "申请人书面撤回"}))  # c3
    log(CITY, D(2025, 6, 9), accept(D(2025, 6, 9)), extend(D(2025, 6, 20), 15),
        *answer(D(2025, 7, 25)))  # c4: due 06-30 + 15 = 07-21 (条例 35 days: 07-28), replied 07-25: late
    c5 = log(CITY, D(2025, 9, 22), accept(D(2025, 9, 22)), *answer(D(2025, 10, 17)))  # c5: due 10-17 over 国庆
    log(CITY, D(2025, 12, 1), accept(D(2025, 12, 1)), *answer(D(2026, 1, 5)))  # c6: due 12-22, answered 2026
    log(CITY, D(2025, 12, 22), accept(D(2025, 12, 22)))  # c7: due 2026-01-13, still open: not yet overdue
    # --- 发展改革委 (yuxi)
    log(DEPT, D(2025, 1, 20), accept(D(2025, 1, 20)), *answer(D(2025, 2, 12)))  # d1: due 02-14 over 春节
    d2 = log(DEPT, D(2025, 2, 17), accept(D(2025, 2, 17)), ("decide", D(2025, 2, 24), NOTHING_HELD),
             ("reply", D(2025, 2, 25), {}))  # d2: due 03-10
    d3 = log(DEPT, D(2025, 4, 7), accept(D(2025, 4, 7)),
             *answer(D(2025, 4, 28)))  # d3: due 04-27, the make-up Sunday (weekdays alone: 04-28): late
    log(DEPT, D(2025, 10, 27), accept(D(2025, 10, 27)), extend(D(2025, 11, 5), 15),
        *answer(D(2025, 12, 5)))  # d4: 30 working days: due 12-08, replied 12-05: on time
    log(DEPT, D(2025, 11, 10), accept(D(2025, 11, 10)),
        ("decide", D(2025, 12, 1), NOTHING_HELD))  # d5: decided on its due day 12-01, letter never sent
    # --- 红塔区政府 (条例: 20 working days from receipt; extension up to 20)
    h1 = log(COUNTY, D(2025, 7, 1), accept(D(2025, 7, 1)), extend(D(2025, 7, 15), 20),
             *answer(D(2025, 8, 28)))  # h1: 40 working days: due 08-26, replied 08-28: late
    h2 = log(COUNTY, D(2025, 9, 15), accept(D(2025, 9, 15)), *answer(D(2025, 10, 16)))  # h2: due 10-17 (国庆)
    log(COUNTY, D(2025, 11, 3), accept(D(2025, 11, 3)))  # h3: due 12-01, open at year end

    # Cases: closed in 2025 and decided (not 尚未审结) count; 纠正 is corrected.
    clerk = officers(CITY)[0]
    cases.attach(c1.id, "行政复议", "维持", D(2025, 2, 1), D(2025, 5, 1), None, clerk, TODAY)
    cases.attach(c5.id, "直接起诉", "纠正", D(2025, 11, 1), D(2026, 1, 20), None, clerk, TODAY)  # closed 2026
    cases.attach(d2.id, "直接起诉", "维持", D(2025, 3, 10), D(2025, 9, 30), None, clerk, TODAY)
    cases.attach(d3.id, "行政复议", "尚未审结", D(2025, 5, 10), None, None, clerk, TODAY)
    cases.attach(h1.id, "行政复议", "纠正", D(2025, 9, 10), D(2025, 11, 20), None, clerk, TODAY)
    cases.attach(h2.id, "行政复议", "维持", D(2025, 10, 20), D(2025, 12, 15), None, clerk, TODAY)

    # Catalogue (yuxi: publish 15 / update 3 working days; 条例: 20 / 20).
    entry(catalogs, "YXSZFB/2024-00005", D(2024, 11, 1), D(2024, 11, 10),
          D(2025, 1, 24), D(2025, 2, 5))  # publication owed in 2024; update due 02-05 (make-up 01-26, 春节)
    entry(catalogs, "YXSZFB/2025-00001", D(2025, 9, 24), D(2025, 10, 21),
          D(2025, 11, 3), D(2025, 11, 7))  # published on its due day 10-21 (国庆); update due 11-06: late
    entry(catalogs, "YXSZFB/2025-00002", D(2025, 3, 3), D(2025, 4, 15))  # due 03-24: late
    entry(catalogs, "YXSZFB/2025-00003", D(2025, 12, 22))  # due 2026-01-13: pending
    entry(catalogs, "YXFGW/2025-00001", D(2025, 1, 22), D(2025, 2, 17))  # due 02-18 (春节): on time
    entry(catalogs, "YXFGW/2025-00002", D(2025, 8, 1), D(2025, 8, 20))  # due 08-22: on time
    entry(catalogs, "YXFGW/2025-00003", D(2025, 5, 1), method="依申请公开")  # owes nothing
    entry(catalogs, "YXHTQ/2025-00001", D(2025, 9, 26), D(2025, 10, 24),
          D(2025, 11, 10), D(2025, 11, 20))  # due 10-30 (yuxi's 15 days would be 10-23); update due 12-08
    entry(catalogs, "YXHTQ/2025-00002", D(2025, 12, 1))  # due 12-29, never published: overdue

    # Complaints, all handled by 市政府办公室, numbered per year of receipt.
    follow = {"follow_up": "限期公开相关信息"}
    complaint(COUNTY, D(2024, 12, 16), ("accept", D(2024, 12, 17), {}),
              ("investigate", D(2025, 1, 6), {"note": "调取网站记录"}),
              ("reply", D(2025, 1, 20), {"finding": "成立", **follow, "follow_up_due": D(2025, 2, 28)}),
              ("rectify", D(2025, 2, 20), {"note": "已公开"}), ("archive", D(2025, 2, 25), {}))  # JB-2024-0001
    complaint(DEPT, D(2025, 6, 2), ("accept", D(2025, 6, 3), {}), ("investigate", D(2025, 6, 20), {"note": "核查"}),
              ("reply", D(2025, 7, 15), {"finding": "不成立"}), ("archive", D(2025, 7, 20), {}))  # JB-2025-0001
    complaint(COUNTY, D(2025, 8, 4), ("accept", D(2025, 8, 5), {}), ("supervise", D(2025, 8, 12), {"note": "督办"}),
              ("reply", D(2025, 9, 15), {"finding": "部分成立", **follow,
                                         "follow_up_due": D(2025, 10, 31)}))  # JB-2025-0002
    complaint(COUNTY, D(2025, 11, 20), ("accept", D(2025, 11, 21), {}),
              ("reply", D(2026, 1, 12), {"finding": "成立", **follow,
                                         "follow_up_due": D(2026, 2, 28)}))  # JB-2025-0003, answered 2026
    complaint(COUNTY, D(2025, 12, 10), ("accept", D(2025, 12, 11), {}))  # JB-2025-0004, still open

    # The 2024 annual reports; milestones 03-01 已报送 (department, county), 03-15 已审核 (city),
    # 03-31 已公布 (all).
    AnnualReport.create(agency=CITY, year=2024, state=reports.PUBLISHED, submitted_on=D(2025, 3, 5),
                        approved_on=D(2025, 3, 14), published_on=D(2025, 3, 28))
    AnnualReport.create(agency=DEPT, year=2024, state=reports.PUBLISHED, submitted_on=D(2025, 2, 27),
                        approved_on=D(2025, 3, 10), published_on=D(2025, 3, 28))
    AnnualReport.create(agency=COUNTY, year=2024, state=reports.PUBLISHED, submitted_on=D(2025, 2, 28),
                        approved_on=D(2025, 3, 20), published_on=D(2025, 4, 8))  # published, but late


def figures(**given):
    return {name: given.get(name, 0) for name in scorecard.FIGURES}


EXPECTED = {
    CITY: (figures(
        received=6,  # c2–c7 (c1 came in 2024)
        answered_on_time=2,  # c1 (01-10 ≤ 01-13), c5 (10-17 = 10-17)
        replied_late=2,  # c2 (03-31 > 03-24), c4 (07-25 > 07-21)
        overdue_open=1,  # c6 (due 12-22, unanswered on 12-31); c3 withdrawn is answered; c7 not yet due
        extended=1,  # c4
        cases_not_corrected=1,  # c1 维持 closed 05-01; c5's 纠正 closed in 2026
        proactive_on_time=2,  # 2025-00001 publication (10-21), 2024-00005 update (02-05)
        proactive_late=2,  # 2025-00001 update (11-07 > 11-06), 2025-00002 publication (04-15 > 03-24)
        milestones_met=2,  # 已审核 03-14 ≤ 03-15, 已公布 03-28 ≤ 03-31
    ), [("reply_on_time", 2, 3, 16.0),  # 40 × 2/5
        ("proactive_on_time", 2, 2, 12.5),  # 25 × 2/4
        ("cases_not_corrected", 1, 0, 10.0),
        ("complaints_founded", 0, 0, 15.0),
        ("report_milestones", 2, 0, 10.0)], 63.5, "一般"),
    DEPT: (figures(
        received=5,  # d1–d5
        answered_on_time=3,  # d1 (02-12 ≤ 02-14), d2 (02-25 ≤ 03-10), d4 (12-05 ≤ 12-08)
        replied_late=1,  # d3 (04-28 > 04-27)
        overdue_open=1,  # d5: decided, letter not sent, due 12-01
        extended=1,  # d4
        cases_not_corrected=1,  # d2 维持 closed 09-30; d3's case 尚未审结
        proactive_on_time=2,  # 2025-00001 (02-17 ≤ 02-18), 2025-00002 (08-20 ≤ 08-22); 00003 依申请公开
        complaints=1,  # JB-2025-0001
        complaints_unfounded=1,  # JB-2025-0001 不成立 07-15
        milestones_met=2,  # 已报送 02-27 ≤ 03-01, 已公布 03-28 ≤ 03-31
    ), [("reply_on_time", 3, 2, 24.0),  # 40 × 3/5
        ("proactive_on_time", 2, 0, 25.0),
        ("cases_not_corrected", 1, 0, 10.0),
        ("complaints_founded", 1, 0, 15.0),
        ("report_milestones", 2, 0, 10.0)], 84.0, "良好"),
    COUNTY: (figures(
        received=3,  # h1–h3
        answered_on_time=1,  # h2 (10-16 ≤ 10-17)
        replied_late=1,  # h1 (08-28 > 08-26)
        overdue_open=1,  # h3 (due 12-01, open)
        extended=1,  # h1
        cases_not_corrected=1,  # h2 维持 closed 12-15
        cases_corrected=1,  # h1 纠正 closed 11-20
        proactive_on_time=2,  # 2025-00001 publication (10-24 ≤ 10-30) and update (11-20 ≤ 12-08)
        proactive_overdue=1,  # 2025-00002 (due 12-29, not published by 12-31)
        complaints=3,  # JB-2025-0002, -0003, -0004 (JB-2024-0001 came in 2024)
        complaints_founded=2,  # JB-2024-0001 成立 01-20, JB-2025-0002 部分成立 09-15; -0003 answered 2026
        milestones_met=1,  # 已报送 02-28 ≤ 03-01
        milestones_missed=1,  # 已公布 only on 04-08
    ), [("reply_on_time", 1, 2, 13.33),  # 40 × 1/3
        ("proactive_on_time", 2, 1, 16.67),  # 25 × 2/3
        ("cases_not_corrected", 1, 1, 5.0),  # 10 × 1/2
        ("complaints_founded", 0, 2, 5.0),  # 15 − 2 × 5
        ("report_milestones", 1, 1, 5.0)], 45.0, "差"),
}


@pytest.mark.parametrize("code", [CITY, DEPT, COUNTY])
def test_each_figure_and_score_is_the_hand_count(city, code):
    card, = scorecard.cards(2025, TODAY, [code])
    counted, scored, total, grade = EXPECTED[code]
    assert (card.agency, card.year, card.as_of) == (code, 2025, D(2025, 12, 31))
    assert card.figures == counted
    assert [(s.measure, s.good, s.bad, s.points) for s in card.scored] == scored
    assert [(s.weight, s.deduct) for s in card.scored] == [(40, None), (25, None), (10, None), (15, 5), (10, None)]
    assert (card.total, card.grade) == (total, grade)


def test_the_three_bodies_scored_together_match_each_alone(city):
    together = {card.agency: card for card in scorecard.cards(2025, TODAY, [CITY, DEPT, COUNTY])}
    assert set(together) == {CITY, DEPT, COUNTY}
    for code, (counted, _, total, grade) in EXPECTED.items():
        assert (together[code].figures, together[code].total, together[code].grade) == (counted, total, grade)


def test_a_share_with_nothing_to_count_earns_full_weight(city):
    """2024 as of today: c1 (received 2024-12-20, due 2025-01-13) is neither answered nor yet due on
    2024-12-31, so replies and cases have nothing to count; YXSZFB/2024-00005 was due 11-22 and
    published 11-10; no 2023 report exists, so both 2024 milestones were missed. 40+25+10+15+0 = 90,
    the lowest 优秀."""
    card, = scorecard.cards(2024, TODAY, [CITY])
    assert card.figures == figures(received=1, proactive_on_time=1, milestones_missed=2)
    assert [s.points for s in card.scored] == [40.0, 25.0, 10.0, 15.0, 0.0]
    assert (card.total, card.grade) == (90.0, "优秀")


def test_traces_name_the_rows_behind_a_figure(city):
    assert scorecard.trace(DEPT, 2025, "replied_late", TODAY) == [
        Traced("YXFGW-2025-0003", D(2025, 4, 7), "收到 2025-04-07，期限 2025-04-27，答复 2025-04-28")]
    assert scorecard.trace(CITY, 2025, "overdue_open", TODAY) == [
        Traced("YXSZFB-2025-0005", D(2025, 12, 1), "收到 2025-12-01，期限 2025-12-22，答复 2026-01-05")]
    assert [t.ref for t in scorecard.trace(CITY, 2025, "answered_on_time", TODAY)] == [
        "YXSZFB-2024-0001", "YXSZFB-2025-0004"]
    assert [t.ref for t in scorecard.trace(CITY, 2025, "proactive_late", TODAY)] == [
        "YXSZFB/2025-00001 更新", "YXSZFB/2025-00002 发布"]
    overdue, = scorecard.trace(COUNTY, 2025, "proactive_overdue", TODAY)
    assert (overdue.ref, overdue.date) == ("YXHTQ/2025-00002 发布", D(2025, 12, 1))
    assert "应于 2025-12-29 前" in overdue.detail
    assert [t.ref for t in scorecard.trace(COUNTY, 2025, "complaints_founded", TODAY)] == [
        "YXSZFB-JB-2024-0001", "YXSZFB-JB-2025-0002"]
    assert scorecard.trace(COUNTY, 2025, "milestones_missed", TODAY) == [
        Traced("2024年度报告", D(2025, 3, 31), "2025-03-31 前应已公布")]
    corrected, = scorecard.trace(COUNTY, 2025, "cases_corrected", TODAY)
    assert corrected.ref.startswith("YXHTQ-2025-0001 案件") and corrected.date == D(2025, 11, 20)


def test_every_trace_has_as_many_rows_as_its_figure(city):
    for code, (counted, *_) in EXPECTED.items():
        for figure, n in counted.items():
            assert len(scorecard.trace(code, 2025, figure, TODAY)) == n, (code, figure)


def test_an_officer_sees_their_own_body_and_a_leader_sees_all(db):
    demo.fill()
    clerk = officers(DEPT)[0]
    assert scorecard.visible(clerk, None) == [DEPT]
    assert scorecard.visible(clerk, [DEPT]) == [DEPT]
    with pytest.raises(PermissionDenied):
        scorecard.visible(clerk, [CITY])
    with pytest.raises(PermissionDenied):
        scorecard.visible(officers(COUNTY)[1], [DEPT])  # a county's 办公室主任 is no leader
    for leader in (officers(CITY)[2], officers(DEPT)[2]):  # 分管领导
        assert scorecard.visible(leader, None) is None
        assert scorecard.visible(leader, [COUNTY]) == [COUNTY]
