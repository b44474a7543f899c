"""Benchmark: `gongkai audit verify` on the 100,000-request demo (about 500,000 events).

Against the floor, a script that reads the events with the database driver alone and recomputes
every hash chain with hashlib (target ≤ 1.5×). verify shares the log among the machine's cores
(forked processes, each on its own connection); the floor is one process, as such a script would
be, and verify in one process (`--processes 1`) is printed beside it — and, for information,
against a plain script that also does the rest of what verify checks: each request's columns
replayed from its events' JSON, its stored head, and the commitment to the applicant's personal
data. Memory: verify's peak Python
heap (tracemalloc) at 10,000 and at 100,000 requests must be about the same (streaming; target
≤ 1.5×; each process streams the same way). Checks: verify in one process and in several, and
both scripts, find every chain intact and count the same events."""

from __future__ import annotations

import json
import os
import sys
import tracemalloc

from common import GONGKAI, ROOT, Scorecard, demo_url, environment, timed_process

# The floor: every event's hash recomputed over the stored text, chain by chain.
HASHES = r"""
import hashlib, os, sys
url = os.environ["GONGKAI_DB"]
sql_numbers = "SELECT id, number FROM request"
sql_events = ("SELECT request_id, seq, at, actor, action, date, data, prev_hash, hash FROM event "
              "ORDER BY request_id, seq")
if url.startswith("sqlite"):
    import sqlite3
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    numbers = dict(conn.execute(sql_numbers))
    events = conn.execute(sql_events)
else:
    import psycopg2
    conn = psycopg2.connect(url)
    cur = conn.cursor()
    cur.execute(sql_numbers)
    numbers = dict(cur.fetchall())
    events = conn.cursor(name="events")
    events.itersize = 10000
    events.execute(sql_events)
current = prev = None
count = bad = 0
for request_id, seq, at, actor, action, date, data, prev_hash, digest in events:
    if request_id != current:
        current, prev = request_id, "0" * 64
    at = at.replace(" ", "T") if isinstance(at, str) else at.isoformat()
    date = date if isinstance(date, str) else date.isoformat()
    payload = "\x1f".join([prev_hash, numbers[request_id], str(seq), at, actor, action, date, data])
    bad += prev_hash != prev or hashlib.sha256(payload.encode()).hexdigest() != digest
    prev = digest
    count += 1
print(count, bad)
"""

# The same checks as verify, written plainly: chains, heads, replayed columns, personal data.
EVERYTHING = HASHES.replace("print(count, bad)", "") + r"""
import json
personal = ("applicant_name", "applicant_id", "applicant_phone", "applicant_address", "applicant_email")
sql_rows = "SELECT * FROM request"
if url.startswith("sqlite"):
    cursor = conn.execute(sql_rows)
else:
    cursor = conn.cursor()
    cursor.execute(sql_rows)
names = [d[0] for d in cursor.description]
rows = {r[0]: dict(zip(names, r)) for r in cursor.fetchall()}
if url.startswith("sqlite"):
    events = conn.execute(sql_events.replace("SELECT request_id,", "SELECT request_id, data, hash,"))
else:
    events = conn.cursor(name="again")
    events.itersize = 10000
    events.execute(sql_events.replace("SELECT request_id,", "SELECT request_id, data, hash,"))
def close(request_id, columns, committed, head):
    row = rows[request_id]
    global bad
    bad += head != row["head_hash"]
    for column, value in columns.items():
        stored = row[column]
        bad += stored != value and str(stored) != str(value) and not (stored in (0, 1) and value in (False, True))
    if committed is not None and row["personal_erased_on"] is None:
        canonical = json.dumps({f: row[f] for f in personal}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        bad += hashlib.sha256(f"{row['personal_salt']}\x1f{canonical}".encode()).hexdigest() != committed
current = None
for request_id, data, digest, *_ in events:
    if request_id != current:
        if current is not None:
            close(current, columns, committed, head)
        current, columns, committed = request_id, {"state": "received"}, None
    recorded = json.loads(data)
    columns.update(recorded.get("after", {}))
    committed = recorded.get("personal", committed)
    head = digest
close(current, columns, committed, head)
print(count, bad)
"""


def peak_heap(url: str) -> tuple[float, int]:
    """verify's peak Python heap in MB, in this process, and the events it read."""
    sys.path.insert(0, str(ROOT))
    from core.session import open_ready
    from core.store import audit
    from core.store.db import close_database

    open_ready(url)
    tracemalloc.start()
    result = audit.verify()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    close_database()
    return peak, result.events


def main() -> None:
    card = Scorecard("audit verify")
    url = demo_url(100_000)
    env = environment(url, "admin")  # every agency's chains (zhaomin sees her own)
    t_verify, _, out = timed_process(GONGKAI + ["audit", "verify", "--json"], env)
    verified = json.loads(out)
    t_one, _, one = timed_process(GONGKAI + ["audit", "verify", "--json", "--processes", "1"], env)
    card.check(json.loads(one) == verified, "verify in one process and in several disagree")
    t_hashes, _, hashes = timed_process([sys.executable, "-c", HASHES], env)
    t_all, _, everything = timed_process([sys.executable, "-c", EVERYTHING], env)
    card.check(verified["ok"], f"verify found a problem: {verified['problem']}")
    card.check(hashes.split() == [str(verified["events"]).encode(), b"0"], f"the hash floor read {hashes!r}")
    card.check(everything.split() == [str(verified["events"]).encode(), b"0"], f"the plain checks read {everything!r}")
    card.check(verified["events"] >= 400_000, f"only {verified['events']} events")
    card.info(f"{verified['requests']:,} requests, {verified['events']:,} events")
    cores = os.cpu_count() or 1
    card.ratio(f"gongkai audit verify ({cores} processes)", t_verify, t_hashes, 1.5,
               "driver + hashlib, hashes only, one process")
    card.ratio("gongkai audit verify --processes 1", t_one, t_hashes, None, "driver + hashlib, hashes only")
    card.ratio("gongkai audit verify --processes 1", t_one, t_all, None, "the same checks written plainly")
    small, small_events = peak_heap(demo_url(10_000))
    large, large_events = peak_heap(url)
    card.check(small_events > 0 and large_events == verified["events"], "verify read no events in process")
    card.ratio("peak heap at 100k", large, small, 1.5, "at 10k", "MB")
    card.finish()


if __name__ == "__main__":
    main()
