"""Benchmark: working days and deadlines.

1. `WorkCalendar.add`, 100,000 start dates in 2020–2026 (+15 working days), against the floor —
   numpy `searchsorted` on a cumulative working-day array — and the best plain-Python way, a
   day-by-day loop over sets of holidays and make-up days. All three must give the same dates.
2. `deadline.compute`, the function the app and the demo use, on 100,000 requests (received,
   accepted; a tenth extended), per request against one `WorkCalendar.add` (target ≤ 3×). compute
   memoises its pure result per calendar, as requests received the same day repeat their inputs;
   each pass starts on a new calendar, so every distinct input is computed once in it, and the
   memo-less cost is printed beside it. Constant in the number of holiday years: the calendar since
   2004 against the requests' own years (target ≤ 1.2×). Dates must agree with `WorkCalendar.add`.
3. `gongkai calendar add --stdin --json` on 200,000 dates against a numpy script that writes the
   same lines (target ≤ 3×); both are whole processes, and their outputs must be identical."""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from common import GONGKAI, Scorecard, environment, timed_process

import numpy as np

from core.calendar import holidays
from core.calendar.regimes import load as load_regimes
from core.calendar.workdays import WorkCalendar
from core.requests import deadline
from core.requests.deadline import ACCEPTED, EXTENDED, RECEIVED, ClockEvent, compute

N, DAYS, STDIN_DATES = 100_000, 15, 200_000

# The floor of `calendar add --stdin --json`: the same lines, from a cumulative working-day array.
NUMPY_SCRIPT = r"""
import sys
import numpy as np
from core.calendar.workdays import calendar, missing_reason
cal = calendar()
days = int(sys.argv[1])
base = np.datetime64("1990-01-01")
prefix = np.asarray(cal._prefix)
workdays = np.asarray(cal._workdays) - cal._base
unknown = np.asarray(cal._unknown)
starts = np.array(sys.stdin.read().split(), dtype="datetime64[D]")
index = (starts - base).astype(np.int64)
ends = workdays[prefix[index] + days - 1]
text_starts = np.datetime_as_string(starts)
text_ends = np.datetime_as_string(base + ends)
exact = unknown[ends] == unknown[index]
lines = []
for s, e, ok in zip(text_starts.tolist(), text_ends.tolist(), exact.tolist()):
    if ok:
        lines.append(f'{{"start":"{s}","days":{days},"date":"{e}","provisional":false}}\n')
    else:
        years = sorted(y for y in range(int(s[:4]) + (s[5:] == "12-31"), int(e[:4]) + 1) if y not in cal.years)
        lines.append(f'{{"start":"{s}","days":{days},"date":"{e}","provisional":true,"reason":"{missing_reason(years)}"}}\n')
sys.stdout.write("".join(lines))
"""


def loop_add(start: dt.date, days: int, off: set, makeup: set) -> dt.date:
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        counted += day in makeup or (day.weekday() < 5 and day not in off)
    return day


def numpy_add(cal: WorkCalendar, starts: list[dt.date], days: int) -> list[dt.date]:
    prefix, workdays = np.asarray(cal._prefix), np.asarray(cal._workdays)
    index = np.fromiter((s.toordinal() - cal._base for s in starts), dtype=np.int64, count=len(starts))
    started = time.perf_counter()
    ends = workdays[prefix[index] + days - 1]
    numpy_add.elapsed = time.perf_counter() - started
    return [dt.date.fromordinal(int(e)) for e in ends]


def requests(rng: random.Random, cal: WorkCalendar) -> list[list[ClockEvent]]:
    first, span = dt.date(2025, 1, 1).toordinal(), 700
    made = []
    for _ in range(N):
        received = dt.date.fromordinal(first + rng.randrange(span))
        events = [ClockEvent(RECEIVED, received), ClockEvent(ACCEPTED, cal.add(received, rng.choice((0, 1, 2))))]
        if rng.random() < 0.1:
            events.append(ClockEvent(EXTENDED, cal.add(events[1].date, 10), 15))
        made.append(events)
    return made


def main() -> None:
    card = Scorecard("workdays and deadlines")
    rng = random.Random(20251001)
    years = holidays.all_years()
    cal = WorkCalendar(years)
    first, span = dt.date(2020, 1, 1).toordinal(), (dt.date(2026, 12, 31) - dt.date(2020, 1, 1)).days + 1
    starts = [dt.date.fromordinal(first + rng.randrange(span)) for _ in range(N)]

    # 1. add
    started = time.perf_counter()
    engine = [cal.add(s, DAYS) for s in starts]
    t_add = time.perf_counter() - started
    floor = numpy_add(cal, starts, DAYS)
    off = set().union(*(y.off_days() for y in years.values()))
    makeup = set().union(*(y.makeup_days() for y in years.values()))
    started = time.perf_counter()
    loop = [loop_add(s, DAYS, off, makeup) for s in starts]
    t_loop = time.perf_counter() - started
    card.check(engine == floor == loop and len(engine) == N, "WorkCalendar.add, numpy and the loop disagree")
    card.info(f"{N:,} start dates 2020–2026, +{DAYS} working days")
    card.ratio("WorkCalendar.add per date", t_add / N, numpy_add.elapsed / N, None, "numpy searchsorted floor", "µs")
    card.ratio("day-by-day loop over sets per date", t_loop / N, t_add / N, None, "WorkCalendar.add", "µs")

    # 2. deadline.compute. A new WorkCalendar starts with an empty memo (compute keeps one per
    # calendar), so every timed pass computes each distinct input once and looks up the rest.
    regime = load_regimes().get("yuxi")
    today = dt.date(2026, 6, 30)
    made = requests(rng, cal)
    compute(made[0], regime, WorkCalendar(years), today)  # the regime's chain, resolved once

    def timed(calendar_years: dict) -> tuple[float, list]:
        fresh = WorkCalendar(calendar_years)
        started = time.perf_counter()
        result = [compute(events, regime, fresh, today) for events in made]
        return time.perf_counter() - started, result

    own_years = {y: years[y] for y in (2025, 2026, 2027) if y in years}
    runs = [(timed(years), timed(own_years)) for _ in range(3)]
    t_compute, deadlines = min(r[0] for r in runs)
    t_own, own = min(r[1] for r in runs)
    fresh = WorkCalendar(years)
    started = time.perf_counter()
    cold = [deadline._compute(tuple(events), regime, fresh, today) for events in made]  # no memo
    t_cold = time.perf_counter() - started
    expected = [cal.add(e[1].date, 15 + (e[2].days if len(e) > 2 else 0)) for e in made]
    card.check([d.final_due for d in deadlines] == [d.final_due for d in own] == [d.final_due for d in cold],
               "deadlines differ between the full calendar, the requests' own years and the memo-less path")
    # The yuxi window from acceptance binds unless the 条例's 20 days from receipt end first.
    card.check(all(d.final_due == min(x, cal.add(e[0].date, 20 + (e[2].days if len(e) > 2 else 0)))
                   for d, x, e in zip(deadlines, expected, made)), "deadline.compute disagrees with WorkCalendar.add")
    distinct = len({(tuple(e)) for e in made})
    card.info(f"{N:,} requests received 2025–2026, {distinct:,} distinct clock-event sequences")
    card.ratio("deadline.compute per request", t_compute / N, t_add / N, 3, "WorkCalendar.add per date", "µs")
    card.ratio("deadline.compute, each input computed anew", t_cold / N, t_add / N, None,
               "WorkCalendar.add per date", "µs")
    card.ratio(f"deadline.compute with {len(years)} holiday years", t_compute, t_own, 1.2,
               f"with the requests' own {len(own_years)} years")

    # 3. calendar add --stdin --json
    with tempfile.TemporaryDirectory() as tmp:
        dates = "".join(f"{dt.date.fromordinal(first + rng.randrange(span))}\n" for _ in range(STDIN_DATES)).encode()
        env = environment(f"sqlite:///{Path(tmp) / 'unused.db'}")
        t_cli, _, out = timed_process(GONGKAI + ["calendar", "add", "--stdin", "--json", "--days", str(DAYS)], env,
                                      dates)
        t_np, _, floor_out = timed_process([sys.executable, "-c", NUMPY_SCRIPT, str(DAYS)], env, dates)
    lines = out.count(b"\n")
    card.check(lines == STDIN_DATES, f"calendar add wrote {lines} lines for {STDIN_DATES}")
    card.check(out == floor_out, "calendar add --stdin and the numpy script wrote different lines")
    card.ratio(f"gongkai calendar add --stdin --json, {STDIN_DATES:,} dates", t_cli, t_np, 3,
               "numpy script (same lines)")
    card.finish()


if __name__ == "__main__":
    main()
