"""监督检查: for each body, every failure listed in 责任追究制度第六条 that the recorded data can show,
and a 通报 draft for the leading group's office.

What the data shows: replies past their window (第（二）项), 主动公开 items published or updated late
or not at all (第（三）项), a catalogue not kept up (第（四）项), fees off the national standard
(第（八）项), founded complaints whose follow-up is not done in time (第（九）项), complaints found to
hold, under the item their ground names, and annual-report milestones missed (年度报告制度第六条（一）). A skipped 保密审查 (第（七）项) cannot happen here: the
site publishes only what the database holds a completed review of, for its very text, so the
check says so instead of pretending to look."""

from __future__ import annotations

import datetime as dt
import json
from calendar import monthrange
from dataclasses import dataclass, field
from pathlib import Path

from core.calendar import regimes
from core.organisation import agencies
from core.oversight import complaints, scorecard, timeliness
from core.publish import catalogue
from core.requests import fees
from core.requests.letters import cn_date
from core.store.models import Complaint, Event, Request

ARTICLE = "《玉溪市政府办公室信息公开责任追究制度》第六条"
ITEMS = {
    "二": "应当公开的事项没有按要求时限公开",
    "三": "不履行主动公开义务、不及时更新主动公开内容",
    "四": "不提供或者不及时更新本机关的政府信息公开目录",
    "八": "违反规定收费",
    "九": "对群众提出的意见和建议未整改或整改不力",
    "十一": "其他违反政府信息公开有关规定的行为",
    "年报": "不按规定时间编制、报送、公布政府信息公开工作年度报告",
}
BASES = {"年报": "《玉溪市政府办公室信息公开工作年度报告制度》第六条第（一）项"}
REVIEW_NOTE = ("第六条第（七）项（未执行保密审查程序）：本系统只发布数据库中保存有完整三级保密审查、且审查的正是现行文本的信息，"
               "未经审查、审查未完成或审查后文本被修改的，网站构建时一律不予发布，因此不会出现未经保密审查即公开的情形，本项无需由数据检查。")
SHOWN_REFS = 10  # a 通报 names this many and says how many more
# A complaint found to hold is a failure of the item of 第六条 its ground (举报调查制度第三条) names.
GROUND_ITEMS = {1: "三", 2: "四", 3: "八", 4: "十一", 5: "十一", 6: "十一"}
# The order of the items in the 通报.
ITEM_ORDER = ("二", "三", "四", "八", "九", "十一", "年报")


@dataclass(frozen=True)
class Finding:
    item: str  # 第六条's item (二, 三 …) or 年报
    what: str  # the failure, as counted
    refs: tuple[str, ...]
    unit: str = "件"

    @property
    def basis(self) -> str:
        return BASES.get(self.item) or f"{ARTICLE}第（{self.item}）项"

    def as_json(self) -> dict:
        return {"item": self.item, "title": ITEMS[self.item], "basis": self.basis, "what": self.what,
                "count": len(self.refs), "refs": list(self.refs)}


@dataclass(frozen=True)
class Body:
    agency: str
    name: str
    findings: tuple[Finding, ...]

    def as_json(self) -> dict:
        return {"agency": self.agency, "name": self.name, "findings": [f.as_json() for f in self.findings]}


@dataclass(frozen=True)
class Inspection:
    year: int
    as_of: dt.date
    bodies: tuple[Body, ...]
    notes: tuple[str, ...] = field(default=())

    def as_json(self) -> dict:
        return {"year": self.year, "as_of": self.as_of, "bodies": [b.as_json() for b in self.bodies],
                "notes": list(self.notes)}


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it has no such day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _fees_off_standard(start: dt.date, end: dt.date) -> dict[str, list[str]]:
    """Fee notices whose amount is not what 国办函〔2020〕109号 gives for their own basis."""
    found: dict[str, list[str]] = {}
    query = Event.select(Event.data, Request.number, Request.agency).join(Request).where(
        Event.action == "fee", Event.date.between(start, end))
    for event in query:
        data = json.loads(event.data)
        if "nth_in_month" in data:
            standard = fees.by_item(int(data["nth_in_month"]))
        elif "pages" in data:
            standard = fees.by_volume(int(data["pages"]))
        else:
            continue
        if int(data.get("amount", standard)) != standard:
            found.setdefault(event.request.agency_id, []).append(
                f"{event.request.number}（收取{data.get('amount')}元，标准{standard}元）")
    return found


def run(year: int, today: dt.date, only: list[str] | None = None) -> Inspection:
    start, end = scorecard.period(year, today)
    bodies = scorecard.bodies(only)
    codes = [b.code for b in bodies]
    late_replies: dict[str, list[str]] = {}
    conditions = scorecard.request_conditions(start, end)
    for figure, what in (("replied_late", "逾期答复"), ("overdue_open", "逾期未答复")):
        for number, code in Request.select(Request.number, Request.agency).where(
                conditions[figure], Request.agency.in_(codes)).order_by(Request.number).tuples():
            late_replies.setdefault(code, []).append(f"{number}（{what}）")
    entries: dict[str, list] = {code: [] for code in codes}
    for e in catalogue.load_all():
        if e.agency in entries:
            entries[e.agency].append(e)
    failed: dict[str, list] = {code: [] for code in codes}
    for o in timeliness.arising(codes, year, end, [e for mine in entries.values() for e in mine]):
        if o.failed:
            failed[o.agency].append(o)
    fees_off = _fees_off_standard(start, end)
    unrectified = {}
    for c in Complaint.select().where(Complaint.agency.in_(codes), Complaint.finding.in_(complaints.FOUNDED),
                                      Complaint.follow_up_due < end):
        if c.rectified_on is None or c.rectified_on > c.follow_up_due:
            unrectified.setdefault(c.agency_id, []).append(
                f"{c.number}（整改期限{c.follow_up_due}，" + (f"{c.rectified_on}落实）" if c.rectified_on else "未落实）"))
    founded: dict[str, dict[str, list[str]]] = {}
    for c in Complaint.select().where(Complaint.agency.in_(codes), Complaint.finding.in_(complaints.FOUNDED),
                                      Complaint.replied_on.between(start, end)).order_by(Complaint.number):
        for item in dict.fromkeys(GROUND_ITEMS[int(g)] for g in c.grounds.split(",")):
            founded.setdefault(c.agency_id, {}).setdefault(item, []).append(f"{c.number}（{c.finding}）")
    milestones = scorecard.report_milestones(year, end)
    table = regimes.load()
    result = []
    for body in bodies:
        found = []
        if late_replies.get(body.code):
            found.append(Finding("二", "依申请公开逾期答复或逾期未答复", tuple(late_replies[body.code])))
        if failed[body.code]:
            found.append(Finding("三", "主动公开信息逾期发布、更新或逾期未发布、更新",
                                 tuple(f"{o.index_no}（{o.kind}{o.status}，应于{o.due}前）" for o in failed[body.code])))
        months = table.overseeing(agencies.regime_of(body.code), "inspection").catalogue_months
        latest = max((d for e in entries[body.code] for d in (e.published, e.updated) if d and d <= end),
                     default=None)
        if latest is None:
            found.append(Finding("四", "政府信息公开目录中没有本机关已发布的条目", ()))
        elif latest < _months_before(end, months):
            found.append(Finding("四", f"政府信息公开目录自{latest}以来{months}个月以上未发布或更新条目", ()))
        if fees_off.get(body.code):
            found.append(Finding("八", "收费金额与国办函〔2020〕109号标准不符", tuple(fees_off[body.code])))
        if unrectified.get(body.code):
            found.append(Finding("九", "查实的举报投诉逾期未整改落实", tuple(unrectified[body.code])))
        for item, refs in founded.get(body.code, {}).items():
            found.append(Finding(item, "举报投诉经调查成立或部分成立", tuple(refs)))
        missed = [f"{date}前应{expects}" for date, expects, met in milestones.get(body.code, []) if not met]
        if missed:
            found.append(Finding("年报", f"{year - 1}年度报告逾期", tuple(missed), "个节点"))
        found.sort(key=lambda f: ITEM_ORDER.index(f.item))  # stable: a body's findings under one item stay in order
        result.append(Body(body.code, agencies.primary_name(body.name), tuple(found)))
    notes = [REVIEW_NOTE]
    if not fees_off:
        notes.append("第六条第（八）项（违反规定收费）：检查期内的收费通知金额均与国办函〔2020〕109号标准一致"
                     "（系统按该标准计算收费金额）。")
    return Inspection(year, end, tuple(result), tuple(notes))


def _refs(finding: Finding) -> str:
    if not finding.refs:
        return ""
    shown = "、".join(finding.refs[:SHOWN_REFS])
    more = len(finding.refs) - SHOWN_REFS
    return f"：{shown}" + (f"等，共{len(finding.refs)}{finding.unit}" if more > 0 else "")


def _lines(found: Inspection) -> list[tuple[str, str]]:
    """(kind, text) in the 通报's order: heading / paragraph."""
    faulty = [b for b in found.bodies if b.findings]
    lines = [("paragraph", f"根据《玉溪市政府办公室信息公开工作监督检查制度》和{ARTICLE}，对{len(found.bodies)}个单位"
                           f"{found.year}年1月1日至{found.as_of.month}月{found.as_of.day}日的政府信息公开工作，"
                           "依据政务公开工作台登记的办理数据进行了检查。现将检查情况通报如下："),
             ("heading", "一、总体情况"),
             ("paragraph", f"检查的{len(found.bodies)}个单位中，{len(found.bodies) - len(faulty)}个单位未发现问题，"
                           f"{len(faulty)}个单位存在责任追究制度第六条所列情形。")]
    if faulty:
        lines.append(("heading", "二、发现的问题"))
        for n, body in enumerate(faulty, 1):
            lines.append(("subheading", f"（{_cn(n)}）{body.name}"))
            for i, finding in enumerate(body.findings, 1):
                count = f"{len(finding.refs)}{finding.unit}" if finding.refs else ""
                lines.append(("paragraph", f"{i}. {ITEMS[finding.item]}（{finding.basis}）。{finding.what}{count}"
                                           f"{_refs(finding)}。"))
    lines.append(("heading", f"{'三' if faulty else '二'}、说明"))
    lines += [("paragraph", note) for note in found.notes]
    if faulty:
        lines.append(("heading", "四、整改要求"))
        lines.append(("paragraph", "请上述单位对照通报的问题逐项整改，于文到之日起15个工作日内将整改情况书面报送"
                                   "市政务公开领导小组办公室。对整改不力的，按照责任追究制度第七条追究责任。"))
    return lines


_CN_NUMBERS = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_NUMBERS[tens - 1]) + "十" + (_CN_NUMBERS[ones - 1] if ones else "")


def title(found: Inspection) -> str:
    return f"关于{found.year}年度政府信息公开工作监督检查情况的通报"


def as_text(found: Inspection) -> str:
    return "\n".join([title(found) + "（草稿）", ""] + [text for _, text in _lines(found)])


def notice(found: Inspection, path: Path, mark: str | None, issuer: str, today: dt.date) -> None:
    """The 通报 as a Word draft (marked 草稿 on every page, or 培训 on a training database)."""
    from core import word

    doc = word.new_document(mark or "草稿", title=title(found), author=issuer)
    word.title(doc, title(found))
    for kind, text in _lines(found):
        if kind == "heading":
            word.heading(doc, text, 1)
        elif kind == "subheading":
            word.heading(doc, text, 2)
        else:
            word.paragraph(doc, text)
    word.paragraph(doc, issuer, indent=False, align="right")
    word.paragraph(doc, cn_date(today), indent=False, align="right")
    word.save(doc, path)
