"""The public site as a citizen's browser uses it: served or opened from a folder, search
finds a document by its 文号, links reach pages, and nothing comes from the internet."""

from __future__ import annotations

import re

import pytest


def search(page, base: str, query: str) -> list[tuple[str, str]]:
    """(link, snippet) of each result, in order, for `query` typed into the search box."""
    page.goto(base + "index.html")
    page.click("input.md-search__input")  # opening the search loads the index (from a folder, only then)
    page.wait_for_function("document.querySelector('.md-search-result__meta').innerText.includes('键入')",
                           timeout=30000)
    # Material searches on keyup: the text is put in whole (a CJK input method commits it so), then a key.
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")
    # Every query here has results: wait for their count.
    page.wait_for_function("/\\d+ 个符合条件的结果/.test(document.querySelector('.md-search-result__meta').innerText)",
                           timeout=30000)
    # search.highlight adds ?h=… to each link; the page is what matters.
    return [(re.sub(r"\?h=[^#]*", "", item.get_attribute("href")), item.inner_text().replace("\u200b", ""))
            for item in page.locator(".md-search-result__item > a").all()]


@pytest.mark.parametrize("query, found", [
    ("玉政办发〔2025〕15号", "gazette/2025-09/02.html"),
    ("〔2025〕15号", "gazette/2025-09/02.html"),
    ("玉政办发", "gazette/2025-09/02.html"),
    ("玉政发〔2025〕7号", "gazette/2025-09/01.html"),
    ("玉医保规〔2025〕1号", "gazette/2025-09/04.html"),
])
def test_search_finds_a_document_by_its_文号(page, base, query, found):
    results = search(page, base, query)
    assert results, f"no result for {query}"
    link, snippet = results[0]
    assert link.endswith(found), results[:3]
    # A clean snippet: the document's keys, not the header table's cells run together.
    assert "索引号—发布机构" not in snippet and "文号" in snippet


def test_search_finds_chinese_words(page, base):
    results = search(page, base, "政务云")
    assert results[0][0].endswith("gazette/2025-09/02-01.html")  # the 办法 whose 第四章 is about it


def test_links_open_pages_not_folder_listings(page, base):
    page.goto(base + "index.html")
    page.click("article >> a:text-is('政府公报')")
    assert page.url.endswith("gazette/index.html") and page.locator("h1").inner_text() == "政府公报"
    page.click("article >> text=9月")
    assert page.url.endswith("gazette/2025-09/index.html")
    page.click("article >> a:text-is('玉溪市电子政务运维管理办法(试行)')")
    assert page.url.endswith("gazette/2025-09/02-01.html")
    assert page.locator("#第十五条").count() == 1


def test_nothing_is_requested_from_the_internet(page, base):
    search(page, base, "政务云")
    page.goto(base + "gazette/2025-09/02-01.html")
    page.wait_for_load_state("networkidle")
    remote = [u for u in page.requested if not u.startswith((base, "data:", "blob:", "about:"))]
    assert page.requested and remote == []
