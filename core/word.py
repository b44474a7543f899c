"""Word documents in the layout of Chinese official documents (GB/T 9704-2012):
A4 with a 156 × 225 mm type area, 仿宋_GB2312 三号 body on a fixed 28.95 pt
line (22 lines a page), 方正小标宋简体 二号 title, 黑体 / 楷体_GB2312 headings,
page numbers “— N —” in 四号 on the outer side, language zh-CN. Shared by
letters, review forms, the 申请表 and the annual report.

Where the prescribed fonts are not installed the reader's word processor
substitutes its own (README: fonts); nothing is embedded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from core import files

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14  # 三号, 二号, 四号
LINE_PT = 28.95  # 225 mm / 22 lines
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
# A document with no date of its own (the 申请表) is stamped with this one, so that it is the
# same bytes on every run.
FIXED_DATE = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


def set_font(run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold or None
    if color is not None:
        run.font.color.rgb = color
    # Word picks the East Asian font from its own attribute; without it CJK text falls back to 宋体.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _defaults(doc: Document) -> None:
    """zh-CN for every run (an en-US document makes LibreOffice pick Japanese glyph forms), no
    paragraph spacing but the fixed line."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "0")
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_after = Pt(0)


def _page_number(footer, odd: bool) -> None:
    """“— N —”: odd pages at the right, even pages at the left, one character in from the edge."""
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    setattr(p.paragraph_format, "right_indent" if odd else "left_indent", Pt(PAGE_NUMBER_PT))
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    set_font(p.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    set_font(p.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)


def new_document(mark: str | None = None, *, title: str = "", author: str = "",
                 created: dt.datetime | None = None) -> Document:
    """A blank GB/T 9704 page with page numbers; `mark` (培训, 单机模式, 草稿) heads every page.
    The file's properties name its title, its author (the issuing body) and its date."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance, section.footer_distance = Cm(1.5), Cm(2.5)
    _defaults(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, odd=True)
    _page_number(section.even_page_footer, odd=False)
    if mark:
        for header in (section.header, section.even_page_header):
            p = header.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            set_font(p.add_run(f"【{mark}】"), HEADING_FONT, 14)
    props = doc.core_properties
    when = created or FIXED_DATE
    props.title, props.author, props.last_modified_by = title, author, author
    props.created, props.modified, props.last_printed = when, when, when
    props.revision, props.language, props.comments = 1, "zh-CN", ""
    return doc


_SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{e}"/>' for e in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
        "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7",
        "sum @6 0 @5"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"'
    ' o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
    '</v:shapetype>')


def watermark(doc: Document, text: str) -> None:
    """A large grey diagonal word behind every page (Word's own 水印 shape), so that a printed
    draft cannot pass for the final paper."""
    section = doc.sections[0]
    for i, header in enumerate((section.header, section.even_page_header)):
        shape = (f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" '
                 f'xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>{_SHAPETYPE}'
                 f'<v:shape id="WaterMark{i}" o:spid="_x0000_s{2049 + i}" type="#_x0000_t136" '
                 'style="position:absolute;margin-left:0;margin-top:0;width:415pt;height:207pt;rotation:315;'
                 'z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
                 'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
                 f'fillcolor="#c0c0c0" stroked="f"><v:fill opacity=".5"/><v:textpath style="font-family:&quot;'
                 f'{HEADING_FONT}&quot;;font-size:1pt" string="{text}"/></v:shape></w:pict></w:r>')
        header.paragraphs[0]._p.append(parse_xml(shape))


def title(doc: Document, lines: str | list[str]) -> None:
    """The title, centred; `lines` breaks a long one where its meaning breaks, not mid-word."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing = Pt(36)
    p.paragraph_format.space_after = Pt(LINE_PT)
    for i, line in enumerate([lines] if isinstance(lines, str) else lines):
        run = p.add_run(line)
        set_font(run, TITLE_FONT, TITLE_PT)
        if i < (0 if isinstance(lines, str) else len(lines) - 1):
            run.add_break(WD_BREAK.LINE)


def heading(doc: Document, text: str, level: int = 1) -> None:
    """一、 in 黑体, （一） in 楷体_GB2312, both 三号 and indented two characters."""
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    p.paragraph_format.keep_with_next = True
    set_font(p.add_run(text), HEADING_FONT if level == 1 else SUBHEADING_FONT, BODY_PT)


def paragraph(doc: Document, text: str, *, indent: bool = True, align: str | None = None,
              font: str = BODY_FONT, size: float = BODY_PT, color: RGBColor | None = None):
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(2 * size)  # two characters
    if align:
        p.alignment = ALIGN[align]
    set_font(p.add_run(text), font, size, color=color)
    return p


@dataclass(frozen=True)
class Span:
    """One cell of a table with merged cells: its top-left corner, its text and how it is set."""

    row: int
    col: int
    text: str
    font: str
    align: str = "center"
    rowspan: int = 1
    colspan: int = 1


def _row_flags(row, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))  # a row is never cut across two pages
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page


def _fixed(grid, widths_cm: list[float]) -> None:
    tbl_pr = grid._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    margins = parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:left w:w="57" w:type="dxa"/>'
                        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar>')
    tbl_pr.append(margins)
    for column, width in zip(grid.columns, widths_cm):
        column.width = Cm(width)


def spanned_table(doc: Document, widths_cm: list[float], rows: int, spans: list[Span], *, size: float,
                  header_rows: int = 0, keep_together: bool = False):
    """A bordered, centred table of fixed column widths. Cells are merged while still empty, so a
    merged cell holds one paragraph (python-docx would otherwise keep each part's blank line);
    header rows repeat on every page, no row splits, and `keep_together` keeps a short table —
    or the header with the first data row — on one page."""
    grid = doc.add_table(rows=rows, cols=len(widths_cm))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed(grid, widths_cm)
    for r, row in enumerate(grid.rows):
        _row_flags(row, header=r < header_rows)
    for span in spans:
        if span.rowspan > 1 or span.colspan > 1:
            grid.cell(span.row, span.col).merge(grid.cell(span.row + span.rowspan - 1, span.col + span.colspan - 1))
    # The layout once, row by row: python-docx's cell(r, c) walks the whole table on every call.
    ncols = len(widths_cm)
    layout = grid._cells
    for r in range(rows):
        for c in range(ncols):
            cell = layout[r * ncols + c]
            cell.width = Cm(widths_cm[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            p.paragraph_format.first_line_indent = None
            # Kept rows: all but the last of a short table, or the header with the first data row.
            p.paragraph_format.keep_with_next = (keep_together and r < rows - 1) or r < header_rows
    for span in spans:
        p = layout[span.row * ncols + span.col].paragraphs[0]
        p.alignment = ALIGN[span.align]
        if span.text:
            set_font(p.add_run(span.text), span.font, size)
    return grid


def table(doc: Document, rows: list[list[str]], widths_cm: list[float], *, size: float = 12,
          header_rows: int = 0, merged_first_row: bool = False):
    """A plain bordered table of text (forms); header rows in 黑体. `merged_first_row`
    spreads the first row's first cell over the whole width (a form's section title)."""
    spans = []
    for r, values in enumerate(rows):
        font = HEADING_FONT if r < header_rows else BODY_FONT
        if r == 0 and merged_first_row:
            spans.append(Span(0, 0, values[0], font, "center", colspan=len(widths_cm)))
            continue
        spans += [Span(r, c, str(v), font, "left") for c, v in enumerate(values)]
    # A value's own line breaks stay line breaks (python-docx writes "\n" as <w:br/>).
    return spanned_table(doc, widths_cm, len(rows), spans, size=size, header_rows=header_rows)


def save(doc, path: Path) -> None:
    """Saved whole or not at all (see files.replacing)."""
    with files.replacing(path) as partial:
        doc.save(str(partial))
