"""Working-day arithmetic against the real State Council arrangements."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from core.calendar import holidays
from core.calendar.workdays import WorkCalendar, calendar
from core.errors import InvalidInput

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar({y: holidays.from_package(y) for y in holidays.PACKAGE_YEARS})


@pytest.mark.parametrize("start, days, expected", [
    # 2025 春节: off 1-28..2-04; Sunday 1-26 and Saturday 2-08 worked
    (D(2025, 1, 24), 1, D(2025, 1, 26)),
    (D(2025, 1, 26), 1, D(2025, 1, 27)),
    (D(2025, 1, 27), 1, D(2025, 2, 5)),
    (D(2025, 2, 5), 3, D(2025, 2, 8)),
    (D(2025, 1, 27), 15, D(2025, 2, 24)),
    # 2025 国庆中秋: off 10-01..10-08; Sunday 9-28 and Saturday 10-11 worked
    (D(2025, 9, 30), 15, D(2025, 10, 28)),
    (D(2025, 9, 26), 1, D(2025, 9, 28)),
    (D(2025, 9, 30), 1, D(2025, 10, 9)),
    (D(2025, 10, 1), 1, D(2025, 10, 9)),  # a start on a holiday is not counted either
    (D(2025, 10, 4), 2, D(2025, 10, 10)),
    (D(2025, 10, 10), 1, D(2025, 10, 11)),
    # 2026 春节: off 2-15..2-23; Saturdays 2-14 and 2-28 worked
    (D(2026, 2, 13), 1, D(2026, 2, 14)),
    (D(2026, 2, 14), 1, D(2026, 2, 24)),
    (D(2026, 2, 24), 4, D(2026, 2, 28)),
    (D(2026, 2, 13), 15, D(2026, 3, 12)),
    # 2026 中秋 9-25..9-27 and 国庆 10-01..10-07; Sunday 9-20 and Saturday 10-10 worked
    (D(2026, 9, 18), 1, D(2026, 9, 20)),
    (D(2026, 9, 24), 1, D(2026, 9, 28)),
    (D(2026, 9, 30), 1, D(2026, 10, 8)),
    (D(2026, 10, 8), 2, D(2026, 10, 10)),
    (D(2026, 9, 30), 15, D(2026, 10, 27)),
    # an ordinary weekend, and zero days
    (D(2025, 3, 7), 1, D(2025, 3, 10)),
    (D(2025, 3, 8), 0, D(2025, 3, 8)),
])
def test_nth_working_day_after_a_date(cal, start, days, expected):
    result = cal.add_checked(start, days)
    assert result.date == expected
    assert result.provisional is False
    if days:
        assert cal.between(start, expected) == days


def test_the_package_find_workday_is_one_day_off_from_a_holiday_start(cal):
    # rules.md §2: this is why the engine does not use find_workday.
    assert chinese_calendar.find_workday(1, D(2025, 10, 1)) == D(2025, 10, 10)
    assert cal.add(D(2025, 10, 1), 1) == D(2025, 10, 9)


def _oracle_add(start: dt.date, days: int) -> tuple[dt.date, bool]:
    """Day by day over the package's is_workday; weekdays where it has no data."""
    day, counted, guessed = start, 0, False
    while counted < days:
        day += dt.timedelta(days=1)
        if day.year > 2026:
            guessed = True
            working = day.weekday() < 5
        else:
            working = chinese_calendar.is_workday(day)
        counted += working
    return day, guessed


def test_every_start_in_2025_and_2026_matches_the_day_by_day_oracle(cal):
    mismatches = []
    day = D(2025, 1, 1)
    while day <= D(2026, 12, 31):
        for days in (1, 3, 7, 15, 20, 30):
            expected, guessed = _oracle_add(day, days)
            got = cal.add_checked(day, days)
            if (got.date, got.provisional) != (expected, guessed):
                mismatches.append((day, days, got, expected))
        day += dt.timedelta(days=1)
    assert mismatches == []


def test_between_counts_the_end_day_but_not_the_start_day(cal):
    assert cal.between(D(2025, 9, 30), D(2025, 10, 28)) == 15
    assert cal.between(D(2025, 10, 28), D(2025, 9, 30)) == -15
    assert cal.between(D(2025, 10, 1), D(2025, 10, 8)) == 0
    assert cal.between(D(2025, 9, 27), D(2025, 9, 28)) == 1


def test_a_start_in_late_december_2026_is_provisional_with_the_reason(cal):
    result = cal.add_checked(D(2026, 12, 24), 15)
    assert result.date == D(2027, 1, 14)
    assert result.provisional is True
    assert result.reason == "2027年节假日安排尚未录入"
    assert cal.add_checked(D(2026, 12, 1), 15).provisional is False  # ends 12-22: no 2027 day needed


def test_a_result_spanning_two_missing_years_names_both(cal):
    result = cal.add_checked(D(2026, 12, 1), 300)
    assert result.reason == "2027年、2028年节假日安排尚未录入"


def test_notes_word_holidays_and_makeup_days_as_the_notices_do(cal):
    assert cal.notes(D(2025, 9, 30), D(2025, 10, 28)) == ["国庆中秋 10月1日至8日放假、10月11日调休上班"]
    assert cal.notes(D(2025, 1, 20), D(2025, 2, 20)) == ["春节 1月28日至2月4日放假、1月26日、2月8日调休上班"]
    assert cal.notes(D(2026, 9, 1), D(2026, 10, 31)) == [
        "中秋 9月25日至27日放假", "国庆节 10月1日至7日放假、9月20日、10月10日调休上班"]
    assert cal.notes(D(2025, 3, 1), D(2025, 3, 31)) == []


def test_dates_outside_the_table_are_refused_naming_the_field(cal):
    with pytest.raises(InvalidInput) as err:
        cal.add(D(1989, 12, 31), 1)
    assert err.value.message == "日期：日期 1989-12-31 超出支持范围（1990–2100 年）"
    with pytest.raises(InvalidInput) as err:
        cal.add(D(2025, 1, 1), -1)
    assert err.value.message == "工作日数：工作日数应为非负整数，收到 -1"


def test_batch_form_keeps_order(cal):
    results = cal.add_many([D(2025, 9, 30), D(2026, 12, 24), D(2025, 1, 27)], 15)
    assert [(r.date, r.provisional) for r in results] == [
        (D(2025, 10, 28), False), (D(2027, 1, 14), True), (D(2025, 2, 24), False)]


def test_package_periods_are_grouped_and_named(cal):
    year = holidays.from_package(2025)
    assert [(p.name, p.start, p.end, p.makeup_days) for p in year.periods] == [
        ("元旦", D(2025, 1, 1), D(2025, 1, 1), ()),
        ("春节", D(2025, 1, 28), D(2025, 2, 4), (D(2025, 1, 26), D(2025, 2, 8))),
        ("清明", D(2025, 4, 4), D(2025, 4, 6), ()),
        ("劳动节", D(2025, 5, 1), D(2025, 5, 5), (D(2025, 4, 27),)),
        ("端午", D(2025, 5, 31), D(2025, 6, 2), ()),
        ("国庆中秋", D(2025, 10, 1), D(2025, 10, 8), (D(2025, 9, 28), D(2025, 10, 11))),
    ]
    assert year.source == f"chinesecalendar {chinese_calendar.__version__}"


def test_calendar_is_rebuilt_when_a_holiday_file_appears(catalogs):
    before = calendar()
    assert 2027 not in before.years
    (catalogs / "holidays" / "2027.yaml").write_text(
        "year: 2027\nnotice: 测试通知\nnotice_date: 2026-11-01\nholidays:\n"
        "  - {name: 元旦, from: 2027-01-01, to: 2027-01-01}\n", encoding="utf-8")
    after = calendar()
    assert after is not before and 2027 in after.years
