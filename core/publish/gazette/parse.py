"""Raw gazette text → structured documents.

Input is what a PDF-to-text pass gives (seed 000): Markdown-ish headings, page
breaks that split a paragraph or a heading mid-word, tables as tab-separated
lines. Output is the issue's metadata, its table of contents, and for each
document its title, 文号, issuers, addressees, signing date, the (此件公开发布)
mark, chapters, articles, items, tables, attachments and any document it
forwards. What cannot be decided is listed in `problems`, never guessed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from core.chinese import to_int
from core.publish.document import elements
from core.publish.document.elements import Article

CN = "零〇一二两三四五六七八九十百千"
DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,12}〔\d{4}〕\d+号")
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
PUBLIC = re.compile(r"^[（(]此件公开发布[)）]$")
ARTICLE = re.compile(rf"^\**第([{CN}]+)条\**\s*(.*)$", re.S)
CHAPTER = re.compile(rf"^第([{CN}]+)章\s*(.*)$")
ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]")
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
TOC_ENTRY = re.compile(r"^(.*?)\s*\.{3,}\s*[（(](\d+)[)）]$", re.S)
ISSUE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月$")
ATTACHMENT_MARK = re.compile(r"^附件\s*[\d.]*$")
FORWARDED = re.compile(r"关于印发《?(.+?)》?的通知$")
# 《title》(文号) in a sentence that repeals it: "废止…《…》(玉政发〔2015〕168号)" or "《…》(…)同时废止".
CITED = re.compile(r"《((?:[^《》]|<[^<>]*>)+)》\s*[（(]([^（()）]*?〔\d{4}〕\d+号)[)）]")
BOARD_ROLES = ("名誉主任", "副主任", "主任", "编委", "副主编", "主编")
# Sentence ends: a block that stops on none of these was cut by a page break.
TERMINAL = tuple("。；：！？”’）)」』:;!?")
AGENCY_END = re.compile(r"(局|委员会|委|政府|办公室|厅|院|会|部|办)$")
AGENCY_START = re.compile(r"^(玉溪|云南|国家|中共|[\u4e00-\u9fff]{2,6}(市|县|区|省))")


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # data rows
    groups: tuple[str, ...] = ()  # grouping lines inside the table

    def as_json(self) -> dict:
        return {"title": self.title, "header": list(self.header), "rows": [list(r) for r in self.rows],
                "groups": list(self.groups)}


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str


@dataclass
class Document:
    title: str
    doc_no: str | None = None
    issuers: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    date: dt.date | None = None
    public: bool = False
    section: str | None = None  # its heading in the table of contents
    page: int | None = None
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    items: int = 0
    sections: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # the text in order, as Markdown blocks
    repeals: list[dict] = field(default_factory=list)  # documents this one repeals: {"title", "doc_no"}
    documents: list["Document"] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "title": self.title, "doc_no": self.doc_no, "issuers": self.issuers, "addressees": self.addressees,
            "date": self.date.isoformat() if self.date else None, "public": self.public,
            "section": self.section, "page": self.page,
            "chapters": [{"number": c.number, "title": c.title} for c in self.chapters],
            "articles": len(self.articles), "items": self.items, "sections": self.sections,
            "tables": [t.as_json() for t in self.tables], "attachments": self.attachments,
            "repeals": self.repeals, "documents": [d.as_json() for d in self.documents],
            "problems": self.problems,
        }


@dataclass(frozen=True)
class TocEntry:
    section: str
    title: str
    doc_no: str | None
    page: int


@dataclass
class Issue:
    name: str
    year: int | None
    month: int | None
    editorial_board: list[tuple[str, list[str]]]
    toc: list[TocEntry]
    documents: list[Document]
    problems: list[str]

    def as_json(self) -> dict:
        return {"name": self.name, "year": self.year, "month": self.month,
                "editorial_board": [{"role": r, "names": n} for r, n in self.editorial_board],
                "toc": [{"section": e.section, "title": e.title, "doc_no": e.doc_no, "page": e.page}
                        for e in self.toc],
                "documents": [d.as_json() for d in self.documents], "problems": self.problems}


def clean_title(text: str) -> str:
    """Remove the spaces a line wrap left inside a title, but keep the one
    between two joint issuers (玉溪市医疗保障局 玉溪市财政局关于…)."""
    parts = text.split()
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += (" " if AGENCY_END.search(out) and AGENCY_START.match(part) else "") + part
    return out


def normalise(text: str) -> str:
    """For matching titles: no spaces, no Markdown emphasis, ASCII brackets."""
    return re.sub(r"[\s*#]", "", text).replace("（", "(").replace("）", ")")


def _blocks(text: str) -> list[str]:
    """Paragraphs (blank-line separated), with page-break splits joined."""
    text = text.replace("\u3000", " ").replace("\r\n", "\n")
    raw: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            raw.append("\n".join(current))
            current = []
    if current:
        raw.append("\n".join(current))
    # A paragraph split across pages arrives as several blocks: gathered as pieces and joined once,
    # and judged by its first and last piece only (rejoining and rescanning the whole paragraph at
    # each piece made a long unpunctuated text quadratic: 0.8 MB took 31 s).
    groups: list[list[str]] = []
    for block in raw:
        if groups and _continues(groups[-1], block):
            groups[-1][-1] = groups[-1][-1].rstrip()
            groups[-1].append(block.lstrip())
        else:
            groups.append([block.strip() if not _is_table(block) else block])
    return ["".join(pieces) for pieces in groups]


def _is_table(block: str) -> bool:
    return "\t" in block or block.lstrip().startswith("|")


def _structural(block: str) -> bool:
    b = block.strip()
    return bool(HEADING.match(b) or ARTICLE.match(b) or CHAPTER.match(b) or ITEM.match(b) or DATE_LINE.match(b)
                or PUBLIC.match(b)
                or DOC_NO.match(b) or b.startswith(("- ", "附件", "<", "单位:", "单位：")) or _is_table(block)
                or re.match(r"^\d+[.、]", b))


def _continues(pieces: list[str], block: str) -> bool:
    """Whether `block` carries on the paragraph gathered so far in `pieces`."""
    first, last = pieces[0], pieces[-1].rstrip()
    if HEADING.match(first) or _is_table(first) or _structural(block):
        return False
    if len(pieces) == 1 and (DATE_LINE.match(last) or PUBLIC.match(last) or DOC_NO.fullmatch(last)
                             or TOC_ENTRY.match(last)):
        return False
    return not last.endswith(TERMINAL)


def _heading(block: str) -> tuple[int, str] | None:
    m = HEADING.match(block.strip())
    return (len(m.group(1)), m.group(2).strip()) if m else None


def parse_issue(text: str) -> Issue:
    blocks = _blocks(text)
    board = _board(text)
    problems: list[str] = []
    name, year, month = "", None, None
    toc: list[TocEntry] = []
    i = 0
    # Cover: the gazette's name and its month.
    while i < len(blocks) and "目录" != (_heading(blocks[i]) or (0, ""))[1]:
        h = _heading(blocks[i])
        b = blocks[i].strip()
        if h and not name and "公报" in h[1]:
            name = clean_title(h[1]).replace(" ", "")
        elif ISSUE_DATE.match(b) and year is None:
            year, month = (int(x) for x in ISSUE_DATE.match(b).groups())
        i += 1
    if year is None:
        problems.append("未找到期号（如“2025年9月”）")
    # Table of contents.
    section, pending = "", ""
    i += 1
    while i < len(blocks):
        h = _heading(blocks[i])
        if h and h[0] == 1:
            break
        if h:
            section = clean_title(h[1])
        else:
            # An entry runs over several lines; its 文号 stands on its own line before the page number.
            pending = (pending + "\n" + blocks[i].strip()) if pending else blocks[i].strip()
            m = TOC_ENTRY.match(pending)
            if m:
                body = m.group(1).strip()
                doc_no = DOC_NO.search(body)
                title = body[:doc_no.start()] if doc_no else body
                toc.append(TocEntry(section, clean_title(" ".join(title.split())), doc_no.group(0) if doc_no else None,
                                    int(m.group(2))))
                pending = ""
        i += 1
    # Documents: a level-1 heading that the table of contents names starts one.
    titles = {normalise(e.title): e for e in toc}
    documents: list[Document] = []
    body: list[str] = []
    current: TocEntry | None = None
    for block in blocks[i:]:
        h = _heading(block)
        if h and h[0] == 1:
            key = normalise(h[1])
            if key in titles or not titles:
                if current is not None:
                    documents.append(_document(current, body))
                current, body = titles.get(key), [block]
                continue
            if current is not None and not _forwards(current.title, h[1]):
                documents.append(_document(current, body))
                current, body = None, []
                continue  # back matter (e.g. the gazette's own 简介) ends the documents
        if current is not None:
            body.append(block)
    if current is not None:
        documents.append(_document(current, body))
    missing = [e.title for e in toc if normalise(e.title) not in {normalise(d.title) for d in documents}]
    problems += [f"目录中的“{t}”在正文中未找到" for t in missing]
    return Issue(name, year, month, board, toc, documents, problems)


def _board(text: str) -> list[tuple[str, list[str]]]:
    """编辑委员会: a role, then its members' names (2–3 characters each), line by line."""
    board: list[tuple[str, list[str]]] = []
    inside = False
    for line in text.splitlines():
        h = _heading(line)
        if h:
            if inside:
                break
            inside = h[1] == "编辑委员会"
            continue
        tokens = line.split()
        if not inside or not tokens:
            continue
        if tokens[0] in BOARD_ROLES:
            board.append((tokens[0], tokens[1:]))
        elif board and all(2 <= len(t) <= 3 for t in tokens):
            board[-1][1].extend(tokens)
        else:
            break  # the slogan after the board
    return board


def _forwards(title: str, heading: str) -> bool:
    m = FORWARDED.search(clean_title(title).replace(" ", ""))
    return bool(m) and normalise(m.group(1)) == normalise(heading)


def _document(entry: TocEntry | None, blocks: list[str]) -> Document:
    h = _heading(blocks[0])
    title = entry.title if entry else clean_title(h[1])
    doc = Document(title=title, section=entry.section if entry else None, page=entry.page if entry else None)
    forwarded = FORWARDED.search(title.replace(" ", ""))
    nested_at = None
    for k, block in enumerate(blocks[1:], 1):
        bh = _heading(block)
        text = bh[1] if bh else block  # a raw document has no Markdown headings
        if forwarded and normalise(text) == normalise(forwarded.group(1)):
            nested_at = k
            break
    own = blocks[1:nested_at] if nested_at else blocks[1:]
    _fill(doc, own)
    if nested_at:
        heading = _heading(blocks[nested_at])
        child = Document(title=clean_title(heading[1] if heading else blocks[nested_at]).replace(" ", ""))
        _fill(child, blocks[nested_at + 1:])
        doc.documents.append(child)
    doc.issuers = _issuers(title)
    for child in doc.documents:
        child.issuers = list(doc.issuers)
    if not doc.issuers:
        doc.problems.append("未能确定发文机关")
    if doc.date is None:
        doc.problems.append("未找到成文日期")
    if entry and entry.doc_no and doc.doc_no != entry.doc_no:
        doc.problems.append(f"正文文号 {doc.doc_no} 与目录 {entry.doc_no} 不一致")
    return doc


def _issuers(title: str) -> list[str]:
    """The issuing bodies a title names before 关于 (joint issuers are space-separated)."""
    flat = clean_title(title)
    return flat.split("关于")[0].split() if "关于" in flat else []


def _fill(doc: Document, blocks: list[str]) -> None:
    chapter: int | None = None
    attachment_next = False  # the heading after a 附件 mark names an attachment
    last_text = doc.title
    expected = 1
    for k, block in enumerate(blocks):
        b = block.strip()
        h = _heading(block)
        if h is None and CHAPTER.match(b) and len(b) <= 40:
            h = (2, b)  # a raw document's chapter line is a heading
        if h:
            text = h[1]
            m = CHAPTER.match(text)
            if m:
                chapter = to_int(m.group(1))
                title = clean_title(m.group(2)).replace(" ", "")
                # A chapter heading cut by a page break continues in the next heading.
                nxt = _heading(blocks[k + 1]) if k + 1 < len(blocks) else None
                if nxt and not CHAPTER.match(nxt[1]) and k + 2 < len(blocks) and ARTICLE.match(
                        blocks[k + 2].strip()):
                    title += nxt[1].replace(" ", "")
                    blocks[k + 1] = ""
                doc.chapters.append(Chapter(chapter, title))
                doc.body.append(f"## 第{m.group(1)}章 {title}")
            elif attachment_next:
                name = clean_title(text).replace(" ", "")
                if name not in doc.attachments:
                    doc.attachments.append(name)
                doc.body.append(f"## {name}")
            else:
                doc.sections.append(clean_title(text))
                doc.body.append(f"### {clean_title(text)}")
            attachment_next = False
            last_text = text
            continue
        if not b:
            continue
        if _is_table(block):
            _table(doc, block, last_text)
            doc.body.append(block.strip("\n"))
            continue
        if doc.doc_no is None and DOC_NO.fullmatch(b) and not doc.paragraphs:
            doc.doc_no = b
        elif not doc.addressees and not doc.paragraphs and b.endswith((":", "：")) and len(b) < 200:
            doc.addressees = [a.strip() for a in re.split(r"[,，]", b.rstrip(":：")) if a.strip()]
        elif DATE_LINE.match(b):
            doc.body.append(b)
            if doc.date is None:
                y, mo, d = (int(x) for x in DATE_LINE.match(b).groups())
                doc.date = dt.date(y, mo, d)
        elif PUBLIC.match(b):
            doc.public = True
            doc.body.append(b)
        elif ATTACHMENT_MARK.match(b):
            attachment_next = True
            doc.body.append(b)
        elif b.startswith(("附件:", "附件：")):
            doc.body.append(b)
            listed = b[3:].strip()
            if listed and not re.match(r"^[\d.]+", listed):  # a single attachment named inline
                doc.attachments.append(listed)
        else:
            a = ARTICLE.match(b)
            if a:
                number = to_int(a.group(1))
                if number != expected:
                    doc.problems.append(f"条文编号不连续：第{expected}条之后为第{number}条" if number > expected
                                        else f"条文编号重复或倒序：第{number}条")
                expected = number + 1
                doc.articles.append(Article(number, chapter, a.group(2).strip()))
            elif ITEM.match(b):
                doc.items += 1
            doc.paragraphs.append(b)
            doc.body.append(b)
            doc.repeals.extend(r for r in repealed_in(b) if r not in doc.repeals)
            if not b.startswith(("单位:", "单位：")):  # a unit line does not name the table under it
                last_text = b


def repealed_in(paragraph: str) -> list[dict]:
    """The documents a paragraph repeals, from the sentences that say 废止."""
    found = []
    for sentence in re.split(r"[。；]", paragraph):
        if "废止" in sentence:
            for title, doc_no in CITED.findall(sentence):
                found.append({"title": title.replace("<", "《").replace(">", "》"), "doc_no": doc_no})
    return found


def _table(doc: Document, block: str, title: str) -> None:
    lines = [line for line in block.splitlines() if line.strip()]
    if lines and lines[0].lstrip().startswith("|"):
        cells = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines
                 if not re.fullmatch(r"[\s|:-]+", line)]
    else:
        cells = [[c.strip() for c in line.split("\t")] for line in lines]
    header = tuple(c for c in cells[0] if c) if cells else ()
    rows, groups = [], []
    for row in cells[1:]:
        filled = [c for c in row if c]
        if tuple(filled) == header:
            continue  # the header repeated after a page break
        if len(filled) == 1 and len(row) <= 2:
            groups.append(filled[0])
        elif filled:
            rows.append(tuple(row))
    heading = clean_title(title.lstrip("#").strip()).replace(" ", "")
    if doc.tables and doc.tables[-1].title == heading and doc.tables[-1].header == header:
        last = doc.tables.pop()  # the same table continued after a page break
        rows, groups = list(last.rows) + rows, list(last.groups) + groups
    doc.tables.append(Table(heading, header, tuple(rows), tuple(groups)))


def from_elements(parsed: elements.ParsedDocument) -> Document:
    """A single document read by its GB/T 9704 elements, in the form an issue's documents are
    stored: the text as Markdown blocks (chapters and sections as headings, tables as tab-separated
    rows), then the 落款 as printed, then each attachment under its title."""
    doc = Document(title=parsed.title or "", doc_no=parsed.doc_no, issuers=parsed.issuers,
                   addressees=[a.strip() for a in re.split(r"[,，]", parsed.first("主送机关") or "") if a.strip()],
                   date=parsed.date, public=parsed.first("公开属性") == "此件公开发布",
                   chapters=[Chapter(n, t) for n, t in parsed.chapters],
                   articles=list(parsed.articles), items=parsed.items,
                   attachments=list(parsed.attachments), problems=list(parsed.problems))
    last_text = doc.title

    def add(lines: list[str]) -> None:
        nonlocal last_text
        rows: list[str] = []
        for line in lines + [""]:
            if "\t" in line:
                rows.append(line)
                continue
            if rows:
                _table(doc, "\n".join(rows), last_text)
                doc.body.append("\n".join(rows))
                rows = []
            if not line:
                continue
            chapter, section = elements.CHAPTER.match(line), elements.SECTION.match(line)
            if chapter and len(line) <= 40:
                doc.body.append(f"## 第{chapter.group(1)}章 {elements.squeeze(chapter.group(2))}")
            elif section and len(line) <= 40:
                doc.sections.append(elements.squeeze(line))
                doc.body.append(f"### {elements.squeeze(line)}")
            else:
                doc.paragraphs.append(line)
                doc.body.append(line)
                doc.repeals.extend(r for r in repealed_in(line) if r not in doc.repeals)
            last_text = line

    add(parsed.body)
    add(parsed.closing)
    for name, lines in parsed.annexes:
        doc.body.append(f"## {name}")
        last_text = name
        add(lines)
    doc.documents = [from_elements(child) for child in parsed.documents]
    for child in doc.documents:
        child.issuers = child.issuers or list(doc.issuers)
    said = {"发文机关署名": "未能确定发文机关", "成文日期": "未找到成文日期", "标题": "未找到标题",
            "发文字号": "未找到发文字号"}
    doc.problems += [said[name] for name in parsed.missing if not (name == "发文机关署名" and doc.issuers)]
    return doc


def is_issue(text: str) -> bool:
    """A whole issue has a table of contents; a single document does not."""
    return any((_heading(line) or (0, ""))[1] == "目录" for line in text.splitlines())
