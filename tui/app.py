"""The Textual application and its launcher."""

from __future__ import annotations

import gc
import sys
import termios
from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from core import dates
from core.errors import GongkaiError
from core.organisation.roles import ADMIN, UserInfo
from core.session import start
from core.store.db import close_database

from . import preferences, textual_chinese  # noqa: F401  (Chinese labels for Textual's own widgets)
from .screens.dashboard import DashboardScreen
from .screens.help import HelpScreen
from .widgets.palette import Palette, RequestFinder


class GongkaiApp(App):
    TITLE = "政务公开工作台"
    # App-wide on purpose: the look every screen shares (errors in red, muted hints).
    CSS = """
    Screen { background: $surface; }
    .error { color: $error; height: auto; }
    .muted { color: $text-muted; }
    """
    # The function keys work everywhere but stay out of the footer, which at 80 columns
    # has room only for the current screen's own keys; ? and Ctrl+P list them all.
    BINDINGS = [
        Binding("ctrl+q", "quit", "退出", priority=True),
        Binding("question_mark", "help", "帮助"),
        Binding("ctrl+p", "command_palette", "命令", priority=True, show=False),  # docked at the footer's right
        Binding("f2", "new_request", "登记申请", show=False),
        Binding("f3", "request_list", "申请列表", show=False),
        Binding("f4", "dashboard", "工作台", show=False),
        Binding("f5", "review_queue", "待我审查", show=False),
        Binding("f6", "schedule", "年度报告时间表", show=False),
        Binding("f7", "annual_report", "本机关年度报告", show=False),
        Binding("ctrl+t", "toggle_theme", "深色/浅色", show=False),
        # Priority: the app moves the focus before it reads the next key. Otherwise, over SSH, keys
        # arriving in one burst after Tab are forwarded to the field being left.
        Binding("tab", "focus_next", "下一项", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "上一项", show=False, priority=True),
    ]
    COMMANDS = App.COMMANDS | {RequestFinder}

    def __init__(self, user: UserInfo):
        super().__init__()
        self.user = user
        self.today = dates.today()
        # An administrator sees every agency's requests; an officer sees their own agency's.
        self.scope_agency = None if user.has(ADMIN) else user.agency

    def on_mount(self) -> None:
        self.sub_title = f"{self.user.name}（{'、'.join(self.user.roles)}）· {self.user.agency_name} · {self.today}"
        remembered = preferences.load(self.user.login)
        if remembered.get("theme") in ("textual-dark", "textual-light"):
            self.theme = remembered["theme"]
        self.push_screen(DashboardScreen())
        last = remembered.get("screen")
        opens = {"requests": self.action_request_list, "reviews": self.action_review_queue,
                 "schedule": self.action_schedule, "report": self.action_annual_report}
        if last in opens:
            opens[last]()
        # What start-up built (modules, widgets, styles) lives as long as the app: frozen, it is left
        # out of every later full collection, which otherwise walked it all and stalled a keystroke
        # by about 100 ms (bench/tui.py).
        self.call_after_refresh(gc.freeze)
        if not self.is_headless and sys.__stdin__ is not None and sys.__stdin__.isatty():
            self.set_interval(2, self._exit_if_the_terminal_is_gone)

    def _exit_if_the_terminal_is_gone(self) -> None:
        # A dropped SSH connection (or a closed tmux) hangs the terminal up; Textual's input
        # thread then spins on end-of-file at full CPU and the process outlives its officer.
        try:
            termios.tcgetattr(sys.__stdin__.fileno())
        except (OSError, termios.error):
            self.exit()


    def remember(self, screen: str) -> None:
        preferences.save(self.user.login, screen=screen)

    def action_command_palette(self) -> None:
        if not Palette.is_open(self):
            self.push_screen(Palette())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own system commands are in English; these are the ones an officer needs.
        yield SystemCommand("工作台", "到期、逾期和待办数量", self.action_dashboard)
        yield SystemCommand("登记申请", "登记一件新的依申请公开申请", self.action_new_request)
        yield SystemCommand("申请列表", "查找、筛选和排序申请", self.action_request_list)
        yield SystemCommand("待我审查", "等待我签署的保密审查（F5）", self.action_review_queue)
        yield SystemCommand("年度报告时间表", "各节点与各机关的报告进度（F6）", self.action_schedule)
        yield SystemCommand("本机关年度报告", "填写、校验、报送、审核、公布（F7）", self.action_annual_report)
        yield SystemCommand("主动公开时限", "逾期发布、更新的目录条目（工作台 P）", self.action_proactive)
        yield SystemCommand("举报投诉", "登记、受理、调查、督办、答复、整改、归档（工作台 C）", self.action_complaints)
        yield SystemCommand("考核", "各机构年度考核得分、明细、导出和监督检查通报（工作台 K）", self.action_scorecard)
        yield SystemCommand("机构列表", "各机关代码与名称", self.action_agencies)
        yield SystemCommand("帮助", "按键与操作说明", self.action_help)
        yield SystemCommand("深色/浅色主题", "切换界面主题（Ctrl+T）", self.action_toggle_theme)
        yield SystemCommand("退出", "退出政务公开工作台（Ctrl+Q）", self.action_quit)
        yield from getattr(screen, "commands", lambda: ())()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        preferences.save(self.user.login, theme=self.theme)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_dashboard(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if isinstance(self.screen, DashboardScreen):
            self.screen.refresh_counts()
        self.remember("dashboard")

    def action_new_request(self) -> None:
        from .screens.intake import IntakeScreen

        self.push_screen(IntakeScreen())

    def action_request_list(self, preset: str | None = None) -> None:
        from .screens.requests import RequestListScreen

        self.push_screen(RequestListScreen(preset))
        self.remember("requests")

    def action_review_queue(self) -> None:
        from .screens.reviews import ReviewQueueScreen

        self.push_screen(ReviewQueueScreen())
        self.remember("reviews")

    def action_schedule(self) -> None:
        from .screens.schedule import ScheduleScreen

        self.push_screen(ScheduleScreen())
        self.remember("schedule")

    def action_annual_report(self) -> None:
        from .screens.report import ReportScreen

        self.push_screen(ReportScreen())
        self.remember("report")

    def action_proactive(self) -> None:
        from .screens.proactive import ProactiveScreen

        self.push_screen(ProactiveScreen())

    def action_complaints(self) -> None:
        from .screens.complaints import ComplaintListScreen

        self.push_screen(ComplaintListScreen())

    def action_scorecard(self) -> None:
        from .screens.scorecard import ScorecardScreen

        self.push_screen(ScorecardScreen())

    def open_review(self, review_id: int) -> None:
        from .screens.review import ReviewScreen

        self.push_screen(ReviewScreen(review_id))

    def action_agencies(self) -> None:
        from core.organisation.agencies import list_agencies

        from .screens.agencies import AgenciesScreen

        self.push_screen(AgenciesScreen(list_agencies()))

    def open_request(self, request_id: int) -> None:
        from .screens.detail import RequestDetailScreen

        self.push_screen(RequestDetailScreen(request_id))


def build_app() -> GongkaiApp:
    """Open the configured database and build the app for the acting user."""
    return GongkaiApp(start())


def run() -> int:
    try:
        app = build_app()
    except GongkaiError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 1
    try:
        app.run()
    finally:
        close_database()
    return app.return_code or 0
