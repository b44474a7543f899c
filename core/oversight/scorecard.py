"""考核: each body's scorecard for a year, computed from what is recorded (考核制度第五条), every
figure traceable to the rows it counts. The measures weighed and their points are regime data
(regimes.yaml `assessment`); each measure is a share done right (good / (good + bad)) earning
its weight, or a deduction of `deduct` points per case down to nothing.

The year's figures are counted as of its last day, or as of today while it runs: replies follow
the annual report's own timeliness rule (a decision in the year replied within the binding
window; requests past due and unanswered at the end), so the two never disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from core import dates
from core.calendar import regimes
from core.calendar.regimes import ASSESSED_MEASURES, Assessment
from core.errors import InvalidInput, PermissionDenied
from core.organisation import agencies
from core.organisation.roles import ADMIN, LEADER, UserInfo
from core.oversight import complaints, timeliness
from core.report import counting
from core.report import states as report_states
from core.requests import outcomes
from core.store.models import Agency, Case, Complaint, Request

FIGURES = {
    "received": "收到申请",
    "answered_on_time": "按时答复",
    "replied_late": "逾期答复",
    "overdue_open": "逾期未答复",
    "extended": "延期答复",
    "cases_not_corrected": "复议诉讼审结未被纠正",
    "cases_corrected": "复议诉讼被纠正",
    "proactive_on_time": "主动公开按时发布更新",
    "proactive_late": "主动公开逾期发布更新",
    "proactive_overdue": "主动公开逾期未发布更新",
    "complaints": "收到举报投诉",
    "complaints_unfounded": "举报投诉查证不成立",
    "complaints_founded": "举报投诉查证成立",
    "milestones_met": "年度报告按时完成节点",
    "milestones_missed": "年度报告逾期节点",
}
# Each measure's figures done right and done wrong.
PARTS = {
    "reply_on_time": (("answered_on_time",), ("replied_late", "overdue_open")),
    "proactive_on_time": (("proactive_on_time",), ("proactive_late", "proactive_overdue")),
    "cases_not_corrected": (("cases_not_corrected",), ("cases_corrected",)),
    "complaints_founded": (("complaints_unfounded",), ("complaints_founded",)),
    "report_milestones": (("milestones_met",), ("milestones_missed",)),
}
assert set(PARTS) == set(ASSESSED_MEASURES)


@dataclass(frozen=True)
class Scored:
    measure: str
    name: str
    weight: float
    deduct: float | None
    good: int
    bad: int
    points: float

    @property
    def rate(self) -> float | None:
        total = self.good + self.bad
        return self.good / total if total else None

    def as_json(self) -> dict:
        return {"measure": self.measure, "name": self.name, "weight": self.weight, "deduct": self.deduct,
                "good": self.good, "bad": self.bad, "rate": None if self.rate is None else round(self.rate, 4),
                "points": self.points}


@dataclass(frozen=True)
class Scorecard:
    agency: str
    name: str
    year: int
    as_of: dt.date
    figures: dict[str, int]
    scored: tuple[Scored, ...]
    total: float
    grade: str
    basis: str
    short_name: str = ""

    def as_json(self) -> dict:
        return {"agency": self.agency, "name": self.name, "year": self.year, "as_of": self.as_of,
                "figures": self.figures, "scored": [s.as_json() for s in self.scored], "total": self.total,
                "grade": self.grade, "basis": self.basis}


def period(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """The year counted: 1 January to its last day, or to today while it runs."""
    if year not in dates.YEARS:
        raise InvalidInput("year", f"年度应在 {dates.YEARS.start}–{dates.YEARS.stop - 1} 之间")
    if year > today.year:
        raise InvalidInput("year", f"{year} 年尚未开始")
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)


def request_conditions(start: dt.date, end: dt.date) -> dict:
    replied = Request.decided_on.between(start, end) & Request.replied_on.is_null(False) & \
        Request.due.is_null(False)
    return {
        "received": Request.received.between(start, end),
        "answered_on_time": replied & (Request.replied_on <= Request.due),
        "replied_late": replied & (Request.replied_on > Request.due),
        "overdue_open": counting.overdue_unanswered(end),
        "extended": Request.received.between(start, end) & (Request.extension_days > 0),
    }


def _case_conditions(start: dt.date, end: dt.date) -> dict:
    closed = Case.closed_on.between(start, end) & (Case.result != outcomes.CASE_PENDING)
    return {"cases_not_corrected": closed & (Case.result != "纠正"), "cases_corrected": closed & (Case.result == "纠正")}


def _complaint_conditions(start: dt.date, end: dt.date) -> dict:
    answered = Complaint.replied_on.between(start, end)
    return {"complaints": Complaint.received.between(start, end),
            "complaints_unfounded": answered & (Complaint.finding == "不成立"),
            "complaints_founded": answered & Complaint.finding.in_(complaints.FOUNDED)}


def _counted(model, key, conditions: dict, codes: list[str], into: dict) -> None:
    for figure, condition in conditions.items():
        query = model.select(key, pw.fn.COUNT(pw.SQL("*"))).where(condition, key.in_(codes)).group_by(key)
        if model is Case:
            query = query.join(Request)
        for code, n in query.tuples():
            into[code][figure] = n


def _proactive(codes: list[str], year: int, end: dt.date) -> dict[str, list[timeliness.Obligation]]:
    by_body: dict[str, list[timeliness.Obligation]] = {code: [] for code in codes}
    for o in timeliness.arising(codes, year, end):
        by_body[o.agency].append(o)
    return by_body


_PROACTIVE = {"proactive_on_time": (timeliness.ON_TIME,), "proactive_late": (timeliness.LATE,),
              "proactive_overdue": (timeliness.OVERDUE,)}


def report_milestones(year: int, end: dt.date) -> dict[str, list[tuple[dt.date, str, bool]]]:
    """Each body's annual-report milestones that fell due in `year` (for the report on the year
    before) by `end`: (date, what was expected, met)."""
    found: dict[str, list] = {}
    for milestone in report_states.schedule(year - 1, end):
        if milestone.date > end:
            continue
        for state in milestone.agencies:
            found.setdefault(state.code, []).append(
                (milestone.date, report_states.STATE_NAMES[milestone.expects], not state.late))
    return found


def visible(actor: UserInfo, wanted: list[str] | None) -> list[str] | None:
    """The bodies `actor` may see scored: a leader or the administrator every body (None), an officer
    their own and those under it — what the database lets them count."""
    if actor.has(ADMIN) or actor.has(LEADER):
        return wanted or None
    allowed = [actor.agency, *agencies.under(actor.agency)]
    for code in wanted or ():
        if code not in allowed:
            agencies.existing(code)
            raise PermissionDenied(f"{actor.name}属于{actor.agency_name}，不能查看{agencies.name_of(code)}的考核数据")
    return wanted or allowed


def _assessment(code: str, table: regimes.Regimes) -> Assessment:
    found = table.overseeing(agencies.regime_of(code), "assessment")
    if found is None:
        raise InvalidInput("regime", "regimes.yaml 中没有考核办法（assessment）")
    return found


def bodies(only: list[str] | None = None) -> list[Agency]:
    """The bodies assessed or inspected: every one (or those of `only`, each checked), in the
    agencies' own order."""
    found = list(Agency.select().order_by(Agency.sort_order, Agency.code))
    for code in only or ():
        agencies.existing(code)
    return [b for b in found if b.code in only] if only else found


def cards(year: int, today: dt.date, only: list[str] | None = None) -> list[Scorecard]:
    """Every body's scorecard (or those of `only`), in the agencies' order."""
    start, end = period(year, today)
    assessed = bodies(only)
    codes = [b.code for b in assessed]
    figures = {code: dict.fromkeys(FIGURES, 0) for code in codes}
    _counted(Request, Request.agency, request_conditions(start, end), codes, figures)
    _counted(Case, Request.agency, _case_conditions(start, end), codes, figures)
    _counted(Complaint, Complaint.agency, _complaint_conditions(start, end), codes, figures)
    for code, owed in _proactive(codes, year, end).items():
        for figure, statuses in _PROACTIVE.items():
            figures[code][figure] = sum(o.status in statuses for o in owed)
    milestones = report_milestones(year, end)
    for code in codes:
        met = [m for m in milestones.get(code, []) if m[2]]
        figures[code]["milestones_met"] = len(met)
        figures[code]["milestones_missed"] = len(milestones.get(code, [])) - len(met)
    table = regimes.load()
    return [_card(b, year, end, figures[b.code], _assessment(b.code, table)) for b in assessed]


def _card(body: Agency, year: int, end: dt.date, figures: dict[str, int], assessment: Assessment) -> Scorecard:
    scored = []
    for weighed in assessment.measures:
        good_figures, bad_figures = PARTS[weighed.measure]
        good = sum(figures[f] for f in good_figures)
        bad = sum(figures[f] for f in bad_figures)
        if weighed.deduct is not None:
            points = max(0.0, weighed.weight - weighed.deduct * bad)
        else:
            points = weighed.weight * (good / (good + bad)) if good + bad else weighed.weight
        scored.append(Scored(weighed.measure, ASSESSED_MEASURES[weighed.measure], weighed.weight, weighed.deduct,
                             good, bad, round(points, 2)))
    total = round(sum(s.points for s in scored), 1)
    return Scorecard(body.code, agencies.primary_name(body.name), year, end, figures, tuple(scored), total,
                     assessment.grade(total), assessment.basis, body.short_name)


SORTS = ("total", "order", "code")


def ordered(cards: list[Scorecard], key: str, reverse: bool = False) -> list[Scorecard]:
    """Highest first by total or by one measure's points (lowest first with `reverse`); in the
    agencies' own order (agencies.yaml, the official list) or by code."""
    if key == "order":
        found = list(cards)
    elif key == "code":
        found = sorted(cards, key=lambda c: c.agency)
    elif key == "total":
        found = sorted(cards, key=lambda c: -c.total)
    else:
        measures = [s.measure for s in cards[0].scored] if cards else []
        if key not in measures:
            raise InvalidInput("order", f"排序应为 {' / '.join(SORTS + tuple(measures))} 之一")
        found = sorted(cards, key=lambda c: -next(s.points for s in c.scored if s.measure == key))
    return found[::-1] if reverse else found


def figure_of(name: str) -> str:
    """A figure by its code or its Chinese name (收到申请, 逾期答复 …)."""
    found = name if name in FIGURES else next((k for k, v in FIGURES.items() if v == name), None)
    if found is None:
        raise InvalidInput("measure", f"未知的考核数据项 {name!r}，应为 {'、'.join(FIGURES.values())} 之一"
                                      f"（或其代码 {' / '.join(FIGURES)}）")
    return found


@dataclass(frozen=True)
class Traced:
    """One row a figure counts: a request, a case, an entry's publication or update, a complaint
    or an annual-report milestone."""

    ref: str
    date: dt.date | None
    detail: str

    def as_json(self) -> dict:
        return {"ref": self.ref, "date": self.date, "detail": self.detail}


def trace(code: str, year: int, figure: str, today: dt.date) -> list[Traced]:
    """The rows behind one figure of one body's scorecard."""
    agencies.existing(code)
    return traced([code], year, figure, today)[code]


def traced(codes: list[str], year: int, figure: str, today: dt.date, proactive: dict | None = None,
           milestones: dict | None = None) -> dict[str, list[Traced]]:
    """The rows behind one figure for each of the bodies: one query for them all. The catalogue's
    obligations and the report milestones, when several figures are traced, are passed in so that
    they are worked out once (`_proactive`, `report_milestones`)."""
    figure = figure_of(figure)
    start, end = period(year, today)
    found: dict[str, list[Traced]] = {code: [] for code in codes}
    requests = request_conditions(start, end)
    cases = _case_conditions(start, end)
    lodged = _complaint_conditions(start, end)
    if figure in requests:
        query = Request.select(Request.agency, Request.number, Request.received, Request.due, Request.replied_on,
                               Request.extension_days).where(requests[figure], Request.agency.in_(codes))
        for r in query.order_by(Request.number):
            found[r.agency_id].append(Traced(
                r.number, r.received, f"收到 {r.received}，期限 {r.due or '—'}，答复 {r.replied_on or '未答复'}"
                + (f"，延期 {r.extension_days} 个工作日" if r.extension_days else "")))
    elif figure in cases:
        query = Case.select(Case, Request.number, Request.agency).join(Request).where(
            cases[figure], Request.agency.in_(codes))
        for c in query.order_by(Case.id):
            found[c.request.agency_id].append(Traced(f"{c.request.number} 案件{c.id}", c.closed_on,
                                                     f"{c.kind}，{c.result}，{c.filed_on} 立案"))
    elif figure in lodged:
        for c in Complaint.select().where(lodged[figure], Complaint.agency.in_(codes)).order_by(Complaint.number):
            found[c.agency_id].append(Traced(c.number, c.received, f"收到 {c.received}，{complaints.STATE_NAMES[c.state]}"
                                             + (f"，结论：{c.finding}" if c.finding else "")))
    elif figure in _PROACTIVE:
        proactive = proactive if proactive is not None else _proactive(codes, year, end)
        for code in codes:
            found[code] = [Traced(f"{o.index_no} {o.kind}", o.start, f"{o.title}：{o.start} 起 {o.days} 个工作日，"
                                  f"应于 {o.due} 前，{o.done or '未完成'}（{o.status}）")
                           for o in proactive[code] if o.status in _PROACTIVE[figure]]
    else:
        milestones = milestones if milestones is not None else report_milestones(year, end)
        met = figure == "milestones_met"
        for code in codes:
            found[code] = [Traced(f"{year - 1}年度报告", date, f"{date} 前应{expects}")
                           for date, expects, ok in milestones.get(code, []) if ok == met]
    return found


def all_traced(cards: list[Scorecard], today: dt.date) -> dict[str, dict[str, list[Traced]]]:
    """figure → body → its rows, for every figure of the cards (all of one year)."""
    if not cards:
        return {}
    codes, year = [c.agency for c in cards], cards[0].year
    end = period(year, today)[1]
    proactive, milestones = _proactive(codes, year, end), report_milestones(year, end)
    return {figure: traced(codes, year, figure, today, proactive, milestones) for figure in FIGURES}
