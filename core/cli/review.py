"""`gongkai review …`: the 保密审查 chain from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import dates
from core.cli import output
from core.cli.parser import ArgumentParser
from core.errors import InvalidInput
from core.organisation import roles
from core.review import forms as review_forms
from core.review import store as reviews
from core.review.rules import JUDGEMENTS
from core.session import start


def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("review", help="保密审查").add_subparsers(dest="action", metavar="操作",
                                                                   parser_class=ArgumentParser)
    p = group.add_parser("new", help="为一项拟公开的信息建立保密审查")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--catalog", help="目录条目索引号")
    target.add_argument("--gazette", help="公报文件，如 2025-09/01.md")
    target.add_argument("--reply", help="申请编号（其答复书）")
    target.add_argument("--report", help="已公布的年度报告：机构代码/年度，如 YXSZFB/2025")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_new)

    p = group.add_parser("list", help="审查列表")
    p.add_argument("--mine", action="store_true", help="只列出待我审查的")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_list)

    p = group.add_parser("sign", help="签署（承办人拟定意见 / 办公室主任审查 / 分管领导批准）")
    p.add_argument("id", type=int)
    p.add_argument("--opinion", required=True, help="意见")
    p.add_argument("--judgement", choices=JUDGEMENTS, help="承办人的判断")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_step, step="sign")

    p = group.add_parser("return", help="退回承办人")
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True, help="退回理由")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_step, step="return")

    p = group.add_parser("escalate", help="以《保密审查送审函》报送保密部门")
    p.add_argument("id", type=int)
    p.add_argument("--letter-no", required=True, help="送审函编号")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_step, step="escalate")

    p = group.add_parser("answer", help="登记保密部门的审查结论")
    p.add_argument("id", type=int)
    decision = p.add_mutually_exclusive_group(required=True)
    decision.add_argument("--approve", action="store_true", help="同意公开")
    decision.add_argument("--refuse", action="store_true", help="不予公开")
    p.add_argument("--reason", required=True, help="审查意见")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_step, step="answer")

    p = group.add_parser("form", help="出具《机关单位信息发布保密审查表》或送审函（文本或 Word）")
    p.add_argument("id", type=int)
    p.add_argument("--letter", action="store_true", help="出具送审函（已送审的）")
    p.add_argument("--format", choices=("text", "docx"), default="text")
    p.add_argument("--out", type=Path, help="输出文件（docx 必填）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_form)


def cmd_form(args) -> int:
    start()
    if args.letter:
        letter = review_forms.escalation_letter(args.id)
        return output.document(args, letter, letter.as_json())
    sheet = review_forms.sheet(args.id)
    return output.document(args, sheet, {"title": sheet.title, "rows": [{"label": k, "value": v}
                                                                        for k, v in sheet.rows]})


def _emit(args, view) -> int:
    return output.result(args, view.as_json(),
                         f"审查 {view.id}（{view.title}）：{view.state_name}")


def cmd_new(args) -> int:
    actor = start()
    kind, ref = (("catalogue", args.catalog) if args.catalog is not None else
                 ("gazette", args.gazette) if args.gazette is not None else
                 ("report", args.report) if args.report is not None else ("reply", args.reply))
    return _emit(args, reviews.create(kind, ref, actor, dates.today()))


def cmd_list(args) -> int:
    actor = start()
    scope = None if actor.has(roles.ADMIN) else actor.agency
    rows = reviews.queue(actor, scope) if args.mine else reviews.all_reviews()
    if args.json:
        output.emit_json([r.as_json() for r in rows])
        return 0
    output.table(["编号", "对象", "信息名称", "状态"], [(r.id, r.subject_ref, r.title, r.state_name) for r in rows])
    return 0


def cmd_step(args) -> int:
    actor = start()
    if args.step == "answer" and not (args.approve or args.refuse):
        raise InvalidInput("approve", "请选择 --approve 或 --refuse")
    view = reviews.act(args.id, args.step, actor, dates.today(), opinion=getattr(args, "opinion", None) or
                       getattr(args, "reason", None), judgement=getattr(args, "judgement", None),
                       letter_no=getattr(args, "letter_no", None), approve=getattr(args, "approve", None))
    return _emit(args, view)
