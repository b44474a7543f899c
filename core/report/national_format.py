"""政府信息公开工作年度报告 in the national format (国办公开办函〔2021〕30号):
its sections, its three tables with the format's labels character for
character, the roll-up of several bodies' tables, and the identities the
province checks. Plain values only; `counting` fills the tables."""

from __future__ import annotations

from dataclasses import dataclass

from core.requests import outcomes
from core.requests.applicants import APPLICANT_TYPES

SECTIONS = (("一", "一、总体情况"), ("二", "二、主动公开政府信息情况"), ("三", "三、收到和处理政府信息公开申请情况"),
            ("四", "四、政府信息公开行政复议、行政诉讼情况"), ("五", "五、存在的主要问题及改进情况"),
            ("六", "六、其他需要报告的事项"))
NARRATIVE = ("一", "五", "六")  # written by the officer; 二、三、四 are the tables

# ---- Table 二 (主动公开): four blocks; the first is counted from the catalogue, the others entered.
A_DOCUMENT_COLUMNS = ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
A_DOCUMENT_ROWS = ("规章", "行政规范性文件")
A_ENTERED = (  # (block, columns, rows)
    ("第二十条第（五）项", ("信息内容", "本年处理决定数量"), ("行政许可",)),
    ("第二十条第（六）项", ("信息内容", "本年处理决定数量"), ("行政处罚", "行政强制")),
    ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), ("行政事业性收费",)),
)
ENTERED_CELLS = tuple(row for _, _, rows in A_ENTERED for row in rows)

# ---- Table 三 (依申请公开): seven columns, the rows of the format in order.
B_COLUMNS = APPLICANT_TYPES + ("总计",)
B_COLUMN_GROUPS = (("申请人情况", None), ("自然人", 1), ("法人或其他组织", 5), ("总计", 1))
NEW, CARRIED_IN, TOTAL, CARRIED_OUT = "new", "carried_in", "total", "carried_out"


@dataclass(frozen=True)
class RowSpec:
    label: str
    key: object  # NEW / CARRIED_IN / TOTAL / CARRIED_OUT, (outcome, reason number or None), or None for a heading


def _b_rows() -> tuple[RowSpec, ...]:
    rows = [RowSpec("一、本年新收政府信息公开申请数量", NEW), RowSpec("二、上年结转政府信息公开申请数量", CARRIED_IN),
            RowSpec("三、本年度办理结果", None)]
    for i, kind in enumerate(outcomes.KINDS):
        label = f"（{outcomes.NUMERALS[i]}）{kind}"
        if kind == outcomes.PARTLY:
            label += "（区分处理的，只计这一情形，不计其他情形）"
        reasons = outcomes.REASONS[kind]
        rows.append(RowSpec(label, None if reasons else (kind, None)))
        rows += [RowSpec(f"{n}.{reason}", (kind, n)) for n, reason in enumerate(reasons, 1)]
    return tuple(rows + [RowSpec("（七）总计", TOTAL), RowSpec("四、结转下年度继续办理", CARRIED_OUT)])


B_ROWS = _b_rows()

# ---- Table 四 (复议、诉讼): three groups of five.
C_GROUPS = (("行政复议", "行政复议"), ("直接起诉", "行政诉讼·未经复议直接起诉"), ("复议后起诉", "行政诉讼·复议后起诉"))
C_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple | None  # None: a heading row of the format, which carries no numbers

    def as_json(self) -> dict:
        return {"label": self.label, "values": list(self.values) if self.values is not None else None}


@dataclass(frozen=True)
class Block:
    label: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]

    def as_json(self) -> dict:
        return {"label": self.label, "columns": list(self.columns), "rows": [r.as_json() for r in self.rows]}


@dataclass(frozen=True)
class Tables:
    """The three tables of one agency's (or a roll-up's) report."""

    table_a: tuple[Block, ...]
    table_b: tuple[Row, ...]
    table_c: tuple[Row, ...]  # one row per group, five values
    monthly: tuple[int, ...]  # requests received per month, for the chart

    def b(self, label: str) -> tuple:
        return next(r.values for r in self.table_b if r.label == label)

    def as_json(self) -> dict:
        return {"table_a": {"blocks": [b.as_json() for b in self.table_a]},
                "table_b": {"columns": list(B_COLUMNS), "rows": [r.as_json() for r in self.table_b]},
                "table_c": {"columns": list(C_COLUMNS), "rows": [r.as_json() for r in self.table_c]}}


def _add(a: tuple | None, b: tuple | None) -> tuple | None:
    return None if a is None else tuple(round(x + y, 4) for x, y in zip(a, b))


def summed(parts: list[Tables]) -> Tables:
    """The roll-up: each cell the sum of the same cell in every part."""
    first, *rest = parts
    result = first
    for t in rest:
        result = Tables(
            tuple(Block(a.label, a.columns, tuple(Row(x.label, _add(x.values, y.values)) for x, y in zip(a.rows, b.rows)))
                  for a, b in zip(result.table_a, t.table_a)),
            tuple(Row(x.label, _add(x.values, y.values)) for x, y in zip(result.table_b, t.table_b)),
            tuple(Row(x.label, _add(x.values, y.values)) for x, y in zip(result.table_c, t.table_c)),
            _add(result.monthly, t.monthly))
    return result


def identity_failures(t: Tables) -> list[str]:
    """The format's identities; each failure names the cell that breaks it."""
    failures = []
    rows = {r.label: r.values for r in t.table_b}
    new, carried_in, total, carried_out = (rows[s.label] for s in B_ROWS if s.key in (NEW, CARRIED_IN, TOTAL,
                                                                                     CARRIED_OUT))
    outcome_rows = [r.values for r, s in zip(t.table_b, B_ROWS) if isinstance(s.key, tuple)]
    for i, column in enumerate(B_COLUMNS):
        if new[i] + carried_in[i] != total[i] + carried_out[i]:
            failures.append(f"表三“{column}”列：一＋二＝{new[i] + carried_in[i]}，"
                            f"三（七）总计＋四＝{total[i] + carried_out[i]}，两者应相等")
        parts = sum(v[i] for v in outcome_rows)
        if parts != total[i]:
            failures.append(f"表三“（七）总计”行“{column}”列：为{total[i]}，各项办理结果之和为{parts}，两者应相等"
                            "（有申请的办理结果不属于国家分类）")
    for r in t.table_b:
        if r.values is not None and sum(r.values[:-1]) != r.values[-1]:
            failures.append(f"表三“{r.label}”行“总计”列：为{r.values[-1]}，各类申请人之和为{sum(r.values[:-1])}，"
                            "两者应相等（有申请的申请人类型不属于国家分类）")
    for r in t.table_c:
        if sum(r.values[:4]) != r.values[4]:
            failures.append(f"表四“{r.label}”组“总计”：为{r.values[4]}，四种结果之和为{sum(r.values[:4])}，两者应相等")
    return failures


@dataclass(frozen=True)
class FeeSummary:
    paid_count: int
    paid_amount: int  # yuan
    waived_count: int


def fee_paragraph(f: FeeSummary) -> str:
    """Section 六's opening, from the request log (《政府信息公开信息处理费管理办法》)."""
    if not (f.paid_count or f.waived_count):
        return "本年度未收取政府信息公开信息处理费。"
    return (f"本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{f.paid_count}件，"
            f"共计{f.paid_amount}元；依规减免{f.waived_count}件。")


@dataclass(frozen=True)
class Report:
    """One agency's report for one year (or a government's roll-up of several)."""

    agency: str
    agency_name: str
    year: int
    includes: tuple[str, ...]  # the agencies summed in with it (empty for its own report)
    tables: Tables
    sections: dict[str, str]  # section number → Markdown; 六 pre-filled with the year's fees
    state: str
    state_name: str
    failures: tuple[str, ...]  # identities that do not hold, each naming its cell

    @property
    def title(self) -> str:
        return f"{self.agency_name}{self.year}年政府信息公开工作年度报告"

    def as_json(self) -> dict:
        return {"agency": self.agency, "agency_name": self.agency_name, "year": self.year, "title": self.title,
                "includes": list(self.includes), "state": self.state_name, **self.tables.as_json(),
                "sections": {n: {"title": t, "text": self.sections.get(n, "")} for n, t in SECTIONS
                             if n in NARRATIVE},
                "monthly": list(self.tables.monthly), "identity_failures": list(self.failures)}


def outcome_totals(t: Tables) -> list[tuple[str, int]]:
    """(outcome, requests decided that way) for the year: the chart's second panel."""
    totals = dict.fromkeys(outcomes.KINDS, 0)
    for spec, row in zip(B_ROWS, t.table_b):
        if isinstance(spec.key, tuple):
            totals[spec.key[0]] += row.values[-1]
    return list(totals.items())
