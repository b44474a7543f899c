"""Entry point of the `gongkai` console script. With no arguments it opens
the officer's terminal app; otherwise it runs one subcommand."""

from __future__ import annotations

import importlib
import os
import sys
import traceback

import peewee

from core import __version__
from core.cli.parser import ArgumentParser
from core.errors import GongkaiError, file_error, label, shown
from core.store.db import close_database, describe

# Which module of core/cli registers each noun, in the order `gongkai --help` lists them. A command
# imports only its own noun's module: `gongkai agencies` does not pay for openpyxl, python-docx,
# MkDocs or the document reader (tests/core/test_startup.py holds this table to the parsers).
NOUNS = {
    "init": "admin", "migrate": "admin", "agencies": "admin", "demo": "admin", "user": "admin",
    "calendar": "calendar", "request": "requests", "audit": "audit", "export": "export", "catalog": "catalog",
    "gazette": "gazette", "site": "site", "review": "review", "schedule": "report", "report": "report",
    "verify": "verify", "backup": "maintenance", "restore": "maintenance", "doctor": "maintenance",
    "retention": "maintenance", "complaint": "complaint", "score": "oversight", "inspect": "oversight",
}


def build_parser(noun: str | None = None) -> ArgumentParser:
    """The parser for `noun`'s command, or for every command (help, a mistyped noun)."""
    parser = ArgumentParser(prog="gongkai", description="政务公开工作台：依申请公开办理、保密审查、年度报告、公开网站")
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}")
    nouns = parser.add_subparsers(dest="command", metavar="命令", parser_class=ArgumentParser)
    modules = [NOUNS[noun]] if noun in NOUNS else list(dict.fromkeys(NOUNS.values()))
    for name in modules:
        importlib.import_module(f"core.cli.{name}").register(nouns)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        from tui.app import run  # the terminal app is the one place Textual is loaded

        return run()
    args = build_parser(argv[0]).parse_args(argv)
    if not getattr(args, "func", None):
        sys.stderr.write(f"参数错误：请指定操作，见 gongkai {' '.join(argv)} --help\n")
        return 1
    for name, value in vars(args).items():
        problem = _unstorable(value if isinstance(value, list) else [value])
        if problem:
            sys.stderr.write(f"参数错误：{_option_of(argv, name)} {problem}\n")
            return 1
    try:
        return args.func(args) or 0
    except GongkaiError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 1
    except peewee.PeeweeException as exc:
        sys.stderr.write(describe(exc) + "\n")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and cut off: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a file named by the officer: --out into a missing folder, a full disk
        sys.stderr.write(f"错误：无法读写 {shown(str(exc.filename or '文件'))}：{file_error(exc)}\n")
        return 1
    except Exception as exc:  # a bug: one line for the officer, the trace on request
        if os.environ.get("GONGKAI_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(f"内部错误：{type(exc).__name__}: {exc}（设置 GONGKAI_DEBUG=1 查看详情）\n")
        return 1
    finally:
        close_database()


def _option_of(argv: list[str], dest: str) -> str:
    """How the officer typed the value stored under `dest`: its option, or the positional's name."""
    for before, arg in zip([""] + argv, argv):
        if _unstorable([arg]):
            option = arg.split("=", 1)[0] if arg.startswith("--") else before if before.startswith("-") else None
            if option:
                return option
    return f"{label(dest)}（{dest}）" if label(dest) != dest else dest


INTEGER_RANGE = range(-2**63, 2**63)  # a BIGINT: what both databases store


def _unstorable(values: list) -> str | None:
    """What no database column can hold: a NUL (only a caller in this process can pass one, argv
    is C strings), bytes that were not UTF-8 (Python keeps them as lone surrogates), or a whole
    number past a BIGINT."""
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and value not in INTEGER_RANGE:
            return "数值超出范围"
    for value in map(str, values):
        if "\0" in value:
            return "含有空字符（U+0000）"
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            return "不是有效的 UTF-8 文本（终端可能使用 GBK 编码，请将终端设为 UTF-8 后重新输入）"
    return None


if __name__ == "__main__":
    sys.exit(main())
