"""A modal form: fields read by id, Ctrl+S or 确定 asks to confirm what will be
recorded, a second Ctrl+S records it; a refusal is shown in the dialog (field
named) and the dialog stays open with what was typed. What it records goes
into the audit chain, so nothing is written on a single key."""

from __future__ import annotations

from typing import Any, Callable

from rich.text import Text
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Select, Static, TextArea

from core.errors import GongkaiError


class FormDialog(ModalScreen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    FormDialog {
        align: center middle;
    }
    FormDialog #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FormDialog #title {
        text-style: bold;
        margin-bottom: 1;
    }
    FormDialog #fields {
        height: auto;
        max-height: 16;
    }
    FormDialog #items {
        height: 5;
    }
    FormDialog #outcome {
        height: 10;
    }
    FormDialog #buttons {
        height: 3;
        align-horizontal: right;
    }
    """
    BINDINGS = [Binding("escape", "dismiss", "取消"), Binding("ctrl+s", "submit", "确定")]

    def __init__(self, submit: Callable[[Any], None], check: Callable[[Any], None] | None = None):
        super().__init__()
        self.submit_to = submit
        self.check = check  # the rules, tried without writing, so a refusal comes before the confirmation
        self.confirming: Any = None  # the values shown for confirmation, until a field changes
        self.consequence: Any = None  # what the check said would follow (an action's new deadline)

    def on_mount(self) -> None:
        fields = self.query("Input, Select, TextArea, OptionList")
        if fields:
            fields.first().focus()

    def confirmation(self, values: Any) -> str:
        """What the officer is asked to confirm before it is recorded."""
        return "请核对以上内容"

    def collect(self) -> Any:
        """The form's values as the submit function takes them (raises GongkaiError on bad input)."""
        raise NotImplementedError

    def field(self, widget_id: str) -> str | None:
        found = self.query(f"#{widget_id}")
        if not found:
            return None
        widget = found.first()
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else str(widget.value)
        return widget.value.strip() or None

    def action_submit(self) -> None:
        message = self.query_one("#error", Static)
        try:
            values = self.collect()
            if values != self.confirming:
                self.consequence = self.check(values) if self.check is not None else None
                self.confirming = values
                message.update(Text(f"{self.confirmation(values)}。记录后不可修改，只能另行登记更正。"
                                    "再按 Ctrl+S（或“确认记录”）记录，Esc 取消。", style="bold"))
                self.query_one("#ok", Button).label = "确认记录 (Ctrl+S)"
                return
            self.submit_to(values)
        except GongkaiError as exc:
            self._unconfirm()
            message.update(Text(exc.message, style="bold red"))
            return
        self.dismiss(True)

    def _unconfirm(self) -> None:
        self.confirming = None
        self.query_one("#ok", Button).label = "确定 (Ctrl+S)"

    def on_input_changed(self) -> None:
        if self.confirming is not None:
            self._unconfirm()
            self.query_one("#error", Static).update("")

    on_select_changed = on_text_area_changed = on_input_changed

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_submit()
        elif event.button.id == "cancel":
            self.dismiss(False)
