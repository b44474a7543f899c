"""The command palette in Chinese: its prompt, its keys and its "no match"
line, and a provider that finds a request by number or applicant."""

from __future__ import annotations

import asyncio
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, Hit, Hits, Provider
from textual.widgets.option_list import Option

from core.requests import service as requests
from core.store.db import database

PLACEHOLDER = "查找命令，或输入申请编号、申请人姓名…"
NO_MATCHES = "没有匹配的命令或申请"


class Palette(CommandPalette):
    BINDINGS = [
        Binding("ctrl+end, shift+end", "command_list('last')", "到最后", show=False),
        Binding("ctrl+home, shift+home", "command_list('first')", "到最前", show=False),
        Binding("down", "cursor_down", "下一项", show=False),
        Binding("escape", "escape", "关闭"),
        Binding("pagedown", "command_list('page_down')", "下一页", show=False),
        Binding("pageup", "command_list('page_up')", "上一页", show=False),
        Binding("up", "command_list('cursor_up')", "上一项", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(placeholder=PLACEHOLDER, id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own wording is English; the behaviour is the same.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def _find(text: str, agency: str | None, today) -> list[requests.Summary]:
    with database.connection_context():  # a worker thread's own connection
        return requests.search(requests.Filter(agency=agency, text=text), today, limit=8)


class RequestFinder(Provider):
    """申请 by number, applicant or content, within the officer's own agency."""

    async def search(self, query: str) -> Hits:
        text = query.strip()
        if len(text) < 2:
            return
        app = self.app
        rows = await asyncio.to_thread(_find, text, app.scope_agency, app.today)
        matcher = self.matcher(text)
        for r in rows:
            label = f"{r.number}　{r.applicant_name}　{r.state_name}"
            yield Hit(max(matcher.match(label), 0.5), matcher.highlight(label), partial(app.open_request, r.id),
                      help=f"打开申请：{r.content}")
