"""考核: every body's points for a year, sortable by any column; a body's figures, its chart and
the rows behind each figure; the workbook, the Word results and the 监督检查 通报 saved for leadership."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from core.errors import file_error
from core.organisation import agencies
from core.oversight import documents, inspection, scorecard
from core.store import settings
from core.store.db import database
from core.store.models import Complaint, Request

from .. import background
from ..keys import either_case
from .export import ExportDialog

# Column titles that fit 80 columns; the heading above the table spells them out.
SHORT = {"reply_on_time": "答复", "proactive_on_time": "公开", "cases_not_corrected": "复议",
         "complaints_founded": "举报", "report_milestones": "年报"}


class ScorecardScreen(background.Live, Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    ScorecardScreen #heading {
        padding: 0 1;
        text-style: bold;
    }
    ScorecardScreen DataTable {
        height: 1fr;
    }
    """
    # S sorts and Shift+S reverses, as in the request list; the other letters answer in either case.
    BINDINGS = [Binding("escape", "app.pop_screen", "返回"), Binding("s", "sort", "排序"),
                Binding("S", "reverse", "倒序", show=False)] + either_case([
        Binding("left_square_bracket", "year(-1)", "上一年"), Binding("right_square_bracket", "year(1)", "下一年"),
        Binding("x", "export('xlsx')", "Excel"), Binding("w", "export('docx')", "Word"),
        Binding("t", "inspect", "监督检查通报")])

    on_worker_state_changed = background.notify_failure

    def __init__(self, year: int | None = None):
        super().__init__()
        self.year = year
        self.cards: list[scorecard.Scorecard] = []
        self.sort_keys: list[str] = ["total"]
        self.sort_by = "total"
        self.reverse = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("正在计算…", id="heading")
        yield DataTable(id="cards", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.year = self.year or self.app.today.year
        self.reload()
        self.start_polling()

    def changed_elsewhere(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.load(self.year, self.app.today, self.app.user)

    @work(thread=True, exclusive=True, group="scores", exit_on_error=False)
    def load(self, year, today, user) -> None:
        with database.connection_context():
            cards = scorecard.cards(year, today, scorecard.visible(user, None))
        self.app.call_from_thread(self.show, cards)

    def show(self, cards: list[scorecard.Scorecard]) -> None:
        self.cards = cards
        measures = [s.measure for s in cards[0].scored] if cards else []
        self.sort_keys = ["total", *measures, "order"]
        table = self.query_one("#cards", DataTable)
        table.clear(columns=True)
        table.add_column("机构", key="name")
        for s in cards[0].scored if cards else ():
            table.add_column(f"{SHORT.get(s.measure, s.name)}{s.weight:g}", key=s.measure)
        table.add_column("总分", key="total")
        table.add_column("档次", key="grade")
        for card in self.ordered():
            style = "bold red" if card.grade == "差" else ""
            table.add_row(Text(card.short_name or card.name, style=style), *(f"{s.points:g}" for s in card.scored),
                          Text(f"{card.total:g}", style=style), Text(card.grade, style=style), key=card.agency)
        as_of = cards[0].as_of if cards else self.app.today
        full = "、".join(f"{SHORT.get(s.measure, s.name)}＝{s.name}" for s in (cards[0].scored if cards else ()))
        self.query_one("#heading", Static).update(
            f"{self.year}年度考核　数据截至 {as_of}　{len(cards)} 个机构　排序：{self.sort_name()}"
            f"{'（由低到高）' if self.reverse else ''}\n{full}")

    def sort_name(self) -> str:
        if self.sort_by == "total":
            return "总分"
        if self.sort_by == "order":
            return "机构清单顺序"
        return next((s.name for s in self.cards[0].scored if s.measure == self.sort_by), self.sort_by)

    def ordered(self) -> list[scorecard.Scorecard]:
        return scorecard.ordered(self.cards, self.sort_by, self.reverse)

    def action_sort(self) -> None:
        self.sort_by = self.sort_keys[(self.sort_keys.index(self.sort_by) + 1) % len(self.sort_keys)]
        self.reverse = False
        self.show(self.cards)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value
        if key in self.sort_keys:
            self.reverse = not self.reverse if key == self.sort_by else False  # a second click reverses
            self.sort_by = key
            self.show(self.cards)

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self.show(self.cards)

    def action_year(self, step: int) -> None:
        if self.year + step > self.app.today.year:
            self.app.notify(f"{self.year + step} 年尚未开始", severity="warning")
            return
        self.year += step
        self.query_one("#heading", Static).update("正在计算…")
        self.reload()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        card = next(c for c in self.cards if c.agency == event.row_key.value)
        self.app.push_screen(ScoreDetailScreen(card))

    def action_export(self, fmt: str) -> None:
        title = f"{self.year}年度政府信息公开工作考核结果"
        default = Path.home() / "gongkai" / f"{title}.{fmt}"
        note = ("Excel 含得分、各项数据和每项数据所计的记录明细。" if fmt == "xlsx"
                else "Word 含得分表，以及每个机构的得分图表和数据。")
        self.app.push_screen(ExportDialog(title, len(self.cards), default, lambda p: self.save(fmt, p),
                                          note=note, unit="个机构"))

    def action_inspect(self) -> None:
        found_title = f"关于{self.year}年度政府信息公开工作监督检查情况的通报"
        default = Path.home() / "gongkai" / f"{found_title}（草稿）.docx"
        self.app.push_screen(ExportDialog(f"{self.year}年度监督检查通报稿", len(self.cards), default,
                                          lambda p: self.save("inspect", p),
                                          note="按责任追究制度第六条列出各机构可由数据发现的问题，供领导小组办公室修改后印发。",
                                          unit="个机构"))

    def save(self, what: str, path: Path) -> None:
        self.app.notify(f"正在生成，完成后提示：{path.name}", title="导出")
        self.write(what, path)

    @work(thread=True, exit_on_error=False)
    def write(self, what: str, path: Path) -> None:
        user, today = self.app.user, self.app.today
        codes = [c.agency for c in self.cards]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with database.connection_context():
                issuer = agencies.name_of(user.agency)
                if what == "xlsx":
                    documents.workbook(self.cards, path, today)
                elif what == "docx":
                    documents.word(self.ordered(), path, settings.document_mark(), issuer)
                else:
                    inspection.notice(inspection.run(self.year, today, codes), path, settings.document_mark(),
                                      issuer, today)
        except OSError as exc:
            self.app.call_from_thread(self.app.notify, f"无法保存到 {path}：{file_error(exc)}", severity="error")
            return
        self.app.call_from_thread(self.app.notify, f"已保存：{path}", title="导出")


def bars(card: scorecard.Scorecard, width: int = 24) -> Text:
    """The chart in the terminal: each measure's points against its full marks."""
    text = Text()
    for s in card.scored:
        done = round(width * s.points / s.weight) if s.weight else 0
        text.append(f"{s.name:　<11}")
        text.append("█" * done, style="blue")
        text.append("░" * (width - done), style="dim")
        text.append(f" {s.points:g}/{s.weight:g}")
        if s is not card.scored[-1]:
            text.append("\n")
    return text


class ScoreDetailScreen(Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    ScoreDetailScreen #title {
        padding: 0 1;
        text-style: bold;
    }
    ScoreDetailScreen #chart {
        padding: 0 1;
    }
    ScoreDetailScreen #tables {
        height: 1fr;
    }
    ScoreDetailScreen #figures {
        width: 34;
        height: 1fr;
    }
    ScoreDetailScreen #traced {
        width: 1fr;
        padding-left: 1;
    }
    ScoreDetailScreen #rows {
        height: 1fr;
    }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "返回")]

    def __init__(self, card: scorecard.Scorecard):
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        c = self.card
        yield Header()
        yield Static(f"{c.name} {c.year}年度考核：{c.total:g} 分（{c.grade}），数据截至 {c.as_of}", id="title")
        yield Static(bars(c), id="chart")
        with Horizontal(id="tables"):
            yield DataTable(id="figures", cursor_type="row")
            with Vertical(id="traced"):
                yield Static("← 选中一项数据，回车列出所计的记录", id="rows-title", classes="muted")
                yield DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#figures", DataTable)
        table.add_columns("数据项", "数值")
        for figure, name in scorecard.FIGURES.items():
            table.add_row(name, str(self.card.figures[figure]), key=figure)
        self.query_one("#rows", DataTable).add_columns("编号", "日期", "说明")
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "rows":
            self.open_traced(event.row_key.value)
            return
        if event.data_table.id != "figures":
            return
        figure = event.row_key.value
        found = scorecard.trace(self.card.agency, self.card.year, figure, self.app.today)
        title = self.query_one("#rows-title", Static)
        title.update(f"{scorecard.FIGURES[figure]}：{len(found)} 条")
        title.remove_class("muted")
        rows = self.query_one("#rows", DataTable)
        rows.clear()
        for n, item in enumerate(found):
            rows.add_row(item.ref, str(item.date or ""), Text(item.detail), key=f"{n}:{item.ref}")
        rows.focus()

    def open_traced(self, key: str) -> None:
        """A traced request or complaint opens as it does from its own list."""
        ref = key.partition(":")[2].split(" ")[0]
        request = Request.get_or_none(Request.number == ref)
        if request is not None:
            self.app.open_request(request.id)
        elif Complaint.get_or_none(Complaint.number == ref) is not None:
            from .complaints import ComplaintScreen

            self.app.push_screen(ComplaintScreen(ref))
