"""`gongkai catalog …`: the proactive-disclosure catalogue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core import dates
from core.cli import output
from core.cli.parser import ArgumentParser, read_text_file
from core.errors import InvalidInput
from core.publish import catalogue
from core.publish.document import elements, sources
from core.publish.gazette import artefacts
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

    p = group.add_parser("import", help="由公文原文（文本、Word、PDF、网页）新增目录条目：信息名称、发布机构、成文日期、文号取自原文")
    p.add_argument("file", type=Path, help="原文：.txt/.md、.docx、有文字层的 .pdf、保存的网页 .html")
    p.add_argument("--class", dest="subject", required=True, choices=catalogue.CLASSES, help="主题分类")
    p.add_argument("--agency", help="发布机构代码（原文的发文机关不是唯一的登记机构时必填）")
    p.add_argument("--summary", help="内容概述")
    p.add_argument("--kind", dest="doc_kind", choices=catalogue.DOC_KINDS, default="其他", help="文件类型")
    p.add_argument("--dry-run", action="store_true", help="只显示从原文读出的要素，不新增")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_import)

    p = group.add_parser("list", help="列出并校验全部目录条目")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_list)


def cmd_add(args) -> int:
    actor = start()
    body = read_text_file(args.body, "body")
    entry = catalogue.add(args.title, args.subject, args.agency, body, args.doc_no, dates.today(), args.summary,
                          args.doc_kind, actor=actor)
    return _reviewed(args, entry, actor)


def cmd_import(args) -> int:
    actor = start()
    read = sources.text_of(args.file, "file")
    if read.notice:
        sys.stderr.write(read.notice + "\n")
    parsed = elements.parse(artefacts.clean(read.text)[0])
    fields = catalogue.imported(parsed)
    agency = (args.agency or "").strip() or fields.agency
    if args.dry_run:
        return output.result(args, {**fields.as_json(), "agency": agency, "elements": parsed.as_json()["elements"]},
                             "\n".join([f"信息名称：{fields.title}", f"发文机关：{fields.issuer or '（未找到）'}"
                                        f"（发布机构代码：{agency or '未能确定，请用 --agency 指定'}）",
                                        f"成文日期：{fields.written or '（未找到）'}", f"文号：{fields.doc_no or '（无）'}"]
                                       + ([f"未找到：{'、'.join(fields.missing)}"] if fields.missing else [])))
    if not agency:
        raise InvalidInput("agency", f"原文的发文机关“{fields.issuer or '未找到'}”不是唯一的登记机构，请用 --agency 指定发布机构代码")
    entry = catalogue.add(fields.title, args.subject, agency, fields.body, fields.doc_no, dates.today(), args.summary,
                          args.doc_kind, actor=actor, written=fields.written)
    return _reviewed(args, entry, actor)


def _reviewed(args, entry, actor) -> int:
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
