"""Benchmark: the officer's app at 100 and at 100,000 requests.

Measures, headless (Textual's test driver), the time from launch to the first
painted row of the request list, and on 100,000 requests the time from a
keystroke in the list's search box to the refreshed rows. Demo databases are
built once under .bench/ (the 100,000 one takes about 70 s) and reused."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core import demo
from core.session import open_ready
from core.store import db as core_db
from core.store import settings

TODAY = dt.date(2025, 12, 1)
RUNS = 5
# Typing "2024年", deleting it, a surname, then the start of a request number.
KEYS = ["2", "0", "2", "4", "年", "backspace", "backspace", "backspace", "backspace", "backspace", "张", "backspace",
        "Y", "X"]


def database(count: int) -> str:
    path = ROOT / ".bench" / f"tui-{count}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        open_ready(url)
        settings.make_training()  # demo data goes only into a training database
        demo.fill(count, today=TODAY)
        core_db.close_database()
    return url


async def wait_rows(pilot, table, at_least: int = 1) -> None:
    while table.row_count < at_least:
        await pilot.pause(0.001)


async def startup(url: str) -> float:
    from textual.widgets import DataTable

    from tui.app import build_app

    os.environ["GONGKAI_DB"] = url
    fresh_officer()
    t0 = time.perf_counter()
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause(0)
        await wait_rows(pilot, app.screen.query_one(DataTable))
        elapsed = time.perf_counter() - t0
    core_db.close_database()
    return elapsed


def raw_count(url: str, text: str) -> tuple[int, float]:
    """The baseline: the same count with sqlite3 alone (the officer's agency, number/applicant/content)."""
    import sqlite3

    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    t0 = time.perf_counter()
    like = f"%{text}%"
    n = conn.execute("SELECT COUNT(*) FROM request WHERE agency_id = 'YXSZFB' AND (number LIKE ? OR "
                     "applicant_name LIKE ? OR content LIKE ?)", (like, like, like)).fetchone()[0]
    elapsed = time.perf_counter() - t0
    conn.close()
    return n, elapsed


async def keystrokes(url: str) -> list[tuple[str, float, int]]:
    """Per key: from posting the key to the moment the list shows the new total
    (the end of `show_status`, after the rows), measured by wrapping that method here;
    with the search text and the total shown, to be checked against the baseline."""
    from textual.widgets import DataTable, Input

    from tui.app import build_app
    from tui.screens.requests import RequestListScreen

    shown: list[tuple[float, int]] = []
    original = RequestListScreen.show_status

    def show_status(self, total, worker=None):
        original(self, total, worker)
        if worker is None or not worker.is_cancelled:
            shown.append((time.perf_counter(), total))

    RequestListScreen.show_status = show_status
    os.environ["GONGKAI_DB"] = url
    fresh_officer()
    app = build_app()
    results = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        table = app.screen.query_one(DataTable)
        await wait_rows(pilot, table)
        await app.workers.wait_for_complete()  # typing starts in a settled app (the first total, the dashboard)
        search = app.screen.query_one("#search", Input)
        search.focus()
        for key in KEYS:
            shown.clear()
            t0 = time.perf_counter()
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause(0)
            at, total = shown[-1]
            results.append((search.value, at - t0, total))
    RequestListScreen.show_status = original
    core_db.close_database()
    return results


def fresh_officer() -> None:
    """No remembered last screen: it would open the list before `l` is pressed, and `l` would be typed."""
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="gongkai-bench-")


def main() -> None:
    os.environ["GONGKAI_USER"] = "zhaomin"
    os.environ["GONGKAI_TODAY"] = TODAY.isoformat()
    small, large = database(100), database(100_000)
    asyncio.run(startup(small))  # warm imports and caches once
    t_small = statistics.median(asyncio.run(startup(small)) for _ in range(RUNS))
    t_large = statistics.median(asyncio.run(startup(large)) for _ in range(RUNS))
    keys = asyncio.run(keystrokes(large))
    print("tui: launch → first painted list row (median of 5, headless 100×30)")
    print(f"  100 requests:      {t_small * 1000:7.1f} ms")
    print(f"  100,000 requests:  {t_large * 1000:7.1f} ms")
    print(f"  ratio 100k/100:    {t_large / t_small:7.2f}  (target ≤ 1.5)")
    print(f"filter keystroke on 100,000 (key posted → the list's total shown, {len(keys)} keys):")
    wrong = []
    baseline = []
    for text, _, total in keys:
        expected, elapsed = raw_count(large, text) if text else (None, 0.0)
        baseline.append(elapsed)
        if expected is not None and expected != total:
            wrong.append(f"{text!r}: shown {total}, sqlite3 counts {expected}")
    times = [t for _, t, _ in keys]
    print(f"  median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms  (target ≤ 150 ms)")
    print(f"  baseline (sqlite3 count alone): median {statistics.median(baseline) * 1000:.1f} ms, "
          f"ratio {statistics.median(times) / max(statistics.median(baseline), 1e-6):.1f}")
    print("  per key: " + " ".join(f"{k}={t * 1000:.0f}" for k, t in zip(KEYS, times)))
    if wrong:
        print("FAIL: wrong totals: " + "; ".join(wrong))
        sys.exit(1)
    if max(times) > 0.150:
        print("FAIL: a keystroke took longer than 150 ms to its total")
        sys.exit(1)


if __name__ == "__main__":
    main()
