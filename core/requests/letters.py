"""告知书 and 答复书 filled from a request, from templates in catalogs/letters/
(one Markdown file per kind, with front matter), rendered as text or .docx."""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from core import files, home, yamlfile
from core.calendar import regimes
from core.chinese import rjust
from core.errors import DataFileError, IllegalTransition, InvalidInput, Problem
from core.organisation.agencies import primary_name
from core.requests import applicants, outcomes
from core.store import settings
from core.store.models import Agency

if TYPE_CHECKING:  # requests gates a reply on the letter's review, so it imports this module
    from core.requests.service import RequestView

KINDS = ("答复", "补正", "延期", "征求意见", "收费", "中止", "恢复")
# The event that makes each notice due (答复 follows the decision itself). 中止 and 恢复 are
# each notified in writing (seed 004 依申请公开制度第六条（五）4).
KIND_EVENTS = {"补正": "correct", "延期": "extend", "征求意见": "consult", "收费": "fee", "中止": "suspend",
               "恢复": "resume"}
FIELDS = ("applicant_name", "number", "received", "content", "outcome_sentence", "basis", "items", "period_days",
          "reason", "extension_days", "extended_due", "third_party_reply_days", "fee_basis", "fee_amount",
          "payment_days", "explanation", "published", "notice_date", "due", "you")
# 举报投诉 letters (core.oversight.complaints): two to the complainant, two to the body complained
# about — which never carry who complained (举报调查制度第八条).
COMPLAINT_KINDS = ("举报受理", "举报督办", "举报答复", "整改通知")
COMPLAINT_FIELDS = ("complainant", "number", "received", "accepted", "channel", "agency_name", "grounds", "content", "basis",
                    "due", "note", "finding", "follow_up", "follow_up_due", "follow_up_sentence")
# Who each letter of a complaint goes to: the body's letters may not name a field about the complainant.
TO_BODY = ("举报督办", "整改通知")


@dataclass(frozen=True)
class Template:
    kind: str
    title: str
    to: str
    body: str


@dataclass(frozen=True)
class Letter:
    kind: str
    title: str
    number: str
    paragraphs: tuple[str, ...]
    signer: str
    date: dt.date
    mark: str | None = None  # 培训 on a training database

    def as_text(self) -> str:
        lines = ([f"【{self.mark}】"] if self.mark else []) + [self.title, f"（{self.number}）", ""]
        lines += [p for para in self.paragraphs for p in (para, "")]
        lines += [rjust(self.signer, 60), rjust(cn_date(self.date), 60)]
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict:
        return {"kind": self.kind, "title": self.title, "number": self.number, "paragraphs": list(self.paragraphs),
                "signer": self.signer, "date": self.date, "mark": self.mark}

    def save_docx(self, path: Path) -> None:
        created = dt.datetime.combine(self.date, dt.time(), tzinfo=dt.timezone.utc)
        from core import word  # python-docx only for the commands that write Word (start-up of every other command)

        doc = word.new_document(self.mark, title=f"{self.title}（{self.number}）", author=self.signer, created=created)
        word.title(doc, self.title)
        word.paragraph(doc, f"（{self.number}）", indent=False, align="center")
        for i, para in enumerate(self.paragraphs):
            word.paragraph(doc, para, indent=i > 0 and not para.endswith("："))
        word.paragraph(doc, self.signer, indent=False, align="right")
        word.paragraph(doc, cn_date(self.date), indent=False, align="right")
        word.save(doc, path)


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _directory() -> Path:
    return home.catalogs() / "letters"


def load_template(kind: str) -> Template:
    """The template of one kind of letter, parsed once per change of its file."""
    if kind not in KINDS + COMPLAINT_KINDS:
        raise InvalidInput("kind", f"文书类型应为 {'、'.join(KINDS + COMPLAINT_KINDS)} 之一")
    path = _directory() / f"{kind}.md"
    return _template(kind, path, files.stamp(path))


def _fields_of(kind: str) -> tuple[str, ...]:
    if kind in TO_BODY:
        return tuple(f for f in COMPLAINT_FIELDS if f != "complainant")
    return COMPLAINT_FIELDS if kind in COMPLAINT_KINDS else FIELDS


def fill(template: Template, values: dict) -> tuple[str, ...]:
    """The template's paragraphs with `values` put in (a field without a value is left empty)."""
    filled = template.body.format_map({f: values.get(f, "") for f in _fields_of(template.kind)})
    return tuple(p.strip() for p in filled.split("\n\n") if p.strip())


@lru_cache(maxsize=32)
def _template(kind: str, path: Path, stamp: int | None) -> Template:
    name = yamlfile.display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError([Problem(name, None, None, "模板文件不存在")]) from None
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    if not match:
        raise DataFileError([Problem(name, 1, None, "模板应以 --- 包围的 YAML 头开始")])
    head = yamlfile.load_text(match.group(1), name)
    check = yamlfile.Checker(name)
    title = check.get(head, "title", str)
    to = check.get(head, "to", str)
    body = match.group(2).strip()
    offset = match.group(1).count("\n") + 4  # the two --- lines, the head, then the body
    allowed = _fields_of(kind)
    for number, line in enumerate(body.splitlines(), offset):
        for _, field, _, _ in string.Formatter().parse(line):
            if field and field not in allowed:
                check.add(None, field, f"未知的填充字段 {{{field}}}（可用：{'、'.join(allowed)}）", line=number)
    check.raise_if_any()
    return Template(kind, title, to, body)


def _basis(key: str, code: int | str | None = None) -> str:
    entry = _data("basis.yaml").get(key)
    return entry.get(code, "") if isinstance(entry, dict) else (entry or "")


def _sentence(outcome: str, form: str | None) -> str:
    entry = _data("sentences.yaml")[outcome]
    return entry[form] if isinstance(entry, dict) else entry


def _data(name: str):
    """One of the letters' data files, parsed once per change of the file (read, never changed)."""
    path = _directory() / name
    return _parsed(path, files.stamp(path))


@lru_cache(maxsize=8)
def _parsed(path: Path, stamp: int | None):
    return yamlfile.load(path)


def _latest(view: RequestView, action: str):
    return next((e for e in reversed(view.events) if e.action == action), None)


def default_kind(view: RequestView) -> str:
    if view.outcome:
        return "答复"
    notices = [e for e in view.events if e.action in KIND_EVENTS.values()]
    if not notices:
        raise IllegalTransition(f"申请 {view.number} 尚无需要出具的告知书（尚未作出决定）")
    return next(k for k, a in KIND_EVENTS.items() if a == notices[-1].action)


def compose(view: RequestView, kind: str | None, today: dt.date) -> Letter:
    kind = kind or default_kind(view)
    if kind not in KINDS:
        raise InvalidInput("kind", f"申请的文书类型应为 {'、'.join(KINDS)} 之一")
    template = load_template(kind)
    agency = Agency.get_by_id(view.agency)
    # A person is 您; a company or other organisation 贵单位.
    values = {"applicant_name": view.applicant_name, "number": view.number, "received": cn_date(view.received),
              "content": view.content, "you": "您" if view.applicant_type == applicants.NATURAL_PERSON else "贵单位"}
    date = today
    if kind == "答复":
        if not view.outcome:
            raise IllegalTransition(f"申请 {view.number} 尚未作出决定，不能出具答复书")
        reasons = outcomes.REASONS[view.outcome]
        reason = f"{view.reason_code}.{reasons[view.reason_code - 1]}" if view.reason_code else ""
        decided = _latest(view, "decide") or _latest(view, "decline") or _latest(view, "withdraw")
        data = decided.data if decided else {}
        redirect = data.get("redirect_to")
        # 予以公开 in its two forms: provided (条例第三十六条第（二）项) or already published (第（一）项).
        form = ("published" if data.get("published") else "attached") if view.outcome == outcomes.DISCLOSED else None
        explanation = (data.get("reason") or "").strip()
        if explanation and explanation[-1] not in "。！？":
            explanation += "。"
        values["outcome_sentence"] = _sentence(view.outcome, form).format(
            reason=reason, explanation=explanation, published=data.get("published", ""),
            redirect=f"负责公开该信息的机关为{redirect}，您可以向该机关申请。" if redirect else "")
        values["basis"] = _basis(view.outcome, form or view.reason_code)
        date = view.decided_on or today
    else:
        event = _latest(view, KIND_EVENTS[kind])
        if event is None:
            raise IllegalTransition(f"申请 {view.number} 没有“{kind}”的办理记录，不能出具该告知书")
        data, date = event.data, event.date
        values["basis"] = regimes.load().get(view.regime).notice_citation(kind) or _basis(kind)
        values["notice_date"] = cn_date(event.date)
        values["due"] = cn_date(view.deadline.final_due) if view.deadline.final_due else ""
        values["reason"] = data.get("reason", "")
        values["items"] = "\n".join(f"{i}. {item}" for i, item in enumerate(data.get("items", []), 1))
        values["period_days"] = data.get("period_days", "")
        values["extension_days"] = data.get("days", "")
        values["extended_due"] = cn_date(view.deadline.extended_due) if view.deadline.extended_due else ""
        values["third_party_reply_days"] = data.get("third_party_reply_days") or \
            regimes.load().get(view.regime).third_party_reply_days or 15
        values["fee_amount"] = data.get("amount", "")
        values["payment_days"] = data.get("payment_days") or 20
        values["fee_basis"] = (f"按件计收（本月第{data['nth_in_month']}件）" if "nth_in_month" in data
                               else f"按量计收（共{data.get('pages', '')}页）")
    return Letter(kind, template.title, view.number, fill(template, values), primary_name(agency.name), date,
                  settings.document_mark())
