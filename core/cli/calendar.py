"""`gongkai calendar …`: working-day arithmetic and holiday data."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from itertools import islice
from pathlib import Path
from typing import Iterable, TextIO

from core import dates
from core.calendar import holidays, shared
from core.calendar.workdays import WorkCalendar, WorkdayResult, calendar, md, md_range, missing_reason
from core.cli import output
from core.cli.parser import ArgumentParser, year
from core.errors import InvalidInput
from core.organisation import roles
from core.session import start


def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("calendar", help="工作日计算与节假日安排").add_subparsers(
        dest="action", metavar="操作", parser_class=ArgumentParser)

    p = group.add_parser("add", help="某日之后第 N 个工作日（当日不计）")
    p.add_argument("--days", type=int, required=True, help="工作日数 N")
    p.add_argument("date", nargs="?", help="起算日期 YYYY-MM-DD")
    p.add_argument("--stdin", action="store_true", help="从标准输入逐行读取日期，每行输出一个 JSON 对象")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_add)

    p = group.add_parser("between", help="两日之间的工作日数（起日不计，止日计入）")
    p.add_argument("start")
    p.add_argument("end")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_between)

    p = group.add_parser("show", help="某年的放假和调休上班安排及数据来源")
    p.add_argument("year", type=year)
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_show)

    p = group.add_parser("import", help="校验并安装某年的节假日安排文件（catalogs/holidays/YYYY.yaml）")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_import)


def cmd_add(args) -> int:
    cal = calendar()
    if args.stdin:
        if args.date:
            raise InvalidInput("date", "使用 --stdin 时不要再给出日期参数")
        _add_lines(cal, args.days, sys.stdin, sys.stdout)
        return 0
    if not args.date:
        raise InvalidInput("date", "请给出起算日期，或使用 --stdin")
    result = cal.add_checked(dates.parse(args.date), args.days)
    if args.json:
        output.emit_json(result.as_json())
        return 0
    output.say(f"{result.start} 之后第{result.days}个工作日：{result.date}"
               + (f"（暂估：{result.reason}，按周末双休计算）" if result.provisional else ""))
    return 0


def _add_lines(cal: WorkCalendar, days: int, lines: Iterable[str], out: TextIO) -> None:
    """`add --stdin`: one compact JSON object per non-blank line, in order, written a chunk at a
    time; a bad line stops the run with every line before it answered."""
    numbered = enumerate(lines, 1)
    while chunk := list(islice(numbered, 10_000)):
        starts: list[dt.date] = []
        problem = None
        for number, line in chunk:
            if line.strip():
                try:
                    starts.append(dates.parse(line, f"第{number}行"))
                except InvalidInput as exc:
                    problem = exc
                    break
        try:
            results = cal.add_many(starts, days)
        except InvalidInput as exc:  # a result past the calendar's end: it comes before `problem`
            results, problem = _answered_before_failure(cal, starts, days), exc
        out.write("".join(map(json_line, results)))
        if problem is not None:
            raise problem


def _answered_before_failure(cal: WorkCalendar, starts: list[dt.date], days: int) -> list[WorkdayResult]:
    results = []
    for start in starts:
        try:
            results.append(cal.add_checked(start, days))
        except InvalidInput:
            break
    return results


def json_line(result: WorkdayResult) -> str:
    """`result.as_json()` as one compact line; the usual exact date is formatted directly (a
    script may send hundreds of thousands of dates, and json.dumps would be most of the time)."""
    if result.provisional:
        return output.to_json(result.as_json(), compact=True) + "\n"
    return f'{{"start":"{result.start}","days":{result.days},"date":"{result.date}","provisional":false}}\n'


def cmd_between(args) -> int:
    cal = calendar()
    start, end = dates.parse(args.start, "start"), dates.parse(args.end, "end")
    days = cal.between(start, end)
    missing = cal.missing_years(start, end)
    reason = missing_reason(missing) if missing else None
    if args.json:
        output.emit_json({"start": start, "end": end, "days": days, "provisional": bool(missing),
                          **({"reason": reason} if missing else {})})
        return 0
    output.say(f"{start} 至 {end}：{days} 个工作日" + (f"（暂估：{reason}）" if missing else ""))
    return 0


def cmd_show(args) -> int:
    cal = calendar()
    entered = cal.years.get(args.year)
    if entered is None:
        message = f"{args.year}年节假日安排尚未录入：按周末双休计算，相关期限均标注为暂估。录入方法：gongkai calendar import {args.year}.yaml"
        if args.json:
            output.emit_json({"year": args.year, "source": None, "holidays": [], "message": message})
        else:
            output.say(message)
        return 0
    if args.json:
        output.emit_json(entered.as_json())
        return 0
    notice = f"，{entered.notice}" + (f"（{entered.notice_date}）" if entered.notice_date else "") if entered.notice else ""
    output.say(f"{args.year}年节假日安排（来源：{entered.source}{notice}）")
    output.table(["节日", "放假", "天数", "调休上班"],
                 [(p.name, md_range(p.start, p.end), len(p.days()), "、".join(md(d) for d in p.makeup_days) or "—")
                  for p in entered.periods])
    return 0


def cmd_import(args) -> int:
    actor = start()
    # Every officer's deadlines move with it: the administrator's act, on the record.
    roles.require_role(actor, roles.ADMIN, "导入节假日安排")
    result = holidays.import_file(args.file)
    if result.notice:
        sys.stderr.write(result.notice + "\n")
    shared.record(result.year, result.path.read_text(encoding="utf-8"), actor.login, result.replaced)
    # Deadlines that were provisional for want of this year are exact now.
    from core.requests import service as requests  # the request machinery only for `import`

    refreshed = requests.refresh_deadlines(dates.today())
    if args.json:
        output.emit_json({"year": result.year, "path": str(result.path), "replaced": result.replaced,
                          "deadlines_updated": refreshed, **result.holiday_year.as_json()})
        return 0
    output.say(f"已{'替换' if result.replaced else '安装'} {result.year} 年节假日安排：{result.path}"
               f"（{len(result.holiday_year.periods)} 个假期，"
               f"调休上班 {len(result.holiday_year.makeup_days())} 天）")
    output.say(f"已重新计算 {refreshed} 件申请的暂估答复期限")
    return 0
