"""Stored 保密审查: a review per item, its steps in order, each step also an
event in the system audit chain. The rules are in `core.review`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import audit, catalogue, letters, requests, review
from .authenticity import text_hash
from .config import catalogs_dir
from .db import write_transaction
from .errors import InvalidInput, NotFound
from .gazette import store
from .models import Review, ReviewStep
from .users import UserInfo


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

    def as_json(self) -> dict:
        return {"id": self.id, "subject_kind": self.subject_kind, "subject_ref": self.subject_ref,
                "title": self.title, "state": self.state, "state_name": self.state_name,
                "waiting_for": self.waiting_for, "letter_no": self.letter_no, "steps": list(self.steps)}


def _steps(review_id: int) -> list[ReviewStep]:
    return list(ReviewStep.select().where(ReviewStep.review == review_id).order_by(ReviewStep.seq))


def _rule_steps(rows: list[ReviewStep]) -> list[review.Step]:
    return [review.Step(s.kind, s.login, s.role, s.judgement, s.content_hash) for s in rows]


def view(review_id: int) -> ReviewView:
    row = Review.get_or_none(Review.id == review_id)
    if row is None:
        raise NotFound(f"审查 {review_id} 不存在")
    rows = _steps(row.id)
    return ReviewView(row.id, row.subject_kind, row.subject_ref, row.title, row.state,
                      review.STATE_NAMES[row.state], review.WAITING_FOR.get(row.state), row.letter_no,
                      tuple({"seq": s.seq, "kind": s.kind, "login": s.login, "role": s.role, "opinion": s.opinion,
                             "judgement": s.judgement, "at": s.at} for s in rows))


def create(kind: str, ref: str, title: str, text: str, source: str | None = None, form: str | None = None,
           scope: str | None = None) -> ReviewView:
    with write_transaction():
        row = Review.create(subject_kind=kind, subject_ref=ref, title=title, source=source, form=form, scope=scope,
                            content_hash=text_hash(text), state=review.DRAFTING)
    return view(row.id)


def queue(actor: UserInfo) -> list[ReviewView]:
    """Reviews waiting for a role the actor holds and not already signed by them."""
    waiting = [state for state, role in review.WAITING_FOR.items() if role in actor.roles]
    result = []
    for row in Review.select().where(Review.state.in_(waiting)).order_by(Review.id):
        signed = {s.login for s in review.signatures(_rule_steps(_steps(row.id)))}
        if actor.login not in signed:
            result.append(view(row.id))
    return result


def all_reviews() -> list[ReviewView]:
    return [view(r.id) for r in Review.select(Review.id).order_by(Review.id)]


def void_if_changed(review_id: int, actor: UserInfo, current: str) -> bool:
    """Its own transaction: a voiding stands even when the action that found it is refused."""
    with write_transaction():
        row = Review.get_or_none(Review.id == review_id)
        if row is None:
            raise NotFound(f"审查 {review_id} 不存在")
        rows = _steps(row.id)
        if not review.stale(_rule_steps(rows), current):
            return False
        ReviewStep.create(review=row, seq=len(rows) + 1, kind="void", login=actor.login,
                          opinion="审查后文本已修改，原签署作废", content_hash=current,
                          at=dt.datetime.now().replace(microsecond=0))
        Review.update(state=review.DRAFTING, content_hash=current, version=row.version + 1).where(
            Review.id == row.id).execute()
        audit.system_event(actor.login, "review_void", {"review": row.id, "content_hash": current})
    return True


def act(review_id: int, action: str, actor: UserInfo, current_text: str, *, opinion: str | None = None,
        judgement: str | None = None, letter_no: str | None = None, approve: bool | None = None) -> ReviewView:
    """One step in one transaction, after any voiding the text change calls for."""
    current = text_hash(current_text)
    void_if_changed(review_id, actor, current)
    with write_transaction():
        row = Review.get_by_id(review_id)
        rows = _steps(row.id)
        steps = _rule_steps(rows)
        now = dt.datetime.now().replace(microsecond=0)
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
                          opinion=opinion, judgement=step.judgement, content_hash=current, at=now)
        Review.update(state=outcome.state, letter_no=letter_no or row.letter_no, content_hash=current,
                      version=row.version + 1).where(Review.id == row.id).execute()
        audit.system_event(actor.login, f"review_{step.kind}",
                           {"review": row.id, "subject": f"{row.subject_kind}:{row.subject_ref}",
                            "state": outcome.state, "letter_no": letter_no, "opinion": opinion})
    return view(review_id)


def subject(kind: str, ref: str, today: dt.date) -> tuple[str, str]:
    """(title, current text) of what a review is about, read fresh each time so
    that an edit is noticed."""
    if kind == "catalogue":
        entry = next((e for e in catalogue.load_all() if e.index_no == ref), None)
        if entry is None:
            raise NotFound(f"目录条目 {ref} 不存在")
        return entry.title, entry.body
    if kind == "gazette":
        path = catalogs_dir() / "gazette" / ref
        if not path.is_file():
            raise NotFound(f"公报文件 {ref} 不存在（应为 YYYY-MM/NN.md）")
        doc = store.read_document(path)
        return doc.title, doc.body
    if kind == "reply":
        view = requests.get(ref, today)
        letter = letters.compose(view, "答复", today)
        return f"{letter.title}（{view.number}）", letter.as_text()
    raise InvalidInput("kind", "审查对象应为 catalogue / gazette / reply 之一")
