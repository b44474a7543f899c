"""Benchmark: how long a small command takes, start to finish.

`gongkai agencies --json` on a training database, against `python -c pass` (the interpreter's
own start) and the database open (a script that imports peewee, opens the same database and
selects the agencies, less `python -c pass`). Target: ≤ 4 × `python -c pass` + the database open.
Checks: the command lists every agency the script finds."""

from __future__ import annotations

import json
import sys

from common import GONGKAI, Scorecard, demo_url, environment, timed_process

RUNS = 15

OPEN_DATABASE = r"""
import os, sys, peewee
url = os.environ["GONGKAI_DB"]
if url.startswith("sqlite"):
    db = peewee.SqliteDatabase(url.removeprefix("sqlite:///"))
else:
    from playhouse.db_url import connect
    db = connect(url)
print(len(db.execute_sql("SELECT code FROM agency").fetchall()))
"""


def main() -> None:
    card = Scorecard("command start-up")
    env = environment(demo_url(100))
    _, t_pass, _ = timed_process([sys.executable, "-c", "pass"], env, runs=RUNS)
    _, t_open, counted = timed_process([sys.executable, "-c", OPEN_DATABASE], env, runs=RUNS)
    _, t_agencies, listed = timed_process(GONGKAI + ["agencies", "--json"], env, runs=RUNS)
    card.check(len(json.loads(listed)) == int(counted) > 0, "gongkai agencies did not list every agency")
    database_open = t_open - t_pass
    card.info(f"python -c pass {t_pass * 1000:.1f} ms; database open (import peewee, connect, select) "
              f"{database_open * 1000:.1f} ms")
    card.ratio("gongkai agencies --json", t_agencies, 4 * t_pass + database_open, 1.0,
               "4 × python -c pass + database open")
    card.finish()


if __name__ == "__main__":
    main()
