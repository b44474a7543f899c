"""保密审查: the three-level sign-off before anything is released or published
(seed 004 保密审查制度第六条: 承办人拟定意见 → 办公室主任审查 → 分管领导批准).

The rules are pure functions over the chain of steps; `core.reviews` stores
them. 谁公开、谁审查、谁负责; 涉密的不公开、公开的不涉密."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import IllegalTransition, InvalidInput, PermissionDenied
from core.organisation.roles import CLERK, LEADER, OFFICE_DIRECTOR, SECRECY, UserInfo

SIGNING_ORDER = (CLERK, OFFICE_DIRECTOR, LEADER)
JUDGEMENTS = ("不涉密", "涉密", "不确定")
DRAFTING, REVIEWING, APPROVING, APPROVED, ESCALATED, REFUSED = (
    "drafting", "reviewing", "approving", "approved", "escalated", "refused")
STATE_NAMES = {DRAFTING: "待承办人拟定意见", REVIEWING: "待办公室主任审查", APPROVING: "待分管领导批准",
               APPROVED: "审查通过", ESCALATED: "已送保密部门审查", REFUSED: "不予公开"}
WAITING_FOR = {DRAFTING: CLERK, REVIEWING: OFFICE_DIRECTOR, APPROVING: LEADER}


@dataclass(frozen=True)
class Step:
    kind: str  # sign / return / escalate / answer / void
    login: str
    role: str | None = None
    judgement: str | None = None
    content_hash: str = ""


@dataclass(frozen=True)
class Outcome:
    state: str
    step: Step


def signatures(steps: list[Step]) -> list[Step]:
    """The signatures still standing: a return or a voiding clears the chain."""
    standing: list[Step] = []
    for step in steps:
        if step.kind in ("return", "void"):
            standing = []
        elif step.kind == "sign":
            standing.append(step)
    return standing


def returned_to(steps: list[Step]) -> str | None:
    """Whose opinion came back: the drafter of a chain whose latest step is a return."""
    if not steps or steps[-1].kind != "return":
        return None
    drafter = signatures(steps[:-1])
    return drafter[0].login if drafter else None


def state_of(steps: list[Step]) -> str:
    for step in reversed(steps):
        if step.kind == "answer":
            return APPROVED if step.judgement == "不涉密" else REFUSED
        if step.kind == "escalate":
            return ESCALATED
        if step.kind in ("return", "void"):
            break
    standing = signatures(steps)
    if standing and standing[0].judgement == "涉密":
        return REFUSED
    return (DRAFTING, REVIEWING, APPROVING, APPROVED)[len(standing)]


def stale(steps: list[Step], current_hash: str) -> bool:
    """The text changed after a signature: every signature on it is void."""
    return any(s.content_hash != current_hash for s in signatures(steps))


def sign(steps: list[Step], actor: UserInfo, current_hash: str, judgement: str | None) -> Outcome:
    state = state_of(steps)
    if state not in WAITING_FOR:
        raise IllegalTransition(f"审查当前为“{STATE_NAMES[state]}”，不能再签署")
    role = WAITING_FOR[state]
    if role not in actor.roles:
        raise PermissionDenied(f"本步骤须由“{role}”签署，当前用户 {actor.login}（{actor.name}）没有该角色")
    if any(s.login == actor.login for s in signatures(steps)):
        raise PermissionDenied(f"{actor.name}已在本审查中签署过，三级审查须由三名不同人员签署")
    if role == CLERK:
        if judgement not in JUDGEMENTS:
            raise InvalidInput("judgement", f"承办人须作出判断：{'、'.join(JUDGEMENTS)}")
        if judgement == "不确定":
            raise IllegalTransition("判断为“不确定”的，应以《保密审查送审函》报送保密部门审查")
    elif judgement is not None:
        raise InvalidInput("judgement", "只有承办人作出涉密判断")
    step = Step("sign", actor.login, role, judgement, current_hash)
    return Outcome(state_of(steps + [step]), step)


def return_to_drafter(steps: list[Step], actor: UserInfo, current_hash: str) -> Outcome:
    state = state_of(steps)
    if state not in (REVIEWING, APPROVING):
        raise IllegalTransition(f"审查当前为“{STATE_NAMES[state]}”，没有可退回的意见")
    role = WAITING_FOR[state]
    if role not in actor.roles:
        raise PermissionDenied(f"退回须由“{role}”作出，当前用户 {actor.login}（{actor.name}）没有该角色")
    step = Step("return", actor.login, role, None, current_hash)
    return Outcome(DRAFTING, step)


def escalate(steps: list[Step], actor: UserInfo, current_hash: str) -> Outcome:
    state = state_of(steps)
    if state in (APPROVED, REFUSED, ESCALATED):
        raise IllegalTransition(f"审查当前为“{STATE_NAMES[state]}”，不能送审")
    if not set(actor.roles) & set(SIGNING_ORDER):
        raise PermissionDenied("送审须由承办人、办公室主任或分管领导办理")
    return Outcome(ESCALATED, Step("escalate", actor.login, None, None, current_hash))


def answer(steps: list[Step], actor: UserInfo, current_hash: str, approve: bool) -> Outcome:
    if state_of(steps) != ESCALATED:
        raise IllegalTransition("只有已送保密部门审查的事项才能登记审查结论")
    if SECRECY not in actor.roles:
        raise PermissionDenied(f"保密部门的审查结论须由“{SECRECY}”登记，当前用户 {actor.login}（{actor.name}）没有该角色")
    step = Step("answer", actor.login, SECRECY, "不涉密" if approve else "涉密", current_hash)
    return Outcome(APPROVED if approve else REFUSED, step)


# The review record a catalogue entry or gazette document carries in its file (the 审查表 in
# data form) is a human-readable copy; publishing is decided from the database's steps.
SIGNED_BY, BUREAU_APPROVES, BUREAU_REFUSES = "签署", "同意公开", "不予公开"


def blocked(steps: list[Step] | None, current_hash: str) -> str | None:
    """Why an item may not be published, or None when its steps are a completed review
    of exactly the current text. None: the item has no review at all."""
    if steps is None:
        return "未经保密审查"
    signed = signatures(steps)
    if [s.role for s in signed] != list(SIGNING_ORDER[:len(signed)]):
        return "保密审查签署顺序不符（应为承办人→办公室主任→分管领导）"
    if len({s.login for s in signed}) != len(signed) or not all(s.login for s in signed):
        return "保密审查签署人重复或缺失，三级审查须由三名不同人员签署"
    state = state_of(steps)
    if state == REFUSED:
        return "保密审查结论为不予公开"
    if state != APPROVED:
        return f"保密审查未完成（{STATE_NAMES[state]}）"
    decisive = [steps[-1]] if steps[-1].kind == "answer" else signed
    if any(s.content_hash != current_hash for s in decisive):
        return "审查后文本已修改，须重新保密审查"
    return None


STEP_NAMES = {"sign": "签署", "return": "退回", "escalate": "送保密部门", "answer": "登记审查结论", "void": "签署作废"}


def offered(state: str, actor: UserInfo) -> tuple[str, ...]:
    """The steps worth offering this person now (the functions above still decide)."""
    if state == ESCALATED:
        return ("answer",) if SECRECY in actor.roles else ()
    if state not in WAITING_FOR:
        return ()
    steps = []
    if WAITING_FOR[state] in actor.roles:
        steps.append("sign")
        if state != DRAFTING:
            steps.append("return")
    if set(actor.roles) & set(SIGNING_ORDER):
        steps.append("escalate")
    return tuple(steps)
