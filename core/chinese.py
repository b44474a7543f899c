"""Chinese text: numerals as they number chapters, articles and items
(第一百二十五条), and how wide text is on a terminal or in a monospaced
letter (CJK characters take two columns)."""

from __future__ import annotations

import re
import unicodedata

from core.errors import InvalidInput, label

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}


def to_int(text: str) -> int:
    """一 → 1, 十 → 10, 十五 → 15, 一百零一 → 101, 一百二十五 → 125. ValueError otherwise."""
    if not text or any(c not in DIGITS and c not in UNITS for c in text):
        raise ValueError(f"不是中文数字：{text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def from_int(number: int) -> str:
    """The inverse of `to_int` for 1–9999, as documents write it (十五, not 一十五)."""
    if not 0 < number < 10000:
        raise ValueError(number)
    names = "零一二三四五六七八九"
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = number // value % 10
        if d:
            if zero:
                parts.append("零")
            parts.append(("" if unit == "十" and d == 1 and not parts else names[d]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)

def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def rjust(text: str, columns: int) -> str:
    return " " * max(0, columns - width(text)) + text


def clip(text: str, columns: int) -> str:
    """`text` cut to `columns` display columns, with … where it was cut (CJK count two)."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > columns - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


# Characters a person cannot see but a terminal or a spreadsheet obeys: C0 controls (tab and
# newlines aside), DEL, and the bidirectional overrides that make text read backwards.
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def refuse_invisible(field: str, what: str, value: str) -> None:
    found = INVISIBLE.search(value or "")
    if found:
        raise InvalidInput(field, f"{what}含有不可见的控制字符（U+{ord(found.group()):04X}），请删去后重新输入")


# Free text an officer writes into the record (a reason, an opinion, a note): a page at most.
TEXT_LIMIT = 2000


def plain(field: str, value: str | None, limit: int = TEXT_LIMIT) -> str | None:
    """Free text as it may be recorded: trimmed, nothing invisible, at most `limit` characters."""
    value = (value or "").strip()
    refuse_invisible(field, label(field), value)
    if len(value) > limit:
        raise InvalidInput(field, f"{label(field)}不超过{limit}字")
    return value or None
