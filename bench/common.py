"""What the benchmarks share: the database they run on, demo data at a given size, and a
scorecard that prints each figure beside its floor and fails the run when a result is wrong.

The database is SQLite unless GONGKAI_DB names a PostgreSQL server (`make bench-postgres` starts
a throwaway one). Demo databases are built once per size and reused: SQLite files under .bench/,
PostgreSQL databases beside the one GONGKAI_DB names (`…_demo100000`)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 2, 10)  # the demo's requests span the two years before: 2025 is whole
GONGKAI = [sys.executable, "-m", "core.cli.main"]
SERVER = os.environ.get("GONGKAI_DB", "")
POSTGRES = SERVER.startswith(("postgres", "psycopg"))
BACKEND = "PostgreSQL" if POSTGRES else "SQLite"


def demo_url(count: int) -> str:
    """A training database holding `count` demo requests, built the first time it is asked for."""
    if POSTGRES:
        url = _sibling_database(f"demo{count}")
    else:
        path = ROOT / ".bench" / f"demo{count}.db"
        url = f"sqlite:///{path}"
        if path.exists() and _requests_in(url) == count:
            return _migrated(url)
        path.parent.mkdir(exist_ok=True)
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()
    if _requests_in(url) != count:
        build_demo(url, count)
    return _migrated(url)


def _migrated(url: str) -> str:
    """A database kept from an earlier run, brought to this code's schema by its owner (officers
    may not migrate, and the commands refuse an old schema)."""
    subprocess.run(GONGKAI + ["migrate"], env=environment(url, None), check=True, capture_output=True)
    return url


def fresh_url(name: str) -> str:
    """An empty database of the configured kind, for a benchmark that times building one."""
    if POSTGRES:
        return _sibling_database(name, drop=True)
    path = ROOT / ".bench" / f"{name}.db"
    path.parent.mkdir(exist_ok=True)
    for leftover in path.parent.glob(f"{path.name}*"):
        leftover.unlink()
    return f"sqlite:///{path}"


def build_demo(url: str, count: int) -> float:
    """`gongkai init --training` then `gongkai demo --requests COUNT`; returns the demo's seconds."""
    env = environment(url, login=None)
    run_gongkai(["init", "--training"], env)
    started = time.perf_counter()
    run_gongkai(["demo", "--requests", str(count)], env)
    return time.perf_counter() - started


def environment(url: str, login: str | None = "zhaomin") -> dict:
    """The commands' environment, acting as officer `login` (the demo 承办人 by default; `admin` sees
    every agency) — on SQLite by GONGKAI_USER (a training database allows it), on PostgreSQL by the
    officer's own database account (the throwaway cluster trusts local logins) — or, with None, as
    the database's owner (init, demo)."""
    env = {**os.environ, "GONGKAI_HOME": str(office()), "GONGKAI_TODAY": TODAY.isoformat()}
    env.pop("GONGKAI_USER", None)
    if login and url.startswith("sqlite"):
        env["GONGKAI_USER"] = login
    elif login:
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(netloc=f"{login}@{parts.netloc.rsplit('@', 1)[-1]}"))
    env["GONGKAI_DB"] = url
    return env


def office() -> Path:
    """A copy of the demo office's content tree for the benchmarks: the demo signs the gazette's
    reviews, and their records are written into the tree (never into the repository's)."""
    tree = ROOT / ".bench" / "office"
    if not (tree / "mkdocs.yml").exists():
        shutil.rmtree(tree, ignore_errors=True)
        shutil.copytree(ROOT / "catalogs", tree / "catalogs")
        shutil.copy(ROOT / "mkdocs.yml", tree / "mkdocs.yml")
    return tree


def run_gongkai(argv: list[str], env: dict, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(GONGKAI + argv, env=env, input=stdin, capture_output=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"FAIL: gongkai {' '.join(argv)}: {result.stderr.decode(errors='replace')[-1500:]}")
    return result


def _requests_in(url: str) -> int | None:
    """How many requests the database holds; None when it is missing or has no schema yet."""
    try:
        if url.startswith("sqlite"):
            import sqlite3

            path = url.removeprefix("sqlite:///")
            if not Path(path).exists():
                return None
            conn = sqlite3.connect(path)
        else:
            import psycopg2

            conn = psycopg2.connect(url)
        try:
            cur = conn.cursor()
            cur.execute("SELECT COUNT(*) FROM request")
            return cur.fetchone()[0]
        finally:
            conn.close()
    except Exception:  # no database, no table: not built yet
        return None


def _sibling_database(suffix: str, drop: bool = False) -> str:
    """A database on the server GONGKAI_DB names, called after it with `_suffix`; created when missing."""
    import psycopg2

    parts = urlsplit(SERVER)
    name = f"{parts.path.lstrip('/')}_{suffix}".lower()
    admin = psycopg2.connect(SERVER)
    admin.autocommit = True
    with admin.cursor() as cur:
        if drop:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urlunsplit(parts._replace(path=f"/{name}"))


def timed_process(argv: list[str], env: dict, stdin: bytes | None = None, runs: int = 3
                  ) -> tuple[float, float, bytes]:
    """A whole process run `runs` times: its fastest and median seconds and its output; a failed
    run ends the benchmark."""
    times, out = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(argv, input=stdin, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise SystemExit(f"FAIL: {' '.join(argv[1:5])}: {result.stderr.decode(errors='replace')[-800:]}")
        out = result.stdout
    return min(times), statistics.median(times), out


def median_time(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class Scorecard:
    """Figures with their floors, ratios and targets. A wrong or empty result fails the benchmark
    (the figures would mean nothing); a missed target is printed as MISSED and summed up at the end,
    so that one slow figure does not hide the others."""

    def __init__(self, title: str):
        self.failures: list[str] = []
        self.missed: list[str] = []
        print(f"{title} — {BACKEND}")

    def ratio(self, name: str, value: float, floor: float, target: float | None, floor_name: str,
              unit: str = "s") -> float:
        ratio = value / floor if floor else float("inf")
        ok = target is None or ratio <= target
        aim = f"target ≤ {target}×" if target is not None else "for information"
        print(f"  {name}: {_shown(value, unit)}; {floor_name}: {_shown(floor, unit)}; "
              f"ratio {ratio:.2f} ({aim}){'' if ok else '  MISSED'}")
        if not ok:
            self.missed.append(f"{name}: {ratio:.2f}× > {target}×")
        return ratio

    def limit(self, name: str, value: float, target: float, unit: str = "s", note: str = "") -> None:
        ok = value <= target
        print(f"  {name}: {_shown(value, unit)} (target ≤ {_shown(target, unit)}){note}{'' if ok else '  MISSED'}")
        if not ok:
            self.missed.append(f"{name}: {_shown(value, unit)} > {_shown(target, unit)}")

    def info(self, text: str) -> None:
        print(f"  {text}")

    def check(self, ok: bool, what: str) -> None:
        """A result that must hold for the figures to mean anything (the work was done, and done right)."""
        if not ok:
            print(f"  FAIL: {what}")
            self.failures.append(what)

    def finish(self) -> None:
        if self.failures:
            raise SystemExit(f"FAIL: {'; '.join(self.failures)}")
        print(f"  targets missed: {'; '.join(self.missed)}" if self.missed else "  every target met")


def _shown(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "µs":
        return f"{value * 1e6:.2f} µs"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}"
