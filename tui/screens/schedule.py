"""年度报告时间表: the regime's milestones for a report year with days left, and
each concerned agency's report state; late agencies in red. [ and ] change the year."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from core.report import states as reports

from .report import report_year


class ScheduleScreen(Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    ScheduleScreen #main {
        padding: 0 1;
    }
    ScheduleScreen .heading {
        text-style: bold;
        margin-bottom: 1;
    }
    ScheduleScreen .milestone {
        margin-top: 1;
        text-style: bold;
    }
    ScheduleScreen DataTable {
        height: auto;
        max-height: 14;
    }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "返回"), Binding("left_square_bracket", "year(-1)", "上一年度"),
                Binding("right_square_bracket", "year(1)", "下一年度")]

    def __init__(self, year: int | None = None):
        super().__init__()
        self.year = year

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="main")
        yield Footer()

    async def on_mount(self) -> None:
        self.year = self.year or report_year(self.app.today, self.app.user.agency)
        await self.reload()

    async def action_year(self, step: int) -> None:
        self.year += step
        await self.reload()

    async def reload(self) -> None:
        main = self.query_one("#main", VerticalScroll)
        await main.remove_children()
        widgets = [Static(f"{self.year}年度政府信息公开工作年度报告", classes="heading")]
        for i, m in enumerate(reports.schedule(self.year, self.app.today)):
            late = sum(a.late for a in m.agencies)
            when = f"还有 {m.days_left} 天" if m.days_left >= 0 else f"已过 {-m.days_left} 天"
            line = Text(f"{m.date}（{when}）{m.who}：{m.what}；应达“{reports.STATE_NAMES[m.expects]}”")
            if late:
                line.append(f"　逾期 {late} 个机关", style="bold red")
            widgets.append(Static(line, classes="milestone"))
            table = DataTable(id=f"milestone-{i}", cursor_type="row", zebra_stripes=True)
            table.add_columns("代码", "机关", "状态", "报送", "审核", "公布")
            for a in m.agencies:
                style = "bold red" if a.late else ""
                table.add_row(*(Text(str(v or "—"), style=style) for v in (
                    a.code, a.name, reports.STATE_NAMES[a.state], a.submitted_on, a.approved_on, a.published_on)))
            widgets.append(table)
        await main.mount_all(widgets)
