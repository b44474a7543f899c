"""告知书 preview and saving it as a Word file."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from core import letters
from core.errors import GongkaiError


class LetterScreen(ModalScreen):
    BINDINGS = [Binding("escape", "dismiss", "关闭"), Binding("ctrl+s", "save", "保存 Word")]
    DEFAULT_CSS = """
    LetterScreen { align: center middle; }
    LetterScreen > Vertical { width: 90%; height: 90%; border: thick $primary; background: $surface; }
    LetterScreen VerticalScroll { height: 1fr; padding: 0 1; }
    LetterScreen Horizontal { height: 3; }
    LetterScreen Input { width: 1fr; }
    """

    def __init__(self, view):
        super().__init__()
        self.view = view
        self.letter = None

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
            self.letter = letters.compose(self.view, None, self.app.today)
        except GongkaiError as exc:
            self.query_one("#text", Static).update(exc.message)
            self.query_one("#save", Button).disabled = True
            return
        self.query_one("#text", Static).update(self.letter.as_text())
        default = Path.home() / "gongkai" / f"{self.view.number}-{self.letter.kind}.docx"
        self.query_one("#path", Input).value = str(default)

    def action_save(self) -> None:
        if self.letter is not None:
            self.query_one("#status", Static).update("正在保存…")
            self.save(Path(self.query_one("#path", Input).value).expanduser())

    @work(thread=True)
    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.letter.save_docx(path)
        self.app.call_from_thread(self.query_one("#status", Static).update, f"已保存：{path}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save()
