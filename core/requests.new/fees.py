"""信息处理费 under 国办函〔2020〕109号 (rules.md §4). Disclosure is normally free;
an agency charges one request either by item (按件, counted over one
applicant's requests in a calendar month) or by volume (按量, pages), never both."""

from __future__ import annotations

from .errors import InvalidInput

BY_ITEM, BY_VOLUME = "按件", "按量"
METHODS = (BY_ITEM, BY_VOLUME)


def by_item(nth_in_month: int) -> int:
    """Fee in yuan for an applicant's nth request in a calendar month: 1–10
    free, 11–30 100 yuan each, then each further band of 10 costs 100 more."""
    if nth_in_month < 1:
        raise InvalidInput("count", "申请件数应为正整数")
    if nth_in_month <= 10:
        return 0
    if nth_in_month <= 30:
        return 100
    return 100 * (2 + (nth_in_month - 31) // 10)


def by_volume(pages: int) -> int:
    """Fee in yuan for one request of `pages` pages: up to 30 free, 31–100 at
    10 yuan a page, 101–200 at 20, 201 and more at 40."""
    if pages < 1:
        raise InvalidInput("pages", "页数应为正整数")
    bands = ((30, 0), (100, 10), (200, 20), (None, 40))
    total, lower = 0, 0
    for upper, rate in bands:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += (top - lower) * rate
        if upper is None or pages <= upper:
            break
        lower = upper
    return total
