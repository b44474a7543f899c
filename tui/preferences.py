"""What the terminal app remembers for each officer between sessions: the theme
and the last screen. A small JSON file in the user's config directory (not the
database: it is the workstation's, not the office's record)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

SCREENS = ("dashboard", "requests", "reviews", "schedule", "report")


def _path(login: str) -> Path:
    return Path(platformdirs.user_config_dir("gongkai", appauthor=False)) / f"tui-{login}.json"


def load(login: str) -> dict:
    try:
        data = json.loads(_path(login).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: start from the defaults
    return data if isinstance(data, dict) else {}


def save(login: str, **changes) -> None:
    path = _path(login)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {**load(login), **changes}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home must not stop the work; the preference is simply not kept
