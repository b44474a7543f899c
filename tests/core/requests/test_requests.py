"""Requests from intake to reply, under both regimes, with exact dates."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from core import demo
from core.errors import ConcurrentEdit, DataFileError, IllegalTransition, InvalidInput, PermissionDenied
from core.organisation import roles, users
from core.requests import service as requests
from core.requests.lifecycle import Params
from core.store.audit import verify
from core.store.db import database
from core.store.models import Event, Request
from tests.conftest import as_officer, connect_as
from tests.reviewing import approve

D = dt.date
TODAY = D(2025, 12, 31)


@pytest.fixture
def officers(db):
    demo.fill()
    return {login: users.get(login) for login in ("admin", "zhaomin", "qianli", "sunhong")}


def intake(**overrides) -> requests.Intake:
    values = dict(agency="YXSZFB", received=D(2025, 9, 29), channel="网络", applicant_type="自然人",
                  applicant_name="张三", applicant_id="11010519491231002X", applicant_phone="13987712345",
                  content="2024年市级政务云运维经费预算执行情况", form_wanted="电子", handler="zhaomin")
    values.update(overrides)
    return requests.Intake(**values)


def new(officers, **overrides):
    return requests.create(intake(**overrides), officers["zhaomin"], TODAY)


def act(officers, key, action, who="zhaomin", today=TODAY, **params):
    return requests.act(key, action, Params(**params), officers[who], today)


def test_an_officer_logs_and_handles_only_their_agencys_requests(officers):
    """A YXFGW 承办人 accepted, decided and replied to a YXSZFB request."""
    outsider = users.add("liwei", "李伟", "YXFGW", [roles.CLERK])
    with pytest.raises(PermissionDenied) as refused:
        requests.create(intake(), outsider, TODAY)
    assert refused.value.message == "李伟属于市发展改革委，不能登记其他机关（YXSZFB）的事项"
    view = new(officers)
    with pytest.raises(PermissionDenied) as refused:
        requests.act(view.id, "accept", Params(date=TODAY), outsider, TODAY)
    assert refused.value.message == "李伟属于市发展改革委，不能办理其他机关（YXSZFB）的事项"
    with pytest.raises(PermissionDenied):
        requests.get(view.id, TODAY, outsider)
    assert requests.get(view.id, TODAY, officers["sunhong"]).number == view.number  # a 分管领导 reads any
    assert [e.action for e in requests.get(view.id, TODAY).events] == ["receive"]


def test_numbers_run_per_agency_and_year(officers):
    assert new(officers).number == "YXSZFB-2025-0001"
    assert new(officers).number == "YXSZFB-2025-0002"
    assert requests.create(intake(agency="YXFGW"), officers["admin"], TODAY).number == "YXFGW-2025-0001"
    assert new(officers, received=D(2024, 12, 30)).number == "YXSZFB-2024-0001"


@pytest.mark.parametrize("overrides, message", [
    ({"applicant_id": "110105194912310021"}, "证件号码：居民身份证号码校验位不符，请核对"),
    ({"applicant_id": "11010519491331002X"}, "证件号码：居民身份证号码中的出生日期 19491331 无效"),
    ({"applicant_type": "商业企业", "applicant_id": "91350100M000100Y40"},
     "证件号码：统一社会信用代码校验位不符，请核对"),
    ({"applicant_phone": "12345"}, "联系电话：联系电话应为11位手机号或带区号的固定电话（如 0877-2012345）"),
    ({"channel": "微信"}, "申请方式：申请方式应为 当面、邮寄、平常信函、网络、传真、电子邮件、口头/电话代填 之一"),
    ({"content": "  "}, "所需信息内容：请填写所需信息的内容描述"),
    ({"received": D(2026, 1, 1)}, "收到日期：收到日期 2026-01-01 晚于今天 2025-12-31"),
    ({"handler": "nobody"}, "承办人：承办人 'nobody' 不是已登记用户"),
])
def test_bad_intake_fields_are_refused_naming_the_field_and_nothing_is_stored(officers, overrides, message):
    with pytest.raises(InvalidInput) as err:
        new(officers, **overrides)
    assert err.value.message == message
    assert Request.select().count() == 0


def test_a_valid_credit_code_is_accepted_for_an_organisation(officers):
    view = new(officers, applicant_type="法律服务机构", applicant_name="云南某律师事务所",
               applicant_id="91350100M000100Y43")
    assert view.applicant_id == "91350100M000100Y43"


def test_check_intake_lists_every_bad_field_in_form_order(officers):
    _, errors = requests.check_intake(intake(channel="", applicant_name="", applicant_email="x@"), TODAY)
    assert [e.field for e in errors] == ["channel", "applicant_name", "applicant_email"]


def test_yuxi_path_accept_extend_decide_reply_close(officers):
    view = new(officers)
    # Not yet accepted: the 条例's 20 working days from receipt already run (2025-09-29 → 11-03).
    assert (view.state, view.deadline.state, view.deadline.due, view.deadline.binding) == (
        "received", "running", D(2025, 11, 3), "national-2019")
    view = act(officers, view.id, "accept", date=D(2025, 9, 30))
    assert (view.state, view.deadline.due) == ("accepted", D(2025, 10, 28))
    view = act(officers, view.id, "extend", who="sunhong", date=D(2025, 10, 27), reason="需向档案馆调取原件")
    assert (view.deadline.due, view.deadline.extended_due) == (D(2025, 10, 28), D(2025, 11, 18))
    view = act(officers, view.id, "decide", date=D(2025, 11, 14), outcome="予以公开")
    assert (view.state, view.outcome, view.decided_on, view.outcome_text) == (
        "decided", "予以公开", D(2025, 11, 14), "予以公开")
    approve("reply", view.number, TODAY)
    view = act(officers, view.id, "reply", date=D(2025, 11, 17), letter="玉政办依复〔2025〕1号")
    assert (view.state, view.replied_on, view.deadline.state, view.deadline.overdue) == (
        "replied", D(2025, 11, 17), "closed", False)
    view = act(officers, view.id, "close", date=D(2025, 11, 17))
    assert view.state == "closed"
    assert [e.action for e in view.events] == ["receive", "accept", "extend", "decide", "reply", "close"]
    assert view.events[2].data == {"before": {"extension_days": 0, "state": "accepted"},
                                   "after": {"extension_days": 15, "state": "accepted"},
                                   "days": 15, "reason": "需向档案馆调取原件"}
    assert view.events[2].actor == "sunhong"
    assert Request.get_by_id(view.id).due == D(2025, 11, 18)
    assert verify().ok


def test_national_path_correction_consultation_and_withheld_decision(officers):
    view = new(officers, regime="national-2019", received=D(2025, 9, 30))
    assert view.deadline.due == D(2025, 11, 4)
    view = act(officers, view.id, "correct", date=D(2025, 9, 30), items=("请写明所需文件的名称或文号", "请提供身份证明"),
               period_days=10)
    assert (view.state, view.deadline.state) == ("awaiting_correction", "awaiting_correction")
    assert view.events[-1].data["items"] == ["请写明所需文件的名称或文号", "请提供身份证明"]
    view = act(officers, view.id, "corrected", date=D(2025, 10, 9))
    view = act(officers, view.id, "accept", date=D(2025, 10, 9))
    assert view.deadline.due == D(2025, 11, 5)  # 20 working days after 10-09, Saturday 10-11 worked
    view = act(officers, view.id, "consult", date=D(2025, 10, 10), reason="涉及第三方商业秘密，书面征求某公司意见")
    view = act(officers, view.id, "consulted", date=D(2025, 10, 20))
    assert view.deadline.due == D(2025, 11, 14)
    view = act(officers, view.id, "decide", date=D(2025, 11, 3), outcome="不予公开", reason_code=4, reason="经审查，该信息涉及第三方商业秘密，第三方书面表示不同意公开")
    assert view.outcome_text == "不予公开（4.保护第三方合法权益）"


def test_yuxi_correction_not_made_in_time_is_withdrawn_as_other_1(officers):
    view = new(officers)
    act(officers, view.id, "correct", date=D(2025, 9, 30), items=("请明确所需信息的时间范围",), period_days=15)
    # 15 working days from 09-30 across 国庆 end on 10-28: not before that.
    with pytest.raises(IllegalTransition, match="^补正期限至 2025-10-28 止，期满后才能以“逾期不补正”视为撤回$"):
        act(officers, view.id, "withdraw", date=D(2025, 10, 28), reason_code=1)
    view = act(officers, view.id, "withdraw", date=D(2025, 10, 31), reason_code=1)
    assert (view.state, view.outcome, view.reason_code, view.decided_on) == ("withdrawn", "其他处理", 1, D(2025, 10, 31))
    assert act(officers, view.id, "close", date=D(2025, 10, 31)).state == "closed"


def test_decline_names_the_agency_that_holds_the_information(officers):
    view = new(officers)
    view = act(officers, view.id, "decline", date=D(2025, 9, 30), agency="玉溪市自然资源和规划局")
    assert (view.state, view.outcome, view.reason_code) == ("decided", "无法提供", 1)
    assert view.events[-1].data["redirect_to"] == "玉溪市自然资源和规划局"


def test_fee_by_volume_pauses_the_2019_clock_until_paid(officers):
    view = new(officers, regime="national-2019", received=D(2025, 3, 3))
    act(officers, view.id, "accept", date=D(2025, 3, 3))
    view = act(officers, view.id, "fee", date=D(2025, 3, 5), method="按量", pages=250)
    assert (view.state, view.fee_amount, view.fee_status) == ("awaiting_fee", 4700, "待缴")
    assert view.events[-1].data["payment_days"] == 20
    view = act(officers, view.id, "paid", date=D(2025, 3, 20))
    assert (view.state, view.fee_status, view.deadline.due) == ("accepted", "已缴", D(2025, 4, 16))


def test_a_first_request_of_the_month_costs_nothing_by_item(officers):
    view = new(officers)
    act(officers, view.id, "accept", date=D(2025, 9, 30))
    with pytest.raises(IllegalTransition) as err:
        act(officers, view.id, "fee", date=D(2025, 9, 30), method="按件")
    assert err.value.message == "按件计算的信息处理费为0元，无需发出收费通知"


def test_suspension_under_yuxi_moves_the_due_date(officers):
    view = new(officers)
    act(officers, view.id, "accept", date=D(2025, 9, 30))
    act(officers, view.id, "suspend", date=D(2025, 10, 14), reason="所需档案因山洪暂无法调取")
    view = act(officers, view.id, "resume", date=D(2025, 10, 20))
    assert view.deadline.due == D(2025, 11, 3)


@pytest.mark.parametrize("steps, action, params, who, error, message", [
    ([], "decide", {"outcome": "予以公开"}, "zhaomin", IllegalTransition,
     "申请当前状态为“待受理”，不能作出决定（可进行：受理、告知非本机关、通知补正、撤回申请、更正日期）"),
    ([("accept", {})], "reply", {}, "zhaomin", IllegalTransition,
     "申请当前状态为“办理中”，不能答复送达（可进行：征求意见、延期、中止、收费通知、作出决定、撤回申请、更正日期）"),
    ([("accept", {})], "extend", {"reason": "情况复杂"}, "zhaomin", PermissionDenied,
     "延期须经“分管领导”批准，当前用户 zhaomin（赵敏）没有该角色"),
    ([("accept", {})], "extend", {"reason": "情况复杂", "days": 16}, "sunhong", InvalidInput,
     "工作日数：延期最长不得超过15个工作日"),
    ([("accept", {}), ("extend", {"reason": "情况复杂"})], "extend", {"reason": "再延"}, "sunhong",
     IllegalTransition, "该申请已延期15个工作日，不能再次延期"),
    ([("accept", {})], "decide", {"outcome": "不予公开"}, "zhaomin", InvalidInput,
     "理由编号：“不予公开”须选择理由编号 1–8：1.属于国家秘密；2.其他法律行政法规禁止公开；"
     "3.危及“三安全一稳定”；4.保护第三方合法权益；5.属于三类内部事务信息；6.属于四类过程性信息；"
     "7.属于行政执法案卷；8.属于行政查询事项"),
    ([], "correct", {"items": ()}, "zhaomin", InvalidInput, "补正事项：请一次性列出需要补正的全部事项"),
])
def test_refused_actions_say_why_and_change_nothing(officers, steps, action, params, who, error, message):
    view = new(officers)
    for step, extra in steps:
        act(officers, view.id, step, who="sunhong" if step == "extend" else "zhaomin",
            date=D(2025, 10, 9), **extra)
    before = Request.get_by_id(view.id)
    with pytest.raises(error) as err:
        act(officers, view.id, action, who=who, date=D(2025, 10, 10), **params)
    assert err.value.message == message
    after = Request.get_by_id(view.id)
    assert (after.version, after.state, Event.select().where(Event.request == view.id).count()) == (
        before.version, before.state, len(steps) + 1)


def test_suspension_is_refused_under_the_2019_regulation(officers):
    view = new(officers, regime="national-2019")
    act(officers, view.id, "accept", date=D(2025, 9, 30))
    with pytest.raises(IllegalTransition) as err:
        act(officers, view.id, "suspend", date=D(2025, 10, 9), reason="山洪")
    assert err.value.message == "“中华人民共和国政府信息公开条例（2019）”没有中止期限的规定"


@pytest.mark.parametrize("date, message", [
    (D(2025, 9, 28), "日期：受理日期 2025-09-28 早于上一步骤日期 2025-09-29"),
    (D(2026, 1, 1), "日期：受理日期 2026-01-01 晚于今天 2025-12-31"),
])
def test_action_dates_cannot_go_back_or_forward_in_time(officers, date, message):
    view = new(officers)
    with pytest.raises(InvalidInput) as err:
        act(officers, view.id, "accept", date=date)
    assert err.value.message == message


def test_a_stale_version_is_refused_and_nothing_is_lost(officers):
    view = new(officers)
    act(officers, view.id, "accept", date=D(2025, 9, 30))
    with pytest.raises(ConcurrentEdit) as err:
        requests.act(view.id, "decide", Params(date=D(2025, 10, 9), outcome="予以公开"), officers["zhaomin"], TODAY,
                     expected_version=view.version)
    assert err.value.message == "该申请已被他人修改，请刷新后重试"
    assert requests.get(view.id, TODAY).state == "accepted"


def test_editing_an_event_row_makes_audit_verify_fail_naming_it(officers, cli):
    view = new(officers)
    act(officers, view.id, "accept", date=D(2025, 9, 30))
    act(officers, view.id, "decide", date=D(2025, 10, 9), outcome="予以公开")
    assert cli("audit", "verify")[0] == 0
    connect_as(None)  # an insider with the owner's rights (an officer may not UPDATE an event at all)
    Event.update(date=D(2025, 10, 1)).where((Event.request == view.id) & (Event.seq == 2)).execute()
    code, out, _ = cli("audit", "verify")
    event_id = Event.get((Event.request == view.id) & (Event.seq == 2)).id
    assert code == 1
    assert out == f"审计链不符：申请 YXSZFB-2025-0001 第2条事件（id {event_id}，accept）：内容与哈希不符，事件被改动\n"


def test_deleting_the_newest_event_makes_audit_verify_fail(officers):
    view = new(officers)
    act(officers, view.id, "accept", date=D(2025, 9, 30))
    Event.delete().where((Event.request == view.id) & (Event.seq == 2)).execute()
    result = verify()
    assert result.problem == "申请 YXSZFB-2025-0001：最新事件哈希与申请记录不符，末尾事件被删除或改动"


def test_two_officers_acting_at_once_from_two_processes(officers, env):
    view = new(officers)
    database.close()
    environ = {**os.environ, "GONGKAI_TODAY": "2025-12-31"}
    if os.environ["GONGKAI_DB"].startswith("sqlite"):
        environ["GONGKAI_USER"] = "zhaomin"
    else:
        environ["GONGKAI_DB"] = as_officer(os.environ["GONGKAI_DB"], "zhaomin")
    cmd = [sys.executable, "-m", "core.cli.main", "request", "act", str(view.id)]
    first = subprocess.Popen(cmd + ["accept", "--date", "2025-09-30", "--expect-version", "1"], env=environ,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(cmd + ["decline", "--date", "2025-09-30", "--to-agency", "玉溪市财政局",
                                     "--expect-version", "1"], env=environ,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = sorted([(p.wait(timeout=60), p.stderr.read()) for p in (first, second)])
    assert results[0][0] == 0, results
    assert results[1] == (1, "错误：该申请已被他人修改，请刷新后重试\n")
    database.connect(reuse_if_open=True)
    stored = requests.get(view.id, TODAY)
    assert stored.version == 2 and len(stored.events) == 2
    assert stored.state in ("accepted", "decided")
    assert verify().ok


def test_demo_requests_pass_intake_checks_cover_the_states_and_keep_the_chain(officers):
    demo.fill(600, today=TODAY)
    assert Request.select().count() == 600
    states = {r.state for r in Request.select(Request.state).distinct()}
    assert {"received", "accepted", "decided", "replied", "closed", "withdrawn"} <= states
    for row in Request.select().limit(50):
        values, errors = requests.check_intake(requests.Intake(
            agency=row.agency_id, received=row.received, channel=row.channel, applicant_type=row.applicant_type,
            applicant_name=row.applicant_name, content=row.content, applicant_id=row.applicant_id,
            applicant_phone=row.applicant_phone, regime=row.regime), TODAY)
        assert errors == []
    assert verify().ok
    overdue = requests.search(requests.Filter(overdue=True), TODAY, limit=1000)
    assert overdue and all(r.overdue and r.days_left < 0 for r in overdue)
    # a new request after the bulk load gets the next number and id
    assert new(officers).number.startswith("YXSZFB-2025-")


def test_reconsideration_and_lawsuit_cases_are_attached_with_results(officers, cli, monkeypatch):
    view = new(officers)
    act(officers, view.id, "accept", date=D(2025, 9, 30))
    act(officers, view.id, "decide", date=D(2025, 10, 9), outcome="不予公开", reason_code=6, reason="属于讨论记录")
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())
    code, out, _ = cli("request", "case", view.number, "--kind", "行政复议", "--filed", "2025-11-01", "--json")
    assert code == 0
    case = json.loads(out)
    assert {k: case[k] for k in ("request", "kind", "result", "closed_on")} == {
        "request": "YXSZFB-2025-0001", "kind": "行政复议", "result": "尚未审结", "closed_on": None}
    code, _, err = cli("request", "case-result", str(case["id"]), "--result", "纠正")
    assert (code, err) == (1, "错误：审结日期：结果为“纠正”的案件须填写审结日期\n")
    code, out, _ = cli("request", "case-result", str(case["id"]), "--result", "纠正", "--closed", "2025-12-20",
                       "--json")
    assert json.loads(out)["result"] == "纠正"
    assert [e.action for e in requests.get(view.id, TODAY).events][-2:] == ["case", "case_result"]
    assert verify().ok
    code, out, _ = cli("request", "case-result", str(case["id"]), "--result", "纠正", "--closed", "2025-12-20")
    assert out == f"案件 {case['id']}（YXSZFB-2025-0001）：行政复议，纠正，2025-12-20 审结\n"


def test_a_case_needs_a_decision_first(officers, cli, monkeypatch):
    view = new(officers)
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())
    code, _, err = cli("request", "case", str(view.id), "--kind", "直接起诉", "--filed", "2025-11-01")
    assert (code, err) == (1, "错误：申请 YXSZFB-2025-0001 尚未作出决定，不能登记复议或诉讼\n")


def test_importing_next_years_holidays_makes_stored_provisional_deadlines_exact(officers, cli, env, tmp_path,
                                                                                monkeypatch):
    late = D(2026, 12, 28)
    view = requests.create(intake(received=D(2026, 12, 23)), officers["zhaomin"], late)
    view = requests.act(view.id, "accept", Params(date=D(2026, 12, 24)), officers["zhaomin"], late)
    assert (view.deadline.due, view.deadline.provisional) == (D(2027, 1, 14), True)
    assert requests.search(requests.Filter(), late)[0].provisional is True
    source = tmp_path / "2027.yaml"
    source.write_text("year: 2027\nnotice: 测试通知（非真实安排）\nnotice_date: 2026-11-10\nholidays:\n"
                      "  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}\n", encoding="utf-8")
    monkeypatch.setenv("GONGKAI_TODAY", late.isoformat())
    code, out, _ = cli("calendar", "import", str(source), "--json")
    assert (code, json.loads(out)["deadlines_updated"]) == (0, 1)
    row = requests.search(requests.Filter(), late)[0]
    assert (row.due, row.provisional) == (D(2027, 1, 15), False)


@pytest.mark.parametrize("regime, due, extended_due", [
    ("yuxi", D(2025, 10, 28), D(2025, 11, 18)),  # 15 from 受理 9-30, +15
    ("national-2019", D(2025, 11, 4), D(2025, 12, 2)),  # 20 from receipt 9-30, +20 (approved by 办公室主任)
])
def test_the_main_path_under_both_regimes(officers, regime, due, extended_due):
    view = new(officers, regime=regime, received=D(2025, 9, 30))
    view = act(officers, view.id, "accept", date=D(2025, 9, 30))
    assert view.deadline.due == due
    approver = "sunhong" if regime == "yuxi" else "qianli"
    view = act(officers, view.id, "extend", who=approver, date=D(2025, 10, 27), reason="需协调多个部门")
    assert view.deadline.extended_due == extended_due
    view = act(officers, view.id, "decide", date=D(2025, 11, 3), outcome="部分公开", reason="含第三方个人信息，已作区分处理")
    approve("reply", view.number, TODAY)
    view = act(officers, view.id, "reply", date=D(2025, 11, 4))
    view = act(officers, view.id, "close", date=D(2025, 11, 4))
    assert (view.state, view.deadline.overdue, view.outcome) == ("closed", False, "部分公开")
    assert verify().ok


def test_a_body_follows_its_own_regime_unless_the_officer_names_one(officers, env):
    """The city's 15-day rules bind the city's bodies; a county government answers under the 条例's
    20 days unless its entry in agencies.yaml adopts the city's rules."""
    admin = officers["admin"]
    county = requests.create(intake(agency="YXHTQ"), admin, TODAY)
    department = requests.create(intake(agency="YXFGW"), admin, TODAY)
    named = requests.create(intake(agency="YXHTQ", regime="yuxi"), admin, TODAY)
    assert (county.regime, department.regime, named.regime) == ("national-2019", "yuxi", "yuxi")
    path = env["catalogs"] / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    name: 玉溪市红塔区人民政府\n", "    name: 玉溪市红塔区人民政府\n    regime: yuxi\n"),
                    encoding="utf-8")
    assert requests.create(intake(agency="YXHTQ"), admin, TODAY).regime == "yuxi"
    path.write_text(text.replace("    name: 玉溪市红塔区人民政府\n", "    name: 玉溪市红塔区人民政府\n    regime: shanghai\n"),
                    encoding="utf-8")
    with pytest.raises(DataFileError, match="期限制度 'shanghai' 未在 regimes.yaml 中定义"):
        requests.create(intake(agency="YXHTQ"), admin, TODAY)


def test_a_wrong_acceptance_date_is_corrected_by_a_new_reasoned_event(officers):
    """Accepted 'today' by mistake (10-20) instead of 09-30: the amendment moves the yuxi window back."""
    view = new(officers)
    view = act(officers, view.id, "accept", date=D(2025, 10, 20))
    assert view.deadline.due == D(2025, 11, 3)  # the 条例's date binds: 15 days from 10-20 is later
    with pytest.raises(InvalidInput, match="^理由：请说明更正的原因"):
        act(officers, view.id, "amend", date=D(2025, 10, 21), event=2, corrected=D(2025, 9, 30))
    with pytest.raises(InvalidInput, match="^更正后的日期：更正后的日期 2025-09-28 早于前一条办理记录的日期 2025-09-29$"):
        act(officers, view.id, "amend", date=D(2025, 10, 21), event=2, corrected=D(2025, 9, 28), reason="录入错误")
    view = act(officers, view.id, "amend", date=D(2025, 10, 21), event=2, corrected=D(2025, 9, 30),
               reason="受理日期录入错误，以受理登记簿为准")
    assert (view.accepted_on, view.deadline.due, view.state) == (D(2025, 9, 30), D(2025, 10, 28), "accepted")
    assert [e.action for e in view.events] == ["receive", "accept", "amend"]
    assert view.events[1].date == D(2025, 10, 20)  # the original stays as recorded
    assert view.events[2].data["from"] == "2025-10-20" and view.events[2].data["to"] == "2025-09-30"
    # A later step may be dated from the corrected day on.
    view = act(officers, view.id, "decide", date=D(2025, 10, 15), outcome="予以公开")
    assert view.decided_on == D(2025, 10, 15)
    assert verify().ok
