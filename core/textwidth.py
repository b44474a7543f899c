"""How wide text is on a terminal or in a monospaced letter: CJK characters
take two columns."""

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def rjust(text: str, columns: int) -> str:
    return " " * max(0, columns - width(text)) + text
