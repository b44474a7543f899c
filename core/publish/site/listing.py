"""Listings too long for one page (the catalogue by class, issuer and year): split into pages of
a fixed size with a pager, so that no page grows with the catalogue."""

from __future__ import annotations

from core.publish.site.render import page

PER_PAGE = 50


def _name(base: str, number: int) -> str:
    return f"{base}.md" if number == 1 else f"{base}-{number}.md"


def _link(base: str, number: int) -> str:
    """A listing page's file name as its siblings link to it."""
    return _name(base, number).rsplit("/", 1)[-1]


def _pager(base: str, number: int, count: int, total: int) -> str:
    """共 N 条 · 第 k/n 页, with links to the first, previous, nearby, next and last pages."""
    if count == 1:
        return f"共 {total} 条"
    shown = sorted({1, count, *range(max(1, number - 3), min(count, number + 3) + 1)})
    parts, last = [], 0
    for k in shown:
        if k - last > 1:
            parts.append("…")
        parts.append(f"**{k}**" if k == number else f"[{k}]({_link(base, k)})")
        last = k
    prev = f"[上一页]({_link(base, number - 1)})" if number > 1 else "上一页"
    following = f"[下一页]({_link(base, number + 1)})" if number < count else "下一页"
    return f"共 {total} 条，第 {number}/{count} 页　{prev} " + " ".join(parts) + f" {following}"


def paged(base: str, title: str, intro: str, header: str, rows: list[str], empty: str,
          footer: str = "") -> dict[str, str]:
    """`base`.md, `base`-2.md, …: `rows` (table rows) between `header` and `footer`, PER_PAGE a page."""
    chunks = [rows[i:i + PER_PAGE] for i in range(0, len(rows), PER_PAGE)] or [[]]
    files = {}
    for number, chunk in enumerate(chunks, 1):
        pager = _pager(base, number, len(chunks), len(rows))
        heading = title if number == 1 else f"{title}（第{number}页）"
        files[_name(base, number)] = page(heading, intro, pager, header + "\n".join(chunk) + footer if chunk else empty,
                                          pager if chunk and len(chunks) > 1 else "", wide=True)
    return files
