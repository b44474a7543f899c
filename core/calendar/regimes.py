"""Reply-window regimes: the rules that differ between jurisdictions, read
from catalogs/regimes.yaml."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from core import files, home, yamlfile
from core.errors import InvalidInput
from core.organisation.roles import ROLES

CLOCK_STARTS = {"accepted": "受理", "received": "收到申请"}
PAUSES = {"suspension": "中止", "consultation": "征求意见", "fee": "等待缴费"}
_LEVELS = ("city", "department", "county")
# What a milestone expects of each concerned agency's annual report by its date.
REPORT_STATES = ("已报送", "已审核", "已公布")


@dataclass(frozen=True)
class Milestone:
    month: int
    day: int
    who: str
    what: str
    levels: tuple[str, ...]
    expects: str  # the report state each concerned agency must have reached by then

    def date_for(self, report_year: int) -> dt.date:
        """Milestones fall in the year after the year reported on."""
        return dt.date(report_year + 1, self.month, self.day)


@dataclass(frozen=True)
class SecrecyReview:
    """Where a disputed item goes for its 保密审查 and under which form."""

    letter_title: str  # the 送审函's name
    bureau: str  # 同级保密工作部门
    basis: str


@dataclass(frozen=True)
class Proactive:
    """主动公开 windows in working days: from forming (publish) and from a change (update)."""

    publish_days: int
    update_days: int
    basis: str


DAYS_COUNTED = ("工作日", "自然日")


@dataclass(frozen=True)
class ComplaintWindow:
    reply_days: int
    counted: str  # 工作日 / 自然日
    basis: str


# The measures a regime's 考核 may weigh (core.oversight.scorecard computes each); a rate earns its
# weight times the share done right, a deduction loses `deduct` points per case down to nothing.
ASSESSED_MEASURES = {
    "reply_on_time": "依申请公开按时答复",
    "proactive_on_time": "主动公开按时发布和更新",
    "cases_not_corrected": "复议诉讼未被纠正",
    "complaints_founded": "举报投诉查实",
    "report_milestones": "年度报告按时报送公布",
}
GRADES = ("优秀", "良好", "一般")  # 考核制度第八条; below the last threshold, 差
LOWEST_GRADE = "差"


@dataclass(frozen=True)
class Weighed:
    measure: str
    weight: float
    deduct: float | None = None  # points lost per case (a deduction measure), else a rate


@dataclass(frozen=True)
class Assessment:
    basis: str
    measures: tuple[Weighed, ...]
    grades: tuple[tuple[str, float], ...]  # (grade, lowest score), best first

    def grade(self, score: float) -> str:
        return next((name for name, lowest in self.grades if score >= lowest), LOWEST_GRADE)


@dataclass(frozen=True)
class Inspection:
    catalogue_months: int
    basis: str


@dataclass(frozen=True)
class Regime:
    code: str
    name: str
    basis: str
    reply_days: int
    clock_starts: str
    extension_max_days: int
    extension_approver: str
    paused_by: tuple[str, ...]
    correction_restarts: bool
    correction_notice_within: int | None
    third_party_reply_days: int | None
    fee_payment_days: int | None
    receipt: tuple[tuple[str, str], ...]
    annual_report: tuple[Milestone, ...]
    secrecy_review: SecrecyReview
    notice_basis: tuple[tuple[str, str], ...] = ()
    personal_data_years: int | None = None  # years after the decision the applicant's personal data is kept
    personal_data_basis: str | None = None
    proactive: Proactive | None = None
    complaint: ComplaintWindow | None = None
    assessment: Assessment | None = None
    inspection: Inspection | None = None
    floor_code: str | None = None
    floor: Regime | None = None  # resolved from floor_code when the file is loaded

    def inherited(self, name: str):
        """This regime's own setting, or the higher law's where this one is silent."""
        value = getattr(self, name)
        if value in (None, ()) and self.floor is not None:
            return self.floor.inherited(name)
        return value

    def receipt_rule(self, channel: str) -> str | None:
        return dict(self.inherited("receipt")).get(channel)

    def notice_citation(self, kind: str) -> str | None:
        """The article a written notice of `kind` (延期, 中止, 恢复) cites under this regime."""
        return dict(self.notice_basis).get(kind) or (self.floor.notice_citation(kind) if self.floor else None)

    def proactive_days(self, kind: str) -> int | None:
        """The 主动公开 window of `kind` (publish / update): the earliest of this regime's and
        every higher law's, since each binds."""
        days = [getattr(r.proactive, f"{kind}_days") for r in self.chain if r.proactive]
        return min(days) if days else None

    def proactive_basis(self) -> str:
        return "；".join(r.proactive.basis for r in self.chain if r.proactive)

    # Cached: a deadline asks for both on every computation, and a regime never changes once loaded.
    @cached_property
    def uncounted(self) -> tuple[str, ...]:
        """Periods not counted: this regime's own and every higher law's."""
        floor = self.floor.uncounted if self.floor else ()
        return tuple(dict.fromkeys(self.paused_by + floor))

    @cached_property
    def chain(self) -> tuple[Regime, ...]:
        """This regime and the higher laws it applies together with, nearest first."""
        return (self,) + (self.floor.chain if self.floor else ())


@dataclass(frozen=True)
class Regimes:
    default: str
    by_code: dict[str, Regime]
    by_level: dict[str, str] = field(default_factory=dict)  # agency level → the regime its bodies follow

    def get(self, code: str | None) -> Regime:
        code = code or self.default
        if code not in self.by_code:
            raise InvalidInput("regime", f"未知期限制度 {code!r}，应为 {' / '.join(self.by_code)} 之一")
        return self.by_code[code]

    def for_agency(self, level: str | None, own: str | None = None) -> Regime:
        """The regime a body's requests follow: its own (agencies.yaml `regime`), else its level's,
        else the default."""
        return self.get(own or self.by_level.get(level or "") or None)

    def overseeing(self, regime: Regime, name: str):
        """The `assessment` or `inspection` a body of `regime` is held to: its regime's own, else the
        default regime's — the city's 考核 and 监督检查 cover every body of the city (考核制度第四条)."""
        return regime.inherited(name) or self.get(None).inherited(name)


def catalog_path() -> Path:
    return home.catalogs() / "regimes.yaml"


def load(path: Path | None = None) -> Regimes:
    """The regimes in force; parsed once per change of the file (every
    deadline and every request view asks for them)."""
    path = path or catalog_path()
    return _load(path, files.stamp(path))


@lru_cache(maxsize=8)
def _load(path: Path, _stamp: int | None) -> Regimes:
    data, check = yamlfile.load_listing(path, "regimes", "应为期限制度列表")
    found: dict[str, Regime] = {}
    listed: set[str] = set()  # codes present even if their entry has problems
    for item in data["regimes"]:
        rec = check.mapping(item, data, "regimes")
        if rec is None:
            continue
        listed.add(str(rec.get("code")))
        regime = _regime(check, rec)
        if regime is None:
            continue
        if regime.code in found:
            check.add(rec, "code", f"期限制度 {regime.code} 重复")
        found[regime.code] = regime
    default = check.get(data, "default", str)
    if default is not None and default not in listed:
        check.add(data, "default", f"默认期限制度 {default!r} 未定义")
    by_level = check.get(data, "by_level", dict, required=False, default={}) or {}
    for level, code in by_level.items():
        if code not in listed:
            check.add(data, "by_level", f"{level} 级机构适用的期限制度 {code!r} 未定义")
    for item in data["regimes"]:
        code = item.get("code") if isinstance(item, dict) else None
        floor = found[code].floor_code if code in found else None
        seen = {code}
        while floor is not None:
            if floor not in found:
                check.add(item, "floor", f"上位制度 {floor!r} 未定义" if floor not in listed else
                          f"上位制度 {floor!r} 有错误")
                break
            if floor in seen:
                check.add(item, "floor", f"上位制度循环引用：{' → '.join([*seen, floor])}")
                break
            seen.add(floor)
            floor = found[floor].floor_code
    check.raise_if_any()
    return Regimes(default, _resolve_floors(found), {str(k): str(v) for k, v in by_level.items()})


def _resolve_floors(found: dict[str, Regime]) -> dict[str, Regime]:
    resolved: dict[str, Regime] = {}

    def resolve(code: str) -> Regime:
        if code not in resolved:
            regime = found[code]
            floor = resolve(regime.floor_code) if regime.floor_code else None
            resolved[code] = replace(regime, floor=floor)
        return resolved[code]

    return {code: resolve(code) for code in found}


NOTICE_KINDS = ("延期", "中止", "恢复")


def _notice_basis(check: yamlfile.Checker, rec: yamlfile.Located):
    notices = check.mapping(rec.get("notice_basis"), rec, "notice_basis") if "notice_basis" in rec else None
    for kind, citation in (notices or {}).items():
        if kind not in NOTICE_KINDS:
            check.add(notices, str(kind), f"告知书类型应为 {'、'.join(NOTICE_KINDS)} 之一")
        elif not isinstance(citation, str) or not citation.strip():
            check.add(notices, kind, "应为所依据的条款，如 《…》第六条（五）3")
        else:
            yield kind, citation.strip()


def _positive(check: yamlfile.Checker, rec: yamlfile.Located, field: str, required: bool = True) -> int | None:
    value = check.get(rec, field, int, required=required)
    if value is not None and value <= 0:
        check.add(rec, field, "应为正整数")
        return None
    return value


def _assessment(check: yamlfile.Checker, rec: yamlfile.Located) -> Assessment | None:
    data = check.mapping(rec.get("assessment"), rec, "assessment") if "assessment" in rec else None
    if data is None:
        return None
    measures = []
    for item in check.get(data, "measures", list) or []:
        m = check.mapping(item, data, "measures")
        if m is None:
            continue
        code = check.get(m, "measure", str)
        if code is not None and code not in ASSESSED_MEASURES:
            check.add(m, "measure", f"未知的考核指标 {code!r}，应为 {' / '.join(ASSESSED_MEASURES)} 之一")
        weight = check.get(m, "weight", float)
        if weight is not None and weight <= 0:
            check.add(m, "weight", "分值应为正数")
        deduct = check.get(m, "deduct", float, required=False)
        if deduct is not None and deduct <= 0:
            check.add(m, "deduct", "每件扣分应为正数")
        if code in {w.measure for w in measures}:
            check.add(m, "measure", f"考核指标 {code} 重复")
        measures.append(Weighed(code, weight, deduct))
    grades = check.mapping(data.get("grades"), data, "grades") or {}
    for name, lowest in grades.items():
        if name not in GRADES:
            check.add(grades, str(name), f"档次应为 {'、'.join(GRADES)} 之一（低于最低分数线为“{LOWEST_GRADE}”）")
        elif not isinstance(lowest, (int, float)) or isinstance(lowest, bool):
            check.add(grades, str(name), "应为该档次的最低分")
    ordered = tuple(sorted(((str(k), float(v)) for k, v in grades.items() if isinstance(v, (int, float))),
                           key=lambda g: -g[1]))
    if [g for g, _ in ordered] != [g for g in GRADES if g in dict(ordered)]:
        check.add(data, "grades", f"分数线应按 {'、'.join(GRADES)} 由高到低")
    return Assessment(check.get(data, "basis", str), tuple(measures), ordered)


def _regime(check: yamlfile.Checker, rec: yamlfile.Located) -> Regime | None:
    before = len(check.problems)
    code = check.get(rec, "code", str)
    clock = check.get(rec, "clock_starts", str)
    if clock is not None and clock not in CLOCK_STARTS:
        check.add(rec, "clock_starts", f"应为 {' / '.join(CLOCK_STARTS)} 之一")
    paused = tuple(check.get(rec, "paused_by", list, required=False, default=[]))
    for kind in paused:
        if kind not in PAUSES:
            check.add(rec, "paused_by", f"未知的停止计时情形 {kind!r}，应为 {' / '.join(PAUSES)} 之一")
    extension = check.mapping(rec.get("extension"), rec, "extension") or yamlfile.Located()
    approver = check.get(extension, "approver", str) if extension else None
    if approver is not None and approver not in ROLES:
        check.add(extension, "approver", f"审批角色 {approver!r} 应为 {'、'.join(ROLES)} 之一")
    correction = rec.get("correction") or yamlfile.Located()
    receipt = check.mapping(rec.get("receipt"), rec, "receipt") if "receipt" in rec else {}
    for channel, rule in (receipt or {}).items():
        # 条例第三十一条: receipt is the day of submission, of signing for the letter, or of confirmation.
        if not isinstance(rule, str) or not any(word in rule for word in ("提交", "签收", "确认")):
            check.add(receipt, str(channel), "收到日期规则应写明以提交、签收或确认之日为准")
    receipt = receipt or {}
    milestones = []
    for entry in check.get(rec, "annual_report", list, required=False, default=[]):
        m = check.mapping(entry, rec, "annual_report")
        if m is None:
            continue
        by = check.get(m, "by", str)
        try:
            month, day = (int(x) for x in (by or "").split("-"))
            dt.date(2000, month, day)
        except ValueError:
            check.add(m, "by", f"日期 {by!r} 应为 MM-DD")
            continue
        levels = tuple(check.get(m, "levels", list))
        if any(level not in _LEVELS for level in levels):
            check.add(m, "levels", f"级别应为 {' / '.join(_LEVELS)}")
        expects = check.get(m, "expects", str)
        if expects is not None and expects not in REPORT_STATES:
            check.add(m, "expects", f"应为 {' / '.join(REPORT_STATES)} 之一")
        milestones.append(Milestone(month, day, check.get(m, "who", str), check.get(m, "what", str), levels,
                                    expects))
    personal = check.mapping(rec.get("personal_data"), rec, "personal_data") if "personal_data" in rec else None
    proactive = check.mapping(rec.get("proactive"), rec, "proactive") if "proactive" in rec else None
    complaint = check.mapping(rec.get("complaint"), rec, "complaint") if "complaint" in rec else None
    if complaint is not None and check.get(complaint, "counted", str) not in (None, *DAYS_COUNTED):
        check.add(complaint, "counted", f"应为 {' / '.join(DAYS_COUNTED)} 之一")
    inspection = check.mapping(rec.get("inspection"), rec, "inspection") if "inspection" in rec else None
    secrecy = check.mapping(rec.get("secrecy_review"), rec, "secrecy_review") or yamlfile.Located()
    secrecy_review = SecrecyReview(*(check.get(secrecy, f, str) if secrecy else None
                                     for f in ("letter_title", "bureau", "basis")))
    regime = Regime(
        code=code,
        name=check.get(rec, "name", str),
        basis=check.get(rec, "basis", str),
        reply_days=_positive(check, rec, "reply_days"),
        clock_starts=clock,
        extension_max_days=_positive(check, extension, "max_days") if extension else None,
        extension_approver=approver,
        paused_by=paused,
        correction_restarts=bool(correction.get("restarts", False)),
        correction_notice_within=_positive(check, correction, "notice_within", required=False) if correction else None,
        third_party_reply_days=_positive(check, rec, "third_party_reply_days", required=False),
        fee_payment_days=_positive(check, rec, "fee_payment_days", required=False),
        receipt=tuple((str(k), str(v)) for k, v in receipt.items()),
        annual_report=tuple(sorted(milestones, key=lambda m: (m.month, m.day))),
        secrecy_review=secrecy_review,
        notice_basis=tuple(_notice_basis(check, rec)),
        personal_data_years=_positive(check, personal, "keep_years") if personal else None,
        personal_data_basis=check.get(personal, "basis", str) if personal else None,
        proactive=Proactive(_positive(check, proactive, "publish_days"), _positive(check, proactive, "update_days"),
                            check.get(proactive, "basis", str)) if proactive else None,
        complaint=ComplaintWindow(_positive(check, complaint, "reply_days"), complaint.get("counted"),
                                  check.get(complaint, "basis", str)) if complaint else None,
        assessment=_assessment(check, rec),
        inspection=Inspection(_positive(check, inspection, "catalogue_months"), check.get(inspection, "basis", str))
        if inspection else None,
        floor_code=check.get(rec, "floor", str, required=False),
    )
    return None if len(check.problems) > before else regime
