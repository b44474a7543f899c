"""Benchmark: the 台账 export of a year of the 100,000-request demo (about 50,000 rows).

`gongkai export ledger --format xlsx` against the floor, a script that reads the same rows with
the database driver alone (sqlite3 / psycopg2) and writes them into an openpyxl write-only
workbook (target ≤ 1.5×, and ≤ 150 MB peak RSS); `--format csv` against the same rows through
`csv.writer` (target ≤ 2×). Every figure is a whole process. Checks: each file holds a header
and one row per request of the year, as the database counts them, with the same numbers in the
same order as the floor's."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import GONGKAI, ROOT, Scorecard, demo_url, environment

YEAR = 2025

# The same rows as the ledger (its columns, its order), straight from the driver.
FLOOR = r"""
import csv, os, sys
url, fmt, out = os.environ["GONGKAI_DB"], sys.argv[1], sys.argv[2]
sql = ("SELECT number, agency_id, received, channel, applicant_type, applicant_name, applicant_id, content, "
       "accepted_on, due, extension_days, decided_on, replied_on, outcome, reason_code, state FROM request "
       "WHERE year = {} ORDER BY agency_id, year, seq")
if url.startswith("sqlite"):
    import sqlite3
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    rows = conn.execute(sql.format("?"), (int(sys.argv[3]),))
else:
    import psycopg2
    conn = psycopg2.connect(url)
    rows = conn.cursor(name="ledger")
    rows.itersize = 5000
    rows.execute(sql.format("%s"), (int(sys.argv[3]),))
if fmt == "csv":
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["number"] * 17)
        writer.writerows(rows)
else:
    import openpyxl
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("ledger")
    sheet.append(["编号"] * 17)
    for row in rows:
        sheet.append(row)
    book.save(out)
"""


def measured(argv: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(argv[2:])}: {process.stderr.read().decode(errors='replace')[-800:]}")
    return elapsed, usage.ru_maxrss / 1024


def best(argv: list[str], env: dict, runs: int = 3) -> tuple[float, float]:
    results = [measured(argv, env) for _ in range(runs)]
    return min(t for t, _ in results), max(m for _, m in results)


def xlsx_numbers(path: Path) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    return [row[0] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]


def csv_numbers(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [row[0] for row in list(csv.reader(fh))[1:]]


def requests_in_year(url: str) -> int:
    sys.path.insert(0, str(ROOT))
    from core.session import open_ready
    from core.store.db import close_database
    from core.store.models import Request

    open_ready(url)
    count = Request.select().where(Request.year == YEAR).count()
    close_database()
    return count


def main() -> None:
    card = Scorecard(f"ledger export of {YEAR}")
    url = demo_url(100_000)
    env = environment(url, "admin")  # the whole city's ledger
    expected = requests_in_year(url)
    with tempfile.TemporaryDirectory() as tmp:
        files = {name: Path(tmp) / name for name in ("ours.xlsx", "floor.xlsx", "ours.csv", "floor.csv")}
        t_xlsx, rss_xlsx = best(GONGKAI + ["export", "ledger", "--year", str(YEAR), "--format", "xlsx", "--out",
                                           str(files["ours.xlsx"])], env)
        t_floor_xlsx, rss_floor = best([sys.executable, "-c", FLOOR, "xlsx", str(files["floor.xlsx"]), str(YEAR)], env)
        t_csv, _ = best(GONGKAI + ["export", "ledger", "--year", str(YEAR), "--format", "csv", "--out",
                                   str(files["ours.csv"])], env)
        t_floor_csv, _ = best([sys.executable, "-c", FLOOR, "csv", str(files["floor.csv"]), str(YEAR)], env)
        ours, floor = xlsx_numbers(files["ours.xlsx"]), xlsx_numbers(files["floor.xlsx"])
        card.check(len(ours) == expected > 0, f"the workbook has {len(ours)} rows, the year {expected} requests")
        card.check(ours == floor, "the workbook's requests differ from the floor's")
        card.check(csv_numbers(files["ours.csv"]) == csv_numbers(files["floor.csv"]) == ours,
                   "the CSV's requests differ from the floor's")
    card.info(f"{expected:,} rows")
    card.ratio("export ledger --format xlsx", t_xlsx, t_floor_xlsx, 1.5, "driver + openpyxl write-only")
    card.limit("export ledger --format xlsx, peak RSS", rss_xlsx, 150, "MB", f" (the floor's: {rss_floor:.0f} MB)")
    card.ratio("export ledger --format csv", t_csv, t_floor_csv, 2, "driver + csv.writer")
    card.finish()


if __name__ == "__main__":
    main()
