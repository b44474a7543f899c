"""The annual report as the Word document a leader signs: GB/T 9704 page, the
national grid for tables 二/三/四, the chart with its caption, the comparison
with last year and the timeliness of replies, a roll-up's bodies, the opening
paragraph and the closing block — and, until it is 已审核, a 草稿 watermark
and the identities that fail."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Pt, RGBColor

from core import word
from core.report import chart, grid
from core.report.national_format import C_COLUMNS, DRAFT, NARRATIVE, SECTIONS, Report, fee_paragraph, opening

RED = RGBColor(0xC0, 0x00, 0x00)
TITLE_CHARS = 20  # 二号 characters on one line of the 156 mm type area
TABLE_PT = {"二": 10.5, "三": 9, "四": 9}  # 五号; 小五 where the template has many narrow columns
_SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）[^。；]{1,28}$")


def title_lines(report: Report) -> list[str]:
    """A title too long for one line breaks after the body's name, never inside a word."""
    tail = f"{report.year}年政府信息公开工作年度报告"
    if len(report.title) <= TITLE_CHARS or not report.title.endswith(tail):
        return [report.title]
    return [report.title.removesuffix(tail), tail]


def narrative_blocks(text: str) -> list[tuple[str, str]]:
    """The office's Markdown as (kind, text): "heading" for a （一）-style or # line, else
    "paragraph" — the lines of one paragraph joined (Chinese has no space between lines)."""
    blocks: list[tuple[str, str]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in chunk.splitlines():
            line = raw.strip().replace("**", "")
            bare = line.lstrip("#").strip()
            if line.startswith("#") or _SUBHEADING.match(line):
                if lines:
                    blocks.append(("paragraph", "".join(lines)))
                    lines = []
                blocks.append(("heading", bare))
            elif re.match(r"^[-*+] ", line):
                if lines:
                    blocks.append(("paragraph", "".join(lines)))
                blocks.append(("paragraph", line[2:].strip()))
                lines = []
            elif line:
                lines.append(line)
        if lines:
            blocks.append(("paragraph", "".join(lines)))
    return blocks


ROLE_STYLE = {grid.HEAD: (word.HEADING_FONT, "center"), grid.LABEL: (word.BODY_FONT, "left"),
              grid.NUMBER: (word.BODY_FONT, "center")}


def _table(doc, g: grid.Grid, size: float, *, keep_together: bool) -> None:
    spans = [word.Span(c.row, c.col, c.text, *ROLE_STYLE[c.role], rowspan=c.rowspan, colspan=c.colspan)
             for c in g.cells]
    word.spanned_table(doc, list(g.widths), g.rows, spans, size=size, header_rows=g.header_rows,
                       keep_together=keep_together)
    doc.add_paragraph().paragraph_format.line_spacing = Pt(12)  # air between a table and what follows


def _text(doc, text: str) -> None:
    for kind, body in narrative_blocks(text):
        if kind == "heading":
            word.heading(doc, body, level=2)
        else:
            word.paragraph(doc, body)


def _caption(doc, text: str) -> None:
    p = word.paragraph(doc, text, indent=False, align="center", font=word.SUBHEADING_FONT, size=14)
    p.paragraph_format.keep_with_next = True  # a table's title never ends a page without its table


def _chart(doc, report: Report) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # a fixed line would crop the picture
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(io.BytesIO(chart.chart(report, "png")), width=Cm(chart.WIDTH_CM))
    _caption(doc, chart.caption(report))


def _width(text: str) -> int:
    """In half-characters: digits and Latin letters are half as wide as 汉字 in 仿宋."""
    return sum(1 if ch.isascii() else 2 for ch in text)


def _closing(doc, report: Report) -> None:
    """署名 and 成文日期 (GB/T 9704 7.3.5): the date four characters in from the right, the body's
    name centred above it."""
    date = f"{report.issuer.date.year}年{report.issuer.date.month}月{report.issuer.date.day}日"
    name = report.issuer.name
    # 7.3.5.1: the signature shares its page with the text, never "此页无正文" — so the last
    # paragraph travels with it when the page is full.
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.keep_with_next = True
    half = word.BODY_PT / 2
    for text, indent in ((name, max(0.0, 4 * word.BODY_PT - (_width(name) - _width(date)) * half / 2)),
                         (date, 4 * word.BODY_PT)):
        p = word.paragraph(doc, text, indent=False, align="right")
        p.paragraph_format.right_indent = Pt(indent)
        p.paragraph_format.keep_with_next = text == name  # the name never ends a page without its date


def _draft_notice(doc, report: Report) -> None:
    if not report.final:
        word.paragraph(doc, f"【{DRAFT}】本报告当前状态为“{report.state_name}”，尚未审核，不得报送或公开。",
                       indent=False, font=word.HEADING_FONT, color=RED)
    if report.failures:
        word.paragraph(doc, f"数据校验未通过（{len(report.failures)}项）：", indent=False, font=word.HEADING_FONT,
                       color=RED)
        for failure in report.failures:
            word.paragraph(doc, f"· {failure}", indent=False, size=12, color=RED)


def save_docx(report: Report, path: Path) -> None:
    marks = [m for m in (report.mark, None if report.final else DRAFT) if m]
    created = dt.datetime.combine(report.issuer.date, dt.time(), tzinfo=dt.timezone.utc)
    doc = word.new_document("·".join(marks) or None, title=report.title, author=report.issuer.name, created=created)
    doc.core_properties.subject = "政府信息公开工作年度报告"
    doc.core_properties.keywords = f"{report.year}年度；政府信息公开；国办公开办函〔2021〕30号"
    if not report.final:
        word.watermark(doc, DRAFT)
    word.title(doc, title_lines(report))
    _draft_notice(doc, report)
    word.paragraph(doc, opening(report.issuer, report.year))
    if report.scope:
        word.paragraph(doc, report.scope)
    tables = {"二": grid.table_two(report.tables), "三": grid.table_three(report.tables),
              "四": grid.table_four(report.tables)}
    for number, heading in SECTIONS:
        word.heading(doc, heading)
        if number == "六":
            word.paragraph(doc, fee_paragraph(report.fees))
        if number in NARRATIVE:
            _text(doc, report.sections.get(number) or ("（待填写）" if number != "六" else ""))
        if number in tables:
            _table(doc, tables[number], TABLE_PT[number], keep_together=number != "三")
        if number == "二":
            word.paragraph(doc, report.proactive.sentence(report.year))
        if number == "三":
            _chart(doc, report)
            word.paragraph(doc, report.timeliness.sentence(report.year) + "答复期限按《条例》与本地规定中先届满者计算，"
                           "依法延长的期限计入。")
            _caption(doc, f"主要数据与{report.year - 1}年比较")
            _table(doc, grid.comparison(report.comparison, report.year), 10.5, keep_together=True)
    if report.bodies:
        word.paragraph(doc, "附件：汇总机关主要数据")
    _closing(doc, report)
    if report.bodies:
        # Breaking before the 附件 itself: a break paragraph after a full last page would leave one blank.
        word.paragraph(doc, "附件", indent=False, font=word.HEADING_FONT).paragraph_format.page_break_before = True
        word.paragraph(doc, "汇总机关主要数据", indent=False, align="center", font=word.TITLE_FONT, size=18)
        _table(doc, grid.bodies(report.bodies), 10.5, keep_together=False)
    word.save(doc, path)


@dataclass(frozen=True)
class Paper:
    """The report as the TUI's document preview shows it and saves it as Word."""

    report: Report

    @property
    def title(self) -> str:
        return self.report.title

    def as_text(self) -> str:
        r = self.report
        lines = ([f"【{r.mark}】"] if r.mark else []) + [r.title, ""]
        if not r.final:
            lines.append(f"【{DRAFT}】本报告当前状态为“{r.state_name}”，尚未审核，不得报送或公开。")
        lines += [f"✗ {f}" for f in r.failures]
        lines += [opening(r.issuer, r.year)] + ([r.scope] if r.scope else [])
        for number, heading in SECTIONS:
            lines += ["", heading]
            if number == "六":
                lines.append(fee_paragraph(r.fees))
            if number in NARRATIVE:
                lines += [text for _, text in narrative_blocks(r.sections.get(number) or "")] or ["（待填写）"]
            if number == "二":
                lines += [f"{row.label}：{'、'.join(grid.number(v) for v in row.values)}"
                          for block in r.tables.table_a for row in block.rows]
                lines.append(r.proactive.sentence(r.year))
            if number == "三":
                lines += [f"{row.label}：{row.values[-1]}" for row in r.tables.table_b if row.values is not None]
                lines += [r.timeliness.sentence(r.year), f"主要数据与{r.year - 1}年比较："]
                lines += [f"  {c.label}：{grid.number(c.previous)} → {grid.number(c.current)}（{c.change}）"
                          for c in r.comparison]
            if number == "四":
                lines += [f"{row.label}：" + "，".join(f"{name}{v}" for name, v in zip(C_COLUMNS, row.values))
                          for row in r.tables.table_c]
        day = r.issuer.date
        return "\n".join(lines + ["", r.issuer.name, f"{day.year}年{day.month}月{day.day}日"]) + "\n"

    def save_docx(self, path: Path) -> None:
        save_docx(self.report, path)
