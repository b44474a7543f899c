"""Regimes are data: both shipped regimes load, and a broken file is located."""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import regimes
from core.errors import DataFileError, InvalidInput


def test_shipped_regimes_carry_their_windows_and_report_dates(catalogs):
    loaded = regimes.load()
    assert loaded.default == "yuxi"
    yuxi, national = loaded.get(None), loaded.get("national-2019")
    assert (yuxi.reply_days, yuxi.clock_starts, yuxi.extension_max_days, yuxi.extension_approver, yuxi.paused_by) == (
        15, "accepted", 15, "分管领导", ("suspension",))
    assert (national.reply_days, national.clock_starts, national.extension_max_days, national.paused_by,
            national.correction_notice_within, national.third_party_reply_days, national.fee_payment_days) == (
        20, "received", 20, ("consultation", "fee"), 7, 15, 20)
    assert national.receipt_rule("邮寄") == "行政机关签收之日"
    assert [m.date_for(2025) for m in yuxi.annual_report] == [dt.date(2026, 3, 1), dt.date(2026, 3, 15),
                                                              dt.date(2026, 3, 31)]
    assert [m.date_for(2025) for m in national.annual_report] == [dt.date(2026, 1, 31), dt.date(2026, 3, 31)]


def test_unknown_regime_is_refused_naming_the_choices(catalogs):
    with pytest.raises(InvalidInput) as err:
        regimes.load().get("beijing")
    assert err.value.message == "期限制度：未知期限制度 'beijing'，应为 yuxi / national-2019 之一"


def test_a_broken_regime_file_names_line_and_field(catalogs):
    path = catalogs / "regimes.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    reply_days: 15\n", "    reply_days: -15\n").replace(
        "    clock_starts: received\n", "    clock_starts: posted\n")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    with pytest.raises(DataFileError) as err:
        regimes.load()
    messages = [(p.line, p.field, p.message) for p in err.value.problems]
    assert messages == [
        (lines.index("    reply_days: -15") + 1, "reply_days", "应为正整数"),
        (lines.index("    clock_starts: posted") + 1, "clock_starts", "应为 accepted / received 之一"),
    ]
    assert str(err.value.problems[0]).startswith("catalogs/regimes.yaml 第")
