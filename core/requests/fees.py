"""信息处理费 under 国办函〔2020〕109号 (rules.md §4). Disclosure is normally free;
an agency charges one request either by item (按件, counted over one
applicant's requests in a calendar month) or by volume (按量, pages), never both."""

from __future__ import annotations

from core.errors import InvalidInput

BY_ITEM, BY_VOLUME = "按件", "按量"
METHODS = (BY_ITEM, BY_VOLUME)


# 按件: free up to the 10th request of a month, 100 yuan each up to the 30th, then every further
# band of 10 requests costs 100 yuan more each.
ITEM_FREE, ITEM_FIRST_BAND, ITEM_BAND, ITEM_YUAN = 10, 30, 10, 100
# 按量: (up to this many pages, yuan a page); the last band has no upper end.
VOLUME_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))
# No request runs to a million pages; a number past it is a typing slip (and its fee would not fit a column).
MAX_PAGES = 1_000_000


def by_item(nth_in_month: int) -> int:
    """Fee in yuan for an applicant's nth request in a calendar month: 1–10
    free, 11–30 100 yuan each, then each further band of 10 costs 100 more."""
    if nth_in_month < 1:
        raise InvalidInput("count", "申请件数应为正整数")
    if nth_in_month <= ITEM_FREE:
        return 0
    if nth_in_month <= ITEM_FIRST_BAND:
        return ITEM_YUAN
    return ITEM_YUAN * (2 + (nth_in_month - ITEM_FIRST_BAND - 1) // ITEM_BAND)


def by_volume(pages: int) -> int:
    """Fee in yuan for one request of `pages` pages: up to 30 free, 31–100 at
    10 yuan a page, 101–200 at 20, 201 and more at 40."""
    if pages < 1:
        raise InvalidInput("pages", "页数应为正整数")
    if pages > MAX_PAGES:
        raise InvalidInput("pages", f"页数不超过{MAX_PAGES}")
    total, lower = 0, 0
    for upper, rate in VOLUME_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += (top - lower) * rate
        if upper is None or pages <= upper:
            break
        lower = upper
    return total


def in_plain_words() -> list[str]:
    """The two ways of charging as the public guide states them, from the same figures."""
    volume, lower = [], 0
    for upper, rate in VOLUME_BANDS:
        span = f"{lower + 1}页以上" if upper is None else f"{lower + 1}—{upper}页（含）" if lower else f"{upper}页以内（含）"
        volume.append(f"{span}{'不收费' if not rate else f'的部分每页{rate}元'}")
        lower = upper or lower
    return [f"按件计收：申请人一个自然月内累计申请{ITEM_FREE}件以内（含）的，不收费；{ITEM_FREE + 1}—{ITEM_FIRST_BAND}件（含）"
            f"的部分每件{ITEM_YUAN}元；{ITEM_FIRST_BAND + 1}件以上的部分，以{ITEM_BAND}件为一档，每增加一档，收费标准每件提高{ITEM_YUAN}元。",
            "按量计收：同一申请所需信息的数量，" + "；".join(volume) + "。",
            "行政机关只能选择按件或按量其中一种方式计收；申请人确有经济困难的，可以申请减免。"
            "（依据：国务院办公厅《政府信息公开信息处理费管理办法》（国办函〔2020〕109号））"]
