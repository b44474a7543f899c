"""政府信息公开工作年度报告 in the national format (国办公开办函〔2021〕30号):
its sections, its three tables with the format's labels character for
character, the roll-up of several bodies' tables, and the identities the
province checks. Plain values only; `counting` fills the tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.requests import outcomes
from core.requests.applicants import APPLICANT_TYPES

SECTIONS = (("一", "一、总体情况"), ("二", "二、主动公开政府信息情况"), ("三", "三、收到和处理政府信息公开申请情况"),
            ("四", "四、政府信息公开行政复议、行政诉讼情况"), ("五", "五、存在的主要问题及改进情况"),
            ("六", "六、其他需要报告的事项"))
DRAFT = "草稿"  # the mark on every report not yet 已审核
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
    level: int  # 0: 一、…四、; 1: （一）…（七）; 2: 1.… under an outcome — the template's three label columns


def _b_rows() -> tuple[RowSpec, ...]:
    rows = [RowSpec("一、本年新收政府信息公开申请数量", NEW, 0), RowSpec("二、上年结转政府信息公开申请数量", CARRIED_IN, 0),
            RowSpec("三、本年度办理结果", None, 0)]
    for i, kind in enumerate(outcomes.KINDS):
        label = f"（{outcomes.NUMERALS[i]}）{kind}"
        if kind == outcomes.PARTLY:
            label += "（区分处理的，只计这一情形，不计其他情形）"
        reasons = outcomes.REASONS[kind]
        rows.append(RowSpec(label, None if reasons else (kind, None), 1))
        rows += [RowSpec(f"{n}.{reason}", (kind, n), 2) for n, reason in enumerate(reasons, 1)]
    return tuple(rows + [RowSpec("（七）总计", TOTAL, 1), RowSpec("四、结转下年度继续办理", CARRIED_OUT, 0)])


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
    """Section 六's opening, from the request log (《政府信息公开信息处理费管理办法》): always
    printed, before whatever the office writes there."""
    if not (f.paid_count or f.waived_count):
        return "本年度未收取政府信息公开信息处理费。"
    paid = (f"依据《政府信息公开信息处理费管理办法》收取信息处理费{f.paid_count}件，共计{f.paid_amount}元"
            if f.paid_count else "未收取政府信息公开信息处理费")
    return f"本年度{paid}；" + (f"依规减免{f.waived_count}件。" if f.waived_count else "无减免。")


@dataclass(frozen=True)
class Timeliness:
    """Replies against the binding window — the earlier of the 条例's and the local rule's,
    an approved extension included — as the deadline module computes it for each request."""

    on_time: int  # decided in the year and answered by the due date
    late: int  # decided in the year and answered after it
    past_due: int  # unanswered on 31 December with the window already run out

    @property
    def rate(self) -> float | None:
        replied = self.on_time + self.late
        return round(100 * self.on_time / replied, 1) if replied else None

    def sentence(self, year: int) -> str:
        replied = self.on_time + self.late
        if replied:
            text = (f"本年度作出答复{replied}件，其中在答复期限内答复{self.on_time}件，按期答复率{self.rate:g}%；"
                    + (f"超过答复期限答复{self.late}件。" if self.late else "无超过答复期限答复的情况。"))
        else:
            text = "本年度未作出答复。"
        if self.past_due:
            return text + f"截至{year}年12月31日，有{self.past_due}件申请已超过答复期限尚未答复。"
        return text + f"截至{year}年12月31日，没有超过答复期限尚未答复的申请。"

    def as_json(self) -> dict:
        return {"on_time": self.on_time, "late": self.late, "past_due": self.past_due, "rate": self.rate}


@dataclass(frozen=True)
class ProactiveTimeliness:
    """主动公开 items formed or changed in the year against their windows (发布制度第十五、十六条;
    条例第二十六条), as of 31 December: the catalogue's own dates, counted by core.oversight."""

    on_time: int
    late: int  # published or updated after the window
    overdue: int  # past the window on 31 December, not published or updated

    def sentence(self, year: int) -> str:
        done = self.on_time + self.late
        if not done and not self.overdue:
            return "本年度目录中没有已到发布或更新期限的主动公开信息。"
        text = (f"本年度形成或变更、已到发布或更新期限的主动公开信息{done + self.overdue}项，"
                f"在规定期限内发布或更新{self.on_time}项" + (f"，逾期发布或更新{self.late}项" if self.late else "") + "；")
        if self.overdue:
            return text + f"截至{year}年12月31日，有{self.overdue}项已超过期限尚未发布或更新。"
        return text + f"截至{year}年12月31日，没有超过期限尚未发布或更新的信息。"

    def as_json(self) -> dict:
        return {"on_time": self.on_time, "late": self.late, "overdue": self.overdue}


def summed_timeliness(parts) -> Timeliness:
    return Timeliness(*(sum(column) for column in zip(*((t.on_time, t.late, t.past_due) for t in parts))))


def _normative_issued(t: Tables) -> int:
    return t.table_a[0].rows[1].values[0]


# The figures leadership compares with last year: (label, value from the tables and the timeliness).
KEY_FIGURES = (
    ("本年新收申请（件）", lambda t, _: t.b(B_ROWS[0].label)[-1]),
    ("上年结转申请（件）", lambda t, _: t.b(B_ROWS[1].label)[-1]),
    ("本年办结（件）", lambda t, _: t.b("（七）总计")[-1]),
    ("其中：予以公开（件）", lambda t, _: t.b("（一）予以公开")[-1]),
    ("部分公开（件）", lambda t, _: next(n for k, n in outcome_totals(t) if k == outcomes.PARTLY)),
    ("不予公开（件）", lambda t, _: next(n for k, n in outcome_totals(t) if k == outcomes.WITHHELD)),
    ("结转下年度（件）", lambda t, _: t.b(B_ROWS[-1].label)[-1]),
    ("超过答复期限答复（件）", lambda _, s: s.late),
    ("按期答复率（%）", lambda _, s: s.rate),
    ("行政复议（件）", lambda t, _: t.table_c[0].values[4]),
    ("行政诉讼（件）", lambda t, _: t.table_c[1].values[4] + t.table_c[2].values[4]),
    ("复议、诉讼结果纠正（件）", lambda t, _: sum(r.values[1] for r in t.table_c)),
    ("本年制发行政规范性文件（件）", lambda t, _: _normative_issued(t)),
)


@dataclass(frozen=True)
class Comparison:
    label: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> str:
        if self.previous is None or self.current is None:
            return "—"
        delta = round(self.current - self.previous, 1)
        return f"{delta:+g}" if delta else "持平"

    @property
    def ratio(self) -> str:
        """The relative change, shown for counts only (a rate's change is already in points)."""
        if "%" in self.label or not self.previous or self.current is None:
            return "—"
        return f"{100 * (self.current - self.previous) / self.previous:+.1f}%"

    def as_json(self) -> dict:
        return {"label": self.label, "previous": self.previous, "current": self.current, "change": self.change,
                "ratio": self.ratio}


def compare(current: Tables, current_time: Timeliness, previous: Tables, previous_time: Timeliness
            ) -> tuple[Comparison, ...]:
    return tuple(Comparison(label, value(previous, previous_time), value(current, current_time))
                 for label, value in KEY_FIGURES)


@dataclass(frozen=True)
class BodyFigures:
    """One body's line in a roll-up's per-body table."""

    code: str
    name: str
    new: int
    carried_in: int
    decided: int
    carried_out: int
    late: int
    reconsideration_corrected: int
    litigation_corrected: int

    @classmethod
    def of(cls, code: str, name: str, t: Tables, timeliness: Timeliness) -> BodyFigures:
        return cls(code, name, t.b(B_ROWS[0].label)[-1], t.b(B_ROWS[1].label)[-1], t.b("（七）总计")[-1],
                   t.b(B_ROWS[-1].label)[-1], timeliness.late, t.table_c[0].values[1],
                   t.table_c[1].values[1] + t.table_c[2].values[1])

    def as_json(self) -> dict:
        return dict(vars(self))


BODY_COLUMNS = ("机关", "本年新收", "上年结转", "本年办结", "结转下年度", "超期答复", "复议纠正", "诉讼纠正")


@dataclass(frozen=True)
class Issuer:
    """Who issues the report and how the public reaches it: the opening paragraph and the closing block."""

    name: str
    date: dt.date
    website: str | None  # the site's name and address, from mkdocs.yml
    contact: dict  # agencies.yaml `contact` of the issuing body (may be empty)


def opening(issuer: Issuer, year: int) -> str:
    text = ("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
            f"（国办公开办函〔2021〕30号）编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    if issuer.website:
        text += f"本报告电子版可在{issuer.website}查阅或下载。"
    c = issuer.contact
    details = "；".join(f"{name}：{c[key]}" for key, name in (("address", "地址"), ("postcode", "邮编"),
                                                            ("phone", "电话"), ("email", "电子邮箱")) if c.get(key))
    if details:
        text += f"如对本报告有疑问，请与{c.get('office') or issuer.name}联系（{details}）。"
    return text


@dataclass(frozen=True)
class Report:
    """One agency's report for one year (or a government's roll-up of several)."""

    agency: str
    agency_name: str
    year: int
    title: str
    includes: tuple[str, ...]  # the agencies summed in with it (empty for its own report)
    scope: str  # a roll-up's sentence naming the bodies it sums; empty for a body's own report
    tables: Tables
    sections: dict[str, str]  # section number → the office's Markdown
    fees: FeeSummary  # printed in 六 before the office's text
    timeliness: Timeliness
    comparison: tuple[Comparison, ...]  # the key figures beside last year's
    bodies: tuple[BodyFigures, ...]  # a roll-up's per-body lines, the lead body first
    issuer: Issuer
    state: str
    state_name: str
    final: bool  # 已审核 or 已公布: no 草稿 mark
    failures: tuple[str, ...]  # identities that do not hold, each naming its cell
    mark: str | None = None  # 培训 on a training database's papers
    proactive: ProactiveTimeliness = ProactiveTimeliness(0, 0, 0)

    def as_json(self) -> dict:
        return {"agency": self.agency, "agency_name": self.agency_name, "year": self.year, "title": self.title,
                "includes": list(self.includes), "scope": self.scope, "state": self.state_name,
                "draft": not self.final, "opening": opening(self.issuer, self.year), **self.tables.as_json(),
                "sections": {n: {"title": t, "text": self.sections.get(n, "")} for n, t in SECTIONS
                             if n in NARRATIVE},
                "fees": {"paid_count": self.fees.paid_count, "paid_amount": self.fees.paid_amount,
                         "waived_count": self.fees.waived_count, "statement": fee_paragraph(self.fees)},
                "timeliness": {**self.timeliness.as_json(), "statement": self.timeliness.sentence(self.year)},
                "proactive_timeliness": {**self.proactive.as_json(),
                                         "statement": self.proactive.sentence(self.year)},
                "comparison": {"previous_year": self.year - 1, "rows": [c.as_json() for c in self.comparison]},
                "bodies": [b.as_json() for b in self.bodies],
                "issuer": {"name": self.issuer.name, "date": self.issuer.date},
                "monthly": list(self.tables.monthly), "identity_failures": list(self.failures)}


def outcome_totals(t: Tables) -> list[tuple[str, int]]:
    """(outcome, requests decided that way) for the year: the chart's second panel."""
    totals = dict.fromkeys(outcomes.KINDS, 0)
    for spec, row in zip(B_ROWS, t.table_b):
        if isinstance(spec.key, tuple):
            totals[spec.key[0]] += row.values[-1]
    return list(totals.items())
