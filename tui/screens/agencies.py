"""The agency list: who handles requests and who reports."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from core.organisation.agencies import LEVEL_NAMES, AgencyRecord


class AgenciesScreen(Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    AgenciesScreen #summary {
        padding: 0 1;
        color: $text-muted;
    }
    AgenciesScreen #agencies {
        height: 1fr;
    }
    """

    def __init__(self, agencies: list[AgencyRecord]):
        super().__init__()
        self.agencies = agencies

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"机构 {len(self.agencies)} 个", id="summary")
        yield DataTable(id="agencies", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("代码", "简称", "级别", "全称")
        for a in self.agencies:
            table.add_row(a.code, a.short_name, LEVEL_NAMES[a.level], a.name, key=a.code)
        table.focus()
