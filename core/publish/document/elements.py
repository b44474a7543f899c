"""One official document's text → its elements, as GB/T 9704-2012《党政机关公文格式》names them.

The text is what any source gives: typed, copied from a PDF (hard line breaks, page numbers
such as `— 3 —`), or taken from Word or a web page. Every element found is recorded with its
source line; an element the document's kind calls for and that is not found is listed, never
guessed. A 转发/印发 notice holds the document it forwards or issues as a nested document with
its own elements."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from core.chinese import to_int

CN = "零〇一二两三四五六七八九十百千"
SPACE_CHARS = " \t\u3000\u00a0"  # half- and full-width spaces, tabs, no-break spaces
SPACE = f"[{SPACE_CHARS}]"
# 发文字号: 机关代字 + 〔年份〕 + 序号号. Copies write the brackets as 〔〕, [], ［］, 【】 or （）.
DOC_NO = re.compile(r"([\u4e00-\u9fff]{1,16})[〔\[［【(（](\d{4})[〕\]］】)）]第?(\d{1,5})号")
MASTHEAD = re.compile(r"^[\u4e00-\u9fff（）()、\s]{2,60}文件$")
SIGNER = re.compile(rf"签发人{SPACE}*[:：]{SPACE}*([\u4e00-\u9fff{SPACE_CHARS}]+)$")
SECRECY = re.compile(r"^(绝密|机密|秘密)(★.*)?$")
URGENCY = re.compile(r"^(特急|加急)$")
COPY_NO = re.compile(r"^\d{6}$")
PAGE_NO = re.compile(r"^[-—–－]\s*\d{1,4}\s*[-—–－]$")
RULE = re.compile(r"^[-—–━＿_=＝~～*·•]{4,}$")
DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
DATE_CN = re.compile(rf"^([〇零一二三四五六七八九]{{4}})年([{CN}]{{1,3}})月([{CN}]{{1,3}})日$")
PUBLIC = re.compile(r"^[（(](此件公开发布|此件主动公开|此件不公开|此件依申请公开)[)）]$")
NOTE = re.compile(r"^[（(](联系人|联系电话|此件).*[)）]$")
ARTICLE = re.compile(rf"^第([{CN}]+)条(?:{SPACE}+|$|(?=[^{SPACE_CHARS}]))")
CHAPTER = re.compile(rf"^第([{CN}]+)章{SPACE}*(.*)$")
SECTION = re.compile(rf"^第([{CN}]+)节{SPACE}*(.*)$")
ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.．、]|[（(]\d+[)）])")
ATTACHMENT_NOTE = re.compile(rf"^附{SPACE}*件{SPACE}*[:：]{SPACE}*(.*)$")
ATTACHMENT_MARK = re.compile(rf"^附{SPACE}*件{SPACE}*(\d+(?:[.．]\d+)*)?$")
CC = re.compile(rf"^抄{SPACE}*送{SPACE}*[:：]{SPACE}*(.+)$")
PRINTED = re.compile(rf"^(.+?){SPACE}+(\d{{4}}年\d{{1,2}}月\d{{1,2}}日){SPACE}*印发$")
FORWARDS = re.compile(r"(?:转发|印发)(?:[\u4e00-\u9fff（）()、]*?)?《?([^《》]+?)》?的(?:通知|决定)$")
KINDS = ("通知", "决定", "意见", "办法", "规定", "细则", "批复", "函", "通告", "公告", "报告", "方案", "规划", "纪要",
         "决议", "命令", "请示", "议案", "条例", "规则", "实施方案", "工作要点")
AGENCY_END = ("人民政府", "政府", "办公室", "办公厅", "委员会", "局", "厅", "委", "院", "部", "署", "会", "中心", "所")
TERMINAL = tuple("。；！？")


@dataclass(frozen=True)
class Element:
    name: str  # GB/T 9704 name: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人, 标题, 主送机关, …
    value: str
    line: int  # 1-based, in the text given

    def as_json(self) -> dict:
        return {"name": self.name, "value": self.value, "line": self.line}


@dataclass(frozen=True)
class Article:
    number: int
    chapter: int | None
    text: str  # after 第N条


@dataclass
class ParsedDocument:
    elements: list[Element] = field(default_factory=list)
    chapters: list[tuple[int, str]] = field(default_factory=list)
    sections: list[tuple[int | None, int, str]] = field(default_factory=list)  # (chapter, 第N节, title)
    articles: list[Article] = field(default_factory=list)
    items: int = 0
    attachments: list[str] = field(default_factory=list)  # attachment titles, in order
    body: list[str] = field(default_factory=list)  # 正文 paragraphs
    closing: list[str] = field(default_factory=list)  # 落款 as printed: 署名, 成文日期, 公开属性, 附注
    annexes: list[tuple[str, list[str]]] = field(default_factory=list)  # each attachment: title, its lines
    documents: list[ParsedDocument] = field(default_factory=list)  # forwarded or issued with it
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def first(self, name: str) -> str | None:
        return next((e.value for e in self.elements if e.name == name), None)

    def all(self, name: str) -> list[str]:
        return [e.value for e in self.elements if e.name == name]

    @property
    def title(self) -> str | None:
        return self.first("标题")

    @property
    def doc_no(self) -> str | None:
        return self.first("发文字号")

    @property
    def issuers(self) -> list[str]:
        """From the 署名, else the masthead, else the title's own 发文机关 part (before 关于)."""
        if self.all("发文机关署名"):
            return self.all("发文机关署名")
        if self.first("发文机关标志"):
            return [_masthead_issuer(self.first("发文机关标志"))]
        title = self.title or ""
        return title.split("关于")[0].split() if "关于" in title and not title.startswith("关于") else []

    @property
    def date(self) -> dt.date | None:
        value = self.first("成文日期")
        return dt.date.fromisoformat(value) if value else None

    def as_json(self) -> dict:
        return {"title": self.title, "doc_no": self.doc_no, "issuers": self.issuers,
                "date": self.date.isoformat() if self.date else None,
                "elements": [e.as_json() for e in self.elements],
                "chapters": [{"number": n, "title": t} for n, t in self.chapters],
                "sections": [{"chapter": c, "number": n, "title": t} for c, n, t in self.sections],
                "articles": len(self.articles), "items": self.items, "attachments": self.attachments,
                "documents": [d.as_json() for d in self.documents], "missing": self.missing,
                "problems": self.problems}


def _flat(text: str) -> str:
    """Text without any of its spacing (a masthead, a 文号, a date as printed with spaces)."""
    return re.sub(rf"{SPACE}+", "", text)


def _masthead_issuer(masthead: str) -> str:
    return re.sub(r"\s+", "", masthead).removesuffix("文件")


def squeeze(text: str) -> str:
    """A heading's spacing removed (`通    知` → `通知`), but the space between two joint issuers kept."""
    parts = re.split(rf"{SPACE}+", text.strip())
    out = parts[0] if parts else ""
    for part in parts[1:]:
        joint = out.endswith(AGENCY_END) and len(out) >= 4 and re.match(r"^[\u4e00-\u9fff]{2,}", part) and \
            len(part) >= 4 and not part.startswith(("关于", "通知", "决定"))
        out += (" " if joint else "") + part
    return out


def doc_no_of(text: str) -> str | None:
    """The 发文字号 in its standard form (六角括号, no 第)."""
    m = DOC_NO.search(text.replace(" ", "").replace("\u3000", ""))
    return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号" if m else None


def date_of(text: str) -> dt.date | None:
    # Dates in numerals are often typed with ○ (a circle) or O for 〇.
    t = _flat(text).translate(str.maketrans("○OoＯ◯", "〇〇〇〇〇"))
    m = DATE.match(t)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = DATE_CN.match(t)
        if not m:
            return None
        y = int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in m.group(1)))
        mo, d = to_int(m.group(2)), to_int(m.group(3))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of each meaningful line: trimmed, page numbers and rules dropped."""
    out = []
    for number, raw in enumerate(unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
                                 .split("\n"), 1):
        line = raw.strip(SPACE_CHARS + "\ufeff")
        if line and not PAGE_NO.match(line) and not RULE.match(line):
            out.append((number, line))
    return out


def _joined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Hard line breaks (PDF copies) joined back: a line carries on the one before unless that one
    ends a sentence or this one starts a numbered part, an article, a heading or a date; a bare
    `第一条` takes the line below as its text, a line opening with punctuation goes on the last, and
    so does any line after one that stops at a comma."""
    out: list[tuple[int, str]] = []
    for number, line in lines:
        starts = bool(ARTICLE.match(line) or CHAPTER.match(line) or SECTION.match(line) or ITEM.match(line)
                      or ATTACHMENT_NOTE.match(line) or ATTACHMENT_MARK.match(line) or date_of(line)
                      or PUBLIC.match(line) or CC.match(line) or PRINTED.match(line) or NOTE.match(line))
        bare_article = bool(out and ARTICLE.fullmatch(out[-1][1]))  # `第一条` alone, its text below
        if out and not starts and (bare_article or line.startswith(("，", "。", "、", "；", "：", "）", "》"))
                                   or out[-1][1].endswith(("，", "、")) or (
                not out[-1][1].endswith(TERMINAL + ("：", ":")) and _is_running(out[-1][1]) and _is_running(line)
                and not _is_title_line(out[-1][1]))):
            out[-1] = (out[-1][0], out[-1][1] + ("　" if bare_article else "") + line)
        else:
            out.append((number, line))
    return out


def _is_title_line(line: str) -> bool:
    """A whole title (a forwarded document's, in the text): ends with its kind, no sentence in it."""
    return line.endswith(KINDS) and not any(c in line for c in "，。；：")


def _is_running(line: str) -> bool:
    """Text that can run on over a line break: long enough to be a wrapped paragraph line."""
    return len(line) >= 20 and not CHAPTER.match(line) and not SECTION.match(line)


def _looks_like_agency(line: str) -> bool:
    flat = _flat(line)
    return 4 <= len(flat) <= 40 and flat.endswith(AGENCY_END) and not flat.endswith(TERMINAL)


def parse(text: str) -> ParsedDocument:
    return _parse(_lines(text), nested=False)


def _parse(lines: list[tuple[int, str]], *, nested: bool) -> ParsedDocument:
    doc = ParsedDocument()
    add = lambda name, value, line: doc.elements.append(Element(name, value, line))  # noqa: E731
    i = 0
    # 版头: 份号, 密级, 紧急程度, 发文机关标志, 发文字号 and 签发人, in any order, before the title.
    while i < len(lines):
        number, line = lines[i]
        flat = _flat(line)
        if COPY_NO.match(flat) and not doc.elements:
            add("份号", flat, number)
        elif SECRECY.match(flat):
            add("密级和保密期限", flat, number)
        elif URGENCY.match(flat):
            add("紧急程度", flat, number)
        elif MASTHEAD.match(line) and not doc.first("发文机关标志"):
            add("发文机关标志", _masthead_issuer(line) + "文件", number)
        elif not doc.first("发文机关标志") and _joint_masthead(lines, i):
            end = _joint_masthead(lines, i)  # joint issuers, one a line, then 文件
            add("发文机关标志", "".join(_flat(t) for _, t in lines[i:end + 1]), number)
            i = end
        elif (_looks_like_agency(line) and not doc.first("发文机关标志") and i + 1 < len(lines)
              and _is_doc_no_line(lines[i + 1][1])):
            add("发文机关标志", _flat(line), number)  # a masthead may omit 文件
        elif _is_doc_no_line(line) and not doc.first("发文字号"):
            add("发文字号", doc_no_of(line), number)
            signer = SIGNER.search(line)
            if signer:
                add("签发人", _signers(signer.group(1)), number)
        elif SIGNER.search(line):
            add("签发人", _signers(SIGNER.search(line).group(1)), number)
        else:
            break
        i += 1
    # 标题: one to four short lines, up to the 主送 line or the first sentence of the text.
    title_lines: list[tuple[int, str]] = []
    while i < len(lines) and len(title_lines) < 4:
        number, line = lines[i]
        if (line.endswith(("：", ":")) and title_lines) or line.endswith(TERMINAL) or ARTICLE.match(line) \
                or CHAPTER.match(line) or len(line) > 60 or (title_lines and date_of(line)):
            break
        title_lines.append((number, line))
        i += 1
        so_far = "".join(t for _, t in title_lines)
        if squeeze(so_far).endswith(KINDS) and so_far.count("《") <= so_far.count("》") and not (
                i < len(lines) and _title_continues(lines[i][1])):
            break
    if title_lines:
        add("标题", _title(title_lines), title_lines[0][0])
    # A gazette prints the 文号 under the title, often in brackets.
    if i < len(lines) and _is_doc_no_line(lines[i][1]) and not doc.first("发文字号"):
        add("发文字号", doc_no_of(lines[i][1]), lines[i][0])
        i += 1
    # 主送机关: a line (or two) ending with a colon.
    if i < len(lines) and lines[i][1].endswith(("：", ":")) and len(lines[i][1]) <= 200 and \
            not ARTICLE.match(lines[i][1]):
        add("主送机关", lines[i][1].rstrip("：:").strip(), lines[i][0])
        i += 1
    rest = lines[i:]
    _body(doc, rest, nested)
    _expect(doc, nested)
    return doc


def _title_continues(line: str) -> bool:
    """A title line after one ending with 通知, 细则 etc.: the title goes on only if this line is a
    short bracketed remark (`（试行）`) or the rest of a title the page width cut (`》的通知`)."""
    return bool(re.match(r"^[（(].{1,8}[)）]$", line) or (len(line) <= 20 and line.startswith(("》", "的", "）"))))


def _title(lines: list[tuple[int, str]]) -> str:
    """The title from its lines: spacing inside a line removed (`通    知`), lines joined without the
    break — but joint issuers stay apart by a space, within a line or across one (…市财政局 /
    国家税务总局玉溪市税务局关于…)."""
    title = ""
    for _, text in lines:
        part = squeeze(text)
        issuer = part.split("关于")[0] if "关于" in part else part
        if title.endswith(AGENCY_END) and len(issuer) >= 5 and issuer.endswith(AGENCY_END):  # not …政府 / 办公室
            title += " "
        title += part
    return title


def _body(doc: ParsedDocument, lines: list[tuple[int, str]], nested: bool) -> None:
    """正文 to 版记: articles and chapters, 附件说明, 署名 and 成文日期, 附注, the attachments, 抄送, 印发."""
    lines = _joined(lines)
    title = doc.title or ""
    forwards = FORWARDS.search(title.replace(" ", ""))
    expected = 1
    k = 0
    end_of_text = None  # index of the 成文日期 line
    text: list[tuple[int, str]] = []  # 正文 paragraphs with their lines
    while k < len(lines):
        number, line = lines[k]
        flat = _flat(line)
        # A forwarded or issued document starts at its own title (or the masthead above it).
        if forwards and k > 0 and _same_title(flat, forwards.group(1)) and end_of_text is not None:
            start = k
            while start > end_of_text + 1 and _is_header(lines[start - 1][1]):
                start -= 1
            stop = next((j for j in range(k, len(lines)) if CC.match(lines[j][1]) or PRINTED.match(lines[j][1])),
                        len(lines))
            doc.documents.append(_parse(lines[start:stop], nested=True))
            k = stop
            continue
        if date_of(line) and end_of_text is None and k > 0:
            date = date_of(line)
            # 发文机关署名: the agency lines just above the date.
            names = []
            while text and _looks_like_agency(text[-1][1]) and len(names) < 4:
                names.insert(0, text.pop())
            if names:
                for line_no, name in names:
                    doc.closing.append(name)
                    for one in re.split(rf"\t|{SPACE}{{2,}}", name):  # joint issuers: apart, or in cells
                        doc.elements.append(Element("发文机关署名", _flat(one), line_no))
            doc.closing.append(line)
            doc.elements.append(Element("成文日期", date.isoformat(), number))
            end_of_text = k
            k += 1
            continue
        if PUBLIC.match(flat):
            doc.elements.append(Element("公开属性", flat.strip("（）()"), number))
            if end_of_text is not None:
                doc.closing.append(line)
        elif end_of_text is not None and NOTE.match(flat):
            doc.elements.append(Element("附注", flat, number))
            doc.closing.append(line)
        elif ATTACHMENT_NOTE.match(line) and end_of_text is None:
            listed = [ATTACHMENT_NOTE.match(line).group(1).strip()]
            while k + 1 < len(lines) and re.match(r"^\d+[.．、]", lines[k + 1][1]) and not date_of(lines[k + 1][1]):
                k += 1
                listed.append(lines[k][1])
            doc.elements.append(Element("附件说明", "；".join(x for x in listed if x), number))
        elif ATTACHMENT_MARK.match(flat) and end_of_text is not None:
            if k + 1 < len(lines):
                name = squeeze(lines[k + 1][1])
                doc.attachments.append(name)
                doc.elements.append(Element("附件", name, lines[k + 1][0]))
                k += 2
                content = []
                while k < len(lines) and not (ATTACHMENT_MARK.match(_flat(lines[k][1]))
                                              or CC.match(lines[k][1]) or PRINTED.match(lines[k][1])):
                    content.append(lines[k][1])
                    k += 1
                doc.annexes.append((name, content))
                continue
        elif CC.match(line):
            doc.elements.append(Element("抄送机关", CC.match(line).group(1).strip().rstrip("。"), number))
        elif PRINTED.match(line):
            m = PRINTED.match(line)
            doc.elements.append(Element("印发机关", _flat(m.group(1)), number))
            doc.elements.append(Element("印发日期", date_of(m.group(2)).isoformat(), number))
        elif end_of_text is None or not doc.attachments:
            chapter = CHAPTER.match(line)
            article = ARTICLE.match(line)
            section = SECTION.match(line)
            if chapter and len(line) <= 40:
                doc.chapters.append((to_int(chapter.group(1)), squeeze(chapter.group(2))))
            elif section and len(line) <= 40:
                doc.sections.append((doc.chapters[-1][0] if doc.chapters else None, to_int(section.group(1)),
                                     squeeze(section.group(2))))
            elif article and end_of_text is None:
                n = to_int(article.group(1))
                if n != expected:
                    doc.problems.append(f"条文编号不连续：第{expected}条之后为第{n}条" if n > expected
                                        else f"条文编号重复或倒序：第{n}条")
                expected = n + 1
                doc.articles.append(Article(n, doc.chapters[-1][0] if doc.chapters else None,
                                            line[article.end():].strip(SPACE_CHARS)))
            elif ITEM.match(flat):
                doc.items += 1
            if end_of_text is None:
                text.append((number, line))
        k += 1
    doc.body = [t for _, t in text]


def _joint_masthead(lines: list[tuple[int, str]], i: int) -> int | None:
    """The index of the line ending a masthead of joint issuers set one a line (…局 / …局 / 文件 or
    …局文件), when the lines from `i` are such a masthead."""
    j = i
    while j < len(lines) and j - i < 6 and _looks_like_agency(lines[j][1]):
        j += 1
    if j > i and j < len(lines):
        flat = _flat(lines[j][1])
        if flat == "文件" or (MASTHEAD.match(lines[j][1]) and j > i):
            return j
    return None


def _is_doc_no_line(line: str) -> bool:
    """A line that is a 文号 (perhaps bracketed, perhaps with 签发人 beside it), not a sentence citing one."""
    flat = _flat(SIGNER.sub("", line)).strip("（）()")
    return bool(doc_no_of(flat)) and DOC_NO.fullmatch(flat) is not None


def _signers(text: str) -> str:
    """签发人: names apart by spaces; a name printed with its characters spaced (李　明) is one name,
    and two spaces or more part two signers (杨　军　　王建华)."""
    names = []
    for group in re.split(rf"{SPACE}{{2,}}", text.strip()):  # two spaces or more part two signers
        parts = re.split(rf"{SPACE}+", group)
        names += ["".join(parts)] if all(len(p) == 1 for p in parts) else parts
    return "、".join(names)


def _is_header(line: str) -> bool:
    """A 版头 line: masthead, 文号 (with 签发人), 份号, 密级, 紧急程度."""
    flat = _flat(line)
    return bool(MASTHEAD.match(line) or _is_doc_no_line(line) or SIGNER.search(line)
                or COPY_NO.match(flat) or SECRECY.match(flat) or URGENCY.match(flat))


def _same_title(line: str, named: str) -> bool:
    return re.sub(r"[《》\s]", "", line).replace("（", "(").replace("）", ")") == \
        re.sub(r"[《》\s]", "", named).replace("（", "(").replace("）", ")")


def _expect(doc: ParsedDocument, nested: bool) -> None:
    """The elements this document calls for and lacks (a 办法 issued with a notice has no 文号,
    署名 or 成文日期 of its own)."""
    wanted = ["标题"] if nested and not doc.first("发文字号") else ["标题", "发文字号", "发文机关署名", "成文日期"]
    if doc.first("发文机关标志") is None and not nested:
        wanted.remove("发文字号")  # a document without a masthead may carry no 文号 (公告, 通告)
    names = {e.name for e in doc.elements}
    doc.missing = [w for w in wanted if w not in names]
