"""The defects an officer met in a working day (issue #14), each pinned by a
Pilot test that failed before its fix."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from textual.widgets import Input, Static

from core import demo
from core.organisation import users
from core.requests import dashboard
from core.requests import service as requests
from core.requests.intake import Intake
from core.requests.lifecycle import Params
from core.store.models import Request
from tests.conftest import act_as
from tui.app import build_app
from tui.screens.action import ActionDialog
from tui.screens.document import DocumentScreen
from tui.screens.requests import RequestListScreen

TODAY = dt.date(2025, 12, 1)


@pytest.fixture
def day(db, monkeypatch):
    """The demo office on 2025-12-01 with 300 requests, as 赵敏 (承办人 of 市政府办公室)."""
    demo.fill(300, today=TODAY, seed=7)
    act_as(monkeypatch, "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())


def text_of(widget) -> str:
    return str(widget.render())


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def new_request(name: str = "李四", content: str = "监测报告", received: dt.date = dt.date(2025, 11, 27)):
    """A request 赵敏 logs for 市政府办公室 (another officer, as far as the app on screen knows)."""
    return requests.create(Intake(agency="YXSZFB", received=received, channel="当面", applicant_type="自然人",
                                  applicant_name=name, content=content, handler="zhaomin"), users.get("zhaomin"), TODAY)


def an_accepted_request():
    view = new_request()
    return requests.act(view.id, "accept", Params(date=dt.date(2025, 11, 27)), users.get("zhaomin"), TODAY)


async def test_a_refusal_is_visible_after_the_intake_form_was_opened(day):
    """#14.1: intake's `.error {display: none}` hid every dialog's error app-wide."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        app.open_request(an_accepted_request().id)
        await pilot.pause()
        await pilot.press("y")  # extend: 赵敏 is not 分管领导
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        dialog.query_one("#reason", Input).value = "需调取原件"
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        error = dialog.query_one("#error", Static)
        assert text_of(error) == "延期须经“分管领导”批准，当前用户 zhaomin（赵敏）没有该角色"
        assert error.styles.display == "block" and error.region.height >= 1


async def test_saving_a_word_file_to_a_bad_path_says_why_and_the_app_goes_on(day):
    """#14.3: a worker's OSError killed the app with a traceback."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        app.open_request(Request.select().where(Request.outcome.is_null(False), Request.agency == "YXSZFB").first().id)
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, DocumentScreen)
        app.screen.query_one("#path", Input).value = "/proc/nope/x.docx"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, DocumentScreen)
        assert text_of(app.screen.query_one("#status")).startswith("无法保存到 /proc/nope/x.docx：")


async def test_a_failing_background_task_becomes_a_notification(day, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(dashboard, "counts", broken)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert [n.message for n in app._notifications] == ["后台任务出错，请重试；如反复出现请联系管理员"]


@pytest.mark.parametrize("key, preset", [("1", "due_today"), ("2", "due_soon"), ("3", "overdue"),
                                         ("4", "awaiting_correction"), ("5", "paused"), ("6", "open"),
                                         ("8", "awaiting_acceptance"), ("9", "ready_to_send")])
async def test_each_card_opens_exactly_the_rows_it_counts(day, key, preset):
    """#14.4: card 4 (待补正) opened the list of every request."""
    counted = getattr(dashboard.counts(TODAY, "YXSZFB"), preset)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, RequestListScreen)
        assert app.screen.total == counted


async def test_page_down_pages_while_the_table_has_focus(day):
    """#14.5: PageDown scrolled the table's 50 rows instead of fetching the next page."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert screen.focused.id == "list" and screen.total > 50
        await pilot.press("pagedown")
        await settle(pilot)
        assert "显示第 51–100 件" in text_of(screen.query_one("#status"))
        await pilot.press("pageup")
        await settle(pilot)
        assert "显示第 1–50 件" in text_of(screen.query_one("#status"))


async def test_a_slow_earlier_keystroke_never_overwrites_the_later_result(day, monkeypatch):
    """#14.6: typing fast, an earlier keystroke's count arrived last and stayed on screen."""
    count = requests.count

    def slow_for_the_first_keystroke(f, today):
        if f.text == "2":
            time.sleep(0.6)
        return count(f, today)

    monkeypatch.setattr(requests, "count", slow_for_the_first_keystroke)
    wanted = count(requests.Filter(agency="YXSZFB", text="2025-0123"), TODAY)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        search.value = "2"
        await pilot.pause(0.1)
        search.value = "2025-0123"
        await settle(pilot)
        await pilot.pause(0.8)
        assert f"共 {wanted} 件" in text_of(app.screen.query_one("#status"))


def screen_text(app) -> str:
    """Everything on screen, as the officer reads it (the SVG's text runs, joined)."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")


LONG = "2024年至2025年本市各县区老旧小区改造项目的立项批复、资金安排、施工单位招标结果及竣工验收意见全文"


async def test_long_content_wraps_in_the_detail_and_the_clerk_is_named(day):
    """#14.7: 所需信息 was cut to one line ending in … at any width; 承办人 showed the login."""

    view = new_request("欧阳明远", LONG)
    app = build_app()
    async with app.run_test(size=(80, 40)) as pilot:
        app.open_request(view.id)
        await pilot.pause()
        text = screen_text(app).replace(" ", "")
        assert LONG in text.replace("\n", "")
        assert "赵敏（zhaomin）" in text
        await pilot.press("escape", "l")
        await settle(pilot)
        app.screen.query_one("#search", Input).value = "欧阳明远"
        await settle(pilot)
        assert "欧阳明远" in screen_text(app)


async def test_the_search_box_types_from_the_table_and_enter_and_esc_come_back(day):
    """#14.8: typing in the table did nothing, Enter did nothing, Esc left the list."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        await pilot.press("2", "0", "2", "5")
        await settle(pilot)
        assert screen.query_one("#search", Input).value == "2025" and screen.focused.id == "search"
        await pilot.press("enter")
        assert screen.focused.id == "list"
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert app.screen is screen and screen.focused.id == "list"
        assert screen.query_one("#search", Input).value == "2025"
        assert "按收到日期降序" in text_of(screen.query_one("#status"))
        await pilot.press("S")
        await settle(pilot)
        assert "按收到日期升序" in text_of(screen.query_one("#status"))
        await pilot.press("escape")
        assert not isinstance(app.screen, RequestListScreen)


async def test_intake_clears_a_fixed_error_asks_before_discarding_and_flags_a_holiday(day):
    """#14.9: errors stayed after the fix; Esc threw a filled form away; a holiday receipt passed silently."""
    from textual.widgets import Select

    from tui.screens.intake import IntakeScreen
    from tui.widgets.confirm import ConfirmDialog

    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.query_one("#error-applicant_name").display
        form.query_one("#applicant_name", Input).value = "张三"
        await pilot.pause()
        assert not form.query_one("#error-applicant_name").display
        assert form.query_one("#error-channel").display  # not yet fixed: still shown
        form.query_one("#channel", Select).value = "当面"
        form.query_one("#received", Input).value = "2025-10-03"
        await pilot.pause()
        assert text_of(form.query_one("#preview")).startswith(
            "注意：收到日期 2025-10-03 是休息日，请核对；答复期限自其后第一个工作日起算。")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and form.query_one("#applicant_name", Input).value == "张三"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, IntakeScreen)


async def test_the_palette_footer_and_messages_are_chinese(day):
    """#14.10: `^p palette`, `Search for commands…`, `No matches found` and English field names leaked."""

    view = new_request("欧阳明远")
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "palette" not in screen_text(app) and screen_text(app).count("^p 命令") == 1
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "查找命令，或输入申请编号、申请人姓名…" in screen_text(app)
        await pilot.press(*"qqqq")
        await pilot.pause(1.0)
        assert "没有匹配的命令或申请" in screen_text(app)
        await pilot.press(*["backspace"] * 4, *"欧阳明远")
        await pilot.pause(1.0)
        await pilot.press("enter")
        await pilot.pause()
        assert getattr(app.screen, "request_id", None) == view.id


async def test_help_shows_the_keys_the_current_screen_allows_now(day):
    from tui.screens.help import HelpScreen

    view = new_request()
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_request(view.id)
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "本页按键" in text and "受理" in text.split("全局按键")[0]
        assert "已缴费" not in text.split("全局按键")[0]  # not allowed in 待受理


async def test_the_list_as_filtered_exports_to_excel(day, tmp_path):
    import openpyxl

    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("6")  # 全部在办
        await settle(pilot)
        total = app.screen.total
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "在办.xlsx")
        await pilot.press("ctrl+s", "ctrl+s")
        await settle(pilot)
        assert [n.message for n in app._notifications][-1] == f"已导出 {total} 件：{tmp_path / '在办.xlsx'}"
    sheet = openpyxl.load_workbook(tmp_path / "在办.xlsx").active
    assert sheet.title == "全部在办" and sheet.max_row == total + 1 and total > 0
    assert all("*" in str(row[5].value) for row in sheet.iter_rows(min_row=2))  # names masked


async def test_the_annual_report_is_written_checked_and_submitted_in_the_app(day, tmp_path):
    import docx
    from textual.widgets import TextArea

    from core.report import states
    from tui.screens.report import ReportScreen
    from tui.widgets.confirm import ConfirmDialog

    app = build_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        assert text_of(screen.query_one("#heading")) == "玉溪市人民政府办公室2025年政府信息公开工作年度报告　状态：未开始"
        timeliness = states.build("YXSZFB", 2025, TODAY).timeliness.sentence(2025)
        assert timeliness.startswith("本年度作出答复")
        assert text_of(screen.query_one("#failures")) == "数据校验：三项恒等关系均成立\n" + timeliness
        assert text_of(screen.query_one("#fees")).startswith("自动生成（由办理记录统计）：本年度")
        screen.query_one("#cell-0", Input).value = "一百"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(screen.query_one("#message")) == "填报栏目：“行政许可”应为数字，收到 '一百'"
        screen.query_one("#cell-0", Input).value = "120"
        screen.query_one("#section-0", TextArea).text = "2024年，本机关认真贯彻《条例》。"
        screen.query_one("#section-1", TextArea).text = "个别答复说理不够充分，已组织培训。"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(screen.query_one("#message")) == "已保存"
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert text_of(screen.query_one("#message")) == "报送完成：已报送"
        await pilot.press("f9", "y")  # 赵敏 is 承办人: 审核 is for 分管领导 or 办公室主任
        await pilot.pause()
        assert text_of(screen.query_one("#message")) == "审核年度报告需要“分管领导”角色，当前用户 zhaomin（赵敏）没有该角色"
        assert states.build("YXSZFB", 2025, TODAY).state_name == "已报送"
        assert screen.query_one("#cell-0", Input).disabled  # submitted: the text is fixed
        await pilot.press("ctrl+e")  # the Word file leadership reads
        await settle(pilot)
        preview = text_of(app.screen.query_one("#text"))
        assert preview.startswith("【培训】\n玉溪市人民政府办公室2025年政府信息公开工作年度报告\n\n"
                                  "【草稿】本报告当前状态为“已报送”，尚未审核，不得报送或公开。")
        app.screen.query_one("#path", Input).value = str(tmp_path / "年度报告.docx")
        await pilot.press("ctrl+s")
        await settle(pilot)
        paragraphs = [p.text for p in docx.Document(tmp_path / "年度报告.docx").paragraphs]
        assert paragraphs[:2] == ["玉溪市人民政府办公室\n2025年政府信息公开工作年度报告",  # broken after the name
                                  "【草稿】本报告当前状态为“已报送”，尚未审核，不得报送或公开。"]
        assert "2024年，本机关认真贯彻《条例》。" in paragraphs



async def test_lists_and_the_dashboard_follow_another_officers_changes(day, monkeypatch):
    from tui import background

    monkeypatch.setattr(background.Live, "POLL_SECONDS", 0.2)
    monkeypatch.setattr(RequestListScreen, "QUIET_SECONDS", 0.0)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("8")  # 待受理
        await settle(pilot)
        before = app.screen.total
        new_request("另一位承办人登记的", received=TODAY)
        for _ in range(50):  # a poll every 0.2 s; a slow machine may need a few
            await pilot.pause(0.1)
            await settle(pilot)
            if app.screen.total != before:
                break
        assert app.screen.total == before + 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#card-awaiting_acceptance").label.plain == f"8 · 待受理  {before + 1}"


async def test_the_theme_and_the_last_screen_are_remembered_per_officer(day):
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t", "l")
        await settle(pilot)
        theme = app.theme
    again = build_app()
    async with again.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert again.theme == theme != "textual-dark"
        assert isinstance(again.screen, RequestListScreen)


async def test_wide_terminals_show_the_highlighted_request_beside_the_list(day):
    app = build_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#side").display
        await pilot.press("down")
        await settle(pilot)
        table = screen.query_one("#list")
        number = str(table.get_row_at(1)[0])
        assert screen_text(app).count(number) == 2  # in its row and at the head of the side panel
    narrow = build_app()
    async with narrow.run_test(size=(100, 34)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        assert not narrow.screen.query_one("#side").display


async def test_at_80_columns_the_highlighted_requests_whole_content_is_under_the_list(day):
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        row = app.screen.shown[int(app.screen.query_one("#list").coordinate_to_cell_key((1, 0)).row_key.value)]
        assert app.screen.query_one("#peek").display
        assert text_of(app.screen.query_one("#peek")) == f"{row.applicant_name}：{row.content}"


async def test_keys_arriving_in_one_burst_after_tab_land_in_the_next_field(day):
    """#14.9: over SSH a burst "张三<Tab>110105" left the digits in the name field."""
    from textual import events

    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#applicant_name", Input).focus()
        await pilot.pause()
        for key, char in [("张", "张"), ("三", "三"), ("tab", "\t"), *[(c, c) for c in "110105"]]:
            app.post_message(events.Key(key, char))  # all queued before any is handled, as from a socket
        await pilot.pause(0.5)
        assert form.query_one("#applicant_name", Input).value == "张三"
        assert form.query_one("#applicant_id", Input).value == "110105"


async def test_capital_keys_work_and_a_refusal_comes_before_the_confirmation(day):
    """From the day in tmux: `A` (as labelled) did nothing; a missing 补正期限 was only refused
    after the officer had confirmed; the drop-down showed `esc Dismiss menu`."""
    from textual.widgets import Select

    view = new_request()
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        app.open_request(view.id)
        await pilot.pause()
        await pilot.press("B")  # 通知补正, pressed as its button shows it
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog) and dialog.focused.id == "date"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(dialog.query_one("#error")) == "补正事项：请一次性列出需要补正的全部事项"
        await pilot.press("escape", "N")  # N on the detail does nothing; back to the dashboard for the drop-down
        await pilot.press("escape")
        await pilot.press("N")
        await pilot.pause()
        channel = app.screen.query_one("#channel", Select)
        channel.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Dismiss" not in screen_text(app) and "关闭菜单" in screen_text(app)
