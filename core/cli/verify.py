"""`gongkai verify FILE`: is a circulating copy the official text?"""

from __future__ import annotations

import argparse
from pathlib import Path

from core.cli import output
from core.cli.parser import read_text_file
from core.publish import authenticity, texts
from core.session import start


def register(nouns: argparse._SubParsersAction) -> None:
    p = nouns.add_parser("verify", help="核对一份流传的副本是否与本网站公布的正式文本一致")
    p.add_argument("file", type=Path, help="副本（纯文本或 HTML）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_verify)


KIND_NAMES = {"substituted": "改动", "missing": "缺失", "added": "增加"}


def cmd_verify(args) -> int:
    """Exit 0: identical to an official text; 1: an altered copy of one; 2: no official text matches."""
    copy = read_text_file(args.file, "file")
    start()  # what is published is what the database holds reviews of
    verdict = authenticity.verify(copy, texts.published())
    if args.json:
        output.emit_json(verdict.as_json())
    elif not verdict.matched:
        output.say(f"未找到与该副本对应的正式文件（与最接近的正式文件相似度 {verdict.similarity:.0%}，"
                   f"低于 {authenticity.SIMILARITY:.0%}）：它不是本网站公布的任何文件的版本")
    else:
        name = f"《{verdict.title}》" + (f"（{verdict.doc_no}）" if verdict.doc_no else "")
        if verdict.identical:
            output.say(f"与正式文本{name}一致")
        else:
            output.say(f"与正式文本{name}不一致，共 {len(verdict.changes)} 处：")
            for c in verdict.changes:
                output.say(f"  {_where(c.article)} {KIND_NAMES[c.kind]}：{_detail(c)}")
    return 0 if verdict.identical else 1 if verdict.matched else 2


def _where(article) -> str:
    return article if isinstance(article, str) else f"第{article}条" if article else "正文"


def _detail(c) -> str:
    if isinstance(c.article, str) and c.kind in ("missing", "added"):
        return f"整个{c.article}（{len(c.official or c.copy)} 字）"
    return {"substituted": f"“{c.official}”被改为“{c.copy}”", "missing": f"缺少“{c.official}”",
            "added": f"多出“{c.copy}”"}[c.kind]
