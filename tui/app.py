"""The Textual application and its launcher."""

from __future__ import annotations

import sys

from textual.app import App
from textual.binding import Binding

from core.agencies import AgencyRecord, list_agencies
from core.cli.session import open_ready
from core.errors import GongkaiError
from core.users import UserInfo, acting_user

from .screens.agencies import AgenciesScreen


class GongkaiApp(App):
    TITLE = "政务公开工作台"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "退出", priority=True),
        Binding("question_mark", "help_panel", "帮助"),
    ]

    def __init__(self, user: UserInfo, agencies: list[AgencyRecord]):
        super().__init__()
        self.user = user
        self.agencies = agencies

    def on_mount(self) -> None:
        self.sub_title = f"{self.user.name}（{'、'.join(self.user.roles)}）· {self.user.agency_name}"
        self.push_screen(AgenciesScreen(self.agencies))

    def action_help_panel(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()


def build_app() -> GongkaiApp:
    """Open the configured database and build the app for the acting user."""
    open_ready()
    return GongkaiApp(acting_user(), list_agencies())


def run() -> int:
    try:
        app = build_app()
    except GongkaiError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 1
    app.run()
    return app.return_code or 0
