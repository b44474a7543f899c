"""主动公开时限: catalogue items published or updated late, and those past their window not yet
published or updated (发布制度第十五、十六条; 条例第二十六条)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from core.oversight import timeliness
from core.publish import catalogue


class ProactiveScreen(Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    ProactiveScreen #heading {
        padding: 0 1;
        text-style: bold;
    }
    ProactiveScreen DataTable {
        height: 1fr;
    }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "返回")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="heading")
        yield DataTable(id="items", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        scope = self.app.scope_agency
        entries = [e for e in catalogue.load_all() if scope is None or e.agency == scope]
        failed = timeliness.failures(entries, self.app.today)
        table = self.query_one("#items", DataTable)
        table.add_columns("索引号", "事项", "起算日", "应完成", "完成", "情况", "信息名称")
        for o in failed:
            style = "bold red" if o.status == timeliness.OVERDUE else ""
            table.add_row(o.index_no, o.kind, str(o.start), str(o.due), str(o.done or "—"),
                          Text(f"{o.status}·逾期{o.late_days}日", style=style), Text(o.title))
        self.query_one("#heading", Static).update(
            f"主动公开逾期 {len(failed)} 项（工作日，依据 {failed[0].basis}）" if failed
            else f"目录中 {len(entries)} 个条目，没有逾期发布或更新的主动公开信息。\n"
                 "新增条目：gongkai catalog add / import；登记形成、发布、变更、更新日期：gongkai catalog dates。"
                 "发布日期、更新日期在网站构建时自动登记。")
