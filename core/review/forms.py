"""The paper of a 保密审查: the 《机关单位信息发布保密审查表》 and the 送审函 to the
secrecy bureau, as printable text and as Word documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from core.calendar import regimes
from core.chinese import rjust
from core.errors import IllegalTransition
from core.requests.letters import Letter
from core.review import store as reviews
from core.review.rules import CLERK, LEADER, OFFICE_DIRECTOR, SIGNED_BY, STATE_NAMES
from core.store import settings

SHEET_TITLE = "机关单位信息发布保密审查表"
# The three opinion boxes of the sheet, in signing order.
OPINION_LABELS = {CLERK: "承办人意见", OFFICE_DIRECTOR: "办公室主任审查意见", LEADER: "分管领导批准意见"}


@dataclass(frozen=True)
class Sheet:
    title: str
    rows: tuple[tuple[str, str], ...]
    mark: str | None = None  # 培训, or 单机模式 on a workstation's SQLite file

    def as_text(self) -> str:
        label_width = max(len(label) for label, _ in self.rows) * 2
        lines = ([f"【{self.mark}】"] if self.mark else []) + [self.title, ""]
        for label, value in self.rows:
            first, *rest = value.split("\n") if value else [""]
            lines.append(f"{rjust(label, label_width)}：{first}")
            lines += [" " * (label_width + 2) + line for line in rest]
        return "\n".join(lines) + "\n"

    def save_docx(self, path: Path) -> None:
        from core import word  # python-docx only for the commands that write Word (start-up of every other command)

        doc = word.new_document(self.mark, title=self.title)
        word.title(doc, self.title)
        word.table(doc, [list(row) for row in self.rows], [4.0, 11.6])
        word.save(doc, path)


def sheet(review_id: int) -> Sheet:
    """The 审查表 as the review stands: the signatures since the last return or voiding."""
    row = reviews.row_of(review_id)
    data = reviews.record(review_id)
    signed = {s["环节"]: s for s in data[SIGNED_BY]}
    rows = [("审查编号", str(row.id)), ("信息名称", row.title), ("信息来源", row.source or ""),
            ("拟公开形式", row.form or ""), ("公开范围", row.scope or ""), ("内容校验值", row.content_hash)]
    for role, label in OPINION_LABELS.items():
        s = signed.get(role)
        rows.append((label, "" if s is None else "\n".join(filter(None, (
            s["意见"], f"判断：{s['判断']}" if s.get("判断") else "", f"签名：{s['姓名']}　{s['时间']}")))))
    letter = data.get("送审函")
    if letter:
        answer = f"\n保密部门意见：{letter['结论']}。{letter['意见']}" if letter.get("结论") else "\n保密部门尚未答复"
        rows.append(("送审情况", f"送审函 {letter['编号']}（{letter['日期']}）" + answer))
    rows.append(("审查结论", STATE_NAMES[row.state]))
    return Sheet(SHEET_TITLE, tuple(rows), settings.document_mark(review_form=True))


def escalation_letter(review_id: int) -> Letter:
    """The 送审函 sent with the sheet when an item's secrecy is disputed or unclear."""
    row = reviews.row_of(review_id)
    letter = reviews.record(review_id).get("送审函")
    if not letter:
        raise IllegalTransition(f"审查 {review_id} 尚未送保密部门审查，没有送审函")
    rule = regimes.load().get(None).secrecy_review
    return Letter("送审函", rule.letter_title, letter["编号"], (
        f"{rule.bureau}：",
        f"我单位拟以“{row.form}”形式向{row.scope}公开的“{row.title}”，是否涉及国家秘密存在争议或不明确。"
        f"根据{rule.basis}，现将该信息及《{SHEET_TITLE}》送请审查，请予审定并函复。",
        f"附件：{SHEET_TITLE}（审查编号 {row.id}）"), row.source or "", dt.date.fromisoformat(letter["日期"]),
        settings.document_mark())
