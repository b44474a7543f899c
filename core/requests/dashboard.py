"""What an officer needs to see first: how many requests are due, late, or
waiting, and the next annual-report milestone. Counts are SQL aggregates on
the cached due date, so they cost the same at 100 or 100,000 requests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from core.calendar import regimes
from core.calendar.workdays import calendar
from core.requests import lifecycle
from core.requests.service import ready_to_send
from core.store.models import Agency, Request

PAUSED_STATES = (lifecycle.SUSPENDED, lifecycle.CONSULTING, lifecycle.AWAITING_FEE)


@dataclass(frozen=True)
class Counts:
    due_today: int
    due_soon: int  # due today or within the next 3 working days
    overdue: int
    awaiting_correction: int
    paused: int
    open: int
    awaiting_acceptance: int  # received, not yet accepted, corrected or declined
    ready_to_send: int  # decided, reply cleared to go out


@dataclass(frozen=True)
class NextMilestone:
    date: dt.date
    who: str
    what: str
    days_left: int  # calendar days
    report_year: int


def counts(today: dt.date, agency: str | None = None) -> Counts:
    soon = calendar().add(today, 3)
    open_ = Request.state.in_(lifecycle.OPEN_STATES)
    case = pw.Case(None, (
        ((open_ & (Request.due == today)), "due_today"),
        ((open_ & (Request.due > today) & (Request.due <= soon)), "due_later"),
        ((open_ & (Request.due < today)), "overdue"),
    ), None)
    query = Request.select(case.alias("bucket"), pw.fn.COUNT(Request.id).alias("n")).where(open_)
    if agency:
        query = query.where(Request.agency == agency)
    buckets = {bucket: n for bucket, n in query.group_by(case).tuples() if bucket}
    states_query = Request.select(Request.state, pw.fn.COUNT(Request.id)).where(open_)
    if agency:
        states_query = states_query.where(Request.agency == agency)
    states = dict(states_query.group_by(Request.state).tuples())
    return Counts(
        due_today=buckets.get("due_today", 0), due_soon=buckets.get("due_today", 0) + buckets.get("due_later", 0),
        overdue=buckets.get("overdue", 0), awaiting_correction=states.get(lifecycle.AWAITING_CORRECTION, 0),
        paused=sum(states.get(s, 0) for s in PAUSED_STATES), open=sum(states.values()),
        awaiting_acceptance=states.get(lifecycle.RECEIVED, 0), ready_to_send=_ready_to_send(agency))


def _ready_to_send(agency: str | None) -> int:
    # The list's own condition, so the card and the list it opens agree.
    query = Request.select().where(ready_to_send())
    return (query.where(Request.agency == agency) if agency else query).count()


def next_milestone(today: dt.date, agency: str) -> NextMilestone | None:
    """The next annual-report date that concerns `agency`'s level, under the default regime."""
    level = Agency.get_by_id(agency).level
    regime = regimes.load().get(None)
    for report_year in (today.year - 1, today.year):
        for m in regime.annual_report:
            date = m.date_for(report_year)
            if date >= today and level in m.levels:
                return NextMilestone(date, m.who, m.what, (date - today).days, report_year)
    return None
