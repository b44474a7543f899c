"""The reply deadline under both regimes, with exact dates and wording."""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import holidays, regimes
from core.calendar.workdays import WorkCalendar
from core.requests.deadline import (
    ACCEPTED,
    AWAITING_CORRECTION,
    CLOSED,
    CONSULTATION_ENDED,
    CONSULTATION_STARTED,
    CORRECTED,
    CORRECTION_REQUESTED,
    EXTENDED,
    FEE_NOTICE,
    FEE_PAID,
    PAUSED,
    RECEIVED,
    REPLIED,
    RESUMED,
    RUNNING,
    SUSPENDED,
    ClockEvent,
    compute,
)

D = dt.date
E = ClockEvent


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar({y: holidays.from_package(y) for y in holidays.PACKAGE_YEARS})


@pytest.fixture(scope="module")
def yuxi():
    return regimes.load().get("yuxi")


@pytest.fixture(scope="module")
def national():
    return regimes.load().get("national-2019")


def test_yuxi_window_is_15_working_days_from_acceptance(cal, yuxi):
    d = compute([E(RECEIVED, D(2025, 9, 29)), E(ACCEPTED, D(2025, 9, 30))], yuxi, cal, D(2025, 10, 20))
    assert (d.state, d.start, d.due, d.extended_due, d.provisional, d.overdue, d.days_left) == (
        RUNNING, D(2025, 9, 30), D(2025, 10, 28), None, False, False, 6)
    assert d.binding == "yuxi"
    assert d.explanation == ("受理 2025-09-30；国庆中秋 10月1日至8日放假、10月11日调休上班；第15个工作日 2025-10-28；"
                             "不晚于《中华人民共和国政府信息公开条例（2019）》的期限 2025-11-03（收到申请 2025-09-29 起第20个工作日）")


def test_before_acceptance_the_regulations_window_runs_from_receipt(cal, yuxi):
    d = compute([E(RECEIVED, D(2025, 9, 29))], yuxi, cal, D(2025, 10, 20))
    assert (d.state, d.start, d.due, d.binding, d.waited_days, d.days_left, d.correction_notice_by) == (
        RUNNING, D(2025, 9, 29), D(2025, 11, 3), "national-2019", 10, 10, D(2025, 10, 15))
    assert d.explanation == ("收到申请 2025-09-29；国庆中秋 10月1日至8日放假、10月11日调休上班；第20个工作日 2025-11-03；"
                             "《玉溪市政府信息依申请公开制度》尚未受理，答复期限自受理之日起算，上位法期限照常计算"
                             "（《中华人民共和国政府信息公开条例》（国务院令第711号）第三十三条）；"
                             "已等待10个工作日（补正告知期限 2025-10-15 已过）")


def test_the_regulations_date_binds_when_acceptance_comes_late(cal, yuxi):
    """The issue's case: received 2025-03-03, accepted 2025-03-31 — yuxi alone says 04-22."""
    d = compute([E(RECEIVED, D(2025, 3, 3)), E(ACCEPTED, D(2025, 3, 31))], yuxi, cal, D(2025, 4, 1))
    assert (d.due, d.binding, d.overdue, d.days_left) == (D(2025, 3, 31), "national-2019", True, -1)
    assert d.explanation == ("收到申请 2025-03-03；第20个工作日 2025-03-31；早于《玉溪市政府信息依申请公开制度》的期限 "
                             "2025-04-22（受理 2025-03-31 起第15个工作日），以此为准"
                             "（《中华人民共和国政府信息公开条例》（国务院令第711号）第三十三条）")


def test_extension_adds_15_workdays_after_original_due(cal, yuxi):
    d = compute([E(ACCEPTED, D(2025, 9, 30)), E(EXTENDED, D(2025, 10, 24), 15)], yuxi, cal, D(2025, 10, 29))
    assert (d.due, d.extended_due, d.final_due, d.window_days, d.overdue, d.days_left) == (
        D(2025, 10, 28), D(2025, 11, 18), D(2025, 11, 18), 30, False, 14)
    assert d.explanation == ("受理 2025-09-30；国庆中秋 10月1日至8日放假、10月11日调休上班；第15个工作日 2025-10-28；"
                             "延期15个工作日，自原期限 2025-10-28 起算至 2025-11-18")


def test_suspension_does_not_count_the_days_until_resumption(cal, yuxi):
    events = [E(ACCEPTED, D(2025, 9, 30)), E(SUSPENDED, D(2025, 10, 14)), E(RESUMED, D(2025, 10, 20))]
    d = compute(events, yuxi, cal, D(2025, 10, 21))
    assert (d.state, d.due, d.days_left) == (RUNNING, D(2025, 11, 3), 9)
    assert d.explanation == ("受理 2025-09-30；中止 2025-10-14（已用5个工作日）；恢复 2025-10-20；"
                             "国庆中秋 10月1日至8日放假、10月11日调休上班；第15个工作日 2025-11-03")


def test_a_request_still_suspended_has_no_due_date_and_keeps_its_remaining_days(cal, yuxi):
    d = compute([E(ACCEPTED, D(2025, 9, 30)), E(SUSPENDED, D(2025, 10, 14))], yuxi, cal, D(2025, 12, 1))
    assert (d.state, d.paused, d.due, d.days_left, d.overdue) == (PAUSED, True, None, 10, False)
    assert d.explanation == ("受理 2025-09-30；中止 2025-10-14（已用5个工作日）；"
                             "国庆中秋 10月1日至8日放假、10月11日调休上班；期限中止中，恢复后剩余10个工作日")


def test_a_suspension_after_the_window_ran_out_does_not_rescue_it(cal, yuxi):
    events = [E(ACCEPTED, D(2025, 9, 30)), E(SUSPENDED, D(2025, 10, 29)), E(RESUMED, D(2025, 11, 10))]
    d = compute(events, yuxi, cal, D(2025, 11, 11))
    assert (d.due, d.overdue, d.days_left) == (D(2025, 10, 28), True, -10)


def test_consultation_is_not_counted_under_yuxi_either_since_the_regulation_says_so(cal, yuxi):
    events = [E(ACCEPTED, D(2025, 9, 30)), E(CONSULTATION_STARTED, D(2025, 10, 14)),
              E(CONSULTATION_ENDED, D(2025, 10, 20))]
    # 5 working days used to 10-14; the remaining 10 run from 10-20.
    assert compute(events, yuxi, cal, D(2025, 10, 21)).due == D(2025, 11, 3)


def test_consultation_is_not_counted_under_the_2019_regulation(cal, national):
    events = [E(RECEIVED, D(2025, 3, 3)), E(ACCEPTED, D(2025, 3, 4)), E(CONSULTATION_STARTED, D(2025, 3, 7)),
              E(CONSULTATION_ENDED, D(2025, 3, 28))]
    d = compute(events, national, cal, D(2025, 3, 31))
    assert (d.due, d.days_left) == (D(2025, 4, 22), 15)
    assert d.explanation == ("收到申请 2025-03-03；征求意见 2025-03-07（已用4个工作日）；征求意见结束 2025-03-28；"
                             "清明 4月4日至6日放假；第20个工作日 2025-04-22")


def test_fee_waiting_is_not_counted_under_the_2019_regulation_nor_under_yuxi(cal, national, yuxi):
    national_events = [E(RECEIVED, D(2025, 3, 3)), E(FEE_NOTICE, D(2025, 3, 5)), E(FEE_PAID, D(2025, 3, 20))]
    assert compute(national_events, national, cal, D(2025, 3, 21)).due == D(2025, 4, 16)
    yuxi_events = [E(ACCEPTED, D(2025, 3, 3)), E(FEE_NOTICE, D(2025, 3, 5)), E(FEE_PAID, D(2025, 3, 20))]
    # 2 working days used to 03-05; 13 from 03-20, across 清明 (04-04).
    assert compute(yuxi_events, yuxi, cal, D(2025, 3, 21)).due == D(2025, 4, 9)


def test_2019_window_is_20_working_days_from_receipt(cal, national):
    d = compute([E(RECEIVED, D(2025, 9, 30)), E(ACCEPTED, D(2025, 9, 30))], national, cal, D(2025, 10, 9))
    assert (d.start, d.due, d.days_left) == (D(2025, 9, 30), D(2025, 11, 4), 19)
    assert d.explanation == "收到申请 2025-09-30；国庆中秋 10月1日至8日放假、10月11日调休上班；第20个工作日 2025-11-04"


def test_2019_extension_of_20_days_counts_from_the_original_due_date(cal, national):
    d = compute([E(RECEIVED, D(2025, 9, 30)), E(EXTENDED, D(2025, 10, 30), 20)], national, cal, D(2025, 11, 1))
    assert (d.due, d.extended_due) == (D(2025, 11, 4), D(2025, 12, 2))


def test_2019_correction_restarts_the_window_on_the_corrected_application(cal, national):
    waiting = [E(RECEIVED, D(2025, 9, 22)), E(CORRECTION_REQUESTED, D(2025, 9, 24))]
    d = compute(waiting, national, cal, D(2025, 9, 26))
    assert (d.state, d.paused, d.due) == (AWAITING_CORRECTION, True, None)
    assert d.explanation == "已于 2025-09-24 通知补正，答复期限自收到补正后的申请之日起重新计算"

    d = compute(waiting + [E(CORRECTED, D(2025, 9, 30))], national, cal, D(2025, 10, 9))
    assert (d.state, d.start, d.due) == (RUNNING, D(2025, 9, 30), D(2025, 11, 4))
    assert d.explanation.startswith("补正后收到申请 2025-09-30；")


def test_yuxi_correction_before_acceptance_starts_the_window_at_acceptance(cal, yuxi):
    events = [E(RECEIVED, D(2025, 9, 20)), E(CORRECTION_REQUESTED, D(2025, 9, 22)), E(CORRECTED, D(2025, 9, 29))]
    # Until acceptance the regulation's window runs, restarted on the corrected application (条例第三十条).
    d = compute(events, yuxi, cal, D(2025, 9, 29))
    assert (d.state, d.start, d.due, d.binding) == (RUNNING, D(2025, 9, 29), D(2025, 11, 3), "national-2019")
    d = compute(events + [E(ACCEPTED, D(2025, 9, 30))], yuxi, cal, D(2025, 10, 9))
    assert (d.start, d.due, d.binding) == (D(2025, 9, 30), D(2025, 10, 28), "yuxi")


@pytest.mark.parametrize("today, days_left, overdue", [
    (D(2025, 10, 27), 1, False),
    (D(2025, 10, 28), 0, False),
    (D(2025, 10, 29), -1, True),
    (D(2025, 11, 3), -4, True),
])
def test_days_left_and_overdue_against_today(cal, yuxi, today, days_left, overdue):
    d = compute([E(ACCEPTED, D(2025, 9, 30))], yuxi, cal, today)
    assert (d.days_left, d.overdue) == (days_left, overdue)


@pytest.mark.parametrize("replied, overdue", [(D(2025, 10, 28), False), (D(2025, 10, 29), True)])
def test_a_reply_closes_the_window_and_is_late_only_after_the_due_date(cal, yuxi, replied, overdue):
    d = compute([E(ACCEPTED, D(2025, 9, 30)), E(REPLIED, replied)], yuxi, cal, D(2026, 1, 1))
    assert (d.state, d.closed_on, d.overdue, d.days_left) == (CLOSED, replied, overdue, None)


def test_a_window_reaching_into_2027_is_provisional(cal, yuxi):
    d = compute([E(ACCEPTED, D(2026, 12, 24))], yuxi, cal, D(2026, 12, 28))
    assert (d.due, d.provisional, d.provisional_reason) == (D(2027, 1, 14), True, "2027年节假日安排尚未录入")
    assert d.explanation == "受理 2026-12-24；第15个工作日 2027-01-14；2027年节假日安排尚未录入，暂按周末双休计算"


def test_the_same_events_in_any_input_order_give_the_same_deadline(cal, yuxi):
    events = [E(ACCEPTED, D(2025, 9, 30)), E(SUSPENDED, D(2025, 10, 14)), E(RESUMED, D(2025, 10, 20)),
              E(EXTENDED, D(2025, 10, 30), 15)]
    assert compute(events, yuxi, cal, D(2025, 11, 1)) == compute(events[::-1], yuxi, cal, D(2025, 11, 1))


def test_the_memo_answers_per_calendar_and_day(cal, yuxi):
    """compute remembers its results; a calendar without 2025's holidays, another day, or a list
    changed after the call must each get their own answer, never a neighbour's."""
    events = [E(RECEIVED, D(2025, 9, 29)), E(ACCEPTED, D(2025, 9, 30))]
    first = compute(events, yuxi, cal, D(2025, 10, 20))
    assert compute(list(events), yuxi, cal, D(2025, 10, 20)) is first
    weekends_only = WorkCalendar({y: holidays.from_package(y) for y in holidays.PACKAGE_YEARS if y != 2025})
    other = compute(events, yuxi, weekends_only, D(2025, 10, 20))
    assert (other.due, other.provisional, first.due, first.provisional) == (
        D(2025, 10, 21), True, D(2025, 10, 28), False)
    assert compute(events, yuxi, cal, D(2025, 10, 21)).days_left == 5
    events.append(E(EXTENDED, D(2025, 10, 24), 15))
    assert compute(events, yuxi, cal, D(2025, 10, 20)).extended_due == D(2025, 11, 18)
    assert first.extended_due is None and first.explanation.startswith("受理 2025-09-30；国庆中秋")
