"""The fast paths of #20 give what the plain ones gave: bulk inserts, the demo generated on
several cores, and audit verify read in chunks."""

from __future__ import annotations

import datetime as dt

import pytest

from core import demo
from core.store import audit, db
from core.store.audit import verify
from core.store.models import Case, Event, Request, User
from tests.conftest import connect_as

TODAY = dt.date(2025, 12, 1)
SAMPLES = {str: "玉溪", int: 7, bool: True, dt.date: dt.date(2025, 10, 9), dt.datetime: dt.datetime(2025, 10, 9, 9, 30)}


def test_a_value_of_its_columns_plain_type_is_what_peewee_would_send():
    # column_values skips db_value for these: it must be the identity on every model's fields.
    for model in (Request, Event, Case, User):
        for field in model._meta.sorted_fields:
            kind = db._PLAIN.get(field.field_type)
            assert kind is not None, f"{model.__name__}.{field.name}: {field.field_type} has no plain type"
            value = SAMPLES[kind]
            assert field.db_value(value) == value and type(field.db_value(value)) is kind


def test_insert_rows_stores_what_peewee_stores(db_url, office):
    from tests.conftest import open_training

    open_training(db_url)
    demo.fill(0, today=TODAY)
    template = dict(agency="YXSZFB", year=2025, regime="yuxi", received=dt.date(2025, 9, 29), channel="当面",
                    applicant_type="自然人", applicant_name="王芳", content="2024年征地补偿安置方案",
                    state="received", head_hash="0" * 64, provisional=True, extension_days=3)
    Request.insert(id=1, number="YXSZFB-2025-0001", seq=1, **template).execute()
    db.insert_rows(Request, [dict(id=2, number="YXSZFB-2025-0002", seq=2, **template)])
    plain, bulk = (Request.select().where(Request.id == i).dicts().get() for i in (1, 2))
    for column in ("id", "number", "seq", "updated_at"):
        plain.pop(column), bulk.pop(column)
    assert bulk == plain
    assert Request.get_by_id(2).updated_at is not None  # the default a row leaves out


@pytest.fixture
def loaded(db):
    demo.fill(40, today=TODAY)
    return db


def test_verify_reads_in_chunks_and_still_names_the_first_problem(loaded, monkeypatch):
    monkeypatch.setattr(audit, "VERIFY_CHUNK", 3)
    whole = verify()
    assert whole.ok and whole.requests == 40 and whole.events == Event.select().count()
    target = Request.get(Request.id == 8)  # in the third chunk
    connect_as(None)
    Event.update(actor="somebody").where((Event.request == target.id) & (Event.seq == 2)).execute()
    event = Event.get((Event.request == target.id) & (Event.seq == 2))
    result = verify()
    assert result.problem == (f"申请 {target.number} 第2条事件（id {event.id}，{event.action}）：内容与哈希不符，"
                              f"事件被改动")
    assert result.requests == 8


def test_a_request_left_without_events_is_named_after_every_chain_is_read(loaded, monkeypatch):
    monkeypatch.setattr(audit, "VERIFY_CHUNK", 4)
    connect_as(None)
    target = Request.get(Request.id == 5)
    Event.delete().where(Event.request == target.id).execute()
    result = verify()
    assert result.problem == f"申请 {target.number}：没有任何事件，事件被删除"
    assert result.requests == 39


def test_verify_in_several_processes_answers_as_one_does(loaded, monkeypatch):
    """Runs of ids checked by forked processes: the same counts, and the same first problem — the
    lowest request's, even when a later run finds one too; a request without events is still named
    only after every chain has been read."""
    monkeypatch.setattr(audit, "VERIFY_PARALLEL_FROM", 1)
    monkeypatch.setattr(audit, "VERIFY_CHUNK", 4)
    assert [end for _, end in audit._ranges(3)] == [13, 26, None]
    assert verify(3) == verify(1) and verify(3).ok and verify(3).requests == 40
    connect_as(None)
    emptied, early, late = (Request.get(Request.id == i) for i in (3, 21, 35))  # first, second, third run
    Event.delete().where(Event.request == emptied.id).execute()
    assert verify(3) == verify(1) and verify(3).problem == f"申请 {emptied.number}：没有任何事件，事件被删除"
    Event.update(actor="somebody").where((Event.request == late.id) & (Event.seq == 2)).execute()
    assert verify(3) == verify(1) and verify(3).problem.startswith(f"申请 {late.number} 第2条事件")
    Request.update(head_hash="f" * 64).where(Request.id == early.id).execute()
    result = verify(3)
    assert result == verify(1)
    assert (result.problem, result.requests) == (f"申请 {early.number}：最新事件哈希与申请记录不符，末尾事件被删除或改动", 20)
    assert Request.select().count() == 40  # this process reads on after the forks


def test_the_demo_is_the_same_whether_one_process_or_several_make_it(tmp_path, monkeypatch, office):
    """Each request's history comes from its own seed: the workers change nothing but the time.
    (`office`: the demo signs the gazette's reviews into a copy of the content tree.)"""
    from core.store.db import close_database
    from tests.conftest import open_training

    monkeypatch.setattr(demo, "CHUNK", 25)
    made = []
    for name, cores in (("one", 1), ("several", 2)):
        monkeypatch.setattr(demo.os, "cpu_count", lambda cores=cores: cores)
        open_training(f"sqlite:///{tmp_path / name}.db")
        demo.fill(120, today=TODAY, seed=11)
        made.append(([(r.number, r.state, r.due, r.outcome, r.extension_days, r.applicant_name)
                      for r in Request.select().order_by(Request.id)],
                     [(e.request_id, e.seq, e.action, e.date) for e in Event.select().order_by(Event.id)]))
        assert verify().ok
        close_database()
    assert made[0] == made[1]
    assert len(made[0][0]) == 120
