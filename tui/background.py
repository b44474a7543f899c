"""Background work that never takes the app down: a failed worker becomes a
notification in Chinese (a traceback only with GONGKAI_DEBUG). Worker state
messages do not bubble, so each screen that starts workers uses this handler.
And screens that stay current as other officers change the database."""

from __future__ import annotations

import os

from textual import work
from textual.worker import Worker, WorkerState

from core.errors import GongkaiError
from core.requests import service as requests
from core.store.db import database


def notify_failure(node, event: Worker.StateChanged) -> None:
    if event.state != WorkerState.ERROR:
        return
    error = event.worker.error
    message = error.message if isinstance(error, GongkaiError) else "后台任务出错，请重试；如反复出现请联系管理员"
    if os.environ.get("GONGKAI_DEBUG"):
        message += f"（{type(error).__name__}: {error}）"
    node.app.notify(message, title="出错", severity="error", timeout=10)


class Live:
    """A screen that stays current while other officers work on the same database:
    every few seconds it asks (off the UI thread, one indexed query) when any request
    last changed, and calls `changed_elsewhere` when that moved while it is shown."""

    POLL_SECONDS = 3.0

    def start_polling(self) -> None:
        # The baseline is taken now, before the screen's data has loaded: a change made
        # before the first poll is then seen (at worst one reload too many, never one too few).
        self._seen = requests.last_change()
        self.set_interval(self.POLL_SECONDS, self._poll)

    def busy(self) -> bool:
        """While the officer is typing or the screen is loading, a refresh can wait for the next poll."""
        return False

    def _poll(self) -> None:
        if self.is_current and not self.busy():
            self._check_for_changes()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _check_for_changes(self) -> None:
        with database.connection_context():
            stamp = requests.last_change()
        self.app.call_from_thread(self._compare, stamp)

    def _compare(self, stamp) -> None:
        if not self.is_current:
            return  # seen again when it is shown (screens reload on resume)
        if stamp != self._seen:
            self.changed_elsewhere()
        self._seen = stamp

    def changed_elsewhere(self) -> None:
        raise NotImplementedError
