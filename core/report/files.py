"""The annual report as the public and leadership read it on screen: Markdown
(the national grid as HTML tables with the template's merged cells) with the
chart as SVG, and the published copy under catalogs/reports/ that the site's
年度报告 section is built from. The Word file is `document`."""

from __future__ import annotations

from pathlib import Path

from core import files, home
from core.publish.site.render import body_html, esc
from core.report import chart, grid
from core.report.national_format import DRAFT, NARRATIVE, SECTIONS, Report, fee_paragraph, opening


def html_table(g: grid.Grid) -> str:
    """Every text escaped; header cells as <th>, numbers marked for centring."""
    lines = ['<table class="report-table">', "<thead>" if g.header_rows else "<tbody>"]
    for r in range(g.rows):
        if g.header_rows and r == g.header_rows:
            lines.append("</thead><tbody>")
        cells = []
        for c in g.row(r):
            tag = "th" if c.role == grid.HEAD else "td"
            kind = ' class="num"' if c.role == grid.NUMBER else ""
            cells.append(f'<{tag}{kind} colspan="{c.colspan}" rowspan="{c.rowspan}">{esc(c.text)}</{tag}>')
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def markdown(report: Report, chart_file: str | None = None) -> str:
    """The whole report as Markdown (tables as HTML, every text escaped)."""
    out = [f"# {esc(report.title)}", ""]
    if report.mark:
        out += [f"**【{report.mark}】本报告由培训数据库生成，不是正式报告。**", ""]
    if not report.final:
        out += [f"**【{DRAFT}】本报告当前状态为“{esc(report.state_name)}”，尚未审核，不得报送或公开。**", ""]
    if report.failures:
        out += [f"**数据校验未通过（{len(report.failures)}项）：**", ""] + [f"- {esc(f)}" for f in report.failures]
        out.append("")
    out += [esc(opening(report.issuer, report.year)), ""]
    if report.scope:
        out += [esc(report.scope), ""]
    tables = {"二": grid.table_two(report.tables), "三": grid.table_three(report.tables),
              "四": grid.table_four(report.tables)}
    for number, title in SECTIONS:
        out += [f"## {esc(title)}", ""]
        if number == "六":
            out += [esc(fee_paragraph(report.fees)), ""]
        if number in NARRATIVE:
            text = report.sections.get(number) or ("（待填写）" if number != "六" else "")
            out += (body_html(text) + [""]) if text else []
        if number in tables:
            out += [html_table(tables[number]), ""]
        if number == "二":
            out += [esc(report.proactive.sentence(report.year)), ""]
        if number == "三":
            if chart_file:
                out += [f"![{esc(chart.caption(report))}]({chart_file})", ""]
            out += [esc(report.timeliness.sentence(report.year)), "",
                    f"**主要数据与{report.year - 1}年比较**", "",
                    html_table(grid.comparison(report.comparison, report.year)), ""]
    if report.bodies:
        out += ["## 附件：汇总机关主要数据", "", html_table(grid.bodies(report.bodies)), ""]
    day = report.issuer.date
    out += [f'<p class="report-issuer">{esc(report.issuer.name)}<br>{day.year}年{day.month}月{day.day}日</p>', ""]
    return "\n".join(out)


def reports_dir() -> Path:
    return home.catalogs() / "reports"


def publish(report: Report) -> Path:
    """The published copy: catalogs/reports/YYYY/CODE.md and its chart, which the
    site generator turns into the 年度报告 section."""
    directory = reports_dir() / str(report.year)
    directory.mkdir(parents=True, exist_ok=True)
    files.write_bytes(directory / f"{report.agency}.svg", chart.chart(report, "svg"))
    path = directory / f"{report.agency}.md"
    files.write_text(path, markdown(report, f"{report.agency}.svg"))
    return path

