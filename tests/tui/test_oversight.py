"""举报投诉 and 考核 in the officer's app, driven by keys: a complaint logged and handled, the
complainant revealed to the handling office only (and recorded), the scorecard sorted."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from rich.console import Console
from textual.widgets import DataTable, Select, SelectionList, Static, TextArea

from core import demo
from core.organisation import users
from core.oversight import complaints
from core.store.models import Complaint, SystemEvent
from tests.conftest import act_as
from tui.app import build_app
from tui.screens.complaints import ComplaintIntakeDialog, ComplaintListScreen, ComplaintScreen
from tui.screens.scorecard import ScoreDetailScreen, ScorecardScreen

TODAY = "2025-12-01"


@pytest.fixture
def clerk(db, monkeypatch):
    demo.fill()
    users.add("liwei", "李伟", "YXFGW", ["承办人"])
    act_as(monkeypatch, "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)


def shown(widget: Static) -> str:
    """What a Static shows, a Rich table included, as plain text."""
    console = Console(width=200)
    with console.capture() as captured:
        console.print(widget.content)
    return captured.get()


def cells(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_log_accept_and_reveal_a_complaint(clerk):
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        assert isinstance(app.screen, ComplaintListScreen)
        assert str(app.screen.query_one("#empty", Static).render()) == "没有举报投诉。按 N 登记一件。"
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, ComplaintIntakeDialog)
        dialog.query_one("#agency", Select).value = "YXFGW"
        dialog.query_one("#channel", Select).value = "来访"
        dialog.query_one("#content", TextArea).text = "目录半年未更新"
        dialog.query_one("#name").value = "欧阳修远"
        await pilot.press("ctrl+s")
        assert str(dialog.query_one("#error", Static).render()) == \
            "举报事项：请选择举报事项（第三条第（一）至（六）项，可多选，如 1,3）"
        dialog.query_one("#grounds", SelectionList).select(2)
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComplaintListScreen)
        assert cells(app.screen.query_one("#list", DataTable)) == [
            ["YXSZFB-JB-2025-0001", "市发展改革委", "待受理", "—", "—"]]
        await pilot.press("enter")
        assert isinstance(app.screen, ComplaintScreen)
        await pilot.press("a")
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert Complaint.get().due == dt.date(2026, 1, 30)  # 60 days from 1 December
        summary = shown(app.screen.query_one("#summary", Static))
        assert "欧阳**（按 V 查看完整信息，记入审计）" in summary and "欧阳修远" not in summary
        await pilot.press("v")
        await pilot.pause()
        assert "欧阳修远" in shown(app.screen.query_one("#summary", Static))
        read = SystemEvent.select().where(SystemEvent.action == "complainant_read").get()
        assert json.loads(read.data) == {"complaints": ["YXSZFB-JB-2025-0001"], "via": "show"}


async def test_the_body_complained_about_sees_no_one_and_no_steps(clerk, monkeypatch):
    complaints.create(complaints.Intake("YXFGW", dt.date(2025, 11, 20), "来信", (2,), "目录未更新", "欧阳修远"),
                      users.get("zhaomin"), dt.date(2025, 12, 1))
    act_as(monkeypatch, "liwei")
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "enter")
        screen = app.screen
        assert isinstance(screen, ComplaintScreen)
        summary = shown(screen.query_one("#summary", Static))
        assert "（保密）" in summary and "欧阳" not in summary
        assert [b.name for b in screen.query("#actions Button")] == []
        await pilot.press("v", "a")  # offered to the handling office only
        assert not SystemEvent.select().where(SystemEvent.action == "complainant_read").exists()
        assert Complaint.get().state == "received"


async def test_the_scorecard_sorts_and_traces(clerk, monkeypatch):
    act_as(monkeypatch, "sunhong")  # a 分管领导 sees every body
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        table = screen.query_one("#cards", DataTable)
        # 2025 as of 1 December: bodies whose 2024 report missed its milestones lose those points.
        assert [c.key.value for c in table.ordered_columns] == [
            "name", "reply_on_time", "proactive_on_time", "cases_not_corrected", "complaints_founded",
            "report_milestones", "total", "grade"]
        totals = [float(str(table.get_row_at(i)[-2])) for i in range(table.row_count)]
        assert totals == sorted(totals, reverse=True) and table.row_count == 54
        await pilot.press("s", "s", "s", "s", "s", "s")  # total → each measure → the agencies' own order
        assert "排序：机构清单顺序" in str(screen.query_one("#heading", Static).render())
        by_name = screen.cards  # as agencies.yaml lists them
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [c.short_name for c in by_name]
        await pilot.press("S")
        assert str(table.get_row_at(0)[0]) == by_name[-1].short_name
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, ScoreDetailScreen)
        figures = detail.query_one("#figures", DataTable)
        figures.move_cursor(row=figures.get_row_index("milestones_missed"))
        await pilot.press("enter")
        missed = by_name[0].figures["milestones_missed"]
        assert str(detail.query_one("#rows-title", Static).render()) == f"年度报告逾期节点：{missed} 条"
        assert detail.query_one("#rows", DataTable).row_count == missed
