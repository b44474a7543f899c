"""Material's built scripts, adjusted after the build.

- The site loads nothing from the internet (an intranet or a folder on a disk has none).
  Material's bundle keeps two conditional loads from unpkg.com (a ResizeObserver polyfill for old
  browsers, and mermaid for diagrams — we publish neither need). They are replaced by an empty
  script, and `site build` fails if any other remote load appears in a later Material version.
- A Chinese query is cut into the index's words by the search worker, which never tries a run
  of characters as a word of its own (`o < t.length`): 玉政办发 became 玉政 and 政务云 became 政务,
  so a 文号 typed whole matched nothing. The bound is made inclusive."""

from __future__ import annotations

import re
from pathlib import Path

from core.errors import GongkaiError

CONDITIONAL = re.compile(r"https://unpkg\.com/[^\"'`\s)]*")
EMPTY_SCRIPT = "data:text/javascript,"
# Any address a page or script would load from: CDNs and font services.
REMOTE = re.compile(r"https?://(unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|"
                    r"fonts\.gstatic\.com)[^\"'`\s)]*")


WORKER_SEGMENTS = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
WHOLE_RUNS = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"


def keep_whole_words(site: Path) -> int:
    """Patch the search worker's query segmentation; return how many workers were patched."""
    patched = 0
    for path in site.glob("assets/javascripts/workers/search.*.js"):
        text = path.read_text(encoding="utf-8")
        if WORKER_SEGMENTS in text:
            path.write_text(text.replace(WORKER_SEGMENTS, WHOLE_RUNS), encoding="utf-8")
            patched += 1
    return patched


def cut_internet_loads(site: Path) -> int:
    """Rewrite the bundle's conditional loads; return how many were cut."""
    cut = 0
    for path in site.glob("assets/javascripts/*.js"):
        text = path.read_text(encoding="utf-8")
        new, n = CONDITIONAL.subn(EMPTY_SCRIPT, text)
        if n:
            path.write_text(new, encoding="utf-8")
            cut += n
    left = [f"{p.relative_to(site).as_posix()}：{m.group(0)}" for p in site.rglob("*")
            if p.suffix in (".html", ".js", ".css") for m in [REMOTE.search(p.read_text(encoding="utf-8"))] if m]
    if left:
        raise GongkaiError("网站仍会从互联网加载资源：" + "；".join(left[:5]))
    return cut
