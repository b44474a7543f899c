"""Benchmark: `gongkai demo --requests 100000`, the load `make run` and every other benchmark
start from. Target ≤ 25 s. Checks: 100,000 requests and their events were written, and
`gongkai audit verify` passes on them (the load went through the state machine and the chains).
The database it makes is the one the other benchmarks reuse."""

from __future__ import annotations

import json

from common import Scorecard, build_demo, environment, fresh_url, run_gongkai

COUNT = 100_000


def main() -> None:
    card = Scorecard(f"demo load of {COUNT:,} requests")
    url = fresh_url(f"demo{COUNT}")
    seconds = build_demo(url, COUNT)
    verified = json.loads(run_gongkai(["audit", "verify", "--json"], environment(url, "admin")).stdout)
    card.check(verified["ok"], f"audit verify: {verified['problem']}")
    card.check(verified["requests"] == COUNT, f"{verified['requests']} requests written, not {COUNT}")
    card.check(verified["events"] >= 4 * COUNT, f"only {verified['events']} events written")
    card.info(f"{verified['requests']:,} requests, {verified['events']:,} events, audit verified")
    card.limit("gongkai demo --requests 100000", seconds, 25)
    card.finish()


if __name__ == "__main__":
    main()
