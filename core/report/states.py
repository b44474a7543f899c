"""Stored annual reports: what each agency entered, where its report stands
(未开始 → 编写中 → 已报送 → 已审核 → 已公布, with dates), the roll-up of the
agencies under a government, and the regime's schedule of milestones."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass

from core import home
from core.calendar import regimes
from core.chinese import refuse_invisible
from core.errors import IllegalTransition, InvalidInput
from core.organisation import agencies
from core.organisation.agencies import primary_name, under
from core.oversight import timeliness
from core.organisation.roles import ADMIN, LEADER, OFFICE_DIRECTOR, UserInfo, require_agency, require_role
from core.report import counting
from core.report import files as report_files
from core.report import national_format as annual_report
from core.report.national_format import Report
from core.review import store as reviews
from core.store import audit, settings
from core.store.db import write_transaction
from core.store.models import Agency, AnnualReport

NOT_STARTED, EDITING, SUBMITTED, APPROVED, PUBLISHED = "not_started", "editing", "submitted", "approved", "published"
STATES = (NOT_STARTED, EDITING, SUBMITTED, APPROVED, PUBLISHED)
STATE_NAMES = {NOT_STARTED: "未开始", EDITING: "编写中", SUBMITTED: "已报送", APPROVED: "已审核", PUBLISHED: "已公布"}
# Milestones in catalogs/regimes.yaml say which state an agency must have reached by their date.
MILESTONE_STATES = {"已报送": SUBMITTED, "已审核": APPROVED, "已公布": PUBLISHED}


def _row(code: str, year: int) -> AnnualReport | None:
    return AnnualReport.get_or_none(AnnualReport.agency == code, AnnualReport.year == year)


def _check_year(year: int, today: dt.date) -> None:
    if not 2008 <= year < today.year + 1:  # the first reports were for 2008 (条例 of 2007)
        raise InvalidInput("year", f"报告年度 {year} 无效（应为 2008 至 {today.year} 之间的已过或当前年度）")


def everything_under(code: str) -> list[str]:
    """`--include-all`: the bodies below `code`; a body with none has no roll-up to make, and
    saying so beats quietly handing back its own report under a roll-up's name."""
    found = under(code)
    if not found:
        raise InvalidInput("include", f"{agencies.name_of(agencies.existing(code).code)}（{code}）没有下属机关，无可汇总；"
                                      "生成本机关的报告请去掉 --include-all")
    return found


def _title(lead: Agency, bodies: list[Agency], year: int) -> str:
    """The bodies actually summed decide the name: a government with bodies outside its own
    departments (county governments, 中央、省驻玉单位) reports for its area."""
    lead_name = primary_name(lead.name)
    if not bodies:
        name = lead_name
    elif all((b.category or "").startswith(lead_name) for b in bodies):
        name = f"{lead_name}及所属机关"
    elif lead_name.endswith("人民政府"):
        name = lead_name.removesuffix("人民政府")
    else:
        name = f"{lead_name}等{len(bodies) + 1}个机关"
    return f"{name}{year}年政府信息公开工作年度报告"


def _scope(lead: Agency, bodies: list[Agency]) -> str:
    if not bodies:
        return ""
    groups: dict[str, list[str]] = {}
    for b in bodies:
        groups.setdefault(b.category or "其他机关", []).append(b.short_name)
    listed = "；".join(f"{category}{len(names)}个：{'、'.join(names)}" for category, names in groups.items())
    return f"本报告汇总了{primary_name(lead.name)}及{len(bodies)}个机关的数据。{listed}。"


def _issuer(lead: Agency, row: AnnualReport | None, today: dt.date) -> annual_report.Issuer:
    record = next((r for r in agencies.load_catalog() if r.code == lead.code), None)
    day = (row.published_on or row.approved_on) if row and row.state in (APPROVED, PUBLISHED) else None
    return annual_report.Issuer(primary_name(lead.name), day or today, home.website(),
                                (record.contact if record else None) or {})


def build(code: str, year: int, today: dt.date, includes: list[str] | None = None) -> Report:
    _check_year(year, today)
    lead = agencies.existing(code)
    includes = list(dict.fromkeys(c for c in (includes or []) if c != code))
    bodies = [agencies.existing(c) for c in includes]
    codes = [code, *includes]
    entered = {}
    for r in AnnualReport.select().where(AnnualReport.agency.in_(codes), AnnualReport.year.in_((year, year - 1))):
        entered[(r.agency_id, r.year)] = json.loads(r.entered)
    parts = counting.tables_of(codes, year, {c: entered.get((c, year), {}) for c in codes})
    before = annual_report.summed(list(counting.tables_of(
        codes, year - 1, {c: entered.get((c, year - 1), {}) for c in codes}).values()))
    timeliness = counting.timeliness(codes, year)
    now, then = annual_report.summed_timeliness(timeliness.values()), \
        annual_report.summed_timeliness(counting.timeliness(codes, year - 1).values())
    tables = annual_report.summed(list(parts.values()))
    row = _row(code, year)
    state = row.state if row else NOT_STARTED
    names = {lead.code: lead.short_name, **{b.code: b.short_name for b in bodies}}
    figures = tuple(annual_report.BodyFigures.of(c, names[c], parts[c], timeliness[c]) for c in codes) \
        if includes else ()
    return Report(code, primary_name(lead.name), year, _title(lead, bodies, year), tuple(includes),
                  _scope(lead, bodies), tables, json.loads(row.sections) if row else {},
                  counting.fees(codes, year), now, annual_report.compare(tables, now, before, then), figures,
                  _issuer(lead, row, today), state, STATE_NAMES[state], state in (APPROVED, PUBLISHED),
                  tuple(annual_report.identity_failures(tables)), settings.document_mark(),
                  _proactive(codes, year, today))


def _proactive(codes: list[str], year: int, today: dt.date) -> annual_report.ProactiveTimeliness:
    counts = timeliness.counts(timeliness.arising(codes, year, min(dt.date(year, 12, 31), today)))
    return annual_report.ProactiveTimeliness(counts.on_time, counts.late, counts.overdue)


def _editable(code: str, year: int) -> AnnualReport:
    row = _row(code, year)
    if row is None:
        return AnnualReport.create(agency=code, year=year, state=EDITING)
    if row.state != EDITING:
        raise IllegalTransition(f"{year}年度报告{STATE_NAMES[row.state]}，不能再修改")
    return row


def set_cells(code: str, year: int, cells: dict[str, float], actor: UserInfo, today: dt.date) -> Report:
    """Table 二's blocks the agency enters (行政许可, 行政处罚, 行政强制, 行政事业性收费)."""
    _check_year(year, today)
    agencies.existing(code)
    for name, value in cells.items():
        if name not in annual_report.ENTERED_CELLS:
            raise InvalidInput("cell", f"“{name}”不是可填写的栏目（可填：{'、'.join(annual_report.ENTERED_CELLS)}）")
        if not math.isfinite(value):
            raise InvalidInput("cell", f"“{name}”应为有限的数")
        if value < 0:
            raise InvalidInput("cell", f"“{name}”不能为负数")
        if name != "行政事业性收费" and value != int(value):
            raise InvalidInput("cell", f"“{name}”是件数，应为整数")
    require_agency(actor, code, "填写")
    with write_transaction():
        row = _editable(code, year)
        entered = {**json.loads(row.entered), **{k: (v if k == "行政事业性收费" else int(v)) for k, v in cells.items()}}
        AnnualReport.update(entered=json.dumps(entered, ensure_ascii=False), version=row.version + 1).where(
            AnnualReport.id == row.id).execute()
        audit.system_event(actor.login, "report_edit", {"agency": code, "year": year, "cells": cells})
    return build(code, year, today)


def set_section(code: str, year: int, number: str, text: str, actor: UserInfo, today: dt.date) -> Report:
    _check_year(year, today)
    agencies.existing(code)
    if number not in annual_report.NARRATIVE:
        raise InvalidInput("section", f"可编写的部分为 {'、'.join(annual_report.NARRATIVE)}（二、三、四为表格，由数据生成）")
    refuse_invisible("file", f"第{number}部分", text)
    require_agency(actor, code, "填写")
    with write_transaction():
        row = _editable(code, year)
        sections = {**json.loads(row.sections), number: text.strip()}
        AnnualReport.update(sections=json.dumps(sections, ensure_ascii=False), version=row.version + 1).where(
            AnnualReport.id == row.id).execute()
        audit.system_event(actor.login, "report_edit", {"agency": code, "year": year, "section": number})
    return build(code, year, today)


# action → (the states it starts from, the state it leads to, the roles that may take it (any), its name)
MOVES = {"submit": ((NOT_STARTED, EDITING), SUBMITTED, None, "报送"),
         "approve": ((SUBMITTED,), APPROVED, (LEADER, OFFICE_DIRECTOR), "审核"),
         "publish": ((APPROVED,), PUBLISHED, (OFFICE_DIRECTOR, ADMIN), "公布")}


def move(code: str, year: int, action: str, actor: UserInfo, today: dt.date,
         includes: list[str] | None = None) -> Report:
    """报送 (refused while an identity fails or a narrative section is empty), 审核, 公布
    (which also puts the report on the site's 年度报告 section)."""
    before, after, roles, name = MOVES[action]
    report = build(code, year, today, includes)
    require_agency(actor, code, f"{name}")
    if roles and not any(actor.has(r) for r in roles):
        require_role(actor, roles[0], f"{name}年度报告")
    if report.state not in before:
        raise IllegalTransition(f"{year}年度报告当前为“{STATE_NAMES[report.state]}”，不能{name}")
    if action == "submit":
        if report.failures:
            raise IllegalTransition(f"数据校验未通过，不能报送：{report.failures[0]}")
        missing = [t for n, t in annual_report.SECTIONS if n in ("一", "五") and not report.sections.get(n)]
        if missing:
            raise InvalidInput("section", f"“{missing[0]}”尚未填写")
    with write_transaction():
        row = _row(code, year) or AnnualReport.create(agency=code, year=year, state=EDITING)
        AnnualReport.update(state=after, version=row.version + 1,
                            **{f"{after}_on": today}).where(AnnualReport.id == row.id).execute()
        audit.system_event(actor.login, f"report_{action}", {"agency": code, "year": year})
    report = build(code, year, today, includes)
    if action == "publish":
        report_files.publish(report)
        # 保密制度: the published copy reaches the site only after its 保密审查, opened here as
        # `catalog add` opens one for a new entry.
        if reviews.for_subject("report", f"{code}/{year}") is None:
            reviews.create("report", f"{code}/{year}", actor, today)
    return report


@dataclass(frozen=True)
class AgencyState:
    code: str
    name: str
    state: str
    late: bool
    submitted_on: dt.date | None
    approved_on: dt.date | None
    published_on: dt.date | None

    def as_json(self) -> dict:
        return {"code": self.code, "name": self.name, "state": STATE_NAMES[self.state], "late": self.late,
                "submitted_on": self.submitted_on, "approved_on": self.approved_on,
                "published_on": self.published_on}


@dataclass(frozen=True)
class MilestoneStatus:
    date: dt.date
    who: str
    what: str
    expects: str
    days_left: int
    agencies: tuple[AgencyState, ...]

    def as_json(self) -> dict:
        return {"date": self.date, "who": self.who, "what": self.what, "expects": STATE_NAMES[self.expects],
                "days_left": self.days_left, "agencies": [a.as_json() for a in self.agencies]}


def _reached(state: str, wanted: str) -> bool:
    return STATES.index(state) >= STATES.index(wanted)


def schedule(year: int, today: dt.date) -> list[MilestoneStatus]:
    """For report year `year`, each milestone of the default regime with every agency
    of the levels it concerns, its report's state, and whether it is late."""
    regime = regimes.load().get(None)
    rows = {r.agency_id: r for r in AnnualReport.select().where(AnnualReport.year == year)}
    agencies = list(Agency.select().order_by(Agency.sort_order, Agency.code))
    result = []
    for m in regime.annual_report:
        due = m.date_for(year)
        wanted = MILESTONE_STATES[m.expects]
        states = []
        for a in agencies:
            if a.level not in m.levels:
                continue
            row = rows.get(a.code)
            state = row.state if row else NOT_STARTED
            late = today > due and not (_reached(state, wanted) and getattr(row, f"{wanted}_on") <= due)
            states.append(AgencyState(a.code, primary_name(a.name), state, late, getattr(row, "submitted_on", None),
                                      getattr(row, "approved_on", None), getattr(row, "published_on", None)))
        result.append(MilestoneStatus(due, m.who, m.what, wanted, (due - today).days, tuple(states)))
    return result
