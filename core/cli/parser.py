"""The argument parser every subcommand uses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import InvalidInput


class ArgumentParser(argparse.ArgumentParser):
    """argparse exits 2 with English text on bad arguments; the project's
    convention is exit 1 and one Chinese line naming what is wrong."""

    def error(self, message: str):
        sys.stderr.write(f"参数错误（{self.prog}）：{message}\n")
        raise SystemExit(1)


def read_text_file(path: Path, field: str = "file") -> str:
    """A UTF-8 text file named on the command line, or an error naming the option."""
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError) as exc:
        raise InvalidInput(field, f"无法读取 {path}：{exc}") from None
