"""Stored 保密审查: a review per item, its steps in order, each step also an
event in the system audit chain. The rules are in `core.review`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from core.chinese import plain
from core.errors import IllegalTransition, InvalidInput, NotFound
from core.organisation import agencies, users
from core.organisation.roles import UserInfo, require_agency
from core.publish import catalogue
from core.publish.authenticity import text_hash
from core.publish.gazette import store
from core.report import files as report_files
from core.requests import letters
from core.requests import service as requests
from core.review import rules as review
from core.store import audit
from core.store.db import write_transaction
from core.store.models import Review, ReviewStep


@dataclass(frozen=True)
class ReviewView:
    id: int
    subject_kind: str
    subject_ref: str
    title: str
    state: str
    state_name: str
    waiting_for: str | None
    letter_no: str | None
    steps: tuple[dict, ...]
    returned_to: str | None = None  # the drafter whose opinion a reviewer sent back

    @property
    def return_reason(self) -> str | None:
        return self.steps[-1]["opinion"] if self.returned_to else None

    def as_json(self) -> dict:
        return {"id": self.id, "subject_kind": self.subject_kind, "subject_ref": self.subject_ref,
                "title": self.title, "state": self.state, "state_name": self.state_name,
                "waiting_for": self.waiting_for, "letter_no": self.letter_no, "steps": list(self.steps),
                "returned_to": self.returned_to}


def _steps(review_id: int) -> list[ReviewStep]:
    return list(ReviewStep.select().where(ReviewStep.review == review_id).order_by(ReviewStep.seq))


def _rule_steps(rows: list[ReviewStep]) -> list[review.Step]:
    return [review.Step(s.kind, s.login, s.role, s.judgement, s.content_hash) for s in rows]


def row_of(review_id: int) -> Review:
    row = Review.get_or_none(Review.id == review_id)
    if row is None:
        raise NotFound(f"审查 {review_id} 不存在")
    return row


def _steps_of(reviews) -> dict[int, list[ReviewStep]]:
    """The steps of many reviews (ids, or a query of them) in one query: a queue of hundreds is one
    round trip, not hundreds. A review without steps has an empty list."""
    found: dict[int, list[ReviewStep]] = defaultdict(list)
    for step in ReviewStep.select().where(ReviewStep.review.in_(reviews)).order_by(ReviewStep.review,
                                                                                   ReviewStep.seq):
        found[step.review_id].append(step)
    return found


def view(review_id: int) -> ReviewView:
    row = row_of(review_id)
    return _view(row, _steps(row.id))


def _view(row: Review, rows: list[ReviewStep]) -> ReviewView:
    return ReviewView(row.id, row.subject_kind, row.subject_ref, row.title, row.state,
                      review.STATE_NAMES[row.state], review.WAITING_FOR.get(row.state), row.letter_no,
                      tuple({"seq": s.seq, "kind": s.kind, "login": s.login, "role": s.role, "opinion": s.opinion,
                             "judgement": s.judgement, "at": s.at} for s in rows),
                      review.returned_to(_rule_steps(rows)))


def create(kind: str, ref: str, actor: UserInfo, today: dt.date) -> ReviewView:
    """Open the 审查表 of one item; an item has at most one review under way or passed."""
    about = subject(kind, ref, today)
    if about.agency:
        require_agency(actor, about.agency, "审查")
    with write_transaction():
        existing = Review.get_or_none(Review.subject_kind == kind, Review.subject_ref == ref,
                                      Review.state != review.REFUSED)
        if existing is not None:
            raise IllegalTransition(f"{ref} 已有保密审查 {existing.id}（{review.STATE_NAMES[existing.state]}）")
        row = Review.create(subject_kind=kind, subject_ref=ref, title=about.title, source=about.source,
                            form=about.form, scope=about.scope, content_hash=text_hash(about.text),
                            state=review.DRAFTING)
        audit.system_event(actor.login, "review_new", {"review": row.id, "subject": f"{kind}:{ref}"})
    _store_record(row.id)
    return view(row.id)


def queue(actor: UserInfo, agency: str | None = None) -> list[ReviewView]:
    """Reviews waiting for a role the actor holds and not already signed by them; an opinion
    sent back waits for its drafter alone. With `agency`, only that agency's replies and
    entries (their refs start with its code)."""
    waiting = [state for state, role in review.WAITING_FOR.items() if role in actor.roles]
    query = Review.select().where(Review.state.in_(waiting))
    if agency:
        query = query.where((Review.subject_kind == "gazette") | Review.subject_ref.startswith(agency + "-")
                            | Review.subject_ref.startswith(agency + "/"))
    rows = list(query.order_by(Review.id))
    stored = _steps_of(query.select(Review.id))
    result = []
    for row in rows:
        steps = _rule_steps(stored[row.id])
        signed = {s.login for s in review.signatures(steps)}
        if actor.login not in signed and review.returned_to(steps) in (None, actor.login):
            result.append(_view(row, stored[row.id]))
    return result


def latest_steps(kind: str) -> dict[str, list[review.Step]]:
    """Each item's latest review of this kind, as its stored steps: what the site decides by
    (steps are insert-only and, on PostgreSQL, checked by the database as they are signed)."""
    latest = {}
    for row in Review.select(Review.id, Review.subject_ref).where(Review.subject_kind == kind).order_by(Review.id):
        latest[row.subject_ref] = row.id
    stored = _steps_of(list(latest.values()))
    return {ref: _rule_steps(stored[review_id]) for ref, review_id in latest.items()}


def for_subject(kind: str, ref: str) -> ReviewView | None:
    """The item's latest review, if it has one."""
    row = Review.select(Review.id).where(Review.subject_kind == kind, Review.subject_ref == ref).order_by(
        Review.id.desc()).first()
    return view(row.id) if row else None


def all_reviews() -> list[ReviewView]:
    rows = list(Review.select().order_by(Review.id))
    stored = _steps_of(Review.select(Review.id))
    return [_view(row, stored[row.id]) for row in rows]


def _signed_at(today: dt.date) -> dt.datetime:
    """The date on the 审查表 is the officer's working day (a training database runs on
    GONGKAI_TODAY); the audit chain keeps the machine's clock."""
    return dt.datetime.combine(today, dt.datetime.now().time().replace(microsecond=0))


def void_if_changed(review_id: int, actor: UserInfo, current: str, today: dt.date) -> bool:
    """Its own transaction: a voiding stands even when the action that found it is refused."""
    with write_transaction():
        row = row_of(review_id)
        rows = _steps(row.id)
        if not review.stale(_rule_steps(rows), current):
            return False
        ReviewStep.create(review=row, seq=len(rows) + 1, kind="void", login=actor.login,
                          opinion="审查后文本已修改，原签署作废", content_hash=current, at=_signed_at(today))
        Review.update(state=review.DRAFTING, content_hash=current, version=row.version + 1).where(
            Review.id == row.id).execute()
        audit.system_event(actor.login, "review_void", {"review": row.id, "content_hash": current})
    return True


def act(review_id: int, action: str, actor: UserInfo, today: dt.date, *, opinion: str | None = None,
        judgement: str | None = None, letter_no: str | None = None, approve: bool | None = None) -> ReviewView:
    """One step in one transaction, after any voiding the text change calls for;
    the item's file then carries the review as it now stands."""
    opinion = plain("reason" if action == "return" else "opinion", opinion)
    letter_no = plain("letter_no", letter_no, 64)
    current_view = view(review_id)
    about = subject(current_view.subject_kind, current_view.subject_ref, today)
    if about.agency:
        require_agency(actor, about.agency, "审查")
    current = text_hash(about.text)
    if void_if_changed(review_id, actor, current, today):
        _store_record(review_id)
    with write_transaction():
        row = Review.get_by_id(review_id)
        rows = _steps(row.id)
        steps = _rule_steps(rows)
        if action == "sign":
            outcome = review.sign(steps, actor, current, judgement)
        elif action == "return":
            if not opinion:
                raise InvalidInput("reason", "请说明退回的理由")
            outcome = review.return_to_drafter(steps, actor, current)
        elif action == "escalate":
            if not letter_no:
                raise InvalidInput("letter_no", "请填写《保密审查送审函》编号")
            outcome = review.escalate(steps, actor, current)
        elif action == "answer":
            if not opinion:
                raise InvalidInput("reason", "请登记保密部门的审查意见")
            outcome = review.answer(steps, actor, current, bool(approve))
        else:
            raise InvalidInput("action", f"未知审查操作 {action!r}")
        step = outcome.step
        ReviewStep.create(review=row, seq=len(rows) + 1, kind=step.kind, login=step.login, role=step.role,
                          opinion=opinion, judgement=step.judgement, content_hash=current, at=_signed_at(today))
        Review.update(state=outcome.state, letter_no=letter_no or row.letter_no, content_hash=current,
                      version=row.version + 1).where(Review.id == row.id).execute()
        audit.system_event(actor.login, f"review_{step.kind}",
                           {"review": row.id, "subject": f"{row.subject_kind}:{row.subject_ref}",
                            "state": outcome.state, "letter_no": letter_no, "opinion": opinion})
    _store_record(review_id)
    return view(review_id)


@dataclass(frozen=True)
class Subject:
    """What a review is about, with the 审查表's fields for it."""

    title: str  # 信息名称
    text: str
    source: str  # 信息来源
    form: str  # 拟公开形式
    scope: str  # 公开范围
    agency: str | None = None  # whose item it is (the gazette is the government's own)


def subject(kind: str, ref: str, today: dt.date) -> Subject:
    """The item as it stands now, read fresh each time so that an edit is noticed."""
    if kind == "catalogue":
        entry = catalogue.find(ref)
        return Subject(entry.title, entry.body, agencies.name_of(entry.agency), "政府网站主动公开", "社会公众",
                       entry.agency)
    if kind == "gazette":
        doc = store.find_document(ref)
        return Subject(doc.title, doc.body, "、".join(doc.meta.get("issuers") or []) or "政府公报",
                       "政府公报、政府网站", "社会公众")
    if kind == "reply":
        request = requests.get(ref, today)
        letter = letters.compose(request, "答复", today)
        return Subject(f"{letter.title}（{request.number}）", letter.as_text(), agencies.name_of(request.agency),
                       "答复书" + (f"（{request.form_wanted}）" if request.form_wanted else ""), "申请人",
                       request.agency)
    if kind == "report":
        path = report_file(ref)
        if not path.is_file():
            raise NotFound(f"年度报告 {ref} 尚未公布（report publish 写出公布稿后再送审）")
        agency, year = ref.split("/", 1)
        return Subject(f"{agencies.name_of(agency)}{year}年政府信息公开工作年度报告", path.read_text(encoding="utf-8"),
                       agencies.name_of(agency), "政府网站年度报告栏目", "社会公众", agency)
    raise InvalidInput("kind", "审查对象应为 catalogue / gazette / reply / report 之一")


def report_file(ref: str) -> Path:
    """The published copy a report's review is of: `CODE/YYYY` → catalogs/reports/YYYY/CODE.md."""
    agency, _, year = (ref or "").partition("/")
    if not (agency and year.isdigit()):
        raise InvalidInput("report", f"年度报告应写作 机构代码/年度，如 YXSZFB/2025，收到 {ref!r}")
    return report_files.reports_dir() / year / f"{agency}.md"


def record(review_id: int) -> dict:
    """The review in the form its item's file carries (field names of the 审查表)."""
    row = row_of(review_id)
    rows = _steps(row.id)
    standing = {id(s) for s in _standing_rows(rows)}
    names = {}

    def name(login: str) -> str:
        if login not in names:
            found = users.get(login)
            names[login] = found.name if found else login
        return names[login]

    data = {"审查编号": row.id, "信息名称": row.title, "内容校验值": row.content_hash,
            "状态": review.STATE_NAMES[row.state],
            review.SIGNED_BY: [{"环节": s.role, "账号": s.login, "姓名": name(s.login), "意见": s.opinion or "",
                                **({"判断": s.judgement} if s.judgement else {}),
                                "时间": s.at.strftime("%Y-%m-%d %H:%M")} for s in rows
                                if id(s) in standing and s.kind == "sign"]}
    escalated = next((s for s in reversed(rows) if s.kind == "escalate"), None)
    if escalated is not None and id(escalated) in standing:
        letter = {"编号": row.letter_no, "日期": escalated.at.date().isoformat(), "经办人": name(escalated.login)}
        answer = next((s for s in rows if s.kind == "answer" and s.seq > escalated.seq), None)
        if answer is not None:
            letter.update({"结论": review.BUREAU_APPROVES if answer.judgement == "不涉密" else review.BUREAU_REFUSES,
                           "意见": answer.opinion or "", "登记日期": answer.at.date().isoformat()})
        data["送审函"] = letter
    return data


def _standing_rows(rows: list[ReviewStep]) -> list[ReviewStep]:
    """Steps since the last return or voiding: the chain the record shows."""
    last_reset = max((i for i, s in enumerate(rows) if s.kind in ("return", "void")), default=-1)
    return rows[last_reset + 1:]


def _store_record(review_id: int) -> None:
    row = Review.get_by_id(review_id)
    if row.subject_kind == "catalogue":
        catalogue.set_review(row.subject_ref, record(review_id))
    elif row.subject_kind == "gazette":
        store.set_review(row.subject_ref, record(review_id))
