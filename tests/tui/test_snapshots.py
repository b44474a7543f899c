"""The look of the key screens at 80×24 (an SSH terminal) and 140×40, pinned
(pytest-textual-snapshot), and no English on any of them. Run
`pytest tests/tui/test_snapshots.py --snapshot-update` after an intended change
and review the SVGs."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from core import demo
from core.store import db as core_db
from core.store.models import Request
from tests.conftest import act_as, open_training
from tui.app import build_app

TODAY = dt.date(2025, 12, 1)
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((140, 40), id="140x40")]


@pytest.fixture
def demo_app(tmp_path, monkeypatch, catalogs):
    """A SQLite demo database with 200 requests as of 2025-12-01 (snapshots
    are taken once, not per database backend)."""
    monkeypatch.setenv("GONGKAI_DB", f"sqlite:///{tmp_path / 'snap.db'}")
    act_as(monkeypatch, "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())
    open_training()
    demo.fill(200, today=TODAY, seed=7)
    yield build_app
    core_db.close_database()


async def settle(pilot):
    """Let the database workers finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def keys(*pressed):
    async def run(pilot):
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
    return run


@pytest.mark.parametrize("size", SIZES)
def test_dashboard(demo_app, snap_compare, size):
    assert snap_compare(demo_app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_request_list_overdue(demo_app, snap_compare, size):
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("3"))


@pytest.mark.parametrize("size", SIZES)
def test_request_detail(demo_app, snap_compare, size):
    # An extended request of the officer's own agency (another agency's is not hers to open).
    target = Request.select().where(Request.extension_days > 0, Request.agency == "YXSZFB").order_by(Request.id).first()

    async def open_detail(pilot):
        pilot.app.open_request(target.id)
        await settle(pilot)

    assert snap_compare(demo_app(), terminal_size=size, run_before=open_detail)


@pytest.mark.parametrize("size", SIZES)
def test_complaint_list(demo_app, snap_compare, size):
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("c"))


@pytest.mark.parametrize("size", SIZES)
def test_complaint_detail(demo_app, snap_compare, size):
    # The demo's founded complaint, handled to its follow-up, seen by the handling office (masked).
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("c", "down", "down", "down", "down",
                                                                        "down", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_scorecard(demo_app, snap_compare, size, monkeypatch):
    act_as(monkeypatch, "sunhong")  # a 分管领导 sees every body
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("k"))


@pytest.mark.parametrize("size", SIZES)
def test_intake_form_with_errors(demo_app, snap_compare, size):
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("n", "ctrl+s"))


@pytest.mark.parametrize("size", SIZES)
def test_review_of_a_reply(demo_app, snap_compare, size):
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("7", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_annual_report_schedule(demo_app, snap_compare, size):
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("f6"))


@pytest.mark.parametrize("size", SIZES)
def test_annual_report_editor(demo_app, snap_compare, size):
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("f7"))


# What may stand in Latin letters on a screen: key names, codes (agency codes in request
# numbers), logins, the date format hint, and the names of file formats.
ALLOWED = {"esc", "Esc", "Ctrl", "Shift", "Tab", "PageDown", "PageUp", "pgup", "pgdn", "enter", "YYYY", "MM",
           "DD", "Word", "Excel", "zhaomin", "qianli", "sunhong", "admin", "docx", "xlsx", "tab"}


def test_no_english_on_any_pinned_screen():
    snapshots = sorted((Path(__file__).parent / "__snapshots__").rglob("*.svg"))
    assert len(snapshots) >= 14, "run the snapshot tests first (they write the SVGs this reads)"
    found = {}
    for svg in snapshots:
        text = html.unescape(" ".join(re.findall(r">([^<>]*)</text>", svg.read_text(encoding="utf-8"))))
        words = set(re.findall(r"[A-Za-z][A-Za-z]+", text))
        bad = {w for w in words if w not in ALLOWED and not re.fullmatch(r"[A-Z]{2,}", w)
               and not re.fullmatch(r"[a-z]", w)}
        if bad:
            found[svg.name] = sorted(bad)
    assert found == {}
