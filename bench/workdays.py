"""Benchmark: +15 working days for 100,000 random start dates in 2025–2026.

The engine (core.workdays) against the obvious day-by-day loop over
chinese_calendar.is_workday, in the same run; prints both times, the ratio and
the number of mismatches (which must be 0)."""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import chinese_calendar  # noqa: E402

from core.calendar import holidays
from core.calendar.workdays import WorkCalendar

N, DAYS = 100_000, 15
LAST_PACKAGE_YEAR = holidays.PACKAGE_YEARS[-1]


def loop_add(start: dt.date, days: int) -> dt.date:
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        # Past the package's last year it raises; weekdays are the same guess the engine makes.
        counted += chinese_calendar.is_workday(day) if day.year <= LAST_PACKAGE_YEAR else day.weekday() < 5
    return day


def main() -> None:
    rng = random.Random(20251001)
    first, span = dt.date(2025, 1, 1).toordinal(), (dt.date(2026, 12, 31) - dt.date(2025, 1, 1)).days + 1
    starts = [dt.date.fromordinal(first + rng.randrange(span)) for _ in range(N)]

    t0 = time.perf_counter()
    cal = WorkCalendar(holidays.all_years())
    build = time.perf_counter() - t0

    t0 = time.perf_counter()
    engine = [r.date for r in cal.add_many(starts, DAYS)]
    t_engine = time.perf_counter() - t0

    t0 = time.perf_counter()
    plain = [cal.add(s, DAYS) for s in starts]
    t_plain = time.perf_counter() - t0

    t0 = time.perf_counter()
    baseline = [loop_add(s, DAYS) for s in starts]
    t_loop = time.perf_counter() - t0

    mismatches = sum(a != b for a, b in zip(engine, baseline)) + sum(a != b for a, b in zip(plain, baseline))
    print(f"workdays: {N:,} start dates 2025–2026, +{DAYS} working days")
    print(f"  calendar build (1990–2100 table):   {build * 1000:8.1f} ms (once per process)")
    print(f"  engine add_checked (with provisional flag): {t_engine * 1000:8.1f} ms  ({t_engine / N * 1e6:.2f} µs/call)")
    print(f"  engine add (date only):             {t_plain * 1000:8.1f} ms  ({t_plain / N * 1e6:.2f} µs/call)")
    print(f"  day-by-day is_workday loop:         {t_loop * 1000:8.1f} ms  ({t_loop / N * 1e6:.2f} µs/call)")
    print(f"  ratio loop/engine: {t_loop / t_engine:,.0f}× (add_checked), {t_loop / t_plain:,.0f}× (add)")
    print(f"  mismatches: {mismatches}")
    if mismatches:
        sys.exit(1)


if __name__ == "__main__":
    main()
