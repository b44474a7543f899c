"""The argument parser every subcommand uses."""

from __future__ import annotations

import argparse
import sys


class ArgumentParser(argparse.ArgumentParser):
    """argparse exits 2 with English text on bad arguments; the project's
    convention is exit 1 and one Chinese line naming what is wrong."""

    def error(self, message: str):
        sys.stderr.write(f"参数错误（{self.prog}）：{message}\n")
        raise SystemExit(1)
