"""The demo database that `make run` opens: one officer per role at the city
government office and, on request, realistic requests spread over the last
two years in every state and outcome.

Requests are bulk-loaded for speed (100,000 in well under two minutes), but
every step goes through the same state machine (`lifecycle.apply`), deadline
function and hash chain as an officer's action, so `audit verify` passes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
from dataclasses import dataclass

import peewee as pw

from core.calendar import regimes
from core.calendar.workdays import WorkCalendar, calendar
from core.errors import GongkaiError, IllegalTransition
from core.organisation import roles, users
from core.organisation.roles import UserInfo
from core.publish.gazette import store as gazette
from core.requests import applicants, lifecycle, outcomes
from core.requests.deadline import ClockEvent, compute
from core.requests.service import receive_record
from core.review import store as reviews
from core.store import audit, migrations, settings
from core.store.db import column_values, database, insert_values, is_sqlite
from core.store.models import Event, Request, Review, User, UserRole

DEMO_AGENCY = "YXSZFB"
DEMO_USERS = (
    ("zhaomin", "赵敏", (roles.CLERK,)),
    ("qianli", "钱立", (roles.OFFICE_DIRECTOR, roles.SECRECY)),
    ("sunhong", "孙宏", (roles.LEADER,)),
)
AGENCY_WEIGHTS = {"YXSZFB": 40, "YXZRZYJ": 12, "YXZJJ": 10, "YXRSJ": 8, "YXSTHJJ": 6, "YXCZJ": 6, "YXFGW": 5,
                  "YXJTYSJ": 5, "YXSCJGJ": 4, "YXWJW": 4}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文玉兰红梅海燕志强云华丽萍晓东春梅国庆建国"
ORGS = {"商业企业": ["玉溪{}建材有限公司", "云南{}房地产开发有限公司", "玉溪市{}物流有限公司", "红塔区{}商贸有限公司"],
        "科研机构": ["云南省{}研究院", "玉溪师范学院{}研究所"],
        "社会公益组织": ["玉溪市{}公益服务中心", "玉溪{}慈善协会"],
        "法律服务机构": ["云南{}律师事务所", "玉溪{}法律服务所"],
        "其他": ["{}村民委员会", "玉溪市{}业主委员会"]}
TOPICS = ["征地补偿安置方案", "旧城改造项目规划许可", "政务云运维经费预算执行情况", "星云湖水质监测报告",
          "城市公交线路调整论证材料", "住房公积金缴存基数调整依据", "农村危房改造补助名单", "某小区消防验收意见",
          "行政处罚决定书", "市级财政专项资金分配结果", "建设用地规划条件", "环境影响评价审批文件",
          "最低生活保障标准调整文件", "道路拓宽工程立项批复", "学校划片招生范围", "医保定点机构名单"]
REGIONS = ("530402", "530403", "530422", "530423", "530424", "530425", "530426", "530427", "530481")


@dataclass(frozen=True)
class DemoReport:
    users_added: tuple[str, ...]
    requests_added: int = 0


def fill(request_count: int = 0, today: dt.date | None = None, seed: int = 2025) -> DemoReport:
    """Add the demo officers that are missing (safe to run twice), then
    `request_count` generated requests. Only on a training database: demo replies
    are attributed to officers, and must never mix with an office's real records."""
    if not settings.training():
        raise IllegalTransition("演示数据只能加入培训数据库：请用 gongkai init --training 新建一个数据库后再运行 gongkai demo")
    added = []
    for login, name, roles in DEMO_USERS:
        if users.get(login) is None:
            users.add(login, name, DEMO_AGENCY, list(roles), by="gongkai demo")
            added.append(login)
    _review_gazette(today or dt.date.today())
    if request_count:
        today = today or dt.date.today()
        _load_requests(request_count, today, random.Random(seed))
        _open_reply_reviews(today)
        _complaints(today, random.Random(seed))
    return DemoReport(tuple(added), request_count)


def _review_gazette(today: dt.date) -> None:
    """The shipped gazette issue, reviewed by the three demo officers, so that the demo site
    publishes it (the site trusts the database's reviews, never the copies in the files)."""
    clerk, director, leader = (users.get(login) for login, _, _ in DEMO_USERS[:3])
    reviewed = {r.subject_ref for r in Review.select(Review.subject_ref).where(Review.subject_kind == "gazette")}
    for doc in gazette.all_documents():
        ref = f"{doc.path.parent.name}/{doc.path.name}"
        if ref in reviewed:
            continue
        review = reviews.create("gazette", ref, clerk, today)
        reviews.act(review.id, "sign", clerk, today, opinion="不涉及国家秘密", judgement="不涉密")
        reviews.act(review.id, "sign", director, today, opinion="同意")
        reviews.act(review.id, "sign", leader, today, opinion="同意公开")


def _open_reply_reviews(today: dt.date) -> None:
    """Disclosing decisions not yet sent wait for their 保密审查: the reviewers' queue has work.
    Opened by the administrator, who acts for every agency the demo requests are spread over."""
    admin = User.select(User.login).join(UserRole).where(UserRole.role == roles.ADMIN).first()
    clerk = users.get(admin.login)
    waiting = Request.select(Request.number).where(Request.state == lifecycle.DECIDED,
                                                   Request.outcome.in_(outcomes.DISCLOSING))
    opened = {r.subject_ref for r in Review.select(Review.subject_ref).where(Review.subject_kind == "reply")}
    for row in waiting:
        if row.number not in opened:
            reviews.create("reply", row.number, clerk, today)


COMPLAINTS = (  # (grounds, content, how far it got)
    ("1", "申请公开{}，超过答复期限未收到任何答复", "archive"),
    ("2", "门户网站的政府信息公开目录长期未更新，{}仍为旧版本", "rectify"),
    ("3", "申请{}时被要求缴纳检索费，未说明收费依据", "reply"),
    ("1,2", "{}已经印发，但未在网站主动公开", "supervise"),
    ("6", "答复书未告知救济途径，涉及{}", "investigate"),
    ("4", "有中介声称可以付费代为获取{}", "accept"),
    ("2", "网站上的{}链接失效", None),
)


def _complaints(today: dt.date, rng: random.Random) -> None:
    """举报投诉 about other bodies, handled by the city office, at every step; the complainants are
    invented like the applicants (the list and the bodies never see them)."""
    from core.oversight import complaints

    if complaints.Complaint.select().exists():
        return
    clerk = users.get(DEMO_USERS[0][0])
    bodies = [code for code in AGENCY_WEIGHTS if code != DEMO_AGENCY]
    steps = ("accept", "investigate", "supervise", "reply", "rectify", "archive")
    for n, (grounds, content, reached) in enumerate(COMPLAINTS):
        received = today - dt.timedelta(days=80 - 11 * n)
        person = _applicant(rng)
        made = complaints.create(complaints.Intake(
            bodies[n % len(bodies)], received, complaints.CHANNELS[n % len(complaints.CHANNELS)],
            complaints.parse_grounds(grounds), content.format(rng.choice(TOPICS)),
            person["applicant_name"] if n % 3 else None, person.get("applicant_phone")), clerk, today)
        day = received
        for step in steps[:steps.index(reached) + 1] if reached else ():
            day = min(today, day + dt.timedelta(days=rng.randint(1, 9)))
            founded = reached in ("rectify", "archive")
            complaints.act(made.number, step, clerk, today, date=day,
                           note={"investigate": "调取办理记录核实", "supervise": "请说明情况并报送整改方案",
                                 "rectify": "已在网站补充公开并报送整改报告"}.get(step),
                           finding=("成立" if founded else "不成立") if step == "reply" else None,
                           follow_up="在门户网站补充公开并更新目录" if step == "reply" and founded else None,
                           follow_up_due=day + dt.timedelta(days=20) if step == "reply" and founded else None)


def _resident_id(rng: random.Random) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
    first17 = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + applicants.resident_id_check(first17)


def _credit_code(rng: random.Random) -> str:
    first17 = "915304" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(11))
    return first17 + applicants.uscc_check(first17)


def _applicant(rng: random.Random) -> dict:
    kind = rng.choices(applicants.APPLICANT_TYPES, weights=(78, 10, 2, 3, 4, 3))[0]
    if kind == applicants.NATURAL_PERSON:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        ident = _resident_id(rng)
    else:
        name = rng.choice(ORGS[kind]).format(rng.choice(("红塔", "江川", "澄江", "通海", "华宁", "易门", "峨山", "新平")))
        ident = _credit_code(rng)
    return {"applicant_type": kind, "applicant_name": name, "applicant_id": ident,
            "applicant_phone": f"1{rng.choice('35789')}{rng.randrange(10**9):09d}",
            "applicant_address": f"玉溪市红塔区{rng.choice(('玉兴路', '聂耳路', '红塔大道', '珊瑚路'))}{rng.randrange(1, 300)}号"}


def _decision(rng: random.Random) -> dict:
    kind = rng.choices(outcomes.KINDS[:5], weights=(45, 12, 8, 18, 7))[0]
    reasons = outcomes.REASONS[kind]
    code = rng.randrange(len(reasons)) + 1 if reasons else None
    reason = None if kind == outcomes.DISCLOSED else f"经检索和审查，{outcomes.describe(kind, code)}"
    return {"outcome": kind, "reason_code": code, "reason": reason}


def _plan(rng: random.Random, regime: regimes.Regime) -> list[tuple[str, dict]]:
    """A path through the state machine: (action, parameters) in order."""
    r = rng.random()
    if r < 0.06:
        return [("correct", {"items": ("请明确所需信息的名称、文号或其他特征描述",), "period_days": 15}),
                ("withdraw", {"reason_code": 1})]
    if r < 0.10:
        return [("correct", {"items": ("请补充申请人身份证明",), "period_days": 10}), ("corrected", {}),
                ("accept", {}), ("decide", _decision(rng)),
                ("reply", {"letter": "答复告知书"}), ("close", {})]
    if r < 0.13:
        return [("decline", {"agency": "玉溪市自然资源和规划局"}), ("reply", {"letter": "非本机关信息告知书"}),
                ("close", {})]
    path: list[tuple[str, dict]] = [("accept", {})]
    extra = rng.random()
    if extra < 0.08:
        path += [("consult", {"reason": "涉及第三方个人隐私，书面征求第三方意见"}), ("consulted", {})]
    elif extra < 0.12 and "suspension" in regime.paused_by:
        path += [("suspend", {"reason": "所需档案在异地调阅，障碍消除后恢复"}), ("resume", {})]
    elif extra < 0.14:
        path += [("fee", {"method": "按量", "pages": rng.randrange(40, 300)}),
                 ("paid", {}) if rng.random() < 0.7 else ("waive", {"reason": "申请人为低保户，依规减免"})]
    elif extra < 0.15:
        path += [("fee", {"method": "按量", "pages": rng.randrange(40, 300)}), ("withdraw", {"reason_code": 2})]
        return path + [("close", {})]
    if rng.random() < 0.10:
        path.append(("extend", {"reason": "申请内容涉及多个部门，需协调核实"}))
    if rng.random() < 0.01:
        return path  # stalled: it will show as overdue
    path += [("decide", _decision(rng)), ("reply", {"letter": "答复告知书"}),
             ("close", {})]
    return path


@dataclass(frozen=True)
class _Setting:
    """What every generated request's history is made with (read before the workers start)."""

    today: dt.date
    cal: WorkCalendar
    yuxi: regimes.Regime
    national: regimes.Regime
    clerk: UserInfo
    leader: UserInfo
    handler_id: int


@dataclass(frozen=True)
class _Planned:
    """One request as numbered in order; its history is drawn from its own seed, so the same
    demo comes out whatever number of processes generate it."""

    id: int
    number: str
    agency: str
    seq: int
    received: dt.date
    national: bool
    seed: int


CHUNK = 5_000
REQUEST_COLUMNS = [f.name for f in Request._meta.sorted_fields]
EVENT_COLUMNS = [f.name for f in Event._meta.sorted_fields if f.name != "id"]
_setting: _Setting | None = None  # the workers' copy, inherited when they are forked


def _load_requests(count: int, today: dt.date, rng: random.Random) -> None:
    global _setting
    loaded = regimes.load()
    _setting = _Setting(today, calendar(), loaded.get("yuxi"), loaded.get("national-2019"), users.get("zhaomin"),
                        users.get("sunhong"), User.get(User.login == "zhaomin").id)
    agencies, weights = list(AGENCY_WEIGHTS), list(AGENCY_WEIGHTS.values())
    start_day = today - dt.timedelta(days=730)
    received_days = sorted(start_day + dt.timedelta(days=rng.randrange(731)) for _ in range(count))
    seqs = {(a, y): s for a, y, s in Request.select(Request.agency, Request.year, pw.fn.MAX(Request.seq))
            .group_by(Request.agency, Request.year).tuples()}
    next_id = (Request.select(pw.fn.MAX(Request.id)).scalar() or 0) + 1
    planned = []
    for offset, received in enumerate(received_days):
        agency = rng.choices(agencies, weights)[0]
        seq = seqs[(agency, received.year)] = seqs.get((agency, received.year), 0) + 1
        planned.append(_Planned(next_id + offset, f"{agency}-{received.year}-{seq:04d}", agency, seq, received,
                                rng.random() < 0.1, rng.getrandbits(64)))
    chunks = [planned[i:i + CHUNK] for i in range(0, len(planned), CHUNK)]
    workers = min(os.cpu_count() or 1, len(chunks))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        made = map(_histories, chunks)
        _insert_all(made)
        return
    # Generating histories is nearly all the work and each request's is its own: the machine's cores
    # share it (forked, so each worker already holds the calendar and the officers), while this process
    # writes what they return, in order.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        _insert_all(pool.imap(_histories, chunks))


def _insert_all(made) -> None:
    for requests, events in made:
        with database.atomic():
            insert_values(Request, REQUEST_COLUMNS, requests)
            insert_values(Event, EVENT_COLUMNS, events)
            # In the same transaction as the rows: a load killed between two batches leaves the
            # numbering and the id sequences where the committed rows end.
            database.execute_sql(migrations.COUNT_REQUESTS)
            migrations.repair_sequences()
    # A bulk load changes the tables' shape: refresh the planner's statistics. PostgreSQL's VACUUM
    # also marks the new pages all-visible, without which its covering indexes are not read alone
    # (autovacuum would get there, later).
    database.execute_sql("ANALYZE" if is_sqlite() else "VACUUM (ANALYZE) request, event")


def _histories(chunk: list[_Planned]) -> tuple[list[tuple], list[tuple]]:
    requests, events = [], []
    for planned in chunk:
        row, history = _history(planned, _setting)
        requests.append(row)
        events.extend(history)
    return column_values(Request, REQUEST_COLUMNS, requests), column_values(Event, EVENT_COLUMNS, events)


def _history(planned: _Planned, setting: _Setting) -> tuple[dict, list[dict]]:
    """One request's row and events, every step through the state machine and the hash chain."""
    rng = random.Random(planned.seed)
    cal, today, clerk = setting.cal, setting.today, setting.clerk
    regime = setting.national if planned.national else setting.yuxi
    received, number = planned.received, planned.number
    values = {"regime": regime.code, "received": received, "channel": rng.choice(applicants.CHANNELS),
              **_applicant(rng), "content": f"{received.year - rng.choice((0, 1))}年{rng.choice(TOPICS)}",
              "form_wanted": rng.choice(applicants.FORMS)}
    salt, receipt = receive_record(values)
    row = {"id": planned.id, "number": number, "agency": planned.agency, "year": received.year, "seq": planned.seq,
           "handler": setting.handler_id, "state": lifecycle.RECEIVED, "extension_days": 0, "personal_salt": salt,
           **values}
    events = [audit.event_row(planned.id, number, 1, audit.GENESIS, clerk.login, "receive", received, receipt)]
    clock = [ClockEvent("received", received)]
    date = received
    deadline, computed_for = None, 0
    for action, extra in _plan(rng, regime):
        date = cal.add(date, rng.choice((0, 1, 1, 2, 3, 5, 8)))
        if date > today:
            break
        # An action reads the deadline's dates (due, 补正 and payment periods), which only a new clock
        # event moves; the day's own figures (days left) it does not read.
        if computed_for != len(clock):
            deadline, computed_for = compute(clock, regime, cal, date), len(clock)
        if action == "withdraw" and extra.get("reason_code") in (1, 2):  # deemed withdrawn once the period ran out
            date = cal.add(deadline.correction_due if extra["reason_code"] == 1 else deadline.payment_due, 1)
            if date > today:
                break
        # Generated history stands for replies whose 保密审查 was done before the system was in use.
        snap = lifecycle.Snapshot(row["state"], regime, received, date, deadline.final_due,
                                  row["extension_days"], row.get("outcome"), 1, reply_cleared=True,
                                  deadline=deadline, fee_method=row.get("fee_method"),
                                  fee_amount=row.get("fee_amount"),
                                  corrections_sent=sum(1 for e in events if e["action"] == "correct"))
        actor = setting.leader if action == "extend" else clerk
        try:
            change = lifecycle.apply(snap, action, lifecycle.Params(date=date, **extra), actor, today)
        except GongkaiError:  # e.g. an extension after the window ran out: the officer could not either
            break
        after, data = change.record(row)
        row.update(after)
        events.append(audit.event_row(planned.id, number, len(events) + 1, events[-1]["hash"], actor.login,
                                      action, date, data))
        event = lifecycle.clock_event(action, date, data)
        if event:
            clock.append(event)
    if computed_for != len(clock) or deadline.final_due is None:  # without a date, today's date matters
        deadline = compute(clock, regime, cal, today)
    row.update(due=deadline.final_due, provisional=deadline.provisional, head_hash=events[-1]["hash"],
               version=len(events))
    return row, events
