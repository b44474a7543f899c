"""Reading the dates officers type, and today's date."""

from __future__ import annotations

import datetime as dt
import os
import re

from core.errors import InvalidInput

ENV_TODAY = "GONGKAI_TODAY"
# Officers write dates the ISO way or the Chinese way; all three are accepted.
FORMATS = ["YYYY-MM-DD", "YYYY-M-D", "YYYY/M/D", "YYYY.M.D", "YYYY年M月D日"]


# The whole value must be a date: arrow alone finds one inside "2025-10-15; DROP TABLE request".
ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SHAPE = re.compile(r"\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)")
# Requests under the 条例 (in force 2008) and their deadlines: a year outside this is a typing slip.
YEARS = range(1990, 2100)


def parse(text: str, field: str = "date") -> dt.date:
    value = (text or "").strip()
    if not value:
        raise InvalidInput(field, "日期不能为空")
    try:
        if ISO.fullmatch(value):  # what scripts pipe in by the hundred thousand: no parser to build
            day = dt.date.fromisoformat(value)
        elif not SHAPE.fullmatch(value):
            raise ValueError
        else:
            import arrow  # the forms people type; arrow's import is paid only when one is typed

            day = arrow.get(value, FORMATS).date()
    except ValueError:  # arrow's ParserError is one
        raise InvalidInput(field, f"无法识别的日期 {value!r}（应为 YYYY-MM-DD，如 2025-09-30）") from None
    if day.year not in YEARS:
        raise InvalidInput(field, f"日期 {day} 超出可办理的范围（{YEARS.start}–{YEARS.stop - 1} 年）")
    return day


def today() -> dt.date:
    """The local date; GONGKAI_TODAY pins it (for demos and reproducible scripts)."""
    pinned = os.environ.get(ENV_TODAY)
    return parse(pinned, ENV_TODAY) if pinned else dt.date.today()
