"""申请列表: filter, sort and page through requests straight from the database."""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static
from textual.worker import get_current_worker

from core import dates
from core.chinese import clip
from core.errors import InvalidInput, file_error
from core.organisation.agencies import list_agencies
from core.requests import applicants, dashboard, ledger, lifecycle
from core.requests import service as requests
from core.store.db import database

from .. import background
from .export import ExportDialog

PAGE = 50
# The columns an officer scans first come first, so they stay visible at 80 columns.
COLUMNS = (("number", "编号"), ("state", "状态"), ("due", "答复期限"), ("due", "剩余"), ("applicant_name", "申请人"),
           ("content", "所需信息"), ("received", "收到日期"), ("applicant_type", "申请人类型"))
# Fixed widths (display columns; CJK count two): the table need not re-measure every cell on each keystroke.
WIDTHS = (18, 12, 10, 10, 12, 40, 10, 10)
PRESETS = {
    "due_today": ("今日到期", requests.Filter(due_within=0)),
    "due_soon": ("3个工作日内到期", requests.Filter(due_within=3)),
    "overdue": ("已逾期", requests.Filter(overdue=True)),
    "awaiting_correction": ("待补正", requests.Filter(state=lifecycle.AWAITING_CORRECTION)),
    "paused": ("暂停计时", requests.Filter(states=dashboard.PAUSED_STATES)),
    "open": ("全部在办", requests.Filter(open_only=True)),
    "awaiting_acceptance": ("待受理", requests.Filter(state=lifecycle.RECEIVED)),
    "ready_to_send": ("待送达", requests.Filter(ready_to_send=True)),
}


def urgency(row: requests.Summary) -> Text:
    if row.days_left is None:
        return Text("—" if row.due is None else "", style="dim")
    label = f"{row.days_left}" if row.days_left >= 0 else f"逾期{-row.days_left}"
    if row.provisional:
        label += " 暂估"
    style = "bold red" if row.overdue else ("yellow" if row.days_left <= 3 else "")
    return Text(label, style=style)


class RequestListScreen(background.Live, Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    RequestListScreen #filters, RequestListScreen #filters2 {
        height: 1;
        margin: 0 1;
    }
    RequestListScreen #filters > *, RequestListScreen #filters2 > * {
        margin-right: 2;
    }
    RequestListScreen #filters2 Input {
        width: 24;
    }
    RequestListScreen #filters2 Select {
        width: 30;
    }
    RequestListScreen #search {
        width: 1fr;
    }
    RequestListScreen #filters Select {
        width: 24;
    }
    RequestListScreen #status {
        padding: 0 1;
    }
    RequestListScreen #split {
        height: 1fr;
    }
    RequestListScreen #side {
        width: 52;
        display: none;
        border-left: solid $primary;
        padding: 0 1;
    }
    RequestListScreen #list {
        height: 1fr;
    }
    RequestListScreen #peek {
        height: 2;
        padding: 0 1;
        background: $boost;
    }
    """
    BINDINGS = [
        Binding("escape", "back", "返回"),
        Binding("slash", "focus_search", "查找", show=False),
        Binding("s", "cycle_sort", "排序"),
        Binding("S", "reverse_sort", "倒序"),
        # Priority: the table, focused by default, would otherwise take them to scroll its 50 rows.
        Binding("pagedown", "page(1)", "下一页", priority=True),
        Binding("pageup", "page(-1)", "上一页", priority=True),
        Binding("n", "app.new_request", "登记申请", show=False),
        Binding("e", "export", "导出"),
    ]

    # Characters that are keys here (the rest, typed in the table, go to the search box).
    KEYS = {b.key for b in BINDINGS if len(b.key) == 1} | {"/", "?"}

    on_worker_state_changed = background.notify_failure

    def __init__(self, preset: str | None = None):
        super().__init__()
        self.preset = preset
        self.order, self.descending = ("due", False) if preset else ("received", True)
        self.page_offset = 0
        self.total = 0
        self.shown: dict[int, requests.Summary] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Input(placeholder="查找 编号/申请人/内容", id="search", compact=True, select_on_focus=False)
            yield Select([(name, state) for state, name in lifecycle.STATE_NAMES.items()], prompt="全部状态",
                         id="state", compact=True)
            yield Select([(t, t) for t in applicants.APPLICANT_TYPES], prompt="全部申请人", id="type",
                         compact=True)
        with Horizontal(id="filters2"):
            if self.app.scope_agency is None:  # an administrator chooses the agency; an officer sees their own
                yield Select([(a.short_name, a.code) for a in list_agencies()], prompt="全部机关", id="agency",
                             compact=True)
            yield Input(placeholder="收到日期自 YYYY-MM-DD", id="from", compact=True)
            yield Input(placeholder="至 YYYY-MM-DD", id="to", compact=True)
        yield Static(id="status", classes="muted")
        with Horizontal(id="split"):
            yield DataTable(id="list", cursor_type="row", zebra_stripes=True)
            # Master–detail from 120 columns: the highlighted request beside the list.
            with VerticalScroll(id="side"):
                yield Static(id="side-text")
        # Below 120 columns 所需信息 is mostly past the right edge: the highlighted row's, in full width.
        yield Static(id="peek")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for i, ((_, label), width) in enumerate(zip(COLUMNS, WIDTHS)):
            table.add_column(label, key=f"c{i}", width=width)
        self.reload()
        table.focus()
        self.start_polling()

    def changed_elsewhere(self) -> None:
        self.reload(keep_offset=True)

    def busy(self) -> bool:
        return time.monotonic() - self.last_reload < self.QUIET_SECONDS or any(
            w.node is self and w.group in ("load", "total") and not w.is_finished for w in self.workers)

    def on_resize(self, event) -> None:
        side = self.query_one("#side")
        was = side.display
        side.display = event.size.width >= 120
        self.query_one("#peek").display = not side.display
        table = self.query_one(DataTable)
        if side.display and not was and table.row_count:
            self.load_side(int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is None or not event.row_key.value:
            return
        if self.query_one("#side").display:
            self.load_side(int(event.row_key.value))
        else:
            r = self.shown[int(event.row_key.value)]
            self.query_one("#peek", Static).update(Text.assemble((f"{r.applicant_name}：", "bold"), r.content))

    @work(thread=True, exclusive=True, group="side", exit_on_error=False)
    def load_side(self, request_id: int) -> None:
        with database.connection_context():
            view = requests.get(request_id, self.app.today, self.app.user)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_side, view)

    def show_side(self, v: requests.RequestView) -> None:
        text = Text()
        text.append(f"{v.number}　{v.state_name}\n", style="bold")
        text.append(f"申请人：{v.applicant_name}（{v.applicant_type}）\n收到：{v.received}（{v.channel}）\n")
        text.append(f"所需信息：{v.content}\n")
        if v.outcome_text:
            text.append(f"办理结果：{v.outcome_text}\n")
        d = v.deadline
        if d.final_due:
            text.append(f"\n答复期限：{d.final_due}\n", style="bold red" if d.overdue else "bold")
        text.append(f"{d.explanation}\n\n")
        text.append("办理记录\n", style="bold")
        for e in v.events[-6:]:
            text.append(f"{e.date}  {e.action_name}  {e.actor}\n")
        text.append("\n回车打开，可办理", style="dim")
        self.query_one("#side-text", Static).update(text)

    def current_filter(self) -> requests.Filter:
        base = PRESETS[self.preset][1] if self.preset else requests.Filter()
        state = self.query_one("#state", Select).value
        kind = self.query_one("#type", Select).value
        agency = self.app.scope_agency
        if agency is None and self.query("#agency"):
            chosen = self.query_one("#agency", Select).value
            agency = None if chosen is Select.NULL else chosen
        return requests.Filter(
            agency=agency, state=base.state if state is Select.NULL else state,
            applicant_type=None if kind is Select.NULL else kind, text=self.query_one("#search", Input).value,
            received_from=self.date_bound("#from"), received_to=self.date_bound("#to"),
            overdue=base.overdue, due_within=base.due_within, open_only=base.open_only, states=base.states,
            ready_to_send=base.ready_to_send)

    def date_bound(self, selector: str):
        """A typed date limit; one still being typed (or wrong) is ignored and marked."""
        widget = self.query_one(selector, Input)
        try:
            value = dates.parse(widget.value) if widget.value.strip() else None
        except InvalidInput:
            widget.add_class("-invalid")
            return None
        widget.remove_class("-invalid")
        return value

    last_reload = 0.0  # when the filter last changed (monotonic seconds)
    QUIET_SECONDS = 2.0  # no refresh from other officers' changes while the officer is typing

    def reload(self, keep_offset: bool = False) -> None:
        self.last_reload = time.monotonic()
        if not keep_offset:
            self.page_offset = 0
        self.load_page(self.current_filter(), self.order, self.descending, self.page_offset)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_page(self, f: requests.Filter, order: str, descending: bool, offset: int) -> None:
        # The page and its total are read on two threads at once (SQLite works without the GIL), so the
        # total arrives in about the time of one scan. A newer keystroke cancels both workers; their
        # threads still run to the end, so a cancelled one posts nothing.
        self.load_total(f)
        worker = get_current_worker()
        with database.connection_context():  # this thread's own connection, closed when done
            rows = requests.search(f, self.app.today, order=order, descending=descending, limit=PAGE, offset=offset)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_rows, rows, worker)

    @work(thread=True, exclusive=True, group="total", exit_on_error=False)
    def load_total(self, f: requests.Filter) -> None:
        worker = get_current_worker()
        with database.connection_context():
            total = requests.count(f, self.app.today)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_status, total, worker)

    def show_rows(self, rows: list[requests.Summary], worker=None) -> None:
        if worker is not None and worker.is_cancelled:  # cancelled while the message was on its way
            return
        table = self.query_one(DataTable)
        table.clear()
        self.shown = {r.id: r for r in rows}
        if not rows:
            self.query_one("#peek", Static).update("")
        for r in rows:
            table.add_row(r.number, r.state_name, Text(str(r.due or "—"), style="bold red" if r.overdue else ""),
                          urgency(r), clip(r.applicant_name, WIDTHS[4]), clip(r.content, WIDTHS[5]), str(r.received),
                          r.applicant_type, key=str(r.id))

    def show_status(self, total: int, worker=None) -> None:
        if worker is not None and worker.is_cancelled:
            return
        self.total = total
        title = PRESETS[self.preset][0] if self.preset else "全部申请"
        sort_label = {k: v for k, v in reversed(COLUMNS)}[self.order]
        last = min(self.page_offset + PAGE, total)
        self.query_one("#status", Static).update(
            f"{title}：共 {total} 件，显示第 {self.page_offset + 1 if total else 0}–{last} 件"
            f" · 按{sort_label}{'降序' if self.descending else '升序'}")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.reload()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.reload()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_request(int(event.row_key.value))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        column = COLUMNS[event.column_index][0]
        self.descending = not self.descending if column == self.order else False
        self.order = column
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload(keep_offset=True)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        """Esc in a filter returns to the table with the filter kept; in the table it leaves."""
        if isinstance(self.focused, DataTable):
            self.app.pop_screen()
        else:
            self.query_one(DataTable).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def on_key(self, event) -> None:
        # Type to filter: a character typed while the table has focus goes to the search box.
        if isinstance(self.focused, DataTable) and event.is_printable and event.character \
                and event.character not in self.KEYS:
            search = self.query_one("#search", Input)
            search.focus()
            search.insert_text_at_cursor(event.character)
            event.stop()

    def action_export(self) -> None:
        title = PRESETS[self.preset][0] if self.preset else "申请清单"
        default = Path.home() / "gongkai" / f"{title}-{self.app.today}.xlsx"
        f = self.current_filter()

        def export(path: Path) -> None:
            self.export(f, path, title)

        self.app.push_screen(ExportDialog(title, self.total, default, export))

    @work(thread=True, exit_on_error=False)
    def export(self, f: requests.Filter, path: Path, title: str) -> None:
        # A list of 100,000 takes seconds: off the UI thread, told when done.
        today, user = self.app.today, self.app.user
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with database.connection_context():
                n = ledger.export(None, "xlsx", path, user, today, False, requests.where(f, today), title)
        except OSError as exc:
            self.app.call_from_thread(self.app.notify, f"无法保存到 {path}：{file_error(exc)}", title="导出失败",
                                      severity="error", timeout=10)
            return
        self.app.call_from_thread(self.app.notify, f"已导出 {n} 件：{path}", title="导出完成")

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self.reload()

    def action_cycle_sort(self) -> None:
        keys = list(dict.fromkeys(k for k, _ in COLUMNS))
        self.order = keys[(keys.index(self.order) + 1) % len(keys)]
        self.reload()

    def action_page(self, step: int) -> None:
        offset = self.page_offset + step * PAGE
        if 0 <= offset < max(self.total, 1):
            self.page_offset = offset
            self.reload(keep_offset=True)
