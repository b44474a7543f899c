"""`gongkai complaint …`: 举报投诉 about a body's disclosure work."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import dates
from core.cli import output
from core.cli.parser import ArgumentParser
from core.oversight import complaints
from core.requests import letters
from core.session import start


def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("complaint", help="举报投诉：登记、受理、调查、督办、答复、整改、归档").add_subparsers(
        dest="action", metavar="操作", parser_class=ArgumentParser)

    p = group.add_parser("new", help="登记一件举报投诉（由本机关受理）")
    p.add_argument("--agency", required=True, help="被举报单位代码")
    p.add_argument("--received", required=True, help="收到日期 YYYY-MM-DD")
    p.add_argument("--channel", required=True, help=f"举报方式：{'、'.join(complaints.CHANNELS)}")
    p.add_argument("--grounds", required=True,
                   help="举报事项（第三条第几项，可多选，如 1,3）：" + "；".join(f"{n} {t}" for n, t in complaints.GROUNDS.items()))
    p.add_argument("--content", required=True, help="举报投诉的内容（将转被举报单位核查，不得含举报人信息）")
    p.add_argument("--name", help="举报人姓名（不填为匿名）")
    p.add_argument("--phone", help="举报人联系电话")
    p.add_argument("--address", help="举报人通信地址")
    p.add_argument("--email", help="举报人电子邮箱")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_new)

    p = group.add_parser("act", help="办理步骤：" + "、".join(f"{k}（{v}）" for k, v in complaints.STEPS.items()))
    p.add_argument("complaint", help="举报投诉编号")
    p.add_argument("step", metavar="STEP", choices=tuple(complaints.STEPS), help="办理步骤")
    p.add_argument("--date", help="办理日期，默认今天")
    p.add_argument("--note", help="调查情况、督办事项、答复说明或整改落实情况")
    p.add_argument("--finding", choices=complaints.FINDINGS, help="调查结论（reply）")
    p.add_argument("--follow-up", help="举报成立时责成被举报单位整改的事项（reply）")
    p.add_argument("--follow-up-due", help="整改期限 YYYY-MM-DD（reply）")
    p.add_argument("--expect-version", type=int, help="办理人所见的版本号；他人已修改则拒绝")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_act)

    p = group.add_parser("show", help="举报投诉详情和办理记录（举报人信息仅受理机关可见，默认部分隐去）")
    p.add_argument("complaint", help="举报投诉编号")
    p.add_argument("--reveal", action="store_true", help="显示完整的举报人信息（记入审计链）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_show)

    p = group.add_parser("list", help="举报投诉列表（不显示举报人）")
    p.add_argument("--agency", help="被举报单位代码")
    p.add_argument("--year", type=int, help="收到年度")
    p.add_argument("--state", choices=tuple(complaints.STATE_NAMES), help="状态")
    p.add_argument("--overdue", action="store_true", help="仅逾期未答复或逾期答复的")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_list)

    p = group.add_parser("letter", help="出具文书：" + "、".join(letters.COMPLAINT_KINDS))
    p.add_argument("complaint", help="举报投诉编号")
    p.add_argument("--kind", required=True, choices=letters.COMPLAINT_KINDS, help="文书类型")
    p.add_argument("--format", choices=("text", "docx"), default="text")
    p.add_argument("--out", type=Path, help="输出文件（docx 必填）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_letter)

    p = group.add_parser("export", help="导出举报投诉登记表（举报人信息默认部分隐去）")
    p.add_argument("--out", required=True, type=Path, help="输出文件")
    p.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    p.add_argument("--year", type=int, help="收到年度")
    p.add_argument("--agency", help="被举报单位代码")
    p.add_argument("--reveal", action="store_true", help="导出完整的举报人信息（仅受理机关；记入审计链，文件仅本人可读）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_export)


def cmd_new(args) -> int:
    actor = start()
    intake = complaints.Intake(args.agency, dates.parse(args.received, "received"), args.channel,
                               complaints.parse_grounds(args.grounds), args.content, args.name, args.phone,
                               args.address, args.email)
    shown = complaints.create(intake, actor, dates.today())
    return output.result(args, shown.as_json(), f"已登记举报投诉 {shown.number}（被举报单位：{shown.agency_name}），"
                                                f"待受理：gongkai complaint act {shown.number} accept")


def cmd_act(args) -> int:
    actor = start()
    shown = complaints.act(args.complaint, args.step, actor, dates.today(),
                           date=dates.parse(args.date, "date") if args.date else None, note=args.note,
                           finding=args.finding, follow_up=args.follow_up,
                           follow_up_due=dates.parse(args.follow_up_due, "follow_up_due") if args.follow_up_due else None,
                           version=args.expect_version)
    last = shown.steps[-1]
    return output.result(args, shown.as_json(), f"{shown.number}：已{complaints.STEPS[last.kind]}（{last.date}），"
                                                f"当前{shown.state_name}" + (f"，答复期限 {shown.due}" if shown.due else ""))


def describe(shown: complaints.ComplaintView) -> str:
    person = shown.complainant
    lines = [f"举报投诉 {shown.number}　{shown.state_name}" + ("　【逾期】" if shown.overdue else ""),
             f"被举报单位：{shown.agency_name}（{shown.agency}）",
             f"收到：{shown.received}　方式：{shown.channel}",
             f"举报事项：{shown.grounds_text()}",
             f"内容：{shown.content}",
             "举报人：" + (complaints.HIDDEN if person is None else
                         "　".join(v for v in (person.name, person.phone, person.email, person.address) if v)),
             f"受理：{shown.accepted_on or '—'}　答复期限：{shown.due or '—'}　答复：{shown.replied_on or '—'}"]
    if shown.finding:
        lines.append(f"调查结论：{shown.finding}")
    if shown.follow_up:
        lines.append(f"整改要求：{shown.follow_up}（{shown.follow_up_due} 前）　落实：{shown.rectified_on or '未登记'}")
    if shown.steps:
        lines.append("办理记录：")
        lines += [f"  {s.seq}. {s.date} {complaints.STEPS[s.kind]}（{s.login}）{s.note or ''}" for s in shown.steps]
    return "\n".join(lines)


def cmd_show(args) -> int:
    actor = start()
    shown = complaints.view(args.complaint, actor, dates.today(), reveal=args.reveal)
    return output.result(args, shown.as_json(), describe(shown))


def _filter(args) -> complaints.Filter:
    return complaints.Filter(agency=args.agency, year=args.year, state=getattr(args, "state", None),
                             overdue=getattr(args, "overdue", False))


def cmd_list(args) -> int:
    actor = start()
    found = complaints.search(_filter(args), actor, dates.today())
    if args.json:
        output.emit_json([c.as_json() for c in found])
        return 0
    output.table(["编号", "收到", "被举报单位", "事项", "状态", "答复期限", "结论"],
                 [(c.number, c.received, c.agency_name, "、".join(map(str, c.grounds)),
                   c.state_name + ("（逾期）" if c.overdue else ""), c.due or "—", c.finding or "—") for c in found])
    return 0


def cmd_letter(args) -> int:
    actor = start()
    doc = complaints.letter(args.complaint, args.kind, actor, dates.today())
    return output.document(args, doc, doc.as_json())


def cmd_export(args) -> int:
    actor = start()
    count = complaints.export(_filter(args), args.out, args.format, actor, dates.today(), reveal=args.reveal)
    return output.result(args, {"out": str(args.out), "rows": count, "revealed": args.reveal},
                         f"已导出 {count} 件举报投诉：{args.out}" + ("（含完整举报人信息，已记入审计链）" if args.reveal else ""))
