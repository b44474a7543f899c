"""`gongkai verify FILE`: is a circulating copy the official text?"""

from __future__ import annotations

import argparse
from pathlib import Path

from core.cli import output
from core.cli.parser import read_text_file
from core.errors import NotFound
from core.publish import authenticity


def register(nouns: argparse._SubParsersAction) -> None:
    p = nouns.add_parser("verify", help="核对一份流传的副本是否与公报正式文本一致")
    p.add_argument("file", type=Path, help="副本（纯文本或 HTML）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_verify)


KIND_NAMES = {"substituted": "改动", "missing": "缺失", "added": "增加"}


def cmd_verify(args) -> int:
    copy = read_text_file(args.file, "file")
    verdict = authenticity.verify(copy)
    if verdict is None:
        raise NotFound("未找到与该副本对应的公报正式文件")
    if args.json:
        output.emit_json(verdict.as_json())
        return 0
    name = f"《{verdict.title}》" + (f"（{verdict.doc_no}）" if verdict.doc_no else "")
    if verdict.identical:
        output.say(f"与正式文本{name}一致")
        return 0
    output.say(f"与正式文本{name}不一致，共 {len(verdict.changes)} 处：")
    for c in verdict.changes:
        where = f"第{c.article}条" if c.article else "正文"
        detail = {"substituted": f"“{c.official}”被改为“{c.copy}”", "missing": f"缺少“{c.official}”",
                  "added": f"多出“{c.copy}”"}[c.kind]
        output.say(f"  {where} {KIND_NAMES[c.kind]}：{detail}")
    return 0
