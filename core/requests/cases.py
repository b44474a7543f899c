"""行政复议 and 行政诉讼 brought over a request's decision, with their results,
for the annual report's table 四. Attaching or updating a case is an event in
the request's own chain."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.chinese import plain
from core.errors import IllegalTransition, InvalidInput, NotFound
from core.organisation.roles import UserInfo
from core.requests import outcomes
from core.requests.service import append_event, find_row, load_events
from core.store.db import write_transaction
from core.store.models import Case, Request


@dataclass(frozen=True)
class CaseView:
    id: int
    number: str
    kind: str
    result: str
    filed_on: dt.date
    closed_on: dt.date | None
    note: str | None

    def as_json(self) -> dict:
        return {"id": self.id, "request": self.number, "kind": self.kind, "result": self.result,
                "filed_on": self.filed_on, "closed_on": self.closed_on, "note": self.note}


def _check(kind: str, result: str, filed_on: dt.date, closed_on: dt.date | None, today: dt.date) -> None:
    if kind not in outcomes.CASE_KINDS:
        raise InvalidInput("kind", f"案件类型应为 {'、'.join(outcomes.CASE_KINDS)} 之一")
    if result not in outcomes.CASE_RESULTS:
        raise InvalidInput("result", f"案件结果应为 {'、'.join(outcomes.CASE_RESULTS)} 之一")
    if filed_on > today:
        raise InvalidInput("filed_on", f"立案日期 {filed_on} 晚于今天 {today}")
    if result == outcomes.CASE_PENDING and closed_on:
        raise InvalidInput("closed_on", "尚未审结的案件不应有审结日期")
    if result != outcomes.CASE_PENDING and closed_on is None:
        raise InvalidInput("closed_on", f"结果为“{result}”的案件须填写审结日期")
    if closed_on and (closed_on < filed_on or closed_on > today):
        raise InvalidInput("closed_on", f"审结日期 {closed_on} 应在立案日期 {filed_on} 与今天之间")


def attach(key: int | str, kind: str, result: str, filed_on: dt.date, closed_on: dt.date | None,
           note: str | None, actor: UserInfo, today: dt.date) -> CaseView:
    _check(kind, result, filed_on, closed_on, today)
    note = plain("note", note)
    with write_transaction():
        row = find_row(key)
        if not row.decided_on:
            raise IllegalTransition(f"申请 {row.number} 尚未作出决定，不能登记复议或诉讼")
        if filed_on < row.decided_on:
            raise InvalidInput("filed_on", f"立案日期 {filed_on} 早于决定日期 {row.decided_on}")
        case = Case.create(request=row, kind=kind, result=result, filed_on=filed_on, closed_on=closed_on, note=note)
        append_event(row, load_events(row.id), actor.login, "case", filed_on,
                     {"case": case.id, "kind": kind, "result": result, "closed_on": closed_on, "note": note}, {},
                     today)
    return view(case.id)


def update(case_id: int, result: str, closed_on: dt.date | None, actor: UserInfo, today: dt.date) -> CaseView:
    with write_transaction():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise NotFound(f"案件 {case_id} 不存在")
        _check(case.kind, result, case.filed_on, closed_on, today)
        before = {"result": case.result, "closed_on": case.closed_on}
        Case.update(result=result, closed_on=closed_on).where(Case.id == case_id).execute()
        row = Request.get_by_id(case.request_id)
        append_event(row, load_events(row.id), actor.login, "case_result", closed_on or today,
                     {"case": case_id, "before": before, "after": {"result": result, "closed_on": closed_on}}, {},
                     today)
    return view(case_id)


def view(case_id: int) -> CaseView:
    case = Case.select(Case, Request).join(Request).where(Case.id == case_id).get()
    return CaseView(case.id, case.request.number, case.kind, case.result, case.filed_on, case.closed_on, case.note)


def for_request(key: int | str) -> list[CaseView]:
    row = find_row(key)
    return [view(c.id) for c in Case.select(Case.id).where(Case.request == row.id).order_by(Case.id)]
