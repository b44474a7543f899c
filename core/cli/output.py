"""Printing results: JSON for scripts, aligned text for people."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import asdict, is_dataclass
from typing import Any, Iterable, Sequence

from core import files
from core.chinese import width
from core.errors import InvalidInput


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "as_json"):
        return value.as_json()
    if is_dataclass(value):
        return asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(value: Any, *, compact: bool = False) -> str:
    if compact:
        return json.dumps(value, ensure_ascii=False, default=_default, separators=(",", ":"))
    return json.dumps(value, ensure_ascii=False, default=_default, indent=2)


def emit_json(value: Any, *, compact: bool = False) -> None:
    sys.stdout.write(to_json(value, compact=compact) + "\n")


def result(args, data: Any, text: str) -> int:
    """A command's answer: `data` as JSON with --json, else `text` for people."""
    if getattr(args, "json", False):
        emit_json(data)
    else:
        say(text)
    return 0


def document(args, doc, data: dict) -> int:
    """A letter or form (anything with as_text/save_docx/title): printed, or saved to --out as text or Word."""
    if args.format == "docx":
        if not args.out:
            raise InvalidInput("out", "输出 Word 文件须用 --out 指定路径")
        doc.save_docx(args.out)
    elif args.out:
        files.write_text(args.out, doc.as_text())
    if args.json:
        emit_json({**data, "out": str(args.out) if args.out else None})
    elif not args.out:
        say(doc.as_text().rstrip())
    else:
        say(f"已保存{doc.title}：{args.out}")
    return 0


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    rows = [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()

    say(line(headers))
    say(line(["-" * w for w in widths]))
    for row in rows:
        say(line(row))
