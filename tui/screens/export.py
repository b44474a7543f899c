"""Save a list or a document where the officer says: the ledger as filtered (names and ID numbers
masked), the scorecard, a 通报 draft."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from core.errors import InvalidInput

from ..widgets.form_dialog import FormDialog


LEDGER_NOTE = ("申请人姓名和证件号码按规定遮蔽；需要完整信息的，请用命令 gongkai export ledger "
               "--with-personal-data（记入审计）。")
KINDS = {".xlsx": "Excel", ".docx": "Word"}


class ExportDialog(FormDialog):
    def __init__(self, title: str, total: int, default: Path, submit: Callable[[Path], None], *,
                 note: str = LEDGER_NOTE, unit: str = "件"):
        super().__init__(submit)
        self.title_text, self.total, self.default = title, total, default
        self.note, self.unit = note, unit
        self.suffix = default.suffix.lower()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"导出 {KINDS[self.suffix]}：{self.title_text}（共 {self.total} {self.unit}）", id="title")
            yield Label("保存到")
            yield Input(str(self.default), id="path")
            yield Static(self.note, classes="muted")
            yield Static(id="error", classes="error")
            with Horizontal(id="buttons"):
                yield Button("确定 (Ctrl+S)", variant="primary", id="ok")
                yield Button("取消 (Esc)", id="cancel")

    def confirmation(self, path: Path) -> str:
        return f"将导出 {self.total} {self.unit}到 {path}"

    def collect(self) -> Path:
        raw = self.field("path")
        if not raw:
            raise InvalidInput("out", "请填写保存位置")
        path = Path(raw).expanduser()
        if path.suffix.lower() != self.suffix:
            raise InvalidInput("out", f"文件名应以 {self.suffix} 结尾")
        return path
