"""Benchmark: the officer's request list at 100 and at 100,000 requests, headless (Textual's
test driver, 100×30).

Launch → the first painted row of the list, at 100 and at 100,000 requests (target: 100k/100
≤ 1.5). Then, on 100,000, each keystroke typed into the list's search box, timed from the key
to the moment the list shows both the new rows and the new total (target ≤ 150 ms each). The
keys type needles that match many requests, few, and none at all — a needle that matches nothing
makes every query read the officer's whole agency. Baseline: the same count and first page with
the database driver alone, in this process. Checks: every total shown equals the driver's count,
and the rows shown are the driver's first page."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time

from common import Scorecard, demo_url, environment

RUNS = 5
# A year, deleting it, a surname, a request number's start, a topic, then text no request holds.
KEYS = ["2", "0", "2", "5", "年", "backspace", "backspace", "backspace", "backspace", "backspace", "张", "backspace",
        "Y", "X", "backspace", "backspace", "星", "云", "湖", "backspace", "backspace", "backspace", "无", "此", "事"]
AGENCY = "YXSZFB"  # zhaomin's: the list shows the officer's own agency


async def wait_until(pilot, done) -> None:
    while not done():
        await pilot.pause(0.001)


async def startup(url: str) -> float:
    from textual.widgets import DataTable

    from core.store import db as core_db
    from tui.app import build_app

    os.environ.update(environment(url))
    fresh_officer()
    started = time.perf_counter()
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause(0)
        table = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        elapsed = time.perf_counter() - started
    core_db.close_database()
    return elapsed


async def keystrokes(url: str) -> list[tuple[str, float, int, list[str]]]:
    """Per key: (search text, seconds from the key to rows and total shown, the total, numbers shown)."""
    from textual.widgets import DataTable, Input

    from core.store import db as core_db
    from tui.app import build_app
    from tui.screens.requests import RequestListScreen

    shown: dict[str, float] = {}
    original_rows, original_status = RequestListScreen.show_rows, RequestListScreen.show_status

    def show_rows(self, rows, worker=None):
        original_rows(self, rows, worker)
        if worker is None or not worker.is_cancelled:
            shown["rows"] = time.perf_counter()

    def show_status(self, total, worker=None):
        original_status(self, total, worker)
        if worker is None or not worker.is_cancelled:
            shown["total"] = time.perf_counter()

    RequestListScreen.show_rows, RequestListScreen.show_status = show_rows, show_status
    os.environ.update(environment(url))
    fresh_officer()
    app = build_app()
    results = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("l")
            screen = app.screen
            table = screen.query_one(DataTable)
            await wait_until(pilot, lambda: table.row_count > 0)
            await app.workers.wait_for_complete()  # typing starts in a settled app
            search = screen.query_one("#search", Input)
            search.focus()
            for key in KEYS:
                shown.clear()
                started = time.perf_counter()
                await pilot.press(key)
                await wait_until(pilot, lambda: "rows" in shown and "total" in shown)
                await app.workers.wait_for_complete()
                done = max(shown["rows"], shown["total"])
                numbers = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
                results.append((search.value, done - started, screen.total, numbers))
    finally:
        RequestListScreen.show_rows, RequestListScreen.show_status = original_rows, original_status
    core_db.close_database()
    return results


def driver(url: str, text: str, page: int) -> tuple[int, list[str], float]:
    """The count and the first page (newest first) with the driver alone, and its time."""
    like = f"%{text}%"
    where = "agency_id = {p} AND (number LIKE {p} OR applicant_name LIKE {p} OR content LIKE {p})"
    if url.startswith("sqlite"):
        import sqlite3

        conn, p = sqlite3.connect(url.removeprefix("sqlite:///")), "?"
    else:
        import psycopg2

        # peewee's `contains` is ILIKE on PostgreSQL
        conn, p = psycopg2.connect(url), "%s"
        where = where.replace("LIKE", "ILIKE")
    cur = conn.cursor()
    clause = where.format(p=p)
    args = (AGENCY, like, like, like)
    started = time.perf_counter()
    cur.execute(f"SELECT COUNT(*) FROM request WHERE {clause}", args)
    count = cur.fetchone()[0]
    cur.execute(f"SELECT number FROM request WHERE {clause} ORDER BY received DESC, id DESC LIMIT {page}", args)
    numbers = [n for (n,) in cur.fetchall()]
    elapsed = time.perf_counter() - started
    conn.close()
    return count, numbers, elapsed


def fresh_officer() -> None:
    """No remembered last screen: it would open the list before `l` is pressed, and `l` would be typed."""
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="gongkai-bench-")


def main() -> None:
    card = Scorecard("officer's request list")
    small, large = demo_url(100), demo_url(100_000)
    asyncio.run(startup(small))  # imports and caches warmed once
    t_small = statistics.median(asyncio.run(startup(small)) for _ in range(RUNS))
    t_large = statistics.median(asyncio.run(startup(large)) for _ in range(RUNS))
    card.ratio("launch → first list row at 100,000", t_large, t_small, 1.5, "at 100")
    keys = asyncio.run(keystrokes(large))
    baseline = []
    for text, _, total, numbers in keys:
        count, page, elapsed = driver(large, text.strip(), len(numbers) or 1)
        baseline.append(elapsed)
        card.check(total == count, f"typing {text!r}: the list shows {total}, the driver counts {count}")
        card.check(numbers == page[:len(numbers)] and (numbers or not count),
                   f"typing {text!r}: the rows shown are not the driver's first page")
    times = [t for _, t, _, _ in keys]
    card.info("per key (ms): " + " ".join(f"{text or '∅'}={t * 1000:.0f}" for text, t, _, _ in keys))
    card.info("totals: " + " ".join(f"{text or '∅'}={total}" for text, _, total, _ in keys))
    card.ratio("keystroke → rows and total shown, median", statistics.median(times), statistics.median(baseline),
               None, "driver count + page, median")
    card.limit("keystroke → rows and total shown, slowest", max(times), 0.150)
    card.finish()


if __name__ == "__main__":
    main()
