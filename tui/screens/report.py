"""年度报告: the agency's own report for a year — table 二's entered cells and
sections 一/五/六 to write, table 三 and the identities as counted from the log,
the timeliness of replies, 报送 / 审核 / 公布 by role, each confirmed, and the Word file
leadership reads (Ctrl+E: previewed, then saved)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static, TextArea

from core.errors import GongkaiError, InvalidInput
from core.report import document, national_format, states
from core.report.states import STATE_NAMES
from core.requests import dashboard

from ..widgets.confirm import ConfirmDialog
from .document import DocumentScreen

SECTION_TITLES = dict(national_format.SECTIONS)


def report_year(today, agency: str) -> int:
    """The year whose report is being prepared: the one the next milestone is for."""
    nxt = dashboard.next_milestone(today, agency)
    return nxt.report_year if nxt else today.year - 1


class ReportScreen(Screen):
    DEFAULT_CSS = """
    ReportScreen #main { padding: 0 1; }
    ReportScreen .heading { text-style: bold; }
    ReportScreen .row { height: auto; margin-top: 1; }
    ReportScreen .label { width: 24; }
    ReportScreen .row Input { width: 16; }
    ReportScreen TextArea { height: 5; margin-bottom: 1; }
    ReportScreen #failures { margin: 1 0; }
    ReportScreen DataTable { height: auto; max-height: 34; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "返回"), Binding("ctrl+s", "save", "保存"),
                Binding("f8", "move('submit')", "报送"), Binding("f9", "move('approve')", "审核"),
                Binding("f10", "move('publish')", "公布"), Binding("ctrl+e", "export", "Word 文件"),
                Binding("left_square_bracket", "year(-1)", "上一年度", show=False),
                Binding("right_square_bracket", "year(1)", "下一年度", show=False)]

    def __init__(self, year: int | None = None, agency: str | None = None):
        super().__init__()
        self.year = year
        self.agency = agency

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="main"):
            yield Static(id="heading", classes="heading")
            yield Static(id="message")
            yield Label("二、主动公开政府信息情况（本机关填写的栏目）", classes="heading")
            for i, cell in enumerate(national_format.ENTERED_CELLS):
                with Horizontal(classes="row"):
                    yield Label(cell + ("（万元）" if cell == "行政事业性收费" else "（件）"), classes="label")
                    yield Input(id=f"cell-{i}", compact=True)
            for i, number in enumerate(national_format.NARRATIVE):
                yield Label(SECTION_TITLES[number], classes="heading")
                if number == "六":  # printed first in 六 whatever the office writes below it
                    yield Static(id="fees", classes="muted")
                yield TextArea(id=f"section-{i}")
            yield Static(id="failures")
            yield Label("三、收到和处理政府信息公开申请情况（由办理记录统计）", classes="heading")
            yield DataTable(id="table-b", zebra_stripes=True, cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.agency = self.agency or self.app.user.agency
        self.year = self.year or report_year(self.app.today, self.agency)
        table = self.query_one("#table-b", DataTable)
        table.add_column("项目", width=36)
        for column in national_format.B_COLUMNS:
            table.add_column(column, width=8)
        self.load()

    def load(self) -> None:
        r = states.build(self.agency, self.year, self.app.today)
        self.report = r
        self.query_one("#heading", Static).update(f"{r.title}　状态：{r.state_name}")
        entered = {row.label: row.values[0] for block in r.tables.table_a[1:] for row in block.rows}
        for i, cell in enumerate(national_format.ENTERED_CELLS):
            self.query_one(f"#cell-{i}", Input).value = str(entered.get(cell, 0))
        for i, number in enumerate(national_format.NARRATIVE):
            self.query_one(f"#section-{i}", TextArea).text = r.sections.get(number, "")
        self.query_one("#fees", Static).update(f"自动生成（由办理记录统计）：{national_format.fee_paragraph(r.fees)}")
        editable = r.state in (states.NOT_STARTED, states.EDITING)
        for widget in self.query("Input, TextArea"):
            widget.disabled = not editable  # 报送 fixes the text; a returned report would be editable again
        failures = Text()
        if r.failures:
            failures.append(f"数据校验未通过（{len(r.failures)} 项），不能报送：\n", style="bold red")
            for f in r.failures:
                failures.append(f"· {f}\n", style="red")
        else:
            failures.append("数据校验：三项恒等关系均成立", style="green")
        failures.append("\n" + r.timeliness.sentence(r.year))
        self.query_one("#failures", Static).update(failures)
        table = self.query_one("#table-b", DataTable)
        table.clear()
        for row in r.tables.table_b:
            table.add_row(row.label, *([str(v) for v in row.values] if row.values is not None else [""] * 7))

    def say(self, message: str, error: bool = False) -> None:
        self.query_one("#message", Static).update(Text(message, style="bold red" if error else "bold"))
        # Also where the officer is looking, however far down the form they are.
        self.app.notify(message, severity="error" if error else "information")

    def _cells(self) -> dict[str, float]:
        cells = {}
        for i, cell in enumerate(national_format.ENTERED_CELLS):
            raw = self.query_one(f"#cell-{i}", Input).value.strip() or "0"
            try:
                cells[cell] = float(raw)
            except ValueError:
                raise InvalidInput("cell", f"“{cell}”应为数字，收到 {raw!r}") from None
        return cells

    def action_save(self) -> None:
        user, today = self.app.user, self.app.today
        try:
            states.set_cells(self.agency, self.year, self._cells(), user, today)
            for i, number in enumerate(national_format.NARRATIVE):
                text = self.query_one(f"#section-{i}", TextArea).text
                if text.strip() != self.report.sections.get(number, "").strip():
                    states.set_section(self.agency, self.year, number, text, user, today)
        except GongkaiError as exc:
            self.say(exc.message, error=True)
            return
        self.load()
        self.say("已保存")

    def action_move(self, action: str) -> None:
        name = states.MOVES[action][3]

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                states.move(self.agency, self.year, action, self.app.user, self.app.today)
            except GongkaiError as exc:
                self.say(exc.message, error=True)
                return
            self.load()
            self.say(f"{name}完成：{STATE_NAMES[self.report.state]}")

        self.app.push_screen(ConfirmDialog(f"{name}{self.report.title}？{name}后记入审计，不能撤回。", name, "取消"),
                             answered)

    def action_export(self) -> None:
        """The report as leadership reads it: previewed, then saved as Word (草稿 until 已审核)."""
        agency, year, today = self.agency, self.year, self.app.today
        self.app.push_screen(DocumentScreen(lambda: document.Paper(states.build(agency, year, today)),
                                            lambda paper: f"{paper.title}.docx"))

    def action_year(self, step: int) -> None:
        self.year += step
        try:
            self.load()
        except GongkaiError as exc:
            self.year -= step
            self.say(exc.message, error=True)
