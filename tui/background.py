"""Background work that never takes the app down: a failed worker becomes a
notification in Chinese (a traceback only with GONGKAI_DEBUG). Worker state
messages do not bubble, so each screen that starts workers uses this handler."""

from __future__ import annotations

import os

from textual.worker import Worker, WorkerState

from core.errors import GongkaiError


def notify_failure(node, event: Worker.StateChanged) -> None:
    if event.state != WorkerState.ERROR:
        return
    error = event.worker.error
    message = error.message if isinstance(error, GongkaiError) else "后台任务出错，请重试；如反复出现请联系管理员"
    if os.environ.get("GONGKAI_DEBUG"):
        message += f"（{type(error).__name__}: {error}）"
    node.app.notify(message, title="出错", severity="error", timeout=10)
