"""The 考核 results for leadership: a workbook (the scores, and every row behind every figure), a
Word document with each body's chart, and the chart itself."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path

from core.oversight.scorecard import FIGURES, Scorecard, all_traced

CHART_WIDTH_CM, CHART_HEIGHT_CM = 15.6, 6.5


def _points(value: float) -> str:
    return f"{value:g}"


def header(cards: list[Scorecard]) -> list[str]:
    measures = [s.name for s in cards[0].scored] if cards else []
    return ["机构代码", "机构", *measures, "总分", "档次"]


def row(card: Scorecard) -> list:
    return [card.agency, card.name, *(s.points for s in card.scored), card.total, card.grade]


def workbook(cards: list[Scorecard], path: Path, today: dt.date) -> int:
    """Sheet 考核得分: a row per body. Sheet 数据: every figure per body. Sheet 明细: each figure's
    rows (the request numbers, entries, cases, complaints and milestones it counts)."""
    import openpyxl

    from core import files
    from core.requests.ledger import append_sheet, safe_cells

    rows = all_traced(cards, today)

    def details():
        for card in cards:
            for figure, name in FIGURES.items():
                for item in rows[figure][card.agency]:
                    yield safe_cells([card.agency, card.name, name, item.ref, _iso(item.date), item.detail])

    widths = (12, 30)
    book = openpyxl.Workbook(write_only=True)  # the details of a large city's year run to 100,000s of rows
    append_sheet(book, "考核得分", header(cards), (safe_cells(row(c)) for c in cards), widths, "C2")
    append_sheet(book, "数据", ["机构代码", "机构", *FIGURES.values()],
                 (safe_cells([c.agency, c.name, *(c.figures[f] for f in FIGURES)]) for c in cards), widths, "C2")
    traced = append_sheet(book, "明细", ["机构代码", "机构", "数据项", "编号", "日期", "说明"], details(),
                          (*widths, 22, 28, 12, 60), "C2")
    with files.replacing(path) as partial:
        book.save(partial)
    return traced


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def chart(card: Scorecard) -> bytes:
    """A body's points on each measure against the measure's full marks, as PNG for print."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    from core.report.chart import LABEL_PT, ChartFontMissing, cjk_font

    style = {"font.family": [cjk_font().family], "font.size": LABEL_PT, "axes.unicode_minus": False}
    with matplotlib.rc_context(style), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots(figsize=(CHART_WIDTH_CM / 2.54, CHART_HEIGHT_CM / 2.54))
        names = [s.name for s in card.scored][::-1]
        ax.barh(names, [s.weight for s in card.scored][::-1], color="#e3e3e3", label="满分")
        bars = ax.barh(names, [s.points for s in card.scored][::-1], color="#3b6ea5", label="得分")
        ax.bar_label(bars, labels=[_points(s.points) for s in card.scored][::-1], fontsize=LABEL_PT, padding=2)
        ax.set_title(f"{card.name} {card.year}年度考核得分 {_points(card.total)} 分（{card.grade}）",
                     fontsize=LABEL_PT + 1.5)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="lower right", fontsize=LABEL_PT, frameon=False)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=200)
        plt.close(fig)
    if any("missing from" in str(w.message) for w in caught):
        raise ChartFontMissing()
    return out.getvalue()


def word(cards: list[Scorecard], path: Path, mark: str | None, issuer: str) -> None:
    """政府信息公开工作考核结果: the table of every body's points and grade, then each body's chart
    and figures."""
    from docx.shared import Cm

    from core import word as w

    year = cards[0].year if cards else dt.date.today().year
    title = f"{year}年度政府信息公开工作考核结果"
    doc = w.new_document(mark, title=title, author=issuer)
    w.title(doc, title)
    if cards:
        w.paragraph(doc, f"依据{cards[0].basis}，根据本系统登记的依申请公开办理、主动公开目录、行政复议和行政诉讼、"
                         f"举报投诉及年度报告记录计算，数据截至{cards[0].as_of.year}年{cards[0].as_of.month}月"
                         f"{cards[0].as_of.day}日。各项数据的明细见同名电子表格的“明细”工作表。")
    measures = [s.name for s in cards[0].scored] if cards else []
    rows = [["序号", "机构", *(f"{m}（{_points(s.weight)}）" for m, s in zip(measures, cards[0].scored)), "总分", "档次"]]
    rows += [[str(i), c.name, *(_points(s.points) for s in c.scored), _points(c.total), c.grade]
             for i, c in enumerate(cards, 1)]
    name_cm = 4.0
    other = (15.6 - 1.0 - name_cm) / (len(measures) + 2)
    w.table(doc, rows, [1.0, name_cm, *([other] * (len(measures) + 2))], size=9, header_rows=1)
    for card in cards:
        w.heading(doc, f"{card.name}：{_points(card.total)} 分（{card.grade}）", 2)
        doc.add_paragraph().add_run().add_picture(io.BytesIO(chart(card)), width=Cm(CHART_WIDTH_CM))
        lines = [f"{s.name}：{_explain(s)}" for s in card.scored]
        figures = "；".join(f"{name} {card.figures[f]}" for f, name in FIGURES.items())
        for line in lines + [f"数据：{figures}。"]:
            w.paragraph(doc, line)
    w.save(doc, path)


def _explain(scored) -> str:
    if scored.deduct is not None:
        return (f"{scored.bad} 件，每件扣 {_points(scored.deduct)} 分，得 {_points(scored.points)} 分"
                f"（满分 {_points(scored.weight)}）")
    if scored.rate is None:
        return f"本年度无应考核事项，得满分 {_points(scored.weight)} 分"
    return (f"{scored.good}/{scored.good + scored.bad}（{scored.rate:.1%}），得 {_points(scored.points)} 分"
            f"（满分 {_points(scored.weight)}）")
