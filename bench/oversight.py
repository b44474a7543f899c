"""Benchmark: oversight at a city's scale — a catalogue of 5,000 entries and the 100,000-request
demo — in this process, as the app's screens and the commands call it.

Figures: reading and checking the catalogue (`catalogue.load_all`, every value located to its line)
against the best simple read (each file's YAML head loaded by libyaml into a dict, nothing checked),
target ≤ 3×, and reading it again with the files unchanged (what the report, the 考核 and the
dashboard do within one action), target ≤ 0.5×; the 主动公开 windows of every entry (`timeliness.obligations`: due dates, statuses, working days late)
against the same obligations made entry by entry with `WorkCalendar.add` and `between`, target ≤ 1.5×; the 考核 of every body for 2025
(`scorecard.cards`) and the 监督检查 run, each ≤ 1 s. Checks: the same entries as the plain read,
the same obligations as the entry-by-entry loop, every body's received requests summing to the database's
count, and the inspection's overdue replies matching a direct count; the benchmark fails otherwise."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import tempfile
from pathlib import Path

from common import ROOT, TODAY, Scorecard, demo_url, environment, median_time

import yaml

ENTRIES = 5000
BODIES = ("YXSZFB", "YXZRZYJ", "YXZJJ", "YXRSJ", "YXSTHJJ", "YXCZJ", "YXFGW", "YXJTYSJ", "YXHTQ", "YXJCQ")


def make_catalogue(catalogs: Path, count: int) -> None:
    """Entries formed over 2025, most published in time, some late, some never; a tenth changed."""
    rng = random.Random(21)
    for n in range(1, count + 1):
        agency = BODIES[n % len(BODIES)]
        formed = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(360))
        head = {"索引号": f"{agency}/2025-{n:05d}", "信息名称": f"关于第{n}号事项的通知", "发布机构": agency,
                "主题分类": "其他", "形成日期": formed}
        if rng.random() < 0.9:
            head["发布日期"] = formed + dt.timedelta(days=rng.choice((3, 10, 18, 30)))
        if rng.random() < 0.1:
            head["变更日期"] = formed + dt.timedelta(days=40)
        folder = catalogs / "catalogue" / agency
        folder.mkdir(parents=True, exist_ok=True)
        text = "---\n" + yaml.safe_dump(head, allow_unicode=True, sort_keys=False) + "---\n\n正文。\n"
        (folder / f"{agency}-2025-{n:05d}.md").write_text(text, encoding="utf-8")


def plain_read(catalogs: Path) -> list[dict]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found = []
    for path in sorted((catalogs / "catalogue").glob("*/*.md")):
        found.append(yaml.load(path.read_text(encoding="utf-8").split("---\n", 2)[1], Loader=loader))
    return found


def main() -> None:
    card = Scorecard(f"Oversight: a catalogue of {ENTRIES:,} entries, the 100,000-request demo")
    url = demo_url(100_000)
    home = Path(tempfile.mkdtemp(prefix="gongkai-oversight-"))
    try:
        shutil.copytree(ROOT / "catalogs", home / "catalogs")
        shutil.copy(ROOT / "mkdocs.yml", home / "mkdocs.yml")
        make_catalogue(home / "catalogs", ENTRIES)
        os.environ.update(environment(url, "admin"))
        os.environ["GONGKAI_HOME"] = str(home)
        from core.calendar.workdays import calendar
        from core.oversight import inspection, scorecard, timeliness
        from core.publish import catalogue
        from core.session import start
        from core.store.models import Request

        start()
        entries = catalogue.load_all()
        plain = plain_read(home / "catalogs")
        card.check(sorted(e.index_no for e in entries) == sorted(p["索引号"] for p in plain),
                   "the catalogue read differs from the plain read")
        def first_read() -> None:
            catalogue._PARSED.clear()  # as a new process reads it
            catalogue.load_all()

        floor = median_time(lambda: plain_read(home / "catalogs"), runs=3)
        card.ratio("catalogue.load_all, checked and located", median_time(first_read, runs=3), floor, 3.0,
                   "libyaml into dicts")
        card.ratio("catalogue.load_all again, files unchanged", median_time(catalogue.load_all, runs=3), floor, 0.5,
                   "libyaml into dicts")

        owed = timeliness.obligations(entries, TODAY)
        cal = calendar()
        publish = [o for o in owed if o.kind == timeliness.PUBLISH]
        card.check(len(publish) == ENTRIES and all(o.due == cal.add(o.start, o.days) for o in owed),
                   "a window differs from the bare calendar's")
        days_of = {o.agency: {} for o in owed}
        for o in owed:
            days_of[o.agency][o.kind] = (o.days, o.basis)

        def simple() -> list:
            """Entry by entry: its windows from `add`, its days late from `between`, the same tuples."""
            found = []
            for e in sorted(entries, key=lambda e: e.index_no):
                for kind, start_day, done in ((timeliness.PUBLISH, e.formed, e.published),
                                              (timeliness.UPDATE, e.changed, e.updated)):
                    if start_day is None or kind not in days_of[e.agency]:
                        continue
                    days, basis = days_of[e.agency][kind]
                    due = cal.add(start_day, days)
                    until = done or TODAY
                    status = (timeliness.ON_TIME if done <= due else timeliness.LATE) if done else \
                        (timeliness.OVERDUE if TODAY > due else timeliness.PENDING)
                    found.append(timeliness.Obligation(e.index_no, e.title, e.agency, kind, start_day, days, due,
                                                       done, status, max(cal.between(due, until), 0), basis, False))
            return found

        card.check(owed == simple(), "an item differs from the entry-by-entry loop's")
        ours = median_time(lambda: timeliness.obligations(entries, TODAY))
        floor = median_time(simple)
        card.ratio("timeliness.obligations", ours, floor, 1.5, "entry by entry with WorkCalendar.add/between")
        late = timeliness.counts(owed)
        card.info(f"obligations: {late.on_time} on time, {late.late} late, {late.overdue} overdue, "
                  f"{late.pending} pending")

        today = TODAY
        cards = scorecard.cards(2025, today)
        received = Request.select().where(Request.received.between(dt.date(2025, 1, 1), dt.date(2025, 12, 31))).count()
        card.check(sum(c.figures["received"] for c in cards) == received,
                   "the bodies' received requests do not sum to the database's")
        card.limit(f"scorecard.cards, {len(cards)} bodies", median_time(lambda: scorecard.cards(2025, today), 3), 1.0)

        found = inspection.run(2025, today)
        listed = sum(len(f.refs) for b in found.bodies for f in b.findings if f.item == "二")
        conditions = scorecard.request_conditions(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
        direct = Request.select().where(conditions["replied_late"] | conditions["overdue_open"]).count()
        card.check(listed == direct, f"the inspection lists {listed} overdue replies, the database {direct}")
        card.limit("inspection.run", median_time(lambda: inspection.run(2025, today), 3), 1.0)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    card.finish()


if __name__ == "__main__":
    main()
