"""举报投诉 about a body's disclosure work (seed 004 举报调查制度): intake by channel and ground,
the handling steps 受理 → 调查 / 督办 → 答复 (with the finding and, where it holds, the follow-up
asked of the body) → 整改 → 归档, each a stored step and an event of the system chain.

第八条: 对举报人应予保密. Who complained is kept in its own table, readable only by the handling
office (on PostgreSQL the database refuses anyone else); the body complained about, a leader of
another body and every export see at most a masked form, and a full reading is itself audited."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from core import files
from core.calendar import regimes
from core.calendar.workdays import calendar
from core.chinese import plain, refuse_invisible
from core.errors import IllegalTransition, InvalidInput, NotFound, PermissionDenied
from core.organisation import agencies
from core.organisation.roles import ADMIN, LEADER, UserInfo
from core.requests import applicants, letters
from core.store import audit, settings
from core.store.db import database, is_sqlite, write_transaction
from core.store.models import Agency, Complainant, Complaint, ComplaintStep

CHANNELS = ("来信", "来访", "电话", "电子邮件", "口头")
# 举报调查制度第三条: what a complaint may be about.
GROUNDS = {
    1: "不依法履行政府信息公开义务",
    2: "不及时更新公开的政府信息内容、政府信息公开指南和政府信息公开目录",
    3: "违反规定收取费用",
    4: "通过其他组织、个人以有偿服务方式提供政府信息",
    5: "公开不应当公开的政府信息",
    6: "违反《中华人民共和国政府信息公开条例》规定的其他行为",
}
FINDINGS = ("成立", "部分成立", "不成立")
FOUNDED = ("成立", "部分成立")

RECEIVED, ACCEPTED, INVESTIGATING, SUPERVISING, REPLIED, ARCHIVED = (
    "received", "accepted", "investigating", "supervising", "replied", "archived")
STATE_NAMES = {RECEIVED: "待受理", ACCEPTED: "已受理", INVESTIGATING: "调查中", SUPERVISING: "督办中",
               REPLIED: "已答复", ARCHIVED: "已归档"}
STEPS = {"accept": "受理", "investigate": "调查", "supervise": "督办", "reply": "答复", "rectify": "整改",
         "archive": "归档"}
_HANDLING = ("investigate", "supervise", "reply")
ALLOWED = {RECEIVED: ("accept",), ACCEPTED: _HANDLING, INVESTIGATING: _HANDLING, SUPERVISING: _HANDLING,
           REPLIED: ("rectify", "archive"), ARCHIVED: ()}
AFTER = {"accept": ACCEPTED, "investigate": INVESTIGATING, "supervise": SUPERVISING, "reply": REPLIED,
         "archive": ARCHIVED}
HIDDEN = "（保密）"
ANONYMOUS = "匿名"
_NUMBER_LOCK = 0x676F6E676B6A62  # serialises numbering on PostgreSQL


@dataclass(frozen=True)
class Intake:
    agency: str  # the body complained about
    received: dt.date
    channel: str
    grounds: tuple[int, ...]
    content: str
    name: str | None = None  # none: anonymous
    phone: str | None = None
    address: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Person:
    """Who complained, as this viewer may see them."""

    name: str
    phone: str
    address: str
    email: str
    masked: bool

    def as_json(self) -> dict:
        return {"name": self.name, "phone": self.phone, "address": self.address, "email": self.email,
                "masked": self.masked}


@dataclass(frozen=True)
class Step:
    seq: int
    kind: str
    date: dt.date
    login: str
    note: str | None

    def as_json(self) -> dict:
        return {"seq": self.seq, "kind": self.kind, "name": STEPS[self.kind], "date": self.date, "login": self.login,
                "note": self.note}


@dataclass(frozen=True)
class ComplaintView:
    number: str
    handler: str
    agency: str
    agency_name: str
    received: dt.date
    channel: str
    grounds: tuple[int, ...]
    content: str
    state: str
    accepted_on: dt.date | None
    due: dt.date | None
    replied_on: dt.date | None
    finding: str | None
    follow_up: str | None
    follow_up_due: dt.date | None
    rectified_on: dt.date | None
    archived_on: dt.date | None
    regime: str
    overdue: bool
    steps: tuple[Step, ...]
    complainant: Person | None  # None: this viewer may not know who complained
    version: int

    @property
    def state_name(self) -> str:
        if self.state == REPLIED and self.rectified_on:
            return "已整改"
        return STATE_NAMES[self.state]

    @property
    def founded(self) -> bool:
        return self.finding in FOUNDED

    def grounds_text(self) -> str:
        return "、".join(f"（{_CN[g]}）{GROUNDS[g]}" for g in self.grounds)

    def as_json(self) -> dict:
        return {"number": self.number, "handler": self.handler, "agency": self.agency,
                "agency_name": self.agency_name, "received": self.received, "channel": self.channel,
                "grounds": list(self.grounds), "content": self.content, "state": self.state,
                "state_name": self.state_name, "accepted_on": self.accepted_on, "due": self.due,
                "replied_on": self.replied_on, "finding": self.finding, "follow_up": self.follow_up,
                "follow_up_due": self.follow_up_due, "rectified_on": self.rectified_on,
                "archived_on": self.archived_on, "overdue": self.overdue, "regime": self.regime,
                "steps": [s.as_json() for s in self.steps],
                "complainant": self.complainant.as_json() if self.complainant else HIDDEN}


_CN = dict(enumerate("一二三四五六", 1))


def parse_grounds(text: str | list | tuple) -> tuple[int, ...]:
    """`1,3` (or a list of numbers): the items of 第三条 the complaint is about."""
    items = text if isinstance(text, (list, tuple)) else str(text or "").replace("，", ",").replace("、", ",").split(",")
    found = set()
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        if not item.isdigit() or int(item) not in GROUNDS:
            raise InvalidInput("grounds", f"举报事项应为第三条第（一）至（六）项的编号 1–6，收到 {item!r}")
        found.add(int(item))
    if not found:
        raise InvalidInput("grounds", "请选择举报事项（第三条第（一）至（六）项，可多选，如 1,3）")
    return tuple(sorted(found))


def _seeing(actor: UserInfo):
    """Whether `actor` may see a complaint, given its (handler, body): the handling office, the body
    complained about and any body above it, a leader or the administrator."""
    if actor.has(ADMIN) or actor.has(LEADER):
        return lambda handler, body: True
    mine = {actor.agency, *agencies.under(actor.agency)}
    return lambda handler, body: handler == actor.agency or body in mine


def knows_complainant(actor: UserInfo, handler: str, body: str) -> bool:
    """第八条: only the handling office's own officers may learn who complained."""
    return actor.agency == handler and actor.agency != body


def mask_email(value: str | None) -> str:
    if not value:
        return ""
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def _person(found: Complainant | None, reveal: bool) -> Person:
    if found is None or not found.name and not found.phone and not found.email:
        return Person(ANONYMOUS, "", "", "", False)
    if reveal:
        return Person(found.name or ANONYMOUS, found.phone or "", found.address or "", found.email or "", False)
    return Person(applicants.mask_name(found.name) if found.name else ANONYMOUS, applicants.mask_id(found.phone),
                  "（已隐去）" if found.address else "", mask_email(found.email), True)


def _complainant(complaint_id: int) -> Complainant | None:
    return Complainant.get_or_none(Complainant.complaint == complaint_id)


def _row(number: str) -> Complaint:
    row = Complaint.get_or_none(Complaint.number == (number or "").strip())
    if row is None:
        raise NotFound(f"举报投诉 {number} 不存在")
    return row


def _steps(row: Complaint) -> tuple[Step, ...]:
    return tuple(Step(s.seq, s.kind, s.date, s.login, s.note) for s in
                 ComplaintStep.select().where(ComplaintStep.complaint == row.id).order_by(ComplaintStep.seq))


def is_overdue(row: Complaint, today: dt.date) -> bool:
    """Not answered by its due date: still open past it, or answered after it."""
    if row.due is None:
        return False
    return (row.replied_on or today) > row.due


def view(number: str, actor: UserInfo, today: dt.date, *, reveal: bool = False) -> ComplaintView:
    """The complaint as `actor` may see it. The complainant: hidden from all but the handling office,
    masked for it unless `reveal`, and a revealed reading is recorded in the system chain."""
    row = _row(number)
    if not _seeing(actor)(row.handler_id, row.agency_id):
        raise PermissionDenied(f"{actor.name}属于{actor.agency_name}，不能查看该举报投诉")
    person = None
    if knows_complainant(actor, row.handler_id, row.agency_id):
        person = _person(_complainant(row.id), reveal)
        if reveal:
            _record_read(actor, [row.number], "show")
    elif reveal:
        raise PermissionDenied("举报人信息只有受理机关的工作人员可以查看（举报调查制度第八条）")
    return _view(row, _steps(row), person, today)


def _record_read(actor: UserInfo, numbers: list[str], via: str) -> None:
    with write_transaction():
        audit.system_event(actor.login, "complainant_read", {"complaints": numbers, "via": via})


def _view(row: Complaint, steps: tuple[Step, ...], person: Person | None, today: dt.date,
          body_name: str | None = None) -> ComplaintView:
    return ComplaintView(row.number, row.handler_id, row.agency_id, body_name or agencies.name_of(row.agency_id),
                         row.received,
                         row.channel, tuple(int(g) for g in row.grounds.split(",")), row.content, row.state,
                         row.accepted_on, row.due, row.replied_on, row.finding, row.follow_up, row.follow_up_due,
                         row.rectified_on, row.archived_on, row.regime, is_overdue(row, today), steps, person,
                         row.version)


def _identity_in(text: str, values: list[str | None]) -> str | None:
    squeezed = "".join(text.split())
    return next((v for v in values if v and len(v) >= 2 and "".join(v.split()) in squeezed), None)


@dataclass(frozen=True)
class _Checked:
    body: Agency
    grounds: tuple[int, ...]
    content: str
    name: str | None
    phone: str | None
    email: str | None
    address: str | None


def check_intake(intake: Intake, actor: UserInfo, today: dt.date) -> _Checked:
    """Every refusal `create` would give, without writing: the form asks before it confirms."""
    body = agencies.existing(intake.agency, "complained_agency")
    # 举报调查制度第二条: to a body above the one complained about, or to the 主管部门 (the city's office);
    # never to the body itself or one under it, who would learn who complained (第八条).
    handler = agencies.existing(actor.agency)
    if body.code == handler.code or body.code in agencies.above(handler.code) or not (
            handler.code in agencies.above(body.code) or handler.level == "city"):
        raise InvalidInput("complained_agency", f"{agencies.name_of(handler.code)}不能受理针对"
                           f"{agencies.name_of(body.code)}的举报投诉：应由其上级行政机关、监察机关或政府信息公开工作"
                           "主管部门受理（举报调查制度第二条），以免举报人信息为被举报单位知悉（第八条）")
    if intake.channel not in CHANNELS:
        raise InvalidInput("complaint_channel", f"举报方式应为 {'、'.join(CHANNELS)} 之一")
    if intake.received > today:
        raise InvalidInput("received", f"收到日期 {intake.received} 晚于今天")
    grounds = parse_grounds(intake.grounds)
    content = (intake.content or "").strip()
    if not content:
        raise InvalidInput("complaint_content", "请填写举报投诉的内容")
    refuse_invisible("complaint_content", "举报内容", content)
    name = plain("complainant_name", intake.name, 100)
    phone = applicants.check_phone(intake.phone, "complainant_phone") if (intake.phone or "").strip() else None
    email = applicants.check_email(intake.email, "complainant_email") if (intake.email or "").strip() else None
    address = plain("complainant_address", intake.address, 200)
    # The content goes to the body complained about (督办): it may not carry who complained.
    leaked = _identity_in(content, [name, phone, email])
    if leaked:
        raise InvalidInput("complaint_content", f"举报内容中含有举报人的信息“{leaked}”：内容将转给被举报单位核查，请删去后再登记"
                                                "（举报调查制度第八条）")
    return _Checked(body, grounds, content, name, phone, email, address)


def create(intake: Intake, actor: UserInfo, today: dt.date) -> ComplaintView:
    """Log a complaint for the actor's own office to handle; one transaction."""
    c = check_intake(intake, actor, today)
    regime = agencies.regime_of(actor.agency)
    salt = secrets.token_hex(16)
    with write_transaction():
        if not is_sqlite():
            database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_NUMBER_LOCK,))
        year = intake.received.year
        last = Complaint.select(Complaint.seq).where(Complaint.handler == actor.agency, Complaint.year == year) \
            .order_by(Complaint.seq.desc()).first()
        seq = (last.seq if last else 0) + 1
        number = f"{actor.agency}-JB-{year}-{seq:04d}"
        row = Complaint.create(number=number, handler=actor.agency, agency=c.body.code, year=year, seq=seq,
                               received=intake.received, channel=intake.channel,
                               grounds=",".join(map(str, c.grounds)), content=c.content, state=RECEIVED,
                               regime=regime.code, complainant_salt=salt)
        Complainant.insert(complaint=row.id, name=c.name, phone=c.phone, address=c.address, email=c.email).execute()
        # The chain commits to who complained by a salted hash, never holding it.
        identity = audit.canonical({"name": c.name, "phone": c.phone, "address": c.address, "email": c.email})
        audit.system_event(actor.login, "complaint_new", {
            "complaint": number, "agency": c.body.code, "received": intake.received.isoformat(),
            "channel": intake.channel, "grounds": list(c.grounds), "content": c.content,
            "complainant": audit.salted(salt, identity)})
    return view(number, actor, today)


def _due(regime_code: str, accepted: dt.date) -> dt.date:
    window = regimes.load().get(regime_code).inherited("complaint")
    if window is None:
        raise IllegalTransition(f"期限制度 {regime_code} 没有规定举报投诉的答复期限（regimes.yaml 的 complaint）")
    if window.counted == "自然日":
        return accepted + dt.timedelta(days=window.reply_days)
    return calendar().add(accepted, window.reply_days)


NOTE_FIELDS = {"investigate": ("investigation", "请填写调查情况"), "supervise": ("supervision", "请填写督办事项"),
               "rectify": ("rectification", "请填写整改落实情况")}


def _changes(row: Complaint, steps: tuple[Step, ...], kind: str, actor: UserInfo, today: dt.date, date: dt.date,
             note: str | None, finding: str | None, follow_up: str | None, follow_up_due: dt.date | None,
             version: int | None) -> dict:
    """What the step changes on the complaint, or the refusal (nothing is written here)."""
    if not (actor.agency == row.handler_id or actor.has(ADMIN)) or actor.agency == row.agency_id:
        raise PermissionDenied(f"{actor.name}属于{actor.agency_name}，举报投诉 {row.number} 由"
                               f"{agencies.name_of(row.handler_id)}办理")
    if version is not None and version != row.version:
        raise IllegalTransition(f"举报投诉 {row.number} 已被他人更新，请刷新后重试")
    if kind not in ALLOWED[row.state]:
        raise IllegalTransition(f"举报投诉当前为“{STATE_NAMES[row.state]}”，不能{STEPS[kind]}")
    last = max([row.received] + [s.date for s in steps])
    if date < last:
        raise InvalidInput("date", f"办理日期 {date} 早于上一步的日期 {last}")
    changes: dict = {"version": row.version + 1}
    if kind in NOTE_FIELDS and not note:
        raise InvalidInput(*NOTE_FIELDS[kind])
    if kind == "accept":
        changes.update(accepted_on=date, due=_due(row.regime, date))
    elif kind == "reply":
        if finding not in FINDINGS:
            raise InvalidInput("finding", f"请作出调查结论：{'、'.join(FINDINGS)}")
        changes.update(replied_on=date, finding=finding)
        if finding in FOUNDED:
            if not follow_up:
                raise InvalidInput("follow_up", "举报事项成立的，请写明责成被举报单位整改的事项")
            if follow_up_due is None:
                raise InvalidInput("follow_up_due", "请填写整改期限")
            if follow_up_due < date:
                raise InvalidInput("follow_up_due", f"整改期限 {follow_up_due} 早于答复日期 {date}")
            changes.update(follow_up=follow_up, follow_up_due=follow_up_due)
        elif follow_up or follow_up_due:
            raise InvalidInput("follow_up", "举报事项不成立的，无需整改")
    elif kind == "rectify":
        if row.finding not in FOUNDED:
            raise IllegalTransition("举报事项不成立，没有需要落实的整改")
        if row.rectified_on:
            raise IllegalTransition(f"整改已于 {row.rectified_on} 登记落实")
        changes.update(rectified_on=date)
    elif kind == "archive":
        if row.finding in FOUNDED and not row.rectified_on:
            raise IllegalTransition("举报事项查实的，须先登记整改落实情况才能归档（监督检查制度第五条：件件有落实）")
        changes.update(archived_on=date)
    if kind in AFTER:
        changes["state"] = AFTER[kind]
    return changes


def _step_inputs(kind: str, today: dt.date, date: dt.date | None, note: str | None,
                 follow_up: str | None) -> tuple[dt.date, str | None, str | None]:
    if kind not in STEPS:
        raise InvalidInput("action", f"办理步骤应为 {'、'.join(f'{k}（{v}）' for k, v in STEPS.items())} 之一")
    note = plain(NOTE_FIELDS.get(kind, ("note",))[0], note)
    follow_up = plain("follow_up", follow_up)
    date = date or today
    if date > today:
        raise InvalidInput("date", f"办理日期 {date} 晚于今天")
    return date, note, follow_up


def check_step(number: str, kind: str, actor: UserInfo, today: dt.date, *, date: dt.date | None = None,
               note: str | None = None, finding: str | None = None, follow_up: str | None = None,
               follow_up_due: dt.date | None = None, version: int | None = None) -> None:
    """The refusal `act` would give, without writing: the form asks before it confirms."""
    date, note, follow_up = _step_inputs(kind, today, date, note, follow_up)
    row = _row(number)
    _changes(row, _steps(row), kind, actor, today, date, note, finding, follow_up, follow_up_due, version)


def act(number: str, kind: str, actor: UserInfo, today: dt.date, *, date: dt.date | None = None,
        note: str | None = None, finding: str | None = None, follow_up: str | None = None,
        follow_up_due: dt.date | None = None, version: int | None = None) -> ComplaintView:
    """One handling step by the handling office, in one transaction."""
    date, note, follow_up = _step_inputs(kind, today, date, note, follow_up)
    with write_transaction():
        row = _row(number)
        steps = _steps(row)
        changes = _changes(row, steps, kind, actor, today, date, note, finding, follow_up, follow_up_due, version)
        updated = Complaint.update(**changes).where(Complaint.id == row.id, Complaint.version == row.version).execute()
        if updated != 1:
            raise IllegalTransition(f"举报投诉 {row.number} 已被他人更新，请刷新后重试")
        ComplaintStep.create(complaint=row.id, seq=len(steps) + 1, kind=kind, date=date, login=actor.login, note=note,
                             at=dt.datetime.now().replace(microsecond=0))
        audit.system_event(actor.login, f"complaint_{kind}", {
            "complaint": row.number, "date": date.isoformat(), "note": note, "finding": finding,
            "follow_up": changes.get("follow_up"),
            "follow_up_due": follow_up_due.isoformat() if changes.get("follow_up_due") else None,
            "due": changes["due"].isoformat() if "due" in changes else None})
    return view(number, actor, today)


@dataclass(frozen=True)
class Filter:
    agency: str | None = None  # the body complained about
    year: int | None = None
    state: str | None = None
    overdue: bool = False


def search(f: Filter, actor: UserInfo, today: dt.date) -> list[ComplaintView]:
    """The complaints this officer may see, newest first, without who complained (a list is read
    over a shoulder; `view` shows the person, masked)."""
    query = Complaint.select().order_by(Complaint.received.desc(), Complaint.id.desc())
    if f.agency:
        query = query.where(Complaint.agency == f.agency)
    if f.year:
        query = query.where(Complaint.year == f.year)
    if f.state:
        if f.state not in STATE_NAMES:
            raise InvalidInput("state", f"状态应为 {'、'.join(STATE_NAMES)} 之一")
        query = query.where(Complaint.state == f.state)
    sees = _seeing(actor)
    names = {a.code: agencies.primary_name(a.name) for a in Agency.select(Agency.code, Agency.name)}
    return [_view(row, (), None, today, names.get(row.agency_id)) for row in query
            if sees(row.handler_id, row.agency_id) and (not f.overdue or is_overdue(row, today))]


def letter(number: str, kind: str, actor: UserInfo, today: dt.date) -> letters.Letter:
    """A letter of the complaint: 受理告知 and 答复 to the complainant (the handling office only, the
    reading recorded), 督办 and 整改通知 to the body (never naming who complained)."""
    if kind not in letters.COMPLAINT_KINDS:
        raise InvalidInput("kind", f"举报投诉的文书类型应为 {'、'.join(letters.COMPLAINT_KINDS)} 之一")
    row = _row(number)
    handles = knows_complainant(actor, row.handler_id, row.agency_id)
    if not handles and not (kind in letters.TO_BODY and actor.has(ADMIN)):
        raise PermissionDenied(f"举报投诉的文书由{agencies.name_of(row.handler_id)}出具")
    shown = view(number, actor, today)
    step = {"举报受理": "accept", "举报督办": "supervise", "举报答复": "reply", "整改通知": "reply"}[kind]
    done = [s for s in shown.steps if s.kind == step]
    if not done:
        raise IllegalTransition(f"举报投诉 {number} 尚未{STEPS[step]}，不能出具{kind}文书")
    if kind == "整改通知" and not shown.founded:
        raise IllegalTransition("举报事项不成立，没有整改通知")
    regime = regimes.load().get(shown.regime)
    values = {"number": shown.number, "received": letters.cn_date(shown.received), "channel": shown.channel,
              "accepted": letters.cn_date(shown.accepted_on) if shown.accepted_on else "",
              "agency_name": shown.agency_name, "grounds": shown.grounds_text(), "content": shown.content,
              "basis": regime.inherited("complaint").basis, "due": letters.cn_date(shown.due) if shown.due else "",
              "note": done[-1].note or "", "finding": shown.finding or "", "follow_up": shown.follow_up or "",
              "follow_up_due": letters.cn_date(shown.follow_up_due) if shown.follow_up_due else ""}
    if kind == "举报答复" and shown.founded:
        values["follow_up_sentence"] = (f"本机关已责成{shown.agency_name}于{values['follow_up_due']}前完成整改："
                                        f"{shown.follow_up.rstrip('。')}。")
    if kind not in letters.TO_BODY:
        person = _person(_complainant(row.id), reveal=True)
        if person.name == ANONYMOUS:
            raise IllegalTransition("匿名举报没有可送达的举报人，不能出具该文书")
        values["complainant"] = person.name
        _record_read(actor, [row.number], f"letter:{kind}")
    template = letters.load_template(kind)
    return letters.Letter(kind, template.title, shown.number, letters.fill(template, values),
                          agencies.primary_name(Agency.get_by_id(shown.handler).name), done[-1].date,
                          settings.document_mark())


EXPORT_HEADERS = ("编号", "收到日期", "举报方式", "被举报单位", "举报事项", "举报内容", "状态", "受理日期", "答复期限",
                  "答复日期", "调查结论", "整改要求", "整改期限", "整改落实日期", "归档日期", "是否逾期",
                  "举报人", "联系电话", "电子邮箱", "通信地址")


def export(f: Filter, out: Path, fmt: str, actor: UserInfo, today: dt.date, *, reveal: bool = False) -> int:
    """The complaints as a spreadsheet. Who complained is masked, and shown only for the actor's own
    office's complaints; `reveal` writes it whole, for the handling office alone, audited."""
    from core.requests import ledger  # the spreadsheet writer (openpyxl) only for an export

    if fmt not in ("csv", "xlsx"):
        raise InvalidInput("format", "导出格式应为 csv 或 xlsx")
    rows = []
    numbers = []
    found = search(f, actor, today)
    mine = {c.number for c in found if knows_complainant(actor, c.handler, c.agency)}
    who = {c.complaint.number: c for c in Complainant.select(Complainant, Complaint.number).join(Complaint)
           .where(Complaint.number.in_(sorted(mine)))} if mine else {}
    for shown in found:
        if shown.number in mine:
            person = _person(who.get(shown.number), reveal)
            if reveal:
                numbers.append(shown.number)
        else:
            person = Person(HIDDEN, "", "", "", True)
        rows.append(ledger.safe_cells([
            shown.number, shown.received.isoformat(), shown.channel, shown.agency_name,
            "、".join(map(str, shown.grounds)), shown.content, shown.state_name, _iso(shown.accepted_on),
            _iso(shown.due), _iso(shown.replied_on), shown.finding or "", shown.follow_up or "",
            _iso(shown.follow_up_due), _iso(shown.rectified_on), _iso(shown.archived_on),
            "是" if shown.overdue else "否", person.name, person.phone, person.email, person.address]))
    if reveal and not numbers and rows:
        raise PermissionDenied("举报人信息只有受理机关的工作人员可以导出（举报调查制度第八条）")
    with files.replacing(out, 0o600 if reveal else 0o644) as partial:
        ledger.write_table(partial, fmt, EXPORT_HEADERS, rows, "举报投诉登记")
        if reveal:
            with write_transaction():
                audit.system_event(actor.login, "export_personal_data",
                                   {"what": "complainants", "complaints": numbers, "format": fmt, "file": str(out)})
    return len(rows)


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
