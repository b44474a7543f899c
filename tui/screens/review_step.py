"""The dialog for one review step: it asks only what that step needs."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from core.errors import GongkaiError
from core.review import rules as review

from ..widgets.form_dialog import FormDialog

DECISIONS = (("同意公开（不涉密）", "approve"), ("不予公开（涉密）", "refuse"))


class ReviewStepDialog(FormDialog):
    def __init__(self, step: str, drafter: bool, submit: Callable[[dict], None]):
        super().__init__(submit)
        self.step = step
        self.drafter = drafter  # the 承办人's signature carries the judgement

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(review.STEP_NAMES[self.step], id="title")
            if self.drafter:
                yield Label("判断")
                # 不确定 is not signed: such an item is sent to the secrecy bureau instead.
                yield Select([(j, j) for j in review.JUDGEMENTS if j != "不确定"], id="judgement",
                             prompt="请选择")
            if self.step == "escalate":
                yield Label("送审函编号")
                yield Input(id="letter_no")
            if self.step == "answer":
                yield Label("保密部门的结论")
                yield Select(DECISIONS, id="decision", prompt="请选择")
            yield Label({"sign": "意见", "return": "退回理由", "escalate": "送审说明（可选）",
                         "answer": "保密部门的审查意见"}[self.step])
            yield Input(id="opinion")
            yield Static(id="error", classes="error")
            with Horizontal(id="buttons"):
                yield Button("确定 (Ctrl+S)", variant="primary", id="ok")
                yield Button("取消 (Esc)", id="cancel")

    def collect(self) -> dict:
        values = {"opinion": self.field("opinion")}
        if self.drafter:
            values["judgement"] = self.field("judgement")
        if self.step == "escalate":
            values["letter_no"] = self.field("letter_no")
        if self.step == "answer":
            decision = self.field("decision")
            if decision is None:
                raise GongkaiError("请选择保密部门的结论", "approve")
            values["approve"] = decision == "approve"
        return values
