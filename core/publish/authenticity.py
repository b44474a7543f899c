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
from core.publish.gazette.store import StoredDocument, all_documents

ARTICLE_START = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条")
CHAPTER_LINE = re.compile(r"^第[零〇一二两三四五六七八九十百千]+章")
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"}


# A Markdown bullet: the page shows it as a dot, and a copy taken from the page has none.
LIST_MARK = re.compile(r"(?m)^[ \t]*[-+][ \t]+")


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


def segments(text: str) -> list[tuple[int | None, str]]:
    """(article number or None for text outside articles, canonical paragraph), in order."""
    result: list[tuple[int | None, str]] = []
    article: int | None = None
    for line in plain_text(text).splitlines():
        c = canonical(line)
        if not c or CHAPTER_LINE.match(c):
            continue
        m = ARTICLE_START.match(c)
        if m:
            article = to_int(m.group(1))
        result.append((article, c))
    return result


def _grams(text: str) -> set[str]:
    return {text[i:i + 4] for i in range(0, max(len(text) - 3, 1))}


@dataclass(frozen=True)
class Change:
    kind: str  # substituted / missing / added
    article: int | None
    official: str
    copy: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "article": self.article, "official": self.official, "copy": self.copy}


@dataclass(frozen=True)
class Verdict:
    title: str
    doc_no: str | None
    identical: bool
    changes: tuple[Change, ...]
    official_hash: str

    def as_json(self) -> dict:
        return {"match": {"title": self.title, "doc_no": self.doc_no}, "identical": self.identical,
                "changes": [c.as_json() for c in self.changes], "official_sha256": self.official_hash}


def find_official(copy: str, documents: list[StoredDocument]) -> StoredDocument | None:
    """The document a copy claims to be: one whose 文号 or title it carries,
    the closest in wording among those (or among all when it names none)."""
    c = canonical(plain_text(copy))
    named = [d for d in documents if (d.doc_no and canonical(d.doc_no) in c) or canonical(d.title) in c]
    pool = named or documents
    if not pool:
        return None
    grams = _grams(c)
    return max(pool, key=lambda d: len(grams & _grams(canonical(d.body))) / (len(_grams(canonical(d.body))) or 1))


def _by_article(segs: list[tuple[int | None, str]]) -> dict[int | None, str]:
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


def compare(official: StoredDocument, copy: str) -> Verdict:
    ours, theirs = segments(official.body), segments(copy)
    changes: list[Change] = []
    if any(n is not None for n, _ in ours):
        a, b = _by_article(ours), _by_article(theirs)
        # Text before the first article in a copy is its title and heading: compared only
        # when the official text has a preamble of its own.
        if None not in a:
            b.pop(None, None)
        for number in sorted(set(a) | set(b), key=lambda n: -1 if n is None else n):
            if number not in b:
                changes.append(Change("missing", number, a[number], ""))
            elif number not in a:
                changes.append(Change("added", number, "", b[number]))
            elif a[number] != b[number]:
                changes.extend(_phrase_changes(number, a[number], b[number]))
    else:
        official_text = "".join(t for _, t in ours)
        copy_text = "".join(t for _, t in theirs)
        start = copy_text.find(official_text[:20]) if official_text else -1
        changes.extend(_phrase_changes(None, official_text, copy_text[max(start, 0):]))
    return Verdict(official.title, official.doc_no, not changes, tuple(changes), text_hash(official.body))


def verify(copy: str) -> Verdict | None:
    official = find_official(copy, all_documents())
    return compare(official, copy) if official else None
