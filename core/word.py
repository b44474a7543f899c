"""Word documents in the style of Chinese official documents (GB/T 9704):
A4, 仿宋 body at 三号 (16 pt), 黑体/小标宋 titles. Shared by letters, review
forms and the annual report."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from core import files

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"


def set_font(run, name: str, size: float) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    # Word picks the East Asian font from its own attribute; without it CJK text falls back to 宋体.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def new_document(mark: str | None = None) -> Document:
    """A blank A4 document; `mark` (培训, 单机模式) goes in every page's header."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    if mark:
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        set_font(p.add_run(f"【{mark}】"), HEADING_FONT, 14)
    return doc


def title(doc: Document, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run(text), TITLE_FONT, 22)


def heading(doc: Document, text: str) -> None:
    p = doc.add_paragraph()
    set_font(p.add_run(text), HEADING_FONT, 16)


def paragraph(doc: Document, text: str, *, indent: bool = True, align=None) -> None:
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)  # two characters
    if align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run(text), BODY_FONT, 16)


def table(doc: Document, rows: list[list[str]], widths_cm: list[float], *, size: float = 12,
          header_rows: int = 0) -> object:
    """A bordered table; header rows in 黑体. Returns it so callers can merge cells."""
    grid = doc.add_table(rows=len(rows), cols=len(widths_cm))
    grid.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.width = Cm(widths_cm[c])
            cell.paragraphs[0].text = ""
            for i, line in enumerate(str(value).split("\n")):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                set_font(p.add_run(line), HEADING_FONT if r < header_rows else BODY_FONT, size)
    return grid


def save(doc, path: Path) -> None:
    """Saved whole or not at all (see files.replacing)."""
    with files.replacing(path) as partial:
        doc.save(str(partial))
