"""`gongkai score …` (考核) and `gongkai inspect` (监督检查)."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import dates
from core.cli import output
from core.cli.parser import ArgumentParser
from core.errors import InvalidInput
from core.organisation import agencies
from core.oversight import inspection, scorecard
from core.session import start
from core.store import settings

def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("score", help="考核：各机构年度得分、数据明细、导出").add_subparsers(
        dest="action", metavar="操作", parser_class=ArgumentParser)
    p = group.add_parser("list", help="各机构的年度考核得分")
    p.add_argument("--year", type=int, help="考核年度，默认今年")
    p.add_argument("--agency", action="append", help="机构代码，可重复；默认本人可查看的全部机构")
    p.add_argument("--sort", default="total",
                   help=f"排序：total 总分、order 机构清单顺序、code 机构代码，或考核指标代码（由高到低）")
    p.add_argument("--reverse", action="store_true", help="倒序（得分由低到高）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_list)

    p = group.add_parser("trace", help="一项数据所计的每一条记录（申请、目录条目、案件、举报投诉、年度报告节点）")
    p.add_argument("agency", help="机构代码")
    p.add_argument("figure", help="数据项：" + "、".join(scorecard.FIGURES.values()) + "（或其代码）")
    p.add_argument("--year", type=int, help="考核年度，默认今年")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_trace)

    p = group.add_parser("export", help="导出考核结果：xlsx（得分、数据、明细）、docx（含各机构图表）或 png（一个机构的图表）")
    p.add_argument("--year", type=int, help="考核年度，默认今年")
    p.add_argument("--agency", action="append", help="机构代码，可重复")
    p.add_argument("--format", choices=("xlsx", "docx", "png"), default="xlsx")
    p.add_argument("--out", required=True, type=Path, help="输出文件")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_export)

    p = nouns.add_parser("inspect", help="监督检查：按责任追究制度第六条列出各机构可由数据发现的问题，生成通报稿")
    p.add_argument("--year", type=int, help="检查年度，默认今年")
    p.add_argument("--agency", action="append", help="机构代码，可重复")
    p.add_argument("--out", type=Path, help="通报稿 Word 文件")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_inspect)


def _cards(args, actor):
    today = dates.today()
    return scorecard.cards(args.year or today.year, today, scorecard.visible(actor, args.agency))


def cmd_list(args) -> int:
    actor = start()
    cards = scorecard.ordered(_cards(args, actor), args.sort, args.reverse)
    if args.json:
        output.emit_json([c.as_json() for c in cards])
        return 0
    if cards:
        output.say(f"{cards[0].year}年度政府信息公开工作考核（数据截至 {cards[0].as_of}；{cards[0].basis}）")
    output.table(["机构", *(f"{s.name}({s.weight:g})" for s in (cards[0].scored if cards else ())), "总分", "档次"],
                 [(c.name, *(f"{s.points:g}" for s in c.scored), f"{c.total:g}", c.grade) for c in cards])
    return 0


def cmd_trace(args) -> int:
    actor = start()
    today = dates.today()
    scorecard.visible(actor, [args.agency])
    rows = scorecard.trace(args.agency, args.year or today.year, args.figure, today)
    if args.json:
        output.emit_json([r.as_json() for r in rows])
        return 0
    output.say(f"{agencies.name_of(args.agency)} {scorecard.FIGURES[scorecard.figure_of(args.figure)]}：{len(rows)}")
    output.table(["编号", "日期", "说明"], [(r.ref, r.date or "", r.detail) for r in rows])
    return 0


def cmd_export(args) -> int:
    from core.oversight import documents

    actor = start()
    today = dates.today()
    cards = _cards(args, actor)
    if args.format == "xlsx":
        traced = documents.workbook(cards, args.out, today)
        text = f"已导出 {len(cards)} 个机构的考核结果和 {traced} 条明细：{args.out}"
    elif args.format == "docx":
        documents.word(cards, args.out, settings.document_mark(), agencies.name_of(actor.agency))
        text = f"已导出 {len(cards)} 个机构的考核结果（Word，含图表）：{args.out}"
    else:
        if len(cards) != 1:
            raise InvalidInput("agency", "png 图表一次导出一个机构，请用 --agency 指定")
        from core import files

        files.write_bytes(args.out, documents.chart(cards[0]))
        text = f"已导出 {cards[0].name} 的考核图表：{args.out}"
    return output.result(args, {"out": str(args.out), "agencies": len(cards)}, text)


def cmd_inspect(args) -> int:
    actor = start()
    today = dates.today()
    found = inspection.run(args.year or today.year, today, scorecard.visible(actor, args.agency))
    if args.out:
        inspection.notice(found, args.out, settings.document_mark(), agencies.name_of(actor.agency), today)
    if args.json:
        output.emit_json({**found.as_json(), "out": str(args.out) if args.out else None})
        return 0
    output.say(inspection.as_text(found))
    if args.out:
        output.say(f"\n通报稿已保存：{args.out}")
    return 0
