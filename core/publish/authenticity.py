"""Telling an official text from a circulating copy.

Both are reduced to a canonical form (NFKC — so full- and half-width letters,
digits and punctuation compare equal — with all white space and Markdown/HTML
mark-up removed), the copy is matched to the official document it claims to
be, and the two are compared article by article: every substituted phrase,
every article or paragraph dropped or added is reported with its article."""

from __future__ import annotations

import difflib
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

from core.chinese import to_int

ARTICLE_START = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条")
CHAPTER_LINE = re.compile(r"^第[零〇一二两三四五六七八九十百千]+章")
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"}


# A Markdown bullet: the page shows it as a dot, and a copy taken from the page has none.
LIST_MARK = re.compile(r"(?m)^[ \t]*(?:[-+][ \t]+|[•●▪◦][ \t]*)")


def canonical(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = LIST_MARK.sub("", text)
    text = re.sub(r"[*#|>`]", "", text)
    return re.sub(r"\s+", "", text)


def text_hash(text: str) -> str:
    return hashlib.sha256(canonical(text).encode("utf-8")).hexdigest()


class _TextOfHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def plain_text(text: str) -> str:
    """A copy as text: HTML is reduced to its words, one block a line."""
    if re.search(r"<(p|div|html|body|br|span)\b", text, re.I):
        parser = _TextOfHtml()
        parser.feed(text)
        return html.unescape("".join(parser.parts))
    return text


ANNEX_HEADING = re.compile(r"^附件(\d+(?:\.\d+)*)?$")


def segments(text: str) -> list[tuple[int | str | None, str]]:
    """(article number, 附件N for an annex, or None for text outside both; canonical paragraph), in order."""
    result: list[tuple[int | str | None, str]] = []
    article: int | str | None = None
    for line in plain_text(text).splitlines():
        c = canonical(line)
        if not c or CHAPTER_LINE.match(c):
            continue
        m = ARTICLE_START.match(c)
        annex = ANNEX_HEADING.match(c)
        if annex:
            article = c
        elif m and not isinstance(article, str):  # an annex's own numbered items stay in the annex
            article = to_int(m.group(1))
        result.append((article, c))
    return result


def _grams(text: str) -> set[str]:
    return {text[i:i + 4] for i in range(0, max(len(text) - 3, 1))}


@dataclass(frozen=True)
class Change:
    kind: str  # substituted / missing / added
    article: int | str | None  # 第N条 as N, an annex as 附件N
    official: str
    copy: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "article": self.article, "official": self.official, "copy": self.copy}


@dataclass(frozen=True)
class Official:
    """A published text a copy can be checked against: a gazette document or a catalogue entry."""

    title: str
    doc_no: str | None
    body: str
    page: str = ""  # where the site shows it


@dataclass(frozen=True)
class Verdict:
    title: str | None  # None: no official document is close enough
    doc_no: str | None
    identical: bool
    changes: tuple[Change, ...]
    official_hash: str | None
    similarity: float = 1.0  # share of the closest document's wording found in the copy (or the reverse)

    @property
    def matched(self) -> bool:
        return self.title is not None

    def as_json(self) -> dict:
        return {"match": {"title": self.title, "doc_no": self.doc_no} if self.matched else None,
                "identical": self.identical, "changes": [c.as_json() for c in self.changes],
                "official_sha256": self.official_hash, "similarity": round(self.similarity, 3)}


# Below this the copy is not a version of any official text (an unrelated page, another city's
# rules): it is said so, rather than reported as a heavily altered copy of the nearest one.
SIMILARITY = 0.5
# A copy shorter than this is judged by how much of the official text it holds, not the reverse:
# a line of boilerplate is found in every document.
SHORT_COPY = 200


def _score(shared: int, official_grams: int, copy_grams: int, copy_length: int) -> float:
    """How much of the official wording the copy carries — or, for a long copy, how much of the
    copy is official wording, whichever is larger (a copy of one chapter is still that document)."""
    coverage = shared / (official_grams or 1)
    return max(coverage, shared / (copy_grams or 1)) if copy_length >= SHORT_COPY else coverage


def _by_article(segs: list[tuple[int | str | None, str]]) -> dict[int | str | None, str]:
    grouped: dict[int | None, str] = {}
    for number, text in segs:
        grouped[number] = grouped.get(number, "") + text
    return grouped


def _phrase_changes(article: int | None, official: str, copy: str) -> list[Change]:
    """Differences inside one article. Edits separated by a single shared
    character are one phrase (13 → 30 is one substitution, not two edits)."""
    matcher = difflib.SequenceMatcher(None, official, copy, autojunk=False)
    groups: list[list[int]] = []  # [i1, i2, j1, j2] of merged edits
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if groups and i1 - groups[-1][1] < 2 and j1 - groups[-1][3] < 2:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    changes = []
    for i1, i2, j1, j2 in groups:
        kind = "substituted" if i2 > i1 and j2 > j1 else ("missing" if i2 > i1 else "added")
        changes.append(Change(kind, article, official[i1:i2], copy[j1:j2]))
    return changes


def compare(official: Official, copy: str, score: float = 1.0) -> Verdict:
    ours, theirs = segments(official.body), segments(copy)
    changes: list[Change] = []
    if any(n is not None for n, _ in ours):
        a, b = _by_article(ours), _by_article(theirs)
        # Text before the first article in a copy is its title and heading: compared only
        # when the official text has a preamble of its own.
        if None not in a:
            b.pop(None, None)
        order = list(dict.fromkeys(n for n, _ in ours))
        last = list(b)[-1] if b else None
        for number in order + [n for n in b if n not in a]:
            if number not in b:
                changes.append(Change("missing", number, a[number], ""))
            elif number not in a:
                changes.append(Change("added", number, "", b[number]))
            elif a[number] != b[number]:
                found = _phrase_changes(number, a[number], b[number])
                if number == last and found and found[-1].kind == "added" and b[number].startswith(a[number]):
                    found.pop()  # what follows the copy's last official words is the host page's footer
                changes.extend(found)
    else:
        official_text = "".join(t for _, t in ours)
        copy_text = "".join(t for _, t in theirs)
        start = copy_text.find(official_text[:20]) if official_text else -1
        found = _phrase_changes(None, official_text, copy_text[max(start, 0):])
        if found and found[-1].kind == "added" and copy_text[max(start, 0):].startswith(official_text):
            found.pop()
        changes.extend(found)
    return Verdict(official.title, official.doc_no, not changes, tuple(changes), text_hash(official.body), score)


# A text found whole in the copy is what the copy is, unless a larger text carries this much more
# of the copy's wording (an entry quoting two articles, found in an altered copy of the 办法).
MORE_WORDING = 0.2


def verify(copy: str, published: list[Official]) -> Verdict:
    """The copy's verdict against the `published` texts: identical to the text found whole in it
    (a saved or copied page, with its chrome around it) — unless a larger text, of which that one
    is a part, carries much more of the copy: then, as for any copy, it is compared with the text
    it carries the most wording of among those it is similar enough to, article by article; no
    match below SIMILARITY."""
    text = canonical(plain_text(copy))
    if not published or not text:
        return Verdict(None, None, False, (), None, 0.0)
    theirs = _grams(text)
    scored = []
    for official in published:
        body = canonical(official.body)
        ours = _grams(body)
        shared = len(ours & theirs)
        scored.append((_score(shared, len(ours), len(theirs), len(text)), shared, body, official))
    eligible = [s for s in scored if s[0] >= SIMILARITY]
    if not eligible:
        return Verdict(None, None, False, (), None, max(s[0] for s in scored))
    best = max(eligible, key=lambda s: s[1])
    inside = [s for s in scored if s[2] and s[2] in text]
    whole = max(inside, key=lambda s: len(s[2])) if inside else None
    if whole is not None and best[1] - whole[1] < MORE_WORDING * len(theirs):
        best = whole
    score, _, body, official = best
    if body and body in text:
        return Verdict(official.title, official.doc_no, True, (), text_hash(official.body))
    return compare(official, copy, score)
