"""The request state machine: which action is allowed in which state, what it
needs, what it changes. Pure: takes the request as it is and returns the
change; `core.requests` writes it in one transaction.

Sources: seed 004 依申请公开制度第六条; 条例第三十条–第三十八条; rules.md §3–§4."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from core.calendar.regimes import Regime
from core.chinese import TEXT_LIMIT, plain
from core.errors import IllegalTransition, InvalidInput, PermissionDenied
from core.organisation.roles import UserInfo
from core.requests import deadline as clock
from core.requests import fees, outcomes

RECEIVED, AWAITING_CORRECTION, ACCEPTED, CONSULTING, SUSPENDED, AWAITING_FEE, DECIDED, WITHDRAWN, REPLIED, CLOSED = (
    "received", "awaiting_correction", "accepted", "consulting", "suspended", "awaiting_fee", "decided",
    "withdrawn", "replied", "closed")

STATE_NAMES = {
    RECEIVED: "待受理", AWAITING_CORRECTION: "待补正", ACCEPTED: "办理中", CONSULTING: "征求意见中",
    SUSPENDED: "已中止", AWAITING_FEE: "待缴费", DECIDED: "已决定待答复", WITHDRAWN: "已撤回",
    REPLIED: "已答复", CLOSED: "已办结",
}
OPEN_STATES = (RECEIVED, AWAITING_CORRECTION, ACCEPTED, CONSULTING, SUSPENDED, AWAITING_FEE, DECIDED)

ACTION_NAMES = {
    "accept": "受理", "decline": "告知非本机关", "correct": "通知补正", "corrected": "收到补正",
    "withdraw": "撤回申请", "consult": "征求意见", "consulted": "征求意见结束", "extend": "延期",
    "suspend": "中止", "resume": "恢复", "fee": "收费通知", "paid": "已缴费", "waive": "减免收费",
    "decide": "作出决定", "reply": "答复送达", "close": "办结", "amend": "更正日期",
}
ACTIONS = tuple(ACTION_NAMES)

# Which actions each state allows (the rest are refused with the reason).
# An applicant may withdraw at any point before the reply (其他处理 3).
ALLOWED: dict[str, tuple[str, ...]] = {
    RECEIVED: ("accept", "decline", "correct", "withdraw"),
    AWAITING_CORRECTION: ("corrected", "withdraw"),
    ACCEPTED: ("consult", "extend", "suspend", "fee", "decide", "withdraw"),
    CONSULTING: ("consulted", "extend", "withdraw"),
    SUSPENDED: ("resume", "withdraw"),
    AWAITING_FEE: ("paid", "waive", "withdraw", "extend"),
    DECIDED: ("reply", "decide", "withdraw"),  # decided again when the review refuses what was to be released
    WITHDRAWN: ("close",),
    REPLIED: ("close",),
    CLOSED: (),
}
# A date recorded in error is corrected by a new, reasoned event (the audit chain is never edited),
# until the request is closed.
for _state in ALLOWED:
    if _state != CLOSED:
        ALLOWED[_state] += ("amend",)

# The request column each dated action set, which an amendment of its date sets again.
AMENDABLE = {"receive": "received", "accept": "accepted_on", "decide": "decided_on", "decline": "decided_on",
             "withdraw": "decided_on", "reply": "replied_on", "correct": None, "corrected": None, "consult": None,
             "consulted": None, "extend": None, "suspend": None, "resume": None, "fee": None, "paid": None,
             "waive": None}

# The clock event each action records for the deadline (core.deadline).
CLOCK_EVENTS = {
    "receive": clock.RECEIVED, "accept": clock.ACCEPTED, "correct": clock.CORRECTION_REQUESTED,
    "corrected": clock.CORRECTED, "consult": clock.CONSULTATION_STARTED, "consulted": clock.CONSULTATION_ENDED,
    "suspend": clock.SUSPENDED, "resume": clock.RESUMED, "fee": clock.FEE_NOTICE, "paid": clock.FEE_PAID,
    "waive": clock.FEE_WAIVED, "extend": clock.EXTENDED, "reply": clock.REPLIED, "withdraw": clock.WITHDRAWN,
    # a past ledger's decision, imported: the day it was answered closes the window
    "imported_decision": clock.REPLIED,
}


def clock_event(action: str, date: dt.date, data: dict) -> clock.ClockEvent | None:
    """The clock event an action's recorded event stands for, if any."""
    kind = CLOCK_EVENTS.get(action)
    if kind is None:
        return None
    days = data.get("days") if action == "extend" else data.get("period_days") if action == "correct" else None
    return clock.ClockEvent(kind, date, days)


@dataclass(frozen=True)
class Snapshot:
    """What the state machine needs to know about a request."""

    state: str
    regime: Regime
    received: dt.date
    last_event_date: dt.date
    final_due: dt.date | None
    extension_days: int
    outcome: str | None
    fee_items_this_month: int  # this applicant's requests this month, this one included
    reply_cleared: bool = False  # the 答复书 as it stands passed its 保密审查
    deadline: clock.Deadline | None = None  # as it stands before the action: its side periods (补正, 缴费)
    fee_method: str | None = None  # the method already charged, if any
    fee_amount: int | None = None  # the amount the fee notice asked for
    corrections_sent: int = 0  # 补正 notices already sent
    history: tuple[tuple[int, str, dt.date], ...] = ()  # (seq, action, date) of every event so far, for amend


@dataclass(frozen=True)
class Params:
    date: dt.date
    reason: str | None = None
    outcome: str | None = None
    reason_code: int | None = None
    days: int | None = None
    items: tuple[str, ...] = ()
    period_days: int | None = None
    agency: str | None = None  # decline: the agency that holds the information
    method: str | None = None
    pages: int | None = None
    letter: str | None = None
    published: str | None = None  # decide 予以公开: where the information is already published (条例第三十六条第（一）项)
    event: int | None = None  # amend: the number (#) of the event whose date was recorded in error
    corrected: dt.date | None = None  # amend: the date it should have had


@dataclass(frozen=True)
class Change:
    state: str
    fields: dict = field(default_factory=dict)  # request columns to set
    data: dict = field(default_factory=dict)  # recorded in the event

    def record(self, current: dict) -> tuple[dict, dict]:
        """(column values to write, event data) for a request whose present
        column values are `current`: the event keeps what changed, before and after."""
        before = {k: current.get(k) for k in self.fields}
        before["state"] = current["state"]
        after = {**self.fields, "state": self.state}
        return after, {"before": before, "after": after, **{k: v for k, v in self.data.items() if v is not None}}


def allowed(state: str) -> tuple[str, ...]:
    return ALLOWED[state]


def _need(value, field_name: str, message: str):
    if value is None or value == "" or value == ():
        raise InvalidInput(field_name, message)
    return value


def checked(p: Params) -> Params:
    """`p` with its free text trimmed and checked (see chinese.plain), or an error naming the field."""
    texts = {name: plain(name, value, limit) for name, limit in _TEXTS if (value := getattr(p, name)) is not None}
    items = tuple(plain("items", i, 500) or "" for i in p.items)
    if items == p.items and all(value == getattr(p, name) for name, value in texts.items()):
        return p  # already as recorded: most actions carry no text at all
    return replace(p, **texts, items=items)


_TEXTS = (("reason", TEXT_LIMIT), ("agency", 200), ("method", 8), ("letter", 200), ("published", 500))


def apply(snap: Snapshot, action: str, p: Params, actor: UserInfo, today: dt.date) -> Change:
    if action not in ACTION_NAMES:
        raise InvalidInput("action", f"未知操作 {action!r}，应为 {' / '.join(ACTIONS)} 之一")
    p = checked(p)
    name = ACTION_NAMES[action]
    if action not in ALLOWED[snap.state]:
        permitted = "、".join(ACTION_NAMES[a] for a in ALLOWED[snap.state]) or "无"
        raise IllegalTransition(f"申请当前状态为“{STATE_NAMES[snap.state]}”，不能{name}（可进行：{permitted}）")
    if p.date > today:
        raise InvalidInput("date", f"{name}日期 {p.date} 晚于今天 {today}")
    if p.date < snap.last_event_date and action != "amend":
        raise InvalidInput("date", f"{name}日期 {p.date} 早于上一步骤日期 {snap.last_event_date}")
    return _HANDLERS[action](snap, p, actor)


def _accept(snap, p, actor):
    return Change(ACCEPTED, {"accepted_on": p.date})


def _decline(snap, p, actor):
    # 条例第三十六条（五）: not this agency's information — say who holds it. Reported as 无法提供 1.
    agency = _need(p.agency, "agency", "请填写负责公开该信息的机关名称")
    return Change(DECIDED, {"outcome": outcomes.UNAVAILABLE, "reason_code": 1, "decided_on": p.date},
                  {"redirect_to": agency, "reason": p.reason})


def _correct(snap, p, actor):
    # 条例第三十条: within 7 working days of receipt, every correction at once.
    if snap.corrections_sent:
        raise IllegalTransition("已通知过补正：补正事项应一次性告知（条例第三十条），不能再次通知补正")
    items = tuple(i.strip() for i in p.items if i.strip())
    _need(items, "items", "请一次性列出需要补正的全部事项")
    period = _need(p.period_days, "period_days", "请给出补正期限（工作日数）")
    if not 1 <= period <= 60:  # a sanity bound, not a rule: the 条例 asks only for a 合理的 period
        raise InvalidInput("period_days", "补正期限应为 1–60 个工作日")
    notice_within = snap.regime.inherited("correction_notice_within")
    data = {"items": list(items), "period_days": period}
    if notice_within:
        data["notice_within"] = notice_within
    notice_by = snap.deadline.correction_notice_by if snap.deadline else None
    if notice_by is not None and p.date > notice_by:
        late = _need(p.reason, "reason", f"补正告知期限 {notice_by} 已过（收到申请之日起{notice_within}个工作日，"
                                         "条例第三十条），须说明逾期告知的原因")
        data["late_reason"] = late
    return Change(AWAITING_CORRECTION, {}, data)


def _corrected(snap, p, actor):
    return Change(RECEIVED)


WITHDRAWAL_REASONS = {1: "逾期不补正", 2: "逾期未缴费", 3: "申请人撤回"}


def _withdraw(snap, p, actor):
    """其他处理 1: the correction period ran out (条例第三十条, 视为放弃申请); 2: the payment
    period ran out (国办函〔2020〕109号); 3: the applicant withdrew, in any state."""
    code = p.reason_code or 3
    if code not in WITHDRAWAL_REASONS:
        raise InvalidInput("reason_code", "撤回理由编号应为 1（逾期不补正）、2（逾期未缴费）或 3（申请人撤回）")
    d = snap.deadline
    if code == 1:
        if snap.state != AWAITING_CORRECTION or d is None or d.correction_due is None:
            raise IllegalTransition("只有已通知补正、正在等待补正的申请才能以“逾期不补正”视为撤回")
        if p.date <= d.correction_due:
            raise IllegalTransition(f"补正期限至 {d.correction_due} 止，期满后才能以“逾期不补正”视为撤回")
    elif code == 2:
        if snap.state != AWAITING_FEE or d is None or d.payment_due is None:
            raise IllegalTransition("只有已发出收费通知、正在等待缴费的申请才能以“逾期未缴费”视为撤回")
        if p.date <= d.payment_due:
            raise IllegalTransition(f"缴费期限至 {d.payment_due} 止，期满后才能以“逾期未缴费”视为撤回")
    else:
        _need(p.reason, "reason", "请说明申请人撤回申请的方式（如书面撤回申请书）")
    return Change(WITHDRAWN, {"outcome": outcomes.OTHER, "reason_code": code, "decided_on": p.date},
                  {"reason": p.reason})


def _consult(snap, p, actor):
    _need(p.reason, "reason", "请说明征求意见的对象和事项")
    data = {"reason": p.reason}
    third_party_days = snap.regime.inherited("third_party_reply_days")
    if third_party_days:
        data["third_party_reply_days"] = third_party_days
    return Change(CONSULTING, {}, data)


def _consulted(snap, p, actor):
    return Change(ACCEPTED, {}, {"reason": p.reason})


def _extend(snap, p, actor):
    regime = snap.regime
    if regime.extension_approver not in actor.roles:
        raise PermissionDenied(f"延期须经“{regime.extension_approver}”批准，当前用户 {actor.login}（{actor.name}）没有该角色")
    reason = _need(p.reason, "reason", "请说明延期的理由（将书面告知申请人）")
    if snap.extension_days:
        raise IllegalTransition(f"该申请已延期{snap.extension_days}个工作日，不能再次延期")
    days = p.days if p.days is not None else regime.extension_max_days
    if not 1 <= days <= regime.extension_max_days:
        raise InvalidInput("days", f"延期最长不得超过{regime.extension_max_days}个工作日")
    if snap.final_due is not None and p.date > snap.final_due:
        raise IllegalTransition(f"原答复期限 {snap.final_due} 已过，不能再延期")
    return Change(snap.state, {"extension_days": days}, {"days": days, "reason": reason})


def _suspend(snap, p, actor):
    if "suspension" not in snap.regime.paused_by:
        raise IllegalTransition(f"“{snap.regime.name}”没有中止期限的规定")
    return Change(SUSPENDED, {}, {"reason": _need(p.reason, "reason", "请说明中止的事由（不可抗力或其他法定事由）")})


def _resume(snap, p, actor):
    return Change(ACCEPTED, {}, {"reason": p.reason})


def _fee(snap, p, actor):
    # 国办函〔2020〕109号: one request is charged by item or by volume, never both, and once.
    if snap.fee_method:
        raise IllegalTransition(f"该申请已按{snap.fee_method[1]}发出过收费通知，同一申请只能收费一次"
                                "（按件、按量只能选择一种）")
    method = _need(p.method, "method", f"请选择收费方式：{'、'.join(fees.METHODS)}")
    if method == fees.BY_ITEM:
        amount = fees.by_item(snap.fee_items_this_month)
        basis = {"nth_in_month": snap.fee_items_this_month}
    elif method == fees.BY_VOLUME:
        pages = _need(p.pages, "pages", "按量收费须填写页数")
        amount, basis = fees.by_volume(pages), {"pages": pages}
    else:
        raise InvalidInput("method", f"收费方式应为 {'、'.join(fees.METHODS)} 之一")
    if amount == 0 and method == fees.BY_VOLUME:  # the pages typed are what makes it free
        raise InvalidInput("pages", f"{basis['pages']}页按量计算的信息处理费为0元，无需发出收费通知")
    if amount == 0:
        raise IllegalTransition(f"按{method[1]}计算的信息处理费为0元，无需发出收费通知")
    data = {"method": method, "amount": amount, **basis}
    payment_days = snap.regime.inherited("fee_payment_days")
    if payment_days:
        data["payment_days"] = payment_days
    return Change(AWAITING_FEE, {"fee_method": method, "fee_amount": amount, "fee_status": "待缴"}, data)


def _paid(snap, p, actor):
    # The amount is recorded with the payment: the report sums what was paid, not what is asked now.
    return Change(ACCEPTED, {"fee_status": "已缴"}, {"amount": snap.fee_amount})


def _waive(snap, p, actor):
    return Change(ACCEPTED, {"fee_status": "减免"}, {"reason": _need(p.reason, "reason", "请说明减免的理由")})


def _decide(snap, p, actor):
    kind, code = outcomes.check(p.outcome, p.reason_code)
    if kind != outcomes.DISCLOSED:
        # 条例第三十六条第（三）项 and 第三十七条: a refusal, in whole or in part, states its reasons.
        _need((p.reason or "").strip(), "reason", f"“{kind}”须说明具体理由（条例第三十六条），理由将写入答复书")
    published = (p.published or "").strip() or None
    if published and kind != outcomes.DISCLOSED:
        raise InvalidInput("published", "只有“予以公开”的决定可以注明已主动公开的获取途径")
    return Change(DECIDED, {"outcome": kind, "reason_code": code, "decided_on": p.date},
                  {"reason": p.reason, "published": published})


def _reply(snap, p, actor):
    # 保密审查制度第五条: information is released only after the three-level review approved it.
    if snap.outcome in outcomes.DISCLOSING and not snap.reply_cleared:
        raise IllegalTransition(f"“{snap.outcome}”的答复书须经保密审查通过后才能送达"
                                "（承办人、办公室主任、分管领导三级签署后再答复；申请详情按 V 发起或查看）")
    return Change(REPLIED, {"replied_on": p.date}, {"letter": p.letter})


def _close(snap, p, actor):
    return Change(CLOSED)


def _amend(snap, p, actor):
    """A wrong date is corrected by recording the right one with the reason; deadlines,
    letters and the report then use it, and the original event stays as it was."""
    reason = _need((p.reason or "").strip(), "reason", "请说明更正的原因（如录入错误），将记入办理记录")
    events = {seq: (action, date) for seq, action, date in snap.history}
    if p.event not in events:
        raise InvalidInput("event", f"没有第{p.event}条办理记录" if p.event else "请填写要更正的办理记录序号（#）")
    action, old = events[p.event]
    if action not in AMENDABLE:
        raise IllegalTransition(f"第{p.event}条办理记录（{ACTION_NAMES.get(action, action)}）的日期不能更正")
    new = _need(p.corrected, "corrected", "请填写更正后的日期")
    if new == old:
        raise InvalidInput("corrected", f"第{p.event}条办理记录的日期已是 {old}")
    if new > p.date:
        raise InvalidInput("corrected", f"更正后的日期 {new} 晚于今天 {p.date}")
    earlier = [d for seq, (_, d) in events.items() if seq < p.event]
    later = [d for seq, (a, d) in events.items() if seq > p.event and a in AMENDABLE]
    if earlier and new < max(earlier):
        raise InvalidInput("corrected", f"更正后的日期 {new} 早于前一条办理记录的日期 {max(earlier)}")
    if later and new > min(later):
        raise InvalidInput("corrected", f"更正后的日期 {new} 晚于后一条办理记录的日期 {min(later)}")
    if action == "receive" and new.year != old.year:
        raise InvalidInput("corrected", "收到日期的更正不能跨年度（申请编号含年度）：请撤回后重新登记")
    column = AMENDABLE[action]
    return Change(snap.state, {column: new} if column else {},
                  {"event": p.event, "amended": action, "from": old.isoformat(), "to": new.isoformat(),
                   "reason": reason})


_HANDLERS = {
    "accept": _accept, "decline": _decline, "correct": _correct, "corrected": _corrected, "withdraw": _withdraw,
    "consult": _consult, "consulted": _consulted, "extend": _extend, "suspend": _suspend, "resume": _resume,
    "fee": _fee, "paid": _paid, "waive": _waive, "decide": _decide, "reply": _reply, "close": _close,
    "amend": _amend,
}
