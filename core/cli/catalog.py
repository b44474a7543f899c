"""`gongkai catalog …`: the proactive-disclosure catalogue."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import dates
from core.cli import output
from core.cli.parser import ArgumentParser, read_text_file
from core.publish import catalogue
from core.review import store as reviews
from core.session import start


def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("catalog", help="主动公开目录").add_subparsers(dest="action", metavar="操作",
                                                                        parser_class=ArgumentParser)
    p = group.add_parser("add", help="新增目录条目（catalogs/catalogue/机构/索引号.md）")
    p.add_argument("--title", required=True, help="信息名称")
    p.add_argument("--class", dest="subject", required=True, choices=catalogue.CLASSES, help="主题分类")
    p.add_argument("--agency", required=True, help="发布机构代码")
    p.add_argument("--body", required=True, type=Path, help="正文文件（纯文本或 Markdown）")
    p.add_argument("--doc-no", help="文号")
    p.add_argument("--summary", help="内容概述")
    p.add_argument("--kind", dest="doc_kind", choices=catalogue.DOC_KINDS, default="其他",
                   help="文件类型（年度报告按规章、行政规范性文件计数）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_add)

    p = group.add_parser("list", help="列出并校验全部目录条目")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_list)


def cmd_add(args) -> int:
    actor = start()
    body = read_text_file(args.body, "body")
    entry = catalogue.add(args.title, args.subject, args.agency, body, args.doc_no, dates.today(), args.summary,
                          args.doc_kind, actor=actor)
    # 保密制度: nothing is published unreviewed, so every new entry starts its 审查表 at once.
    review = reviews.create("catalogue", entry.index_no, actor, dates.today())
    entry = catalogue.find(entry.index_no)  # now carrying its review record
    return output.result(args, {**entry.as_json(), "review_id": review.id},
                         f"已新增目录条目 {entry.index_no}（{entry.id}）：{entry.path}\n"
                         f"保密审查 {review.id} 已建立，待承办人拟定意见（gongkai review sign {review.id}）")


def cmd_list(args) -> int:
    start()
    entries = catalogue.load_all()
    if args.json:
        output.emit_json([e.as_json() for e in entries])
        return 0
    output.table(["索引号", "主题分类", "有效性", "信息名称"], [(e.index_no, e.subject, e.validity, e.title) for e in entries])
    return 0
