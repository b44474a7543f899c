"""`gongkai export ledger …` and `gongkai request import …`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core import dates
from core.cli import output
from core.cli.parser import ArgumentParser, year
from core.requests import ledger
from core.session import start


def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("export", help="导出").add_subparsers(dest="action", metavar="操作",
                                                                  parser_class=ArgumentParser)
    p = group.add_parser("ledger", help="导出某年的依申请公开台账")
    p.add_argument("--year", type=year, required=True)
    p.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    p.add_argument("--out", type=Path, help="输出文件，默认 台账-YYYY.xlsx/csv")
    p.add_argument("--with-personal-data", action="store_true",
                   help="包含申请人姓名和证件号码（此导出记入审计日志）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_ledger)


def register_import(requests_group: argparse._SubParsersAction) -> None:
    p = requests_group.add_parser("import", help="从 CSV 台账导入既往申请（任何一行有误则全部不导入）")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_import)


def cmd_ledger(args) -> int:
    actor = start()
    out = args.out or Path(f"台账-{args.year}.{args.format}")
    count = ledger.export(args.year, args.format, out, actor, dates.today(), args.with_personal_data)
    if args.json:
        output.emit_json({"year": args.year, "format": args.format, "out": str(out), "rows": count,
                          "personal_data": args.with_personal_data})
    else:
        output.say(f"已导出 {args.year} 年台账 {count} 行：{out}"
                   + ("（含个人信息，已记入审计日志）" if args.with_personal_data else "（申请人信息已脱敏）"))
    return 0


def cmd_import(args) -> int:
    actor = start()
    report = ledger.import_csv(args.file, actor, dates.today())
    if report.notice:
        sys.stderr.write(report.notice + "\n")
    return output.result(args, {"imported": report.imported, "numbers": list(report.numbers)},
                         f"已导入 {report.imported} 件申请")
