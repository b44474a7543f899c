"""Benchmark: the annual report for 2025, in process, on the 1,000- and 100,000-request demos.

The report of one agency (市政府办公室, which holds 40 % of the demo's requests: the largest
there is) — its tables 二/三/四, last year's for the comparison, timeliness and the fee
statement (`fees()` counted in) — target ≤ 50 ms at 100k; and the city's roll-up over every body
under 市人民政府, target ≤ 500 ms. The growth from 1k to 100k is printed against the log's (100×).
Checks: the report's identities hold, and its 本年新收 and 办结 totals equal the database's counts."""

from __future__ import annotations

import datetime as dt

from common import ROOT, TODAY, Scorecard, demo_url, median_time

YEAR = 2025
AGENCY, CITY = "YXSZFB", "YXSZF"


def measure(url: str, card: Scorecard) -> tuple[float, float]:
    import sys

    sys.path.insert(0, str(ROOT))
    from core.report import states as reports
    from core.session import open_ready
    from core.store.db import close_database
    from core.store.models import Request

    open_ready(url)
    bodies = reports.under(CITY)
    one = reports.build(AGENCY, YEAR, TODAY)
    city = reports.build(CITY, YEAR, TODAY, bodies)
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    for report, codes in ((one, [AGENCY]), (city, [CITY, *bodies])):
        mine = Request.agency.in_(codes)
        new = Request.select().where(mine, Request.received.between(start, end)).count()
        decided = Request.select().where(mine, Request.decided_on.between(start, end)).count()
        card.check(not report.failures, f"{report.agency}: identities fail: {report.failures}")
        card.check(report.tables.b("一、本年新收政府信息公开申请数量")[-1] == new > 0,
                   f"{report.agency}: 本年新收 {report.tables.b('一、本年新收政府信息公开申请数量')[-1]}, counted {new}")
        card.check(report.tables.b("（七）总计")[-1] == decided, f"{report.agency}: 办结 differs from the count {decided}")
    t_one = median_time(lambda: reports.build(AGENCY, YEAR, TODAY), 7)
    t_city = median_time(lambda: reports.build(CITY, YEAR, TODAY, bodies), 3)
    close_database()
    return t_one, t_city


def main() -> None:
    card = Scorecard(f"annual report {YEAR}")
    small_one, small_city = measure(demo_url(1_000), card)
    large_one, large_city = measure(demo_url(100_000), card)
    card.ratio("one agency's report, 100k against 1k", large_one, small_one, None, "at 1k")
    card.limit("one agency's report at 100k (fees counted in)", large_one, 0.050)
    card.ratio("the city's roll-up, 100k against 1k", large_city, small_city, None, "at 1k")
    card.limit("the city's roll-up at 100k", large_city, 0.500)
    card.finish()


if __name__ == "__main__":
    main()
