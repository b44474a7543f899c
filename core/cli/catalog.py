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
from core.organisation import agencies
from core.oversight import timeliness


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
    p.add_argument("--overdue", action="store_true",
                   help="只列出逾期的发布和更新：超过期限仍未发布或更新的，以及逾期才发布或更新的")
    p.add_argument("--agency", help="只列出该机构的条目")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_list)

    p = group.add_parser("dates", help="登记条目的形成、发布、变更、更新日期（主动公开时限由此计算）")
    p.add_argument("index_no", help="索引号")
    p.add_argument("--formed", help="形成日期（默认同成文日期）")
    p.add_argument("--published", help="发布日期（网站构建时自动登记；在其他渠道发布的在此登记）")
    p.add_argument("--changed", help="变更日期：信息内容发生变化之日")
    p.add_argument("--updated", help="更新日期（网站构建时自动登记）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_dates)


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
    if args.agency:
        agencies.existing(args.agency)
        entries = [e for e in entries if e.agency == args.agency]
    if args.overdue:
        owed = timeliness.failures(entries, dates.today())
        if args.json:
            output.emit_json([o.as_json() for o in owed])
            return 0
        output.table(["索引号", "事项", "起算日", "期限", "应完成", "完成", "情况", "信息名称"],
                     [(o.index_no, o.kind, o.start, f"{o.days}个工作日", o.due, o.done or "—",
                       f"{o.status}（逾期{o.late_days}个工作日）", o.title) for o in owed])
        output.say(f"共 {len(owed)} 项逾期" if owed else "没有逾期的发布或更新")
        return 0
    if args.json:
        output.emit_json([e.as_json() for e in entries])
        return 0
    output.table(["索引号", "主题分类", "有效性", "信息名称"], [(e.index_no, e.subject, e.validity, e.title) for e in entries])
    return 0


def cmd_dates(args) -> int:
    actor = start()
    given = {k: dates.parse(getattr(args, k), catalogue.DATE_INPUTS[k]) for k in catalogue.DATE_FIELDS
             if getattr(args, k) is not None}
    entry = catalogue.set_dates(args.index_no, given, actor)
    return output.result(args, entry.as_json(), "\n".join(
        [f"已登记 {entry.index_no} 的日期："] + [f"  {catalogue.DATE_FIELDS[k]}：{getattr(entry, k) or '—'}"
                                              for k in catalogue.DATE_FIELDS]))
