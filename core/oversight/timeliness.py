"""主动公开 timeliness: each catalogue entry owes a publication within the regime's window from the
day its information was formed, and an update within the update window from each recorded change
(发布制度第十五、十六条; 条例第二十六条), on the working-day calendar the reply windows use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from core.calendar.workdays import WorkCalendar, calendar
from core.organisation import agencies
from core.publish import catalogue
from core.publish.catalogue import Entry

PUBLISH, UPDATE = "发布", "更新"
ON_TIME, LATE, OVERDUE, PENDING = "按时", "逾期完成", "逾期未完成", "未到期"


class Obligation(NamedTuple):
    """One publication or update an entry owes, and how it stands (a tuple: a catalogue of
    thousands makes one per entry on every count)."""

    index_no: str
    title: str
    agency: str
    kind: str  # 发布 / 更新
    start: dt.date  # 形成日期 or 变更日期
    days: int
    due: dt.date
    done: dt.date | None  # 发布日期 or 更新日期
    status: str  # 按时 / 逾期完成 / 逾期未完成 / 未到期
    late_days: int  # working days past the due date (to the day done, or to today)
    basis: str
    provisional: bool = False  # the window reaches a year without holiday data

    @property
    def failed(self) -> bool:
        return self.status in (LATE, OVERDUE)

    def as_json(self) -> dict:
        return {"index_no": self.index_no, "title": self.title, "agency": self.agency, "kind": self.kind,
                "start": self.start, "days": self.days, "due": self.due, "done": self.done, "status": self.status,
                "late_days": self.late_days, "basis": self.basis, "provisional": self.provisional}


def obligations(entries: Iterable[Entry], today: dt.date, cal: WorkCalendar | None = None) -> list[Obligation]:
    """What every 主动公开 entry owes, in 索引号 order. An entry without a 形成日期 or 成文日期 has no
    clock to measure (the catalogue check names such entries)."""
    cal = cal or calendar()
    regimes: dict[str, tuple] = {}
    result = []
    for entry in sorted(entries, key=lambda e: e.index_no):
        if entry.method != "主动公开" or entry.formed is None:
            continue
        if entry.agency not in regimes:
            regime = agencies.regime_of(entry.agency)
            regimes[entry.agency] = (regime.proactive_days("publish"), regime.proactive_days("update"),
                                     regime.proactive_basis())
        publish_days, update_days, basis = regimes[entry.agency]
        if publish_days:
            result.append(_owed(entry, PUBLISH, entry.formed, publish_days, entry.published, basis, today, cal))
        if update_days and entry.changed:
            result.append(_owed(entry, UPDATE, entry.changed, update_days, entry.updated, basis, today, cal))
    return result


def _owed(entry: Entry, kind: str, start: dt.date, days: int, done: dt.date | None, basis: str, today: dt.date,
          cal: WorkCalendar) -> Obligation:
    window = cal.add_checked(start, days)
    due = window.date
    if done is not None:
        status, late = (ON_TIME, 0) if done <= due else (LATE, cal.between(due, done))
    else:
        status, late = (OVERDUE, cal.between(due, today)) if today > due else (PENDING, 0)
    return Obligation(entry.index_no, entry.title, entry.agency, kind, start, days, due, done, status, late, basis,
                      window.provisional)


def failures(entries: Iterable[Entry], today: dt.date) -> list[Obligation]:
    """Items published or updated late, and those past their window and still not done."""
    return [o for o in obligations(entries, today) if o.failed]


@dataclass(frozen=True)
class Counts:
    on_time: int
    late: int  # done after the window
    overdue: int  # past the window, not done
    pending: int


def counts(owed: Iterable[Obligation]) -> Counts:
    statuses = [o.status for o in owed]
    return Counts(statuses.count(ON_TIME), statuses.count(LATE), statuses.count(OVERDUE), statuses.count(PENDING))


def arising(codes: Iterable[str], year: int, end: dt.date, entries: list[Entry] | None = None) -> list[Obligation]:
    """What the bodies' entries (the catalogue's, unless given) came to owe in `year` (formed or changed
    in it, by `end`), as it stood on `end`: what a year's report, 考核 and 监督检查 count."""
    wanted = set(codes)
    entries = [e for e in (catalogue.load_all() if entries is None else entries) if e.agency in wanted]
    return [o for o in obligations(entries, end) if o.start.year == year and o.start <= end]
