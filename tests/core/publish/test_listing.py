"""Paged listings: no page grows with the catalogue."""

from __future__ import annotations

from core.publish.site.listing import PER_PAGE, paged

HEADER = "| 索引号 |\n|---|\n"


def test_a_long_listing_is_split_into_pages_linked_to_each_other():
    rows = [f"| A/2025-{n:05d} |" for n in range(1, 2 * PER_PAGE + 11)]
    files = paged("catalogue/class-1", "主动公开目录：机构职能", "", HEADER, rows, "")
    assert list(files) == ["catalogue/class-1.md", "catalogue/class-1-2.md", "catalogue/class-1-3.md"]
    first, last = files["catalogue/class-1.md"], files["catalogue/class-1-3.md"]
    assert "\n# 主动公开目录：机构职能\n" in first and "\n# 主动公开目录：机构职能（第3页）\n" in last
    assert "共 110 条，第 1/3 页　上一页 **1** [2](class-1-2.md) [3](class-1-3.md) [下一页](class-1-2.md)" in first
    assert "共 110 条，第 3/3 页　[上一页](class-1-2.md) [1](class-1.md) [2](class-1-2.md) **3** 下一页" in last
    assert first.count("| A/2025-") == PER_PAGE and last.count("| A/2025-") == 10
    assert "| A/2025-00110 |" in last


def test_the_pager_elides_distant_pages():
    rows = [f"| {n} |" for n in range(40 * PER_PAGE)]
    middle = paged("catalogue/year-2025", "目录", "", HEADER, rows, "")["catalogue/year-2025-20.md"]
    assert ("第 20/40 页　[上一页](year-2025-19.md) [1](year-2025.md) … [17](year-2025-17.md) [18](year-2025-18.md) "
            "[19](year-2025-19.md) **20** [21](year-2025-21.md) [22](year-2025-22.md) [23](year-2025-23.md) … "
            "[40](year-2025-40.md) [下一页](year-2025-21.md)") in middle


def test_a_short_listing_is_one_page_without_a_pager():
    files = paged("catalogue/agency-YXZWFWJ", "目录", "", HEADER, ["| 1 |"], "")
    assert list(files) == ["catalogue/agency-YXZWFWJ.md"] and "共 1 条" in files["catalogue/agency-YXZWFWJ.md"]
    assert "上一页" not in files["catalogue/agency-YXZWFWJ.md"]
