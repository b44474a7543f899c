"""Tables 二, 三 and 四 laid out as the national template draws them — one table
each, with the template's merged cells and, in 三, its three label columns — and
the report's own tables (the comparison with last year, a roll-up's bodies).
One description, drawn by both the Word file and the web page."""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.report.national_format import (
    B_COLUMNS,
    B_ROWS,
    BODY_COLUMNS,
    C_COLUMNS,
    BodyFigures,
    Comparison,
    Tables,
)

HEAD, LABEL, NUMBER = "head", "label", "number"
TYPE_AREA_CM = 15.6  # GB/T 9704: the type area is 156 mm wide
IDENTITY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    role: str  # HEAD, LABEL or NUMBER: how it is set (黑体 centred, left, centred)
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Grid:
    widths: tuple[float, ...]  # column widths in cm, adding up to the type area
    header_rows: int  # repeated at the top of every page the table runs onto
    cells: tuple[Cell, ...]

    @property
    def rows(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    def row(self, r: int) -> list[Cell]:
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)


def number(value) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _widths(*fixed: float, rest: int) -> tuple[float, ...]:
    """`fixed` label columns, then `rest` equal columns filling the type area (rounded down: never wider)."""
    share = math.floor((TYPE_AREA_CM - sum(fixed)) / rest * 1000) / 1000 if rest else 0
    return (*fixed, *([share] * rest))


def table_two(t: Tables) -> Grid:
    """主动公开: the four blocks of 第二十条 in one four-column table, each block's title row
    across it and a one-number block's figure across the three number columns."""
    cells, r = [], 0
    for block in t.table_a:
        cells.append(Cell(r, 0, block.label, HEAD, colspan=4))
        span = 4 - len(block.columns) + 1  # a block with one number column spreads it over three
        cells += [Cell(r + 1, 0, block.columns[0], HEAD)]
        cells += [Cell(r + 1, i, c, HEAD, colspan=span) for i, c in enumerate(block.columns[1:], 1)]
        for i, row in enumerate(block.rows, r + 2):
            cells.append(Cell(i, 0, row.label, LABEL))
            cells += [Cell(i, j, number(v), NUMBER, colspan=span) for j, v in enumerate(row.values, 1)]
        r += 2 + len(block.rows)
    return Grid(_widths(4.5, rest=3), 0, tuple(cells))


def table_three(t: Tables) -> Grid:
    """收到和处理政府信息公开申请: three label columns — 三、本年度办理结果 down every outcome
    row, （三）…（六） down their reasons — the corner note over three header rows."""
    cells = [Cell(0, 0, IDENTITY_NOTE, HEAD, rowspan=3, colspan=3), Cell(0, 3, "申请人情况", HEAD, colspan=7),
             Cell(1, 3, B_COLUMNS[0], HEAD, rowspan=2), Cell(1, 4, "法人或其他组织", HEAD, colspan=5),
             Cell(1, 9, B_COLUMNS[-1], HEAD, rowspan=2)]
    cells += [Cell(2, 4 + i, c, HEAD) for i, c in enumerate(B_COLUMNS[1:6])]
    r = 3
    for i, (spec, row) in enumerate(zip(B_ROWS, t.table_b)):
        if row.values is None:  # a heading of the format: a merged cell down the rows it covers
            below = [s.level for s in B_ROWS[i + 1:]]
            covered = next((n for n, level in enumerate(below) if level <= spec.level), len(below))
            span = sum(1 for s in B_ROWS[i + 1:i + 1 + covered] if s.key is not None)
            cells.append(Cell(r, spec.level, spec.label, LABEL, rowspan=span))
            continue
        cells.append(Cell(r, spec.level, spec.label, LABEL, colspan=3 - spec.level))
        cells += [Cell(r, 3 + j, str(v), NUMBER) for j, v in enumerate(row.values)]
        r += 1
    return Grid(_widths(1.2, 2.5, 4.6, rest=7), 3, tuple(cells))


def table_four(t: Tables) -> Grid:
    """复议、诉讼: 行政复议 five columns, 行政诉讼 ten (未经复议直接起诉, 复议后起诉)."""
    cells = [Cell(0, 0, "行政复议", HEAD, colspan=5), Cell(0, 5, "行政诉讼", HEAD, colspan=10)]
    cells += [Cell(1, i, c, HEAD, rowspan=2) for i, c in enumerate(C_COLUMNS)]
    cells += [Cell(1, 5, "未经复议直接起诉", HEAD, colspan=5), Cell(1, 10, "复议后起诉", HEAD, colspan=5)]
    cells += [Cell(2, 5 + i, c, HEAD) for i, c in enumerate(C_COLUMNS * 2)]
    cells += [Cell(3, i, str(v), NUMBER) for i, v in enumerate(v for r in t.table_c for v in r.values)]
    return Grid(_widths(rest=15), 3, tuple(cells))


def comparison(rows: tuple[Comparison, ...], year: int) -> Grid:
    cells = [Cell(0, i, text, HEAD) for i, text in enumerate(("项目", f"{year - 1}年", f"{year}年", "增减", "增减幅度"))]
    for r, c in enumerate(rows, 1):
        cells += [Cell(r, 0, c.label, LABEL), Cell(r, 1, number(c.previous), NUMBER),
                  Cell(r, 2, number(c.current), NUMBER), Cell(r, 3, c.change, NUMBER), Cell(r, 4, c.ratio, NUMBER)]
    return Grid(_widths(6.0, rest=4), 1, tuple(cells))


def bodies(figures: tuple[BodyFigures, ...]) -> Grid:
    cells = [Cell(0, i, text, HEAD) for i, text in enumerate(("序号", *BODY_COLUMNS))]
    for r, f in enumerate(figures, 1):
        values = (f.new, f.carried_in, f.decided, f.carried_out, f.late, f.reconsideration_corrected,
                  f.litigation_corrected)
        cells += [Cell(r, 0, str(r), NUMBER), Cell(r, 1, f.name, LABEL)]
        cells += [Cell(r, 2 + i, str(v), NUMBER) for i, v in enumerate(values)]
    return Grid(_widths(1.1, 4.4, rest=7), 1, tuple(cells))
