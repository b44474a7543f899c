"""The statutory reply deadline of one request, as a pure function of its
clock events, its regime and the working-day calendar.

Rules (rules.md §2–§3, seed 004 依申请公开制度第六条(五), 条例第三十条–第三十三条):
* the window is `reply_days` working days after the start, the start day not counted;
* the start is 受理 (`yuxi`) or 收到申请 (`national-2019`); after a 补正 the window
  starts again on the day the corrected application arrives;
* a pause (中止, or under the 条例 third-party consultation and fee waiting) stops
  the clock: working days up to and including the day it stops are used, the
  days until it resumes are not, counting resumes after the resume day;
* an extension adds working days counted from the original due date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .regimes import Regime
from .workdays import WorkCalendar, missing_reason

RECEIVED = "received"
ACCEPTED = "accepted"
CORRECTION_REQUESTED = "correction_requested"
CORRECTED = "corrected"
CONSULTATION_STARTED = "consultation_started"
CONSULTATION_ENDED = "consultation_ended"
SUSPENDED = "suspended"
RESUMED = "resumed"
FEE_NOTICE = "fee_notice"
FEE_PAID = "fee_paid"
FEE_WAIVED = "fee_waived"
EXTENDED = "extended"
REPLIED = "replied"
WITHDRAWN = "withdrawn"

# regime.paused_by name → (event that stops the clock, events that restart it, wording)
PAUSE_EVENTS = {
    "suspension": (SUSPENDED, (RESUMED,), "中止", "恢复"),
    "consultation": (CONSULTATION_STARTED, (CONSULTATION_ENDED,), "征求意见", "征求意见结束"),
    "fee": (FEE_NOTICE, (FEE_PAID, FEE_WAIVED), "发出收费通知", "缴费或减免"),
}

NOT_STARTED, AWAITING_CORRECTION, RUNNING, PAUSED, CLOSED = (
    "not_started", "awaiting_correction", "running", "paused", "closed")


@dataclass(frozen=True)
class ClockEvent:
    kind: str
    date: dt.date
    days: int | None = None  # for EXTENDED


@dataclass(frozen=True)
class Deadline:
    state: str
    start: dt.date | None
    due: dt.date | None  # the original window's last day
    extended_due: dt.date | None
    window_days: int  # reply_days plus any extension
    days_left: int | None  # working days left as of today; negative when overdue
    provisional: bool
    provisional_reason: str | None
    overdue: bool
    explanation: str
    closed_on: dt.date | None = None

    @property
    def paused(self) -> bool:
        return self.state in (PAUSED, AWAITING_CORRECTION)

    @property
    def final_due(self) -> dt.date | None:
        return self.extended_due or self.due

    def as_json(self) -> dict:
        return {
            "state": self.state, "start": self.start, "due": self.due, "extended_due": self.extended_due,
            "final_due": self.final_due, "window_days": self.window_days, "days_left": self.days_left,
            "paused": self.paused, "provisional": self.provisional, "provisional_reason": self.provisional_reason,
            "overdue": self.overdue, "explanation": self.explanation, "closed_on": self.closed_on,
        }


def _pauses(events: list[ClockEvent], regime: Regime, start: dt.date) -> list[tuple[dt.date, dt.date | None, str, str]]:
    """Merged stop/restart intervals on or after the start, in date order."""
    raw = []
    for name in regime.paused_by:
        stop, restarts, stop_word, restart_word = PAUSE_EVENTS[name]
        opened: dt.date | None = None
        for event in events:
            if event.kind == stop and opened is None:
                opened = max(event.date, start)
            elif event.kind in restarts and opened is not None:
                raw.append((opened, max(event.date, opened), stop_word, restart_word))
                opened = None
        if opened is not None:
            raw.append((opened, None, stop_word, restart_word))
    raw.sort(key=lambda p: p[0])
    merged: list[tuple[dt.date, dt.date | None, str, str]] = []
    for stop, restart, stop_word, restart_word in raw:
        if merged and (merged[-1][1] is None or stop <= merged[-1][1]):
            last = merged[-1]
            end = None if restart is None or last[1] is None else max(restart, last[1])
            merged[-1] = (last[0], end, last[2], restart_word)
        else:
            merged.append((stop, restart, stop_word, restart_word))
    return merged


def _walk(cal: WorkCalendar, start: dt.date, days: int, pauses, notes: list[str] | None = None,
          counted: list[tuple[dt.date, dt.date]] | None = None):
    """Count `days` working days from `start` across the pauses. Returns
    (due date or None while paused, working days still to count); the spans
    actually counted are appended to `counted`."""
    cursor, remaining = start, days
    for stop, restart, stop_word, restart_word in pauses:
        if stop > cal.add(cursor, remaining):
            break  # stopped after the window had already run out: no effect
        remaining -= cal.between(cursor, stop)
        if counted is not None:
            counted.append((cursor, stop))
        if notes is not None:
            notes.append(f"{stop_word} {stop}（已用{days - remaining}个工作日）")
        if restart is None:
            return None, remaining
        if notes is not None:
            notes.append(f"{restart_word} {restart}")
        cursor = restart
    due = cal.add(cursor, remaining)
    if counted is not None:
        counted.append((cursor, due))
    return due, remaining


def compute(events: list[ClockEvent], regime: Regime, cal: WorkCalendar, today: dt.date) -> Deadline:
    events = sorted(events, key=lambda e: e.date)  # stable: same-day events keep their order
    by_kind: dict[str, list[ClockEvent]] = {}
    for event in events:
        by_kind.setdefault(event.kind, []).append(event)

    start_kind = ACCEPTED if regime.clock_starts == "accepted" else RECEIVED
    start_label = "受理" if start_kind == ACCEPTED else "收到申请"
    start_event = (by_kind.get(start_kind) or [None])[-1]
    corrections = by_kind.get(CORRECTION_REQUESTED, [])
    corrected = by_kind.get(CORRECTED, [])
    if regime.correction_restarts and corrections and start_kind == RECEIVED:
        if not corrected or corrected[-1].date < corrections[-1].date:
            return Deadline(AWAITING_CORRECTION, None, None, None, regime.reply_days, None, False, None, False,
                            f"已于 {corrections[-1].date} 通知补正，答复期限自收到补正后的申请之日起重新计算")
        start_event, start_label = corrected[-1], "补正后收到申请"
    if start_event is None:
        return Deadline(NOT_STARTED, None, None, None, regime.reply_days, None, False, None, False,
                        f"尚未{start_label}，答复期限自{start_label}之日起算")

    start = start_event.date
    extension = sum(e.days or 0 for e in by_kind.get(EXTENDED, []))
    window = regime.reply_days + extension
    pauses = _pauses(events, regime, start)
    closing = next((e for e in events if e.kind in (REPLIED, WITHDRAWN) and e.date >= start), None)
    as_of = closing.date if closing else today

    notes: list[str] = [f"{start_label} {start}"]
    counted: list[tuple[dt.date, dt.date]] = []
    due, _ = _walk(cal, start, regime.reply_days, pauses)
    final, remaining = _walk(cal, start, window, pauses, notes, counted)
    # Only holidays inside counted spans moved the date; one inside a pause did not.
    notes += list(dict.fromkeys(n for a, b in counted for n in cal.notes(a, b)))
    if final is None:
        notes.append(f"期限中止中，恢复后剩余{remaining}个工作日")
        missing = cal.missing_years(start, as_of)
        if missing:
            notes.append(f"{missing_reason(missing)}，暂按周末双休计算")
        return Deadline(PAUSED, start, due, None, window, remaining, bool(missing),
                        missing_reason(missing) if missing else None, False, "；".join(notes))

    if due is not None:
        notes.append(f"第{regime.reply_days}个工作日 {due}")
    extended_due = None
    if extension:
        extended_due = final
        notes.append(f"延期{extension}个工作日，自原期限 {due} 起算至 {extended_due}")
    missing = cal.missing_years(start, final)
    if missing:
        notes.append(f"{missing_reason(missing)}，暂按周末双休计算")

    if closing is not None:
        overdue = closing.kind == REPLIED and closing.date > final
        state, days_left = CLOSED, None
    else:
        overdue = today > final
        state = RUNNING
        days_left = cal.between(today, final) if today <= final else -cal.between(final, today)
    return Deadline(state, start, due, extended_due, window, days_left, bool(missing),
                    missing_reason(missing) if missing else None, overdue, "；".join(notes),
                    closing.date if closing else None)
