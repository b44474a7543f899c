"""The national classification of results (国办公开办函〔2021〕30号, table 三),
used by decisions, letters and the annual report alike. Labels are the
format's own, character for character."""

from __future__ import annotations

from core.errors import InvalidInput

DISCLOSED, PARTLY, WITHHELD, UNAVAILABLE, NOT_PROCESSED, OTHER = (
    "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")

REASONS: dict[str, tuple[str, ...]] = {
    DISCLOSED: (),
    PARTLY: (),
    WITHHELD: ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
               "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"),
    UNAVAILABLE: ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"),
    NOT_PROCESSED: ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                    "要求行政机关确认或重新出具已获取信息"),
    OTHER: ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"),
}
KINDS = tuple(REASONS)
NUMERALS = "一二三四五六七"
DISCLOSING = (DISCLOSED, PARTLY)

# Table 四's three groups (行政复议; 行政诉讼 未经复议直接起诉; 行政诉讼 复议后起诉) and their results.
CASE_KINDS = ("行政复议", "直接起诉", "复议后起诉")
CASE_RESULTS = ("维持", "纠正", "其他", "尚未审结")
CASE_PENDING = "尚未审结"


def check(kind: str | None, reason_code: int | None) -> tuple[str, int | None]:
    """A valid (outcome, reason number) pair, or an error naming the field."""
    if kind not in REASONS:
        raise InvalidInput("outcome", f"办理结果应为 {'、'.join(KINDS)} 之一")
    reasons = REASONS[kind]
    if not reasons:
        if reason_code is not None:
            raise InvalidInput("reason_code", f"“{kind}”不分理由，不应填写理由编号")
        return kind, None
    if reason_code is None or not 1 <= reason_code <= len(reasons):
        listed = "；".join(f"{i}.{r}" for i, r in enumerate(reasons, 1))
        raise InvalidInput("reason_code", f"“{kind}”须选择理由编号 1–{len(reasons)}：{listed}")
    return kind, reason_code


def describe(kind: str | None, reason_code: int | None) -> str:
    if kind is None:
        return ""
    if reason_code is None:
        return kind
    return f"{kind}（{reason_code}.{REASONS[kind][reason_code - 1]}）"
