"""申请详情: every field, the deadline and why, the timeline, and the actions
the current state allows (each a key and a button)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from core.calendar import regimes
from core.errors import ConcurrentEdit, GongkaiError
from core.organisation import users
from core.requests import letters, lifecycle, outcomes
from core.requests import service as requests
from core.requests.lifecycle import Params
from core.review import rules as review
from core.review import store as reviews

from .. import background
from ..keys import either_case
from .action import ActionDialog
from .document import DocumentScreen

ACTION_KEYS = {"accept": "a", "decline": "g", "correct": "b", "corrected": "f", "withdraw": "w", "consult": "c",
               "consulted": "e", "extend": "y", "suspend": "z", "resume": "h", "fee": "s", "paid": "p",
               "waive": "m", "decide": "d", "reply": "r", "close": "x", "amend": "u"}


class RequestDetailScreen(background.Live, Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    RequestDetailScreen #main {
        height: 1fr;
        padding: 0 1;
    }
    RequestDetailScreen #deadline {
        margin: 1 0;
    }
    RequestDetailScreen .section {
        text-style: bold;
    }
    RequestDetailScreen #events {
        height: auto;
        max-height: 12;
    }
    RequestDetailScreen #message {
        height: auto;
        padding: 0 1;
    }
    RequestDetailScreen #actions {
        height: auto;
        max-height: 3;
        overflow-x: auto;
    }
    RequestDetailScreen #actions Button {
        min-width: 10;
        margin-right: 1;
    }
    """
    BINDINGS = either_case([Binding("escape", "app.pop_screen", "返回"), Binding("l", "letter", "告知书"),
                Binding("v", "review", "保密审查")] + [
        # The buttons show the actions' keys; the footer keeps room for the rest at 80 columns.
        Binding(key, f"act('{action}')", lifecycle.ACTION_NAMES[action], show=False)
        for action, key in ACTION_KEYS.items()])

    on_worker_state_changed = background.notify_failure

    def __init__(self, request_id: int):
        super().__init__()
        self.request_id = request_id
        self.view: requests.RequestView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="main"):
            yield Static(id="summary")
            yield Static(id="deadline")
            yield Static("办理记录", classes="section")
            yield DataTable(id="events", cursor_type="row", show_cursor=False)
        yield Static(id="message")
        yield Horizontal(id="actions")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#events", DataTable).add_columns("#", "日期", "操作", "办理人", "说明")
        self.query_one("#events", DataTable).cursor_type = "row"
        self.reload()
        requests.record_personal_data_read(self.view, self.app.user, "申请详情")
        self.start_polling()

    def changed_elsewhere(self) -> None:
        before = self.view.version
        self.reload()
        if self.view.version != before:
            self.query_one("#message", Static).update(Text("他人刚办理了这件申请，已显示最新内容", style="bold yellow"))

    def reload(self) -> None:
        self.view = v = requests.get(self.request_id, self.app.today, self.app.user)
        info = Table.grid(padding=(0, 2))
        info.add_column(style="bold", no_wrap=True)
        info.add_column(overflow="fold")  # Chinese has no spaces to wrap at: fold by cell width
        for label, value in (
                ("编号", f"{v.number}　{v.state_name}"), ("受理机关", v.agency_name),
                ("期限制度", regimes.load().get(v.regime).name), ("收到日期", f"{v.received}（{v.channel}）"),
                ("申请人", f"{v.applicant_name}（{v.applicant_type}）"), ("证件号码", v.applicant_id or "—"),
                ("联系电话", v.applicant_phone or "—"), ("通信地址", v.applicant_address or "—"),
                ("电子邮箱", v.applicant_email or "—"), ("所需信息", v.content), ("获取方式", v.form_wanted or "—"),
                ("承办人", f"{v.handler_name}（{v.handler}）" if v.handler else "—"), ("办理结果", v.outcome_text or "—")):
            info.add_row(label, value)
        self.query_one("#summary", Static).update(info)
        d = v.deadline
        lines = Text()
        if d.final_due:
            left = "" if d.days_left is None else (
                f"剩余 {d.days_left} 个工作日" if d.days_left >= 0 else f"已逾期 {-d.days_left} 个工作日")
            if d.closed_on:
                left = f"已于 {d.closed_on} {'答复' if v.replied_on else '办结'}，{'逾期' if d.overdue else '未逾期'}"
            lines.append(f"答复期限：{d.final_due}　{left}\n", style="bold red" if d.overdue else "bold")
        lines.append(f"期限说明：{d.explanation}\n")
        if d.provisional:
            lines.append(f"⚠ 暂估：{d.provisional_reason}，按周末双休计算，录入后自动更正\n", style="yellow")
        self.query_one("#deadline", Static).update(lines)
        events = self.query_one("#events", DataTable)
        events.clear()
        names = {u.login: u.name for u in users.list_users()}
        for e in v.events:
            note = "；".join(str(e.data[k]) for k in ("reason", "redirect_to", "letter") if e.data.get(k))
            if e.action == "amend":
                note = f"第{e.data['event']}条日期 {e.data['from']} 更正为 {e.data['to']}；{note}"
            events.add_row(str(e.seq), str(e.date), e.action_name, names.get(e.actor, e.actor), note)
        bar = self.query_one("#actions", Horizontal)
        bar.remove_children()
        # Buttons carry the action in `name`: ids would clash while the old row is still being removed.
        bar.mount_all([Button(f"{lifecycle.ACTION_NAMES[a]} ({ACTION_KEYS[a].upper()})", name=a)
                       for a in v.allowed_actions])
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "act" and self.view is not None:
            return parameters[0] in self.view.allowed_actions
        if action == "review":
            return self.view is not None and self.view.outcome in outcomes.DISCLOSING
        return True

    def action_review(self) -> None:
        """The reply's 保密审查: opened here the first time, shown after that."""
        v = self.view
        existing = reviews.for_subject("reply", v.number)
        try:
            if existing is None or existing.state == review.REFUSED:
                existing = reviews.create("reply", v.number, self.app.user, self.app.today)
        except GongkaiError as exc:
            self.query_one("#message", Static).update(Text(exc.message, style="bold red"))
            return
        self.app.open_review(existing.id)

    def commands(self):
        from textual.app import SystemCommand

        if self.view is None:
            return
        for action in self.view.allowed_actions:
            yield SystemCommand(f"{lifecycle.ACTION_NAMES[action]}（{self.view.number}）", "对当前申请执行",
                                lambda action=action: self.action_act(action))

    def action_act(self, action: str) -> None:
        v = self.view
        if action not in v.allowed_actions:
            return

        def run(params: Params, dry_run: bool):
            try:
                # The version the officer is looking at: acting on a request someone else just changed is refused.
                return requests.act(self.request_id, action, params, self.app.user, self.app.today,
                             expected_version=self.view.version, dry_run=dry_run)
            except ConcurrentEdit:
                self.reload()
                raise GongkaiError("该申请刚被他人修改，页面已重新载入最新内容；请核对后再按 Ctrl+S 确认") from None

        def submit(params: Params) -> None:
            run(params, dry_run=False)

        def check(params: Params):
            return run(params, dry_run=True)

        def done(ok: bool | None) -> None:
            if ok:
                self.query_one("#message", Static).update(f"已记录：{lifecycle.ACTION_NAMES[action]}")
            self.reload()

        # Every action asks for its date (under yuxi the clock starts at 受理) and a confirmation.
        self.app.push_screen(ActionDialog(action, regimes.load().get(v.regime), self.app.today, submit, check), done)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.name in ACTION_KEYS:
            self.action_act(event.button.name)

    def action_letter(self) -> None:
        view = self.view
        self.app.push_screen(DocumentScreen(lambda: letters.compose(view, None, self.app.today),
                                            lambda letter: f"{view.number}-{letter.kind}.docx"))
