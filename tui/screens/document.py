"""Preview of a letter or form (告知书, 答复书, 审查表, 送审函) and saving it as a Word file."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from core.errors import GongkaiError, file_error

from .. import background


class DocumentScreen(ModalScreen):
    """`make` builds the document (anything with title, as_text and save_docx); `name` its file name."""

    BINDINGS = [Binding("escape", "dismiss", "关闭"), Binding("ctrl+s", "save", "保存 Word")]
    DEFAULT_CSS = """
    DocumentScreen { align: center middle; }
    DocumentScreen > Vertical { width: 90%; height: 90%; border: thick $primary; background: $surface; }
    DocumentScreen VerticalScroll { height: 1fr; padding: 0 1; }
    DocumentScreen Horizontal { height: 3; }
    DocumentScreen Input { width: 1fr; }
    """

    on_worker_state_changed = background.notify_failure

    def __init__(self, make: Callable[[], object], name: Callable[[object], str]):
        super().__init__()
        self.make = make
        self.file_name = name
        self.document = None

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static(id="text")
            yield Static(id="status", classes="muted")
            with Horizontal():
                yield Input(id="path")
                yield Button("保存 Word (Ctrl+S)", id="save", variant="primary")

    def on_mount(self) -> None:
        try:
            self.document = self.make()
        except GongkaiError as exc:
            self.query_one("#text", Static).update(Text(exc.message))
            self.query_one("#save", Button).disabled = True
            return
        # Text, not markup: a document's brackets are its own.
        self.query_one("#text", Static).update(Text(self.document.as_text()))
        self.query_one("#path", Input).value = str(Path.home() / "gongkai" / self.file_name(self.document))

    def action_save(self) -> None:
        if self.document is not None:
            self.query_one("#status", Static).update("正在保存…")
            self.save(Path(self.query_one("#path", Input).value).expanduser())

    @work(thread=True, exit_on_error=False)
    def save(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.document.save_docx(path)
        except OSError as exc:
            message = Text(f"无法保存到 {path}：{file_error(exc)}。请换一个位置后再按 Ctrl+S。", style="bold red")
        else:
            message = Text(f"已保存：{path}")
        self.app.call_from_thread(self.query_one("#status", Static).update, message)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save()
