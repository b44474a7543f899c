"""Reading the dates officers type, and today's date."""

from __future__ import annotations

import datetime as dt
import os

import arrow
from arrow.parser import ParserError

from core.errors import InvalidInput

ENV_TODAY = "GONGKAI_TODAY"
# Officers write dates the ISO way or the Chinese way; all three are accepted.
FORMATS = ["YYYY-MM-DD", "YYYY-M-D", "YYYY/M/D", "YYYY.M.D", "YYYY年M月D日"]


def parse(text: str, field: str = "date") -> dt.date:
    value = (text or "").strip()
    if not value:
        raise InvalidInput(field, "日期不能为空")
    try:
        return arrow.get(value, FORMATS).date()
    except (ParserError, ValueError):
        raise InvalidInput(field, f"无法识别的日期 {value!r}（应为 YYYY-MM-DD，如 2025-09-30）") from None


def today() -> dt.date:
    """The local date; GONGKAI_TODAY pins it (for demos and reproducible scripts)."""
    pinned = os.environ.get(ENV_TODAY)
    return parse(pinned, ENV_TODAY) if pinned else dt.date.today()
