"""`gongkai report …` and `gongkai schedule`: the annual report and its timetable."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from core import dates
from core.cli import output
from core.cli.parser import ArgumentParser, read_text_file, year
from core.errors import InvalidInput
from core.report import chart
from core.report import files as report_files
from core.report import national_format as annual_report
from core.report import states as reports
from core.session import start


def register(nouns: argparse._SubParsersAction) -> None:
    p = nouns.add_parser("schedule", help="年度报告时间表：各节点与各机关进度")
    p.add_argument("--year", type=year, required=True, help="报告年度")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_schedule)

    group = nouns.add_parser("report", help="政府信息公开工作年度报告").add_subparsers(
        dest="action", metavar="操作", parser_class=ArgumentParser)

    def target(p: ArgumentParser) -> None:
        p.add_argument("--year", type=year, required=True, help="报告年度")
        p.add_argument("--agency", required=True, help="机构代码")
        p.add_argument("--json", action="store_true", help="输出 JSON")

    def rollup(p: ArgumentParser) -> None:
        p.add_argument("--include", help="汇总的下属机关代码，逗号分隔（如 YXSZFB,YXFGW）")
        p.add_argument("--include-all", action="store_true", help="汇总本机关下属的全部机关")

    p = group.add_parser("annual", help="生成年度报告（JSON / Markdown / Word）")
    target(p)
    rollup(p)
    p.add_argument("--format", choices=("json", "md", "docx"), default="json")
    p.add_argument("--out", type=Path, help="输出文件（docx 必填；md 时图表另存为同名 .svg）")
    p.set_defaults(func=cmd_annual)

    p = group.add_parser("set", help="填写表二中由本机关填报的数字")
    target(p)
    p.add_argument("--cell", action="append", required=True, metavar="栏目=数值",
                   help=f"可填：{'、'.join(annual_report.ENTERED_CELLS)}；可重复")
    p.set_defaults(func=cmd_set)

    p = group.add_parser("section", help="编写第一、五、六部分（Markdown 文件）")
    target(p)
    p.add_argument("--section", required=True, choices=annual_report.NARRATIVE)
    p.add_argument("--file", required=True, type=Path, help="正文文件")
    p.set_defaults(func=cmd_section)

    for action, help_text in (("submit", "报送（数据校验不通过时拒绝）"), ("approve", "审核通过"),
                              ("publish", "公布（同时发布到网站“年度报告”栏目）")):
        p = group.add_parser(action, help=help_text)
        target(p)
        rollup(p)
        p.set_defaults(func=cmd_move, move=action)


def _includes(args) -> list[str]:
    if getattr(args, "include_all", False):
        return reports.everything_under(args.agency)
    return [c.strip() for c in (getattr(args, "include", None) or "").split(",") if c.strip()]


def _summary(report) -> str:
    lines = [f"{report.title}（{report.state_name}）"]
    lines += [f"  {row.label}：{row.values[-1]}" for row in report.tables.table_b
              if row.values is not None and not row.label[0].isdigit() and "（" not in row.label[:1]]
    lines += [f"  ✗ {f}" for f in report.failures] or ["  数据校验：通过"]
    return "\n".join(lines)


def cmd_annual(args) -> int:
    start()
    report = reports.build(args.agency, args.year, dates.today(), _includes(args))
    if args.format == "json":
        text = json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str) + "\n"
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        else:
            output.emit_json(report.as_json())
        return 0
    if args.format == "docx":
        if not args.out:
            raise InvalidInput("out", "输出 Word 文件须用 --out 指定路径")
        from core.report import document  # python-docx only when a Word file is asked for

        document.save_docx(report, args.out)
    else:
        chart_name = None
        if args.out:
            chart_name = args.out.with_suffix(".svg").name
            args.out.with_suffix(".svg").write_bytes(chart.chart(report, "svg"))
        text = report_files.markdown(report, chart_name)
        if not args.out:
            output.say(text)
            return 0
        args.out.write_text(text, encoding="utf-8")
    return output.result(args, {"out": str(args.out)}, f"已保存{report.title}：{args.out}")


def cmd_set(args) -> int:
    actor = start()
    cells = {}
    for item in args.cell:
        name, sep, value = item.partition("=")
        try:
            cells[name.strip()] = float(value)
        except ValueError:
            raise InvalidInput("cell", f"“{item}”应为 栏目=数值，如 行政许可=120") from None
        if not sep:
            raise InvalidInput("cell", f"“{item}”应为 栏目=数值，如 行政许可=120")
    report = reports.set_cells(args.agency, args.year, cells, actor, dates.today())
    return output.result(args, report.as_json(), _summary(report))


def cmd_section(args) -> int:
    actor = start()
    text = read_text_file(args.file, "file")
    report = reports.set_section(args.agency, args.year, args.section, text, actor, dates.today())
    return output.result(args, report.as_json(), f"已保存第{args.section}部分。\n" + _summary(report))


def cmd_move(args) -> int:
    actor = start()
    report = reports.move(args.agency, args.year, args.move, actor, dates.today(), _includes(args))
    return output.result(args, report.as_json(), _summary(report))


def cmd_schedule(args) -> int:
    start()
    milestones = reports.schedule(args.year, dates.today())
    if args.json:
        output.emit_json({"year": args.year, "milestones": [m.as_json() for m in milestones]})
        return 0
    for m in milestones:
        late = [a for a in m.agencies if a.late]
        when = f"还有 {m.days_left} 天" if m.days_left >= 0 else f"已过 {-m.days_left} 天"
        output.say(f"{m.date}（{when}）{m.who}：{m.what}　应达“{reports.STATE_NAMES[m.expects]}”"
                   + (f"，逾期 {len(late)} 个机关" if late else ""))
        output.table(["代码", "机关", "状态", "逾期"], [(a.code, a.name, reports.STATE_NAMES[a.state],
                                                      "是" if a.late else "") for a in m.agencies])
        output.say()
    return 0
