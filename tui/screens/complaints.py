"""举报投诉: the list (never showing who complained), intake, one complaint with its steps,
its letters, and — for the handling office alone, recorded in the audit chain — the complainant."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, OptionList, Select, SelectionList, \
    Static, TextArea
from textual.widgets.option_list import Option

from core import dates
from core.errors import InvalidInput, file_error
from core.organisation import agencies
from core.organisation.agencies import list_agencies
from core.oversight import complaints
from core.requests import letters
from core.store.db import database

from .. import background
from ..keys import either_case
from ..widgets.form_dialog import FormDialog
from .document import DocumentScreen
from .export import ExportDialog

STEP_KEYS = {"accept": "a", "investigate": "i", "supervise": "d", "reply": "y", "rectify": "z", "archive": "g"}


class ComplaintListScreen(Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    ComplaintListScreen #heading {
        padding: 0 1;
        text-style: bold;
    }
    ComplaintListScreen DataTable {
        height: 1fr;
    }
    ComplaintListScreen #empty {
        padding: 1 2;
    }
    """
    BINDINGS = either_case([Binding("escape", "app.pop_screen", "返回"), Binding("n", "new", "登记"),
                            Binding("o", "overdue", "只看逾期"), Binding("x", "export", "导出")])

    on_worker_state_changed = background.notify_failure

    def __init__(self, overdue: bool = False):
        super().__init__()
        self.overdue = overdue
        self.shown: list[complaints.ComplaintView] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="heading")
        yield DataTable(id="list", cursor_type="row", zebra_stripes=True)
        yield Static(id="empty", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        # 80 columns: the date received is in the detail (the list is newest first).
        self.query_one("#list", DataTable).add_columns("编号", "被举报单位", "状态", "答复期限", "结论")
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.shown = complaints.search(complaints.Filter(overdue=self.overdue), self.app.user, self.app.today)
        table = self.query_one("#list", DataTable)
        table.clear()
        short = {a.code: a.short_name for a in list_agencies()}
        for c in self.shown:
            late = "bold red" if c.overdue else ""
            table.add_row(c.number, Text(short.get(c.agency, c.agency_name)),
                          Text(c.state_name + ("（逾期）" if c.overdue else ""), style=late), str(c.due or "—"),
                          c.finding or "—", key=c.number)
        self.query_one("#heading", Static).update(
            f"举报投诉（{'逾期' if self.overdue else '全部'} {len(self.shown)} 件）　举报人信息不在清单中显示（举报调查制度第八条）")
        self.query_one("#empty", Static).update("" if self.shown else "没有举报投诉。按 N 登记一件。")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(ComplaintScreen(event.row_key.value))

    def action_overdue(self) -> None:
        self.overdue = not self.overdue
        self.reload()

    def action_new(self) -> None:
        def submit(intake: complaints.Intake) -> None:
            made = complaints.create(intake, self.app.user, self.app.today)
            self.app.notify(f"已登记举报投诉 {made.number}", title="登记")

        def check(intake: complaints.Intake) -> None:
            complaints.check_intake(intake, self.app.user, self.app.today)

        self.app.push_screen(ComplaintIntakeDialog(self.app.user.agency, self.app.today, submit, check),
                             lambda ok: self.reload() if ok else None)

    def action_export(self) -> None:
        default = Path.home() / "gongkai" / f"举报投诉登记-{self.app.today}.xlsx"
        f = complaints.Filter(overdue=self.overdue)
        note = ("举报人信息按规定部分隐去，被举报单位不显示举报人；需要完整信息的，由受理机关用命令 "
                "gongkai complaint export --reveal（记入审计）。")
        self.app.push_screen(ExportDialog("举报投诉登记", len(self.shown), default, lambda p: self.export(f, p),
                                          note=note))

    @work(thread=True, exit_on_error=False)
    def export(self, f: complaints.Filter, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with database.connection_context():
                count = complaints.export(f, path, "xlsx", self.app.user, self.app.today)
        except OSError as exc:
            self.app.call_from_thread(self.app.notify, f"无法保存到 {path}：{file_error(exc)}", severity="error")
            return
        self.app.call_from_thread(self.app.notify, f"已导出 {count} 件：{path}", title="导出")


class ComplaintIntakeDialog(FormDialog):
    DEFAULT_CSS = """
    ComplaintIntakeDialog #fields {
        max-height: 15;
    }
    ComplaintIntakeDialog #grounds {
        height: 6;
        border: none;
        padding: 0;
    }
    ComplaintIntakeDialog #content {
        height: 3;
    }
    """

    def __init__(self, own_agency: str, today, submit: Callable[[complaints.Intake], None],
                 check: Callable[[complaints.Intake], None]):
        super().__init__(submit, check)
        self.own_agency, self.today = own_agency, today

    def compose(self) -> ComposeResult:
        bodies = [(a.short_name, a.code) for a in list_agencies() if a.code != self.own_agency]
        with Vertical(id="dialog"):
            yield Label("登记举报投诉（由本机关受理）", id="title")
            with VerticalScroll(id="fields"):
                yield Label("被举报单位")
                yield Select(bodies, id="agency", prompt="请选择", compact=True)
                yield Label("收到日期")
                yield Input(str(self.today), id="received", compact=True)
                yield Label("举报方式")
                yield Select([(c, c) for c in complaints.CHANNELS], id="channel", prompt="请选择", compact=True)
                yield Label("举报事项（举报调查制度第三条；方向键移动，空格键勾选，可多选）")
                yield SelectionList(*((f"（{n}）{t}", n) for n, t in complaints.GROUNDS.items()), id="grounds")
                yield Label("举报内容（将转被举报单位核查，不得写入举报人信息）")
                yield TextArea(id="content", compact=True)
                yield Label("举报人姓名（不填为匿名）")
                yield Input(id="name", compact=True)
                yield Label("联系电话（可选）")
                yield Input(id="phone", compact=True)
                yield Label("电子邮箱（可选）")
                yield Input(id="email", compact=True)
                yield Label("通信地址（可选）")
                yield Input(id="address", compact=True)
            yield Static(id="error", classes="error")
            with Horizontal(id="buttons"):
                yield Button("确定 (Ctrl+S)", variant="primary", id="ok")
                yield Button("取消 (Esc)", id="cancel")

    def collect(self) -> complaints.Intake:
        agency = self.field("agency")
        if not agency:
            raise InvalidInput("agency", "请选择被举报单位")
        channel = self.field("channel")
        if not channel:
            raise InvalidInput("complaint_channel", f"请选择举报方式：{'、'.join(complaints.CHANNELS)}")
        grounds = complaints.parse_grounds(self.query_one("#grounds", SelectionList).selected)
        return complaints.Intake(agency, dates.parse(self.field("received") or "", "received"), channel, grounds,
                                 self.field("content") or "", self.field("name"), self.field("phone"),
                                 self.field("address"), self.field("email"))

    def confirmation(self, intake: complaints.Intake) -> str:
        who = "、".join(v for v in (intake.name, intake.phone, intake.email, intake.address) if v) or "匿名"
        return (f"将登记：{intake.received} 以{intake.channel}方式举报{agencies.name_of(intake.agency)}，"
                f"事项 {'、'.join(map(str, intake.grounds))}，举报人：{who}")

    def on_selection_list_selected_changed(self) -> None:
        self.on_input_changed()


class ComplaintScreen(Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    ComplaintScreen #main {
        height: 1fr;
        padding: 0 1;
    }
    ComplaintScreen .section {
        text-style: bold;
        margin-top: 1;
    }
    ComplaintScreen #steps {
        height: auto;
        max-height: 10;
    }
    ComplaintScreen #actions {
        height: auto;
        max-height: 3;
        overflow-x: auto;
    }
    ComplaintScreen #actions Button {
        min-width: 8;
        margin-right: 1;
    }
    """
    BINDINGS = either_case([Binding("escape", "app.pop_screen", "返回"), Binding("v", "reveal", "举报人"),
                            Binding("l", "letter", "文书")] +
                           [Binding(key, f"step('{step}')", complaints.STEPS[step]) for step, key in STEP_KEYS.items()])

    def __init__(self, number: str):
        super().__init__()
        self.number = number
        self.view: complaints.ComplaintView | None = None
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="main"):
            yield Static(id="summary")
            yield Static("办理记录", classes="section")
            yield DataTable(id="steps", cursor_type="row", show_cursor=False)
        yield Horizontal(id="actions")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#steps", DataTable).add_columns("#", "日期", "步骤", "人员", "说明")
        self.reload()

    def reload(self) -> None:
        self.view = v = complaints.view(self.number, self.app.user, self.app.today, reveal=self.revealed)
        info = Table.grid(padding=(0, 2))
        info.add_column(style="bold", no_wrap=True)
        info.add_column(overflow="fold")
        person = v.complainant
        who = complaints.HIDDEN if person is None else "　".join(
            x for x in (person.name, person.phone, person.email, person.address) if x)
        if person is not None and person.masked:
            who += "（按 V 查看完整信息，记入审计）"
        rows = [("编号", v.number), ("状态", v.state_name + ("（逾期）" if v.overdue else "")),
                ("被举报单位", v.agency_name), ("收到", f"{v.received}，{v.channel}"), ("举报事项", v.grounds_text()),
                ("内容", v.content), ("举报人", who),
                ("答复期限", f"{v.due or '—'}（受理 {v.accepted_on or '—'}，答复 {v.replied_on or '—'}）")]
        if v.finding:
            rows.append(("调查结论", v.finding))
        if v.follow_up:
            rows.append(("整改要求", f"{v.follow_up}（{v.follow_up_due} 前；落实 {v.rectified_on or '未登记'}）"))
        for label, value in rows:
            info.add_row(label, Text(value, style="bold red" if label == "状态" and v.overdue else ""))
        self.query_one("#summary", Static).update(info)
        steps = self.query_one("#steps", DataTable)
        steps.clear()
        for s in v.steps:
            steps.add_row(str(s.seq), str(s.date), complaints.STEPS[s.kind], s.login, Text(s.note or ""))
        bar = self.query_one("#actions", Horizontal)
        bar.remove_children()
        bar.mount_all([Button(f"{complaints.STEPS[k]} ({STEP_KEYS[k].upper()})", name=k) for k in self.offered()])
        self.refresh_bindings()

    def handles(self) -> bool:
        return self.view is not None and self.view.complainant is not None

    def offered(self) -> tuple[str, ...]:
        if not self.handles():
            return ()
        steps = complaints.ALLOWED[self.view.state]
        if not self.view.founded or self.view.rectified_on:
            steps = tuple(s for s in steps if s != "rectify")
        return steps

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "step":
            return parameters[0] in self.offered()
        if action in ("reveal", "letter"):
            return self.handles()
        return True

    def action_step(self, step: str) -> None:
        if step not in self.offered():
            return

        def submit(values: dict) -> None:
            complaints.act(self.number, step, self.app.user, self.app.today, version=self.view.version, **values)

        def check(values: dict) -> None:
            complaints.check_step(self.number, step, self.app.user, self.app.today, version=self.view.version,
                                  **values)

        def done(ok: bool | None) -> None:
            if ok:
                self.app.notify(f"已{complaints.STEPS[step]}", title=self.number)
            self.reload()

        self.app.push_screen(ComplaintStepDialog(step, self.app.today, submit, check), done)

    def action_reveal(self) -> None:
        if self.handles():
            self.revealed = True
            self.reload()
            self.app.notify("已显示完整的举报人信息，本次查看已记入审计链", title="举报人信息")

    def action_letter(self) -> None:
        if not self.handles():
            return

        def chosen(kind: str | None) -> None:
            if kind:
                self.app.push_screen(DocumentScreen(
                    lambda: complaints.letter(self.number, kind, self.app.user, self.app.today),
                    lambda doc: f"{doc.title}-{self.number}.docx"))

        self.app.push_screen(LetterChoice(), chosen)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.name in STEP_KEYS:
            self.action_step(event.button.name)


class LetterChoice(ModalScreen):
    DEFAULT_CSS = """
    LetterChoice { align: center middle; }
    LetterChoice OptionList { width: 50; height: auto; border: thick $primary; }
    """
    BINDINGS = [Binding("escape", "dismiss", "取消")]
    TO = {"举报受理": "致举报人", "举报督办": "致被举报单位", "举报答复": "致举报人", "整改通知": "致被举报单位"}

    def compose(self) -> ComposeResult:
        yield OptionList(*(Option(f"{kind}（{self.TO[kind]}）", id=kind) for kind in letters.COMPLAINT_KINDS))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


NEEDS = {"accept": (), "investigate": ("note",), "supervise": ("note",), "reply": ("finding", "follow_up", "note?"),
         "rectify": ("note",), "archive": ()}
NOTE_LABELS = {"investigate": "调查情况", "supervise": "督办事项", "reply": "答复说明（可选）", "rectify": "整改落实情况"}


class ComplaintStepDialog(FormDialog):
    DEFAULT_CSS = """
    ComplaintStepDialog TextArea {
        height: 3;
    }
    """

    def __init__(self, step: str, today, submit: Callable[[dict], None], check: Callable[[dict], None]):
        super().__init__(submit, check)
        self.step, self.today = step, today

    def compose(self) -> ComposeResult:
        needs = NEEDS[self.step]
        with Vertical(id="dialog"):
            yield Label(complaints.STEPS[self.step], id="title")
            with VerticalScroll(id="fields"):
                yield Label("日期")
                yield Input(str(self.today), id="date", compact=True)
                if "finding" in needs:
                    yield Label("调查结论")
                    yield Select([(f, f) for f in complaints.FINDINGS], id="finding", prompt="请选择", compact=True)
                if "follow_up" in needs:
                    yield Label("整改要求（举报成立或部分成立时填写）")
                    yield TextArea(id="follow_up", compact=True)
                    yield Label("整改期限（YYYY-MM-DD）")
                    yield Input(id="follow_up_due", compact=True)
                if any(n.startswith("note") for n in needs):
                    yield Label(NOTE_LABELS[self.step])
                    yield TextArea(id="note", compact=True)
            yield Static(id="error", classes="error")
            with Horizontal(id="buttons"):
                yield Button("确定 (Ctrl+S)", variant="primary", id="ok")
                yield Button("取消 (Esc)", id="cancel")

    def collect(self) -> dict:
        values = {"date": dates.parse(self.field("date") or "", "date"), "note": self.field("note")}
        if self.step == "reply":
            due = self.field("follow_up_due")
            values.update(finding=self.field("finding"), follow_up=self.field("follow_up"),
                          follow_up_due=dates.parse(due, "follow_up_due") if due else None)
        return values

    def confirmation(self, values: dict) -> str:
        text = f"将记录：{complaints.STEPS[self.step]}，日期 {values['date']}"
        if values.get("finding"):
            text += f"，结论：{values['finding']}"
        return text
