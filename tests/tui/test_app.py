"""The officer's app driven by key presses, checked on screen and in the database."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from textual.widgets import Button, DataTable, Input, OptionList, Select, Static, TextArea

from core import demo
from core.organisation import roles, users
from core.store.models import Event, Request
from tests.conftest import act_as
from tui.app import build_app
from tui.screens.action import ActionDialog
from tui.screens.dashboard import DashboardScreen
from tui.screens.detail import RequestDetailScreen
from tui.screens.intake import IntakeScreen
from tui.screens.requests import RequestListScreen

TODAY = "2025-12-01"


@pytest.fixture
def officer(db, monkeypatch):
    """An officer who is both 承办人 and 分管领导 (a small office), acting on 2025-12-01."""
    demo.fill()
    users.add("wangfang", "王芳", "YXSZFB", [roles.CLERK, roles.LEADER])
    act_as(monkeypatch, "wangfang")
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)
    return users.get("wangfang")


def text_of(widget) -> str:
    return str(widget.render())


async def fill_intake(pilot, app, **values):
    screen = app.screen
    assert isinstance(screen, IntakeScreen)
    for name, value in values.items():
        widget = screen.query_one(f"#{name}")
        if isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value
    await pilot.pause()


async def test_create_accept_extend_decide_reply(officer):
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.sub_title == "王芳（承办人、分管领导）· 市政府办公室 · 2025-12-01"
        await pilot.press("n")
        await fill_intake(pilot, app, received="2025-11-28", channel="网络", applicant_name="张三",
                          applicant_id="11010519491231002X", content="2024年政务云运维经费预算")
        preview = text_of(app.screen.query_one("#preview"))
        assert "若当日受理，答复期限为 2025-12-19" in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RequestDetailScreen)
        row = Request.get()
        assert (row.number, row.state) == ("YXSZFB-2025-0001", "received")

        await pilot.press("a")  # accept: a dialog with today's date, then a confirmation
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog) and Request.get().state == "received"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(app.screen.query_one("#error")).startswith("将记录：受理，日期 2025-12-01，答复期限将为 2025-12-22。记录后不可修改")
        assert Request.get().state == "received"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Request.get().state == "accepted"
        await pilot.press("y")  # extend
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        dialog.query_one("#date", Input).value = "2025-10-27"  # before the acceptance (today): refused
        dialog.query_one("#reason", Input).value = "需向档案馆调取原件"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(dialog.query_one("#error")) == "日期：延期日期 2025-10-27 早于上一步骤日期 2025-12-01"
        dialog.query_one("#date", Input).value = TODAY
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RequestDetailScreen)
        assert Request.get().extension_days == 15
        assert "延期15个工作日，自原期限 2025-12-22 起算至 2026-01-13" in text_of(app.screen.query_one("#deadline"))

        await pilot.press("d")
        await pilot.pause()
        options = app.screen.query_one("#outcome", OptionList)
        options.focus()
        options.highlighted = 2 + 4  # （三）不予公开 → 4.保护第三方合法权益
        await pilot.press("enter")
        assert text_of(app.screen.query_one("#chosen")) == "已选：不予公开（4.保护第三方合法权益）"
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert text_of(app.screen.query_one("#error")) == (
            "理由：“不予公开”须说明具体理由（条例第三十六条），理由将写入答复书")
        app.screen.query_one("#reason", Input).value = "涉及第三方商业秘密，第三方书面表示不同意公开"
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert (Request.get().outcome, Request.get().reason_code) == ("不予公开", 4)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#letter", Input).value = "玉政办依复〔2025〕1号"
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        stored = Request.get()
        assert (stored.state, stored.replied_on) == ("replied", dt.date(2025, 12, 1))
        assert [e.action for e in Event.select().order_by(Event.seq)] == [
            "receive", "accept", "extend", "decide", "reply"]
        buttons = [b.label.plain for b in app.screen.query("#actions Button").results(Button)]
        assert buttons == ["办结 (X)", "更正日期 (U)"]


async def test_intake_computes_the_receipt_date_from_the_channel_and_asks_why_it_is_overridden(officer):
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await fill_intake(pilot, app, channel="邮寄", submitted="2025-11-24", confirmed="2025-11-26",
                          applicant_name="张三", content="2024年政务云运维经费预算")
        screen = app.screen
        assert screen.query_one("#received", Input).value == "2025-11-26"
        assert text_of(screen.query_one("#preview")).startswith(
            "邮寄申请以行政机关签收之日为收到日期（条例第三十一条）。若当日受理，答复期限为")
        screen.query_one("#received", Input).value = "2025-11-27"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(screen.query_one("#error-received")) == (
            "邮寄申请以行政机关签收之日为收到日期，应为 2025-11-26（条例第三十一条）；如确需记为 2025-11-27，请说明理由")
        assert Request.select().count() == 0
        screen.query_one("#received_reason", Input).value = "签收章日期误盖，以收文登记簿为准"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Request.get().received == dt.date(2025, 11, 27)
        receipt = json.loads(Event.get(Event.seq == 1).data)["receipt"]
        assert receipt == {"rule": "邮寄：行政机关签收之日（条例第三十一条）", "submitted": "2025-11-24",
                           "confirmed": "2025-11-26", "computed": "2025-11-26",
                           "reason": "签收章日期误盖，以收文登记簿为准"}


async def test_intake_form_shows_each_error_next_to_its_field(officer):
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("f2")
        await fill_intake(pilot, app, received="2025-13-01", applicant_id="110105194912310021",
                          applicant_phone="12345")
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = {w.id.removeprefix("error-"): text_of(w) for w in app.screen.query(".error").results(Static)}
        assert errors["received"] == "无法识别的日期 '2025-13-01'（应为 YYYY-MM-DD，如 2025-09-30）"
        assert errors["channel"].startswith("请选择申请方式：当面、邮寄")
        assert errors["applicant_name"] == "请填写申请人姓名或名称"
        assert errors["applicant_id"] == "居民身份证号码校验位不符，请核对"
        assert errors["applicant_phone"] == "联系电话应为11位手机号或带区号的固定电话（如 0877-2012345）"
        assert errors["content"] == "请填写所需信息的内容描述"
        assert errors["applicant_email"] == ""
        assert Request.select().count() == 0


async def test_correction_path_and_a_refused_action_shows_why(officer, monkeypatch):
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("n")
        await fill_intake(pilot, app, received="2025-11-28", channel="当面", applicant_name="李四",
                          content="某小区消防验收意见")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        app.screen.query_one("#items", TextArea).text = "请写明小区名称\n请提供身份证明"
        app.screen.query_one("#period", Input).value = "10"
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert Request.get().state == "awaiting_correction"
        assert [b.label.plain for b in app.screen.query("#actions Button").results(Button)] == [
            "收到补正 (F)", "撤回申请 (W)", "更正日期 (U)"]
        await pilot.press("f", "ctrl+s", "ctrl+s")
        await pilot.pause()
        assert Request.get().state == "received"

    # Someone else accepts it meanwhile: the stale screen is refused, nothing lost.
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        app.open_request(Request.get().id)
        await pilot.pause()
        from core.requests import service as requests
        from core.requests.lifecycle import Params

        requests.act(Request.get().id, "accept", Params(date=dt.date(2025, 12, 1)), users.get("zhaomin"),
                     dt.date(2025, 12, 1))
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#agency", Input).value = "玉溪市住房和城乡建设局"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(app.screen.query_one("#error")) == (
            "该申请刚被他人修改，页面已重新载入最新内容；请核对后再按 Ctrl+S 确认")
        await pilot.press("ctrl+s")  # tried again on the request as it now is: accepted, so no longer declinable
        await pilot.pause()
        assert text_of(app.screen.query_one("#error")).startswith("申请当前状态为“办理中”，不能告知非本机关")
        assert Request.get().state == "accepted"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.view.state_name == "办理中"  # the detail shows the other officer's 受理


async def test_dashboard_counts_open_the_matching_list(officer):
    demo.fill(300, today=dt.date(2025, 12, 1))
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        label = app.screen.query_one("#card-overdue", Button).label.plain
        overdue = int(label.split()[-1])
        assert overdue > 0
        await pilot.press("3")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RequestListScreen)
        assert text_of(screen.query_one("#status")).startswith(f"已逾期：共 {overdue} 件")
        table = screen.query_one(DataTable)
        assert table.row_count == min(overdue, 100)
        assert all(str(table.get_row_at(i)[3]).startswith("逾期") for i in range(table.row_count))


async def test_help_and_quit(officer):
    app = build_app()
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_request_actions_are_in_the_command_palette(officer):
    from core.requests import service as requests
    from core.requests.intake import Intake

    view = requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 11, 28), channel="当面",
                                           applicant_type="自然人", applicant_name="李四", content="监测报告"),
                           officer, dt.date(2025, 12, 1))
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        app.open_request(view.id)
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"受理（YXSZFB")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s")  # the action's dialog: date, then confirm
        await pilot.pause()
        assert Request.get_by_id(view.id).state == "accepted"


def decided_request(officer, outcome="予以公开"):
    from core.requests import service as requests
    from core.requests.intake import Intake
    from core.requests.lifecycle import Params

    view = requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 11, 24), channel="当面",
                                           applicant_type="自然人", applicant_name="李四", content="监测报告"),
                           officer, dt.date(2025, 12, 1))
    requests.act(view.id, "accept", Params(date=dt.date(2025, 11, 24)), officer, dt.date(2025, 12, 1))
    return requests.act(view.id, "decide", Params(date=dt.date(2025, 11, 28), outcome=outcome,
                                                 reason=None if outcome == "予以公开" else "第三方不同意公开"), officer,
                        dt.date(2025, 12, 1))


async def test_a_disclosing_reply_waits_for_its_review_which_the_detail_screen_opens(officer):
    from tui.screens.review import ReviewScreen

    view = decided_request(officer)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        app.open_request(view.id)
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert text_of(app.screen.query_one("#error")) == (
            "“予以公开”的答复书须经保密审查通过后才能送达（承办人、办公室主任、分管领导三级签署后再答复；申请详情按 V 发起或查看）")
        await pilot.press("escape")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "答复书" in text_of(app.screen.query_one("#text")) and "李四" in text_of(app.screen.query_one("#text"))
        assert [b.name for b in app.screen.query(Button)] == ["sign", "escalate"]


def reply_signed_by_the_clerk(monkeypatch):
    """A 部分公开 reply whose 保密审查 赵敏 has signed: it waits for the 办公室主任."""
    from core.review import store as reviews

    demo.fill()
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)
    view = decided_request(users.get("zhaomin"), "部分公开")
    r = reviews.create("reply", view.number, users.get("zhaomin"), dt.date(2025, 12, 1))
    return reviews.act(r.id, "sign", users.get("zhaomin"), dt.date(2025, 12, 1), opinion="不涉密", judgement="不涉密")


async def test_the_queue_and_a_signature_from_the_review_screen(db, monkeypatch):
    from core.review import store as reviews
    from tui.screens.review import ReviewScreen
    from tui.screens.reviews import ReviewQueueScreen

    r = reply_signed_by_the_clerk(monkeypatch)
    act_as(monkeypatch, "qianli")
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#card-reviews", Button).label.plain == "7 · 待我审查  1"
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, ReviewQueueScreen)
        assert text_of(app.screen.query_one("#heading")) == "待我审查（1 项）"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert [b.name for b in app.screen.query(Button)] == ["sign", "return", "escalate"]
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"同意")
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert text_of(app.screen.query_one("#message")) == "签署完成"
        assert reviews.view(r.id).state_name == "待分管领导批准"
        assert [b.name for b in app.screen.query(Button)] == ["escalate"]  # signed: only a referral is left
        await pilot.press("escape")
        await pilot.pause()
        assert text_of(app.screen.query_one("#heading")) == "待我审查（0 项）"


async def test_the_schedule_screen_shows_days_left_and_late_agencies_in_red(db, monkeypatch):
    from tui.screens.schedule import ScheduleScreen

    demo.fill()
    act_as(monkeypatch, "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", "2026-03-05")
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ScheduleScreen)
        lines = [text_of(s) for s in app.screen.query(".milestone")]
        assert lines[0].startswith("2026-03-01（已过 4 天）各县（市、区）人民政府、市直各部门：")
        assert "逾期" in lines[0] and lines[1].startswith("2026-03-15（还有 10 天）市人民政府办公室")
        first = app.screen.query_one("#milestone-0", DataTable)
        row = first.get_row_at(0)
        assert str(row[2]) == "未开始" and row[2].style == "bold red"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert text_of(app.screen.query_one(".heading")) == "2024年度政府信息公开工作年度报告"


async def test_an_opinion_sent_back_shows_on_the_drafters_dashboard_with_its_reason(db, monkeypatch):
    from core.review import store as reviews
    from tui.screens.reviews import ReviewQueueScreen

    r = reply_signed_by_the_clerk(monkeypatch)
    reviews.act(r.id, "return", users.get("qianli"), dt.date(2025, 12, 1), opinion="第二页有内部电话，请删去")
    act_as(monkeypatch, "zhaomin")
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#card-reviews", Button).label.plain == "7 · 待我审查  1（退回 1）"
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, ReviewQueueScreen)
        assert "已退回：第二页有内部电话，请删去" in str(app.screen.query_one("#queue", DataTable).get_row_at(0)[4])
