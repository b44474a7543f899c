"""Document text → HTML for the site. Every character of a document is text:
it is escaped, never passed through as HTML, whatever it contains."""

from __future__ import annotations

import html
import re

from core.publish.gazette.parse import ARTICLE, CHAPTER, HEADING


def esc(text: str) -> str:
    # Conversion artefacts were cleaned at import (gazette/artefacts.py): what is left is text.
    return html.escape(text, quote=True)


def page(title: str, *blocks: str, wide: bool = False) -> str:
    """A page's Markdown: its title, then the non-empty blocks. A `wide` page (a listing) gives
    its table the room of the page's contents column, which it does not need."""
    head = "---\nhide:\n  - toc\n---\n\n" if wide else ""
    return f"{head}# {md_escape(title)}\n\n" + "\n\n".join(b for b in blocks if b) + "\n"


def md_escape(text: str) -> str:
    """Text placed in Markdown (titles, table cells): no mark-up survives."""
    return re.sub(r"([\\`*_\[\]#|<>!])", lambda m: "&#%d;" % ord(m.group(1)), html.escape(text, quote=False)
                  .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def _table(block: str) -> str:
    lines = [line for line in block.splitlines() if line.strip()]
    if lines and lines[0].lstrip().startswith("|"):
        rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines
                if not re.fullmatch(r"[\s|:-]+", line)]
    else:
        rows = [line.split("\t") for line in lines]
    width = max(len(r) for r in rows)
    out = ["<table>"]
    for i, row in enumerate(rows):
        tag = "th" if i == 0 else "td"
        cells = "".join(f"<{tag}>{esc(c.strip())}</{tag}>" for c in row + [""] * (width - len(row)))
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "".join(out)


def _list(block: str) -> str:
    """A `- ` list. Every line is kept: a line that does not start an item (a wrapped line, a
    numbered line a converter left inside the list) continues the item above it."""
    items: list[list[str]] = []
    for line in block.splitlines():
        if line.startswith("- ") or not items:
            items.append([line[2:].strip() if line.startswith("- ") else line.strip()])
        elif line.strip():
            items[-1].append(line.strip())
    return "<ul>" + "".join(f"<li>{'<br>'.join(esc(part) for part in item)}</li>" for item in items) + "</ul>"


def body_html(body: str) -> list[str]:
    """HTML blocks for a stored document body, with an anchor on every chapter
    and article (`#第十五条`)."""
    blocks = []
    for block in body.split("\n\n"):
        b = block.strip("\n")
        if not b.strip():
            continue
        h = HEADING.match(b.strip())
        if h:
            level = min(len(h.group(1)), 4)
            text = h.group(2).strip()
            m = CHAPTER.match(text)
            anchor = f"第{m.group(1)}章" if m else text
            blocks.append(f'<h{level} id="{esc(anchor)}">{esc(text)}</h{level}>')
        elif "\t" in b or b.lstrip().startswith("|"):
            blocks.append(_table(b))
        elif b.startswith("- "):
            blocks.append(_list(b))
        else:
            plain = b.replace("**", "") if b.startswith("**第") else b
            m = ARTICLE.match(plain)
            if m:
                number = f"第{m.group(1)}条"
                blocks.append(f'<p class="article" id="{number}"><a class="anchor" href="#{number}">'
                              f"<strong>{number}</strong></a> {esc(m.group(2))}</p>")
            else:
                blocks.append(f"<p>{esc(plain)}</p>")
    return blocks
