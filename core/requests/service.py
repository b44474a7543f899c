"""依申请公开 requests: logging, actions, and reading them back with their
deadline. Every change is one transaction writing the new state and one
hash-chained event; a stale write is refused, never merged."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, fields

import peewee as pw

from core.calendar import regimes
from core.calendar.workdays import calendar
from core.errors import ConcurrentEdit, InvalidInput, NotFound
from core.organisation.roles import UserInfo, require_agency
from core.publish.authenticity import text_hash
from core.requests import letters, lifecycle, outcomes
from core.requests.deadline import ClockEvent, Deadline, compute
from core.requests.intake import Intake, check_intake
from core.review import rules as review
from core.store import audit
from core.store.db import database, is_sqlite, write_transaction
from core.store.models import Agency, Event, Request, RequestCounter, Review, User


@dataclass(frozen=True)
class EventView:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    action_name: str
    date: dt.date
    data: dict

    def as_json(self) -> dict:
        return {"seq": self.seq, "at": self.at, "actor": self.actor, "action": self.action,
                "action_name": self.action_name, "date": self.date, "data": self.data}


@dataclass(frozen=True)
class RequestView:
    id: int
    number: str
    agency: str
    agency_name: str
    regime: str
    received: dt.date
    channel: str
    applicant_type: str
    applicant_name: str
    applicant_id: str | None
    applicant_phone: str | None
    applicant_address: str | None
    applicant_email: str | None
    content: str
    form_wanted: str | None
    handler: str | None
    state: str
    state_name: str
    accepted_on: dt.date | None
    outcome: str | None
    reason_code: int | None
    outcome_text: str
    decided_on: dt.date | None
    replied_on: dt.date | None
    extension_days: int
    fee_method: str | None
    fee_amount: int | None
    fee_status: str | None
    version: int
    deadline: Deadline
    allowed_actions: tuple[str, ...]
    events: tuple[EventView, ...] = field(default=())
    handler_name: str | None = None

    def as_json(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("deadline", "events")}
        data["deadline"] = self.deadline.as_json()
        data["events"] = [e.as_json() for e in self.events]
        return data


_ACTION_NAMES = {"receive": "登记", "imported_decision": "台账导入（办结）", "case": "登记复议/诉讼",
                 "case_result": "复议/诉讼结果", **lifecycle.ACTION_NAMES}


def load_events(request_id: int) -> list[Event]:
    return list(Event.select().where(Event.request == request_id).order_by(Event.seq))


def _dates(events: list[Event]) -> dict[int, dt.date]:
    """Each event's effective date: as recorded, or as a later `amend` event corrected it."""
    effective = {e.seq: e.date for e in events}
    for e in events:
        if e.action == "amend":
            data = json.loads(e.data)
            effective[data["event"]] = dt.date.fromisoformat(data["to"])
    return effective


def _clock(events: list[Event]) -> list[ClockEvent]:
    effective = _dates(events)
    found = (lifecycle.clock_event(e.action, effective[e.seq], json.loads(e.data)) for e in events
             if e.action in lifecycle.CLOCK_EVENTS)
    return [c for c in found if c is not None]


def deadline_for(row: Request, events: list[Event], today: dt.date) -> Deadline:
    return compute(_clock(events), regimes.load().get(row.regime), calendar(), today)


def _view(row: Request, events: list[Event], today: dt.date) -> RequestView:
    handler = User.get_by_id(row.handler_id) if row.handler_id else None
    return RequestView(
        id=row.id, number=row.number, agency=row.agency_id, agency_name=row.agency.short_name, regime=row.regime,
        received=row.received, channel=row.channel, applicant_type=row.applicant_type,
        applicant_name=row.applicant_name, applicant_id=row.applicant_id, applicant_phone=row.applicant_phone,
        applicant_address=row.applicant_address, applicant_email=row.applicant_email, content=row.content,
        form_wanted=row.form_wanted, handler=handler.login if handler else None,
        handler_name=handler.name if handler else None, state=row.state,
        state_name=lifecycle.STATE_NAMES[row.state], accepted_on=row.accepted_on, outcome=row.outcome,
        reason_code=row.reason_code, outcome_text=outcomes.describe(row.outcome, row.reason_code),
        decided_on=row.decided_on, replied_on=row.replied_on, extension_days=row.extension_days,
        fee_method=row.fee_method, fee_amount=row.fee_amount, fee_status=row.fee_status, version=row.version,
        deadline=deadline_for(row, events, today), allowed_actions=lifecycle.allowed(row.state),
        events=tuple(EventView(e.seq, e.at, e.actor, e.action, _ACTION_NAMES.get(e.action, e.action), e.date,
                               json.loads(e.data)) for e in events),
    )


def find_row(key: int | str) -> Request:
    query = Request.select(Request, Agency).join(Agency)
    text = str(key).strip()
    # An id is ASCII digits within the column's range (str.isdigit also says yes to "²").
    is_id = text.isascii() and text.isdigit() and int(text) < 2 ** 63
    row = query.where(Request.id == int(text)).first() if is_id else \
        query.where(Request.number == text.upper()).first()
    if row is None:
        raise NotFound(f"申请 {text} 不存在")
    return row


def get(key: int | str, today: dt.date, viewer: UserInfo | None = None) -> RequestView:
    """A request as it stands; with `viewer` (an officer asking), only within their agency's remit.
    Without one it is the application reading for itself (a letter, a review's subject)."""
    row = find_row(key)
    if viewer is not None:
        require_agency(viewer, row.agency_id, "查看", read_only=True)
    return _view(row, load_events(row.id), today)


def record_personal_data_read(view: RequestView, actor: UserInfo, via: str) -> None:
    """Who looked at whose identity and contact details, and when (the details are not copied)."""
    if any((view.applicant_id, view.applicant_phone, view.applicant_address, view.applicant_email)):
        with write_transaction():
            audit.system_event(actor.login, "read_personal_data", {"request": view.number, "via": via})


def create(intake: Intake, actor: UserInfo, today: dt.date) -> RequestView:
    values, errors = check_intake(intake, today)
    if errors:
        raise errors[0]
    require_agency(actor, values["agency"], "登记")
    received = values["received"]
    receipt = values.pop("receipt", {})
    with write_transaction():
        seq = next_numbers(values["agency"], received.year)
        salt, data = receive_record(values)
        row = Request.create(
            number=f"{values['agency']}-{received.year}-{seq:04d}", year=received.year, seq=seq,
            state=lifecycle.RECEIVED, head_hash=audit.GENESIS, personal_salt=salt,
            handler=values.pop("handler"), agency=values.pop("agency"), **values)
        event = audit.new_event(row, 1, audit.GENESIS, actor.login, "receive", received,
                                {**data, **({"receipt": receipt} if receipt else {})})
        deadline = deadline_for(row, [event], today)
        Request.update(head_hash=event.hash, due=deadline.final_due, provisional=deadline.provisional) \
            .where(Request.id == row.id).execute()
    return get(row.id, today)


def next_numbers(agency: str, year: int, count: int = 1) -> int:
    """The first of the agency-year's next `count` numbers, from its counter row held until the
    transaction ends (on SQLite the write transaction already holds the database)."""
    RequestCounter.insert(agency=agency, year=year, last=0).on_conflict_ignore().execute()
    query = RequestCounter.select(RequestCounter.last).where(RequestCounter.agency == agency,
                                                             RequestCounter.year == year)
    last = (query if is_sqlite() else query.for_update()).scalar()
    RequestCounter.update(last=last + count).where(RequestCounter.agency == agency,
                                                   RequestCounter.year == year).execute()
    return last + 1


def receive_record(values: dict) -> tuple[str, dict]:
    """(salt, receive event data) for a new request's column `values`: the event records every
    value but the applicant's personal fields, and a salted commitment to those."""
    salt, committed = audit.personal_record(values)
    after = {k: v for k, v in values.items()
             if v is not None and k not in audit.PERSONAL_FIELDS and k not in ("agency", "handler")}
    return salt, {"after": after, "personal": committed}


def _fee_items_this_month(row: Request) -> int:
    month_start = row.received.replace(day=1)
    who = (Request.applicant_id == row.applicant_id) if row.applicant_id else \
        (Request.applicant_name == row.applicant_name)
    return Request.select().where(
        who & (Request.agency == row.agency_id) & (Request.received >= month_start)
        & (Request.received <= row.received) & (Request.id <= row.id)).count()


def append_event(row: Request, events: list[Event], actor_login: str, action: str, date: dt.date, data: dict,
                 fields: dict, today: dt.date) -> Event:
    """Write a request's next chained event with its new column values and
    refreshed deadline, in one UPDATE that fails if someone else wrote first.
    Every change to a request after intake goes through here."""
    event = audit.new_event(row, events[-1].seq + 1, row.head_hash, actor_login, action, date, data)
    events.append(event)
    for name, value in fields.items():
        setattr(row, name, value)
    deadline = deadline_for(row, events, today)
    updated = Request.update(
        **fields, due=deadline.final_due, provisional=deadline.provisional, head_hash=event.hash,
        version=row.version + 1, updated_at=dt.datetime.now(),
    ).where((Request.id == row.id) & (Request.version == row.version)).execute()
    if updated != 1:
        raise ConcurrentEdit()
    row.head_hash, row.version = event.hash, row.version + 1
    return event


def act(key: int | str, action: str, params: lifecycle.Params, actor: UserInfo, today: dt.date,
        expected_version: int | None = None, dry_run: bool = False) -> RequestView | Deadline:
    """Apply one action in one transaction. `expected_version` is the version
    the officer was looking at; if someone changed the request since, the
    action is refused and nothing is written."""
    with write_transaction():
        query = Request.select(Request, Agency).join(Agency).where(Request.id == find_row(key).id)
        row = query.first() if is_sqlite() else query.for_update(of=Request).first()
        require_agency(actor, row.agency_id, "办理")
        if expected_version is not None and row.version != expected_version:
            raise ConcurrentEdit()
        events = load_events(row.id)
        regime = regimes.load().get(row.regime)
        current = deadline_for(row, events, today)
        effective = list(zip(events, _dates(events).values()))
        snap = lifecycle.Snapshot(
            state=row.state, regime=regime, received=row.received,
            last_event_date=max(d for e, d in effective if e.action != "amend"),
            final_due=current.final_due, extension_days=row.extension_days, outcome=row.outcome,
            fee_items_this_month=_fee_items_this_month(row) if action == "fee" else 0,
            reply_cleared=action == "reply" and row.outcome in outcomes.DISCLOSING and _reply_cleared(row, today),
            deadline=current, fee_method=row.fee_method, fee_amount=row.fee_amount,
            corrections_sent=sum(1 for e in events if e.action == "correct"),
            history=tuple((e.seq, e.action, d) for e, d in effective))
        change = lifecycle.apply(snap, action, params, actor, today)
        after, data = change.record({k: getattr(row, k) for k in (*change.fields, "state")})
        if dry_run:  # the rules said yes; nothing is written — the deadline it would lead to
            clock = _clock(events)
            extra = lifecycle.clock_event(action, params.date, data)
            return compute(clock + ([extra] if extra else []), regime, calendar(), today)
        append_event(row, events, actor.login, action, params.date, data, after, today)
    return get(row.id, today)


def _reply_cleared(row: Request, today: dt.date) -> bool:
    """An approved 保密审查 of the 答复书 exactly as it would go out now."""
    letter = letters.compose(get(row.id, today), "答复", today)
    return Review.select().where(Review.subject_kind == "reply", Review.subject_ref == row.number,
                                 Review.state == review.APPROVED,
                                 Review.content_hash == text_hash(letter.as_text())).exists()


@dataclass(frozen=True)
class Summary:
    """One row of the request list."""

    id: int
    number: str
    agency: str
    received: dt.date
    applicant_type: str
    applicant_name: str
    content: str
    state: str
    state_name: str
    due: dt.date | None
    days_left: int | None
    provisional: bool
    overdue: bool

    def as_json(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Filter:
    agency: str | None = None
    state: str | None = None
    applicant_type: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    text: str | None = None  # number, applicant or content
    overdue: bool = False
    due_within: int | None = None  # working days from today
    open_only: bool = False
    states: tuple[str, ...] = ()
    ready_to_send: bool = False  # decided, and the reply may go out: nothing disclosed, or its review approved


SORTABLE = {"number": Request.number, "received": Request.received, "applicant_type": Request.applicant_type,
            "applicant_name": Request.applicant_name,
            "state": Request.state, "due": Request.due, "content": Request.content}


def where(f: Filter, today: dt.date):
    """The SQL condition of a list filter (the list, its count and its export share it)."""
    cond = pw.SQL("1 = 1")
    if f.agency:
        cond &= Request.agency == f.agency
    if f.state:
        cond &= Request.state == f.state
    if f.states:
        cond &= Request.state.in_(f.states)
    if f.applicant_type:
        cond &= Request.applicant_type == f.applicant_type
    if f.received_from:
        cond &= Request.received >= f.received_from
    if f.received_to:
        cond &= Request.received <= f.received_to
    if f.text and f.text.strip():
        needle = f.text.strip()
        cond &= (Request.number.contains(needle) | Request.applicant_name.contains(needle)
                 | Request.content.contains(needle))
    if f.open_only or f.overdue or f.due_within is not None:
        cond &= Request.state.in_(lifecycle.OPEN_STATES)
    if f.overdue:
        cond &= Request.due < today
    if f.due_within is not None:
        cond &= (Request.due >= today) & (Request.due <= calendar().add(today, f.due_within))
    if f.ready_to_send:
        cond &= ready_to_send()
    return cond


def ready_to_send():
    """Decided requests whose reply may be sent now (保密审查制度第五条: a disclosing reply only
    after its review was approved). The letter's hash is checked again when it is sent."""
    approved = Review.select(Review.subject_ref).where(Review.subject_kind == "reply",
                                                       Review.state == review.APPROVED)
    return (Request.state == lifecycle.DECIDED) & (
        Request.outcome.not_in(outcomes.DISCLOSING) | Request.number.in_(approved))


def count(f: Filter, today: dt.date) -> int:
    return Request.select().where(where(f, today)).count()


def search(f: Filter, today: dt.date, *, order: str = "received", descending: bool = True,
           limit: int = 100, offset: int = 0) -> list[Summary]:
    """One page of matching requests, sorted in SQL so the page is cheap
    whatever the table size."""
    column = SORTABLE.get(order)
    if column is None:
        raise InvalidInput("order", f"排序字段应为 {' / '.join(SORTABLE)} 之一")
    ordering = [column.desc() if descending else column.asc(), Request.id.desc() if descending else Request.id]
    rows = (Request.select(Request.id, Request.number, Request.agency, Request.received, Request.applicant_type,
                           Request.applicant_name, Request.content, Request.state, Request.due, Request.provisional)
            .where(where(f, today)).order_by(*ordering).limit(limit).offset(offset))
    cal = calendar()
    result = []
    for r in rows:
        open_ = r.state in lifecycle.OPEN_STATES
        days_left = None
        if r.due is not None and open_:
            days_left = cal.between(today, r.due) if today <= r.due else -cal.between(r.due, today)
        result.append(Summary(r.id, r.number, r.agency_id, r.received, r.applicant_type, r.applicant_name,
                              r.content, r.state, lifecycle.STATE_NAMES[r.state], r.due, days_left,
                              r.provisional, bool(open_ and r.due is not None and r.due < today)))
    return result


def last_change() -> dt.datetime | None:
    """When any request last changed (or was logged): what a screen polls to stay current
    when other officers work on the same database."""
    return Request.select(pw.fn.MAX(Request.updated_at)).scalar()


def refresh_deadlines(today: dt.date, only_provisional: bool = True) -> int:
    """Recompute the cached due date of open requests: those whose date was
    provisional (after a new year's holiday arrangement is imported), or all of
    them (after the rules or the regimes changed: `gongkai init`)."""
    changed = 0
    query = Request.select(Request.id).where(Request.state.in_(lifecycle.OPEN_STATES))
    ids = [r.id for r in (query.where(Request.provisional) if only_provisional else query)]
    for request_id in ids:
        with database.atomic():
            row = Request.get_by_id(request_id)
            deadline = deadline_for(row, load_events(row.id), today)
            if (deadline.final_due, deadline.provisional) != (row.due, row.provisional):
                Request.update(due=deadline.final_due, provisional=deadline.provisional) \
                    .where(Request.id == row.id).execute()
                changed += 1
    return changed


def preview_deadline(received: dt.date, regime_code: str | None, today: dt.date) -> Deadline:
    """The deadline a new request would get if accepted on the day it arrived
    (what the intake form shows before saving)."""
    regime = regimes.load().get(regime_code)
    events = [ClockEvent("received", received), ClockEvent("accepted", received)]
    return compute(events, regime, calendar(), today)
