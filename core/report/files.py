"""The annual report as leadership and the public read it: Markdown (HTML
tables with the format's merged header cells), Word in the official style,
the chart of the year, and the published copy under catalogs/reports/ that
the site's 年度报告 section is built from."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm

from core import files, home, word
from core.publish.site.render import body_html, esc
from core.report.national_format import B_COLUMNS, C_COLUMNS, NARRATIVE, SECTIONS, Report, outcome_totals
from core.store import settings

# Fonts tried for the chart's Chinese labels, the first one installed wins.
CJK_FONTS = ["Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "Source Han Sans SC", "SimHei", "Microsoft YaHei", "DejaVu Sans"]
IDENTITY_NOTE = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"


def chart(report: Report, fmt: str) -> bytes:
    """Requests received per month and the year's outcomes, as SVG (text kept as
    text for the browser's fonts) or PNG (for Word)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    with matplotlib.rc_context({"font.sans-serif": CJK_FONTS, "font.family": "sans-serif",
                                "svg.fonttype": "none", "axes.unicode_minus": False, "svg.hashsalt": "gongkai"}):
        fig, (months, kinds) = plt.subplots(1, 2, figsize=(10, 3.6), gridspec_kw={"width_ratios": [3, 2]})
        months.bar([f"{m}月" for m in range(1, 13)], report.tables.monthly, color="#3b6ea5")
        months.set_title(f"{report.year}年每月新收申请（件）")
        for label in months.get_xticklabels():
            label.set_fontsize(8)
        totals = outcome_totals(report.tables)
        kinds.barh([k for k, _ in totals][::-1], [n for _, n in totals][::-1], color="#a5573b")
        kinds.set_title("本年度办理结果（件）")
        for ax in (months, kinds):
            ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        out = io.BytesIO()
        with warnings.catch_warnings():  # a machine without a CJK font still gets its chart
            warnings.simplefilter("ignore")
            fig.savefig(out, format=fmt, dpi=150, metadata={"Date": None} if fmt == "svg" else None)
        plt.close(fig)
    return out.getvalue()


# ---- tables as rows of cells: (text, colspan, rowspan) for HTML, also walked for Word

def _b_header() -> list[list[tuple[str, int, int]]]:
    return [[(IDENTITY_NOTE, 1, 3), ("申请人情况", 7, 1)],
            [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
            [(c, 1, 1) for c in B_COLUMNS[1:6]]]


def _c_header() -> list[list[tuple[str, int, int]]]:
    return [[("行政复议", 5, 1), ("行政诉讼", 10, 1)],
            [(c, 1, 2) for c in C_COLUMNS] + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
            [(c, 1, 1) for c in C_COLUMNS * 2]]


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _html_table(header: list[list[tuple[str, int, int]]], body: list[list[str]]) -> str:
    lines = ['<table class="report-table">', "<thead>"]
    for row in header:
        cells = "".join(f'<th colspan="{c}" rowspan="{r}">{esc(t)}</th>' for t, c, r in row)
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</thead><tbody>")
    for row in body:
        lines.append("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _bodies(report: Report) -> dict[str, list[tuple[list, list[list[str]]]]]:
    """Section → its tables as (header rows, body rows), shared by Markdown and Word."""
    t = report.tables
    a = []
    for block in t.table_a:
        header = [[(f"{block.label}", len(block.columns), 1)], [(c, 1, 1) for c in block.columns]]
        a.append((header, [[r.label, *(_number(v) for v in r.values)] for r in block.rows]))
    b = [(_b_header(), [[r.label, *("" if r.values is None else str(v) for v in (r.values or ("",) * 7))]
                        for r in t.table_b])]
    c = [(_c_header(), [[str(v) for r in t.table_c for v in r.values]])]
    return {"二": a, "三": b, "四": c}


def markdown(report: Report, chart_file: str | None = None) -> str:
    """The whole report as Markdown (tables as HTML, every text escaped)."""
    out = [f"# {esc(report.title)}", ""]
    mark = settings.document_mark()
    if mark:
        out += [f"**【{mark}】本报告由培训数据库生成，不是正式报告。**", ""]
    if report.includes:
        out += [f"本报告汇总了本机关及所属 {len(report.includes)} 个机关的数据。", ""]
    tables = _bodies(report)
    for number, title in SECTIONS:
        out += [f"## {esc(title)}", ""]
        if number in NARRATIVE:
            out += body_html(report.sections.get(number) or "（待填写）") + [""]
        for header, body in tables.get(number, []):
            out += [_html_table(header, body), ""]
        if number == "三" and chart_file:
            out += [f"![{report.year}年申请数量与办理结果]({chart_file})", ""]
    if report.failures:
        out += ["## 数据校验未通过", ""] + [f"- {esc(f)}" for f in report.failures] + [""]
    return "\n".join(out)


def _docx_table(doc, header: list[list[tuple[str, int, int]]], body: list[list[str]]) -> None:
    width = sum(colspan for _, colspan, _ in header[0])
    rows = [[""] * width for _ in range(len(header) + len(body))]
    grid = word.table(doc, rows, [15.6 / width] * width, size=9 if width > 8 else 11, header_rows=len(header))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    taken = set()
    for r, row in enumerate(header):
        c = 0
        for text, colspan, rowspan in row:
            while (r, c) in taken:
                c += 1
            cell = grid.cell(r, c)
            if colspan > 1 or rowspan > 1:
                cell = cell.merge(grid.cell(r + rowspan - 1, c + colspan - 1))
            taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            _set(cell, text, word.HEADING_FONT)
            c += colspan
    for r, values in enumerate(body, len(header)):
        for c, value in enumerate(values):
            _set(grid.cell(r, c), value, word.BODY_FONT)


def _set(cell, text: str, font: str) -> None:
    cell.paragraphs[0].text = ""
    word.set_font(cell.paragraphs[0].add_run(text), font, 9)


def save_docx(report: Report, path: Path) -> None:
    doc = word.new_document(settings.document_mark())
    word.title(doc, report.title)
    tables = _bodies(report)
    for number, title in SECTIONS:
        word.heading(doc, title)
        if number in NARRATIVE:
            for para in (report.sections.get(number) or "（待填写）").split("\n\n"):
                if para.strip():
                    word.paragraph(doc, para.strip())
        for header, body in tables.get(number, []):
            _docx_table(doc, header, body)
        if number == "三":
            doc.add_picture(io.BytesIO(chart(report, "png")), width=Cm(15.6))
    word.save(doc, path)


def reports_dir() -> Path:
    return home.catalogs() / "reports"


def publish(report: Report) -> Path:
    """The published copy: catalogs/reports/YYYY/CODE.md and its chart, which the
    site generator turns into the 年度报告 section."""
    directory = reports_dir() / str(report.year)
    directory.mkdir(parents=True, exist_ok=True)
    files.write_bytes(directory / f"{report.agency}.svg", chart(report, "svg"))
    path = directory / f"{report.agency}.md"
    files.write_text(path, markdown(report, f"{report.agency}.svg"))
    return path

