"""The defects an officer met in a working day (issue #14), each pinned by a
Pilot test that failed before its fix."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from textual.widgets import Input, Static

from core import demo
from core.requests import dashboard
from core.requests import service as requests
from core.store.models import Request
from tui.app import build_app
from tui.screens.action import ActionDialog
from tui.screens.document import DocumentScreen
from tui.screens.requests import RequestListScreen

TODAY = dt.date(2025, 12, 1)


@pytest.fixture
def day(db, monkeypatch):
    """The demo office on 2025-12-01 with 300 requests, as 赵敏 (承办人 of 市政府办公室)."""
    demo.fill(300, today=TODAY, seed=7)
    monkeypatch.setenv("GONGKAI_USER", "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())


def text_of(widget) -> str:
    return str(widget.render())


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def an_accepted_request() -> Request:
    from core.organisation import users
    from core.requests.intake import Intake
    from core.requests.lifecycle import Params

    clerk = users.get("zhaomin")
    view = requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 11, 27), channel="当面",
                                  applicant_type="自然人", applicant_name="李四", content="监测报告"), clerk, TODAY)
    return requests.act(view.id, "accept", Params(date=dt.date(2025, 11, 27)), clerk, TODAY)


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
        app.open_request(Request.select().where(Request.outcome.is_null(False)).first().id)
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
                                         ("4", "awaiting_correction"), ("5", "paused"), ("6", "open")])
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
