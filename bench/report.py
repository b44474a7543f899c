"""Benchmark: the annual report's table 三 (and the whole report) for one agency
over 1,000 and over 100,000 requests in the log. Counting is SQL GROUP BY, so
the time should grow far slower than the log; prints both times and the ratio.
Target: 100,000 requests in ≤ 2 s, t(100k)/t(1k) ≤ 20."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 2, 10)


def timed(count: int, directory: Path) -> tuple[float, float, int]:
    from core import demo
    from core.report import counting
    from core.report import states as reports
    from core.session import open_ready
    from core.store import settings
    from core.store.db import close_database

    os.environ["GONGKAI_DB"] = f"sqlite:///{directory / f'bench-{count}.db'}"
    open_ready()
    settings.make_training()  # demo data goes only into a training database
    demo.fill(count, today=TODAY)
    runs_b, runs_all = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        rows = counting.table_b("YXSZFB", 2025)
        t1 = time.perf_counter()
        report = reports.build("YXSZFB", 2025, TODAY, reports.under("YXSZF"))
        t2 = time.perf_counter()
        runs_b.append(t1 - t0)
        runs_all.append(t2 - t1)
    assert not report.failures, report.failures
    close_database()
    return statistics.median(runs_b), statistics.median(runs_all), rows[-2].values[-1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small_b, small_all, small_n = timed(1_000, Path(tmp))
        large_b, large_all, large_n = timed(100_000, Path(tmp))
    print(f"table 三 for YXSZFB, 1,000 requests in the log:   {small_b * 1000:8.1f} ms ({small_n} decided in 2025)")
    print(f"table 三 for YXSZFB, 100,000 requests in the log: {large_b * 1000:8.1f} ms ({large_n} decided in 2025)")
    print(f"ratio t(100k)/t(1k): {large_b / small_b:.1f}  (target ≤ 20; the log grew 100×)")
    print(f"whole city roll-up report (all agencies, tables 二/三/四, fees), 1k: {small_all * 1000:.1f} ms, "
          f"100k: {large_all * 1000:.1f} ms (target ≤ 2,000 ms)")


if __name__ == "__main__":
    main()
