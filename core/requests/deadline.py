"""The statutory reply deadline of one request, as a pure function of its
clock events, its regime and the working-day calendar.

Rules (rules.md §2–§3, seed 004 依申请公开制度第六条(五), 条例第三十条–第三十三条):
* the window is `reply_days` working days after the start, the start day not counted;
* the start is 受理 (`yuxi`) or 收到申请 (`national-2019`); after a 补正 the window
  starts again on the day the corrected application arrives (条例第三十条);
* a pause (中止, or under the 条例 third-party consultation and fee waiting) stops
  the clock: working days up to and including the day it stops are used, the
  days until it resumes are not, counting resumes after the resume day;
* an extension adds working days counted from the original due date;
* a regime applies together with the higher law it names (`floor`): each law's
  window is computed on its own terms — the time the higher law does not count
  is not counted under the local one either (条例第三十三条第二款, 国办函〔2020〕109号)
  — and the earliest date binds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple
from functools import cached_property
from operator import attrgetter

from core.calendar.regimes import Regime
from core.calendar.workdays import WorkCalendar, missing_reason

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


class ClockEvent(NamedTuple):
    """A NamedTuple: hashed in C, so a request's events are a cheap key for `compute`'s memo."""

    kind: str
    date: dt.date
    days: int | None = None  # EXTENDED: the extension; CORRECTION_REQUESTED: the period allowed


@dataclass(frozen=True)
class Deadline:
    state: str
    start: dt.date | None
    due: dt.date | None  # the binding window's original last day
    extended_due: dt.date | None
    window_days: int  # reply_days plus any extension, of the binding regime
    days_left: int | None  # working days left as of today; negative when overdue
    provisional: bool
    provisional_reason: str | None
    overdue: bool
    closed_on: dt.date | None = None
    binding: str | None = None  # code of the regime whose date binds
    waited_days: int | None = None  # working days since receipt, while not yet accepted
    correction_notice_by: dt.date | None = None  # 补正 notice must go out by (条例第三十条: 7 working days)
    correction_due: dt.date | None = None  # the applicant's correction period ends
    payment_due: dt.date | None = None  # the fee must be paid by (国办函〔2020〕109号: 20 working days)
    # What `explanation` is worded from: the dates are needed for every request on every list and
    # load, the sentence only where a person reads it.
    inputs: tuple | None = field(default=None, repr=False, compare=False)

    @cached_property
    def explanation(self) -> str:
        return explain(*self.inputs) if self.inputs else ""

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
            "binding": self.binding, "waited_days": self.waited_days,
            "correction_notice_by": self.correction_notice_by, "correction_due": self.correction_due,
            "payment_due": self.payment_due,
        }


def _pauses(by_kind: dict[str, list[ClockEvent]], events: list[ClockEvent], uncounted: tuple[str, ...],
            start: dt.date) -> list[tuple[dt.date, dt.date | None, str, str]]:
    """Merged stop/restart intervals on or after the start, in date order."""
    raw = []
    for name in uncounted:
        stop, restarts, stop_word, restart_word = PAUSE_EVENTS[name]
        if stop not in by_kind:
            continue
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


class _Window(NamedTuple):
    """One law's reply window for the request, before the laws are compared (a NamedTuple like
    WorkdayResult: two are made for every deadline computed)."""

    regime: Regime
    state: str
    start: dt.date | None = None
    due: dt.date | None = None
    final: dt.date | None = None
    window: int = 0
    remaining: int | None = None
    notes: tuple[str, ...] = ()
    counted: tuple[tuple[dt.date, dt.date], ...] = ()
    message: str = ""

    @property
    def extended_due(self) -> dt.date | None:
        return self.final if self.final is not None and self.final != self.due else None


def _window(by_kind: dict[str, list[ClockEvent]], events: list[ClockEvent], regime: Regime, cal: WorkCalendar,
            worded: bool) -> _Window:
    """The window's dates; `worded` adds the notes and spans its explanation is written from."""
    start_kind = ACCEPTED if regime.clock_starts == "accepted" else RECEIVED
    start_label = "受理" if start_kind == ACCEPTED else "收到申请"
    start_event = (by_kind.get(start_kind) or [None])[-1]
    corrections = by_kind.get(CORRECTION_REQUESTED)
    if regime.correction_restarts and corrections and start_kind == RECEIVED:
        corrected = by_kind.get(CORRECTED)
        if not corrected or corrected[-1].date < corrections[-1].date:
            return _Window(regime, AWAITING_CORRECTION, window=regime.reply_days, message=(
                f"已于 {corrections[-1].date} 通知补正，答复期限自收到补正后的申请之日起重新计算" if worded else ""))
        start_event, start_label = corrected[-1], "补正后收到申请"
    if start_event is None:
        return _Window(regime, NOT_STARTED, window=regime.reply_days,
                       message=f"尚未{start_label}，答复期限自{start_label}之日起算" if worded else "")
    start = start_event.date
    # One extension act extends every law's window, each up to its own maximum.
    extended = by_kind.get(EXTENDED)
    extension = min(sum(e.days or 0 for e in extended), regime.extension_max_days or 0) if extended else 0
    window = regime.reply_days + extension
    pauses = _pauses(by_kind, events, regime.uncounted, start)
    notes: list[str] | None = [f"{start_label} {start}"] if worded else None
    counted: list[tuple[dt.date, dt.date]] | None = [] if worded else None
    due, remaining = _walk(cal, start, regime.reply_days, pauses)
    final = due
    if extension or worded:
        final, remaining = _walk(cal, start, window, pauses, notes, counted)
    if final is None:
        if worded:
            notes.append(f"期限中止中，恢复后剩余{remaining}个工作日")
        return _Window(regime, PAUSED, start, due, None, window, remaining, tuple(notes or ()), tuple(counted or ()))
    if worded:
        notes.append(f"第{regime.reply_days}个工作日 {due}")
        if extension:
            notes.append(f"延期{extension}个工作日，自原期限 {due} 起算至 {final}")
    return _Window(regime, RUNNING, start, due, final, window, remaining, tuple(notes or ()), tuple(counted or ()))


def _binding(windows: list[_Window]) -> _Window:
    """The window that binds: the earliest date of all the laws (the local one on a tie);
    with no date yet, the local one's state unless it has not even started."""
    dated = [w for w in windows if w.final is not None]
    if dated:
        return min(dated, key=lambda w: w.final)
    own = windows[0]
    return own if own.state != NOT_STARTED else next((w for w in windows if w.state != NOT_STARTED), own)


def _summary(w: _Window) -> str:
    if w.final is None:
        return f"《{w.regime.name}》{w.message or '期限中止中'}"
    return f"《{w.regime.name}》的期限 {w.final}（{w.notes[0]} 起第{w.window}个工作日）"


def _comparison(windows: list[_Window], chosen: _Window) -> str:
    """How the binding date relates to the other laws' dates."""
    others = [w for w in windows if w is not chosen]
    if chosen is windows[0]:
        return "；".join(f"不晚于{_summary(w)}" for w in others if w.final is not None)
    own = windows[0]
    if own.final is None:
        return f"{_summary(own)}，上位法期限照常计算（{chosen.regime.basis}）"
    return f"早于{_summary(own)}，以此为准（{chosen.regime.basis}）"


def _last(by_kind: dict[str, list[ClockEvent]], kind: str) -> ClockEvent | None:
    found = by_kind.get(kind)
    return found[-1] if found else None


_DATE = attrgetter("date")


class _Facts(NamedTuple):
    """Everything a deadline is read from: each law's window and the side periods."""

    windows: list[_Window]
    chosen: _Window
    closing: ClockEvent | None
    as_of: dt.date
    waited: int | None
    notice_by: dt.date | None
    correction: ClockEvent | None
    correction_due: dt.date | None
    payment_due: dt.date | None


def _facts(events: list[ClockEvent], regime: Regime, cal: WorkCalendar, today: dt.date, worded: bool) -> _Facts:
    events = sorted(events, key=_DATE)  # stable: same-day events keep their order
    by_kind: dict[str, list[ClockEvent]] = {}
    for event in events:
        by_kind.setdefault(event.kind, []).append(event)

    windows = [_window(by_kind, events, r, cal, worded) for r in regime.chain]
    chosen = _binding(windows)
    received = _last(by_kind, RECEIVED)
    accepted = _last(by_kind, ACCEPTED)
    closing = next((e for e in events if e.kind in (REPLIED, WITHDRAWN)), None)
    as_of = closing.date if closing else today

    # Side periods the 条例 fixes whatever the window: the 补正 notice (art. 30) and the fee payment (109号).
    notice_within = regime.inherited("correction_notice_within")
    notice_by = cal.add(received.date, notice_within) if received and notice_within else None
    correction = _last(by_kind, CORRECTION_REQUESTED)
    correction_due = cal.add(correction.date, correction.days) if correction and correction.days else None
    fee_notice = _last(by_kind, FEE_NOTICE)
    payment_days = regime.inherited("fee_payment_days") if fee_notice else None
    payment_due = cal.add(fee_notice.date, payment_days) if fee_notice and payment_days else None
    waited = cal.between(received.date, as_of) if received and not accepted and not closing else None
    return _Facts(windows, chosen, closing, as_of, waited, notice_by, correction, correction_due, payment_due)


# compute() is a pure function of its inputs, and requests repeat them: those received the same day
# and accepted the same way have the same deadline (the bench's 100,000 requests hold ~4,200
# distinct inputs). One memo per regime and calendar; it holds both, so their ids stay theirs.
_MEMOS: dict[tuple[int, int], tuple[Regime, WorkCalendar, dict]] = {}
_MEMO_SIZE = 100_000


def compute(events: list[ClockEvent], regime: Regime, cal: WorkCalendar, today: dt.date) -> Deadline:
    events = tuple(events)
    memo = _MEMOS.get((id(regime), id(cal)))
    if memo is None or memo[0] is not regime or memo[1] is not cal:
        if len(_MEMOS) >= 16:  # calendars and regimes are remade when their files change
            _MEMOS.clear()
        memo = _MEMOS[id(regime), id(cal)] = (regime, cal, {})
    memo = memo[2]
    deadline = memo.get((today, events))
    if deadline is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        deadline = memo[today, events] = _compute(events, regime, cal, today)
    return deadline


def _compute(events: tuple[ClockEvent, ...], regime: Regime, cal: WorkCalendar, today: dt.date) -> Deadline:
    f = _facts(events, regime, cal, today, worded=False)
    chosen, closing = f.chosen, f.closing
    side = dict(binding=chosen.regime.code if chosen.final is not None else None, waited_days=f.waited,
                correction_notice_by=f.notice_by, correction_due=f.correction_due, payment_due=f.payment_due,
                inputs=(events, regime, cal, today))
    if chosen.start is None:  # no window runs yet: not started, or waiting for a correction
        return Deadline(chosen.state, None, None, None, chosen.window, None, False, None, False, **side)

    missing = cal.missing_years(chosen.start, chosen.final or f.as_of)
    provisional = (bool(missing), missing_reason(missing) if missing else None)
    if chosen.final is None:
        return Deadline(PAUSED, chosen.start, chosen.due, None, chosen.window, chosen.remaining, *provisional,
                        False, **side)
    if closing is not None:
        overdue = closing.kind == REPLIED and closing.date > chosen.final
        state, days_left = CLOSED, None
    else:
        overdue = today > chosen.final
        state = RUNNING
        days_left = cal.between(today, chosen.final) if today <= chosen.final else -cal.between(chosen.final, today)
    return Deadline(state, chosen.start, chosen.due, chosen.extended_due, chosen.window, days_left, *provisional,
                    overdue, closing.date if closing else None, **side)


def explain(events: list[ClockEvent], regime: Regime, cal: WorkCalendar, today: dt.date) -> str:
    """The deadline in words: the start, pauses, the holidays that moved the date, each law's date
    and which binds, and what the 条例 requires meanwhile."""
    f = _facts(events, regime, cal, today, worded=True)
    chosen, windows = f.chosen, f.windows
    waiting = _waiting(f.waited, f.notice_by, f.correction, f.as_of)
    if chosen.start is None:
        return chosen.message + waiting
    # Only holidays inside counted spans moved the date; one inside a pause did not.
    holiday_notes = list(dict.fromkeys(n for a, b in chosen.counted for n in cal.notes(a, b)))
    missing = cal.missing_years(chosen.start, chosen.final or f.as_of)
    explanation = "；".join([*_ordered(chosen, holiday_notes), _comparison(windows, chosen)] if len(windows) > 1
                           else _ordered(chosen, holiday_notes)).rstrip("；")
    if missing:
        explanation += f"；{missing_reason(missing)}，暂按周末双休计算"
    return explanation + waiting


def _waiting(waited: int | None, notice_by: dt.date | None, correction: ClockEvent | None, as_of: dt.date) -> str:
    if waited is None or notice_by is None or correction is not None:
        return ""
    if as_of <= notice_by:
        return f"；已等待{waited}个工作日，如需补正须于 {notice_by} 前一次性告知"
    return f"；已等待{waited}个工作日（补正告知期限 {notice_by} 已过）"


def _ordered(w: _Window, holiday_notes: list[str]) -> list[str]:
    """One law's explanation as it always read: start, pauses, the holidays that
    moved the date, then the due date and any extension."""
    dated = [n for n in w.notes if n.startswith(("第", "延期", "期限中止中"))]
    return [n for n in w.notes if n not in dated] + holiday_notes + dated
