"""The look of the key screens, pinned (pytest-textual-snapshot). Run
`pytest tests/tui/test_snapshots.py --snapshot-update` after an intended change
and review the SVGs."""

from __future__ import annotations

import datetime as dt

import pytest

from core import demo
from core.session import open_ready
from core.store import db as core_db
from core.store.models import Request
from tui.app import build_app

TODAY = dt.date(2025, 12, 1)


@pytest.fixture
def demo_app(tmp_path, monkeypatch, catalogs):
    """A SQLite demo database with 200 requests as of 2025-12-01 (snapshots
    are taken once, not per database backend)."""
    monkeypatch.setenv("GONGKAI_DB", f"sqlite:///{tmp_path / 'snap.db'}")
    monkeypatch.setenv("GONGKAI_USER", "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())
    open_ready()
    demo.fill(200, today=TODAY, seed=7)
    yield build_app
    core_db.close_database()


async def settle(pilot):
    """Let the database workers finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_dashboard(demo_app, snap_compare):
    assert snap_compare(demo_app(), terminal_size=(100, 30), run_before=settle)


def test_request_list_overdue(demo_app, snap_compare):
    async def open_overdue(pilot):
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(demo_app(), terminal_size=(100, 30), run_before=open_overdue)


def test_request_detail(demo_app, snap_compare):
    target = Request.select().where(Request.extension_days > 0).order_by(Request.id).first()

    async def open_detail(pilot):
        pilot.app.open_request(target.id)
        await settle(pilot)

    assert snap_compare(demo_app(), terminal_size=(100, 40), run_before=open_detail)


def test_intake_form_with_errors(demo_app, snap_compare):
    async def submit_empty(pilot):
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(demo_app(), terminal_size=(100, 40), run_before=submit_empty)


def test_review_of_a_reply(demo_app, snap_compare):
    async def open_first_review(pilot):
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(demo_app(), terminal_size=(100, 40), run_before=open_first_review)


def test_annual_report_schedule(demo_app, snap_compare):
    async def open_schedule(pilot):
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)

    assert snap_compare(demo_app(), terminal_size=(100, 40), run_before=open_schedule)
