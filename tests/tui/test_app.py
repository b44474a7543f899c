"""The terminal app opens on the acting officer's view."""

from __future__ import annotations

from textual.widgets import DataTable

from tui.app import build_app


async def test_app_opens_with_the_acting_user_and_every_agency(db, monkeypatch):
    monkeypatch.setenv("GONGKAI_USER", "admin")
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.sub_title == "系统管理员（管理员）· 市人民政府"
        table = app.screen.query_one(DataTable)
        assert table.row_count == 54
        assert table.get_row("YXSZFB")[:3] == ["YXSZFB", "市政府办公室", "市级"]
        await pilot.press("question_mark")
        assert app.screen.query("HelpPanel")
        await pilot.press("ctrl+q")
    assert app.return_code == 0
