"""`gongkai request …`."""

from __future__ import annotations

import argparse
from pathlib import Path

from core import dates
from core.cli import export, output
from core.cli.parser import ArgumentParser
from core.errors import InvalidInput
from core.organisation import agencies, roles
from core.requests import applicants, cases, letters, lifecycle, outcomes
from core.requests import service as requests
from core.requests.intake import Intake
from core.session import start


def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("request", help="依申请公开申请：登记、办理、查询").add_subparsers(
        dest="action", metavar="操作", parser_class=ArgumentParser)

    p = group.add_parser("new", help="登记一件新申请")
    p.add_argument("--agency", required=True, help="受理机关代码")
    p.add_argument("--received", help="收到申请日期 YYYY-MM-DD（给出 --submitted/--confirmed 时按申请方式计算）")
    p.add_argument("--submitted", help="申请人提交（当面、口头）或寄出、发送的日期")
    p.add_argument("--confirmed", help="行政机关签收（邮寄）或与申请人确认（网络、传真、电子邮件、平常信函）的日期")
    p.add_argument("--received-reason", help="收到日期与按申请方式计算的日期不同时，说明理由")
    p.add_argument("--channel", required=True, help=f"申请方式：{'、'.join(applicants.CHANNELS)}")
    p.add_argument("--applicant-type", required=True, help=f"申请人类型：{'、'.join(applicants.APPLICANT_TYPES)}")
    p.add_argument("--applicant-name", required=True, help="申请人姓名或名称")
    p.add_argument("--applicant-id", help="居民身份证号码或统一社会信用代码")
    p.add_argument("--applicant-phone", help="联系电话")
    p.add_argument("--applicant-address", help="通信地址")
    p.add_argument("--applicant-email", help="电子邮箱")
    p.add_argument("--content", required=True, help="所需信息的内容描述")
    p.add_argument("--form", dest="form_wanted", help=f"获取信息的方式：{'、'.join(applicants.FORMS)}")
    p.add_argument("--handler", help="承办人登录名")
    p.add_argument("--regime", help="期限制度（默认见 catalogs/regimes.yaml）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_new)

    p = group.add_parser("act", help="办理操作：" + "、".join(f"{a}（{n}）" for a, n in lifecycle.ACTION_NAMES.items()))
    p.add_argument("id", help="申请 id 或编号")
    p.add_argument("act", metavar="ACTION", choices=lifecycle.ACTIONS, help="操作")
    p.add_argument("--date", help="操作生效日期，默认今天")
    p.add_argument("--reason", help="理由或说明")
    p.add_argument("--outcome", choices=outcomes.KINDS, help="办理结果（decide）")
    p.add_argument("--reason-code", type=int, help="理由编号（按年度报告分类）；withdraw：1 逾期不补正、2 逾期未缴费、3 申请人撤回")
    p.add_argument("--published", help="decide 予以公开：该信息已主动公开的获取途径（网址、公报期号等）")
    p.add_argument("--event", type=int, help="amend：日期有误的办理记录序号（request show 的 #）")
    p.add_argument("--corrected", help="amend：更正后的日期 YYYY-MM-DD")
    p.add_argument("--days", type=int, help="延期工作日数（extend）")
    p.add_argument("--item", dest="items", action="append", default=[], help="补正事项，可重复（correct）")
    p.add_argument("--period", dest="period_days", type=int, help="补正期限，工作日（correct）")
    p.add_argument("--to-agency", dest="agency", help="负责公开该信息的机关（decline）")
    p.add_argument("--method", help="收费方式：按件 / 按量（fee）")
    p.add_argument("--pages", type=int, help="页数（按量收费）")
    p.add_argument("--letter", help="答复文书编号或说明（reply）")
    p.add_argument("--expect-version", type=int, help="办理人所见的版本号；他人已修改则拒绝")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_act)

    p = group.add_parser("show", help="申请详情、期限说明和办理记录")
    p.add_argument("id", help="申请 id 或编号")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_show)

    p = group.add_parser("list", help="申请列表")
    p.add_argument("--overdue", action="store_true", help="仅逾期未办结")
    p.add_argument("--due-within", type=int, metavar="N", help="N 个工作日内到期")
    p.add_argument("--state", choices=tuple(lifecycle.STATE_NAMES), help="状态")
    p.add_argument("--agency", help="机构代码")
    p.add_argument("--search", help="按编号、申请人、内容查找")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_list)

    p = group.add_parser("letter", help="出具告知书/答复书（文本或 Word）")
    p.add_argument("id", help="申请 id 或编号")
    p.add_argument("--kind", choices=letters.KINDS, help="文书类型，默认为最近一步需要的文书")
    p.add_argument("--format", choices=("text", "docx"), default="text")
    p.add_argument("--out", type=Path, help="输出文件（docx 必填）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_letter)

    p = group.add_parser("case", help="登记针对该申请的行政复议或行政诉讼")
    p.add_argument("id", help="申请 id 或编号")
    p.add_argument("--kind", required=True, choices=outcomes.CASE_KINDS)
    p.add_argument("--result", default=outcomes.CASE_PENDING, choices=outcomes.CASE_RESULTS)
    p.add_argument("--filed", required=True, help="立案（申请）日期")
    p.add_argument("--closed", help="审结日期")
    p.add_argument("--note", help="备注")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_case)

    p = group.add_parser("case-result", help="登记复议或诉讼的结果")
    p.add_argument("case_id", type=int, help="案件 id")
    p.add_argument("--result", required=True, choices=outcomes.CASE_RESULTS)
    p.add_argument("--closed", help="审结日期")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_case_result)

    export.register_import(group)


def cmd_new(args) -> int:
    actor = start()
    intake = Intake(
        agency=args.agency, received=dates.parse(args.received, "received") if args.received else None,
        channel=args.channel,
        applicant_type=args.applicant_type, applicant_name=args.applicant_name, content=args.content,
        applicant_id=args.applicant_id, applicant_phone=args.applicant_phone,
        applicant_address=args.applicant_address, applicant_email=args.applicant_email,
        form_wanted=args.form_wanted, handler=args.handler, regime=args.regime,
        submitted=dates.parse(args.submitted, "submitted") if args.submitted else None,
        confirmed=dates.parse(args.confirmed, "confirmed") if args.confirmed else None,
        received_reason=args.received_reason)
    view = requests.create(intake, actor, dates.today())
    return output.result(args, view.as_json(),
                         f"已登记 {view.number}（id {view.id}）：{view.deadline.explanation}")


def cmd_act(args) -> int:
    actor = start()
    today = dates.today()
    params = lifecycle.Params(
        date=dates.parse(args.date, "date") if args.date else today, reason=args.reason, outcome=args.outcome,
        reason_code=args.reason_code, days=args.days, items=tuple(args.items), period_days=args.period_days,
        agency=args.agency, method=args.method, pages=args.pages, letter=args.letter, published=args.published,
        event=args.event, corrected=dates.parse(args.corrected, "corrected") if args.corrected else None)
    view = requests.act(args.id, args.act, params, actor, today, args.expect_version)
    if args.json:
        output.emit_json(view.as_json())
    else:
        output.say(f"{view.number}：{lifecycle.ACTION_NAMES[args.act]}完成，当前状态“{view.state_name}”")
        output.say(f"期限：{view.deadline.explanation}")
    return 0


def cmd_show(args) -> int:
    actor = start()
    view = requests.get(args.id, dates.today(), actor)
    requests.record_personal_data_read(view, actor, "request show")
    if args.json:
        output.emit_json(view.as_json())
        return 0
    d = view.deadline
    output.say(f"{view.number}  {view.state_name}  {view.agency_name}")
    output.say(f"申请人：{view.applicant_name}（{view.applicant_type}）  收到：{view.received}  方式：{view.channel}")
    output.say(f"内容：{view.content}")
    if view.outcome:
        output.say(f"办理结果：{view.outcome_text}（{view.decided_on}）")
    due = d.final_due or "—"
    left = "" if d.days_left is None else (f"，剩余{d.days_left}个工作日" if d.days_left >= 0 else f"，已逾期{-d.days_left}个工作日")
    output.say(f"答复期限：{due}{left}{'（暂估）' if d.provisional else ''}")
    output.say(f"期限说明：{d.explanation}")
    output.table(["#", "日期", "操作", "办理人", "记录时间"],
                 [(e.seq, e.date, e.action_name, e.actor, e.at) for e in view.events])
    return 0


def cmd_list(args) -> int:
    if args.limit < 1:
        raise InvalidInput("limit", "条数应为正整数")
    actor = start()
    if args.agency:
        args.agency = agencies.existing(args.agency).code
        roles.require_agency(actor, args.agency, "查看", read_only=True)
    agency = args.agency or (None if actor.has(roles.ADMIN) else actor.agency)
    f = requests.Filter(agency=agency, state=args.state, text=args.search, overdue=args.overdue,
                        due_within=args.due_within)
    rows = requests.search(f, dates.today(), order="due" if (args.overdue or args.due_within is not None) else "received",
                           descending=not (args.overdue or args.due_within is not None), limit=args.limit)
    if args.json:
        output.emit_json([r.as_json() for r in rows])
        return 0
    output.table(["编号", "收到", "申请人类型", "状态", "期限", "剩余工作日", "内容"],
                 [(r.number, r.received, r.applicant_type, r.state_name, r.due or "—",
                   "" if r.days_left is None else r.days_left, r.content[:20]) for r in rows])
    return 0


def cmd_letter(args) -> int:
    actor = start()
    today = dates.today()
    letter = letters.compose(requests.get(args.id, today, actor), args.kind, today)
    return output.document(args, letter, letter.as_json())


def _emit_case(args, case) -> int:
    return output.result(args, case.as_json(),
                         f"案件 {case.id}（{case.number}）：{case.kind}，{case.result}"
                         + (f"，{case.closed_on} 审结" if case.closed_on else ""))


def cmd_case(args) -> int:
    actor = start()
    today = dates.today()
    case = cases.attach(args.id, args.kind, args.result, dates.parse(args.filed, "filed_on"),
                        dates.parse(args.closed, "closed_on") if args.closed else None, args.note,
                        actor, today)
    return _emit_case(args, case)


def cmd_case_result(args) -> int:
    actor = start()
    case = cases.update(args.case_id, args.result, dates.parse(args.closed, "closed_on") if args.closed else None,
                        actor, dates.today())
    return _emit_case(args, case)
