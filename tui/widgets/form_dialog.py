"""A modal form: fields read by id, Ctrl+S or 确定 submits, a refusal is shown
in the dialog (field named) and the dialog stays open with what was typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Select, Static, TextArea

from core.errors import GongkaiError


class FormDialog(ModalScreen):
    # Absolute: Textual resolves a relative path beside each subclass's own module.
    CSS_PATH = Path(__file__).with_name("form_dialog.tcss")
    BINDINGS = [Binding("escape", "dismiss", "取消"), Binding("ctrl+s", "submit", "确定")]

    def __init__(self, submit: Callable[[Any], None]):
        super().__init__()
        self.submit_to = submit

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
        try:
            self.submit_to(self.collect())
        except GongkaiError as exc:
            self.query_one("#error", Static).update(exc.message)
            return
        self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_submit()
        elif event.button.id == "cancel":
            self.dismiss(False)
