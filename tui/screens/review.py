"""One 保密审查: what is reviewed, the text itself, every step so far, and the
steps the acting officer may take (sign, return, escalate, record the answer)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from core.errors import GongkaiError
from core.review import forms as review_forms
from core.review import rules as review
from core.review import store as reviews

from ..keys import either_case
from .document import DocumentScreen
from .review_step import ReviewStepDialog
from .reviews import KIND_NAMES

STEP_KEYS = {"sign": "s", "return": "r", "escalate": "e", "answer": "a"}


class ReviewScreen(Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    ReviewScreen #main {
        height: 1fr;
        padding: 0 1;
    }
    ReviewScreen #text {
        margin: 1 0;
    }
    ReviewScreen .section {
        text-style: bold;
    }
    ReviewScreen #steps {
        height: auto;
        max-height: 12;
    }
    ReviewScreen #message {
        height: auto;
        padding: 0 1;
    }
    ReviewScreen #actions {
        height: auto;
        max-height: 3;
        overflow-x: auto;
    }
    ReviewScreen #actions Button {
        min-width: 10;
        margin-right: 1;
    }
    """
    BINDINGS = either_case([Binding("escape", "app.pop_screen", "返回"), Binding("f", "sheet", "审查表"),
                Binding("g", "letter", "送审函")] + [
        Binding(key, f"step('{step}')", review.STEP_NAMES[step]) for step, key in STEP_KEYS.items()])

    def __init__(self, review_id: int):
        super().__init__()
        self.review_id = review_id
        self.view: reviews.ReviewView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="main"):
            yield Static(id="summary")
            yield Static("审查内容", classes="section")
            yield Static(id="text")
            yield Static("审查记录", classes="section")
            yield DataTable(id="steps", cursor_type="row", show_cursor=False)
        yield Static(id="message")
        yield Horizontal(id="actions")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#steps", DataTable).add_columns("#", "时间", "环节", "人员", "操作", "判断", "意见")
        self.reload()

    def reload(self) -> None:
        self.view = v = reviews.view(self.review_id)
        row = reviews.row_of(self.review_id)
        info = Table.grid(padding=(0, 2))
        info.add_column(style="bold")
        info.add_column()
        for label, value in (("审查编号", str(v.id)), ("信息名称", v.title),
                             ("审查对象", f"{KIND_NAMES[v.subject_kind]} {v.subject_ref}"),
                             ("信息来源", row.source or "—"), ("拟公开形式", row.form or "—"),
                             ("公开范围", row.scope or "—"),
                             ("状态", v.state_name + (f"（送审函 {v.letter_no}）" if v.letter_no else ""))):
            info.add_row(label, Text(value))
        self.query_one("#summary", Static).update(info)
        try:
            text = reviews.subject(v.subject_kind, v.subject_ref, self.app.today).text
        except GongkaiError as exc:
            text = f"（无法读取：{exc.message}）"
        self.query_one("#text", Static).update(Text(text))
        steps = self.query_one("#steps", DataTable)
        steps.clear()
        for s in v.steps:
            steps.add_row(str(s["seq"]), s["at"].strftime("%Y-%m-%d %H:%M"), s["role"] or "—", s["login"],
                          review.STEP_NAMES[s["kind"]], s["judgement"] or "", Text(s["opinion"] or ""))
        bar = self.query_one("#actions", Horizontal)
        bar.remove_children()
        bar.mount_all([Button(f"{review.STEP_NAMES[step]} ({STEP_KEYS[step].upper()})", name=step)
                       for step in self.offered()])
        self.refresh_bindings()

    def offered(self) -> tuple[str, ...]:
        return review.offered(self.view.state, self.app.user) if self.view else ()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "step":
            return parameters[0] in self.offered()
        if action == "letter":
            return bool(self.view and self.view.letter_no)
        return True

    def action_step(self, step: str) -> None:
        if step not in self.offered():
            return
        drafter = step == "sign" and self.view.state == review.DRAFTING

        def submit(values: dict) -> None:
            reviews.act(self.review_id, step, self.app.user, self.app.today, **values)

        def done(ok: bool | None) -> None:
            if ok:
                self.query_one("#message", Static).update(f"{review.STEP_NAMES[step]}完成")
            self.reload()

        self.app.push_screen(ReviewStepDialog(step, drafter, submit), done)

    def action_sheet(self) -> None:
        self.app.push_screen(DocumentScreen(lambda: review_forms.sheet(self.review_id),
                                            lambda _: f"保密审查表-{self.review_id}.docx"))

    def action_letter(self) -> None:
        self.app.push_screen(DocumentScreen(lambda: review_forms.escalation_letter(self.review_id),
                                            lambda _: f"保密审查送审函-{self.review_id}.docx"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.name in STEP_KEYS:
            self.action_step(event.button.name)
