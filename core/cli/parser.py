"""The argument parser every subcommand uses."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from core import dates, files


class ArgumentParser(argparse.ArgumentParser):
    """argparse exits 2 with English text on bad arguments; the project's
    convention is exit 1 and one Chinese line naming what is wrong."""

    def error(self, message: str):
        sys.stderr.write(f"参数错误（{self.prog}）：{chinese(message)}\n")
        raise SystemExit(1)


# argparse's own messages (Python ships no Chinese catalogue for them), as patterns on its English.
MESSAGES = [
    (re.compile(r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)$", re.S),
     lambda m: f"{m[1]} 的值 {m[2]} 无效，应为 {m[3].replace(chr(39), '')} 之一"),
    (re.compile(r"argument (\S+): invalid (int|float) value: (.*)$", re.S),
     lambda m: f"{m[1]} 应为{'整数' if m[2] == 'int' else '数字'}，收到 {m[3]}"),
    (re.compile(r"argument (\S+): invalid \S+ value: (.*)$", re.S), lambda m: f"{m[1]} 的值 {m[2]} 无效"),
    (re.compile(r"argument (\S+): expected (?:one|at least one) argument$"), lambda m: f"{m[1]} 后面需要一个值"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)$"), lambda m: f"{m[1]} 不能与 {m[2]} 同时使用"),
    (re.compile(r"argument (\S+): ignored explicit argument (.*)$"), lambda m: f"{m[1]} 不接受值 {m[2]}"),
    (re.compile(r"the following arguments are required: (.*)$"), lambda m: f"缺少必需的参数：{m[1]}"),
    (re.compile(r"one of the arguments (.*) is required$"), lambda m: f"须指定以下参数之一：{m[1]}"),
    (re.compile(r"unrecognized arguments: (.*)$", re.S), lambda m: f"无法识别的参数：{m[1]}"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)$"), lambda m: f"选项 {m[1]} 有歧义，可能是 {m[2]}"),
    (re.compile(r"argument (\S+): (.*)$", re.S), lambda m: f"{m[1]}：{m[2]}"),  # a type's own Chinese message
]


def chinese(message: str) -> str:
    for pattern, say in MESSAGES:
        if m := pattern.match(message):
            return say(m)
    return message


def year(text: str) -> int:
    """An argparse type: a year within the range the program handles (dates.YEARS)."""
    value = int(text) if re.fullmatch(r"\s*\d{4}\s*", text) else None
    if value not in dates.YEARS:
        raise argparse.ArgumentTypeError(f"应为 {dates.YEARS.start}–{dates.YEARS.stop - 1} 之间的年份，收到 {text!r}")
    return value


def read_text_file(path: Path, field: str = "file") -> str:
    """A text file named on the command line (see core.files), or an error naming the option;
    a GB18030 file is converted and the officer told so on stderr."""
    read = files.read_text(path, field)
    if read.notice:
        sys.stderr.write(read.notice + "\n")
    return read.text
