"""Officers logging requests and appending to the system chain at the same moment, from
separate processes with their own connections (on PostgreSQL, their own accounts):
nothing fails, and numbers and sequence numbers are unique and gapless."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest

from core import demo
from core.organisation import users
from core.requests import service as requests
from core.requests.intake import Intake
from core.store import db as core_db
from core.store.models import Request, SystemEvent
from tests.conftest import as_officer

PROCESSES, EACH = 8, 200
TODAY = dt.date(2025, 12, 1)


def _log_requests(url: str, count: int, start: multiprocessing.Event) -> list[str]:
    core_db.open_database(url)
    clerk = users.get("zhaomin")
    start.wait()
    failures = []
    for i in range(count):
        try:
            requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 11, 3), channel="当面",
                                   applicant_type="自然人", applicant_name=f"申请人{i}", content="政务云经费",
                                   applicant_phone="13912345678"), clerk, TODAY)
        except Exception as exc:  # the test counts every kind of failure
            failures.append(f"{type(exc).__name__}: {exc}")
    core_db.close_database()
    return failures


def _read_personal_data(url: str, number: str, count: int, start: multiprocessing.Event) -> list[str]:
    core_db.open_database(url)
    clerk = users.get("zhaomin")
    view = requests.get(number, TODAY)
    start.wait()
    failures = []
    for _ in range(count):
        try:
            requests.record_personal_data_read(view, clerk, "race")
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {exc}")
    core_db.close_database()
    return failures


def race(target, url: str, *args) -> list[str]:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Event()
        with context.Pool(PROCESSES) as pool:
            pending = [pool.apply_async(target, (url, *args, start)) for _ in range(PROCESSES)]
            start.set()
            return [f for p in pending for f in p.get(timeout=600)]


@pytest.fixture
def officer_url(db, env):
    demo.fill()
    core_db.close_database()
    url = env["db"]
    return url if url.startswith("sqlite") else as_officer(url, "zhaomin")


def test_eight_officers_logging_at_once_lose_nothing_and_share_no_number(officer_url, env):
    failures = race(_log_requests, officer_url, EACH)
    assert failures == []
    core_db.open_database(env["db"])
    seqs = sorted(seq for (seq,) in Request.select(Request.seq).where(Request.agency == "YXSZFB").tuples())
    assert seqs == list(range(1, PROCESSES * EACH + 1))


def test_eight_officers_appending_to_the_system_chain_at_once(officer_url, env):
    core_db.open_database(env["db"])
    number = requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 11, 3), channel="当面",
                                    applicant_type="自然人", applicant_name="张三", content="政务云经费",
                                    applicant_phone="13912345678"), users.get("zhaomin"), TODAY).number
    before = SystemEvent.select().count()
    core_db.close_database()
    assert race(_read_personal_data, officer_url, number, 10) == []
    core_db.open_database(env["db"])
    seqs = [seq for (seq,) in SystemEvent.select(SystemEvent.seq).order_by(SystemEvent.seq).tuples()]
    assert seqs == list(range(1, before + PROCESSES * 10 + 1))
