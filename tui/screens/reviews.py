"""待我审查: the reviews waiting for one of the acting officer's roles (A shows every review)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from core.review import store as reviews

from ..keys import either_case

KIND_NAMES = {"catalogue": "主动公开目录", "gazette": "政府公报", "reply": "依申请答复"}


class ReviewQueueScreen(Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    ReviewQueueScreen #heading {
        text-style: bold;
        padding: 0 1;
    }
    ReviewQueueScreen #queue {
        height: 1fr;
    }
    ReviewQueueScreen #hint {
        padding: 0 1;
    }
    """
    BINDINGS = either_case([Binding("escape", "app.pop_screen", "返回"), Binding("a", "toggle_all", "全部/待我审查")])

    def __init__(self):
        super().__init__()
        self.show_all = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="heading")
        yield DataTable(id="queue", cursor_type="row", zebra_stripes=True)
        yield Static("回车打开审查；A 在“待我审查”和“全部审查”之间切换。", classes="muted", id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#queue", DataTable).add_columns("编号", "类别", "对象", "信息名称", "状态")
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        rows = reviews.all_reviews() if self.show_all else reviews.queue(self.app.user, self.app.scope_agency)
        table = self.query_one("#queue", DataTable)
        table.clear()
        for r in rows:
            state = Text(f"已退回：{r.return_reason}", style="bold yellow") if r.returned_to else r.state_name
            table.add_row(str(r.id), KIND_NAMES[r.subject_kind], Text(r.subject_ref), Text(r.title), state,
                          key=str(r.id))
        self.query_one("#heading", Static).update(
            f"{'全部保密审查' if self.show_all else '待我审查'}（{len(rows)} 项）")
        table.focus()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.reload()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_review(int(event.row_key.value))
