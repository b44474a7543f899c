"""`gongkai site generate|build`: the public site."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from core import dates, home
from core.cli import output
from core.cli.parser import ArgumentParser
from core.publish.site.build import build
from core.publish.site.generate import generate
from core.session import start


def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("site", help="公开网站").add_subparsers(dest="action", metavar="操作",
                                                                 parser_class=ArgumentParser)
    p = group.add_parser("generate", help="由 catalogs/ 生成 site_src/（只写有变化的文件）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_generate)
    p = group.add_parser("build", help="生成后用 MkDocs 构建静态网站")
    p.add_argument("--out", type=Path, help="输出目录，默认 site_build/")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_build)


def cmd_generate(args) -> int:
    actor = start()
    report = generate(actor=actor.login, today=dates.today())
    if args.json:
        output.emit_json({"written": list(report.written), "unchanged": report.unchanged,
                          "removed": list(report.removed), "skipped": [s.as_json() for s in report.skipped]})
    else:
        output.say(f"site_src/：写入 {len(report.written)} 个文件，未变 {report.unchanged} 个，"
                   f"删除 {len(report.removed)} 个")
        _say_skipped(report.skipped)
    return 0


KIND_NAMES = {"catalogue": "目录", "gazette": "公报", "report": "年度报告"}


def _say_skipped(skipped) -> None:
    if skipped:
        output.say(f"未发布 {len(skipped)} 项（保密审查未通过或文本已变）：")
        output.table(["类型", "编号", "信息名称", "原因"],
                     [(KIND_NAMES[s.kind], s.ref, s.title, s.reason) for s in skipped])


def cmd_build(args) -> int:
    actor = start()
    t0 = time.perf_counter()
    report = generate(actor=actor.login, today=dates.today())
    t1 = time.perf_counter()
    out = (args.out or home.root() / "site_build").resolve()
    build(out)
    t2 = time.perf_counter()
    if args.json:
        output.emit_json({"out": str(out), "written": len(report.written), "generate_seconds": round(t1 - t0, 3),
                          "build_seconds": round(t2 - t1, 3), "skipped": [s.as_json() for s in report.skipped]})
    else:
        output.say(f"网站已构建：{out}（生成 {t1 - t0:.2f} 秒，MkDocs {t2 - t1:.2f} 秒）")
        _say_skipped(report.skipped)
    return 0
