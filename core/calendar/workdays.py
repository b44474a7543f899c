"""Working-day arithmetic on the Chinese calendar.

A working day is a Monday–Friday that is not a holiday, or a 调休 make-up day.
Counting never includes the day of the triggering event: the 1st working day
after D is the next working day after D (rules §2), whatever D itself is.

Every day from 1990 to 2100 is tabulated once: `_prefix[i]` counts the working
days up to day i and `_workdays` lists them in order, so "the nth working day
after D" is `_workdays[_prefix[D] + n - 1]` and "working days in (A, B]" is
`_prefix[B] - _prefix[A]` — constant time per call. Days in a year with no
holiday data are counted as weekdays and every result that relies on them is
flagged provisional."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, NamedTuple

from core.calendar import holidays
from core.calendar.holidays import HolidayPeriod, HolidayYear
from core.errors import InvalidInput

FIRST = dt.date(1990, 1, 1)
LAST = dt.date(2100, 12, 31)


class WorkdayResult(NamedTuple):
    """Immutable like the project's frozen dataclasses, but a NamedTuple: batch
    deadline lists build hundreds of thousands of these and it is twice as
    fast to create."""

    start: dt.date
    days: int
    date: dt.date
    provisional: bool
    reason: str | None = None

    def as_json(self) -> dict:
        data = {"start": self.start.isoformat(), "days": self.days, "date": self.date.isoformat(),
                "provisional": self.provisional}
        if self.reason:
            data["reason"] = self.reason
        return data


def missing_reason(years: Iterable[int]) -> str:
    return "、".join(f"{y}年" for y in sorted(years)) + "节假日安排尚未录入"


def md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def md_range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return md(start)
    if start.month == end.month:
        return f"{md(start)}至{end.day}日"
    return f"{md(start)}至{md(end)}"


class WorkCalendar:
    def __init__(self, years: dict[int, HolidayYear]):
        self.years = dict(sorted(years.items()))
        off: set[dt.date] = set()
        makeup: set[dt.date] = set()
        for entered in self.years.values():
            off |= entered.off_days()
            makeup |= entered.makeup_days()
        self._base = FIRST.toordinal()
        total = LAST.toordinal() - self._base + 1
        prefix = [0] * total
        unknown = [0] * total
        workdays: list[int] = []
        count = missing = 0
        for i in range(total):
            day = dt.date.fromordinal(self._base + i)
            if day.year not in self.years:
                missing += 1
            if day in makeup or (day.weekday() < 5 and day not in off):
                count += 1
                workdays.append(self._base + i)
            prefix[i] = count
            unknown[i] = missing
        self._prefix = prefix
        self._unknown = unknown
        self._workdays = workdays
        self._periods: list[HolidayPeriod] = sorted(
            (p for entered in self.years.values() for p in entered.periods), key=lambda p: p.start)
        self._period_starts = [p.start for p in self._periods]
        # How far a period's days reach before and after its first day (its 调休 days included;
        # the package files 2006-12-30/31 under 2006's 元旦): what `notes` bisects with.
        self._reach_before = max((p.start - min(p.makeup_days, default=p.start) for p in self._periods),
                                 default=dt.timedelta(0))
        self._reach_after = max((max((p.end, *p.makeup_days)) - p.start for p in self._periods),
                                default=dt.timedelta(0))

    def _index(self, day: dt.date, field: str = "date") -> int:
        if not FIRST <= day <= LAST:
            raise InvalidInput(field, f"日期 {day} 超出支持范围（{FIRST.year}–{LAST.year} 年）")
        return day.toordinal() - self._base

    def is_workday(self, day: dt.date) -> bool:
        i = self._index(day)
        return self._prefix[i] != (self._prefix[i - 1] if i else 0)

    def add(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day strictly after `start` (0 → `start`)."""
        if days < 0:
            raise InvalidInput("days", f"工作日数应为非负整数，收到 {days}")
        if days == 0:
            return start
        i = start.toordinal() - self._base  # `_index` inlined: this is every deadline's inner call
        if not 0 <= i < len(self._prefix):
            self._index(start)  # raises the range error
        k = self._prefix[i] + days - 1
        if k >= len(self._workdays):
            raise InvalidInput("days", f"结果超出支持范围（{LAST.year} 年之后）")
        return dt.date.fromordinal(self._workdays[k])

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        return self._prefix[self._index(end)] - self._prefix[self._index(start)]

    def missing_years(self, start: dt.date, end: dt.date) -> list[int]:
        """Years without holiday data that (start, end] reaches into."""
        lo, hi = sorted((start, end))
        if self._unknown[self._index(hi)] == self._unknown[self._index(lo)]:
            return []
        first = lo + dt.timedelta(days=1)
        return [y for y in range(first.year, hi.year + 1) if y not in self.years]

    def add_checked(self, start: dt.date, days: int) -> WorkdayResult:
        return self.add_many((start,), days)[0]

    def add_many(self, starts: Iterable[dt.date], days: int) -> list[WorkdayResult]:
        """`add` with the provisional flag, for many start dates at once; the
        hot path of deadline lists, so the table look-ups are inlined."""
        if days < 0:
            raise InvalidInput("days", f"工作日数应为非负整数，收到 {days}")
        base, prefix, unknown, workdays = self._base, self._prefix, self._unknown, self._workdays
        last = len(prefix) - 1
        results = []
        for start in starts:
            i = start.toordinal() - base
            if not 0 <= i <= last:
                self._index(start)  # raises the range error
            if days:
                k = prefix[i] + days - 1
                if k >= len(workdays):
                    raise InvalidInput("days", f"结果超出支持范围（{LAST.year} 年之后）")
                end = workdays[k]
                date = dt.date.fromordinal(end)
            else:
                end, date = start.toordinal(), start
            if unknown[end - base] != unknown[i]:
                reason = missing_reason(self.missing_years(start, date))
                results.append(WorkdayResult(start, days, date, True, reason))
            else:
                results.append(WorkdayResult(start, days, date, False))
        return results

    def notes(self, start: dt.date, end: dt.date) -> list[str]:
        """The holidays and make-up days in (start, end], as the notices word them:
        `国庆中秋 10月1日至8日放假、10月11日调休上班`."""
        result = []
        # Bisection, not a walk from 2004: constant in the number of holiday years.
        first = bisect_left(self._period_starts, start - self._reach_after)
        last = bisect_right(self._period_starts, end + self._reach_before)
        for period in self._periods[first:last]:
            parts = []
            if period.start <= end and period.end > start:
                parts.append(f"{md_range(period.start, period.end)}放假")
            makeup = [d for d in period.makeup_days if start < d <= end]
            if makeup:
                parts.append(f"{'、'.join(md(d) for d in makeup)}调休上班")
            if parts:
                result.append(f"{period.name} {'、'.join(parts)}")
        return result

    def source_of(self, year: int) -> str | None:
        entered = self.years.get(year)
        return entered.source if entered else None


@lru_cache(maxsize=4)
def _cached(signature: tuple) -> WorkCalendar:
    return WorkCalendar(holidays.all_years())


def calendar() -> WorkCalendar:
    """The calendar for the current catalogs; rebuilt when a holiday file changes."""
    directory = holidays.holidays_dir()
    files = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.yaml"))) \
        if directory.is_dir() else ()
    return _cached((str(directory), files))
