"""工作台: what is due, what is late, what needs me."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from core.oversight import complaints, timeliness
from core.publish import catalogue
from core.requests import dashboard
from core.review import store as reviews
from core.store.db import database

from .. import background
from ..keys import either_case

# (preset name used by the list screen, label, key)
CARDS = (
    ("due_today", "今日到期", "1"),
    ("due_soon", "3个工作日内到期", "2"),
    ("overdue", "已逾期", "3"),
    ("awaiting_correction", "待补正", "4"),
    ("paused", "暂停计时", "5"),
    ("open", "全部在办", "6"),
    ("awaiting_acceptance", "待受理", "8"),
    ("ready_to_send", "待送达", "9"),
)


class DashboardScreen(background.Live, Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    DashboardScreen #body {
        padding: 1 2;
    }
    DashboardScreen #milestone {
        margin-bottom: 1;
        text-style: bold;
    }
    DashboardScreen #cards {
        grid-size: 3;
        grid-gutter: 1 2;
        height: auto;
    }
    DashboardScreen .card {
        width: 100%;
        height: 3;
    }
    DashboardScreen .overdue {
        background: $error-darken-2;
    }
    DashboardScreen .due_today, DashboardScreen .due_soon {
        background: $warning-darken-3;
    }
    DashboardScreen #oversight {
        margin-top: 1;
    }
    DashboardScreen #hint {
        margin-top: 1;
    }
    """
    BINDINGS = either_case([Binding(key, f"open('{preset}')", label, show=False) for preset, label, key in CARDS] + [
        Binding("n", "app.new_request", "登记申请"),
        Binding("l", "app.request_list", "申请列表"),
        Binding("r", "refresh_counts", "刷新"),
        Binding("7", "app.review_queue", "待我审查", show=False),
        Binding("p", "app.proactive", "主动公开", show=False),
        Binding("c", "app.complaints", "举报投诉", show=False),
        Binding("k", "app.scorecard", "考核", show=False),
    ])

    on_worker_state_changed = background.notify_failure

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Static(id="milestone")
            with Grid(id="cards"):
                for preset, label, key in CARDS:
                    yield Button(f"{key} · {label}  —", id=f"card-{preset}", classes=f"card {preset}")
                    if preset == "open":  # 7 sits between the clocks and the queues
                        yield Button("7 · 待我审查  —", id="card-reviews", classes="card reviews")
            yield Static(id="oversight")
            yield Static("数字键打开对应清单（7 为待我审查的保密审查），N 登记申请，L 申请列表，P 主动公开时限，"
                         "C 举报投诉，K 考核，Ctrl+P 查找申请或命令，? 帮助。", classes="muted", id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_counts()
        self.start_polling()

    def changed_elsewhere(self) -> None:
        self.refresh_counts()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        self.load_counts(self.app.today, self.app.scope_agency, self.app.user)

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def load_counts(self, today, scope, user) -> None:
        with database.connection_context():  # this thread's own connection, closed when done
            counts = dashboard.counts(today, scope)
            nxt = dashboard.next_milestone(today, user.agency)
            waiting = reviews.queue(user, scope)
            oversight = self.oversight(today, scope, user)
        self.app.call_from_thread(self.show_counts, counts, nxt, waiting)
        self.app.call_from_thread(self.query_one("#oversight", Static).update, oversight)

    @staticmethod
    def oversight(today, scope, user) -> Text:
        owed = timeliness.failures([e for e in catalogue.load_all() if scope is None or e.agency == scope], today)
        unpublished = sum(o.status == timeliness.OVERDUE for o in owed)
        open_ = [c for c in complaints.search(complaints.Filter(), user, today) if c.state != complaints.ARCHIVED]
        late = sum(c.overdue for c in open_)
        text = Text("P · 主动公开：")
        text.append(f"逾期未发布或更新 {unpublished} 项", style="bold red" if unpublished else "")
        text.append(f"，逾期完成 {len(owed) - unpublished} 项　C · 举报投诉：在办 {len(open_)} 件")
        if late:
            text.append(f"，逾期 {late} 件", style="bold red")
        return text

    def show_counts(self, counts: dashboard.Counts, nxt: dashboard.NextMilestone | None,
                    waiting: list[reviews.ReviewView]) -> None:
        for preset, label, key in CARDS:
            button = self.query_one(f"#card-{preset}", Button)
            button.label = f"{key} · {label}  {getattr(counts, preset)}"
        returned = sum(1 for r in waiting if r.returned_to)
        self.query_one("#card-reviews", Button).label = f"7 · 待我审查  {len(waiting)}" + (
            f"（退回 {returned}）" if returned else "")
        self.query_one("#milestone", Static).update(
            f"{nxt.report_year}年度报告下一节点：{nxt.date}（还有 {nxt.days_left} 天）\n{nxt.who}：{nxt.what}"
            if nxt else "年度报告：本年度节点均已过")

    def action_refresh_counts(self) -> None:
        self.refresh_counts()

    def action_open(self, preset: str) -> None:
        self.app.action_request_list(preset)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "card-reviews":
            self.app.action_review_queue()
        else:
            self.action_open(event.button.id.removeprefix("card-"))
