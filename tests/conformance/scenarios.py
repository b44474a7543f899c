"""The runner behind the rules conformance tables (one file per regime).

Each row is a scenario an auditor would test: how and when a request arrived,
what was done on which date, the day it is looked at — and what the law says
should follow: the binding due date, the request's state, whether it is
overdue, and the row of the annual report (table 三) where it counts. The
expected values are written by hand from the texts (条例, seed 004, 国办函
〔2020〕109号, the national report format), never computed by the code under test.

A scenario runs end to end through the service layer on a real database
(SQLite, and PostgreSQL in CI); its report row is checked by counting table 三
before and after it with the report's own SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from core.errors import GongkaiError
from core.organisation import users
from core.report import counting
from core.requests import service as requests
from core.requests.intake import Intake
from core.requests.lifecycle import Params

D = dt.date
AGENCY = "YXSZFB"
CARRIED_OUT = "四、结转下年度继续办理"
STRUCTURE = ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（七）总计", CARRIED_OUT)


@dataclass(frozen=True)
class Step:
    action: str
    date: dt.date
    params: dict
    who: str


def step(action: str, date: dt.date, who: str = "zhaomin", **params) -> Step:
    return Step(action, date, params, who)


@dataclass(frozen=True)
class Scenario:
    name: str  # what the row tests, with its source
    received: dt.date | None
    steps: tuple[Step, ...]
    today: dt.date
    due: dt.date | None  # the binding final due date
    state: str  # the request's state as the officer reads it
    overdue: bool
    report: tuple[int, str] | None  # (report year, table 三 row) where the request counts
    intake: dict = field(default_factory=dict)  # channel, submitted, confirmed, received_reason
    refused: str | None = None  # the last step (or the intake) is refused with exactly this message

    def __str__(self) -> str:
        return self.name


def row(name, received, steps, today, due, state, overdue, report, refused=None, **intake) -> Scenario:
    return Scenario(name, received, tuple(steps), today, due, state, overdue, report, intake, refused)


def _table(year: int) -> dict[str, tuple]:
    return {r.label: r.values for r in counting.table_b(AGENCY, year) if r.values is not None}


def run(s: Scenario, regime: str) -> None:
    before = _table(s.report[0]) if s.report else None
    intake = Intake(agency=AGENCY, received=s.received, channel=s.intake.get("channel", "当面"),
                    applicant_type="自然人", applicant_name="张三", content=s.name, regime=regime,
                    submitted=s.intake.get("submitted"), confirmed=s.intake.get("confirmed"),
                    received_reason=s.intake.get("received_reason"))
    clerk = users.get("zhaomin")
    if s.refused and not s.steps:
        with pytest.raises(GongkaiError) as refusal:
            requests.create(intake, clerk, s.today)
        assert str(refusal.value) == s.refused
        return
    view = requests.create(intake, clerk, s.today)
    for i, st in enumerate(s.steps):
        act = lambda: requests.act(view.id, st.action, Params(date=st.date, **st.params),  # noqa: E731
                                   users.get(st.who), s.today)
        if s.refused and i == len(s.steps) - 1:
            with pytest.raises(GongkaiError) as refusal:
                act()
            assert str(refusal.value) == s.refused
        else:
            act()
    view = requests.get(view.id, s.today)
    assert (view.deadline.final_due, view.state_name, view.deadline.overdue) == (s.due, s.state, s.overdue), \
        view.deadline.explanation
    if s.report:
        after = _table(s.report[0])
        changed = {label: tuple(a - b for a, b in zip(after[label], before[label]))
                   for label in after if after[label] != before[label]}
        # One 自然人 request more in its row (and the totals); no other result row moved.
        assert changed.get(s.report[1], (0,))[0] == 1, changed
        assert [label for label in changed if label not in STRUCTURE] == (
            [] if s.report[1] in STRUCTURE else [s.report[1]]), changed
