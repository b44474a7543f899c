"""The text of an official document from the files offices receive: plain text, Word (.docx),
PDF with a text layer, and web pages saved from a government site (its navigation, footer,
share and print buttons left out). Whatever the source, the result is lines of text, one
paragraph or table row a line, for `elements.parse`."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from core import files
from core.errors import InvalidInput

SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")


def text_of(path: Path, field: str = "file") -> files.TextFile:
    """The document's text (with the GB18030 notice of a converted text file); a clear error for a
    file that holds none (a scan, an empty page)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        read = files.TextFile(path, _docx(files.regular(path, field), field), "UTF-8")
    elif suffix == ".pdf":
        read = files.TextFile(path, _pdf(files.regular(path, field), field), "UTF-8")
    elif suffix in (".html", ".htm"):
        page = files.read_text(path, field)
        read = files.TextFile(path, page_text(page.text), page.encoding)
    elif suffix in (".txt", ".md", ""):
        read = files.read_text(path, field)
    else:
        raise InvalidInput(field, f"不支持的文件类型 {suffix}（可用：{'、'.join(SUFFIXES)}）")
    if not read.text.strip():
        raise InvalidInput(field, f"{path.name} 中没有文字")
    return read


def _docx(path: Path, field: str) -> str:
    """Paragraphs and table rows in document order (a row's cells apart by tabs)."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InvalidInput(field, f"{path.name} 不是有效的 Word 文档（.docx）：{exc}") from None
    lines = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                             for cell in row.iterchildren() if cell.tag.endswith("}tc")]
                    lines.append("\t".join(cells))
    return "\n".join(lines)


def _pdf(path: Path, field: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise InvalidInput(field, f"{path.name} 不是可读取的 PDF：{exc}") from None
    if pages and not any(p.strip() for p in pages):
        raise InvalidInput(field, f"{path.name} 没有文字层（可能是扫描件）：请先用 OCR 转为文字，或向发文机关索取电子文本")
    return "\n".join(pages)


# Page chrome of government sites: navigation, headers and footers, share and print buttons.
SKIPPED_TAGS = {"head", "title", "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
                "select", "iframe", "svg", "template"}
BLOCK_TAGS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul", "ol",
              "dd", "dt", "pre", "blockquote", "center"}
CHROME = re.compile(r"^(【?\s*(打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享到?[:：]?.*|字[体号][:：]?\s*[大中小\s]*|"
                    r"当前位置[:：].*|您当前的位置[:：].*|首页\s*[>＞›].*|来源[:：].*|发布时间[:：].*|浏览次数[:：].*|"
                    r"责任编辑[:：].*|网站地图|联系我们|版权所有.*|主办单位[:：].*|技术支持[:：].*|ICP备.*|.*公网安备.*)\s*】?)$"
                    r"|^(【[^】]{1,8}】\s*)+$"  # 【打印】 【关闭】
                    r"|^[^|｜]{1,8}(\s*[|｜]\s*[^|｜]{1,8}){2,}$")  # 首页 | 政务公开 | 互动交流


VOID = {"br", "img", "meta", "input", "hr", "link", "source", "wbr", "col", "area", "base"}
CHROME_CLASSES = ("share", "print", "breadcrumb", "navbar", "footer", "header", "toolbar")
# The element a government CMS puts the document's own text in (TRS, 政府网站集约化平台 …): when a
# page has one, only its text is the document's.
CONTENT = re.compile(r"\b(zoom|content|article-content|trs_editor|pages_content|view|wz_con|article_con)\b")


class _Text(HTMLParser):
    """Text one block a line and a table row's cells apart by tabs; skipped elements' insides dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.content: list[str] = []  # what is inside the page's content element
        self.skip = 0  # depth inside a skipped element
        self.inside = 0  # depth inside the content element
        self.cells = 0  # cells so far in the current table row

    def _put(self, text: str) -> None:
        self.parts.append(text)
        if self.inside:
            self.content.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br" and not self.skip:
                self._put("\n")
            return
        classes = " ".join(v or "" for k, v in attrs if k in ("class", "id")).lower()
        if self.inside:
            self.inside += 1
        elif CONTENT.search(classes) and not self.content:
            self.inside = 1
        if self.skip or tag in SKIPPED_TAGS or any(w in classes.split() for w in CHROME_CLASSES):
            self.skip += 1
        elif tag == "tr":
            self._put("\n")
            self.cells = 0
        elif tag in ("td", "th"):
            if self.cells:
                self._put("\t")
            self.cells += 1
        elif tag in BLOCK_TAGS:
            self._put("\n")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.skip:
            self.skip -= 1
        elif tag in BLOCK_TAGS and tag not in ("td", "th"):
            self._put("\n")
        if self.inside:
            self.inside -= 1

    def handle_data(self, data):
        if not self.skip:
            self._put(data.replace("\n", " "))  # a line break in the source is a space on the page


def page_text(html: str) -> str:
    """A saved web page's text: one block a line, the site's chrome left out."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = []
    for line in "".join(parser.content if "".join(parser.content).strip() else parser.parts).split("\n"):
        line = line.replace("\xa0", " ").strip()
        if line and not CHROME.match(line):
            lines.append(line)
    return "\n".join(lines)
